use super::*;
use crate::config::Severity;

fn at(line: usize, column: usize) -> Option<Position> {
    Some(Position { line, column })
}

#[test]
fn every_setting_is_read() {
    let text = r#"
language = "zh"
theme = "light"
date_format = "%m月%d日"
data_dir = "/srv/reports"
mouse = false
osc52 = false

[keys]
quit = ["Q"]
down = "J"

[keys.triage]
reviewed_next = ["Enter", "Space"]
"#;
    let (config, problems) = parse(text);
    assert_eq!(problems, vec![]);
    assert_eq!(config.language.as_deref(), Some("zh"));
    assert_eq!(config.theme, Some(ThemeName::Light));
    assert_eq!(config.date_format.as_deref(), Some("%m月%d日"));
    assert_eq!(config.data_dir, Some("/srv/reports".into()));
    assert_eq!((config.mouse, config.osc52), (Some(false), Some(false)));
    let keys: Vec<(Option<&str>, &str, Vec<&str>)> = config
        .keys
        .iter()
        .map(|e| {
            (
                e.mode.as_ref().map(|m| m.value.as_str()),
                e.action.value.as_str(),
                e.keys.iter().map(|k| k.value.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        vec![
            (None, "quit", vec!["Q"]),
            (None, "down", vec!["J"]),
            (Some("triage"), "reviewed_next", vec!["Enter", "Space"]),
        ]
    );
    // Every key keeps its place, for messages.
    assert_eq!(Some(config.keys[0].keys[0].at), at(10, 9));
    assert_eq!(Some(config.keys[1].keys[0].at), at(11, 8));
    assert_eq!(Some(config.keys[2].action.at), at(14, 1));
}

#[test]
fn an_empty_file_is_the_defaults() {
    assert_eq!(parse(""), (Config::default(), vec![]));
}

#[test]
fn the_default_file_is_valid_and_sets_nothing() {
    assert_eq!(
        parse(crate::config::DEFAULT_TOML),
        (Config::default(), vec![])
    );
}

#[test]
fn a_syntax_error_says_where_and_gives_the_defaults() {
    let (config, problems) = parse("theme = \"light\"\nmouse = tru\n");
    assert_eq!(config, Config::default());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Error);
    assert_eq!(problems[0].at, at(2, 9));
}

#[test]
fn a_wrong_type_says_where_and_gives_the_defaults() {
    let (config, problems) = parse("theme = \"light\"\n\nmouse = \"yes\"\n");
    assert_eq!(config, Config::default());
    assert_eq!(problems[0].at, at(3, 9));
    assert!(problems[0].text.contains("bool"), "{}", problems[0].text);
}

#[test]
fn a_bad_value_drops_only_that_setting() {
    let (config, problems) = parse("theme = \"solarized\"\nmouse = false\n");
    assert_eq!(config.mouse, Some(false));
    assert_eq!(config.theme, None);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].at, at(1, 9));
    assert!(
        problems[0].text.contains("high-contrast"),
        "{}",
        problems[0].text
    );
}

#[test]
fn an_unknown_language_is_an_error() {
    let (config, problems) = parse("language = \"fr\"\n");
    assert_eq!(config.language, None);
    assert_eq!(problems[0].at, at(1, 12));
    assert!(
        problems[0].text.contains("en or zh"),
        "{}",
        problems[0].text
    );
}

#[test]
fn a_bad_date_format_is_an_error() {
    let (config, problems) = parse("date_format = \"%Q\"\n");
    assert_eq!(config.date_format, None);
    assert_eq!(problems[0].at, at(1, 15));
}

#[test]
fn an_unknown_setting_is_a_warning_and_the_rest_applies() {
    let (config, problems) = parse("mouse = false\ncolour = \"red\"\n");
    assert_eq!(config.mouse, Some(false));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Warning);
    assert_eq!(problems[0].at, at(2, 1));
    assert!(problems[0].text.contains("colour"));
}

#[test]
fn a_home_relative_data_dir_is_expanded() {
    let (config, _) = parse("data_dir = \"~/reports\"\n");
    let dir = config.data_dir.expect("a data dir");
    assert!(dir.ends_with("reports"));
    assert!(!dir.starts_with("~"), "{}", dir.display());
}

#[test]
fn the_documentation_names_every_setting_mode_and_action() {
    let docs = include_str!("../../docs/config.md");
    for setting in KNOWN {
        assert!(
            docs.contains(&format!("`{setting}`")) || setting == "keys",
            "{setting}"
        );
    }
    for context in crate::keymap::Context::ALL {
        let mode = crate::keymap::mode_name(context);
        assert!(docs.contains(&format!("| `{mode}` |")), "mode {mode}");
    }
    for intent in crate::app::Intent::NAMED {
        let name = intent.name();
        assert!(docs.contains(&format!("| `{name}` |")), "action {name}");
    }
}

#[test]
fn problems_read_in_chinese_on_screen_and_in_english_on_stderr() {
    let settings = crate::config::Settings::from_text(
        Some("/home/li/.config/tally/config.toml".into()),
        "theme = \"neon\"\n[keys]\nfly = [\"f\"]\nquit = [\"Ctrl-Hyper-x\"]\n",
    );
    let english: Vec<String> = settings.messages();
    assert_eq!(
        english[0],
        "/home/li/.config/tally/config.toml:1:9: error: unknown theme `neon` (expected dark, light, high-contrast)"
    );
    let chinese: Vec<String> = settings
        .problems
        .iter()
        .map(|p| settings.message_in(p, crate::lang::Lang::Zh))
        .collect();
    assert_eq!(
        chinese[0],
        "/home/li/.config/tally/config.toml:1:9: 错误：未知的主题 `neon`（应为 dark, light, high-contrast）"
    );
    assert!(
        chinese.iter().any(|m| m.contains("警告：未知的动作 `fly`")),
        "{chinese:?}"
    );
    assert!(
        chinese
            .iter()
            .any(|m| m.contains("`Ctrl-Hyper-x` 不是按键")),
        "{chinese:?}"
    );
}
