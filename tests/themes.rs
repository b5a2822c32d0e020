//! Each theme rendered into ratatui's TestBackend: the status badges, the focused border and the
//! footer keys carry the theme's colours, and without colour every cell is plain.

#![allow(clippy::unwrap_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

use tally::app::State;
use tally::store::{Fingerprint, Loaded, SAMPLE_JSON, parse_document};
use tally::ui::{self, Colour, Theme, ThemeName};

fn sample_state() -> State {
    let doc = parse_document(SAMPLE_JSON.into()).expect("sample parses");
    let loaded = Loaded {
        path: "beijing-fao-2023-q3.json".into(),
        doc,
        fingerprint: Fingerprint::of_bytes(b"", None),
    };
    State::new(vec![loaded], Rect::new(0, 0, 100, 30))
}

fn draw(state: &State, theme: Theme) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("backend");
    terminal
        .draw(|frame| ui::render(frame, state, theme))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The colours of the first status badge showing `status`'s letter.
fn badge_cell(buffer: &Buffer, status: tally::model::Status) -> (Color, Color) {
    let letter = status.letter().to_string();
    let cell = buffer
        .content()
        .iter()
        .find(|c| c.symbol() == letter && c.bg != Color::Reset)
        .unwrap_or_else(|| panic!("no badge for {status:?}"));
    (cell.fg, cell.bg)
}

#[test]
fn each_theme_colours_the_badges_its_own_way() {
    use tally::model::Status;
    let state = sample_state();
    let mut seen = Vec::new();
    for name in ThemeName::ALL {
        let theme = Theme::new(name, Colour::On);
        let buffer = draw(&state, theme);
        let status = Status::OnTrack;
        let (fg, bg) = badge_cell(&buffer, status);
        let expected = theme.badge(status);
        assert_eq!((Some(fg), Some(bg)), (expected.fg, expected.bg), "{name}");
        seen.push(bg);
    }
    seen.dedup();
    assert!(seen.len() > 1, "the themes look the same: {seen:?}");
}

#[test]
fn each_theme_draws_the_focused_border_and_keys_in_its_colours() {
    let state = sample_state();
    for name in ThemeName::ALL {
        let theme = Theme::new(name, Colour::On);
        let buffer = draw(&state, theme);
        // The list is focused: its top-left corner is the focused border.
        let corner = buffer
            .content()
            .iter()
            .find(|c| c.symbol() == "┌")
            .expect("a border");
        assert_eq!(Some(corner.fg), theme.border(true).fg, "{name} border");
        // The footer's first key hint.
        let last_row = buffer.area.height - 1;
        let key = (0..buffer.area.width)
            .map(|x| &buffer[(x, last_row)])
            .find(|c| c.symbol() == "j")
            .expect("the move hint");
        assert_eq!(Some(key.fg), theme.key().fg, "{name} key");
    }
}

#[test]
fn without_colour_every_theme_is_plain() {
    let state = sample_state();
    for name in ThemeName::ALL {
        let buffer = draw(&state, Theme::new(name, Colour::Off));
        for cell in buffer.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{name}");
        }
        // The status letters still tell the statuses apart.
        let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
        assert!(
            text.contains(" R ") || text.contains(" O "),
            "{name}: no status letters"
        );
    }
}
