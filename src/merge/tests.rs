use super::*;
use crate::model::Status;

const BASE: &str = r#"{
  "title": "t",
  "items": [
    {
      "id": "1",
      "title": "one",
      "status": "todo",
      "x-owner": "a",
      "progress": [
        {
          "date": "2023-09-01",
          "text": "first"
        }
      ]
    },
    {
      "id": "2",
      "title": "two",
      "lead": "甲"
    },
    {
      "id": "3",
      "title": "three"
    }
  ]
}
"#;

fn merge(ours: &str, theirs: &str) -> (String, Outcome) {
    let labels = Labels {
        ours: Some("HEAD".into()),
        theirs: Some("origin/main".into()),
    };
    merge_texts(BASE, ours, theirs, &labels).unwrap()
}

fn doc(text: &str) -> Document {
    parse_document(Arc::from(text)).unwrap()
}

#[test]
fn changes_to_different_fields_of_one_item_both_land_as_one_line_each() {
    let ours = BASE.replace(r#""status": "todo""#, r#""status": "done""#);
    let theirs = BASE.replace(r#""lead": "甲""#, r#""lead": "乙""#);
    let (text, outcome) = merge(&ours, &theirs);
    assert!(!outcome.needs_attention());
    let expected = ours.replace(r#""lead": "甲""#, r#""lead": "乙""#);
    assert_eq!(text, expected);
    let ours_item = BASE.replace(r#""x-owner": "a""#, r#""x-owner": "b""#);
    let (text, _) = merge(&ours_item, &theirs);
    assert_eq!(
        text,
        ours_item.replace(r#""lead": "甲""#, r#""lead": "乙""#)
    );
}

#[test]
fn the_same_field_set_two_ways_keeps_ours_and_records_theirs() {
    let ours = BASE.replace(r#""status": "todo""#, r#""status": "done""#);
    let theirs = BASE.replace(r#""status": "todo""#, r#""status": "blocked""#);
    let (text, outcome) = merge(&ours, &theirs);
    assert!(outcome.needs_attention());
    assert_eq!(outcome.conflicts, [("1".to_string(), "status".to_string())]);
    let merged = doc(&text);
    let item = &merged.items()[0];
    assert_eq!(item.status, Status::Done);
    assert_eq!(item.conflicts.len(), 1);
    assert_eq!(item.conflicts[0].theirs, "blocked");
    assert_eq!(
        item.conflicts[0].theirs_from.as_deref(),
        Some("origin/main")
    );
    assert_eq!(
        doc(&text).items()[1],
        doc(BASE).items()[1],
        "others untouched"
    );
}

#[test]
fn unknown_fields_merge_by_whole_value() {
    let ours = BASE.replace(r#""status": "todo""#, r#""status": "done""#);
    let theirs = BASE
        .replace(r#""x-owner": "a""#, r#""x-owner": "b""#)
        .replace(r#""title": "one""#, r#""title": "uno""#);
    let (text, outcome) = merge(&ours, &theirs);
    assert!(!outcome.needs_attention());
    let expected = ours
        .replace(r#""x-owner": "a""#, r#""x-owner": "b""#)
        .replace(r#""title": "one""#, r#""title": "uno""#);
    assert_eq!(text, expected);
    let clash = ours.replace(r#""x-owner": "a""#, r#""x-owner": "c""#);
    let (text, outcome) = merge(&clash, &theirs);
    assert_eq!(outcome.conflicts[0].1, "x-owner");
    assert!(text.contains(r#""x-owner": "c""#));
}

#[test]
fn items_added_on_both_sides_under_one_id_are_both_kept() {
    let add = |title: &str| {
        BASE.replace(
            "    {\n      \"id\": \"3\",\n      \"title\": \"three\"\n    }",
            &format!("    {{\n      \"id\": \"3\",\n      \"title\": \"three\"\n    }},\n    {{\n      \"id\": \"4\",\n      \"title\": \"{title}\"\n    }}"),
        )
    };
    let (text, outcome) = merge(&add("mine"), &add("theirs"));
    assert_eq!(outcome.renumbered, [("4".to_string(), "5".to_string())]);
    let merged = doc(&text);
    let titles: Vec<(&str, &str)> = merged
        .items()
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect();
    assert_eq!(titles[3..], [("4", "mine"), ("5", "theirs")]);
    let (_, outcome) = merge(&add("same"), &add("same"));
    assert!(outcome.renumbered.is_empty());
}

#[test]
fn a_deleted_item_changed_on_the_other_side_is_kept() {
    let item2 =
        "    {\n      \"id\": \"2\",\n      \"title\": \"two\",\n      \"lead\": \"甲\"\n    },\n";
    let deleted = BASE.replace(item2, "");
    let changed = BASE.replace(r#""lead": "甲""#, r#""lead": "乙""#);
    let (text, outcome) = merge(&deleted, &changed);
    assert_eq!(outcome.kept, [("2".to_string(), "on our side")]);
    assert_eq!(doc(&text).items()[1].lead.as_deref(), Some("乙"));
    let (text, _) = merge(&deleted, BASE);
    assert_eq!(text, deleted, "deleted and untouched: gone");
}

#[test]
fn invalid_versions_are_named() {
    let err = merge_texts(BASE, "{", BASE, &Labels::default()).unwrap_err();
    assert!(matches!(err, MergeError::Invalid { which: "ours", .. }));
}
