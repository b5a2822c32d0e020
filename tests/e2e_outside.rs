//! End to end: `E` hands the terminal to $EDITOR on the goal or the selected note and saves what
//! the editor left, and `y` puts the selected item on the clipboard with OSC 52 (tmux takes it
//! into a paste buffer when `set-clipboard` is on).

#![allow(clippy::unwrap_used)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{Tmux, item_in, quote, sample_copy, tmux_available, wait_for_doc};

/// An editor that replaces the file it is given with `text`, and logs the file's old content.
fn scripted_editor(dir: &Path, text: &str) -> std::path::PathBuf {
    let script = dir.join("editor.sh");
    let seen = dir.join("seen.txt");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncat \"$1\" > {}\nprintf '%s\\n' {} > \"$1\"\n",
            quote(&seen.display().to_string()),
            quote(text)
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

fn open_with_editor(dir: &Path, file: &Path, editor: &Path) -> Tmux {
    let env = format!("VISUAL= EDITOR={}", quote(&editor.display().to_string()));
    let tmux = Tmux::tally_with_env(&quote(&file.display().to_string()), dir, &env, 100, 30);
    tmux.wait_until("the list drawn", 15, |s| {
        s.contains("Items 1/8") && s.contains(" quit")
    });
    tmux
}

#[test]
fn capital_e_edits_the_goal_in_the_editor_and_saves_it() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let editor = scripted_editor(dir.path(), "新的目标：全部外语标识完成审核");
    let tmux = open_with_editor(dir.path(), &file, &editor);
    let before = common::read_doc(&file);
    let old_goal = item_in(&before, "14").unwrap()["goal"]
        .as_str()
        .unwrap()
        .to_string();
    tmux.keys(&["j", "j", "j", "j"]);
    tmux.wait_for("Items 5/8");
    tmux.keys(&["E"]);
    let doc = wait_for_doc(&file, "the new goal saved", |doc| {
        item_in(doc, "14").is_some_and(|i| i["goal"] == "新的目标：全部外语标识完成审核")
    });
    assert_eq!(
        item_in(&doc, "13"),
        item_in(&before, "13"),
        "other items untouched"
    );
    let seen = std::fs::read_to_string(dir.path().join("seen.txt")).unwrap();
    assert_eq!(seen, old_goal, "the editor got the old goal");
    tmux.keys(&["Enter"]);
    tmux.wait_until("the new goal in the zoomed item", 15, |s| {
        s.contains("新的目标：全部外语标识")
    });
    tmux.keys(&["Escape", "u"]);
    wait_for_doc(&file, "the undo saved", |doc| {
        item_in(doc, "14").is_some_and(|i| i["goal"] == old_goal.as_str())
    });
    tmux.quit();
}

#[test]
fn the_editor_gets_every_key_typed_while_it_runs() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    // an editor that reads its new text from the terminal key by key, as full-screen editors
    // do (raw mode; wait for input, then read it)
    let script = dir.path().join("typing-editor.sh");
    std::fs::write(
        &script,
        "#!/bin/bash\nstty raw -echo; clear; echo EDITING; text=\n\
         while [ ${#text} -lt 13 ]; do IFS= read -r -s -t 0.05 -n 1 c && text=\"$text$c\"; done\n\
         stty sane; printf '%s\\n' \"$text\" > \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let tmux = open_with_editor(dir.path(), &file, &script);
    tmux.keys(&["j", "j", "j", "j"]);
    tmux.wait_for("Items 5/8");
    tmux.keys(&["E"]);
    tmux.wait_for("EDITING");
    for key in ["typed", " ", "by", " ", "hand"] {
        tmux.literal(key);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    wait_for_doc(&file, "the typed goal saved", |doc| {
        item_in(doc, "14").is_some_and(|i| i["goal"] == "typed by hand")
    });
    tmux.wait_for("Items 5/8");
    tmux.quit();
}

#[test]
fn capital_e_in_the_timeline_edits_the_selected_note() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let editor = scripted_editor(dir.path(), "改写后的进展");
    let tmux = open_with_editor(dir.path(), &file, &editor);
    let notes = |doc: &serde_json::Value| item_in(doc, "10").unwrap()["progress"].clone();
    let before = notes(&common::read_doc(&file));
    tmux.keys(&["l", "E"]);
    let doc = wait_for_doc(&file, "the note saved", |doc| {
        notes(doc).to_string().contains("改写后的进展")
    });
    let after = notes(&doc);
    assert_eq!(
        after.as_array().unwrap().len(),
        before.as_array().unwrap().len()
    );
    let seen = std::fs::read_to_string(dir.path().join("seen.txt")).unwrap();
    assert!(before.to_string().contains(seen.trim_end()), "{seen}");
    tmux.quit();
}

#[test]
fn y_copies_the_item_with_osc_52() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let tmux = Tmux::open_with_clipboard(&file, dir.path());
    tmux.keys(&["y"]);
    tmux.wait_for("copied item 10 to the clipboard");
    let buffer = tmux.run(&["show-buffer"]);
    let text = String::from_utf8_lossy(&buffer.stdout);
    assert!(
        text.starts_with("10 主场外交和重大国事活动服务保障\n"),
        "{text}"
    );
    assert!(text.contains("status: on track"), "{text}");
    tmux.quit();
}
