//! Goals and notes read from a file are searched where they stand in the file's text instead of
//! being copied into the index: the same hits as an index holding copies of them, in a fraction
//! of the memory.

use std::sync::Arc;

use tally::model::{self, Item, Origin};
use tally::search::{SearchIndex, rank};
#[path = "common/synth.rs"]
mod synth;

/// A realistic synthetic file as loaded (every object with its origin), with a few notes that
/// JSON has to escape and a Traditional, full-width and upper-case note.
fn loaded() -> Vec<Item> {
    let mut doc = synth::synthetic_document_shaped(400, 11, synth::Shape::REALISTIC);
    let date = model::Date::from_ymd(2023, 9, 1).expect("a date");
    let notes = [
        "引号\"里面\"的进展\n第二行",
        "國際標識 ＢＵＤＧＥＴ Budget 外語",
        "反斜杠 \\ 与 tab\t之后",
    ];
    for (at, text) in notes.iter().enumerate() {
        let item = doc.item_mut(at * 7).expect("an item");
        item.progress.push(model::Note::new(date, *text));
        item.goal = Some(format!("{text}（目标）"));
    }
    let text: Arc<str> = Arc::from(tally::store::write_document(&doc));
    let loaded = tally::store::parse_document(text).expect("the file loads");
    loaded.items().to_vec()
}

/// The same items as made in memory: no origins, so every text is copied into the index.
fn unread(items: &[Item]) -> Vec<Item> {
    items
        .iter()
        .map(|item| {
            let mut item = item.clone();
            item.origin = Origin::default();
            item.progress
                .iter_mut()
                .for_each(|n| n.origin = Origin::default());
            item
        })
        .collect()
}

#[test]
fn notes_found_in_the_file_are_searched_like_copies() {
    let items = loaded();
    let copies = unread(&items);
    let verbatim = SearchIndex::build(&items);
    let copied = SearchIndex::build(&copies);
    let queries = [
        "外语",
        "国际标识",
        "budget",
        "BUDGET",
        "引号",
        "\"里面\"",
        "第二行",
        "tab",
        "sjjy",
        "wy",
        "进展 -外语",
        "目标 合作",
        "推进,",
        "，",
    ];
    let mut found = 0;
    for query in queries {
        let a = rank(&verbatim, query).expect("a query");
        let b = rank(&copied, query).expect("a query");
        assert_eq!(a, b, "{query}");
        found += a.len();
    }
    assert!(found > 100, "the queries find things ({found})");
    assert!(
        verbatim.heap_size() * 2 < copied.heap_size(),
        "{} bytes against {}",
        verbatim.heap_size(),
        copied.heap_size()
    );
}

#[test]
fn an_index_over_two_threads_finds_notes_in_both_halves() {
    // large enough for the parallel build: both halves' file places must survive the join
    let doc = synth::synthetic_document_shaped(24_000, 12, synth::Shape::COMPACT);
    let text: Arc<str> = Arc::from(tally::store::write_document(&doc));
    let items = tally::store::parse_document(text)
        .expect("the file loads")
        .items()
        .to_vec();
    let copies = unread(&items);
    let verbatim = SearchIndex::build(&items);
    let copied = SearchIndex::build(&copies);
    for query in ["外语", "进展", "xm"] {
        assert_eq!(rank(&verbatim, query), rank(&copied, query), "{query}");
    }
}
