//! End to end: two tally sessions and the command line on one file. Whatever waits in a session —
//! a form, a question, the status picker, an edit not saved yet, a move — acts on what it was
//! opened for, merged field by field with what the others wrote meanwhile.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{Tmux, ids_in, item_in, read_doc, run_tally, sample_copy, tmux_available};
use serde_json::Value;
use tempfile::TempDir;

/// A copy of the sample in a temporary folder; `None` when tmux is missing (the test is skipped).
fn sample() -> Option<(TempDir, PathBuf)> {
    if !tmux_available() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    Some((dir, file))
}

/// A copy of the sample in `DIR/work/report.json` (a folder of its own, so it can be moved away
/// to make saves fail); `None` when tmux is missing (the test is skipped).
fn sample_in_work() -> Option<(TempDir, PathBuf)> {
    if !tmux_available() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let file = sample_copy(&work);
    Some((dir, file))
}

fn session(file: &Path) -> Tmux {
    let tmux = Tmux::open(file, 120, 40);
    tmux.wait_for("Items 1/8");
    tmux
}

fn read(file: &Path) -> Value {
    read_doc(file)
}

fn item<'a>(doc: &'a Value, id: &str) -> Option<&'a Value> {
    item_in(doc, id)
}

fn note_texts(doc: &Value, id: &str) -> Vec<String> {
    let notes = item(doc, id).unwrap()["progress"].as_array().cloned();
    notes
        .unwrap_or_default()
        .iter()
        .map(|n| n["text"].as_str().unwrap().to_string())
        .collect()
}

fn cli(dir: &Path, args: &[&str]) {
    let out = run_tally(args, dir);
    assert!(out.status.success(), "{args:?}: {out:?}");
}

/// `tally set FILE ID FIELD=VALUE` from the command line, as a colleague would.
fn set(dir: &Path, file: &Path, id: &str, assignment: &str) {
    cli(dir, &["set", file.to_str().unwrap(), id, assignment]);
}

/// Deletes the first note of item 10 from session `c` (its timeline focused) and waits for the
/// save.
fn delete_first_note_of_10(c: &Tmux, text: &str) {
    c.keys(&["d"]);
    c.wait_for("Delete this note of item 10");
    c.keys(&["y"]);
    c.wait_until("the note deleted", 15, |s| {
        s.contains("saved report.json") && !s.contains(text)
    });
}

// 1. An open edit form does not write back what a colleague changed meanwhile.
#[test]
fn an_open_form_takes_an_outside_change_to_a_field_it_did_not_touch() {
    let Some((dir, file)) = sample() else {
        return;
    };
    let b = session(&file);
    b.keys(&["j", "j"]);
    b.wait_for("Items 3/8");
    b.keys(&["e"]);
    b.wait_for("Edit item 12");
    b.literal("（二期）");
    set(dir.path(), &file, "12", "lead=外事处");
    b.wait_for("外事处");
    b.keys(&["Enter"]);
    b.wait_for("saved report.json");
    b.quit();
    let doc = read(&file);
    let twelve = item(&doc, "12").unwrap();
    assert_eq!(twelve["title"], "雁栖湖国际会都整体功能提升（二期）");
    assert_eq!(twelve["lead"], "外事处", "the colleague's lead is kept");
}

// 2a. A note deletion deletes the note it named, wherever it stands now.
#[test]
fn a_note_deletion_deletes_the_note_it_named_after_another_was_deleted() {
    let Some((_dir, file)) = sample() else {
        return;
    };
    let b = session(&file);
    let c = session(&file);
    b.keys(&["Tab", "j", "d"]);
    b.wait_for("Delete this note of item 10");
    c.keys(&["Tab"]);
    delete_first_note_of_10(&c, "一是做好");
    b.wait_for("changed on disk");
    b.keys(&["y"]);
    b.wait_for("saved report.json");
    b.quit();
    c.quit();
    let notes = note_texts(&read(&file), "10");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with("三是"),
        "二是 deleted, 三是 kept: {notes:?}"
    );
}

// 2b. A note deletion whose item was removed elsewhere closes and deletes nothing.
#[test]
fn a_note_deletion_on_a_removed_item_closes_and_touches_no_other_item() {
    let Some((dir, file)) = sample() else {
        return;
    };
    let b = session(&file);
    b.keys(&["Tab", "j", "d"]);
    b.wait_for("Delete this note of item 10");
    cli(dir.path(), &["rm", file.to_str().unwrap(), "10"]);
    b.wait_for("item 10 is gone");
    b.keys(&["y"]);
    b.quit();
    let doc = read(&file);
    assert!(item(&doc, "10").is_none());
    assert_eq!(note_texts(&doc, "11").len(), 7, "item 11 keeps its notes");
}

// 2c. The status picker of a removed item closes instead of setting another item's status.
#[test]
fn the_status_picker_of_a_removed_item_closes() {
    let Some((dir, file)) = sample() else {
        return;
    };
    let b = session(&file);
    b.keys(&["s"]);
    b.wait_for("(now)");
    cli(dir.path(), &["rm", file.to_str().unwrap(), "10"]);
    b.wait_for("item 10 is gone");
    b.keys(&["x"]);
    b.quit();
    let doc = read(&file);
    assert_eq!(item(&doc, "11").unwrap()["status"], "on_track");
}

// 2d. A deletion of a note that moved up does not panic: the named note is deleted.
#[test]
fn deleting_a_note_whose_place_no_longer_exists_does_not_panic() {
    let Some((_dir, file)) = sample() else {
        return;
    };
    let b = session(&file);
    let c = session(&file);
    b.keys(&["Tab", "j", "j", "d"]);
    b.wait_for("Delete this note of item 10");
    c.keys(&["Tab"]);
    delete_first_note_of_10(&c, "一是做好");
    delete_first_note_of_10(&c, "二是做好");
    b.wait_for("changed on disk");
    b.keys(&["y"]);
    b.wait_for("saved report.json");
    b.quit();
    c.quit();
    assert!(note_texts(&read(&file), "10").is_empty());
}

// 3. The note form writes the note it was opened on.
#[test]
fn the_note_form_writes_the_note_it_was_opened_on() {
    let Some((_dir, file)) = sample() else {
        return;
    };
    let b = session(&file);
    let c = session(&file);
    b.keys(&["Tab", "j", "e"]);
    b.wait_for("Edit note on item 10");
    b.literal("（已更新）");
    c.keys(&["Tab"]);
    delete_first_note_of_10(&c, "一是做好");
    b.wait_for("changed on disk");
    b.keys(&["Enter"]);
    b.wait_for("saved report.json");
    b.quit();
    c.quit();
    let notes = note_texts(&read(&file), "10");
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].starts_with("二是") && notes[0].ends_with("（已更新）"));
    assert!(notes[1].starts_with("三是"), "{notes:?}");
}

/// Moves `work` away and back, to make saves fail for a while; waits until each session noticed.
fn away(dir: &Path, sessions: &[&Tmux]) {
    std::fs::rename(dir.join("work"), dir.join("away")).unwrap();
    for session in sessions {
        session.wait_for("cannot be read");
    }
}

/// A colleague's `tally set` on the file while its folder is moved away.
fn set_while_away(dir: &Path, id: &str, assignment: &str) {
    set(dir, &dir.join("away/report.json"), id, assignment);
}

fn back(dir: &Path) {
    std::fs::rename(dir.join("away"), dir.join("work")).unwrap();
}

/// Waits for the replay after the folder came back; answers "keep mine" to any question.
fn settle(b: &Tmux) {
    b.keys(&["C-s"]);
    for _ in 0..6 {
        let screen = b.wait_until("the replay", 15, |s| {
            s.contains("to decide)") || s.contains("saved report.json") || s.contains("reloaded")
        });
        let Some(end) = screen.find(" to decide)") else {
            return;
        };
        let start = screen[..end].rfind('(').unwrap();
        let left = screen[start..end].to_string();
        b.keys(&["m"]);
        b.wait_until("the answer", 15, |s| !s.contains(&left));
    }
}

// 4a. Two status changes waiting for a save are one: the last.
#[test]
fn two_waiting_status_changes_are_the_last_one() {
    let Some((dir, file)) = sample_in_work() else {
        return;
    };
    let b = session(&file);
    away(dir.path(), &[&b]);
    b.keys(&["s", "b"]);
    b.wait_for("not saved");
    b.keys(&["s"]);
    b.wait_for("(now)");
    b.keys(&["r"]);
    b.wait_for("not saved");
    set_while_away(dir.path(), "10", "lead=外事处");
    back(dir.path());
    settle(&b);
    b.wait_for("saved report.json");
    b.quit();
    let doc = read(&file);
    let ten = item(&doc, "10").unwrap();
    assert_eq!(ten["status"], "at_risk");
    assert_eq!(ten["lead"], "外事处");
}

// 4b. An edit and its undo waiting for a save are nothing.
#[test]
fn a_waiting_edit_and_its_undo_are_nothing() {
    let Some((dir, file)) = sample_in_work() else {
        return;
    };
    let b = session(&file);
    away(dir.path(), &[&b]);
    b.keys(&["s", "b"]);
    b.wait_for("not saved");
    b.wait_for("blocked 1");
    b.keys(&["u"]);
    b.wait_until("the undo", 15, |s| {
        s.contains("on track 7") && !s.contains("blocked")
    });
    set_while_away(dir.path(), "10", "status=done");
    back(dir.path());
    settle(&b);
    let screen = b.screen();
    assert!(!screen.contains("collide"), "{screen}");
    b.quit();
    assert_eq!(item(&read(&file), "10").unwrap()["status"], "done");
}

// 5. A conflict over a waiting edit keeps the open form and its text.
#[test]
fn a_conflict_keeps_the_open_form_and_its_text() {
    let Some((dir, file)) = sample_in_work() else {
        return;
    };
    let b = session(&file);
    away(dir.path(), &[&b]);
    b.keys(&["s", "b"]);
    b.wait_for("not saved");
    set_while_away(dir.path(), "10", "status=done");
    b.keys(&["j", "j", "n"]);
    b.wait_for("New note on item 12");
    b.literal("会上记录的文字");
    back(dir.path());
    b.wait_for("choose");
    b.keys(&["m"]);
    b.wait_until("the form again", 15, |s| {
        s.contains("New note on item 12") && s.contains("会上记录的文字")
    });
    b.keys(&["Enter"]);
    b.wait_for("saved report.json");
    b.quit();
    let doc = read(&file);
    assert_eq!(item(&doc, "10").unwrap()["status"], "blocked", "kept mine");
    assert!(note_texts(&doc, "12").iter().any(|n| n == "会上记录的文字"));
}

// 6. Two sessions adding an item: the second gets the next free id and is told.
#[test]
fn a_new_item_whose_id_was_taken_gets_the_next_free_id() {
    let Some((_dir, file)) = sample() else {
        return;
    };
    let b = session(&file);
    let c = session(&file);
    b.keys(&["a"]);
    b.wait_for("New item");
    b.literal("乙方新增");
    c.keys(&["a"]);
    c.wait_for("New item");
    c.literal("丙方新增");
    c.keys(&["Enter"]);
    c.wait_for("saved report.json");
    b.wait_for("changed on disk");
    b.keys(&["Enter"]);
    b.wait_until("saved as 128", 15, |s| {
        s.contains("saved report.json") && s.contains("128")
    });
    b.quit();
    c.quit();
    let doc = read(&file);
    assert_eq!(item(&doc, "127").unwrap()["title"], "丙方新增");
    assert_eq!(item(&doc, "128").unwrap()["title"], "乙方新增");
}

// 7. The same move from two sessions is made once.
#[test]
fn the_same_move_from_two_sessions_is_made_once() {
    let Some((dir, file)) = sample_in_work() else {
        return;
    };
    let b = session(&file);
    let c = session(&file);
    away(dir.path(), &[&b, &c]);
    c.keys(&["j", "K"]);
    c.wait_for("not saved");
    back(dir.path());
    b.keys(&["J"]);
    b.wait_for("saved report.json");
    c.wait_until("the replay", 15, |s| {
        s.contains("changed on disk") || s.contains("saved report.json")
    });
    b.quit();
    c.quit();
    assert_eq!(&ids_in(&read(&file))[..3], ["11", "10", "12"]);
}

// 8. An outside change while a search narrows the list: reloaded, searched again and the
// waiting edit saved, all in the background.
#[test]
fn an_outside_change_under_a_search_is_reloaded_searched_and_saved() {
    let Some((dir, file)) = sample_in_work() else {
        return;
    };
    let b = session(&file);
    b.keys(&["/"]);
    b.literal("友城");
    b.keys(&["Enter"]);
    b.wait_for("积极拓展友城交往");
    away(dir.path(), &[&b]);
    b.keys(&["s", "b"]);
    b.wait_for("not saved");
    set_while_away(dir.path(), "12", "title=友城会都");
    back(dir.path());
    b.wait_until("the new item found", 15, |s| {
        s.contains("友城会都") && s.contains("saved report.json")
    });
    b.quit();
    let doc = read(&file);
    assert_eq!(item(&doc, "16").unwrap()["status"], "blocked");
    assert_eq!(item(&doc, "12").unwrap()["title"], "友城会都");
}

// The `e` form writes only the fields the user changed: tags, goal and lead keep their spelling.
#[test]
fn the_item_form_writes_only_the_fields_the_user_changed() {
    let Some((_dir, file)) = sample() else {
        return;
    };
    let mut doc = read(&file);
    let last = doc["items"].as_array_mut().unwrap().last_mut().unwrap();
    last["tags"] = serde_json::json!(["京港、京澳", "a,b", "  spaced  "]);
    last["goal"] = Value::from("  留白的目标  ");
    last["lead"] = Value::from(" 市外办 ");
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let b = session(&file);
    b.keys(&["G"]);
    b.wait_for("Items 8/8");
    b.keys(&["e"]);
    b.wait_for("Edit item 126");
    b.literal("！");
    b.keys(&["Enter"]);
    b.wait_for("saved report.json");
    b.quit();
    let after = read(&file);
    let last = item(&after, "126").unwrap();
    assert_eq!(last["title"], "深化京港、京澳、京台交流合作！");
    assert_eq!(
        last["tags"],
        serde_json::json!(["京港、京澳", "a,b", "  spaced  "])
    );
    assert_eq!(last["goal"], "  留白的目标  ");
    assert_eq!(last["lead"], " 市外办 ");
}
