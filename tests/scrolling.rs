//! Scrolling and fitting: the last note of a timeline can be read to its last character, a zoomed
//! item scrolls no further than its last line, the list keeps its columns and headings in place,
//! and what does not fit a narrow screen is cut with a mark.

#![allow(clippy::unwrap_used)]

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use tally::app::{State, update};
use tally::keymap::intent_for;
use tally::store;
use tally::ui::{self, Theme};

fn open(width: u16, height: u16) -> (State, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_copy(dir.path());
    let state = State::new(
        vec![store::load(&path).unwrap()],
        Rect::new(0, 0, width, height),
    );
    (state, dir)
}

fn press(state: &mut State, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = intent_for(state.mode(), state.focus, key) {
        let effects = update(state, action);
        tally::runtime::run_effects(state, effects);
    }
}

fn keys(state: &mut State, text: &str) {
    text.chars().for_each(|c| press(state, KeyCode::Char(c)));
}

/// The screen's rows as text (wide characters once each).
fn rows(state: &State) -> Vec<String> {
    let area = state.size;
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal
        .draw(|f| ui::render(f, state, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in 0..area.width {
                let symbol = buffer[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .collect()
}

/// The text of an item's notes in date order.
fn notes_by_date(state: &State, id: &str) -> Vec<String> {
    let doc = &state.files[0].doc;
    let item = &doc.items()[doc.position(id).unwrap()];
    item.notes_by_date()
        .into_iter()
        .map(|i| item.progress[i].text.to_string())
        .collect()
}

#[test]
fn the_last_note_of_a_timeline_can_be_read_to_its_end() {
    for (width, height, id, downs) in [(80, 24, "13", 3), (120, 40, "16", 5)] {
        let (mut state, _dir) = open(width, height);
        keys(&mut state, &"j".repeat(downs));
        assert_eq!(state.selected_item().unwrap().id, id);
        press(&mut state, KeyCode::Tab);
        keys(&mut state, "G");
        let last = notes_by_date(&state, id).pop().unwrap();
        let tail: String = last
            .chars()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let screen = rows(&state).join("\n");
        assert!(
            screen.contains(&tail),
            "{width}×{height}: the end of item {id}'s last note ({tail}) is not on screen:\n{screen}"
        );
    }
}

#[test]
fn a_zoomed_item_scrolls_no_further_than_its_last_line() {
    let (mut state, _dir) = open(80, 24);
    keys(&mut state, "jjj");
    press(&mut state, KeyCode::Enter);
    keys(&mut state, "G");
    let at_bottom = state.details.zoom_scroll;
    keys(&mut state, "jjjjj");
    assert_eq!(state.details.zoom_scroll, at_bottom, "j stops at the end");
    let screen = rows(&state);
    // inside the frame: rows 1 to 21 (0 and 22 are its border, 23 the footer); at the bottom of
    // the scroll the last line of content stands on the last row
    let blank = |row: &String| row.trim_matches(|c| c == '│' || c == ' ').is_empty();
    assert!(
        !blank(&screen[21]) && !blank(&screen[1]),
        "the zoomed item is not scrolled to its last line:\n{}",
        screen.join("\n")
    );
    keys(&mut state, "k");
    assert_eq!(
        state.details.zoom_scroll + 1,
        at_bottom,
        "one k moves back one line"
    );
}

#[test]
fn an_item_selected_by_a_search_shows_its_timeline_from_the_top() {
    let (mut state, _dir) = open(80, 24);
    press(&mut state, KeyCode::Tab);
    keys(&mut state, "jjj");
    assert!(state.details.note_cursor > 0 || state.details.timeline_scroll > 0);
    press(&mut state, KeyCode::Esc);
    keys(&mut state, "/外语");
    // the search ran in place: item 14 is selected
    assert_eq!(state.selected_item().unwrap().id, "14");
    assert_eq!(
        (state.details.timeline_scroll, state.details.note_cursor),
        (0, 0)
    );
    let screen = rows(&state).join("\n");
    assert!(
        screen.contains("2023-07-28"),
        "the first note's date is shown:\n{screen}"
    );
}

#[test]
fn going_back_to_the_top_of_a_grouped_list_shows_the_first_heading() {
    let (mut state, _dir) = open(80, 24);
    keys(&mut state, "z");
    let top = rows(&state).join("\n");
    assert!(top.contains("at risk · 1"), "grouped by status:\n{top}");
    keys(&mut state, "Gg");
    let screen = rows(&state).join("\n");
    assert!(
        screen.contains("at risk · 1"),
        "the first heading is back:\n{screen}"
    );
    assert_eq!(state.list.offset, 0);
}

#[test]
fn the_id_column_is_as_wide_as_the_widest_id_in_the_list_whatever_is_on_screen() {
    let (mut state, _dir) = open(80, 24);
    let top = rows(&state).join("\n");
    assert!(
        top.contains("│ 10  O "),
        "126 is off screen but sets the width:\n{top}"
    );
    keys(&mut state, "G");
    let bottom = rows(&state).join("\n");
    assert!(bottom.contains("│126  O "), "{bottom}");
    assert!(bottom.contains("│ 12  O "), "{bottom}");
}

#[test]
fn a_narrow_header_marks_where_the_period_is_cut() {
    let (state, _dir) = open(50, 15);
    let header = rows(&state)[0].clone();
    assert!(header.trim_end().ends_with('…'), "{header}");
}
