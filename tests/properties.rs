//! Property tests: random input never panics the loader or the editor, and what is saved loads
//! back as the same document.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use tally::app::{Event, State, update};
use tally::keymap::intent_for;
use tally::model::{Date, Document, Item, Metric, Note, Point, Status};
use tally::runtime::run_effects;
use tally::store::{self, parse_document, write_document};

/// Text with the characters that tend to break things: CJK, wide and zero-width, controls,
/// quotes and backslashes, emoji.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('a'),
            Just(' '),
            Just('外'),
            Just('语'),
            Just('、'),
            Just('"'),
            Just('\\'),
            Just('\n'),
            Just('\u{1b}'),
            Just('\u{202e}'),
            Just('\u{200d}'),
            Just('😀'),
            Just('é'),
            any::<char>(),
        ],
        0..12,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn date() -> impl Strategy<Value = Date> {
    (1990i32..2040, 1u32..13, 1u32..29).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
}

fn number() -> impl Strategy<Value = serde_json::Number> {
    prop_oneof![
        (-1_000_000i64..1_000_000).prop_map(serde_json::Number::from),
        (-1.0e6f64..1.0e6).prop_filter_map("finite", serde_json::Number::from_f64),
    ]
}

fn item(id: String) -> impl Strategy<Value = Item> {
    (
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::sample::select(Status::ALL.to_vec()),
        prop::option::of(date()),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec((date(), text(), prop::option::of(text())), 0..3),
        prop::collection::vec(
            (
                text(),
                number(),
                prop::option::of(number()),
                prop::collection::vec((date(), number()), 0..3),
            ),
            0..3,
        ),
    )
        .prop_map(
            move |(title, goal, lead, status, due, tags, notes, metrics)| {
                let mut item = Item::new(id.clone(), title);
                item.goal = goal;
                item.lead = lead;
                item.status = status;
                item.due = due;
                item.tags = tags;
                item.progress = notes
                    .into_iter()
                    .map(|(date, text, by)| Note {
                        by,
                        ..Note::new(date, text)
                    })
                    .collect();
                item.metrics = metrics
                    .into_iter()
                    .map(|(name, value, target, history)| Metric {
                        target,
                        history: history
                            .into_iter()
                            .map(|(date, value)| Point {
                                date,
                                value,
                                origin: Default::default(),
                            })
                            .collect(),
                        ..Metric::new(name, value)
                    })
                    .collect();
                item
            },
        )
}

fn document() -> impl Strategy<Value = Document> {
    (text(), 0usize..6).prop_flat_map(|(title, count)| {
        let items: Vec<_> = (0..count).map(|i| item(format!("{}", i + 1))).collect();
        (Just(title), items).prop_map(|(title, items)| {
            let mut doc = Document::new(title);
            for item in items {
                doc.push(item).unwrap();
            }
            doc
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_load_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        std::fs::write(&path, &bytes).unwrap();
        if let Err(err) = store::load(&path) {
            let text = err.to_string();
            prop_assert!(text.starts_with(&path.display().to_string()));
        }
    }

    #[test]
    fn json_like_text_parses_or_fails_cleanly(text in "[\\[\\]{}\",:0-9a-z \\n外]{0,80}") {
        let _ = parse_document(Arc::from(format!("{{\"title\":\"t\",\"items\":[{text}]}}").as_str()));
        let _ = parse_document(Arc::from(text.as_str()));
    }

    #[test]
    fn save_then_load_is_identity(doc in document()) {
        let text = write_document(&doc);
        let loaded = parse_document(Arc::from(text.as_str())).unwrap();
        prop_assert_eq!(loaded.items(), doc.items());
        prop_assert_eq!(&loaded.header.title, &doc.header.title);
        prop_assert_eq!(write_document(&loaded), text, "a loaded file is written back byte for byte");
    }
}

/// The keys a person might press, including edits and typing.
fn key() -> impl Strategy<Value = KeyEvent> {
    let plain = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    prop_oneof![
        prop::sample::select(vec![
            'j', 'k', 'g', 'G', 'e', 's', 'n', 'm', 'a', 'd', 'J', 'K', 'u', 'y', 'q', 't', 'o',
            'r', 'b', 'x', '?', '外', '1', '-'
        ])
        .prop_map(plain),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Left,
            KeyCode::Down,
            KeyCode::Up
        ])
        .prop_map(|code| KeyEvent::new(code, KeyModifiers::NONE)),
        prop::sample::select(vec!['r', 's', 'u', 'w', 'j'])
            .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_key_sequences_never_panic_and_disk_matches_memory(keys in prop::collection::vec(key(), 0..60), width in 20u16..140, height in 5u16..50) {
        let dir = tempfile::tempdir().unwrap();
        let path = common::sample_copy(dir.path());
        let mut state = State::new(vec![store::load(&path).unwrap()], Rect::new(0, 0, width, height));
        state.today = Some("2023-11-20".parse().unwrap());
        for key in keys {
            if let Some(action) = intent_for(state.mode(), state.focus, key) {
                let effects = update(&mut state, action);
                run_effects(&mut state, effects);
            }
            if state.quit {
                break;
            }
        }
        let _ = update(&mut state, Event::Resize { width, height });
        prop_assert!(state.files[0].unsaved.is_empty(), "every edit was saved");
        let on_disk = store::load(&path).unwrap().doc;
        prop_assert_eq!(on_disk.items(), state.files[0].doc.items());
    }
}
