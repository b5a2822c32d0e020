//! Searching from the list, key by key: the list narrows as you type, Enter keeps the filter,
//! Esc restores everything; the command line prints the same order.

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

fn open(width: u16, height: u16) -> (State, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::sample_copy(dir.path());
    let state = State::new(
        vec![store::load(&path).unwrap()],
        Rect::new(0, 0, width, height),
    );
    (state, dir, path)
}

fn press(state: &mut State, key: KeyEvent) {
    if let Some(action) = intent_for(state.mode(), state.focus, key) {
        let effects = update(state, action);
        run_effects(state, effects);
    }
}

fn keys(state: &mut State, text: &str) {
    for c in text.chars() {
        press(state, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn code(state: &mut State, code: KeyCode) {
    press(state, KeyEvent::new(code, KeyModifiers::NONE));
}

fn listed(state: &State) -> Vec<String> {
    state
        .list
        .rows
        .iter()
        .filter_map(|r| r.item())
        .map(|r| state.item(r).unwrap().id.clone())
        .collect()
}

fn screen(state: &State) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(state.size.width, state.size.height)).unwrap();
    terminal
        .draw(|f| ui::render(f, state, Theme::plain()))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn typing_narrows_the_list_and_esc_restores_it() {
    let (mut state, _dir, _) = open(120, 40);
    keys(&mut state, "jj");
    keys(&mut state, "/");
    assert_eq!(state.mode(), Mode::Search);
    keys(&mut state, "外");
    assert!(listed(&state).contains(&"14".to_string()));
    keys(&mut state, "语");
    assert_eq!(listed(&state), ["14"]);
    assert_eq!(
        state.selected_item().unwrap().id,
        "14",
        "the details follow the top result"
    );
    let text = screen(&state);
    assert!(text.contains("1 of 8"), "{text}");
    assert!(
        text.contains("531 条"),
        "the metrics pane shows item 14:\n{text}"
    );
    code(&mut state, KeyCode::Esc);
    assert_eq!(state.mode(), Mode::Browse);
    assert_eq!(listed(&state).len(), 8);
    assert_eq!(
        state.selected_item().unwrap().id,
        "12",
        "the earlier selection comes back"
    );
}

#[test]
fn enter_keeps_the_filter_and_esc_in_the_list_clears_it() {
    let (mut state, _dir, _) = open(100, 30);
    keys(&mut state, "/status:on_track 国际");
    code(&mut state, KeyCode::Enter);
    assert_eq!(state.mode(), Mode::Browse);
    let kept = listed(&state);
    assert!(!kept.is_empty() && kept.len() < 8, "{kept:?}");
    assert!(!kept.contains(&"13".to_string()), "13 is at risk");
    assert!(screen(&state).contains("filter: status:on_track 国际"));
    code(&mut state, KeyCode::Esc);
    assert_eq!(listed(&state).len(), 8);
}

#[test]
fn arrows_and_ctrl_n_move_through_results_without_leaving_the_line() {
    let (mut state, _dir, _) = open(100, 30);
    keys(&mut state, "/国际");
    let first = state.selected_item().unwrap().id.clone();
    code(&mut state, KeyCode::Down);
    press(
        &mut state,
        KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL),
    );
    assert_eq!(state.mode(), Mode::Search);
    assert_ne!(state.selected_item().unwrap().id, first);
    assert_eq!(state.search.text(), "国际", "arrows do not type");
}

#[test]
fn pinyin_and_full_width_input_work() {
    let (mut state, _dir, _) = open(100, 30);
    keys(&mut state, "／sjjylm");
    assert_eq!(state.mode(), Mode::Search);
    assert_eq!(listed(&state), ["17"]);
    code(&mut state, KeyCode::Esc);
    keys(&mut state, "/ｉｄ：14");
    assert_eq!(listed(&state), ["14"]);
}

#[test]
fn an_unknown_filter_is_explained_and_the_list_stays() {
    let (mut state, _dir, _) = open(100, 30);
    keys(&mut state, "/外语");
    let effects = update(&mut state, tally::app::Intent::Paste(" colour:red".into()));
    run_effects(&mut state, effects);
    assert_eq!(listed(&state), ["14"], "the previous result stays");
    let text = screen(&state);
    assert!(text.contains("unknown filter"), "{text}");
}

#[test]
fn matched_characters_are_highlighted_by_cell_and_stay_aligned() {
    let (mut state, _dir, _) = open(120, 40);
    keys(&mut state, "/外语");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| ui::render(f, &state, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let (x, y) = (0..40u16)
        .flat_map(|y| (0..120u16).map(move |x| (x, y)))
        .find(|&(x, y)| buffer[(x, y)].symbol() == "外" && buffer[(x + 2, y)].symbol() == "语")
        .expect("the title is on screen");
    use ratatui::style::Modifier;
    assert!(buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(buffer[(x + 2, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(
        !buffer[(x - 2, y)].modifier.contains(Modifier::UNDERLINED),
        "only the matched characters"
    );
    let row: String = (0..120u16)
        .map(|c| buffer[(c, y)].symbol().to_string())
        .collect();
    assert!(row.ends_with('│'), "the row keeps its border: {row}");
}

#[test]
fn list_query_prints_the_same_order_as_the_interface() {
    for query in [
        "国际",
        "外语",
        "ydyl",
        "status:on_track",
        "!外语 #国际化环境",
        "14",
    ] {
        let (mut state, dir, path) = open(100, 30);
        keys(&mut state, "/");
        keys(&mut state, query);
        let shown = listed(&state);
        let output = common::run_tally(
            &["list", path.to_str().unwrap(), "--query", query],
            dir.path(),
        );
        assert_eq!(output.status.code(), Some(0), "{query}");
        let printed: Vec<String> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect();
        assert_eq!(printed, shown, "{query}");
    }
}

#[test]
fn an_edit_under_a_filter_keeps_the_list_right() {
    let (mut state, _dir, path) = open(100, 30);
    keys(&mut state, "/status:on_track");
    code(&mut state, KeyCode::Enter);
    let before = listed(&state);
    let first = before[0].clone();
    keys(&mut state, "sb");
    let after = listed(&state);
    assert!(
        !after.contains(&first),
        "the blocked item leaves the on-track filter"
    );
    assert_eq!(after.len(), before.len() - 1);
    let doc = store::load(&path).unwrap().doc;
    assert_eq!(
        doc.items()[doc.position(&first).unwrap()].status,
        tally::model::Status::Blocked
    );
    let selected = state.selected_item().unwrap();
    assert_eq!(
        selected.status,
        tally::model::Status::OnTrack,
        "the selection is a listed item"
    );
}

/// The action a typed character asks for where the state is now.
fn typed(state: &State, c: char) -> tally::app::Intent {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    intent_for(state.mode(), state.focus, key).unwrap()
}

#[test]
fn the_index_is_built_from_a_snapshot_that_the_state_does_not_keep() {
    use std::sync::Arc;
    use tally::app::{Effect, Intent};
    let (mut state, _dir, _) = open(120, 40);
    let mut runtime = tally::runtime::Runtime::default();
    let mut effects = update(&mut state, Intent::Search);
    let action = typed(&state, '外');
    effects.extend(update(&mut state, action));
    let [Effect::Search { version, .. }] = effects.as_slice() else {
        panic!("one search: {effects:?}");
    };
    assert_eq!(*version, state.data_version);
    let shared = state.files[0].doc.shared_items();
    assert_eq!(
        Arc::strong_count(&shared),
        3,
        "the document, the builder, this test"
    );
    runtime.run(&mut state, effects);
    assert_eq!(
        Arc::strong_count(&shared),
        2,
        "once built, only the document and this test hold the items"
    );
    assert_eq!(runtime.indexes_built(), 1);
    let action = typed(&state, '语');
    let effects = update(&mut state, action);
    runtime.run(&mut state, effects);
    assert_eq!(listed(&state), ["14"]);
    assert_eq!(
        runtime.indexes_built(),
        1,
        "the next keystroke searches the index the runtime kept"
    );
}

#[test]
fn an_edit_makes_the_runtime_index_the_new_data() {
    let (mut state, _dir, _) = open(120, 40);
    let mut runtime = tally::runtime::Runtime::default();
    let mut press_here = |state: &mut State, key: KeyEvent| {
        if let Some(action) = intent_for(state.mode(), state.focus, key) {
            let effects = update(state, action);
            runtime.run(state, effects);
        }
    };
    for c in "/外".chars() {
        press_here(
            &mut state,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        );
    }
    press_here(
        &mut state,
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
    );
    let old_version = state.data_version;
    for c in "sb".chars() {
        press_here(
            &mut state,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        );
    }
    assert!(
        state.data_version > old_version,
        "an edit changes the data version"
    );
    assert_eq!(
        runtime.indexes_built(),
        2,
        "the search under the filter ran on an index of the edited data"
    );
    let asked = state.search.indexed.as_ref().unwrap();
    assert_eq!(asked.version, state.data_version);
}

#[test]
fn in_the_interactive_runtime_the_index_is_built_in_the_background_before_the_first_search() {
    use std::time::{Duration, Instant};
    use tally::app::Event;
    let (mut state, _dir, _) = open(120, 40);
    let mut runtime = tally::runtime::Runtime::interactive();
    let effects = update(&mut state, Event::PrepareSearch);
    assert!(
        matches!(
            effects.as_slice(),
            [tally::app::Effect::PrepareIndex { .. }]
        ),
        "{effects:?}"
    );
    runtime.run(&mut state, effects);
    let deadline = Instant::now() + Duration::from_secs(30);
    for c in "/外语".chars() {
        let action = typed(&state, c);
        let effects = update(&mut state, action);
        runtime.run(&mut state, effects);
    }
    while listed(&state).len() != 1 {
        assert!(
            Instant::now() < deadline,
            "no results: {:?}",
            listed(&state)
        );
        std::thread::sleep(Duration::from_millis(5));
        runtime.poll(&mut state, false);
    }
    assert_eq!(listed(&state), ["14"]);
    assert_eq!(
        runtime.work_done_here(),
        0,
        "built and searched on the worker"
    );
}

#[test]
fn an_edit_under_a_filter_keeps_the_same_items_listed_and_re_ranks_in_the_background() {
    use tally::app::Effect;
    let (mut state, _dir, _) = open(120, 40);
    keys(&mut state, "/国际");
    code(&mut state, KeyCode::Enter);
    let ranked = listed(&state);
    assert_eq!(ranked, ["13", "12", "14", "17", "16", "10", "11"]);
    // delete the first hit (13), running nothing the update asks for yet
    let mut effects = Vec::new();
    for c in "dy".chars() {
        let action = typed(&state, c);
        effects.extend(update(&mut state, action));
    }
    assert_eq!(listed(&state), ["12", "14", "17", "16", "10", "11"]);
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::Search { version, .. } if *version == state.data_version
        )),
        "the search runs again elsewhere, on the edited data: {effects:?}"
    );
    run_effects(&mut state, effects);
    assert_eq!(listed(&state), ["12", "14", "17", "16", "10", "11"]);
    // J under a search would change the file's order, which a ranked list does not show: it is
    // refused with a message and nothing changes
    let action = typed(&state, 'J');
    let effects = update(&mut state, action);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("clear the search first")),
        "{:?}",
        state.message
    );
    assert_eq!(listed(&state), ["12", "14", "17", "16", "10", "11"]);
    let ids = state.files[0]
        .doc
        .items()
        .iter()
        .map(|i| i.id.as_str())
        .collect::<Vec<_>>();
    assert_eq!(ids, ["10", "11", "12", "14", "16", "17", "126"]);
}

#[test]
fn a_file_changed_on_disk_under_a_filter_keeps_the_same_items_listed_until_ranked_again() {
    use tally::app::{Effect, Event};
    let (mut state, _dir, path) = open(120, 40);
    keys(&mut state, "/国际");
    code(&mut state, KeyCode::Enter);
    assert_eq!(listed(&state), ["13", "12", "14", "17", "16", "10", "11"]);
    // someone else reverses the items and deletes 12
    let mut doc = store::load(&path).unwrap().doc;
    let mut items: Vec<_> = doc.items().to_vec();
    items.reverse();
    items.retain(|i| i.id != "12");
    for id in doc.items().iter().map(|i| i.id.clone()).collect::<Vec<_>>() {
        let at = doc.position(&id).unwrap();
        doc.remove(at);
    }
    for item in items {
        doc.push(item).unwrap();
    }
    std::fs::write(&path, store::write_document(&doc)).unwrap();
    let loaded = Box::new(store::load(&path).unwrap());
    let effects = update(&mut state, Event::Reloaded { file: 0, loaded });
    assert_eq!(
        listed(&state),
        ["13", "14", "17", "16", "10", "11"],
        "the same items, in the same order, before any search ran"
    );
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Search { .. })),
        "ranked again elsewhere: {effects:?}"
    );
    run_effects(&mut state, effects);
    let out = common::run_tally(
        &["list", path.to_str().unwrap(), "--query", "国际"],
        path.parent().unwrap(),
    );
    let ranked: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(
        listed(&state),
        ranked,
        "ranked as the command line ranks the new file"
    );
}

#[test]
fn a_file_reloaded_while_the_first_search_is_under_way_is_searched_again() {
    use tally::app::{Effect, Event, Intent};
    let (mut state, _dir, path) = open(120, 40);
    let mut pending = update(&mut state, Intent::Search);
    for c in "外语".chars() {
        let action = typed(&state, c);
        pending.extend(update(&mut state, action));
    }
    assert!(state.list.filter.is_none(), "no results yet");
    // the file is rewritten with its items in reverse order before the search answers
    let mut doc = store::load(&path).unwrap().doc;
    let count = doc.items().len();
    for top in 0..count / 2 {
        doc.swap(top, count - 1 - top);
    }
    std::fs::write(&path, store::write_document(&doc)).unwrap();
    let loaded = Box::new(store::load(&path).unwrap());
    let after_reload = update(&mut state, Event::Reloaded { file: 0, loaded });
    assert!(
        after_reload
            .iter()
            .any(|e| matches!(e, Effect::Search { .. })),
        "the search is asked again for the new data: {after_reload:?}"
    );
    // the answer for the old data comes in late and must not be taken
    run_effects(&mut state, pending);
    run_effects(&mut state, after_reload);
    assert_eq!(listed(&state), ["14"]);
}

#[test]
fn a_query_problem_shows_beside_the_query_and_is_cut_with_an_ellipsis() {
    let (mut state, _dir, _) = open(80, 24);
    keys(&mut state, "/status:foo");
    let screen = screen(&state);
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("/ status:foo"), "the query stays: {footer}");
    assert!(footer.contains("bad status \"foo\""), "{footer}");
    assert!(footer.contains('…'), "the cut is marked: {footer}");
}

#[test]
fn a_query_problem_is_said_in_the_interface_language() {
    let (mut state, _dir, _) = open(120, 24);
    state.settings.lang = tally::lang::Lang::Zh;
    keys(&mut state, "/status:foo");
    let footer = screen(&state).lines().last().unwrap().to_string();
    assert!(footer.contains("状态“foo”无效（应为 未开始"), "{footer}");
    assert!(!footer.contains("bad status"), "{footer}");
}

#[test]
fn the_count_waits_for_the_first_results_instead_of_showing_the_previous_list() {
    let (mut state, _dir, _) = open(120, 40);
    keys(&mut state, "/外");
    let total = state.total_items();
    let key = KeyEvent::new(KeyCode::Char('语'), KeyModifiers::NONE);
    let action = intent_for(state.mode(), state.focus, key).unwrap();
    // the narrower search is asked for; its results are not in yet
    let effects = update(&mut state, action);
    let waiting = screen(&state);
    assert!(
        waiting.contains(&format!("… of {total}")),
        "no count before the results:\n{waiting}"
    );
    assert!(!waiting.contains(" of 0"), "{waiting}");
    run_effects(&mut state, effects);
    assert_eq!(listed(&state), ["14"]);
    assert!(screen(&state).contains(&format!("1 of {total}")));
}
