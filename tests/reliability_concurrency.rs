//! Several tally processes editing one file at once lose nothing: saves compare the file's content
//! hash under a lock on its folder, and an edit that finds the file changed is made again on the
//! new version. Shown by running them concurrently, many times over.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use common::{sample_copy, tally_bin};
use tally::app::{Mode, State, update};
use tally::keymap::intent_for;
use tally::runtime::{Runtime, run_effects};
use tally::store;

fn note(file: &Path, id: &str, text: &str) -> std::process::Output {
    Command::new(tally_bin())
        .args([
            "note",
            file.to_str().unwrap(),
            id,
            text,
            "--date",
            "2023-11-20",
        ])
        .output()
        .unwrap()
}

/// How many times each note text appears on item `id`.
fn note_counts(file: &Path, id: &str) -> HashMap<String, usize> {
    let doc = store::load(file).unwrap().doc;
    let item = &doc.items()[doc.position(id).unwrap()];
    let mut counts = HashMap::new();
    for note in &item.progress {
        *counts.entry(note.text.to_string()).or_insert(0) += 1;
    }
    counts
}

fn rounds() -> usize {
    std::env::var("TALLY_CONCURRENCY_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4)
}

#[test]
fn eight_command_lines_adding_notes_at_once_lose_none() {
    const WRITERS: usize = 8;
    const NOTES: usize = 5;
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let mut expected = Vec::new();
    for round in 0..rounds() {
        let threads: Vec<_> = (0..WRITERS)
            .map(|writer| {
                let file = file.clone();
                std::thread::spawn(move || {
                    for n in 0..NOTES {
                        let text = format!("第{round}轮 写者{writer} 第{n}条");
                        let output = note(&file, "14", &text);
                        assert!(
                            output.status.success(),
                            "{text}: {}",
                            String::from_utf8_lossy(&output.stderr)
                        );
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        for writer in 0..WRITERS {
            for n in 0..NOTES {
                expected.push(format!("第{round}轮 写者{writer} 第{n}条"));
            }
        }
        let counts = note_counts(&file, "14");
        for text in &expected {
            assert_eq!(
                counts.get(text),
                Some(&1),
                "round {round}: {text} lost or doubled"
            );
        }
    }
    eprintln!(
        "concurrency: {} command-line notes from {WRITERS} processes at once, none lost",
        expected.len()
    );
}

#[test]
fn edits_to_different_fields_and_items_at_once_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap().to_string();
    let jobs: Vec<Vec<String>> = vec![
        vec![
            "set".into(),
            f.clone(),
            "10".into(),
            "status=at_risk".into(),
        ],
        vec!["set".into(), f.clone(), "11".into(), "lead=国际处".into()],
        vec![
            "metric".into(),
            f.clone(),
            "14".into(),
            "北京艺术中心外语标识".into(),
            "600".into(),
            "--date".into(),
            "2023-11-20".into(),
        ],
        vec![
            "add".into(),
            f.clone(),
            "--title".into(),
            "新增任务".into(),
            "--id".into(),
            "200".into(),
        ],
        vec![
            "set".into(),
            f.clone(),
            "16".into(),
            "tags=外事,会展".into(),
        ],
        vec!["note".into(), f.clone(), "17".into(), "同时写入".into()],
        vec!["rm".into(), f.clone(), "126".into()],
        vec![
            "set".into(),
            f.clone(),
            "12".into(),
            "due=2023-12-31".into(),
        ],
    ];
    let threads: Vec<_> = jobs
        .into_iter()
        .map(|args| {
            std::thread::spawn(move || {
                let output = Command::new(tally_bin()).args(&args).output().unwrap();
                assert!(
                    output.status.success(),
                    "{args:?}: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let doc = store::load(&file).unwrap().doc;
    let item = |id: &str| doc.items()[doc.position(id).unwrap()].clone();
    assert_eq!(item("10").status, tally::model::Status::AtRisk);
    assert_eq!(item("11").lead.as_deref(), Some("国际处"));
    assert_eq!(item("14").metrics[0].value.to_string(), "600");
    assert_eq!(item("200").title, "新增任务");
    assert_eq!(item("16").tags, ["外事", "会展"]);
    assert_eq!(item("17").progress.last().unwrap().text, "同时写入");
    assert!(doc.position("126").is_none());
    assert_eq!(item("12").due.unwrap().to_string(), "2023-12-31");
}

/// The interface, driven by key events in this process, saving through the same path.
struct Session {
    state: State,
}

impl Session {
    fn open(path: &Path) -> Session {
        let mut state = State::new(vec![store::load(path).unwrap()], Rect::new(0, 0, 120, 40));
        state.today = Some("2023-11-20".parse().unwrap());
        Session { state }
    }

    fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        let key = KeyEvent::new(code, modifiers);
        if let Some(action) = intent_for(self.state.mode(), self.state.focus, key) {
            let effects = update(&mut self.state, action);
            run_effects(&mut self.state, effects);
        }
    }

    /// `n`, the text, Enter: a note on the selected item.
    fn add_note(&mut self, text: &str) {
        self.press(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(self.state.mode(), Mode::Form);
        for c in text.chars() {
            self.press(KeyCode::Char(c), KeyModifiers::NONE);
        }
        self.press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(self.state.mode(), Mode::Browse, "{:?}", self.state.message);
    }

    fn select(&mut self, id: &str) {
        self.press(KeyCode::Char('g'), KeyModifiers::NONE);
        while self.state.selected_item().unwrap().id != id {
            self.press(KeyCode::Char('j'), KeyModifiers::NONE);
        }
    }
}

/// Command-line notes on `id` from another thread until `stop` is set (at least four).
fn command_line_writer(
    file: PathBuf,
    id: &'static str,
    label: String,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<Vec<String>> {
    std::thread::spawn(move || {
        let mut written = Vec::new();
        let mut n = 0;
        while n < 4 || !stop.load(Ordering::Relaxed) {
            let text = format!("{label}-{n}");
            let output = note(&file, id, &text);
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            written.push(text);
            n += 1;
        }
        written
    })
}

/// Saves what the session still holds (a save that kept colliding gives up for the moment and
/// keeps the edits; Ctrl-S saves them once the other writer is done).
fn save_the_rest(session: &mut Session) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !session.state.files[0].unsaved.is_empty() {
        assert!(
            Instant::now() < deadline,
            "the interface could not save its edits"
        );
        session.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
    }
}

#[test]
fn the_interface_and_command_lines_editing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = sample_copy(dir.path());
    for round in 0..rounds() {
        let mut session = Session::open(&file);
        session.select("14");
        let stop = Arc::new(AtomicBool::new(false));
        let cli = command_line_writer(
            file.clone(),
            "10",
            format!("命令行 {round}"),
            Arc::clone(&stop),
        );
        let mut watcher = Runtime::default();
        let mut mine = Vec::new();
        let started = Instant::now();
        for n in 0..12 {
            let text = format!("界面 {round}-{n}");
            session.add_note(&text);
            mine.push(text);
            if n % 3 == 0 {
                watcher.check_files(&mut session.state);
            }
        }
        stop.store(true, Ordering::Relaxed);
        let theirs = cli.join().unwrap();
        save_the_rest(&mut session);
        assert!(
            session.state.conflicts.is_empty(),
            "edits to other items never collide"
        );
        let mine_on_disk = note_counts(&file, "14");
        for text in &mine {
            assert_eq!(
                mine_on_disk.get(text),
                Some(&1),
                "round {round}: {text} lost or doubled"
            );
        }
        let theirs_on_disk = note_counts(&file, "10");
        for text in &theirs {
            assert_eq!(
                theirs_on_disk.get(text),
                Some(&1),
                "round {round}: {text} lost or doubled"
            );
        }
        eprintln!(
            "round {round}: {} notes from the interface and {} from the command line in {:?}, none lost",
            mine.len(),
            theirs.len(),
            started.elapsed()
        );
    }
}

#[test]
fn the_same_item_edited_at_once_is_never_overwritten_silently() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = sample_copy(dir.path());
    let mut session = Session::open(&file);
    session.select("14");
    let stop = Arc::new(AtomicBool::new(false));
    let cli = command_line_writer(file.clone(), "14", "命令行".into(), Arc::clone(&stop));
    let mut mine = Vec::new();
    let mut collided = 0;
    for n in 0..10 {
        let text = format!("界面 {n}");
        session.press(KeyCode::Char('n'), KeyModifiers::NONE);
        for c in text.chars() {
            session.press(KeyCode::Char(c), KeyModifiers::NONE);
        }
        session.press(KeyCode::Enter, KeyModifiers::NONE);
        mine.push(text);
        // Notes added by both writers are all kept (tally adds its note to the other writer's
        // version). Were anything else to collide, tally would ask; here the version on disk
        // would be taken — never without asking.
        while session.state.mode() == Mode::Conflict {
            collided += 1;
            session.press(KeyCode::Char('t'), KeyModifiers::NONE);
        }
    }
    stop.store(true, Ordering::Relaxed);
    let theirs = cli.join().unwrap();
    save_the_rest(&mut session);
    while session.state.mode() == Mode::Conflict {
        collided += 1;
        session.press(KeyCode::Char('t'), KeyModifiers::NONE);
    }
    let on_disk = note_counts(&file, "14");
    for text in &theirs {
        assert_eq!(
            on_disk.get(text),
            Some(&1),
            "{text}: the other writer's note was lost"
        );
    }
    let saved = mine.iter().filter(|t| on_disk.contains_key(*t)).count();
    assert_eq!(
        saved + collided,
        mine.len(),
        "each of this session's notes was saved or shown in a conflict"
    );
    assert_eq!(
        collided, 0,
        "notes added at once by two writers need no choice"
    );
    for text in &mine {
        assert_eq!(on_disk.get(text), Some(&1), "{text}: this session's note");
    }
    eprintln!(
        "same item: {} command-line notes kept; of {} interface notes {saved} saved, {collided} shown as conflicts",
        theirs.len(),
        mine.len()
    );
}
