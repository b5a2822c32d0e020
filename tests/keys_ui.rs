//! The user's keys from `[keys]` in the footer and the `?` help, rendered into TestBackend.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use tally::app::{Intent, State, update};
use tally::config::Settings;
use tally::store::{Fingerprint, Loaded, SAMPLE_JSON, parse_document};
use tally::ui::{self, Theme};

fn sample_state() -> State {
    let loaded = Loaded {
        path: "beijing-fao-2023-q3.json".into(),
        doc: parse_document(SAMPLE_JSON.into()).expect("sample parses"),
        fingerprint: Fingerprint::of_bytes(b"", None),
    };
    State::new(vec![loaded], Rect::new(0, 0, 120, 40))
}

fn screen(state: &State, settings: &Settings) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    terminal
        .draw(|f| ui::render_with(f, state, &looks(settings)))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

fn looks(settings: &Settings) -> ui::Looks {
    ui::Looks {
        theme: Theme::plain(),
        keys: settings.keymap.clone(),
    }
}

const CONFIG: &str = "[keys]\nquit = [\"Q\"]\nnext = [\"Ctrl-n\", \"Down\"]\n";

#[test]
fn the_footer_shows_the_users_keys() {
    let settings = Settings::from_text(None, CONFIG);
    assert_eq!(settings.problems, vec![]);
    let state = sample_state();
    let footer = screen(&state, &settings).pop().expect("a footer");
    assert!(footer.contains("Q quit"), "{footer}");
    assert!(!footer.contains("q quit"), "{footer}");
    assert!(footer.contains("C-n/↓ move"), "{footer}");

    let defaults = Settings::from_text(None, "");
    let footer = screen(&state, &defaults).pop().expect("a footer");
    assert!(
        footer.contains("q quit") && footer.contains("j/↓ move"),
        "{footer}"
    );
}

#[test]
fn the_help_shows_the_users_keys() {
    let settings = Settings::from_text(None, CONFIG);
    let mut state = sample_state();
    update(&mut state, Intent::Help);
    let help = screen(&state, &settings).join("\n");
    let quit_row = help
        .lines()
        .find(|l| l.contains("quit (asks first"))
        .expect("the quit row");
    assert!(quit_row.contains(" Q "), "{quit_row}");
    assert!(!quit_row.contains(" q "), "{quit_row}");
    let move_row = help
        .lines()
        .find(|l| l.contains("next item, or next note"))
        .expect("the move row");
    assert!(move_row.contains("C-n/↓"), "{move_row}");
}

#[test]
fn the_timeline_shows_dates_in_the_configured_format() {
    let settings = Settings::from_text(None, "date_format = \"%m月%d日\"\n");
    assert_eq!(settings.problems, vec![]);
    let mut state = sample_state();
    for _ in 0..3 {
        update(&mut state, Intent::Down);
    }
    state.settings.dates = tally::model::DateStyle::new(settings.config.date_format.clone());
    let text = screen(&state, &settings).join("\n");
    // multi-width characters are followed by a padding cell in the buffer
    let squeezed: String = text.replace(' ', "");
    assert!(squeezed.contains("10月07日举办"), "{text}");
    assert!(!text.contains("2023-10-07 举"), "{text}");
    state.settings.dates = tally::model::DateStyle::default();
    let defaults = screen(&state, &Settings::from_text(None, "")).join("\n");
    assert!(defaults.contains("2023-10-07 举"), "{defaults}");
}
