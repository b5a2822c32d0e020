//! The meeting screens: "since" and the dashboard, driven by keys and rendered at 80×24.

#![allow(clippy::unwrap_used)]

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use tally::app::{Mode, State, update};
use tally::keymap::intent_for;
use tally::runtime::run_effects;
use tally::store;
use tally::ui::{self, Theme};

fn open() -> (State, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_copy(dir.path());
    let mut state = State::new(vec![store::load(&path).unwrap()], Rect::new(0, 0, 80, 24));
    state.today = Some("2023-11-20".parse().unwrap());
    (state, dir)
}

fn press(state: &mut State, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = intent_for(state.mode(), state.focus, key) {
        let effects = update(state, action);
        run_effects(state, effects);
    }
}

fn keys(state: &mut State, text: &str) {
    text.chars().for_each(|c| press(state, KeyCode::Char(c)));
}

fn screen(state: &State) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| ui::render(f, state, Theme::plain()))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn v_cycles_list_since_dashboard() {
    let (mut state, _dir) = open();
    keys(&mut state, "v");
    assert_eq!(state.mode(), Mode::Since);
    keys(&mut state, "v");
    assert_eq!(state.mode(), Mode::Dashboard);
    keys(&mut state, "v");
    assert_eq!(state.mode(), Mode::Browse);
}

#[test]
fn since_lists_changes_after_the_date_newest_first_and_opens_an_item() {
    let (mut state, _dir) = open();
    keys(&mut state, "v");
    let text = screen(&state);
    assert!(text.contains("Since 2023-01-01"), "{text}");
    keys(&mut state, "D");
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let action = intent_for(state.mode(), state.focus, ctrl_u).unwrap();
    update(&mut state, action);
    keys(&mut state, "2023-07-01");
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.mode(), Mode::Since);
    let text = screen(&state);
    assert!(text.contains("Since 2023-07-01"), "{text}");
    press(&mut state, KeyCode::Char('G'));
    let text = screen(&state);
    assert!(
        text.contains("2023-07-28  14 · 网上国际服务平台和外语标识"),
        "the oldest entry is last:\n{text}"
    );
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.mode(), Mode::Browse);
    assert_eq!(state.selected_item().unwrap().id, "14");
}

#[test]
fn the_dashboard_reads_without_colour_in_80_by_24() {
    let (mut state, _dir) = open();
    keys(&mut state, "vv");
    let text = screen(&state);
    assert!(text.contains("Items by status (8 in all)"), "{text}");
    assert!(text.contains(" O  on track"), "{text}");
    assert!(text.contains("7   88%"), "{text}");
    assert!(
        text.contains("Needs attention: 1 blocked or at risk"),
        "{text}"
    );
    assert!(text.contains("13 优化国际化环境和服务"), "{text}");
    // Each metric against its own target; values of different metrics are not added up.
    assert!(!text.contains(" over "), "{text}");
    keys(&mut state, "jjjjjjjjjjjj");
    let text = screen(&state);
    assert!(
        text.contains("Metrics: 12 (2 with a target, 50% of targets reached on average)"),
        "{text}"
    );
    let behind = text.find("0/8 个 ░░░░░░░░░░░░    0%").expect(&text);
    let reached = text.find("8/8 家 ████████████  100%").expect(&text);
    assert!(behind < reached, "furthest from its target first:\n{text}");
    assert!(
        text.contains("14 北京艺术中心外语标识  531 条  (no target)"),
        "{text}"
    );
}

#[test]
fn sorting_and_grouping_show_in_the_header_and_group_rows_have_counts() {
    let (mut state, _dir) = open();
    keys(&mut state, "zoo");
    let text = screen(&state);
    assert!(text.contains("sort: status · group: status"), "{text}");
    assert!(text.contains("──  R  at risk · 1"), "{text}");
    assert!(text.contains("──  O  on track · 7"), "{text}");
    assert_eq!(
        state.selected_item().unwrap().id,
        "10",
        "the selection stays on its item"
    );
    keys(&mut state, "g");
    assert_eq!(
        state.selected_item().unwrap().id,
        "13",
        "g goes to the first item, not a header"
    );
}
