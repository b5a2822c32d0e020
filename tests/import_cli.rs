//! `tally import` and `tally export --format csv` as a user runs them: files written or refused,
//! summaries and warnings printed, exit codes.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{run_tally, sample_copy};

const SEED: &str = include_str!("fixtures/import/beijing-fao-2023-q3.txt");

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn tally(dir: &Path, args: &[&str]) -> Output {
    run_tally(args, dir)
}

fn seed_in(dir: &Path) -> String {
    let path = dir.join("report.txt");
    fs::write(&path, SEED).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn imports_a_report_next_to_it_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let report = seed_in(dir.path());
    let output = tally(dir.path(), &["import", &report]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = dir.path().join("report.json");
    assert_eq!(
        stdout(&output),
        format!(
            "Read {report} (UTF-8): 8 items, 37 notes, 12 metrics\nWrote {}\n",
            out.display()
        )
    );
    let written = fs::read_to_string(&out).unwrap();
    let validated = tally(dir.path(), &["validate", out.to_str().unwrap()]);
    assert_eq!(validated.status.code(), Some(0));

    let again = tally(dir.path(), &["import", &report]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists (use --force to overwrite)"));
    assert_eq!(fs::read_to_string(&out).unwrap(), written);

    let forced = tally(dir.path(), &["import", &report, "--force"]);
    assert_eq!(forced.status.code(), Some(0));
}

#[test]
fn output_name_dry_run_and_year() {
    let dir = tempfile::tempdir().unwrap();
    let report = seed_in(dir.path());
    let out = dir.path().join("tracked.json");
    let out = out.to_str().unwrap();
    let dry = tally(dir.path(), &["import", &report, "-o", out, "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0));
    assert!(stdout(&dry).contains("dry run, nothing written"));
    assert!(!Path::new(out).exists());
    let output = tally(
        dir.path(),
        &["import", &report, "-o", out, "--year", "2022"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = fs::read_to_string(out).unwrap();
    assert!(text.contains("\"start\": \"2022-01-01\""));
    assert!(text.contains("\"date\": \"2022-07-28\""));
}

#[test]
fn merging_into_a_file_twice_changes_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let report = seed_in(dir.path());
    let tracked = dir.path().join("tracked.json");
    let tracked_arg = tracked.to_str().unwrap();
    tally(dir.path(), &["import", &report, "-o", tracked_arg]);
    let first = fs::read_to_string(&tracked).unwrap();

    let later = dir.path().join("year-end.txt");
    let text = SEED
        .replace("日期:2023-10-07", "日期:2024-01-10")
        .replace("完成126个", "完成158个");
    fs::write(&later, text).unwrap();
    let later = later.to_str().unwrap();
    let merged = tally(dir.path(), &["import", later, "--into", tracked_arg]);
    assert_eq!(merged.status.code(), Some(0), "{}", stderr(&merged));
    assert!(
        stdout(&merged).ends_with(&format!(
            "Merged into {tracked_arg}: 1 item updated (10): 1 note, 1 reading, 0 metrics added\n"
        )),
        "{}",
        stdout(&merged)
    );
    let second = fs::read_to_string(&tracked).unwrap();
    assert_ne!(second, first);
    assert!(second.contains("\"value\": 158"));

    let again = tally(dir.path(), &["import", later, "--into", tracked_arg]);
    assert_eq!(again.status.code(), Some(0));
    assert!(stdout(&again).ends_with("left unchanged\n"));
    assert_eq!(fs::read_to_string(&tracked).unwrap(), second);
}

#[test]
fn user_errors_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let missing = tally(dir.path(), &["import", "nope.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).starts_with("nope.txt: "),
        "{}",
        stderr(&missing)
    );

    let empty = dir.path().join("notes.txt");
    fs::write(&empty, "会议纪要\n今天开会。\n").unwrap();
    let none = tally(dir.path(), &["import", empty.to_str().unwrap()]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("no items found"));
    assert!(!dir.path().join("notes.json").exists());

    let gbk = dir.path().join("gbk.txt");
    // Bytes that are neither UTF-8, UTF-16 nor GB18030.
    fs::write(&gbk, [0xb5u8, 0xda, 0x31, 0xff, 0xee]).unwrap();
    let bad = tally(dir.path(), &["import", gbk.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("not text tally can read"),
        "{}",
        stderr(&bad)
    );

    let report = seed_in(dir.path());
    let into = tally(dir.path(), &["import", &report, "--into", "absent.json"]);
    assert_eq!(into.status.code(), Some(2));
}

#[test]
fn warnings_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.txt");
    fs::write(
        &report,
        "标题\n日期:2023-10-07\n说明文字\n第1项:甲\n进展情况:乙。\n",
    )
    .unwrap();
    let report = report.to_str().unwrap();
    let output = tally(dir.path(), &["import", report]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).contains(&format!(
            "warning: {report}:3: text before the first item is not part of any item; ignored\n"
        )),
        "{}",
        stdout(&output)
    );
}

#[test]
fn csv_export_and_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample_copy(dir.path());
    let sample = sample.to_str().unwrap();
    let printed = tally(dir.path(), &["export", "--format", "csv", sample]);
    assert_eq!(printed.status.code(), Some(0));
    let csv_text = stdout(&printed);
    assert!(csv_text.starts_with("\u{feff}id,title,goal,lead,status,due,tags\r\n10,"));

    let csv = dir.path().join("items.csv");
    let csv_arg = csv.to_str().unwrap();
    let written = tally(
        dir.path(),
        &["export", "--format", "csv", sample, "-o", csv_arg],
    );
    assert_eq!(written.status.code(), Some(0));
    assert_eq!(stdout(&written), format!("Wrote 8 items to {csv_arg}\n"));
    assert_eq!(fs::read_to_string(&csv).unwrap(), csv_text);
    let refused = tally(
        dir.path(),
        &["export", "--format", "csv", sample, "-o", csv_arg],
    );
    assert_eq!(refused.status.code(), Some(2));

    let back = dir.path().join("back.json");
    let imported = tally(
        dir.path(),
        &["import", csv_arg, "-o", back.to_str().unwrap()],
    );
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let again = tally(
        dir.path(),
        &["export", "--format", "csv", back.to_str().unwrap()],
    );
    assert_eq!(stdout(&again), csv_text);

    let merged = tally(
        dir.path(),
        &["import", "--format", "csv", csv_arg, "--into", sample],
    );
    assert_eq!(merged.status.code(), Some(0));
    assert!(
        stdout(&merged).ends_with("left unchanged\n"),
        "{}",
        stdout(&merged)
    );
    assert_eq!(
        fs::read_to_string(sample).unwrap(),
        tally::store::SAMPLE_JSON
    );
}
