//! End to end: a short triage meeting in the real binary, checked on disk and in the minutes.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Tmux, quote, sample_copy, tmux_available};

#[test]
fn a_short_triage_session_lands_on_disk_and_in_the_minutes() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let args = format!("--timebox 3m {}", quote(&file.display().to_string()));
    let tmux = Tmux::tally(&args, dir.path(), 100, 30);
    tmux.wait_for("Items 1/8");
    tmux.keys(&["t"]);
    tmux.wait_for("Triage 1/8");
    // Item 10: reviewed, next.
    tmux.keys(&["Enter"]);
    tmux.wait_for("Triage 2/8");
    // Item 11: blocked, with a decision, then reviewed.
    tmux.keys(&["b"]);
    tmux.wait_for("blocked");
    tmux.keys(&["n"]);
    tmux.wait_for("New note on item 11");
    tmux.literal("决定:请市规划自然资源委协调");
    tmux.keys(&["Enter"]);
    tmux.wait_until("back in triage", 15, |s| {
        s.contains("Triage 2/8") && !s.contains("New note")
    });
    tmux.keys(&["Space"]);
    tmux.wait_for("Triage 3/8");
    // Item 12: skipped; leave.
    tmux.keys(&["Right"]);
    tmux.wait_for("Triage 4/8");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Triage summary");
    tmux.wait_until("the summary's counts", 15, |s| {
        s.contains("Reviewed: 2") && s.contains("status changes: 1") && s.contains("notes added: 1")
    });
    tmux.keys(&["x"]);
    tmux.wait_for("minutes written to");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Items");
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);

    let doc = tally::store::load(&file).unwrap().doc;
    let today = tally::model::Date::today();
    assert_eq!(doc.items()[0].reviewed, Some(today));
    assert_eq!(doc.items()[1].reviewed, Some(today));
    assert_eq!(doc.items()[1].status, tally::model::Status::Blocked);
    assert_eq!(
        doc.items()[1].progress.last().unwrap().text,
        "决定:请市规划自然资源委协调"
    );
    assert_eq!(
        doc.items()[2].reviewed,
        None,
        "skipped items are not marked"
    );
    let minutes = dir.path().join(format!("report-minutes-{today}.md"));
    let text = std::fs::read_to_string(minutes).unwrap();
    assert!(text.contains("Items walked in triage: 4 of 8"), "{text}");
    assert!(text.contains("- status: on track → blocked"), "{text}");
}
