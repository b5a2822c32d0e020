//! Chinese status words (有风险, 风险, 已完成 …) are taken wherever a status is typed: `set`, `add`,
//! `list --status`, `list -q status:…` and CSV import. What scripts read stays English.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use common::{run_tally_text, sample_copy};
use tally::model::Status;
use tally::store;

fn run(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    run_tally_text(args, dir)
}

fn status_of(file: &std::path::Path, id: &str) -> Status {
    let loaded = store::load(file).unwrap();
    let at = loaded.doc.position(id).unwrap();
    loaded.doc.items()[at].status
}

#[test]
fn set_and_add_take_chinese_status_words_and_the_file_stays_english() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let (code, _, err) = run(&["set", f, "13", "status=有风险"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(status_of(&file, "13"), Status::AtRisk);
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"at_risk\""));
    assert!(!text.contains("有风险"));

    let (code, _, err) = run(&["set", f, "13", "status=完成"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(status_of(&file, "13"), Status::Done);

    let add = [
        "add",
        f,
        "--title",
        "新事项",
        "--id",
        "99",
        "--status",
        "受阻",
    ];
    let (code, _, err) = run(&add, dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(status_of(&file, "99"), Status::Blocked);

    let (code, _, err) = run(&["set", f, "13", "status=迟了"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("unknown status `迟了`"), "{err}");
    assert!(err.contains("有风险"), "{err}");
}

#[test]
fn list_filters_by_chinese_words_and_prints_english() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    assert_eq!(run(&["set", f, "13", "status=at_risk"], dir.path()).0, 0);
    let (code, by_flag, err) = run(&["list", f, "--status", "风险"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(by_flag.starts_with("13\tat_risk\t"), "{by_flag}");
    assert_eq!(by_flag.lines().count(), 1);
    let (code, by_query, err) = run(&["list", f, "-q", "status:有风险"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(by_query, by_flag);
    let (_, json, _) = run(&["list", f, "-q", "status:有风险", "--json"], dir.path());
    assert!(json.contains("\"at_risk\""), "{json}");
}

#[test]
fn csv_import_reads_chinese_status_cells() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("items.csv");
    fs::write(
        &csv,
        "编号,标题,状态\n1,甲,有风险\n2,乙,正常\n3,丙,已取消\n4,丁,未開始\n",
    )
    .unwrap();
    let out = dir.path().join("items.json");
    let args = ["import", csv.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let (code, printed, err) = run(&args, dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(!printed.contains("is not one of"), "{printed}");
    let expected = [
        Status::AtRisk,
        Status::OnTrack,
        Status::Dropped,
        Status::Todo,
    ];
    for (id, status) in ["1", "2", "3", "4"].into_iter().zip(expected) {
        assert_eq!(status_of(&out, id), status, "item {id}");
    }
}
