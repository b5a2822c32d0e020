//! End to end: editing in the real binary in tmux, then the file on disk checked as JSON.

#![allow(clippy::unwrap_used)]

mod common;

use common::open_sample;
use serde_json::Value;

#[test]
fn add_a_chinese_note_change_status_and_metric_undo_one_and_quit() {
    let Some((_dir, file, tmux)) = open_sample(120, 40) else {
        return;
    };
    tmux.keys(&["j", "j", "j", "j"]);
    tmux.wait_until("item 14", 15, |s| {
        s.contains("Items 5/8") && s.contains("531 条")
    });

    // A note in Chinese, typed as an input method would send it.
    tmux.keys(&["n"]);
    tmux.wait_for("New note on item 14");
    tmux.literal("完成外语标识安装验收");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved report.json");

    // Status: blocked, through the one-key picker.
    tmux.keys(&["s"]);
    tmux.wait_for("(now)");
    tmux.keys(&["b"]);
    tmux.wait_until("status saved", 15, |s| {
        s.contains("blocked 1") && s.contains("saved report.json")
    });

    // Metric: 531 → 560.
    tmux.keys(&["m"]);
    tmux.wait_for("Metric 北京艺术中心外语标识");
    tmux.keys(&["C-u"]);
    tmux.literal("560");
    tmux.keys(&["Enter"]);
    tmux.wait_for("560 条");

    // Undo the metric change.
    tmux.keys(&["u"]);
    // (its "undid" message may already have given way to "saved" on a loaded machine)
    tmux.wait_until("undo", 15, |s| {
        s.contains("531 条") && !s.contains("560 条")
    });
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);

    let before: Value = serde_json::from_str(tally::store::SAMPLE_JSON).unwrap();
    let after: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let mut expected = before.clone();
    let item = &mut expected["items"][4];
    item["status"] = Value::from("blocked");
    let today = chrono_today();
    let mut note = serde_json::json!({"date": today, "text": "完成外语标识安装验收"});
    // signed with the login name when the terminal's environment gives one
    if let Some(by) = tally::git::author::author(None, &file) {
        note["by"] = Value::from(by);
    }
    item["progress"].as_array_mut().unwrap().push(note);
    assert_eq!(
        after, expected,
        "only the note and the status changed; the metric change was undone"
    );
}

fn chrono_today() -> String {
    tally::model::Date::today().to_string()
}
