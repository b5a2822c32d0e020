//! The command-line contract: output formats, error messages with positions, and exit codes.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use common::{position_of, run_tally, sample_copy};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn validate_reports_each_good_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let output = run_tally(&["validate", file.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), format!("ok {}: 8 items\n", file.display()));
}

#[test]
fn validate_reports_position_and_expectation_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "{\"title\": \"t\",\n \"items\": [\n  {\"id\": \"1\", \"title\": \"外语\", \"due\": \"2023-13-01\"}\n]}",
            "\"2023-13-01",
            "item \"1\": `due`: invalid date `2023-13-01`",
        ),
        (
            "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\"}, {\"id\": \"1\", \"title\": \"b\"}]}",
            "\"1\", \"title\": \"b",
            "duplicate id \"1\" (first used on line 1)",
        ),
        (
            "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\", \"status\": \"late\"}]}",
            "\"late",
            "item \"1\": `status`: unknown status `late`",
        ),
        (
            "{\"title\": \"t\", \"items\": [\n",
            "\n",
            "EOF while parsing a list",
        ),
        ("", "", "the file is empty"),
    ];
    for (text, needle, expected) in cases {
        let file = dir.path().join("bad.json");
        fs::write(&file, text).unwrap();
        let output = run_tally(&["validate", file.to_str().unwrap()], dir.path());
        assert_eq!(output.status.code(), Some(2), "{text}");
        let message = stderr(&output);
        let position = if needle == "\n" {
            "2:1".to_string()
        } else {
            position_of(text, needle)
        };
        assert!(
            message.starts_with(&format!("{}:{position}: {expected}", file.display())),
            "expected {position}: {expected:?}, got {message:?}"
        );
        assert!(!message.contains("panicked") && !message.contains("backtrace"));
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            text,
            "the file is untouched"
        );
    }
}

#[test]
fn a_folder_validates_every_json_file_and_reports_all_failures() {
    let dir = tempfile::tempdir().unwrap();
    sample_copy(dir.path());
    fs::write(dir.path().join("b.json"), "{\"title\": 1, \"items\": []}").unwrap();
    fs::write(dir.path().join("notes.txt"), "not json").unwrap();
    let output = run_tally(&["validate", dir.path().to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("report.json: 8 items"));
    assert!(stderr(&output).contains("b.json:1:11: `title` must be a string, found a number"));
}

#[test]
fn missing_paths_and_folders_are_user_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.json");
    let output = run_tally(&["list", missing.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!("{}: No such file or directory\n", missing.display())
    );
}

#[test]
fn list_prints_id_status_title_in_file_order() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let output = run_tally(&["list", file.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8);
    assert_eq!(lines[0], "10\ton_track\t主场外交和重大国事活动服务保障");
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids, ["10", "11", "12", "13", "14", "16", "17", "126"]);
}

#[test]
fn list_filters_by_status_and_prints_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let output = run_tally(
        &["list", file.to_str().unwrap(), "--status", "at_risk"],
        dir.path(),
    );
    assert_eq!(stdout(&output), "13\tat_risk\t优化国际化环境和服务\n");
    let output = run_tally(&["list", file.to_str().unwrap(), "--json"], dir.path());
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 8);
    assert_eq!(value[4]["id"], "14");
    assert_eq!(value[4]["status"], "on_track");
    let output = run_tally(
        &["list", file.to_str().unwrap(), "--status", "late"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown status `late`"));
}

#[test]
fn show_prints_the_item_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let output = run_tally(&["show", file.to_str().unwrap(), "14"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.starts_with("14 · 网上国际服务平台和外语标识\n"),
        "{text}"
    );
    assert!(text.contains("北京艺术中心外语标识: 531 条"), "{text}");
    let dated = text.find("2023-07-28").unwrap();
    let undated = text.find("2023-10-07").unwrap();
    assert!(dated < undated, "notes are in date order");
}

#[test]
fn show_json_keeps_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let output = run_tally(
        &["show", file.to_str().unwrap(), "13", "--json"],
        dir.path(),
    );
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected: serde_json::Value = serde_json::from_str(tally::store::SAMPLE_JSON).unwrap();
    assert_eq!(value, expected["items"][3]);
}

#[test]
fn show_an_unknown_id_is_a_user_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let output = run_tally(&["show", file.to_str().unwrap(), "99"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!("{}: no item with id \"99\"\n", file.display())
    );
}

#[test]
fn help_and_version_come_from_clap() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_tally(&["--help"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for word in ["validate", "list", "show", "--data-dir"] {
        assert!(text.contains(word), "{word} missing from --help:\n{text}");
    }
    let output = run_tally(&["--version"], dir.path());
    assert_eq!(
        stdout(&output),
        format!("tally {}\n", env!("CARGO_PKG_VERSION"))
    );
    let output = run_tally(&["frobnicate", "--nope"], dir.path());
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_interface_refuses_to_start_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let output = run_tally(&[file.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("needs a terminal"),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty(), "nothing is drawn");
}

#[test]
fn a_bad_file_stops_the_interface_before_the_screen_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    fs::write(&file, "{\"title\": \"t\", \"items\": [{\"id\": \"1\"}]}").unwrap();
    let output = run_tally(&[file.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("bad.json:1:26: item \"1\": missing required field `title`"));
    assert!(output.stdout.is_empty());
}

#[test]
fn control_characters_in_files_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.json");
    let text = r#"{"title": "t", "items": [{"id": "1", "title": "a\u001b]2;pwned\u0007\u001b[2Jb\u202e"}]}"#;
    fs::write(&file, text).unwrap();
    for args in [vec!["list"], vec!["show"]] {
        let mut args: Vec<&str> = args;
        args.push(file.to_str().unwrap());
        if args[0] == "show" {
            args.push("1");
        }
        let output = run_tally(&args, dir.path());
        assert_eq!(output.status.code(), Some(0));
        assert!(
            !output.stdout.contains(&0x1b),
            "ESC reached stdout: {:?}",
            stdout(&output)
        );
        assert!(!stdout(&output).contains('\u{202e}'));
    }
}
