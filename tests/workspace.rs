//! Several files open at once in the interface: every item shows which file it is from (in the
//! list and the header), `file:` narrows the list to one file, and the list sorts and groups by
//! file — rendered into TestBackend.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use tally::app::{GroupBy, SortKey, State, update};
use tally::keymap::intent_for;
use tally::runtime::run_effects;
use tally::store;
use tally::ui::{self, Theme};

/// The sample as `q3-2023.json` and a one-item report `plan-2024.json`.
fn open() -> (State, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let q3 = dir.path().join("q3-2023.json");
    std::fs::write(&q3, store::SAMPLE_JSON).expect("sample");
    let plan = dir.path().join("plan-2024.json");
    let mut doc = tally::model::Document::new("2024年工作要点");
    doc.push(tally::model::Item::new("13", "新的十三项"))
        .expect("item");
    store::save_new(&plan, &doc, false).expect("save");
    let files = store::load_all(&[dir.path().to_path_buf()]).expect("load");
    (State::new(files, Rect::new(0, 0, 120, 30)), dir)
}

fn press(state: &mut State, code: KeyCode) {
    if let Some(action) = intent_for(
        state.mode(),
        state.focus,
        KeyEvent::new(code, KeyModifiers::NONE),
    ) {
        let effects = update(state, action);
        run_effects(state, effects);
    }
}

fn keys(state: &mut State, text: &str) {
    text.chars().for_each(|c| press(state, KeyCode::Char(c)));
}

fn screen(state: &State) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(state.size.width, state.size.height)).expect("backend");
    terminal
        .draw(|f| ui::render(f, state, Theme::plain()))
        .expect("draw");
    terminal.backend().to_string()
}

/// Each listed item as `LABEL ID`.
fn listed(state: &State) -> Vec<String> {
    let labels = tally::app::file_labels(&state.files);
    state
        .list
        .rows
        .iter()
        .filter_map(|r| r.item())
        .filter_map(|r| Some(format!("{} {}", labels[r.file], state.item(r)?.id)))
        .collect()
}

#[test]
fn each_row_and_the_header_name_the_items_file() {
    let (mut state, _dir) = open();
    let text = screen(&state);
    assert!(text.contains("│plan-2024  13  T  新的十三项"), "{text}");
    assert!(text.contains("[plan-2024] 2024年工作要点"), "{text}");
    press(&mut state, KeyCode::Char('j'));
    let text = screen(&state);
    assert!(text.contains("│q3-2023    10  O  主场外交"), "{text}");
    assert!(text.contains("[q3-2023] 北京市人民政府"), "{text}");
}

#[test]
fn file_filter_keeps_one_files_items() {
    let (mut state, _dir) = open();
    keys(&mut state, "/file:plan");
    press(&mut state, KeyCode::Enter);
    assert_eq!(listed(&state), ["plan-2024 13"]);
    press(&mut state, KeyCode::Esc);
    keys(&mut state, "/!file:plan id:13");
    press(&mut state, KeyCode::Enter);
    assert_eq!(listed(&state), ["q3-2023 13"]);
}

#[test]
fn the_list_sorts_and_groups_by_file() {
    let (mut state, _dir) = open();
    while state.list.sort != SortKey::Report {
        keys(&mut state, "o");
    }
    let order = listed(&state);
    assert_eq!(order.first().map(String::as_str), Some("plan-2024 13"));
    assert_eq!(order.get(1).map(String::as_str), Some("q3-2023 10"));
    assert!(screen(&state).contains("sort: file"));
    while state.list.group != GroupBy::File {
        keys(&mut state, "z");
    }
    let text = screen(&state);
    assert!(
        text.contains("plan-2024") && text.contains("group: file"),
        "{text}"
    );
    let headers: Vec<String> = state
        .list
        .rows
        .iter()
        .filter_map(|row| match row {
            tally::app::Row::Group { label, count, .. } => Some(format!("{label} {count}")),
            tally::app::Row::Item(_) => None,
        })
        .collect();
    assert_eq!(headers, ["plan-2024 1", "q3-2023 8"]);
}

#[test]
fn one_file_shows_no_label() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("q3-2023.json");
    std::fs::write(&path, store::SAMPLE_JSON).expect("sample");
    let state = State::new(
        vec![store::load(&path).expect("load")],
        Rect::new(0, 0, 120, 30),
    );
    let text = screen(&state);
    assert!(!text.contains("q3-2023"), "{text}");
}
