//! Triage mode and minutes, key by key, against real files.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use tally::app::{Event, Mode, Msg, State, update};
use tally::keymap::intent_for;
use tally::model::{Date, Status};
use tally::runtime::run_effects;
use tally::store;

struct Meeting {
    state: State,
    path: std::path::PathBuf,
    dir: tempfile::TempDir,
}

impl Meeting {
    fn open() -> Meeting {
        let dir = tempfile::tempdir().unwrap();
        let path = common::sample_copy(dir.path());
        let mut state = State::new(vec![store::load(&path).unwrap()], Rect::new(0, 0, 100, 30));
        state.today = Some("2023-11-20".parse().unwrap());
        Meeting { state, path, dir }
    }

    fn act(&mut self, action: impl Into<Msg>) {
        let effects = update(&mut self.state, action);
        run_effects(&mut self.state, effects);
    }

    fn key(&mut self, code: KeyCode) {
        let event = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = intent_for(self.state.mode(), self.state.focus, event) {
            self.act(action);
        }
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn current_id(&self) -> String {
        let triage = self.state.triage().unwrap();
        triage.current().unwrap().1.to_string()
    }

    fn on_disk(&self) -> tally::model::Document {
        store::load(&self.path).unwrap().doc
    }
}

#[test]
fn the_walk_follows_the_list_with_skip_and_back() {
    let mut m = Meeting::open();
    m.keys("t");
    assert_eq!(m.state.mode(), Mode::Triage);
    assert_eq!(m.current_id(), "10");
    m.key(KeyCode::Right);
    m.keys(">");
    assert_eq!(m.current_id(), "12");
    m.key(KeyCode::Left);
    assert_eq!(m.current_id(), "11");
    assert_eq!(
        m.state.triage().unwrap().left(),
        5,
        "three of eight shown; going back adds none"
    );
    assert_eq!(
        std::fs::read_to_string(&m.path).unwrap(),
        tally::store::SAMPLE_JSON,
        "skipping changes nothing"
    );
}

#[test]
fn the_walk_uses_the_sorted_or_grouped_list() {
    let mut m = Meeting::open();
    m.keys("o");
    m.keys("o"); // by status: at risk first
    m.keys("gt");
    assert_eq!(m.current_id(), "13");
}

#[test]
fn marking_reviewed_sets_the_date_saves_and_moves_on() {
    let mut m = Meeting::open();
    m.keys("t");
    m.key(KeyCode::Enter);
    m.keys(" ");
    assert_eq!(m.current_id(), "12");
    let doc = m.on_disk();
    let today: Date = "2023-11-20".parse().unwrap();
    assert_eq!(doc.items()[0].reviewed, Some(today));
    assert_eq!(doc.items()[1].reviewed, Some(today));
    assert_eq!(doc.items()[2].reviewed, None);
}

#[test]
fn status_keys_notes_lead_and_due_apply_to_the_item_shown() {
    let mut m = Meeting::open();
    m.keys("t");
    m.key(KeyCode::Right);
    m.keys("b");
    m.keys("n");
    assert_eq!(m.state.mode(), Mode::Form);
    m.keys("决定:下周协调");
    m.key(KeyCode::Enter);
    assert_eq!(m.state.mode(), Mode::Triage, "the form returns to triage");
    m.keys("L");
    m.key(KeyCode::Char('u'));
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    m.act(intent_for(m.state.mode(), m.state.focus, ctrl_u).unwrap());
    m.keys("外办");
    m.key(KeyCode::Tab);
    assert_eq!(
        m.state.form().unwrap().value("lead"),
        "市外办",
        "Tab completes from the leads in use"
    );
    m.key(KeyCode::Enter);
    m.keys("D2023-12-31");
    m.key(KeyCode::Enter);
    let item = m.on_disk().items()[1].clone();
    assert_eq!(item.id, "11");
    assert_eq!(item.status, Status::Blocked);
    assert_eq!(item.progress.last().unwrap().text, "决定:下周协调");
    assert_eq!(item.lead.as_deref(), Some("市外办"));
    assert_eq!(item.due.unwrap().to_string(), "2023-12-31");
    assert_eq!(m.current_id(), "11", "editing does not move the walk");
}

#[test]
fn the_end_shows_a_summary_that_writes_minutes() {
    let mut m = Meeting::open();
    m.key(KeyCode::Char('G'));
    m.keys("t");
    m.keys("r");
    m.keys("n");
    m.keys("延期到四季度");
    m.key(KeyCode::Enter);
    m.key(KeyCode::Enter);
    assert_eq!(
        m.state.mode(),
        Mode::Summary,
        "past the last item the summary shows"
    );
    m.keys("x");
    let message = m.state.message.clone().unwrap().text;
    assert!(message.starts_with("minutes written to "), "{message}");
    let minutes = m.dir.path().join("report-minutes-2023-11-20.md");
    let text = std::fs::read_to_string(&minutes).unwrap();
    assert!(text.contains("Items walked in triage: 1 of 8"), "{text}");
    assert!(
        text.contains("Reviewed: 1 · status changes: 1 · notes added: 1"),
        "{text}"
    );
    assert!(
        text.contains("### 126 · 深化京港、京澳、京台交流合作"),
        "{text}"
    );
    assert!(text.contains("- status: on track → at risk"), "{text}");
    assert!(text.contains("- note (2023-11-20): 延期到四季度"), "{text}");
    // Nothing changed since: the same minutes are not written again.
    m.keys("x");
    let message = m.state.message.clone().unwrap().text;
    assert!(message.contains("no new minutes written"), "{message}");
    assert!(!m.dir.path().join("report-minutes-2023-11-20-2.md").exists());
    // Minutes already on disk are never overwritten.
    let before = std::fs::read_to_string(&minutes).unwrap();
    m.state.meeting.last_minutes = None;
    m.keys("x");
    assert!(
        m.dir.path().join("report-minutes-2023-11-20-2.md").exists(),
        "never overwrites"
    );
    assert_eq!(std::fs::read_to_string(&minutes).unwrap(), before);
    m.key(KeyCode::Esc);
    assert_eq!(m.state.mode(), Mode::Browse);
    assert!(m.state.triage().is_none());
}

#[test]
fn leaving_early_also_shows_the_summary() {
    let mut m = Meeting::open();
    m.keys("t");
    m.key(KeyCode::Esc);
    assert_eq!(m.state.mode(), Mode::Summary);
    m.keys("q");
    assert_eq!(m.state.mode(), Mode::Browse);
}

#[test]
fn the_timebox_clock_counts_per_item() {
    let mut m = Meeting::open();
    let start = Instant::now();
    m.state.meeting.timebox = Some(Duration::from_secs(180));
    m.act(Event::Tick(start));
    m.keys("t");
    m.act(Event::Tick(start + Duration::from_secs(200)));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| tally::ui::render(f, &m.state, tally::ui::Theme::plain()))
        .unwrap();
    let screen = terminal.backend().to_string();
    assert!(
        screen.contains("Triage 1/8 · 7 left · 00:03:20 · this item 3m20s / 3m OVER"),
        "{screen}"
    );
    m.key(KeyCode::Right);
    terminal
        .draw(|f| tally::ui::render(f, &m.state, tally::ui::Theme::plain()))
        .unwrap();
    assert!(
        terminal.backend().to_string().contains("this item 0s / 3m"),
        "the item clock restarts"
    );
    m.keys("T");
    assert_eq!(
        m.state.triage().unwrap().timebox,
        Some(Duration::from_secs(300))
    );
}

#[test]
fn what_changed_since_the_last_review_is_highlighted() {
    let mut m = Meeting::open();
    m.keys("jjjj"); // item 14
    let reviewed = "2023-08-01";
    let file = &mut m.state.files[0];
    let index = file.doc.position("14").unwrap();
    file.doc.item_mut(index).unwrap().reviewed = Some(reviewed.parse().unwrap());
    m.keys("t");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 60)).unwrap();
    terminal
        .draw(|f| tally::ui::render(f, &m.state, tally::ui::Theme::plain()))
        .unwrap();
    let screen = terminal.backend().to_string();
    assert!(
        screen.contains("New since the last review (2023-08-01)"),
        "{screen}"
    );
    assert!(
        screen.contains("▌ 2023-10-07 一是"),
        "notes after the review are marked:\n{screen}"
    );
    assert!(
        !screen.contains("▌ 2023-07-28"),
        "older notes are not:\n{screen}"
    );
}

/// The footer's bottom line, as drawn at 100×30.
fn footer(state: &tally::app::State) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| tally::ui::render(f, state, tally::ui::Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..100)
        .map(|x| buffer[(x, 29)].symbol().to_string())
        .collect()
}

#[test]
fn form_hints_name_only_the_keys_that_do_something_there() {
    let mut m = Meeting::open();
    m.keys("t");
    m.keys("L");
    let lead = footer(&m.state);
    assert!(lead.contains("Tab complete"), "{lead}");
    assert!(
        !lead.contains("new line") && !lead.contains("next field"),
        "{lead}"
    );
    m.key(KeyCode::Esc);
    m.keys("n");
    let note = footer(&m.state);
    assert!(
        note.contains("new line") && note.contains("next field"),
        "{note}"
    );
}
