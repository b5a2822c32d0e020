//! Proptest-driven fuzzing of the loader, the writer, the importer, the search query parser (with
//! ranking), the key handler (with the renderer) and the text cleaner. Inputs are seeds from
//! `tests/corpus/` mutated at random (bytes flipped, inserted, deleted, spliced, JSON, report and
//! query tokens dropped in) or built from scratch. Every target checks more than "no panic":
//! errors are placed and name the file, what loads writes back and loads again, drawn frames hold
//! no terminal control.
//!
//! `cargo test` runs a short budget. A long run, and how many inputs each target tried:
//!
//! ```sh
//! PROPTEST_CASES=200000 cargo test --release --test hostile_fuzz -- --nocapture
//! ```
//!
//! A failing input is shrunk, written to `tests/corpus/crashers/` (and its seed to
//! `tests/corpus/regressions/`), and replayed on every later run.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestError, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use tally::app::{Event, Intent, Msg, State, update};
use tally::import::csv::{read_rows, rows_to_document};
use tally::import::{Options, import_report, merge};
use tally::keymap::intent_for;
use tally::model::{Change, Status};
use tally::runtime::run_effects;
use tally::store::{self, parse_document, write_document};
use tally::text::{clean_line, clean_text, is_clean_line, truncate, width, wrap};
use tally::ui::{self, Theme};

fn corpus(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(folder)
}

/// Every file in a corpus folder, in name order.
fn seeds(folder: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(corpus(folder))
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"));
    paths.sort();
    paths.iter().map(|p| fs::read(p).unwrap()).collect()
}

/// The cases to run: `PROPTEST_CASES` when set, otherwise the target's short CI budget.
fn budget(ci_cases: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ci_cases)
}

/// Runs one fuzz target: `cases` inputs from `strategy` through `check`. On a failure the shrunk
/// input is saved (with `save`) as a crasher and the test fails.
fn fuzz<S: Strategy>(
    name: &str,
    ci_cases: u32,
    strategy: S,
    save: impl Fn(&S::Value) -> Option<(String, Vec<u8>)>,
    check: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let cases = budget(ci_cases);
    let config = Config {
        cases,
        max_shrink_iters: 2_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/corpus/regressions/hostile_fuzz.txt",
        ))),
        ..Config::default()
    };
    let runs = AtomicUsize::new(0);
    let mut runner = TestRunner::new(config);
    let result = runner.run(&strategy, |value| {
        runs.fetch_add(1, Ordering::Relaxed);
        check(value)
    });
    eprintln!(
        "fuzz {name}: {} inputs run ({cases} cases asked)",
        runs.load(Ordering::Relaxed)
    );
    if let Err(TestError::Fail(reason, value)) = &result
        && let Some((extension, bytes)) = save(value)
    {
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
        let path = corpus("crashers").join(format!("{name}-{hash:016x}.{extension}"));
        let _ = fs::write(&path, &bytes);
        panic!("fuzz {name}: {reason}; input saved to {}", path.display());
    }
    if let Err(err) = result {
        panic!("fuzz {name}: {err}");
    }
}

/// One change to a byte string.
#[derive(Debug, Clone)]
enum Edit {
    Flip(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Truncate(Index),
    Splice(Index, Index, usize),
}

/// Tokens that reach deep into a JSON parser and the format's rules.
const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\\",
    "\\u",
    "\\ud800",
    "\\u001b",
    "\\u0000",
    "NaN",
    "1e999",
    "-0",
    "0.1e-400",
    "null",
    "true",
    "\"id\"",
    "\"title\"",
    "\"items\"",
    "\"progress\"",
    "\"metrics\"",
    "\"value\"",
    "\"target\"",
    "\"history\"",
    "\"date\"",
    "\"2023-02-30\"",
    "\"2023-12-31\"",
    "\"status\"",
    "\"at_risk\"",
    "\"tally\": 2",
    "\u{feff}",
    "\u{1b}[2J",
    "\u{202e}",
    "外",
    "👨\u{200d}👩",
    "[[[[[[[[",
    "]]]]",
    "{\"a\":{\"a\":",
    "\r\n",
    "\t",
];

/// Tokens of the plain-text report format.
const REPORT_TOKENS: &[&str] = &[
    "第",
    "项",
    "項",
    ":",
    ":",
    "、",
    "。",
    "进展情况",
    "一是",
    "十一是",
    "完成",
    "个",
    "条",
    "%",
    "百分之",
    "万",
    "亿",
    "零",
    "〇",
    "二〇二三年",
    "2023年",
    "7月28日",
    "日期:",
    "负责单位:",
    "牵头单位",
    "\n",
    "\r\n",
    "\n\n",
    ",",
    ";",
    "(",
    ")",
    "1",
    "999999999999999999999",
    "-",
    "一千二百三十四",
    "\u{1b}]2;x\u{7}",
    "\u{202e}",
    "\u{0}",
    ",,,",
    "\"",
    "id,title\n",
];

fn edit(tokens: &'static [&'static str]) -> impl Strategy<Value = Edit> {
    let token = prop_oneof![
        prop::sample::select(tokens).prop_map(|t| t.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 1..6),
    ];
    prop_oneof![
        (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Edit::Flip(at, b)),
        (any::<Index>(), token).prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (any::<Index>(), 1usize..64).prop_map(|(at, n)| Edit::Delete(at, n)),
        any::<Index>().prop_map(Edit::Truncate),
        (any::<Index>(), any::<Index>(), 1usize..200).prop_map(|(a, b, n)| Edit::Splice(a, b, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len();
        match edit {
            Edit::Flip(at, b) if len > 0 => bytes[at.index(len)] = *b,
            Edit::Insert(at, new) => {
                let at = at.index(len + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            Edit::Delete(at, n) if len > 0 => {
                let at = at.index(len);
                bytes.drain(at..(at + n).min(len));
            }
            Edit::Truncate(at) => bytes.truncate(at.index(len + 1)),
            Edit::Splice(from, to, n) if len > 0 => {
                let from = from.index(len);
                let piece = bytes[from..(from + n).min(len)].to_vec();
                let to = to.index(len + 1);
                bytes.splice(to..to, piece);
            }
            _ => {}
        }
    }
    bytes
}

/// A seed from `folder` with a few random edits.
fn mutated(folder: &str, tokens: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds(folder);
    assert!(!seeds.is_empty(), "no seeds in tests/corpus/{folder}");
    (
        prop::sample::select(seeds),
        prop::collection::vec(edit(tokens), 0..8),
    )
        .prop_map(|(seed, edits)| apply(seed, &edits))
}

/// Loads `bytes` as a file and checks what tally makes of it.
fn check_loader(bytes: &[u8], dir: &Path) -> Result<(), TestCaseError> {
    let path = dir.join("fuzzed.json");
    fs::write(&path, bytes).unwrap();
    let loaded = match store::load(&path) {
        Ok(loaded) => loaded,
        Err(err) => {
            let message = err.to_string();
            prop_assert!(
                message.starts_with(&path.display().to_string()),
                "{message}"
            );
            if let Some((line, column)) = err.position {
                let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
                prop_assert!(line >= 1 && line <= lines && column >= 1, "{message}");
            }
            prop_assert!(!err.message.to_string().is_empty());
            return Ok(());
        }
    };
    // What loads writes back byte for byte, and an edit changes only its item.
    let text = write_document(&loaded.doc);
    let reread = parse_document(Arc::from(text.as_str()));
    prop_assert!(
        reread.is_ok(),
        "what loads writes back loadable: {:?}\n{text}",
        reread.err()
    );
    let reread = reread.unwrap();
    prop_assert_eq!(reread.items(), loaded.doc.items());
    prop_assert_eq!(&reread.header.title, &loaded.doc.header.title);
    if !loaded.doc.items().is_empty() {
        // With items there is a layout to keep: byte for byte. (A report with no items is
        // written in a style of tally's own; only its content must survive.)
        let source = String::from_utf8(bytes.to_vec()).unwrap();
        prop_assert_eq!(
            &text,
            &source,
            "an unedited document is written back as it was read"
        );
    }
    let mut doc = loaded.doc.clone();
    if let Some(first) = doc.items().first().cloned() {
        let status = if first.status == Status::Done {
            Status::Blocked
        } else {
            Status::Done
        };
        let change = Change::Replace {
            after: first.edited(|item| item.status = status),
            before: first,
        };
        change.apply(&mut doc).unwrap();
        let written = write_document(&doc);
        let again = parse_document(Arc::from(written.as_str()));
        prop_assert!(
            again.is_ok(),
            "an edited document loads again: {:?}\n{written}",
            again.err()
        );
        let again = again.unwrap();
        prop_assert_eq!(again.items()[0].status, status);
        prop_assert_eq!(&again.items()[1..], &loaded.doc.items()[1..]);
    }
    Ok(())
}

#[test]
fn fuzz_the_loader_with_mutated_reports() {
    let dir = tempfile::tempdir().unwrap();
    fuzz(
        "loader",
        1500,
        mutated("loader", JSON_TOKENS),
        |bytes| Some(("json".into(), bytes.clone())),
        |bytes| check_loader(&bytes, dir.path()),
    );
}

#[test]
fn fuzz_the_loader_with_random_bytes() {
    let dir = tempfile::tempdir().unwrap();
    fuzz(
        "loader-bytes",
        500,
        prop::collection::vec(any::<u8>(), 0..400),
        |bytes| Some(("json".into(), bytes.clone())),
        |bytes| check_loader(&bytes, dir.path()),
    );
}

fn check_importer(bytes: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes);
    let date = "2023-10-07".parse().unwrap();
    for options in [
        Options {
            year: Some(2023),
            fallback_date: Some(date),
        },
        Options::default(),
    ] {
        if let Ok(imported) = import_report(&text, &options) {
            let written = write_document(&imported.doc);
            let again = parse_document(Arc::from(written.as_str()));
            prop_assert!(
                again.is_ok(),
                "the import writes a valid file: {:?}\n{written}",
                again.err()
            );
            let mut file = again.unwrap();
            let report = merge(&mut file, &imported.doc, imported.report_date);
            prop_assert!(
                report.is_empty(),
                "merging a report into itself adds nothing: {report:?}"
            );
        }
    }
    if let Ok((rows, _)) = read_rows(&text) {
        let (doc, _) = rows_to_document(&rows, "t");
        let written = write_document(&doc);
        prop_assert!(
            parse_document(Arc::from(written.as_str())).is_ok(),
            "CSV rows write a valid file\n{written}"
        );
    }
    Ok(())
}

#[test]
fn fuzz_the_importer_with_mutated_reports() {
    fuzz(
        "importer",
        400,
        mutated("import", REPORT_TOKENS),
        |bytes| Some(("txt".into(), bytes.clone())),
        |bytes| check_importer(&bytes),
    );
}

/// Tokens of the search query language.
const QUERY_TOKENS: &[&str] = &[
    "status:",
    "status：",
    "lead:",
    "#",
    "＃",
    "tag:",
    "id:",
    "due",
    "due<",
    "due<=",
    "due>=",
    "due:",
    "due＜＝",
    "today",
    "2023-",
    "2023-12-31",
    "9999-99-99",
    "!",
    "！",
    "\\",
    ",",
    ":",
    " ",
    "\u{3000}",
    "外语",
    "sjjylm",
    "at_risk",
    "done",
    "foo:",
    "\u{1b}]2;x\u{7}",
    "\u{202e}",
    "\u{0}",
    "👨\u{200d}👩",
    "e\u{301}",
];

/// The search index over the hostile report and the sample, built once.
fn search_corpus() -> &'static tally::search::SearchIndex {
    static INDEX: std::sync::OnceLock<tally::search::SearchIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let hostile =
            parse_document(Arc::from(include_str!("corpus/hostile/terminal.json"))).unwrap();
        let sample = parse_document(Arc::from(store::SAMPLE_JSON)).unwrap();
        tally::search::SearchIndex::build(hostile.items().iter().chain(sample.items()))
    })
}

fn check_query(bytes: &[u8]) -> Result<(), TestCaseError> {
    use tally::search::{Query, rank};
    let text = String::from_utf8_lossy(bytes);
    let index = search_corpus();
    match Query::parse(&text) {
        Ok(query) => {
            let again = Query::parse(&query.to_string());
            prop_assert_eq!(again.as_ref(), Ok(&query), "the canonical text reads back");
            let hits = rank(index, &text);
            prop_assert!(hits.is_ok());
            prop_assert!(hits.unwrap().iter().all(|h| h.index < index.len()));
        }
        Err(err) => {
            let message = err.to_string();
            prop_assert!(
                !message.is_empty() && !message.contains('\n'),
                "{message:?}"
            );
            prop_assert!(is_clean_line(&clean_line(&message)));
        }
    }
    Ok(())
}

#[test]
fn fuzz_the_search_query_parser_and_ranking() {
    let seeds: Vec<Vec<u8>> = seeds("search")
        .iter()
        .flat_map(|file| {
            file.split(|&b| b == b'\n')
                .map(<[u8]>::to_vec)
                .collect::<Vec<_>>()
        })
        .collect();
    let mutated = (
        prop::sample::select(seeds),
        prop::collection::vec(edit(QUERY_TOKENS), 0..6),
    )
        .prop_map(|(seed, edits)| apply(seed, &edits));
    fuzz(
        "search",
        1500,
        mutated,
        |bytes| Some(("txt".into(), bytes.clone())),
        |bytes| check_query(&bytes),
    );
}

/// Every key a person might press, pasted hostile text, mouse and resizes.
fn event() -> impl Strategy<Value = Msg> {
    let key = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        prop::sample::select(vec![
            'j', 'k', 'g', 'G', 'e', 's', 'n', 'm', 'a', 'd', 'J', 'K', 'u', 'y', 'q', 't', 'o',
            'r', 'b', 'x', '?', 'v', 'z', 'T', '/', 'f', 'c', 'p', '外', '？', 'ｑ', '1', '-'
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Down,
            KeyCode::Up,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageDown,
            KeyCode::PageUp,
            KeyCode::F(1),
            KeyCode::Insert,
        ]),
    ];
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
        KeyModifiers::SHIFT,
    ]);
    // Quitting would end the run early: `q` and Ctrl-C become `j` (mapped, not filtered out, so
    // long runs never hit proptest's limit on rejected inputs).
    let keys = (key, modifiers).prop_map(|(code, m)| {
        let quits = (m == KeyModifiers::CONTROL && code == KeyCode::Char('c'))
            || code == KeyCode::Char('q');
        if quits {
            Msg::Intent(Intent::Input(KeyEvent::new(
                KeyCode::Char('j'),
                KeyModifiers::NONE,
            )))
        } else {
            Msg::Intent(Intent::Input(KeyEvent::new(code, m)))
        }
    });
    prop_oneof![
        8 => keys,
        1 => prop::sample::select(vec![
            "\u{1b}]2;PWNED\u{7}外语\u{202e}",
            "第一行\n第二行\r\n\t缩进",
            "👨\u{200d}👩\u{200d}👧❤\u{fe0f}",
            "",
            "2023-02-30",
        ])
        .prop_map(|text| Msg::Intent(Intent::Paste(text.to_string()))),
        1 => (0u16..200, 0u16..60).prop_map(|(column, row)| Msg::Intent(Intent::Click { column, row })),
        1 => (0u16..200, 0u16..60, any::<bool>()).prop_map(|(column, row, down)| Msg::Intent(Intent::Scroll { column, row, down })),
        1 => (1u16..200, 1u16..60).prop_map(|(width, height)| Msg::Event(Event::Resize { width, height })),
    ]
}

#[test]
fn fuzz_the_key_handler_and_renderer_on_hostile_files() {
    let reports = [
        (
            "hostile",
            include_str!("corpus/hostile/terminal.json").to_string(),
        ),
        ("sample", store::SAMPLE_JSON.to_string()),
    ];
    fuzz(
        "keys",
        120,
        (
            0..reports.len(),
            prop::collection::vec(event(), 0..80),
            (1u16..160, 1u16..50),
        ),
        |_| None,
        |(report, events, (width, height))| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("report.json");
            fs::write(&path, &reports[report].1).unwrap();
            let mut state = State::new(
                vec![store::load(&path).unwrap()],
                Rect::new(0, 0, width, height),
            );
            state.today = Some("2023-11-20".parse().unwrap());
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            for (step, event) in events.into_iter().enumerate() {
                let action = match event {
                    Msg::Intent(Intent::Input(key)) => {
                        match intent_for(state.mode(), state.focus, key) {
                            Some(action) => Msg::Intent(action),
                            None => continue,
                        }
                    }
                    Msg::Event(Event::Resize { width, height }) => {
                        terminal.backend_mut().resize(width, height);
                        Msg::Event(Event::Resize { width, height })
                    }
                    other => other,
                };
                let effects = update(&mut state, action);
                run_effects(&mut state, effects);
                if state.quit {
                    break;
                }
                if step % 4 == 0 {
                    let frame = terminal
                        .draw(|frame| ui::render(frame, &state, Theme::plain()))
                        .unwrap();
                    for cell in frame.buffer.content() {
                        prop_assert!(
                            is_clean_line(cell.symbol()),
                            "{:?} reached the screen",
                            cell.symbol()
                        );
                    }
                }
            }
            terminal
                .draw(|frame| ui::render(frame, &state, Theme::plain()))
                .unwrap();
            if state.files[0].save_error.is_none() && state.files[0].unsaved.is_empty() {
                let on_disk = store::load(&path).unwrap().doc;
                prop_assert_eq!(
                    on_disk.items(),
                    state.files[0].doc.items(),
                    "disk matches memory"
                );
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_the_text_cleaner() {
    let text = prop_oneof![
        any::<String>(),
        prop::collection::vec(
            prop_oneof![
                any::<char>(),
                prop::sample::select(vec![
                    '\u{1b}',
                    '\u{9b}',
                    '\u{7}',
                    '\n',
                    '\r',
                    '\t',
                    '\u{202e}',
                    '\u{200d}',
                    '\u{fe0f}',
                    '\u{1f3fd}',
                    '\u{301}',
                    '\u{e0067}',
                    '🏴',
                    '👨',
                    '外',
                    '…',
                    'ﾞ',
                    'ก',
                    '\u{e49}',
                    '\u{1f1e8}',
                    '\u{ad}',
                    '\u{3164}',
                    'ل',
                    'ا',
                ]),
            ],
            0..60,
        )
        .prop_map(|chars| chars.into_iter().collect::<String>()),
    ];
    fuzz(
        "text",
        2000,
        (text, 0usize..40),
        |(text, _)| Some(("txt".into(), text.as_bytes().to_vec())),
        |(text, cells)| {
            let line = clean_line(&text);
            prop_assert!(is_clean_line(&line), "{line:?}");
            prop_assert!(!line.contains('\n'));
            let block = clean_text(&text);
            for part in block.split('\n') {
                prop_assert!(is_clean_line(part), "{part:?}");
            }
            prop_assert_eq!(
                clean_line(&line),
                line.clone(),
                "cleaning twice changes nothing"
            );
            let cut = truncate(&line, cells);
            prop_assert!(width(&cut) <= cells, "{cut:?} is wider than {cells}");
            for wrapped in wrap(&text, cells) {
                prop_assert!(is_clean_line(&wrapped), "{wrapped:?}");
                prop_assert!(
                    width(&wrapped) <= cells.max(2),
                    "{wrapped:?} is wider than {cells}"
                );
            }
            Ok(())
        },
    );
}

/// Every file in the corpus — seeds and crashers found so far — as it is.
#[test]
fn corpus_replays_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut count = 0;
    for bytes in seeds("loader") {
        check_loader(&bytes, dir.path()).unwrap();
        count += 1;
    }
    for bytes in seeds("import") {
        check_importer(&bytes).unwrap();
        count += 1;
    }
    for file in seeds("search") {
        for line in file.split(|&b| b == b'\n') {
            check_query(line).unwrap();
            count += 1;
        }
    }
    let mut crashers: Vec<PathBuf> = fs::read_dir(corpus("crashers"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    crashers.sort();
    for path in crashers {
        let bytes = fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        if name.starts_with("loader") {
            check_loader(&bytes, dir.path()).unwrap();
        } else if name.starts_with("importer") {
            check_importer(&bytes).unwrap();
        } else if name.starts_with("search") {
            check_query(&bytes).unwrap();
        } else if name.starts_with("text") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(is_clean_line(&clean_line(&text)));
        } else {
            continue;
        }
        count += 1;
    }
    eprintln!("corpus: {count} files replayed");
}
