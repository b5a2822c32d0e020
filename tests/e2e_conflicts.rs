//! End to end: `tally merge-driver` leaves a conflict in a file, and a person settles it in the
//! real binary in tmux — the mark in the list, `is:conflict`, `c` then `t` — with the file on
//! disk checked afterwards.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use common::{Tmux, run_tally, sample_copy, tmux_available};
use tally::model::Status;

#[test]
fn a_conflict_left_by_the_driver_is_settled_with_two_keys() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let copy = |name: &str, status: &str| {
        let path = dir.path().join(name);
        fs::copy(&file, &path).unwrap();
        let set = run_tally(&["set", path.to_str().unwrap(), "14", status], dir.path());
        assert!(set.status.success());
        path
    };
    let ours = copy("ours.json", "status=blocked");
    let theirs = copy("theirs.json", "status=done");
    let arg = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let (base, ours_arg, theirs_arg) = (arg(&file), arg(&ours), arg(&theirs));
    let merged = run_tally(
        &[
            "merge-driver",
            &base,
            &ours_arg,
            &theirs_arg,
            "report.json",
            "HEAD",
            "origin/main",
        ],
        dir.path(),
    );
    assert_eq!(merged.status.code(), Some(1), "a conflict stops git");
    let validate = run_tally(&["validate", &ours_arg], dir.path());
    assert_eq!(validate.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&validate.stdout).contains("unresolved conflict on status"));

    let tmux = Tmux::open(&ours, 120, 32);
    let screen = tmux.wait_for("网上国际服务平台");
    let row = screen
        .lines()
        .find(|l| l.contains("网上国际服务平台"))
        .unwrap();
    assert!(row.contains("B !网上"), "{row}");
    tmux.keys(&["/"]);
    tmux.literal("is:conflict");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Items 1/1");
    tmux.keys(&["c"]);
    tmux.wait_until("the conflict", 15, |s| {
        s.contains("Merge conflict 1 of 1 · item 14") && s.contains("theirs (origin/main): done")
    });
    tmux.keys(&["t"]);
    tmux.wait_for("saved ours.json");
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);

    let doc = tally::store::load(&ours).unwrap().doc;
    let item = &doc.items()[doc.position("14").unwrap()];
    assert_eq!(item.status, Status::Done);
    assert!(item.conflicts.is_empty());
    let validate = run_tally(&["validate", &ours_arg], dir.path());
    assert!(!String::from_utf8_lossy(&validate.stdout).contains("warning"));
}
