//! Metric readings are a time series: back-dated readings join the history in date order, the value
//! is the latest reading by date, a reading on a date that has one replaces that point and says
//! so, a new metric keeps its first date, and numbers keep their meaning — checked on the file
//! `tally metric` and `tally import --into` write.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;

use common::{run_tally, sample_copy};
use tally::model::Metric;
use tally::store;

fn run(args: &[&str], dir: &Path) -> (i32, String, String) {
    let output = run_tally(args, dir);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn metric(file: &Path, id: &str, name: &str) -> Metric {
    let doc = store::load(file).unwrap().doc;
    let item = &doc.items()[doc.position(id).unwrap()];
    item.metrics
        .iter()
        .find(|m| m.name == name)
        .unwrap()
        .clone()
}

fn series(metric: &Metric) -> Vec<String> {
    metric
        .history
        .iter()
        .map(|p| format!("{} {}", p.date, p.value))
        .collect()
}

const RECEPTIONS: &str = "接待党宾国宾团组";

#[test]
fn a_back_dated_reading_joins_the_history_and_the_value_stays_the_latest() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let (code, out, err) = run(
        &["metric", f, "10", RECEPTIONS, "130", "--date", "2023-05-01"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("the value stays 126"), "{out}");
    let m = metric(&file, "10", RECEPTIONS);
    assert_eq!(m.value.to_string(), "126");
    assert_eq!(series(&m), ["2023-05-01 130", "2023-10-07 126"]);

    // A later reading becomes the value; one between the two joins in date order.
    let (code, out, _) = run(
        &["metric", f, "10", RECEPTIONS, "140", "--date", "2023-11-01"],
        dir.path(),
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "set metric \"接待党宾国宾团组\" of item 10 to 140\n")
    );
    run(
        &["metric", f, "10", RECEPTIONS, "128", "--date", "2023-08-01"],
        dir.path(),
    );
    let m = metric(&file, "10", RECEPTIONS);
    assert_eq!(m.value.to_string(), "140");
    assert_eq!(
        series(&m),
        [
            "2023-05-01 130",
            "2023-08-01 128",
            "2023-10-07 126",
            "2023-11-01 140"
        ]
    );
}

#[test]
fn a_reading_on_a_date_that_has_one_replaces_that_point_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    run(
        &["metric", f, "10", RECEPTIONS, "140", "--date", "2023-11-01"],
        dir.path(),
    );
    let (code, out, _) = run(
        &["metric", f, "10", RECEPTIONS, "127", "--date", "2023-10-07"],
        dir.path(),
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("the reading of 2023-10-07 replaced (126 → 127); the value stays 140"),
        "{out}"
    );
    let m = metric(&file, "10", RECEPTIONS);
    assert_eq!(series(&m), ["2023-10-07 127", "2023-11-01 140"]);
    assert_eq!(m.value.to_string(), "140");
}

#[test]
fn a_new_metric_keeps_the_date_of_its_first_reading() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let (code, _, err) = run(
        &["metric", f, "13", "新指标", "3", "--date", "2023-11-01"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    run(
        &["metric", f, "13", "新指标", "5", "--date", "2023-12-01"],
        dir.path(),
    );
    let m = metric(&file, "13", "新指标");
    assert_eq!(series(&m), ["2023-11-01 3", "2023-12-01 5"]);
    assert_eq!(m.value.to_string(), "5");
}

/// The sample with item 10's metric set to `value`, spelled as given.
fn sample_with_value(dir: &Path, value: &str) -> std::path::PathBuf {
    let file = sample_copy(dir);
    let text = fs::read_to_string(&file).unwrap();
    let text = text.replacen("\"value\": 126", &format!("\"value\": {value}"), 1);
    fs::write(&file, text).unwrap();
    file
}

#[test]
fn integers_stay_exact_at_any_size() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_with_value(dir.path(), "12345678901234567890123");
    let f = file.to_str().unwrap();
    let big = "98765432109876543210987654321";
    let (code, _, err) = run(
        &["metric", f, "10", RECEPTIONS, big, "--date", "2023-11-01"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("\"value\": 12345678901234567890123"),
        "{text}"
    );
    assert!(text.contains(&format!("\"value\": {big}")), "{text}");
    assert!(!text.contains("e+"), "no number became a float");
    // One more than a big number is a new reading, although a float could not tell them apart.
    let (_, out, _) = run(
        &[
            "metric",
            f,
            "10",
            RECEPTIONS,
            "98765432109876543210987654322",
            "--date",
            "2023-12-01",
        ],
        dir.path(),
    );
    assert!(!out.contains("no change"), "{out}");
    assert_eq!(metric(&file, "10", RECEPTIONS).history.len(), 3);
}

#[test]
fn a_number_too_small_or_large_to_store_is_refused_and_the_file_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let before = fs::read(&file).unwrap();
    for value in ["1e-400", "1e400", "-1e-999"] {
        let (code, _, err) = run(&["metric", f, "10", RECEPTIONS, value], dir.path());
        assert_eq!(code, 2, "{value}: {err}");
        assert!(err.contains(&format!("`{value}`")), "{err}");
    }
    let (code, _, err) = run(
        &["metric", f, "10", RECEPTIONS, "1", "--target", "1e-400"],
        dir.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("too small"), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before);
}

#[test]
fn minus_zero_to_zero_is_not_a_new_reading() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_with_value(dir.path(), "-0");
    let f = file.to_str().unwrap();
    let before = fs::read(&file).unwrap();
    for value in ["0", "0.0", "-0"] {
        let (code, out, _) = run(
            &["metric", f, "10", RECEPTIONS, value, "--date", "2023-11-01"],
            dir.path(),
        );
        assert_eq!((code, out.as_str()), (0, "no change\n"), "{value}");
    }
    assert_eq!(fs::read(&file).unwrap(), before, "-0 keeps its spelling");
}

#[test]
fn import_into_places_a_back_dated_report_in_date_order() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    // The sample is as of 2023-10-07; the same report as it read on 2023-05-01, with a smaller count.
    let may = include_str!("fixtures/import/beijing-fao-2023-q3.txt")
        .replace("日期:2023-10-07", "日期:2023-05-01")
        .replace("完成126个党宾国宾团组", "完成90个党宾国宾团组");
    let report = dir.path().join("may.txt");
    fs::write(&report, may).unwrap();
    let (code, _, err) = run(
        &[
            "import",
            report.to_str().unwrap(),
            "--into",
            file.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let m = metric(&file, "10", RECEPTIONS);
    assert_eq!(m.value.to_string(), "126");
    assert_eq!(series(&m), ["2023-05-01 90", "2023-10-07 126"]);
}
