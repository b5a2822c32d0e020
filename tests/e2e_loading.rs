//! End to end: a large file shows a loading frame naming it at once, then the list; a large file
//! with a problem near its end shows the loading frame, then puts the terminal back and prints
//! the problem's place with exit code 2.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{Tmux, quote, tmux_available};

/// Items of the bundled sample repeated (with ids of their own) to make a file that takes this
/// debug build a good part of a second to load; returns the file and the id of its last item.
fn large_file(dir: &Path, items: usize) -> (PathBuf, String, String) {
    let mut doc: serde_json::Value = serde_json::from_str(tally::store::SAMPLE_JSON).unwrap();
    let sample = doc["items"].as_array().unwrap().clone();
    let all: Vec<serde_json::Value> = (0..items)
        .map(|n| {
            let mut item = sample[n % sample.len()].clone();
            item["id"] = format!("{}", 1000 + n).into();
            item
        })
        .collect();
    doc["items"] = all.into();
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let path = dir.join("large.json");
    std::fs::write(&path, &text).unwrap();
    (path, format!("{}", 1000 + items - 1), text)
}

#[test]
fn a_large_file_shows_a_loading_frame_naming_it_then_the_list() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (file, _, _) = large_file(dir.path(), 5_000);
    let tmux = Tmux::tally(&quote(&file.display().to_string()), dir.path(), 60, 8);
    let screen = tmux.wait_until("the loading frame", 15, |s| {
        s.contains("Opening") || s.contains("Items 1/")
    });
    assert!(
        screen.contains("Opening") && screen.contains("large.json"),
        "the loading frame comes first:\n{screen}"
    );
    assert!(screen.contains("reading"), "{screen}");
    tmux.wait_until("the list", 120, |s| s.contains("Items 1/5000"));
    tmux.quit();
}

#[test]
fn a_large_file_with_a_problem_shows_the_loading_frame_then_exits_2_with_the_place() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (file, last, text) = large_file(dir.path(), 5_000);
    // the last item loses its title
    let start = text.rfind(&format!("\"id\": \"{last}\"")).unwrap();
    let title = start + text[start..].find("\"title\"").unwrap();
    let mut bad = text.clone();
    bad.replace_range(title..title + 7, "\"titel\"");
    std::fs::write(&file, &bad).unwrap();
    let item_start = text[..start].rfind('{').unwrap();
    let line = text[..item_start].matches('\n').count() + 1;
    let column = item_start - text[..item_start].rfind('\n').unwrap();
    let tmux = Tmux::tally(&quote(&file.display().to_string()), dir.path(), 120, 10);
    let screen = tmux.wait_until("the loading frame", 15, |s| {
        s.contains("Opening") || s.contains("EXITED:")
    });
    assert!(screen.contains("Opening"), "{screen}");
    let screen = tmux.wait_until("the exit", 120, |s| s.contains("EXITED:"));
    let expected = format!(
        "{}:{line}:{column}: item \"{last}\": missing required field `title`",
        file.display()
    );
    let unwrapped = screen.replace('\n', "");
    assert!(unwrapped.contains(&expected), "{expected}\n{screen}");
    tmux.assert_exited_cleanly(2);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        bad,
        "never written"
    );
}
