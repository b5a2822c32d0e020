//! The command line speaks the session's language on stderr — chosen like the interface's, by
//! `--lang`, then the config's `language`, then the locale — while the `PATH:LINE:COL:` start of
//! a message, the exit codes and everything on stdout stay as they are in every language.

mod common;

use std::path::Path;
use std::process::Command;

use common::{sample_copy, tally_bin};

/// Runs tally with the locale `lang` (and no config file of the user's): exit code, stdout,
/// stderr.
fn run_in(lang: &str, args: &[&str], dir: &Path) -> (i32, String, String) {
    let output = Command::new(tally_bin())
        .args(args)
        .env("TALLY_DATA_DIR", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env_remove("TALLY_CONFIG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .env("NO_COLOR", "1")
        .output()
        .expect("run tally");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const ZH: &str = "zh_CN.UTF-8";

#[test]
fn an_unknown_id_is_told_in_chinese_with_the_path_first() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let (code, out, err) = run_in(ZH, &["set", f, "999", "status=done"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert_eq!(err, format!("{f}: 没有编号为“999”的事项\n"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        tally::store::SAMPLE_JSON
    );
}

#[test]
fn english_reads_exactly_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    for lang in ["C.UTF-8", "en_US.UTF-8", ""] {
        let (code, _, err) = run_in(lang, &["set", f, "999", "status=done"], dir.path());
        assert_eq!(code, 2);
        assert_eq!(
            err,
            format!("{f}: no item with id \"999\"\n"),
            "LANG={lang}"
        );
    }
    let (_, _, err) = run_in(ZH, &["rm", f, "999", "--lang", "en"], dir.path());
    assert_eq!(err, format!("{f}: no item with id \"999\"\n"));
}

#[test]
fn the_flag_and_the_config_choose_the_language_as_for_the_interface() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let (_, _, err) = run_in("C.UTF-8", &["rm", f, "999", "--lang", "zh"], dir.path());
    assert!(err.contains("没有编号为“999”的事项"), "{err}");
    let config = dir.path().join("tally");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "language = \"zh\"\n").unwrap();
    let (_, _, err) = run_in("C.UTF-8", &["rm", f, "999"], dir.path());
    assert!(err.contains("没有编号为“999”的事项"), "config: {err}");
}

#[test]
fn every_kind_of_mistake_is_told_in_chinese_with_its_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let folder = dir.path().to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["set", f, "14", "status=late"], "未知的状态 `late`"),
        (vec!["set", f, "14", "colour=red"], "未知的字段 `colour`"),
        (vec!["set", f, "14", "status"], "应为 字段=值"),
        (vec!["set", f, "14", "title="], "标题不能为空"),
        (vec!["set", f, "14", "due=tomorrow"], "日期 `tomorrow` 无效"),
        (vec!["note", f, "14", "  "], "进展内容为空"),
        (vec!["metric", f, "14", "m", "lots"], "`lots` 不是数字"),
        (
            vec!["add", f, "--title", "t", "--id", "14"],
            "编号“14”已被使用",
        ),
        (vec!["add", f, "--title", " "], "标题为空"),
        (vec!["rm", folder, "14"], "是文件夹"),
        (vec!["show", f, "999"], "没有编号为“999”的事项"),
        (vec!["show", "nothing-here.json:3"], "没有这个文件"),
        (vec!["list", f, "--query", "status:late"], "--query：状态"),
        (
            vec!["export", f, "--format", "csv", "--since", "2023-01-01"],
            "只能与 --format markdown",
        ),
        (
            vec!["new", f, "--title", "x"],
            "已存在；`new` 不会覆盖已有文件",
        ),
        (
            vec!["validate", "missing.json"],
            "missing.json: 文件或文件夹不存在",
        ),
    ];
    for (args, expected) in cases {
        let (code, _, err) = run_in(ZH, &args, dir.path());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {expected:?} in {err:?}");
        let (code_en, _, err_en) = run_in("C", &args, dir.path());
        assert_eq!(code_en, code, "{args:?}");
        assert_ne!(err_en, err, "{args:?} said the same in English");
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        tally::store::SAMPLE_JSON
    );
}

#[test]
fn a_file_that_does_not_parse_keeps_its_place_first() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(&file, "{\n  \"title\": \"t\",\n  \"items\": [1,]\n}\n").unwrap();
    let f = file.to_str().unwrap();
    let (code, _, english) = run_in("C", &["validate", f], dir.path());
    let (code_zh, _, chinese) = run_in(ZH, &["validate", f], dir.path());
    assert_eq!((code, code_zh), (2, 2));
    let place = format!("{f}:3:15: ");
    assert!(english.starts_with(&place), "{english}");
    assert!(chinese.starts_with(&place), "{chinese}");
    assert_eq!(
        chinese,
        format!("{place}多余的逗号：JSON 不允许在 `]` 或 `}}` 前写逗号\n")
    );
    assert_eq!(
        english,
        format!("{place}trailing comma: JSON does not allow a comma before `]` or `}}`\n")
    );
}

#[test]
fn a_rarer_problem_keeps_its_english_words_behind_a_chinese_lead_in() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("odd.json");
    std::fs::write(&file, r#"{"title": "\ud800x", "items": []}"#).unwrap();
    let f = file.to_str().unwrap();
    let (_, _, english) = run_in("C", &["validate", f], dir.path());
    let (_, _, chinese) = run_in(ZH, &["validate", f], dir.path());
    let (place, english_words) = english.split_once(": ").unwrap();
    assert!(place.starts_with(&format!("{f}:1:")), "{english}");
    assert!(english_words.contains("hex escape"), "{english}");
    assert_eq!(chinese, format!("{place}: 文件内容有误：{english_words}"));
}

#[test]
fn where_a_value_of_the_wrong_kind_is_reads_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("odd.json");
    let text = r#"{"title": "t", "items": [{"id": "7", "title": "x", "progress": [{"date": "2023-01-01"}]}]}"#;
    std::fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let (_, _, english) = run_in("C", &["validate", f], dir.path());
    let (_, _, chinese) = run_in(ZH, &["validate", f], dir.path());
    let (place, words) = english.split_once(": ").unwrap();
    assert_eq!(
        words,
        "item \"7\": progress note 1: missing required field `text`\n"
    );
    assert_eq!(
        chinese,
        format!("{place}: 事项“7”：第 1 条进展：缺少必需的字段 `text`\n")
    );
    std::fs::write(&file, r#"{"title": 5, "items": []}"#).unwrap();
    let (_, _, chinese) = run_in(ZH, &["validate", f], dir.path());
    assert_eq!(
        chinese,
        format!("{f}:1:11: `title` 应为字符串，实际是数字\n")
    );
}

#[test]
fn a_refused_save_says_why_in_chinese_with_exit_code_1() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let f = file.to_str().unwrap();
    let (code, _, err) = run_in(ZH, &["set", f, "14", "status=done"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with(&format!("{f}: 无法保存：")), "{err}");
    assert!(err.contains("是只读的（权限 444"), "{err}");
    let (_, _, english) = run_in("C", &["set", f, "14", "status=done"], dir.path());
    assert_eq!(
        english,
        format!(
            "{f}: could not save: is read-only (mode 444, no write permission); nothing was written\n"
        )
    );
}

#[test]
fn what_scripts_read_on_stdout_is_the_same_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    for args in [
        vec!["list", f],
        vec!["list", f, "--json"],
        vec!["show", f, "14", "--json"],
        vec!["export", f, "--format", "csv"],
        vec!["export", f, "--format", "json"],
    ] {
        let (_, english, _) = run_in("C", &args, dir.path());
        let (_, chinese, _) = run_in(ZH, &args, dir.path());
        assert!(!english.is_empty(), "{args:?}");
        assert_eq!(english, chinese, "{args:?}");
    }
}

#[test]
fn an_import_that_finds_nothing_says_so_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("empty.txt");
    std::fs::write(&report, "日期:2023-10-01\n没有事项的一段话。\n").unwrap();
    let r = report.to_str().unwrap();
    let (code, _, english) = run_in("C", &["import", r], dir.path());
    let (code_zh, _, chinese) = run_in(ZH, &["import", r], dir.path());
    assert_eq!((code, code_zh), (2, 2), "{english}");
    assert_eq!(
        english,
        format!("{r}: no items found (an item starts with a line such as `第1项:`)\n")
    );
    assert_eq!(
        chinese,
        format!("{r}: 没有找到事项（事项以 `第1项:` 这样的行开头）\n")
    );
}

#[test]
fn config_init_refuses_to_replace_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = run_in(ZH, &["config", "init"], dir.path());
    assert_eq!(code, 0);
    let (code, _, chinese) = run_in(ZH, &["config", "init"], dir.path());
    let (_, _, english) = run_in("C", &["config", "init"], dir.path());
    assert_eq!(code, 2);
    let path = dir.path().join("tally").join("config.toml");
    let path = path.display();
    assert_eq!(chinese, format!("{path} 已存在（加 --force 可替换）\n"));
    assert_eq!(
        english,
        format!("{path} already exists (use --force to replace it)\n")
    );
}

#[test]
fn a_broken_config_is_reported_on_stderr_in_the_language_it_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let config = dir.path().join("tally");
    std::fs::create_dir_all(&config).unwrap();
    let path = config.join("config.toml");
    std::fs::write(&path, "language = \"zh\"\ntheme = \"neon\"\n").unwrap();
    let (code, out, err) = run_in("C", &["list", file.to_str().unwrap()], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\ton_track\t"), "{out}");
    let place = format!("{}:2:9: ", path.display());
    assert!(err.starts_with(&place), "{err}");
    assert!(err.contains("未知的主题 `neon`"), "{err}");
}

#[test]
fn git_setup_and_resolve_outside_a_merge_say_why_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let run = |lang: &str, args: &[&str]| {
        let output = Command::new(tally_bin())
            .args(args)
            .current_dir(dir.path())
            .env("XDG_CONFIG_HOME", dir.path())
            .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .expect("run tally");
        let err = String::from_utf8_lossy(&output.stderr).into_owned();
        (output.status.code(), err)
    };
    let here = dir.path().canonicalize().unwrap();
    let (code, err) = run(ZH, &["git-setup"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(": 不在 git 仓库中"), "{err}");
    let (_, english) = run("C", &["git-setup"]);
    assert!(english.contains(": not in a git repository"), "{english}");
    assert!(!here.join(".gitattributes").exists());
    let f = file.to_str().unwrap();
    let (code, err) = run(ZH, &["resolve", f]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(
        err,
        format!("{f}: git 中没有此文件未合并的版本（是否正在合并，且此文件有冲突？）\n")
    );
}

#[test]
fn a_csv_without_an_id_column_says_so_in_chinese_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("items.csv");
    std::fs::write(&csv, "title,status\n一项,done\n").unwrap();
    let c = csv.to_str().unwrap();
    let (code, _, english) = run_in("C", &["import", c], dir.path());
    let (_, _, chinese) = run_in(ZH, &["import", c], dir.path());
    assert_eq!(code, 2);
    assert_eq!(
        english,
        format!("{c}:1: the header row has no `id` column\n")
    );
    assert_eq!(chinese, format!("{c}:1: 表头行中没有 `id` 列\n"));
}
