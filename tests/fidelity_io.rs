//! Import and export keep what the file means: every item exported, formulas neutralised in CSV
//! and read back exactly, spreadsheets in any of the encodings Chinese Windows writes, CSV rows
//! never losing their ids, and text reports cut into items only where an item starts.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{run_tally, sample_copy};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn tally(dir: &Path, args: &[&str]) -> Output {
    run_tally(args, dir)
}

/// `tally import CSV --into FILE`, checked to succeed.
fn import_into(dir: &Path, csv: &Path, file: &Path) -> Output {
    let args = [
        "import",
        csv.to_str().unwrap(),
        "--into",
        file.to_str().unwrap(),
    ];
    let output = tally(dir, &args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    output
}

fn items_of(path: &Path) -> Vec<serde_json::Value> {
    let doc: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    doc["items"].as_array().unwrap().clone()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn json_export_writes_items_with_deeply_nested_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let text = fs::read_to_string(&file).unwrap();
    let deep = format!("{}1{}", "[".repeat(140), "]".repeat(140));
    let text = text.replacen(
        "\"id\": \"10\",",
        &format!("\"id\": \"10\",\n      \"deep\": {deep},"),
        1,
    );
    fs::write(&file, &text).unwrap();
    let output = tally(
        dir.path(),
        &["export", file.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.trim_start().starts_with('['), "{out}");
    for id in ["10", "11", "12", "13", "14", "16", "17", "126"] {
        assert!(
            out.contains(&format!("\"id\": \"{id}\"")),
            "item {id}:\n{out}"
        );
    }
    let compact: String = out.split_whitespace().collect();
    assert!(compact.contains(&format!("\"deep\":{deep}")), "{out}");
    let opens = out.matches('[').count();
    assert_eq!(opens, out.matches(']').count());
}

fn doc_with_titles(dir: &Path, titles: &[&str]) -> PathBuf {
    let items: Vec<serde_json::Value> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            serde_json::json!({
                "id": (i + 1).to_string(),
                "title": title,
                "lead": title,
                "tags": [title],
                "status": "todo"
            })
        })
        .collect();
    let doc = serde_json::json!({"tally": 1, "title": "t", "items": items});
    write(
        dir,
        "doc.json",
        serde_json::to_string_pretty(&doc).unwrap().as_bytes(),
    )
}

#[test]
fn csv_export_neutralises_formulas_and_import_reads_them_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let titles = [
        "=HYPERLINK(\"http://x\",\"点我\")",
        "+86 10 1234",
        "-做好",
        "@SUM(A1)",
        "\tTAB",
        "'=already quoted",
        "'plain apostrophe",
        "-12.5",
        "普通标题",
        "京港、京澳,a",
    ];
    let file = doc_with_titles(dir.path(), &titles);
    let csv = dir.path().join("out.csv");
    let output = tally(
        dir.path(),
        &[
            "export",
            file.to_str().unwrap(),
            "--format",
            "csv",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("\r\n1,\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""),
        "{text}"
    );
    assert!(
        text.contains("\r\n2,'+86 10 1234,,'+86 10 1234,todo"),
        "{text}"
    );
    assert!(text.contains("\r\n3,'-做好,"), "{text}");
    assert!(text.contains("\r\n4,'@SUM(A1),"), "{text}");
    assert!(text.contains("\r\n5,'\tTAB,"), "{text}");
    assert!(text.contains("\r\n6,''=already quoted,"), "{text}");
    assert!(text.contains("\r\n7,'plain apostrophe,"), "{text}");
    assert!(
        text.contains("\r\n8,-12.5,,-12.5,"),
        "numbers stay numbers: {text}"
    );
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r']),
                "cell {cell:?} in {line:?}"
            );
        }
    }
    let back = dir.path().join("back.json");
    let output = tally(
        dir.path(),
        &[
            "import",
            csv.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let items = items_of(&back);
    for (item, title) in items.iter().zip(titles) {
        let expected = title;
        assert_eq!(item["title"], expected, "title");
        assert_eq!(item["lead"], expected, "lead");
        assert_eq!(item["tags"][0], expected.trim(), "tag");
    }
    assert_eq!(items.len(), titles.len());
}

const CSV: &str = "id,title,lead,status\r\n1,甲任务,市外办,进行中\r\n2,乙任务,市商务局,done\r\n";

#[test]
fn csv_in_gb18030_utf16_and_utf8_is_read_and_the_summary_names_the_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, bad) = encoding_rs::GB18030.encode(CSV);
    assert!(!bad);
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    for unit in CSV.encode_utf16() {
        utf16le.extend(unit.to_le_bytes());
        utf16be.extend(unit.to_be_bytes());
    }
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), CSV.as_bytes()].concat();
    let cases: [(&str, &[u8], &str); 5] = [
        ("gbk.csv", &gbk, "GB18030"),
        ("le.csv", &utf16le, "UTF-16LE"),
        ("be.csv", &utf16be, "UTF-16BE"),
        ("bom.csv", &with_bom, "UTF-8"),
        ("plain.csv", CSV.as_bytes(), "UTF-8"),
    ];
    for (name, bytes, encoding) in cases {
        let csv = write(dir.path(), name, bytes);
        let output = tally(dir.path(), &["import", csv.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        let expected = format!("Read {} ({encoding}): 2 items", csv.display());
        assert!(
            stdout(&output).contains(&expected),
            "{name}: {}",
            stdout(&output)
        );
        let items = items_of(&csv.with_extension("json"));
        assert_eq!(items[0]["title"], "甲任务", "{name}");
        assert_eq!(items[1]["lead"], "市商务局", "{name}");
    }
}

#[test]
fn a_text_report_in_gbk_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let report = "某区重点任务进展情况\n日期:2023-10-07\n\n第1项:建设口袋公园。\n\n进展情况:已建成口袋公园32个。\n";
    let (bytes, _, bad) = encoding_rs::GBK.encode(report);
    assert!(!bad);
    let path = write(dir.path(), "gbk.txt", &bytes);
    let output = tally(dir.path(), &["import", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("(GB18030): 1 item, 1 note, 1 metric"),
        "{}",
        stdout(&output)
    );
    let items = items_of(&path.with_extension("json"));
    assert_eq!(items[0]["goal"], "建设口袋公园。");
}

#[test]
fn a_row_without_an_id_does_not_take_the_id_of_a_later_row() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "rows.csv",
        "id,title\n,无编号\n1,甲\n2,乙\n".as_bytes(),
    );
    let output = tally(dir.path(), &["import", csv.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let items = items_of(&csv.with_extension("json"));
    let pairs: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("3".to_string(), "无编号".to_string()),
            ("1".to_string(), "甲".to_string()),
            ("2".to_string(), "乙".to_string())
        ]
    );
    let out = stdout(&output);
    assert!(
        out.contains("rows.csv:2: row has no id; numbered 3"),
        "{out}"
    );
    assert!(!out.contains("skipped"), "{out}");
}

#[test]
fn a_repeated_id_keeps_the_first_row_and_into_does_not_apply_skipped_rows() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "rows.csv",
        "id,title,lead\n5,第一次,甲\n5,第二次,乙\n,无编号,丙\n".as_bytes(),
    );
    let output = tally(dir.path(), &["import", csv.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let items = items_of(&csv.with_extension("json"));
    assert_eq!(items[0]["title"], "第一次");
    assert_eq!(items.len(), 2);
    let out = stdout(&output);
    assert!(
        out.contains("rows.csv:3: id 5 repeats the row on line 2; this row is skipped"),
        "{out}"
    );

    let file = sample_copy(dir.path());
    let into = import_into(dir.path(), &csv, &file);
    let out = stdout(&into);
    assert!(
        out.contains("rows.csv:3: id 5 repeats the row on line 2; this row is skipped"),
        "{out}"
    );
    assert_eq!(
        out.matches("repeats").count(),
        1,
        "each warning once: {out}"
    );
    let items = items_of(&file);
    let five: Vec<&serde_json::Value> = items.iter().filter(|i| i["id"] == "5").collect();
    assert_eq!(five.len(), 1);
    assert_eq!(five[0]["title"], "第一次");
    assert_eq!(five[0]["lead"], "甲");
    assert_eq!(items.len(), 10);

    // Updating an item already in the file: the second row for it is skipped, as said.
    let csv = write(
        dir.path(),
        "update.csv",
        "id,title\n10,改一\n10,改二\n".as_bytes(),
    );
    let into = import_into(dir.path(), &csv, &file);
    assert!(
        stdout(&into).contains("this row is skipped"),
        "{}",
        stdout(&into)
    );
    let items = items_of(&file);
    assert_eq!(items[0]["title"], "改一");
}

#[test]
fn a_status_the_csv_cannot_read_is_described_truly() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let csv = write(
        dir.path(),
        "rows.csv",
        "id,title,status\n10,,半完成\n99,新,半完成\n".as_bytes(),
    );
    let before = items_of(&file)[0]["status"].clone();
    let into = import_into(dir.path(), &csv, &file);
    let out = stdout(&into);
    assert!(
        out.contains("rows.csv:2: status `半完成` is not one of")
            && out.contains(&format!("item 10 keeps {}", before.as_str().unwrap())),
        "{out}"
    );
    assert!(
        out.contains("rows.csv:3: status `半完成` is not one of")
            && out.contains("item 99 is todo"),
        "{out}"
    );
    let items = items_of(&file);
    assert_eq!(items[0]["status"], before);
    let new = items.iter().find(|i| i["id"] == "99").unwrap();
    assert_eq!(new["status"], "todo");
}

#[test]
fn only_an_item_heading_starts_an_item_and_repeats_are_merged() {
    let dir = tempfile::tempdir().unwrap();
    let report = "标题\n日期:2023-10-07\n\n第1项:甲目标。\n\n进展情况:一是完成3个。二是接待5批次外宾。\n第2项提到的工作已完成。\n\n第2项:乙目标。\n\n进展情况:乙进展。\n\n第2项:乙目标二。\n\n进展情况:更多。\n";
    let path = write(dir.path(), "r.txt", report.as_bytes());
    let output = tally(dir.path(), &["import", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let items = items_of(&path.with_extension("json"));
    assert_eq!(items.len(), 2);
    let first = &items[0];
    let notes: Vec<&str> = first["progress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        notes,
        [
            "一是完成3个。",
            "二是接待5批次外宾。第2项提到的工作已完成。"
        ]
    );
    let names: Vec<&str> = first["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert!(
        !names.contains(&"一") && !names.contains(&"二"),
        "{names:?}"
    );
    let second = &items[1];
    assert_eq!(second["goal"], "乙目标。\n乙目标二。");
    assert_eq!(second["progress"].as_array().unwrap().len(), 2);
    let out = stdout(&output);
    assert!(
        out.contains("r.txt:13: item 2 on line 13 repeats item 2 on line 9; merged into it"),
        "{out}"
    );
}
