//! Bytes a full frame sends to the terminal: ratatui's crossterm backend writing into memory,
//! straight and through tally's `CursorWriter`, which drops the cursor moves the terminal does not
//! need (one after every double-width character). Both streams must put the same characters in
//! the same cells.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::rc::Rc;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use tally::app::State;
use tally::cursor_writer::CursorWriter;
use tally::store::{Fingerprint, Loaded, SAMPLE_JSON, parse_document};
use tally::ui::{self, Theme};
use unicode_width::UnicodeWidthChar;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn sample_state() -> State {
    let doc = parse_document(SAMPLE_JSON.into()).expect("sample parses");
    let loaded = Loaded {
        path: "report.json".into(),
        doc,
        fingerprint: Fingerprint::of_bytes(b"", None),
    };
    State::new(vec![loaded], Rect::new(0, 0, WIDTH, HEIGHT))
}

/// A writer into memory that the test keeps a handle on.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One full frame of the sample written by the crossterm backend into `writer`.
fn frame_into<W: Write>(writer: W) -> Terminal<CrosstermBackend<W>> {
    let state = sample_state();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(writer),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
        },
    )
    .expect("terminal");
    terminal
        .draw(|frame| ui::render(frame, &state, Theme::plain()))
        .expect("drawn");
    terminal
}

/// The characters a terminal shows after `bytes`, by cell: moves are followed, colours
/// skipped, each character advances the cursor by its width.
fn cells(bytes: &[u8]) -> BTreeMap<(u32, u32), char> {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8 output");
    let mut shown = BTreeMap::new();
    let (mut row, mut column) = (0u32, 0u32);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            let mut sequence = String::new();
            for next in chars.by_ref() {
                sequence.push(next);
                if next.is_ascii_alphabetic() || next == '~' {
                    break;
                }
            }
            if let Some(target) = sequence.strip_prefix('[').and_then(|s| s.strip_suffix('H')) {
                let (r, c) = target.split_once(';').expect("row;col");
                row = r.parse::<u32>().expect("row") - 1;
                column = c.parse::<u32>().expect("column") - 1;
            }
            continue;
        }
        shown.insert((row, column), c);
        column += c.width().unwrap_or(0) as u32;
    }
    shown
}

#[test]
fn a_full_frame_through_the_cursor_writer_is_at_most_seven_tenths_and_shows_the_same() {
    let straight = Shared::default();
    drop(frame_into(straight.clone()));
    let straight = straight.0.borrow().clone();
    let filtered = Shared::default();
    drop(frame_into(CursorWriter::new(filtered.clone())));
    let filtered = filtered.0.borrow().clone();
    let ratio = filtered.len() as f64 / straight.len() as f64;
    eprintln!(
        "frame 120x40: {} bytes straight, {} through the cursor writer ({ratio:.2})",
        straight.len(),
        filtered.len()
    );
    assert!(
        ratio <= 0.7,
        "{} of {} bytes",
        filtered.len(),
        straight.len()
    );
    assert_eq!(cells(&filtered), cells(&straight));
    assert!(cells(&straight).values().any(|c| *c == '北'));
}
