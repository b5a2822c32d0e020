//! What runs where after someone else changes an open file: the interactive session reads the new
//! version, saves the replayed edit and searches again on threads of their own — the interface
//! thread only looks at the file's size and time, and applies what comes back.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use tally::app::{Intent, State, update};
use tally::keymap::intent_for;
use tally::model::Status;
use tally::runtime::Runtime;
use tally::store;

fn press(state: &mut State, runtime: &mut Runtime, code: KeyCode) {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = intent_for(state.mode(), state.focus, event) {
        let effects = update(state, action);
        runtime.run(state, effects);
    }
}

/// Polls `runtime` until `done` holds (failing after a generous while: this waits for another
/// thread, it does not time anything).
fn poll_until(state: &mut State, runtime: &mut Runtime, done: impl Fn(&State) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done(state) {
        assert!(
            Instant::now() < deadline,
            "the background work never came back"
        );
        runtime.poll(state, false);
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn title_of(state: &State, id: &str) -> String {
    let doc = state.document(0).unwrap();
    doc.items()[doc.position(id).unwrap()].title.clone()
}

/// A session with the list narrowed to "友城", an unsaved status change on item 16, and the file
/// changed by someone else (item 12 retitled so that the search finds it).
fn session(runtime: &mut Runtime) -> (tempfile::TempDir, std::path::PathBuf, State) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_copy(dir.path());
    let mut state = State::new(vec![store::load(&path).unwrap()], Rect::new(0, 0, 100, 30));
    press(&mut state, runtime, KeyCode::Char('/'));
    for c in "友城".chars() {
        press(&mut state, runtime, KeyCode::Char(c));
    }
    press(&mut state, runtime, KeyCode::Enter);
    poll_until(&mut state, runtime, |s| {
        s.list.filter.as_ref().is_some_and(|f| f.len() == 1)
    });
    // an edit not saved yet (its save is not asked for)
    let _unsent = update(&mut state, Intent::SetStatus(Status::Blocked));
    assert_eq!(state.files[0].unsaved.len(), 1);
    let mut doc = store::load(&path).unwrap().doc;
    let twelve = doc.position("12").unwrap();
    doc.item_mut(twelve).unwrap().title = "友城会都".into();
    std::fs::write(&path, store::write_document(&doc)).unwrap();
    (dir, path, state)
}

#[test]
fn an_outside_change_is_read_replayed_saved_and_searched_off_the_interface_thread() {
    let mut runtime = Runtime::interactive();
    let (_dir, path, mut state) = session(&mut runtime);
    let done_before = runtime.work_done_here();
    runtime.poll(&mut state, true);
    assert_eq!(
        title_of(&state, "12"),
        "雁栖湖国际会都整体功能提升",
        "the key thread did not read the file"
    );
    assert_eq!(runtime.background_jobs(), 1, "the saver thread reads it");
    poll_until(&mut state, &mut runtime, |s| {
        s.files[0].unsaved.is_empty() && s.list.filter.as_ref().is_some_and(|f| f.len() == 2)
    });
    runtime.finish(&mut state);
    assert_eq!(title_of(&state, "12"), "友城会都");
    assert_eq!(
        runtime.work_done_here(),
        done_before,
        "no read, save or search ran on the interface thread"
    );
    let on_disk = store::load(&path).unwrap().doc;
    let sixteen = &on_disk.items()[on_disk.position("16").unwrap()];
    assert_eq!(
        sixteen.status,
        Status::Blocked,
        "the replayed edit was saved"
    );
}

/// The same with the runtime that works in place (tests, one-shot commands): the count shows it.
#[test]
fn the_runtime_that_works_in_place_counts_what_it_did_itself() {
    let mut runtime = Runtime::default();
    let (_dir, _path, mut state) = session(&mut runtime);
    let done_before = runtime.work_done_here();
    runtime.poll(&mut state, true);
    assert_eq!(title_of(&state, "12"), "友城会都");
    assert!(
        runtime.work_done_here() >= done_before + 3,
        "read, save and search done here"
    );
}

/// A file whose time moved but whose content did not (a `touch`, a checkout of the same text) is
/// compared on the saver thread and not reloaded; it is not looked at again until it moves again.
#[test]
fn a_touched_file_is_compared_off_the_interface_thread_and_not_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_copy(dir.path());
    let mut state = State::new(vec![store::load(&path).unwrap()], Rect::new(0, 0, 100, 30));
    let mut runtime = Runtime::interactive();
    let text = std::fs::read(&path).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    file.set_modified(later).unwrap();
    drop(file);
    assert_eq!(std::fs::read(&path).unwrap(), text);
    runtime.poll(&mut state, true);
    assert_eq!(runtime.background_jobs(), 1, "compared on the saver thread");
    poll_until(&mut state, &mut runtime, |s| {
        s.files[0].fingerprint.modified == Some(later)
    });
    assert!(state.message.is_none(), "no reload: {:?}", state.message);
    runtime.poll(&mut state, true);
    assert_eq!(runtime.background_jobs(), 0, "not looked at again");
    assert_eq!(runtime.work_done_here(), 0);
}
