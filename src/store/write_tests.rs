use std::sync::Arc;

use super::*;
use crate::model::{Note, Status, parse_number};
use crate::store::parse_document;

fn load(text: &str) -> Document {
    parse_document(Arc::from(text)).unwrap()
}

/// (line number, old line, new line) for each line that differs; both texts must have as many lines.
fn changed_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
    assert_eq!(before.lines().count(), after.lines().count());
    before
        .lines()
        .zip(after.lines())
        .enumerate()
        .filter(|(_, (old, new))| old != new)
        .map(|(i, (old, new))| (i + 1, old.to_string(), new.to_string()))
        .collect()
}

const ODD: &str = "\u{feff}{\r\n    \"tally\": 1,\r\n    \"title\": \"t\",\r\n    \"custom\": {\"a\": [1, 2.50]},\r\n    \"items\": [\r\n        {\"id\": \"1\", \"title\": \"one\", \"x\": 1e3},\r\n\r\n        {\r\n            \"title\": \"two\",\r\n            \"id\": \"2\",\r\n            \"metrics\": [{\"name\": \"m\", \"value\": 90, \"target\": 100.0, \"why\": null}]\r\n        }\r\n    ]\r\n}\r\n";

#[test]
fn unedited_documents_are_written_back_byte_for_byte() {
    for text in [
        crate::store::SAMPLE_JSON,
        ODD,
        "{\"title\":\"t\",\"items\":[{\"id\":\"1\",\"title\":\"a\"}]}",
    ] {
        let doc = load(text);
        assert_eq!(write_document(&doc), text);
    }
}

#[test]
fn touching_an_item_without_changing_it_keeps_its_bytes() {
    let mut doc = load(ODD);
    let _ = doc.item_mut(1);
    assert_eq!(write_document(&doc), ODD);
}

#[test]
fn editing_one_item_changes_only_its_lines() {
    let mut doc = load(crate::store::SAMPLE_JSON);
    let index = doc.position("14").unwrap();
    doc.item_mut(index).unwrap().status = Status::AtRisk;
    let after = write_document(&doc);
    let changes = changed_lines(crate::store::SAMPLE_JSON, &after);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].1, "      \"status\": \"on_track\",");
    assert_eq!(changes[0].2, "      \"status\": \"at_risk\",");
}

#[test]
fn edited_items_keep_unknown_fields_key_order_and_number_spelling() {
    let mut doc = load(ODD);
    let item = doc.item_mut(1).unwrap();
    item.progress.push(Note::new(
        "2023-07-28".parse().unwrap(),
        "三是梳理建立外语标识台账",
    ));
    let after = write_document(&doc);
    let expected = "\u{feff}{\r\n    \"tally\": 1,\r\n    \"title\": \"t\",\r\n    \"custom\": {\"a\": [1, 2.50]},\r\n    \"items\": [\r\n        {\"id\": \"1\", \"title\": \"one\", \"x\": 1e3},\r\n\r\n        {\r\n            \"title\": \"two\",\r\n            \"id\": \"2\",\r\n            \"metrics\": [{\"name\": \"m\", \"value\": 90, \"target\": 100.0, \"why\": null}],\r\n            \"progress\": [\r\n                {\r\n                    \"date\": \"2023-07-28\",\r\n                    \"text\": \"三是梳理建立外语标识台账\"\r\n                }\r\n            ]\r\n        }\r\n    ]\r\n}\r\n";
    assert_eq!(after, expected);
}

#[test]
fn a_changed_metric_keeps_its_siblings_and_unknown_members() {
    let mut doc = load(ODD);
    doc.item_mut(1).unwrap().metrics[0].value = parse_number("95").unwrap();
    let after = write_document(&doc);
    assert!(after.contains("\"value\": 95"), "{after}");
    assert!(after.contains("\"target\": 100.0"), "{after}");
    assert!(after.contains("\"why\": null"), "{after}");
    assert!(after.contains("{\"id\": \"1\", \"title\": \"one\", \"x\": 1e3}"));
}

#[test]
fn removed_optional_fields_are_dropped_and_others_stay() {
    let mut doc =
        load(r#"{"title": "t", "items": [{"id": "1", "title": "a", "lead": "x", "z": 0}]}"#);
    doc.item_mut(0).unwrap().lead = None;
    assert_eq!(
        write_document(&doc),
        r#"{"title": "t", "items": [{"id":"1","title":"a","z":0}]}"#
    );
}

#[test]
fn adding_removing_and_reordering_items_keeps_the_file_valid() {
    let mut doc = load(crate::store::SAMPLE_JSON);
    doc.swap(0, 1);
    doc.remove(2);
    doc.push(Item::new("127", "新任务")).unwrap();
    let text = write_document(&doc);
    let again = load(&text);
    let ids: Vec<&str> = again.items().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["11", "10", "13", "14", "16", "17", "126", "127"]);
    assert!(text.contains("    {\n      \"id\": \"127\",\n      \"title\": \"新任务\",\n      \"status\": \"todo\"\n    }\n  ]\n}\n"), "{text}");
    let mut empty = again;
    while empty.remove(0).is_some() {}
    let text = write_document(&empty);
    assert!(text.contains("\"items\": []"), "{text}");
    assert!(load(&text).items().is_empty());
}

#[test]
fn header_edits_rewrite_the_top_keeping_unknown_fields() {
    let mut doc = load(ODD);
    doc.header.title = "新标题".into();
    let text = write_document(&doc);
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("\"title\": \"新标题\""), "{text}");
    assert!(text.contains("\"custom\": {\"a\": [1, 2.50]}"), "{text}");
    assert!(
        text.contains("{\"id\": \"1\", \"title\": \"one\", \"x\": 1e3}"),
        "{text}"
    );
    assert!(text.ends_with("}\r\n"));
    assert_eq!(load(&text).items().len(), 2);
}

#[test]
fn new_documents_look_like_serde_json_pretty_output() {
    let mut doc = Document::new("报告");
    let mut item = Item::new("1", "任务");
    item.tags = vec!["标签".into()];
    doc.push(item).unwrap();
    let text = write_document(&doc);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(text, serde_json::to_string_pretty(&value).unwrap() + "\n");
    assert!(text.contains("报告"), "Chinese stays unescaped");
}

#[test]
fn a_single_item_prints_on_its_own() {
    let doc = load(ODD);
    let text = write_item(&doc.items()[1]);
    assert!(text.starts_with("{\n  \"title\": \"two\""), "{text}");
    assert!(text.contains("\"target\": 100.0"), "{text}");
}

#[test]
fn floats_survive_a_round_trip_exactly() {
    let mut doc = Document::new("t");
    let mut item = Item::new("1", "t");
    let value = serde_json::Number::from_f64(100995.24165706629).unwrap();
    item.metrics
        .push(crate::model::Metric::new("m", value.clone()));
    doc.push(item).unwrap();
    let loaded = load(&write_document(&doc));
    assert_eq!(loaded.items()[0].metrics[0].value, value);
}

#[test]
fn pieces_keep_the_untouched_text_as_runs_of_the_source_and_join_to_the_whole_text() {
    let text = crate::store::SAMPLE_JSON;
    let mut doc = crate::store::parse_document(std::sync::Arc::from(text)).unwrap();
    let untouched = crate::store::write_pieces(&doc);
    assert_eq!(
        untouched.parts().count(),
        1,
        "an untouched file is one run of its text"
    );
    assert_eq!(untouched.into_string(), text);
    doc.item_mut(3).unwrap().title = "改过的标题".into();
    let pieces = crate::store::write_pieces(&doc);
    assert_eq!(pieces.parts().count(), 3, "before, the edited item, after");
    assert_eq!(pieces.len(), write_document(&doc).len());
    assert_eq!(pieces.into_string(), write_document(&doc));
}

#[test]
fn each_text_gets_its_own_style_while_the_last_one_is_kept() {
    let lf: Arc<str> = Arc::from("{\n    \"a\": 1\n}\n");
    let crlf: Arc<str> = Arc::from("{\r\n\t\"a\": 1\r\n}\r\n");
    for _ in 0..2 {
        for text in [&lf, &crlf] {
            assert_eq!(style_of(text), Style::detect(text), "{text:?}");
        }
    }
    // a text with the same length as a dropped one, maybe at its address, is looked at anew
    let first = style_of(&Arc::from("{\n  \"b\": 1\n}\n"));
    let second = style_of(&Arc::from("{\r\n  \"b\": 1\r\n}"));
    assert_eq!((first.newline, second.newline), ("\n", "\r\n"));
}
