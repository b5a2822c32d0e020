//! Property test of the three-way merge: random pairs of edit sequences made to one base file
//! merge to a file that loads, keeps every note and reading either side added, drops what one side
//! deleted and the other left alone, and — when the sides touch different items — is exactly the
//! file both sides' edits make together.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::sync::Arc;

use proptest::prelude::*;
use tally::merge::{Labels, merge_texts};
use tally::model::{Date, Document, Item, Metric, Note, Point, Status};
use tally::store::{parse_document, write_document};

/// One edit, naming its item by position in the list of items the side may touch.
#[derive(Clone, Debug)]
enum Edit {
    Note { item: usize, day: u32 },
    DropNote { item: usize, note: usize },
    Status { item: usize, status: usize },
    Lead { item: usize, lead: u8 },
    Reading { item: usize, day: u32, value: i64 },
    Add,
    Remove { item: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0..6usize, 1..28u32).prop_map(|(item, day)| Edit::Note { item, day }),
        1 => (0..6usize, 0..4usize).prop_map(|(item, note)| Edit::DropNote { item, note }),
        2 => (0..6usize, 0..6usize).prop_map(|(item, status)| Edit::Status { item, status }),
        1 => (0..6usize, 0..3u8).prop_map(|(item, lead)| Edit::Lead { item, lead }),
        2 => (0..6usize, 1..28u32, 0..50i64)
            .prop_map(|(item, day, value)| Edit::Reading { item, day, value }),
        1 => Just(Edit::Add),
        1 => (0..6usize).prop_map(|item| Edit::Remove { item }),
    ]
}

fn day(day: u32) -> Date {
    Date::from_ymd(2023, 10, day).unwrap()
}

fn base_text(items: usize) -> String {
    let mut doc = Document::new("基线");
    for n in 1..=items {
        let mut item = Item::new(n.to_string(), format!("任务{n}"));
        item.progress.push(Note::new(day(1), format!("base {n} a")));
        item.progress.push(Note::new(day(2), format!("base {n} b")));
        let mut metric = Metric::new("完成数", 1.into());
        metric.history.push(Point {
            date: day(1),
            value: 1.into(),
            origin: Default::default(),
        });
        item.metrics.push(metric);
        doc.push(item).unwrap();
    }
    write_document(&doc)
}

/// Applies `edits` to the base text; `side` makes note texts unique; `touch` lists the ids the
/// side may edit.
fn apply(base: &str, edits: &[Edit], side: &str, touch: &[String], may_add: bool) -> String {
    let mut doc = parse_document(Arc::from(base)).unwrap();
    for (count, edit) in edits.iter().enumerate() {
        let pick = |item: usize| touch[item % touch.len()].clone();
        let index = |doc: &Document, item: usize| doc.position(&pick(item));
        match *edit {
            Edit::Add if may_add => {
                let id = doc.next_free_id();
                doc.push(Item::new(id, format!("{side} new {count}")))
                    .unwrap();
            }
            Edit::Add => {}
            Edit::Remove { item } => {
                if let Some(at) = index(&doc, item) {
                    doc.remove(at);
                }
            }
            Edit::Note { item, day: d } => {
                if let Some(at) = index(&doc, item) {
                    let note = Note::new(day(d), format!("{side} note {count}"));
                    doc.item_mut(at).unwrap().progress.push(note);
                }
            }
            Edit::DropNote { item, note } => {
                if let Some(at) = index(&doc, item) {
                    let notes = &mut doc.item_mut(at).unwrap().progress;
                    if note < notes.len() {
                        notes.remove(note);
                    }
                }
            }
            Edit::Status { item, status } => {
                if let Some(at) = index(&doc, item) {
                    doc.item_mut(at).unwrap().status = Status::ALL[status];
                }
            }
            Edit::Lead { item, lead } => {
                if let Some(at) = index(&doc, item) {
                    doc.item_mut(at).unwrap().lead = Some(format!("处{lead}"));
                }
            }
            Edit::Reading {
                item,
                day: d,
                value,
            } => {
                if let Some(at) =
                    index(&doc, item).filter(|&at| !doc.items()[at].metrics.is_empty())
                {
                    let metric = &mut doc.item_mut(at).unwrap().metrics[0];
                    metric.history.retain(|p| p.date != day(d));
                    metric.history.push(Point {
                        date: day(d),
                        value: value.into(),
                        origin: Default::default(),
                    });
                    let latest = metric.history.iter().max_by_key(|p| p.date).unwrap();
                    metric.value = latest.value.clone();
                }
            }
        }
    }
    write_document(&doc)
}

fn load(text: &str) -> Document {
    parse_document(Arc::from(text)).unwrap()
}

/// Every (item id, note) in a document.
fn notes(doc: &Document) -> BTreeSet<(String, String, String)> {
    doc.items()
        .iter()
        .flat_map(|i| {
            i.progress
                .iter()
                .map(|n| (i.id.clone(), n.date.to_string(), n.text.to_string()))
        })
        .collect()
}

/// Every (item id, date, value) reading in a document.
fn readings(doc: &Document) -> BTreeSet<(String, String, String)> {
    doc.items()
        .iter()
        .flat_map(|i| {
            i.metrics.iter().flat_map(move |m| {
                m.history
                    .iter()
                    .map(move |p| (i.id.clone(), p.date.to_string(), p.value.to_string()))
            })
        })
        .collect()
}

/// Whether a conflict in the merged item records this as their note or reading.
fn recorded(doc: &Document, id: &str, date: &str, what: &str) -> bool {
    doc.position(id).is_some_and(|at| {
        doc.items()[at].conflicts.iter().any(|c| {
            let theirs = c.theirs.to_string();
            (theirs.contains(what) && theirs.contains(date))
                || (c.date.map(|d| d.to_string()).as_deref() == Some(date) && theirs == what)
        })
    })
}

fn check_kept_and_deleted(base: &str, ours: &str, theirs: &str, merged: &Document) {
    let (b, o, t) = (load(base), load(ours), load(theirs));
    let got = notes(merged);
    for (side, other) in [(&o, &t), (&t, &o)] {
        for note in notes(side).difference(&notes(&b)) {
            let found = got.iter().any(|n| n.1 == note.1 && n.2 == note.2);
            assert!(
                found || recorded(merged, &note.0, &note.1, &note.2),
                "note {note:?} added on one side is kept"
            );
        }
        for note in notes(&b).difference(&notes(side)) {
            let untouched = notes(other).contains(note);
            if untouched && side.position(&note.0).is_some() {
                assert!(
                    !got.contains(note),
                    "note {note:?} deleted on one side is gone"
                );
            }
        }
        let got_readings = readings(merged);
        for reading in readings(side).difference(&readings(&b)) {
            let same_date = |r: &&(String, String, String)| r.0 == reading.0 && r.1 == reading.1;
            let kept = got_readings.contains(reading)
                || recorded(merged, &reading.0, &reading.1, &reading.2)
                || got_readings.iter().any(|r| same_date(&r))
                    && readings(other).iter().any(|r| same_date(&r));
            assert!(kept, "reading {reading:?} added on one side is kept");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn any_two_edit_sequences_merge_to_a_valid_file_that_loses_nothing(
        items in 2..6usize,
        mine in prop::collection::vec(edit(), 0..8),
        other in prop::collection::vec(edit(), 0..8),
    ) {
        let base = base_text(items);
        let all: Vec<String> = (1..=items).map(|n| n.to_string()).collect();
        let ours = apply(&base, &mine, "o", &all, true);
        let theirs = apply(&base, &other, "t", &all, true);
        let (text, _) = merge_texts(&base, &ours, &theirs, &Labels::default()).unwrap();
        let merged = parse_document(Arc::from(text.as_str()));
        prop_assert!(merged.is_ok(), "merged file loads: {text}");
        check_kept_and_deleted(&base, &ours, &theirs, &merged.unwrap());
    }

    #[test]
    fn edits_to_different_items_merge_to_both_sides_edits_applied(
        items in 2..6usize,
        mine in prop::collection::vec(edit(), 0..8),
        other in prop::collection::vec(edit(), 0..8),
    ) {
        let base = base_text(items);
        let evens: Vec<String> = (1..=items).filter(|n| n % 2 == 0).map(|n| n.to_string()).collect();
        let odds: Vec<String> = (1..=items).filter(|n| n % 2 == 1).map(|n| n.to_string()).collect();
        let ours = apply(&base, &mine, "o", &evens, true);
        let theirs = apply(&base, &other, "t", &odds, false);
        let (text, outcome) = merge_texts(&base, &ours, &theirs, &Labels::default()).unwrap();
        prop_assert!(!outcome.needs_attention());
        let both = apply(&ours, &other, "t", &odds, false);
        let (merged, expected) = (load(&text), load(&both));
        prop_assert_eq!(merged.items(), expected.items());
        prop_assert_eq!(&merged.header, &expected.header);
    }
}
