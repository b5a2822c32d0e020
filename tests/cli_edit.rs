//! Quick edits from the command line: the change lands on disk with minimal change, and bad input
//! leaves the file untouched with exit code 2.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use common::{run_tally_text, sample_copy};
use tally::model::Status;
use tally::store;

fn run(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    run_tally_text(args, dir)
}

#[test]
fn note_set_metric_add_rm_change_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let (code, out, _) = run(
        &[
            "note",
            f,
            "14",
            "外语标识全部安装完毕",
            "--date",
            "2023-11-30",
        ],
        dir.path(),
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "added a note dated 2023-11-30 to item 14\n")
    );
    let (code, _, err) = run(
        &[
            "set",
            f,
            "14",
            "status=done",
            "lead=国际处",
            "tags=外语标识,验收",
            "due=2023-12-31",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(
        &[
            "metric",
            f,
            "14",
            "北京艺术中心外语标识",
            "554",
            "--target",
            "600",
            "--date",
            "2023-11-30",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(&["add", f, "--title", "新增任务"], dir.path());
    assert_eq!((code, out.as_str()), (0, "added item 127\n"));
    let (code, _, _) = run(&["rm", f, "126"], dir.path());
    assert_eq!(code, 0);

    let doc = store::load(&file).unwrap().doc;
    let item = &doc.items()[doc.position("14").unwrap()];
    assert_eq!(item.progress.last().unwrap().text, "外语标识全部安装完毕");
    assert_eq!(item.status, Status::Done);
    assert_eq!(item.lead.as_deref(), Some("国际处"));
    assert_eq!(item.tags, ["外语标识", "验收"]);
    assert_eq!(item.due.unwrap().to_string(), "2023-12-31");
    let metric = &item.metrics[0];
    assert_eq!(
        (
            metric.value.to_string(),
            metric.target.as_ref().unwrap().to_string()
        ),
        ("554".into(), "600".into())
    );
    assert_eq!(metric.history.len(), 2);
    assert!(doc.position("126").is_none());
    assert_eq!(doc.items().last().unwrap().id, "127");
}

#[test]
fn a_cli_edit_changes_only_the_edited_items_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let (code, _, _) = run(
        &["set", file.to_str().unwrap(), "12", "status=at_risk"],
        dir.path(),
    );
    assert_eq!(code, 0);
    let after = fs::read_to_string(&file).unwrap();
    let changed: Vec<(&str, &str)> = tally::store::SAMPLE_JSON
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [(
            "      \"status\": \"on_track\",",
            "      \"status\": \"at_risk\","
        )]
    );
}

#[test]
fn bad_ids_fields_and_values_exit_2_and_leave_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["note", f, "99", "x"], "no item with id \"99\""),
        (vec!["note", f, "14", "  "], "the note is empty"),
        (
            vec!["note", f, "14", "x", "--date", "2023-02-30"],
            "invalid date",
        ),
        (vec!["set", f, "14", "colour=red"], "unknown field `colour`"),
        (vec!["set", f, "14", "status"], "expected FIELD=VALUE"),
        (vec!["set", f, "14", "status=late"], "unknown status `late`"),
        (vec!["set", f, "14", "title="], "title cannot be empty"),
        (
            vec!["set", f, "14", "due=tomorrow"],
            "invalid date `tomorrow`",
        ),
        (
            vec!["metric", f, "14", "m", "lots"],
            "`lots` is not a number",
        ),
        (
            vec!["metric", f, "14", "m", "1", "--target", "x"],
            "`x` is not a number",
        ),
        (
            vec!["add", f, "--title", "t", "--id", "14"],
            "id \"14\" is already used",
        ),
        (vec!["add", f, "--title", " "], "the title is empty"),
        (vec!["rm", f, "99"], "no item with id \"99\""),
        (
            vec!["rm", dir.path().to_str().unwrap(), "14"],
            "is a folder",
        ),
    ];
    for (args, expected) in cases {
        let (code, _, err) = run(&args, dir.path());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(expected),
            "{args:?}: expected {expected:?} in {err:?}"
        );
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            tally::store::SAMPLE_JSON,
            "{args:?} touched the file"
        );
    }
}

#[test]
fn a_file_that_does_not_parse_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    fs::write(&file, "{\"title\": \"t\", \"items\": [}").unwrap();
    let (code, _, err) = run(&["note", file.to_str().unwrap(), "1", "x"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("bad.json:1:"), "{err}");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "{\"title\": \"t\", \"items\": [}"
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_by_a_save() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, _) = run(
        &["set", file.to_str().unwrap(), "10", "status=done"],
        dir.path(),
    );
    assert_eq!(code, 0);
    let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("tally-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
}

/// New files (exports here; imports and the first run's sample are written the same way) get the
/// permissions any program's new file gets under the user's umask, so colleagues sharing the
/// folder can read them, not the private mode of a temporary file.
#[cfg(unix)]
#[test]
fn new_files_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;
    let mode = |path: &std::path::Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    for umask in ["022", "027"] {
        let dir = tempfile::tempdir().unwrap();
        let sample = sample_copy(dir.path());
        let reference = dir.path().join("reference");
        let export = dir.path().join("items.csv");
        let script =
            format!("umask {umask} && touch \"$1\" && \"$0\" export \"$2\" --format csv -o \"$3\"");
        let status = Command::new("sh")
            .arg("-c")
            .arg(&script)
            .arg(common::tally_bin())
            .arg(&reference)
            .arg(&sample)
            .arg(&export)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            mode(&export),
            mode(&reference),
            "export under umask {umask}"
        );
    }
}
