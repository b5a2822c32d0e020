//! A session that edits and then reads the file again after another writer's save lets go of the
//! version it read before: undo steps and edits waiting to be saved keep copies of their own items,
//! not the whole text of every version of the file read during the session.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Weak};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use tally::app::{State, update};
use tally::keymap::intent_for;
use tally::runtime::{Runtime, run_effects};
use tally::store;

fn key(state: &mut State, code: KeyCode) {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(intent) = intent_for(state.mode(), state.focus, event) {
        let effects = update(state, intent);
        run_effects(state, effects);
    }
}

/// The text of the file's version that `state` holds now.
fn text_now(state: &State) -> Weak<str> {
    let item = &state.files[0].doc.items()[1];
    Arc::downgrade(item.origin.parts().unwrap().0)
}

/// Another writer changes the lead of the last item; the session reads the file again.
fn another_writer_saves(state: &mut State, lead: &str) {
    let path = state.files[0].path.clone();
    let mut doc = store::load(&path).unwrap().doc;
    let last = doc.items().len() - 1;
    doc.item_mut(last).unwrap().lead = Some(lead.to_string());
    std::fs::write(&path, store::write_document(&doc)).unwrap();
    Runtime::default().check_files(state);
}

#[test]
fn the_version_read_before_goes_once_the_file_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_copy(dir.path());
    let mut state = State::new(vec![store::load(&path).unwrap()], Rect::new(0, 0, 120, 40));
    let first = text_now(&state);
    // an edit of the first item (a title), saved, kept for undo
    key(&mut state, KeyCode::Char('e'));
    key(&mut state, KeyCode::Char('!'));
    key(&mut state, KeyCode::Enter);
    assert!(state.history.steps().len() == 1 && state.files[0].unsaved.is_empty());
    another_writer_saves(&mut state, "外事处");
    assert!(state.files[0].doc.items()[0].title.ends_with('!'));
    assert!(
        first.upgrade().is_none(),
        "the first version's text is still held"
    );
    // the same after an undo, which puts back the first item as it was read, byte for byte
    let second = text_now(&state);
    key(&mut state, KeyCode::Char('u'));
    another_writer_saves(&mut state, "市外办");
    assert!(!state.files[0].doc.items()[0].title.ends_with('!'));
    assert!(
        second.upgrade().is_none(),
        "the second version's text is still held"
    );
    let first_item = |text: &str| {
        let start = text.find("{\n      \"id\"").unwrap();
        text[start..start + text[start..].find("\n    }").unwrap()].to_string()
    };
    let now = std::fs::read_to_string(&path).unwrap();
    assert_eq!(first_item(&now), first_item(store::SAMPLE_JSON));
}

#[test]
fn an_edit_that_cannot_be_saved_holds_no_version_it_was_made_again_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_copy(dir.path());
    let mut state = State::new(vec![store::load(&path).unwrap()], Rect::new(0, 0, 120, 40));
    // a file without write permission is not saved: the edit waits, made again on each version
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    key(&mut state, KeyCode::Char('e'));
    key(&mut state, KeyCode::Char('!'));
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.files[0].unsaved.len(), 1);
    another_writer_saves(&mut state, "外事处");
    let second = text_now(&state);
    another_writer_saves(&mut state, "市外办");
    assert_eq!(state.files[0].unsaved.len(), 1, "{:?}", state.message);
    assert!(state.files[0].doc.items()[0].title.ends_with('!'));
    assert!(
        second.upgrade().is_none(),
        "the second version's text is still held"
    );
    // the other writer changes the same title: "keep mine" settles it, and that waits too
    let path = state.files[0].path.clone();
    let mut doc = store::load(&path).unwrap().doc;
    doc.item_mut(0).unwrap().title = "他人改的标题".into();
    std::fs::write(&path, store::write_document(&doc)).unwrap();
    Runtime::default().check_files(&mut state);
    assert!(!state.conflicts.is_empty(), "{:?}", state.message);
    let effects = update(&mut state, tally::app::Intent::KeepMine);
    run_effects(&mut state, effects);
    assert!(state.conflicts.is_empty());
    let third = text_now(&state);
    another_writer_saves(&mut state, "综合处");
    assert!(state.files[0].doc.items()[0].title.ends_with('!'));
    assert!(
        third.upgrade().is_none(),
        "the third version's text is still held"
    );
}
