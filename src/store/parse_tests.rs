use super::*;
use crate::model::Status;

fn parse(text: &str) -> Result<Document, (usize, usize, String)> {
    let text: Arc<str> = Arc::from(text);
    parse_document(text.clone()).map_err(|p| {
        let (line, column) = line_col(&text, p.offset);
        (line, column, p.message.to_string())
    })
}

fn error_of(text: &str) -> (usize, usize, String) {
    match parse(text) {
        Ok(_) => panic!("expected an error for {text:?}"),
        Err(err) => err,
    }
}

/// The 1-based character column where `needle` starts on `line` of `text`.
fn column_of(text: &str, line: usize, needle: &str) -> usize {
    let line_text = text.lines().nth(line - 1).unwrap();
    line_text[..line_text.find(needle).unwrap()].chars().count() + 1
}

#[test]
fn sample_loads_with_all_eight_items() {
    let doc = parse(crate::store::SAMPLE_JSON).unwrap();
    let ids: Vec<&str> = doc.items().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["10", "11", "12", "13", "14", "16", "17", "126"]);
    let item14 = &doc.items()[4];
    let values: Vec<String> = item14.metrics.iter().map(|m| m.value.to_string()).collect();
    assert!(values.contains(&"531".to_string()), "{values:?}");
    assert_eq!(
        doc.header
            .period
            .as_ref()
            .and_then(|p| p.end)
            .map(|d| d.to_string()),
        Some("2023-09-30".into())
    );
}

#[test]
fn defaults_apply_to_missing_optional_fields() {
    let doc =
        parse(r#"{"title": "t", "items": [{"id": "1", "title": "a", "due": null}]}"#).unwrap();
    let item = &doc.items()[0];
    assert_eq!(item.status, Status::Todo);
    assert_eq!(item.due, None);
    assert!(item.progress.is_empty() && item.tags.is_empty());
    assert_eq!(doc.header.format, None);
}

#[test]
fn errors_point_at_the_offending_value() {
    let text = "{\n  \"title\": \"t\",\n  \"items\": [\n    {\"id\": \"1\", \"title\": \"a\", \"status\": \"ontrack\"}\n  ]\n}";
    let (line, column, message) = error_of(text);
    assert_eq!((line, column), (4, column_of(text, 4, "\"ontrack")));
    assert!(
        message.starts_with("item \"1\": `status`: unknown status `ontrack`"),
        "{message}"
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = "{\"title\": \"外语标识\", \"items\": [{\"id\": \"1\", \"title\": \"a\", \"due\": \"2023-02-30\"}]}";
    let (line, column, message) = error_of(text);
    let expected_column = text[..text.find("\"2023-02-30").unwrap()].chars().count() + 1;
    assert_eq!((line, column), (1, expected_column));
    assert!(message.contains("invalid date `2023-02-30`"), "{message}");
}

#[test]
fn duplicate_ids_name_the_first_use() {
    let text = "{\"title\": \"t\", \"items\": [\n{\"id\": \"14\", \"title\": \"a\"},\n{\"title\": \"b\", \"id\": \"14\"}]}";
    let (line, column, message) = error_of(text);
    assert_eq!((line, column), (3, column_of(text, 3, "\"14")));
    assert_eq!(message, "duplicate id \"14\" (first used on line 2)");
}

#[test]
fn syntax_errors_are_placed_and_explained() {
    let cases = [
        (
            "{\"title\": \"t\", \"items\": [1,]}",
            (1, 28),
            "trailing comma",
        ),
        (
            "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\",}]}",
            (1, 51),
            "trailing comma",
        ),
        ("{\"title\": \"t\", \"items\": [", (1, 26), "ends too early"),
        // a bracket that does not match is no trailing comma
        (
            "{\"title\": \"t\",\n \"items\": [}",
            (2, 12),
            "expected a JSON value",
        ),
        ("{\"title\": NaN, \"items\": []}", (1, 11), "NaN"),
        (
            "{\"title\": \"t\", \"title\": \"u\", \"items\": []}",
            (1, 22),
            "duplicate key `title`",
        ),
        (
            "{\"title\": \"t\", \"items\": []} x",
            (1, 29),
            "after the end",
        ),
        ("[1, 2]", (1, 1), "must hold a JSON object"),
        ("   \n ", (1, 1), "empty"),
    ];
    for (text, position, needle) in cases {
        let (line, column, message) = error_of(text);
        assert!(message.contains(needle), "{text:?}: {message}");
        assert_eq!((line, column), position, "{text:?}: {message}");
    }
}

#[test]
fn wrong_types_and_missing_fields_are_named() {
    let cases = [
        (r#"{"items": []}"#, "missing required field `title`"),
        (r#"{"title": "t"}"#, "missing required field `items`"),
        (
            r#"{"title": 3, "items": []}"#,
            "`title` must be a string, found a number",
        ),
        (
            r#"{"title": "t", "items": {}}"#,
            "`items` must be an array, found an object",
        ),
        (
            r#"{"title": "t", "items": ["x"]}"#,
            "item 1 must be an object, found a string",
        ),
        (
            r#"{"title": "t", "items": [{"title": "a"}]}"#,
            "item 1: missing required field `id`",
        ),
        (
            r#"{"title": "t", "items": [{"id": 7, "title": "a"}]}"#,
            "item 1: `id` must be a string",
        ),
        (
            r#"{"title": "t", "items": [{"id": " ", "title": "a"}]}"#,
            "`id` cannot be empty",
        ),
        (
            r#"{"title": "t", "items": [{"id": "1"}]}"#,
            "item \"1\": missing required field `title`",
        ),
        (
            r#"{"title": "t", "items": [{"id": "1", "title": "a", "tags": [1]}]}"#,
            "`tags` entry must be a string",
        ),
        (
            r#"{"title": "t", "items": [{"id": "1", "title": "a", "metrics": [{"name": "m", "value": "126"}]}]}"#,
            "item \"1\": metric 1: `value` must be a number, found a string",
        ),
        (
            r#"{"title": "t", "items": [{"id": "1", "title": "a", "progress": [{"text": "x"}]}]}"#,
            "item \"1\": progress note 1: missing required field `date`",
        ),
        (r#"{"tally": 2, "title": "t", "items": []}"#, "newer tally"),
        (r#"{"tally": 0, "title": "t", "items": []}"#, "must be 1"),
        (
            r#"{"title": "t", "period": {"start": "2023-13-01"}, "items": []}"#,
            "`period.start`: invalid date",
        ),
    ];
    for (text, needle) in cases {
        let (_, _, message) = error_of(text);
        assert!(message.contains(needle), "{text}: {message}");
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let doc = parse("\u{feff}{\"title\": \"t\", \"items\": []}").unwrap();
    assert_eq!(doc.header.title, "t");
    let (line, column, _) = error_of("\u{feff}{\"title\": 1, \"items\": []}");
    assert_eq!((line, column), (1, 11));
}

#[test]
fn unknown_fields_at_any_level_are_allowed() {
    let text = r#"{"title": "t", "x": {"deep": [1]}, "items": [{"id": "1", "title": "a", "extra": true,
        "progress": [{"date": "2023-01-02", "text": "n", "mood": "ok"}],
        "metrics": [{"name": "m", "value": 1, "history": [{"date": "2023-01-02", "value": 0, "src": "x"}], "k": 1}]}]}"#;
    let doc = parse(text).unwrap();
    assert_eq!(doc.items()[0].metrics[0].history.len(), 1);
}

#[test]
fn deep_nesting_in_an_unknown_field_is_kept_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text = format!(
        r#"{{"title": "t", "x": {deep}, "items": [{{"id": "1", "title": "a", "y": {deep}}}]}}"#
    );
    let doc = parse(&text).unwrap();
    assert_eq!(crate::store::write_document(&doc), text);
}

#[test]
fn git_conflict_markers_are_named_with_their_line() {
    let text = "{\n  \"title\": \"t\",\n  \"items\": [\n<<<<<<< HEAD\n    {\"id\": \"1\", \"title\": \"a\"}\n=======\n    {\"id\": \"1\", \"title\": \"b\"}\n>>>>>>> side\n  ]\n}\n";
    let problem = parse_document(Arc::from(text)).unwrap_err();
    assert_eq!(line_col(text, problem.offset), (4, 1));
    assert!(
        problem.message.to_string().contains("tally resolve"),
        "{}",
        problem.message
    );
}

#[test]
fn conflict_records_are_read_and_written_back_unchanged() {
    let text = "{\n  \"title\": \"t\",\n  \"items\": [\n    {\n      \"id\": \"1\",\n      \"title\": \"a\",\n      \"status\": \"done\",\n      \"conflicts\": [\n        {\n          \"field\": \"status\",\n          \"ours\": \"done\",\n          \"theirs\": \"blocked\",\n          \"theirs_from\": \"origin/main\"\n        }\n      ]\n    }\n  ]\n}\n";
    let doc = parse_document(Arc::from(text)).unwrap();
    let conflict = &doc.items()[0].conflicts[0];
    assert_eq!(conflict.field, "status");
    assert_eq!(conflict.theirs, serde_json::Value::from("blocked"));
    assert_eq!(conflict.theirs_from.as_deref(), Some("origin/main"));
    assert_eq!(crate::store::write_document(&doc), text);
    let mut resolved = doc.clone();
    let item = doc.items()[0]
        .resolved(0, crate::model::Side::Ours)
        .unwrap();
    resolved.replace(0, item);
    let written = crate::store::write_document(&resolved);
    assert!(!written.contains("conflicts"), "{written}");
}
