//! Text meant to attack the terminal — ANSI and OSC escape sequences (window title, clear screen,
//! OSC 52 clipboard, tmux passthrough), C0 and C1 controls, bidirectional overrides, zero-width and
//! combining characters, emoji joined with ZWJ, ambiguous-width characters — in every field of a
//! report (`tests/corpus/hostile/terminal.json`) and in a file's name. It never reaches the
//! terminal: not through the list, the panes, the zoom, help, forms, dialogs, footer messages, nor
//! through command-line output and error messages; and the frame stays aligned.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use common::{Tmux, run_tally, tmux_available};
use tally::app::{Event, Intent, Mode, State, update};
use tally::layout::Panes;
use tally::store;
use tally::text::{is_clean_line, width};
use tally::ui::{self, Theme};

const HOSTILE: &str = include_str!("corpus/hostile/terminal.json");

/// A file name that is itself an attack: OSC 2 (window title) and a bidi override.
const HOSTILE_NAME: &str = "report\u{1b}]2;PWNED-NAME\u{7}\u{202e}.json";

fn hostile_copy(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, HOSTILE).unwrap();
    path
}

fn hostile_state(dir: &Path, width: u16, height: u16) -> State {
    let path = hostile_copy(dir, HOSTILE_NAME);
    let loaded = store::load(&path).unwrap();
    let mut state = State::new(vec![loaded], Rect::new(0, 0, width, height));
    state.today = Some("2023-11-20".parse().unwrap());
    state
}

fn draw(state: &State) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(state.size.width, state.size.height)).unwrap();
    terminal
        .draw(|frame| ui::render(frame, state, Theme::plain()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Every cell holds only characters drawn as themselves, one grapheme of a known width.
fn assert_cells_inert(buffer: &Buffer, what: &str) {
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                is_clean_line(symbol),
                "{what}: cell ({x}, {y}) holds {symbol:?}"
            );
            assert!(
                width(symbol) <= 2,
                "{what}: cell ({x}, {y}) holds {symbol:?}"
            );
        }
    }
}

/// The box around `rect` is whole: corners in place and both sides straight.
fn assert_box_intact(buffer: &Buffer, rect: Rect, what: &str) {
    if rect.width < 2 || rect.height < 2 {
        return;
    }
    let at = |x: u16, y: u16| buffer[(x, y)].symbol().to_string();
    let (left, right, top, bottom) = (rect.x, rect.right() - 1, rect.y, rect.bottom() - 1);
    assert_eq!(at(left, top), "┌", "{what}: {rect:?}");
    assert_eq!(at(right, top), "┐", "{what}: {rect:?}");
    assert_eq!(at(left, bottom), "└", "{what}: {rect:?}");
    assert_eq!(at(right, bottom), "┘", "{what}: {rect:?}");
    for y in top + 1..bottom {
        assert_eq!(at(left, y), "│", "{what}: left side at row {y}");
        assert_eq!(at(right, y), "│", "{what}: right side at row {y}");
    }
}

fn check_frame(state: &State, what: &str) {
    let buffer = draw(state);
    assert_cells_inert(&buffer, what);
    if state.mode() == Mode::Browse {
        let panes = Panes::new(state.size);
        for rect in [Some(panes.list), panes.timeline, panes.metrics]
            .into_iter()
            .flatten()
        {
            assert_box_intact(&buffer, rect, what);
        }
    }
    if state.mode() == Mode::Zoom {
        assert_box_intact(&buffer, Panes::zoom_body(state.size), what);
    }
}

#[test]
fn every_pane_and_overlay_draws_hostile_text_inert_and_aligned() {
    for (w, h) in [(120, 40), (80, 24), (100, 30), (59, 17), (30, 8)] {
        let dir = tempfile::tempdir().unwrap();
        let mut state = hostile_state(dir.path(), w, h);
        let step = |state: &mut State, action: Intent, what: &str| {
            let effects = update(state, action);
            tally::runtime::run_effects(state, effects);
            check_frame(state, &format!("{w}x{h} {what}"));
        };
        check_frame(&state, "start");
        for item in 0..state.list.rows.len() {
            for pane in 0..3 {
                step(
                    &mut state,
                    Intent::PageDown,
                    &format!("item {item} pane {pane}"),
                );
                step(
                    &mut state,
                    Intent::FocusNext,
                    &format!("item {item} pane {pane}"),
                );
            }
            step(&mut state, Intent::Zoom, &format!("zoom item {item}"));
            step(&mut state, Intent::PageDown, &format!("zoom item {item}"));
            step(&mut state, Intent::Back, "back");
            step(&mut state, Intent::Edit, &format!("form item {item}"));
            step(&mut state, Intent::NextField, &format!("form item {item}"));
            step(&mut state, Intent::Back, "back");
            step(&mut state, Intent::Down, "down");
        }
        for sort in 0..7 {
            step(&mut state, Intent::SortNext, &format!("sort {sort}"));
        }
        for group in 0..3 {
            step(&mut state, Intent::GroupNext, &format!("group {group}"));
        }
        step(&mut state, Intent::ViewNext, "since screen");
        step(&mut state, Intent::ViewNext, "dashboard");
        step(&mut state, Intent::ViewNext, "back to the list");
        step(&mut state, Intent::StartTriage, "triage");
        for item in 0..9 {
            step(
                &mut state,
                Intent::TriageNext,
                &format!("triage item {item}"),
            );
        }
        step(&mut state, Intent::Back, "back from triage");
        step(&mut state, Intent::Back, "back");
        step(&mut state, Intent::Help, "help");
        step(&mut state, Intent::Back, "back");
        step(&mut state, Intent::Top, "top");
        step(&mut state, Intent::PickStatus, "status picker");
        step(&mut state, Intent::Back, "back");
        step(&mut state, Intent::Delete, "delete question");
        step(&mut state, Intent::Back, "back");
        step(&mut state, Intent::AddNote, "note form");
        let attack = "\u{1b}]2;PWNED\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\u{9b}2J\u{202e}👨\u{200d}👩";
        step(&mut state, Intent::Paste(attack.into()), "pasted attack");
        step(&mut state, Intent::Back, "back");
        let message = format!("could not save: {attack}");
        let failed = Event::SaveFailed {
            file: 0,
            error: message.into(),
        };
        let effects = update(&mut state, failed);
        tally::runtime::run_effects(&mut state, effects);
        check_frame(&state, &format!("{w}x{h} footer error"));
        step(&mut state, Intent::Save, "footer after a retry");
    }
}

#[test]
fn an_edit_through_the_form_keeps_hostile_text_as_it_was_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut state = hostile_state(dir.path(), 120, 40);
    let path = state.files[0].path.clone();
    let title = state.files[0].doc.items()[0].title.clone();
    assert!(title.contains('\u{1b}'));
    // Open the form and submit it unchanged except the status: the title is kept byte for byte.
    let done =
        ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char('d'));
    for action in [
        Intent::Edit,
        Intent::NextField,
        Intent::NextField,
        Intent::NextField,
        Intent::Input(done),
    ] {
        update(&mut state, action);
    }
    let effects = update(&mut state, Intent::Submit);
    tally::runtime::run_effects(&mut state, effects);
    let on_disk = store::load(&path).unwrap().doc;
    assert_eq!(
        on_disk.items()[0].status,
        tally::model::Status::Done,
        "the edit was saved"
    );
    assert_eq!(
        on_disk.items()[0].title,
        title,
        "display cleaning never edits data"
    );
    let lead = state.files[0].doc.items()[0].lead.clone();
    assert_eq!(on_disk.items()[0].lead, lead);
}

/// Checks bytes printed by a command: no escape, no other control but line break and tab, no
/// invisible or reordering character.
fn assert_inert(bytes: &[u8], what: &str) {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    for line in text.lines() {
        for part in line.split('\t') {
            assert!(is_clean_line(part), "{what}: {part:?}");
        }
    }
    assert!(!bytes.contains(&0x1b), "{what}");
}

#[test]
fn command_line_output_and_errors_are_inert() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_copy(dir.path(), HOSTILE_NAME);
    let f = file.to_str().unwrap();
    let hostile_id = "\u{1b}[2J\u{202e}";
    let runs: Vec<Vec<&str>> = vec![
        vec!["validate", f],
        vec!["list", f],
        vec!["list", f, "--json"],
        vec!["show", f, "1"],
        vec!["show", f, "2"],
        vec!["show", f, "5"],
        vec!["show", f, "7"],
        vec!["show", f, hostile_id],
        vec!["show", f, "1", "--json"],
        vec!["show", f, hostile_id, "--json"],
        vec!["show", f, "\u{1b}]2;PWNED\u{7}"],
        vec!["note", f, "\u{1b}]2;PWNED\u{7}", "x"],
        vec!["set", f, "1", "\u{1b}]2;PWNED\u{7}=1"],
        vec!["set", f, "1", "status=\u{1b}]2;PWNED\u{7}"],
        vec!["metric", f, "1", "m", "\u{1b}]52;c;cHduZWQ=\u{7}"],
        vec!["list", f, "--status", "\u{1b}]2;PWNED\u{7}"],
        vec!["list", f, "--query", "\u{1b}]2;PWNED\u{7}:x"],
        vec!["list", f, "--query", "终端 \u{202e}"],
        vec!["list", f, "--query", "status:\u{9b}2J"],
        vec!["\u{1b}]2;PWNED\u{7}", "--\u{1b}[2J"],
        vec!["list", "--\u{9b}2J"],
    ];
    for args in runs {
        let output = run_tally(&args, dir.path());
        assert!(
            !String::from_utf8_lossy(&output.stderr).contains("panicked"),
            "{args:?}"
        );
        assert_inert(&output.stdout, &format!("stdout of {args:?}"));
        assert_inert(&output.stderr, &format!("stderr of {args:?}"));
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), HOSTILE, "never written");

    // JSON output stays valid and means the same: the hazards are escaped, not lost.
    let output = run_tally(&["show", f, "1", "--json"], dir.path());
    let shown: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let original: serde_json::Value = serde_json::from_str(HOSTILE).unwrap();
    assert_eq!(shown, original["items"][0]);

    // Error messages that quote hostile content: a bad status and a duplicate id.
    let bad = dir.path().join("bad\u{1b}[2J.json");
    for text in [
        "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\", \"status\": \"\\u001b]2;PWNED\\u0007\\u009b\"}]}",
        "{\"title\": \"t\", \"items\": [{\"id\": \"\\u001b]52;c;eA==\\u0007\", \"title\": \"a\"}, {\"id\": \"\\u001b]52;c;eA==\\u0007\", \"title\": \"b\"}]}",
        "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\", \"due\": \"\u{202e}2023-01-01\"}]}",
    ] {
        fs::write(&bad, text).unwrap();
        for args in [
            vec!["validate", bad.to_str().unwrap()],
            vec!["list", bad.to_str().unwrap()],
            vec!["note", bad.to_str().unwrap(), "1", "x"],
        ] {
            let output = run_tally(&args, dir.path());
            assert_eq!(output.status.code(), Some(2));
            assert_inert(&output.stderr, &format!("stderr of {args:?} on {text}"));
        }
    }
}

/// A tmux command on the test's server.
fn tmux_ok(tmux: &Tmux, args: &[&str]) -> String {
    let output = tmux.run(args);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The screen with trailing spaces kept, one string per row.
fn rows(tmux: &Tmux) -> Vec<String> {
    tmux_ok(tmux, &["capture-pane", "-p", "-N", "-t", "main"])
        .lines()
        .map(String::from)
        .collect()
}

/// What the attacks would change: the pane's title, tmux's paste buffers (OSC 52), the alternate
/// screen (`CSI ? 1049 l`); and the frame: every row exactly as wide as the window, the list's
/// borders in their columns.
fn assert_terminal_untouched(tmux: &Tmux, title: &str, columns: usize, what: &str) {
    assert_eq!(
        tmux.format("#{pane_title}"),
        title,
        "{what}: the title changed"
    );
    let buffers = tmux_ok(tmux, &["list-buffers"]);
    assert!(
        buffers.trim().is_empty(),
        "{what}: a paste buffer appeared: {buffers}"
    );
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "{what}: left the alternate screen"
    );
    let screen = rows(tmux);
    assert_eq!(
        screen.len(),
        tmux.format("#{pane_height}").parse::<usize>().unwrap()
    );
    for (y, row) in screen.iter().enumerate() {
        // Cells tally never wrote (blank since the screen was cleared) are not captured, so a row
        // may be shorter; one that ends with a border must end exactly at the window's edge.
        let drawn = row.trim_end_matches(' ');
        let ends_with_border = drawn.ends_with(['│', '┐', '┘']);
        assert!(
            width(row) <= columns && (!ends_with_border || width(drawn) == columns),
            "{what}: row {y} is misaligned ({} cells):\n{}",
            width(drawn),
            screen.join("\n")
        );
    }
}

#[test]
fn in_a_real_terminal_hostile_text_changes_nothing_outside_tallys_cells() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_copy(dir.path(), HOSTILE_NAME);
    let before = fs::read(&file).unwrap();
    let tmux = Tmux::open(&file, 120, 40);
    tmux.wait_for("Items 1/8");
    let title = tmux.format("#{pane_title}");
    assert!(!title.contains("PWNED"), "{title}");
    assert_terminal_untouched(&tmux, &title, 120, "start");
    let list_right = usize::from(Panes::new(Rect::new(0, 0, 120, 40)).list.right()) - 1;
    let steps: &[(&[&str], &str)] = &[
        (&["j"], "Items 2/8"),
        (&["j"], "Items 3/8"),
        (&["j"], "Items 4/8"),
        (&["j"], "Items 5/8"),
        (&["j"], "Items 6/8"),
        (&["j"], "Items 7/8"),
        (&["j"], "Items 8/8"),
        (&["g"], "Items 1/8"),
        (&["Tab", "j", "j", "PageDown"], "Items 1/8"),
        (&["Tab", "j", "j", "PageDown"], "Items 1/8"),
        (&["Tab"], "Items 1/8"),
        (&["Enter"], "1 · 终端标题"),
        (&["PageDown", "PageDown"], "1 · 终端标题"),
        (&["?"], "Keys"),
        (&["Escape"], "1 · 终端标题"),
        (&["Escape"], "Items 1/8"),
        (&["j", "d"], "Confirm"),
        (&["n"], "Items 2/8"),
        (&["j", "Enter"], "组合"),
        (&["Escape"], "Items 3/8"),
        (&["j", "j", "j", "j", "Enter"], "7 · fill"),
        (&["Escape"], "Items 7/8"),
        (&["g", "e"], "Edit item"),
        (&["Tab", "Tab"], "Edit item"),
        (&["Escape"], "Items 1/8"),
        (&["s"], "Status"),
        (&["Escape"], "Items 1/8"),
        (&["n"], "New note"),
        (&["Escape"], "Items 1/8"),
        (&["m"], "of item 1"),
        (&["Escape"], "Items 1/8"),
    ];
    for (keys, expect) in steps {
        tmux.keys(keys);
        let what = format!("after {keys:?}");
        wait(&tmux, expect, &what);
        // Let the frame for the last key land before reading it.
        std::thread::sleep(std::time::Duration::from_millis(150));
        assert_terminal_untouched(&tmux, &title, 120, &what);
        if expect.starts_with("Items") {
            for (y, row) in rows(&tmux).iter().enumerate().skip(2).take(37) {
                let column = column_of_cell(row, list_right);
                assert!(
                    matches!(column.as_deref(), Some("│" | "┐" | "┘")),
                    "{what}: row {y} has {column:?} where the list's right border goes:\n{row}"
                );
            }
        }
    }
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
    assert_eq!(fs::read(&file).unwrap(), before, "browsing never writes");
}

/// Waits up to 30 s for `expect` on screen; on a timeout says which step and whether the tmux
/// server and tally were still there.
fn wait(tmux: &Tmux, expect: &str, what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let screen = tmux.screen();
        if screen.contains(expect) {
            return;
        }
        if std::time::Instant::now() > deadline {
            let sessions = tmux.run(&["list-sessions"]);
            panic!(
                "{what}: timed out waiting for {expect:?}; tmux server {}; pane dead: {:?}; screen:\n{screen}",
                if sessions.status.success() {
                    "running"
                } else {
                    "gone"
                },
                tmux.format("#{pane_dead} #{pane_current_command}"),
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
}

/// The text of the cell at `column` in a captured row.
fn column_of_cell(row: &str, column: usize) -> Option<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut at = 0;
    for grapheme in row.graphemes(true) {
        if at == column {
            return Some(grapheme.to_string());
        }
        at += width(grapheme);
        if at > column {
            return None;
        }
    }
    None
}

#[test]
fn a_hostile_file_name_in_footer_messages_stays_inert() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_copy(dir.path(), HOSTILE_NAME);
    let tmux = Tmux::open(&file, 100, 30);
    tmux.wait_for("Items 1/8");
    let title = tmux.format("#{pane_title}");
    tmux.keys(&["G", "s", "d"]);
    tmux.wait_for("saved report");
    std::thread::sleep(std::time::Duration::from_millis(150));
    assert_terminal_untouched(&tmux, &title, 100, "after a save");
    tmux.keys(&["u"]);
    tmux.wait_for("saved report");
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        HOSTILE,
        "undone on disk too"
    );
}

#[test]
fn resizing_to_one_by_one_and_back_redraws_the_frame() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_copy(dir.path(), "report.json");
    let tmux = Tmux::open(&file, 120, 40);
    tmux.wait_for("Items 1/8");
    let title = tmux.format("#{pane_title}");
    for (w, h) in [
        (1, 1),
        (120, 40),
        (2, 1),
        (1, 40),
        (120, 1),
        (1, 1),
        (13, 4),
        (80, 24),
    ] {
        tmux_ok(
            &tmux,
            &[
                "resize-window",
                "-t",
                "main",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
            ],
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_eq!(
            tmux.format("#{window_width}x#{window_height}"),
            format!("{w}x{h}")
        );
        if w >= 80 && h >= 24 {
            tmux.wait_for("Items");
        }
    }
    tmux.keys(&["Enter"]);
    tmux.wait_for("1 · 终端标题");
    tmux_ok(
        &tmux,
        &["resize-window", "-t", "main", "-x", "1", "-y", "1"],
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    tmux_ok(
        &tmux,
        &["resize-window", "-t", "main", "-x", "100", "-y", "30"],
    );
    tmux.wait_for("1 · 终端标题");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Items 1/8");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_terminal_untouched(&tmux, &title, 100, "after resizing back");
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}
