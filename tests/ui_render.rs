//! The panes rendered into ratatui's TestBackend, checked cell by cell with snapshots, including
//! CJK text at 120×40 and 80×24, and every size down to 1×1 without a panic.

#![allow(clippy::unwrap_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use tally::app::{Event, Intent, State, update};
use tally::store::{Fingerprint, Loaded, SAMPLE_JSON, parse_document};
use tally::ui::{self, Theme};

fn sample_state(width: u16, height: u16) -> State {
    let doc = parse_document(SAMPLE_JSON.into()).expect("sample parses");
    let loaded = Loaded {
        path: "beijing-fao-2023-q3.json".into(),
        doc,
        fingerprint: Fingerprint::of_bytes(b"", None),
    };
    State::new(vec![loaded], Rect::new(0, 0, width, height))
}

fn draw(state: &State) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(state.size.width, state.size.height)).expect("backend");
    terminal
        .draw(|frame| ui::render(frame, state, Theme::plain()))
        .expect("draw");
    terminal
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

fn select(state: &mut State, id: &str) {
    update(state, Intent::Top);
    while state.selected_item().map(|i| i.id.as_str()) != Some(id) {
        update(state, Intent::Down);
    }
}

#[test]
fn wide_screen_shows_three_panes_with_item_14() {
    let mut state = sample_state(120, 40);
    select(&mut state, "14");
    let terminal = draw(&state);
    insta::assert_snapshot!("wide_120x40_item_14", screen_text(&terminal));
    let text = screen_text(&terminal);
    assert!(text.contains("Items 5/8") && text.contains("Timeline") && text.contains("Metrics"));
    assert!(text.contains("531 条"));
}

#[test]
fn eighty_by_twenty_four_stacks_the_panes() {
    let mut state = sample_state(80, 24);
    select(&mut state, "13");
    let terminal = draw(&state);
    insta::assert_snapshot!("stacked_80x24_item_13", screen_text(&terminal));
}

#[test]
fn zoom_and_help_at_80_by_24() {
    let mut state = sample_state(80, 24);
    select(&mut state, "14");
    update(&mut state, Intent::Zoom);
    insta::assert_snapshot!("zoom_80x24_item_14", screen_text(&draw(&state)));
    update(&mut state, Intent::Help);
    insta::assert_snapshot!("help_over_zoom_80x24", screen_text(&draw(&state)));
}

#[test]
fn wide_characters_are_never_split_by_a_pane_edge() {
    for (width, height) in [(120, 40), (80, 24), (100, 30), (61, 20)] {
        let mut state = sample_state(width, height);
        select(&mut state, "14");
        let terminal = draw(&state);
        let buffer = terminal.backend().buffer();
        for y in 0..height {
            for x in 0..width {
                let cell = &buffer[(x, y)];
                if unicode_width::UnicodeWidthStr::width(cell.symbol()) == 2 {
                    assert!(
                        x + 1 < width,
                        "{width}x{height}: wide char at the right edge"
                    );
                    let next = buffer[(x + 1, y)].symbol();
                    assert!(
                        next.is_empty() || next == " ",
                        "{width}x{height}: ({x},{y}) overlapped by {next:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_size_renders_without_panicking() {
    for width in [0, 1, 2, 5, 10, 20, 39, 59, 60, 79, 99, 100, 180] {
        for height in [0, 1, 2, 3, 5, 8, 12, 17, 18, 24, 50] {
            let mut state = sample_state(width, height);
            for action in [
                Intent::Bottom,
                Intent::FocusNext,
                Intent::Down,
                Intent::Zoom,
                Intent::Down,
            ] {
                update(&mut state, action);
                draw(&state);
            }
            update(&mut state, Intent::Help);
            draw(&state);
        }
    }
}

#[test]
fn no_color_output_has_no_colours() {
    let state = sample_state(100, 30);
    let terminal = draw(&state);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn colour_output_uses_only_the_sixteen_basic_colours() {
    use ratatui::style::Color;
    let state = sample_state(120, 40);
    for name in ui::ThemeName::ALL {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
        let theme = Theme::new(name, ui::Colour::On);
        terminal
            .draw(|frame| ui::render(frame, &state, theme))
            .expect("draw");
        for cell in terminal.backend().buffer().content() {
            for color in [cell.fg, cell.bg] {
                assert!(
                    !matches!(color, Color::Rgb(..) | Color::Indexed(_)),
                    "{name}: {color:?} is outside the 16-colour palette"
                );
            }
        }
    }
}

#[test]
fn several_files_show_together_with_their_titles() {
    let second = r#"{"title": "区外办2024年台账", "items": [{"id": "1", "title": "年度预算梳理", "status": "blocked"}]}"#;
    let files = [SAMPLE_JSON, second]
        .into_iter()
        .enumerate()
        .map(|(i, text)| Loaded {
            path: format!("file{i}.json").into(),
            doc: parse_document(text.into()).expect("parses"),
            fingerprint: Fingerprint::of_bytes(b"", None),
        })
        .collect();
    let mut state = State::new(files, Rect::new(0, 0, 120, 30));
    update(&mut state, Intent::Bottom);
    let text = screen_text(&draw(&state));
    assert!(text.contains("Items 9/9"), "{text}");
    assert!(text.contains("(2 files)"), "{text}");
    assert!(
        text.contains("区外办2024年台账"),
        "the header follows the selected item's file:\n{text}"
    );
    assert!(
        text.contains("9 items") && text.contains("blocked 1"),
        "{text}"
    );
    assert!(text.contains("年度预算梳理"), "{text}");
}

#[test]
fn the_status_bar_marks_commits_to_pull_and_push_and_a_running_sync() {
    use tally::app::Mark;
    let mut state = sample_state(120, 30);
    update(
        &mut state,
        Event::TeamMark(Some(Mark {
            ahead: 1,
            behind: 2,
        })),
    );
    let text = screen_text(&draw(&state));
    assert!(text.contains("git ↑1 ↓2"), "{text}");
    update(&mut state, Event::TeamMark(Some(Mark::default())));
    assert!(!screen_text(&draw(&state)).contains("git ↑"));
    update(&mut state, Intent::Sync);
    assert!(screen_text(&draw(&state)).contains("⟳ syncing"));
}

#[test]
fn an_empty_folder_says_how_to_start_and_an_empty_report_how_to_add() {
    let state = State::new(Vec::new(), Rect::new(0, 0, 100, 20));
    let text = screen_text(&draw(&state));
    assert!(text.contains("tally new FILE.json --title TITLE"), "{text}");
    assert!(text.contains("tally import REPORT.txt"), "{text}");
    let loaded = Loaded {
        path: "new.json".into(),
        doc: tally::model::Document::new("要点"),
        fingerprint: Fingerprint::of_bytes(b"", None),
    };
    let state = State::new(vec![loaded], Rect::new(0, 0, 100, 20));
    let text = screen_text(&draw(&state));
    assert!(text.contains("No items yet: press a to add one."), "{text}");
}
