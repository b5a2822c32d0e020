//! Saves on their own thread: the interface takes the next key at once, edits made while a save
//! is under way are saved next, and ending the session waits for every save.

#![allow(clippy::unwrap_used)]

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use tally::app::{State, update};
use tally::keymap::intent_for;
use tally::model::Status;
use tally::runtime::Runtime;
use tally::store;

#[test]
fn quick_edits_while_saving_all_reach_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_copy(dir.path());
    let mut state = State::new(vec![store::load(&path).unwrap()], Rect::new(0, 0, 100, 30));
    let mut runtime = Runtime::interactive();
    let statuses = ['b', 'r', 'd'];
    for letter in statuses {
        for key in [
            KeyCode::Char('s'),
            KeyCode::Char(letter),
            KeyCode::Char('j'),
        ] {
            let event = KeyEvent::new(key, KeyModifiers::NONE);
            let action = intent_for(state.mode(), state.focus, event).unwrap();
            let effects = update(&mut state, action);
            runtime.run(&mut state, effects);
        }
        runtime.poll(&mut state, false);
    }
    runtime.finish(&mut state);
    assert!(state.files[0].unsaved.is_empty(), "every edit was saved");
    let doc = store::load(&path).unwrap().doc;
    let got: Vec<Status> = doc.items()[..3].iter().map(|i| i.status).collect();
    assert_eq!(got, [Status::Blocked, Status::AtRisk, Status::Done]);
    assert_eq!(doc.items(), state.files[0].doc.items());
}
