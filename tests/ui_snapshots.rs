//! Every screen and overlay in both languages at the two sizes people use most, 80×24 and 120×40,
//! rendered into ratatui's TestBackend and kept as snapshots. Each snapshot fixes its language on
//! the state, so the machine's locale never changes what is drawn. (The main screen's snapshots
//! in both languages are in ui_render.rs and ui_chinese.rs.)

#![allow(clippy::unwrap_used)]

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use tally::app::{Intent, Mode, State, update};
use tally::lang::Lang;
use tally::model::Status;
use tally::runtime::run_effects;
use tally::store::{self, SAMPLE_JSON};
use tally::ui::{self, Theme};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn state_in(lang: Lang, size: (u16, u16)) -> State {
    common::state_on_13("beijing-fao-2023-q3.json", SAMPLE_JSON, lang, size)
}

fn text(state: &State) -> String {
    let (width, height) = (state.size.width, state.size.height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::render(frame, state, Theme::plain()))
        .unwrap();
    terminal.backend().to_string()
}

/// Opens the screen `name` on item 13 with `intents`, checks it shows `mode` and a word of the
/// language (`words`: English, Chinese), and snapshots it in both languages at both sizes.
fn snapshot_everywhere(name: &str, intents: &[Intent], mode: Mode, words: (&str, &str)) {
    for lang in Lang::ALL {
        for size in SIZES {
            let mut state = state_in(lang, size);
            for intent in intents {
                update(&mut state, intent.clone());
            }
            assert_eq!(state.mode(), mode, "{name}");
            let screen = text(&state);
            let word = if lang == Lang::Zh { words.1 } else { words.0 };
            assert!(screen.contains(word), "{name} {lang:?} {size:?}:\n{screen}");
            let snapshot = format!("{}_{name}_{}x{}", lang.code(), size.0, size.1);
            insta::assert_snapshot!(snapshot, screen);
        }
    }
}

#[test]
fn zoom() {
    snapshot_everywhere("zoom", &[Intent::Zoom], Mode::Zoom, ("Goal", "目标"));
}

#[test]
fn help() {
    snapshot_everywhere("help", &[Intent::Help], Mode::Help, ("Keys", "按键"));
}

#[test]
fn edit_form() {
    snapshot_everywhere(
        "edit_form",
        &[Intent::Edit],
        Mode::Form,
        ("Edit item 13", "编辑事项 13"),
    );
}

#[test]
fn status_picker() {
    snapshot_everywhere(
        "status_picker",
        &[Intent::PickStatus],
        Mode::StatusPicker,
        ("at risk", "有风险"),
    );
}

#[test]
fn delete_question() {
    snapshot_everywhere(
        "delete_question",
        &[Intent::Delete],
        Mode::Confirm,
        ("Delete item 13", "删除事项 13"),
    );
}

#[test]
fn since() {
    snapshot_everywhere("since", &[Intent::ViewNext], Mode::Since, ("Since", "以来"));
}

#[test]
fn dashboard() {
    snapshot_everywhere(
        "dashboard",
        &[Intent::ViewNext, Intent::ViewNext],
        Mode::Dashboard,
        ("with a target", "有目标值"),
    );
}

#[test]
fn triage() {
    snapshot_everywhere(
        "triage",
        &[Intent::StartTriage],
        Mode::Triage,
        ("Triage", "过会"),
    );
}

#[test]
fn triage_summary() {
    snapshot_everywhere(
        "triage_summary",
        &[Intent::StartTriage, Intent::Back],
        Mode::Summary,
        ("reviewed", "已复核"),
    );
}

#[test]
fn conflict_with_a_change_on_disk() {
    for lang in Lang::ALL {
        for (width, height) in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let path = common::sample_copy(dir.path());
            let loaded = store::load(&path).unwrap();
            let mut state = State::new(vec![loaded], Rect::new(0, 0, width, height));
            state.settings.lang = lang;
            let mut doc = store::load(&path).unwrap().doc;
            let theirs = doc.item_mut(4).unwrap();
            theirs.title = "他们的标题".into();
            theirs.status = Status::Blocked;
            std::fs::write(&path, store::write_document(&doc)).unwrap();
            while state.selected_item().map(|i| i.id.as_str()) != Some("14") {
                update(&mut state, Intent::Down);
            }
            for intent in [Intent::PickStatus, Intent::SetStatus(Status::Done)] {
                let effects = update(&mut state, intent);
                run_effects(&mut state, effects);
            }
            assert_eq!(state.mode(), Mode::Conflict);
            let screen = text(&state);
            let word = if lang == Lang::Zh { "他们" } else { "theirs" };
            assert!(screen.contains(word), "{lang:?}:\n{screen}");
            let snapshot = format!("{}_conflict_{width}x{height}", lang.code());
            insta::assert_snapshot!(snapshot, screen);
        }
    }
}
