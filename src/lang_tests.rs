use std::collections::{BTreeMap, BTreeSet};

use super::*;

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

#[test]
fn the_flag_wins_over_config_and_environment() {
    let env = env_of(&[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(Lang::choose(Some(Lang::En), Some("zh"), &env), Lang::En);
    let env = env_of(&[("LANG", "en_US.UTF-8")]);
    assert_eq!(Lang::choose(Some(Lang::Zh), Some("en"), &env), Lang::Zh);
}

#[test]
fn the_config_wins_over_the_environment() {
    let env = env_of(&[("LC_ALL", "zh_CN.UTF-8")]);
    assert_eq!(Lang::choose(None, Some("en"), &env), Lang::En);
    let env = env_of(&[("LANG", "C")]);
    assert_eq!(Lang::choose(None, Some("zh-CN"), &env), Lang::Zh);
}

#[test]
fn an_unknown_configured_language_falls_through_to_the_environment() {
    let env = env_of(&[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(Lang::choose(None, Some("klingon"), &env), Lang::Zh);
}

#[test]
fn lc_all_then_lc_messages_then_lang() {
    let all = env_of(&[
        ("LC_ALL", "en_US.UTF-8"),
        ("LC_MESSAGES", "zh_CN.UTF-8"),
        ("LANG", "zh_CN.UTF-8"),
    ]);
    assert_eq!(Lang::choose(None, None, &all), Lang::En);
    let messages = env_of(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")]);
    assert_eq!(Lang::choose(None, None, &messages), Lang::Zh);
    let lang = env_of(&[("LANG", "zh_SG.UTF-8")]);
    assert_eq!(Lang::choose(None, None, &lang), Lang::Zh);
}

#[test]
fn an_empty_variable_counts_as_unset() {
    let env = env_of(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]);
    assert_eq!(Lang::choose(None, None, &env), Lang::Zh);
}

#[test]
fn traditional_chinese_locales_get_chinese_and_others_english() {
    for value in ["zh_TW.UTF-8", "zh_HK.Big5", "zh", "ZH_cn"] {
        assert_eq!(Lang::from_locale(value), Some(Lang::Zh), "{value}");
    }
    for value in [
        "C",
        "POSIX",
        "C.UTF-8",
        "en_GB.UTF-8",
        "fr_FR.UTF-8",
        "ja_JP.UTF-8",
    ] {
        assert_eq!(Lang::from_locale(value), Some(Lang::En), "{value}");
    }
    assert_eq!(Lang::from_locale(""), None);
}

#[test]
fn nothing_set_means_english() {
    assert_eq!(Lang::choose(None, None, env_of(&[])), Lang::En);
}

#[test]
fn names_people_write_are_parsed() {
    assert_eq!(Lang::parse("zh"), Some(Lang::Zh));
    assert_eq!(Lang::parse("zh-TW"), Some(Lang::Zh));
    assert_eq!(Lang::parse(" EN "), Some(Lang::En));
    assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
    assert_eq!(Lang::parse("de"), None);
    for lang in Lang::ALL {
        assert_eq!(Lang::parse(lang.code()), Some(lang));
    }
}

#[test]
fn lookups_use_the_language_given_not_a_global_one() {
    assert_eq!(tr(Lang::En, "pane.items"), "Items");
    assert_eq!(tr(Lang::Zh, "pane.items"), "事项");
    assert_eq!(tr(Lang::En, "pane.items"), "Items");
}

#[test]
fn placeholders_are_filled() {
    let text = trf(Lang::Zh, "header.files", &[("n", &39)]);
    assert_eq!(text, "39 个文件");
    assert!(!text.contains("%{"), "{text}");
}

#[test]
fn a_missing_key_shows_the_key() {
    assert_eq!(tr(Lang::Zh, "no.such.key"), "no.such.key");
}

fn files() -> BTreeMap<String, BTreeMap<String, String>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
    rust_i18n_support::load_locales(dir, |_| false)
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("%{")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

#[test]
fn every_key_is_in_every_language_with_the_same_placeholders() {
    let files = files();
    let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(files.keys().map(String::as_str).collect::<Vec<_>>(), codes);
    let english = &files["en"];
    assert!(english.len() > 100, "only {} strings", english.len());
    for (code, strings) in &files {
        let missing: Vec<&String> = english
            .keys()
            .filter(|k| !strings.contains_key(*k))
            .collect();
        let extra: Vec<&String> = strings
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{code} lacks {missing:?}");
        assert!(extra.is_empty(), "{code} has keys English lacks: {extra:?}");
        for (key, text) in strings {
            assert_eq!(
                placeholders(text),
                placeholders(&english[key]),
                "{code} {key}: {text}"
            );
            assert!(
                !text.trim().is_empty() || english[key].trim().is_empty(),
                "{code} {key} is empty"
            );
        }
    }
}

#[test]
fn the_compiled_in_sources_are_the_files_checked() {
    for (code, source) in SOURCES {
        assert!(!source.is_empty(), "{code}");
        assert!(Lang::parse(code).is_some(), "{code}");
    }
}

#[test]
fn text_from_files_is_put_in_as_it_is() {
    // A title that looks like a placeholder is not filled in again.
    let text = trf(
        Lang::En,
        "ask.delete_item",
        &[("id", &"%{title}"), ("title", &"a %{id} b")],
    );
    assert_eq!(text, "Delete item %{title} \"a %{id} b\"?");
}

#[test]
fn a_phrase_reads_in_the_language_asked_for_and_english_when_displayed() {
    let title = Phrase::new("form.edit_item").arg("id", 14);
    assert_eq!(title.text(Lang::Zh), "编辑事项 14");
    assert_eq!(title.to_string(), "Edit item 14");
}

#[test]
fn counts_take_the_one_and_other_forms() {
    assert_eq!(trn(Lang::En, "count.items", 1), "1 item");
    assert_eq!(trn(Lang::En, "count.items", 8), "8 items");
    assert_eq!(trn(Lang::Zh, "count.items", 1), "1 项");
}

/// Every `"section.key"` written in the source, for the sections the strings files have.
fn keys_in_source(sections: &BTreeSet<String>) -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut files,
    );
    let mut keys = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for literal in text.split('"').skip(1).step_by(2) {
            let Some((section, rest)) = literal.split_once('.') else {
                continue;
            };
            let plain = |s: &str| {
                !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.')
            };
            if sections.contains(section) && plain(section) && plain(rest) && !rest.ends_with('.') {
                keys.push((file.display().to_string(), literal.to_string()));
            }
        }
    }
    keys
}

#[test]
fn every_key_the_source_names_is_in_the_strings_files() {
    let files = files();
    let english = &files["en"];
    let sections: BTreeSet<String> = english
        .keys()
        .filter_map(|k| k.split_once('.').map(|(s, _)| s.to_string()))
        .collect();
    let keys = keys_in_source(&sections);
    assert!(keys.len() > 100, "only {} keys found", keys.len());
    let missing: Vec<&(String, String)> = keys
        .iter()
        .filter(|(_, key)| {
            !english.contains_key(key.as_str()) && !english.contains_key(&format!("{key}.one"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "keys missing from locales/en.toml: {missing:?}"
    );
}

#[test]
fn nested_phrases_and_lines_read_in_one_language() {
    let inner = Phrase::new("place.item").arg("n", 3);
    let outer = Phrase::new("parse.at")
        .with("place", inner)
        .with("problem", Phrase::new("parse.empty_id"));
    assert_eq!(outer.text(Lang::En), "item 3: `id` cannot be empty");
    assert_eq!(outer.text(Lang::Zh), "第 3 个事项：`id` 不能为空");
    let both = Phrase::lines(vec![outer.clone(), Phrase::plain("as it is")]);
    assert_eq!(both.text(Lang::Zh), "第 3 个事项：`id` 不能为空\nas it is");
    assert!(Phrase::plain("x").is_plain() && !outer.is_plain());
}

#[test]
fn a_part_quoting_a_file_stays_on_one_line() {
    let quoted = Phrase::new("error.unknown_status_name")
        .arg("text", "late\nr.json:1:1: all is well")
        .arg("list", "todo");
    let text = Phrase::new("file.at")
        .arg("place", "r.json:3:4")
        .with_line("problem", quoted)
        .text(Lang::Zh);
    assert!(text.starts_with("r.json:3:4: "), "{text}");
    assert!(!text.contains('\n'), "{text}");
}
