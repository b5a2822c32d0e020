//! Bad and hostile input files: each is refused with `PATH:LINE:COL: message` (or `PATH: message`
//! where there is no position) and exit code 2, by every command that reads it, and the file is
//! never written. Huge but valid files load within bounded time and memory.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{position_of, run_tally};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs every command that reads `file` and checks each refuses it with `expected` (the text after
/// `PATH:`), exit code 2, no panic, nothing on stdout, and the file unchanged.
fn assert_refused_everywhere(file: &Path, dir: &Path, expected: &str) {
    let before = snapshot(file);
    let f = file.to_str().unwrap();
    let commands: [&[&str]; 6] = [
        &["validate", f],
        &["list", f],
        &["show", f, "1"],
        &["note", f, "1", "note"],
        &["set", f, "1", "status=done"],
        // The interface loads before it looks for a terminal, so a bad file is reported first.
        &[f],
    ];
    for args in commands {
        let output = run_tally(args, dir);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(
            message.starts_with(&format!("{}:{expected}", file.display())),
            "{args:?}: expected {expected:?}, got {message:?}"
        );
        assert!(
            !message.contains("panicked"),
            "{args:?}: a panic instead of a message: {message}"
        );
        assert!(output.stdout.is_empty(), "{args:?}: {}", stdout(&output));
        assert!(snapshot(file) == before, "{args:?} changed the file");
    }
    assert!(
        tally::store::temp_files_of(file).is_empty(),
        "no temporary file left"
    );
}

/// What a file is now: size, time and (below 64 MiB) content; `None` when there is no file.
fn snapshot(file: &Path) -> Option<(u64, std::time::SystemTime, Option<Vec<u8>>)> {
    let meta = fs::metadata(file).ok()?;
    let content = (meta.len() < 64 * 1024 * 1024).then(|| fs::read(file).unwrap_or_default());
    Some((meta.len(), meta.modified().ok()?, content))
}

/// Malformed JSON of every kind, with where the problem is and what it is.
const MALFORMED: &[(&str, &str, &str, &str)] = &[
    (
        "truncated in a string",
        "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"外语",
        "END",
        "EOF while parsing a string: the file ends too early (is it truncated?)",
    ),
    (
        "truncated after a comma",
        "{\"title\": \"t\",\n \"items\": [{\"id\": \"1\", \"title\": \"a\"},\n",
        "END",
        "EOF while parsing a value: the file ends too early (is it truncated?)",
    ),
    (
        "trailing comma in a list",
        "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\"},]}",
        "]}",
        "trailing comma",
    ),
    (
        "trailing comma in an object",
        "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\",}]}",
        "}]}",
        "trailing comma",
    ),
    (
        "a key without quotes",
        "{\"title\": \"t\", items: []}",
        "items",
        "object keys must be strings in double quotes",
    ),
    (
        "items is not a list",
        "{\"title\": \"t\", \"items\": {\"id\": \"1\"}}",
        "{\"id\"",
        "`items` must be an array, found an object",
    ),
    (
        "a number where a string belongs",
        "{\"title\": \"t\", \"items\": [{\"id\": 1, \"title\": \"a\"}]}",
        "1, \"title\"",
        "item 1: `id` must be a string, found a number",
    ),
    (
        "null title",
        "{\"title\": null, \"items\": []}",
        "null",
        "`title` must be a string",
    ),
    (
        "a string where a number belongs",
        "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\", \"metrics\": [{\"name\": \"m\", \"value\": \"531\"}]}]}",
        "\"531\"",
        "",
    ),
    (
        "duplicate key",
        "{\"title\": \"a\", \"title\": \"b\", \"items\": []}",
        "\": \"b\"",
        "duplicate key `title`",
    ),
    (
        "NaN",
        "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\", \"metrics\": [{\"name\": \"m\", \"value\": NaN}]}]}",
        "NaN",
        "expected a JSON value (NaN, Infinity, comments and unquoted text are not JSON)",
    ),
    (
        "Infinity",
        "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\", \"metrics\": [{\"name\": \"m\", \"value\": -Infinity}]}]}",
        "Infinity",
        "",
    ),
    (
        "a number too large for a float",
        "{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"a\", \"metrics\": [{\"name\": \"m\", \"value\": 1e999}]}]}",
        "9}",
        "number out of range",
    ),
    (
        "single quotes",
        "{'title': 't', 'items': []}",
        "'title'",
        "",
    ),
    (
        "a comment",
        "{\"title\": \"t\", // the report\n \"items\": []}",
        "/",
        "",
    ),
    (
        "text after the end",
        "{\"title\": \"t\", \"items\": []} {}",
        "{}",
        "",
    ),
    (
        "a raw control character in a string",
        "{\"title\": \"a\u{1b}b\", \"items\": []}",
        "a\u{1b}",
        "control character",
    ),
    (
        "a lone surrogate escape",
        "{\"title\": \"\\ud800\", \"items\": []}",
        "\", \"items",
        "unexpected end of hex escape",
    ),
    (
        "duplicate ids",
        "{\"title\": \"t\", \"items\": [\n{\"id\": \"14\", \"title\": \"a\"},\n{\"id\": \"14\", \"title\": \"b\"}]}",
        "\"14\", \"title\": \"b",
        "duplicate id \"14\" (first used on line 2)",
    ),
    (
        "duplicate CJK ids",
        "{\"title\": \"t\", \"items\": [{\"id\": \"十四\", \"title\": \"a\"}, {\"id\": \"十四\", \"title\": \"b\"}]}",
        "\"十四\", \"title\": \"b",
        "duplicate id \"十四\"",
    ),
    (
        "an empty id",
        "{\"title\": \"t\", \"items\": [{\"id\": \"\", \"title\": \"a\"}]}",
        "\"\"",
        "item 1: `id` cannot be empty",
    ),
    (
        "a deep list in a known field",
        "DEEP_KNOWN",
        "[",
        "`title` must be a string, found an array",
    ),
    (
        "a deep list never closed",
        "DEEP_UNCLOSED",
        "END",
        "EOF while parsing a list",
    ),
];

fn deep(depth: usize) -> (String, String) {
    (
        format!(
            "{{\"title\": {}{}, \"items\": []}}",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        format!("{{\"title\": \"t\", \"x\": {}", "[".repeat(depth)),
    )
}

#[test]
fn malformed_json_of_every_kind_is_placed_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (deep_known, deep_unclosed) = deep(200_000);
    for (what, text, needle, expected) in MALFORMED {
        let text = match *text {
            "DEEP_KNOWN" => deep_known.as_str(),
            "DEEP_UNCLOSED" => deep_unclosed.as_str(),
            other => other,
        };
        let file = dir.path().join("bad.json");
        fs::write(&file, text).unwrap();
        let position = if *needle == "END" {
            let line = text.matches('\n').count() + 1;
            let column = text.rsplit('\n').next().unwrap().chars().count() + 1;
            format!("{line}:{column}")
        } else {
            position_of(text, needle)
        };
        let output = run_tally(&["validate", file.to_str().unwrap()], dir.path());
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{what}: {message}");
        assert!(
            message.starts_with(&format!("{}:{position}: {expected}", file.display())),
            "{what}: expected {position}: {expected:?}, got {message:?}"
        );
        assert!(message.len() < 400, "{what}: a short message: {message}");
        assert_refused_everywhere(&file, dir.path(), &format!("{position}: {expected}"));
    }
}

#[test]
fn invalid_utf8_is_placed_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.json");
    let mut bytes = b"{\"title\": \"t\",\n \"items\": [{\"id\": \"1\", \"title\": \"caf".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\"}]}");
    fs::write(&file, &bytes).unwrap();
    assert_refused_everywhere(
        &file,
        dir.path(),
        "2:37: not valid UTF-8 (byte 0xE9); tally reads UTF-8 text",
    );
    // A UTF-16 file (as some Windows editors write) is not mistaken for text.
    let utf16: Vec<u8> = "\u{feff}{\"title\": \"t\", \"items\": []}"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    fs::write(&file, &utf16).unwrap();
    assert_refused_everywhere(&file, dir.path(), "1:1: not valid UTF-8 (byte 0xFF)");
}

#[test]
fn empty_files_folders_and_missing_paths_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty.json");
    fs::write(&file, "").unwrap();
    assert_refused_everywhere(&file, dir.path(), "1:1: the file is empty");
    fs::write(&file, " \n\t\n").unwrap();
    let output = run_tally(&["validate", file.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));

    let missing = dir.path().join("missing.json");
    assert_refused_everywhere(&missing, dir.path(), " No such file or directory");

    // A folder is opened as "every *.json inside" by the interface and `validate`; a command that
    // edits one file refuses it.
    let folder = dir.path().join("folder.json");
    fs::create_dir(&folder).unwrap();
    let output = run_tally(&["note", folder.to_str().unwrap(), "1", "x"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is a folder"),
        "{}",
        stderr(&output)
    );
    let output = run_tally(&["show", folder.to_str().unwrap(), "1"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    // validating a folder with nothing in it is a mistake worth saying
    let output = run_tally(&["validate", folder.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no *.json files in this folder"),
        "{}",
        stderr(&output)
    );
    let loaded = tally::store::load(&folder).unwrap_err();
    assert_eq!(
        loaded.to_string(),
        format!("{}: is a folder, not a file", folder.display())
    );
}

#[test]
fn a_byte_order_mark_is_accepted_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bom.json");
    let text = "\u{feff}{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"title\": \"外语\"}]}\n";
    fs::write(&file, text).unwrap();
    let output = run_tally(&["validate", file.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = run_tally(
        &["set", file.to_str().unwrap(), "1", "status=done"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(fs::read_to_string(&file).unwrap().starts_with('\u{feff}'));
}

#[test]
fn a_one_gigabyte_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.json");
    // A sparse file: 1 GiB long, no disk space used.
    fs::File::create(&file)
        .unwrap()
        .set_len(1024 * 1024 * 1024)
        .unwrap();
    let started = Instant::now();
    assert_refused_everywhere(
        &file,
        dir.path(),
        " file is 1024 MiB; tally reads files up to 512 MiB",
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "refused without reading: {:?}",
        started.elapsed()
    );
}

/// A report of `count` generated items, with notes and metrics like real ones.
fn generated_report(count: usize) -> String {
    let mut text = String::with_capacity(count * 200);
    text.push_str("{\n  \"title\": \"生成的报告\",\n  \"items\": [\n");
    for i in 0..count {
        if i > 0 {
            text.push_str(",\n");
        }
        text.push_str(&format!(
            "    {{\"id\": \"{i}\", \"title\": \"任务 {i}\", \"status\": \"on_track\", \"progress\": [{{\"date\": \"2023-07-28\", \"text\": \"完成第{i}项\"}}], \"metrics\": [{{\"name\": \"数量\", \"value\": {i}}}]}}"
        ));
    }
    text.push_str("\n  ]\n}\n");
    text
}

#[test]
fn nesting_far_deeper_than_the_parsers_limit_in_unknown_fields_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deep.json");
    let depth = 500_000;
    let text = format!(
        "{{\"title\": \"t\", \"x\": {open}1{close}, \"items\": [{{\"id\": \"1\", \"title\": \"a\", \"y\": {objects}1{ends}}}]}}",
        open = "[".repeat(depth),
        close = "]".repeat(depth),
        objects = "{\"k\":".repeat(depth),
        ends = "}".repeat(depth),
    );
    fs::write(&file, &text).unwrap();
    let output = run_tally(&["validate", file.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = run_tally(&["note", file.to_str().unwrap(), "1", "ok"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = fs::read_to_string(&file).unwrap();
    assert!(after.contains(&"[".repeat(depth)), "kept as it was");
    assert!(after.contains(&"{\"k\":".repeat(depth)), "kept as it was");
}

#[test]
fn a_ten_megabyte_note_loads_lists_shows_and_edits() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("note.json");
    let note = "外语标识台账,".repeat(10 * 1024 * 1024 / 19 + 1);
    assert!(note.len() >= 10 * 1024 * 1024);
    let text = format!(
        "{{\"title\": \"t\", \"items\": [{{\"id\": \"1\", \"title\": \"a\", \"progress\": [{{\"date\": \"2023-07-28\", \"text\": \"{note}\"}}]}}, {{\"id\": \"2\", \"title\": \"b\"}}]}}"
    );
    fs::write(&file, &text).unwrap();
    let f = file.to_str().unwrap();
    let output = run_tally(&["validate", f], dir.path());
    assert_eq!(stdout(&output), format!("ok {f}: 2 items\n"));
    let output = run_tally(&["show", f, "1"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.len() > 10 * 1024 * 1024);
    let output = run_tally(&["set", f, "2", "status=done"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = fs::read_to_string(&file).unwrap();
    assert!(after.contains(&note), "the note is kept whole");
    let output = run_tally(&["list", f, "--status", "done"], dir.path());
    assert_eq!(stdout(&output), "2\tdone\tb\n");
}

#[test]
fn many_items_load_and_a_command_line_edit_changes_one_line() {
    // The debug build used by `cargo test` parses about a hundred thousand items a second; a
    // million items are measured in release (docs/RELIABILITY.md) and here fifty thousand.
    let count = std::env::var("TALLY_TEST_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.json");
    let text = generated_report(count);
    fs::write(&file, &text).unwrap();
    let f = file.to_str().unwrap();
    let started = Instant::now();
    let output = run_tally(&["validate", f], dir.path());
    assert_eq!(stdout(&output), format!("ok {f}: {count} items\n"));
    eprintln!("validate {count} items: {:?}", started.elapsed());
    let last = (count - 1).to_string();
    let output = run_tally(&["set", f, &last, "status=done"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = fs::read_to_string(&file).unwrap();
    let last_item = text.rfind("\n    {").unwrap();
    assert_eq!(
        &after[..last_item],
        &text[..last_item],
        "everything before the edited item is byte for byte the same"
    );
    assert!(after[last_item..].contains("\"status\": \"done\""));
    let output = run_tally(&["list", f, "--status", "done"], dir.path());
    assert_eq!(stdout(&output), format!("{last}\tdone\t任务 {last}\n"));
}

#[test]
fn ids_with_spaces_and_chinese_work_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ids.json");
    let text = "{\"title\": \"t\", \"items\": [{\"id\": \"十四\", \"title\": \"外语\"}, {\"id\": \"A 12 b\", \"title\": \"spaced\"}, {\"id\": \" x \", \"title\": \"padded\"}]}";
    fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let output = run_tally(&["list", f], dir.path());
    assert_eq!(
        stdout(&output),
        "十四\ttodo\t外语\nA 12 b\ttodo\tspaced\n x \ttodo\tpadded\n"
    );
    for id in ["十四", "A 12 b", " x "] {
        let output = run_tally(&["note", f, id, "进展"], dir.path());
        assert_eq!(output.status.code(), Some(0), "{id}: {}", stderr(&output));
        let output = run_tally(&["show", f, id], dir.path());
        assert!(stdout(&output).contains("进展"), "{id}");
    }
    let output = run_tally(&["add", f, "--title", "新", "--id", "十四"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("id \"十四\" is already used"));
}
