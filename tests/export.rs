//! `tally export` in every format, with Chinese text.

#![allow(clippy::unwrap_used)]

mod common;

use common::{run_tally, sample_copy};

#[test]
fn markdown_has_the_status_table_and_the_notes_since_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    run_tally(
        &[
            "metric",
            f,
            "14",
            "北京艺术中心外语标识",
            "560",
            "--date",
            "2023-11-20",
        ],
        dir.path(),
    );
    run_tally(
        &["note", f, "14", "外语标识安装完成", "--date", "2023-11-21"],
        dir.path(),
    );
    let output = run_tally(
        &["export", f, "--format", "markdown", "--since", "2023-10-31"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("| ID | Status | Title | Lead | Due | Progress |"),
        "{text}"
    );
    assert!(
        text.contains("| 14 | on track | 网上国际服务平台和外语标识 | 市外办 | – | – |"),
        "{text}"
    );
    assert!(
        text.contains("### 14 · 网上国际服务平台和外语标识\n\n- 2023-11-20: 北京艺术中心外语标识: 531 → 560 条\n- 2023-11-21: 外语标识安装完成\n"),
        "{text}"
    );
    assert!(
        text.contains("No notes or readings since 2023-10-31: 10, 11, 12, 13, 16, 17, 126."),
        "{text}"
    );
}

#[test]
fn csv_is_utf8_with_a_bom_and_one_row_per_item() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let out = dir.path().join("items.csv");
    let output = run_tally(
        &[
            "export",
            file.to_str().unwrap(),
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a byte-order mark first");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let rows: Vec<&str> = text.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows[0], "id,title,goal,lead,status,due,tags");
    assert_eq!(
        rows.iter()
            .filter(|r| r.starts_with("14,网上国际服务平台和外语标识,"))
            .count(),
        1
    );
}

#[test]
fn json_is_the_items_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let output = run_tally(
        &["export", file.to_str().unwrap(), "--format", "json"],
        dir.path(),
    );
    let exported: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let original: serde_json::Value = serde_json::from_str(tally::store::SAMPLE_JSON).unwrap();
    assert_eq!(exported, original["items"]);
}

#[test]
fn since_needs_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let output = run_tally(
        &[
            "export",
            file.to_str().unwrap(),
            "--format",
            "csv",
            "--since",
            "2023-01-01",
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--since goes with --format markdown")
    );
}

#[test]
fn markdown_written_to_a_file_keeps_emoji_and_loses_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let note = "验收通过 👍🏽 \u{1b}]2;PWNED\u{7}";
    run_tally(&["note", f, "14", note, "--date", "2023-11-21"], dir.path());
    let out = dir.path().join("minutes.md");
    let output = run_tally(
        &[
            "export",
            f,
            "--format",
            "markdown",
            "--since",
            "2023-10-31",
            "-o",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("验收通过 👍🏽 "), "the skin tone stays: {text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}
