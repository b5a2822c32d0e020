//! `tally new`: an empty report with a title and a period in every accepted form, ready for `add`.

mod common;

use std::process::Output;

fn run(dir: &std::path::Path, args: &[&str]) -> Output {
    common::run_tally(args, dir)
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn each_period_form_gives_the_file_its_first_and_last_day() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        ("2024", Some("2024"), "2024-01-01", "2024-12-31"),
        ("2024-H1", Some("2024-H1"), "2024-01-01", "2024-06-30"),
        ("2024-Q3", Some("2024-Q3"), "2024-07-01", "2024-09-30"),
        ("2024-02", Some("2024-02"), "2024-02-01", "2024-02-29"),
        ("2024-03-15..2024-11-30", None, "2024-03-15", "2024-11-30"),
    ];
    for (n, (period, label, start, end)) in cases.into_iter().enumerate() {
        let name = format!("r{n}.json");
        let path = dir.path().join(&name);
        let output = run(
            dir.path(),
            &[
                "new",
                &path.display().to_string(),
                "--title",
                "工作要点",
                "--period",
                period,
            ],
        );
        assert!(output.status.success(), "{period}: {:?}", text(&output));
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        assert_eq!(json["title"], "工作要点");
        assert_eq!(json["period"]["start"], start, "{period}");
        assert_eq!(json["period"]["end"], end, "{period}");
        assert_eq!(json["period"]["label"].as_str(), label, "{period}");
        assert_eq!(json["items"], serde_json::json!([]));
        let valid = run(dir.path(), &["validate", &path.display().to_string()]);
        assert!(valid.status.success(), "{:?}", text(&valid));
    }
}

#[test]
fn a_new_report_takes_items_and_is_never_created_over_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("r.json").display().to_string();
    let created = run(dir.path(), &["new", &path, "--title", "要点"]);
    assert!(created.status.success());
    assert!(
        text(&created).0.contains("tally add"),
        "says what to do next"
    );
    let added = run(dir.path(), &["add", &path, "--title", "第一项"]);
    assert!(added.status.success(), "{:?}", text(&added));
    let listed = run(dir.path(), &["list", &path]);
    assert_eq!(text(&listed).0, "1\ttodo\t第一项\n");
    let again = run(dir.path(), &["new", &path, "--title", "x"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again).1.contains("already exists"));
    let listed = run(dir.path(), &["list", &path]);
    assert_eq!(
        text(&listed).0,
        "1\ttodo\t第一项\n",
        "the file is untouched"
    );
}

#[test]
fn a_bad_period_is_a_usage_error_naming_the_forms() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("r.json").display().to_string();
    for bad in ["2024-Q5", "2025..2024", "soon"] {
        let output = run(dir.path(), &["new", &path, "--title", "x", "--period", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(text(&output).1.contains("2024-H1"), "{bad}");
    }
    assert!(!dir.path().join("r.json").exists());
}
