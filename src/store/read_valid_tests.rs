//! The fast path against the precise reader: whatever the fast path accepts, the precise reader
//! accepts as the same document, with every object's origin at the same place; and ordinary files
//! do take the fast path, on one thread or two.

use std::ops::Range;
use std::sync::Arc;

use proptest::prelude::*;

use super::super::{body_start, parse_precisely};
use super::{Declined, Keep, document_with, item_at};
use crate::model::{self, Document};
use crate::store::write_document;
use synth::synthetic_document;

// The benchmarks' data generator, shared with the tests and benches outside the library.
#[path = "../../tests/common/synth.rs"]
mod synth;

/// Every origin in a document, in a fixed order.
fn spans(doc: &Document) -> Vec<Option<Range<usize>>> {
    let span = |origin: &crate::model::Origin| origin.parts().map(|(_, span)| span);
    let mut out = vec![span(&doc.origin)];
    out.extend(doc.header.period.iter().map(|p| span(&p.origin)));
    for item in doc.items() {
        out.push(span(&item.origin));
        out.extend(item.progress.iter().map(|n| span(&n.origin)));
        for metric in &item.metrics {
            out.push(span(&metric.origin));
            out.extend(metric.history.iter().map(|p| span(&p.origin)));
        }
    }
    out
}

fn assert_same(fast: &Document, precise: &Document, text: &str) {
    assert_eq!(fast.header, precise.header, "{text}");
    assert_eq!(fast.items(), precise.items(), "{text}");
    assert_eq!(fast.layout, precise.layout, "{text}");
    assert_eq!(spans(fast), spans(precise), "{text}");
}

/// Reads `text` both ways; fails the test if they disagree. Returns whether the fast path took it.
/// When it did not, the precise reader given the items the fast path read must still say the same
/// as the precise reader alone.
fn agree(text: &str, split: Option<usize>) -> bool {
    let shared: Arc<str> = Arc::from(text);
    let fast = document_with(&shared, body_start(&shared), split, Keep::Everything);
    let outline = document_with(&shared, body_start(&shared), split, Keep::Outline);
    match (&fast, outline) {
        (Ok(fast), Ok(outline)) => assert_outline(fast, &outline, &shared),
        (Err(_), Err(Declined { read })) => assert!(read.is_empty(), "{text}"),
        (fast, outline) => panic!(
            "the outline and the whole reading disagree ({} / {}): {text}",
            fast.is_ok(),
            outline.is_ok()
        ),
    }
    let precise = parse_precisely(shared.clone(), Vec::new());
    match (fast, precise) {
        (Ok(fast), Ok(precise)) => {
            assert_same(&fast, &precise, text);
            true
        }
        (Ok(_), Err(problem)) => {
            panic!("the fast path accepted what is refused ({problem:?}): {text}")
        }
        (Err(Declined { read }), precise) => {
            match (parse_precisely(shared.clone(), read), precise) {
                (Ok(helped), Ok(alone)) => assert_same(&helped, &alone, text),
                (Err(helped), Err(alone)) => assert_eq!(helped, alone, "{text}"),
                (helped, alone) => panic!("{helped:?} but alone {alone:?}: {text}"),
            }
            false
        }
    }
}

/// An outline read of a text the fast path accepts: the same items (ids, statuses, dates, places),
/// written back byte for byte, and each item read whole from its place is the whole reading's.
fn assert_outline(whole: &Document, outline: &Document, text: &Arc<str>) {
    assert_eq!(outline.header, whole.header, "{text}");
    assert_eq!(outline.layout, whole.layout, "{text}");
    assert_eq!(outline.items().len(), whole.items().len(), "{text}");
    for (short, item) in outline.items().iter().zip(whole.items()) {
        assert_eq!(
            (&short.id, short.status, short.due, short.reviewed),
            (&item.id, item.status, item.due, item.reviewed),
            "{text}"
        );
        assert!(short.origin.is_pristine(), "{text}");
        assert_eq!(short.origin.text(), item.origin.text(), "{text}");
        assert!(short.progress.is_empty() && short.metrics.is_empty() && short.title.is_empty());
        let (_, span) = short.origin.parts().expect("read from the text");
        assert_eq!(item_at(text, span.start).as_ref(), Some(item), "{text}");
    }
    assert_eq!(write_document(outline), write_document(whole), "{text}");
}

/// Both ways, on one thread and on two (trying a split even in a small file).
fn agree_all(text: &str) -> bool {
    let one = agree(text, None);
    let two = agree(text, Some(0));
    assert_eq!(one, two, "one thread and two disagree on {text}");
    one
}

fn synthetic_text(n: usize, seed: u64) -> String {
    write_document(&synthetic_document(n, seed))
}

/// The same JSON on one line.
fn compact(text: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    serde_json::to_string(&value).expect("serialisable")
}

const ODD: &str = "\u{feff}{\r\n    \"tally\": 1,\r\n    \"title\": \"t\",\r\n    \"custom\": {\"a\": [1, 2.50]},\r\n    \"items\": [\r\n        {\"id\": \"1\", \"title\": \"one\", \"x\": 1e3},\r\n\r\n        {\r\n\t\"title\": \"two\",\r\n            \"id\": \"2\", \"status\": null, \"tags\": null,\r\n            \"metrics\": [{\"name\": \"m\", \"value\": 90, \"target\": 100.0, \"why\": null, \"history\": [{\"date\": \"2023-01-02\", \"value\": -0, \"src\": [{}]}]}]\r\n        }\r\n    ]\r\n}\r\n";

#[test]
fn ordinary_files_take_the_fast_path() {
    let escaped = r#"{"title": "\u5916\"t\\", "items": [{"id": "\u0031", "title": "a\nb", "lead": "\ud83d\ude00",
        "progress": [{"date": "2023-01-02", "text": "\t", "by": null}], "reviewed": "2023-02-28"}]}"#;
    let texts = [
        crate::store::SAMPLE_JSON.to_string(),
        compact(crate::store::SAMPLE_JSON),
        ODD.to_string(),
        escaped.to_string(),
        r#"{"title": "t", "items": []}"#.to_string(),
        "{\"items\":[ ],\"title\":\"t\",\"period\":{\"start\":\"2023-01-01\",\"x\":1}}\n\n"
            .to_string(),
        synthetic_text(40, 3),
        compact(&synthetic_text(40, 4)),
    ];
    for text in &texts {
        assert!(agree_all(text), "declined: {text}");
    }
}

#[test]
fn two_threads_read_large_files_like_one() {
    let pretty = synthetic_text(1_500, 5);
    let flat = pretty
        .lines()
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n");
    let crlf = pretty.replace('\n', "\r\n");
    for text in [&pretty, &flat, &crlf, &compact(&pretty)] {
        for split in [None, Some(0), Some(1 << 20)] {
            assert!(agree(text, split), "declined with {split:?}");
        }
    }
}

#[test]
fn a_wrong_guess_of_where_the_second_half_starts_is_caught() {
    // With no indentation a note starts a line just like an item does, and this note would
    // even pass for an item; whichever the guess, the result is the one thread's.
    let note = r#"{"date": "2023-01-02", "text": "x", "id": "n", "title": "t"}"#;
    let items: Vec<String> = (1..=400)
        .map(|i| {
            format!(
                "{{\n\"id\": \"{i}\",\n\"title\": \"t\",\n\"progress\": [\n{note},\n{note}\n]\n}}"
            )
        })
        .collect();
    let text = format!(
        "{{\n\"title\": \"t\",\n\"items\": [\n{}\n]\n}}\n",
        items.join(",\n")
    );
    for cut in 0..40 {
        // moving the middle by removing items from the end
        let shorter = text.replacen(&format!(",\n{}", items[399 - cut]), "", 1);
        assert!(agree(&shorter, Some(0)));
    }
}

#[test]
fn problems_anywhere_are_left_to_the_precise_reader() {
    let base = synthetic_text(1_500, 6);
    let cut = base.rfind("\"status\": \"").expect("a status");
    let bad_status = format!("{}\"status\": \"ontrack{}", &base[..cut], &base[cut + 11..]);
    let late_comma = base.replacen("\n  ]\n}", ",\n  ]\n}", 1);
    let duplicate_id = base.replacen("\"id\": \"1499\"", "\"id\": \"17\"", 1);
    for text in [&bad_status, &late_comma, &duplicate_id] {
        assert!(!agree(text, Some(0)));
        assert!(!agree(text, None));
    }
}

/// The loader's fuzz corpus (tests/corpus/): every kind of malformed file, deep nesting, hostile
/// text, byte-order marks, CRLF; whatever is UTF-8.
fn corpus() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    for folder in ["loader", "hostile"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                files.push((entry.path().display().to_string(), text));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_fuzz_corpus_is_read_alike() {
    let files = corpus();
    for (name, text) in &files {
        let accepted = agree_all(text);
        let expected = parse_precisely(Arc::from(text.as_str()), Vec::new()).is_ok();
        assert_eq!(accepted, expected, "{name}");
    }
}

/// JSON snippets for values: right and wrong kinds, escapes, odd numbers, impossible dates.
const VALUES: &[&str] = &[
    r#""a""#,
    r#""""#,
    r#"" ""#,
    "\"\u{3000}\"",
    "null",
    "nul",
    "true",
    "0",
    "-0",
    "12",
    "01",
    "1.",
    "-",
    "1.5e3",
    "1E-2",
    "1e400",
    "18446744073709551616",
    "-9223372036854775809",
    "12x",
    r#""2023-01-31""#,
    r#""2023-02-30""#,
    r#""2023-1-31""#,
    r#""\u0032023-01-31""#,
    r#""done""#,
    r#""Done""#,
    r#""on_track""#,
    r#""\u00e9""#,
    r#""\ud800""#,
    r#""\ud83d\ude00""#,
    r#""a\"b""#,
    r#""\x""#,
    r#""\u12""#,
    "\"tab\there\"",
    "\"nul\u{0}\"",
    "\"\u{7f}\"",
    "[]",
    r#"["x"]"#,
    r#"["x", 1]"#,
    r#"["x",]"#,
    r#"[null]"#,
    "{}",
    r#"{"a": 1, "a": 2}"#,
    r#"[[[[{"deep": [1, {"b": [true]}]}]]]]"#,
    "[1,]",
    r#"{"date": "2023-01-02", "text": "x"}"#,
    r#"[{"date": "2023-01-02", "text": "x"}]"#,
    r#"[{"date": "2023-01-02", "text": "x", "date": "2023-01-03"}]"#,
    r#"[{"name": "m", "value": 3}]"#,
    r#"[{"name": "m", "value": 3, "history": [{"date": "2023-01-02", "value": 1.50}]}]"#,
    r#"[{"date": "2023-01-02", "value": 1}]"#,
];

const KEYS: &[&str] = &[
    "id",
    "title",
    "goal",
    "lead",
    "status",
    "due",
    "tags",
    "reviewed",
    "progress",
    "metrics",
    "date",
    "text",
    "by",
    "name",
    "value",
    "unit",
    "target",
    "history",
    "x",
    "ti\\u0074le",
];

const SPACES: &[&str] = &["", " ", "\n  ", "\r\n", "\t", "\u{3000}", "\u{a0}"];

/// An object of up to `n` members drawn from the keys and values above.
fn object(depth: u32) -> BoxedStrategy<String> {
    let member = (
        prop::sample::select(KEYS),
        prop::sample::select(SPACES),
        value(depth),
    )
        .prop_map(|(key, space, value)| format!("\"{key}\":{space}{value}"));
    prop::collection::vec(member, 0..7)
        .prop_map(|members| format!("{{{}}}", members.join(", ")))
        .boxed()
}

fn value(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop::sample::select(VALUES).prop_map(str::to_string);
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        3 => leaf,
        1 => object(depth - 1),
        1 => prop::collection::vec(object(depth - 1), 0..3)
            .prop_map(|objects| format!("[{}]", objects.join(","))),
    ]
    .boxed()
}

/// A well-formed item most of the time, with fields changed to the snippets above.
fn item() -> impl Strategy<Value = String> {
    let good = (1u32..1000).prop_map(|id| {
        format!(
            r#"{{"id": "{id}", "title": "t", "status": "done", "due": "2023-01-31", "tags": ["a"],
            "progress": [{{"date": "2023-01-02", "text": "x", "by": "b"}}],
            "metrics": [{{"name": "m", "value": 3, "unit": "u", "target": 5,
            "history": [{{"date": "2023-01-02", "value": 1}}]}}]}}"#
        )
    });
    prop_oneof![
        2 => good,
        1 => object(2),
        3 => (1u32..1000, object(2)).prop_map(|(id, rest)| {
            let rest = rest.trim_start_matches('{');
            let comma = if rest.starts_with('}') { "" } else { ", " };
            format!(r#"{{"id": "{id}", "title": "t"{comma}{rest}"#)
        }),
    ]
}

/// Small edits: a snippet inserted, a stretch removed, a stretch replaced.
fn mutate(text: &str, edits: &[(usize, usize, usize)]) -> String {
    const PIECES: &[&str] = &[
        "",
        ",",
        "}",
        "]",
        "{",
        "[",
        "\"",
        "\\",
        ":",
        "null",
        " ",
        "\n",
        "\u{0}",
        "\"id\": \"1\", ",
        "\"x\": [1, {}], ",
        "1e400",
        "\u{feff}",
    ];
    let mut text = text.to_string();
    for &(at, len, piece) in edits {
        let mut start = at % (text.len() + 1);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len % 4).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.replace_range(start..end, PIECES[piece % PIECES.len()]);
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn the_fast_path_never_accepts_what_the_precise_reader_refuses(
        items in prop::collection::vec(item(), 0..4),
        header in prop::sample::select(&[
            r#""title": "t""#,
            r#""tally": 1, "title": "t", "period": {"start": "2023-01-01"}"#,
            r#""title": 1"#,
            r#""tally": 2, "title": "t""#,
            r#""x": {"items": 1}, "title": "t""#,
            ""
        ][..]),
        space in prop::sample::select(SPACES),
        edits in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 0..3),
    ) {
        let comma = if header.is_empty() { "" } else { ", " };
        let text = format!("{{{header}{comma}\"items\": [{space}{}{space}]}}", items.join(&format!(",{space}")));
        agree_all(&mutate(&text, &edits));
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn edited_corpus_files_are_read_alike(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 1..3),
    ) {
        let files = corpus();
        prop_assume!(!files.is_empty());
        let (_, text) = &files[pick.index(files.len())];
        agree_all(&mutate(text, &edits));
    }

    #[test]
    fn edits_in_either_half_are_read_alike_on_two_threads(
        seed in 0u64..1000,
        edits in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 1..3),
    ) {
        let text = mutate(&synthetic_text(30, seed), &edits);
        let one = agree(&text, None);
        prop_assert_eq!(one, agree(&text, Some(0)));
    }

    #[test]
    fn edited_synthetic_files_are_read_alike(
        seed in 0u64..1000,
        edits in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 1..3),
    ) {
        let text = synthetic_text(3, seed);
        agree_all(&mutate(&text, &edits));
    }
}

#[test]
fn an_outline_with_one_item_whole_saves_an_edit_like_the_whole_document() {
    let text = synthetic_text(300, 8);
    let mut whole = crate::store::parse_document(Arc::from(text.as_str())).expect("valid");
    let mut outline =
        crate::store::parse_outline(Arc::from(text.as_str()), &["150", "none"]).expect("valid");
    let at = whole.position("150").expect("item 150");
    assert_eq!(outline.items()[at], whole.items()[at]);
    assert!(
        outline.items()[at + 1].title.is_empty(),
        "the others are outlines"
    );
    let date = model::Date::from_ymd(2023, 10, 7).expect("a date");
    for doc in [&mut whole, &mut outline] {
        let item = doc.item_mut(at).expect("item 150");
        item.progress.push(model::Note::new(date, "再记一条进展"));
        item.status = model::Status::Done;
        doc.remove(3);
    }
    assert_eq!(write_document(&outline), write_document(&whole));
}

#[test]
fn a_file_the_fast_path_declines_is_read_whole_even_for_an_outline() {
    let text = synthetic_text(20, 9).replacen("\"title\"", "\"ti\\u0074le\"", 2);
    let whole = crate::store::parse_document(Arc::from(text.as_str())).expect("valid");
    let outline = crate::store::parse_outline(Arc::from(text.as_str()), &[]).expect("valid");
    assert_eq!(outline.items(), whole.items());
    assert!(!outline.items()[5].title.is_empty());
}
