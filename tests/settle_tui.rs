//! Settling merge conflicts from the keyboard: items a merge left conflicts in are marked in the
//! list and found with `is:conflict`; `c` shows a conflict, and `o`, `t` or `e` settle it as an
//! ordinary edit saved to disk.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use serde_json::Value;

use tally::app::{Mode, State, update};
use tally::keymap::intent_for;
use tally::merge::{Labels, merge_texts};
use tally::model::{Document, Status};
use tally::runtime::run_effects;
use tally::store::{
    self, SAMPLE_JSON, item_extras, parse_document, with_item_extras, write_document,
};
use tally::ui::{self, Theme};

/// The sample where both sides set item 14's status and item 17's `x-owner` differently.
fn conflicted() -> String {
    let side = |status: Status, owner: &str| {
        let mut doc: Document = parse_document(Arc::from(SAMPLE_JSON)).unwrap();
        let at = doc.position("14").unwrap();
        doc.item_mut(at).unwrap().status = status;
        let at = doc.position("17").unwrap();
        let owned = with_item_extras(&doc.items()[at], &[("x-owner".into(), Value::from(owner))]);
        doc.replace(at, owned);
        write_document(&doc)
    };
    let labels = Labels {
        ours: Some("HEAD".into()),
        theirs: Some("origin/main".into()),
    };
    let ours = side(Status::Blocked, "甲");
    let theirs = side(Status::Done, "乙");
    let (text, outcome) = merge_texts(SAMPLE_JSON, &ours, &theirs, &labels).unwrap();
    assert_eq!(outcome.conflicts.len(), 2);
    text
}

struct Session {
    state: State,
    path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Session {
    fn open() -> Session {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(&path, conflicted()).unwrap();
        let state = State::new(vec![store::load(&path).unwrap()], Rect::new(0, 0, 110, 32));
        Session {
            state,
            path,
            _dir: dir,
        }
    }

    fn press(&mut self, code: KeyCode) {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = intent_for(self.state.mode(), self.state.focus, key) {
            let effects = update(&mut self.state, action);
            run_effects(&mut self.state, effects);
        }
    }

    fn keys(&mut self, text: &str) {
        text.chars().for_each(|c| self.press(KeyCode::Char(c)));
    }

    fn select(&mut self, id: &str) {
        assert_eq!(self.state.mode(), Mode::Browse);
        self.keys("g");
        while self.state.selected_item().unwrap().id != id {
            self.keys("j");
        }
    }

    fn screen(&self) -> String {
        let mut terminal = Terminal::new(TestBackend::new(
            self.state.size.width,
            self.state.size.height,
        ))
        .unwrap();
        terminal
            .draw(|f| ui::render(f, &self.state, Theme::plain()))
            .unwrap();
        terminal.backend().to_string()
    }

    fn on_disk(&self, id: &str) -> tally::model::Item {
        let doc = store::load(&self.path).unwrap().doc;
        doc.items()[doc.position(id).unwrap()].clone()
    }

    fn listed(&self) -> Vec<String> {
        self.state
            .list
            .rows
            .iter()
            .filter_map(|r| r.item())
            .map(|r| self.state.item(r).unwrap().id.clone())
            .collect()
    }
}

fn row_of<'s>(screen: &'s str, title: &str) -> &'s str {
    screen.lines().find(|l| l.contains(title)).unwrap()
}

#[test]
fn conflicted_items_are_marked_and_found_with_is_conflict() {
    let mut session = Session::open();
    let screen = session.screen();
    assert!(
        row_of(&screen, "网上国际服务平台").contains(" B !网上"),
        "{screen}"
    );
    assert!(
        row_of(&screen, "推动世界剧院联盟").contains("!推动"),
        "{screen}"
    );
    assert!(!row_of(&screen, "优化国际化环境").contains('!'), "{screen}");
    session.keys("/is:conflict");
    session.press(KeyCode::Enter);
    assert_eq!(session.listed(), ["14", "17"]);
    session.keys("/");
    session.press(KeyCode::Esc);
    session.keys("/!is:conflict");
    assert_eq!(session.listed().len(), 6);
}

#[test]
fn t_takes_theirs_and_the_record_goes_from_the_file() {
    let mut session = Session::open();
    session.select("14");
    session.keys("c");
    assert_eq!(session.state.mode(), Mode::MergeConflict);
    let screen = session.screen();
    assert!(
        screen.contains("Merge conflict 1 of 1 · item 14"),
        "{screen}"
    );
    assert!(screen.contains("ours (HEAD): blocked"), "{screen}");
    assert!(screen.contains("theirs (origin/main): done"), "{screen}");
    session.keys("t");
    assert_eq!(session.state.mode(), Mode::Browse);
    let item = session.on_disk("14");
    assert_eq!(item.status, Status::Done);
    assert!(item.conflicts.is_empty());
    assert!(!session.screen().contains(" D !网上"));
    session.keys("u");
    let item = session.on_disk("14");
    assert_eq!(
        (item.status, item.conflicts.len()),
        (Status::Blocked, 1),
        "undone"
    );
}

#[test]
fn o_keeps_ours_and_an_unknown_field_can_take_theirs() {
    let mut session = Session::open();
    session.select("14");
    session.keys("co");
    let item = session.on_disk("14");
    assert_eq!((item.status, item.conflicts.len()), (Status::Blocked, 0));
    session.select("17");
    session.keys("c");
    assert!(session.screen().contains("theirs (origin/main): 乙"));
    session.keys("t");
    let item = session.on_disk("17");
    assert!(item.conflicts.is_empty());
    assert_eq!(
        item_extras(&item),
        [("x-owner".to_string(), Value::from("乙"))]
    );
    let text = std::fs::read_to_string(&session.path).unwrap();
    assert!(!text.contains("\"conflicts\""), "every record is gone");
}

#[test]
fn e_keeps_ours_and_opens_the_form_and_esc_leaves_it_for_later() {
    let mut session = Session::open();
    session.select("14");
    session.keys("c");
    session.press(KeyCode::Esc);
    assert_eq!(session.state.mode(), Mode::Browse);
    assert_eq!(session.on_disk("14").conflicts.len(), 1, "still recorded");
    session.keys("ce");
    assert_eq!(session.state.mode(), Mode::Form);
    assert!(session.on_disk("14").conflicts.is_empty());
    session.press(KeyCode::Esc);
    assert_eq!(session.state.mode(), Mode::Browse);
    session.select("13");
    session.keys("c");
    assert_eq!(session.state.mode(), Mode::Browse, "nothing to settle");
    assert!(session.screen().contains("no merge conflicts in this item"));
}
