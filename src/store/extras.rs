//! An item's fields that tally does not model ("extras"), read from and written into its text, so
//! a merge can treat them like any other field without the model knowing them.

use std::sync::Arc;

use serde_json::Value;

use super::fragment::{Fragment, Style, quote};
use super::parse::origin_entries;
use super::write::{ITEM_KEYS, value_fragment};
use crate::model::{Item, Origin};

/// The item's unknown members in written order, as values.
pub fn item_extras(item: &Item) -> Vec<(String, Value)> {
    origin_entries(&item.origin)
        .unwrap_or_default()
        .into_iter()
        .filter(|(key, _)| !ITEM_KEYS.contains(&key.as_str()))
        .filter_map(|(key, raw)| serde_json::from_str(raw).ok().map(|value| (key, value)))
        .collect()
}

/// A copy of `item` whose unknown members are `extras`: those it had stay in their place (with the
/// new value), those no longer listed go, new ones come last. Known members keep their text.
pub fn with_item_extras(item: &Item, extras: &[(String, Value)]) -> Item {
    let original = origin_entries(&item.origin).unwrap_or_default();
    let mut members: Vec<(String, Fragment)> = Vec::new();
    for (key, raw) in &original {
        if ITEM_KEYS.contains(&key.as_str()) {
            members.push((quote(key), Fragment::Raw(raw)));
        } else if let Some((_, value)) = extras.iter().find(|(k, _)| k == key) {
            members.push((quote(key), value_fragment(value)));
        }
    }
    for (key, value) in extras {
        if !original.iter().any(|(k, _)| k == key) {
            members.push((quote(key), value_fragment(value)));
        }
    }
    let (style, base) = match item.origin.parts() {
        Some((text, span)) => {
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let base = &text[line_start..span.start];
            let base = if base.trim().is_empty() { base } else { "" };
            (Style::detect(text), base.to_string())
        }
        None => (Style::default(), String::new()),
    };
    let mut text = String::new();
    style.render(&Fragment::Object(members), &base, &mut text);
    let len = text.len();
    let mut copy = item.clone();
    copy.origin = Origin::new(Arc::from(text), 0..len);
    copy.origin.mark_edited();
    copy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{parse_document, write_document};

    #[test]
    fn extras_are_read_and_replaced_in_place() {
        let text = "{\n  \"title\": \"t\",\n  \"items\": [\n    {\n      \"id\": \"1\",\n      \"x-owner\": \"a\",\n      \"title\": \"one\",\n      \"x-n\": 1\n    }\n  ]\n}\n";
        let doc = parse_document(Arc::from(text)).unwrap();
        let item = &doc.items()[0];
        assert_eq!(
            item_extras(item),
            vec![
                ("x-owner".to_string(), Value::from("a")),
                ("x-n".to_string(), Value::from(1))
            ]
        );
        let changed = with_item_extras(
            item,
            &[
                ("x-owner".into(), Value::from("b")),
                ("x-new".into(), serde_json::json!([1, 2])),
            ],
        );
        let mut doc = doc.clone();
        doc.replace(0, changed);
        let written = write_document(&doc);
        let expected = text
            .replace("\"x-owner\": \"a\"", "\"x-owner\": \"b\"")
            .replace("\"x-n\": 1", "\"x-new\": [\n        1,\n        2\n      ]");
        assert_eq!(written, expected);
    }
}
