//! End to end: `S` in the real binary in tmux against a local bare repository — a push, a pull
//! that merges another clone's work, a refused push — with the footer and the status bar's mark
//! read from the screen and the repositories checked with git.

mod common;

use std::path::Path;

use common::git::Team;
use common::{Tmux, quote, tmux_available};

/// tally on `clone`'s report.json, with the team's git settings, once the list is up.
fn open(team: &Team, clone: &Path) -> Tmux {
    let file = clone.join("report.json");
    let tmux = Tmux::tally_with_env(
        &quote(&file.display().to_string()),
        clone,
        &team.env_words(),
        120,
        30,
    );
    tmux.wait_for("Items 1/");
    tmux
}

/// Sets the selected item's status from the keyboard (`s`, then the status's key: `d` done,
/// `b` blocked) and waits until it is saved.
fn set_status(tmux: &Tmux, key: &str) {
    tmux.keys(&["s"]);
    tmux.wait_for("(now)");
    tmux.keys(&[key]);
    tmux.wait_for("saved report.json");
}

/// Quits with `q` and checks the terminal was left clean.
fn quit(tmux: &Tmux) {
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn s_commits_the_edit_and_pushes_it() {
    if !tmux_available() {
        return;
    }
    let team = Team::new();
    let mine = team.clone_as("mine");
    let tmux = open(&team, &mine);
    set_status(&tmux, "d");
    tmux.keys(&["S"]);
    let screen = tmux.wait_for("synced: committed");
    assert!(
        screen.contains("synced: committed \"tally: 10 status=done\", pushed"),
        "{screen}"
    );
    assert_eq!(team.last_subject(&team.remote()), "tally: 10 status=done");
    quit(&tmux);
}

#[test]
fn s_pulls_what_another_clone_pushed_and_merges_it_with_the_edit() {
    if !tmux_available() {
        return;
    }
    let team = Team::new();
    let mine = team.clone_as("mine");
    let theirs = team.clone_as("theirs");
    team.note(&theirs, "11", "他们的进展", "2023-10-02");
    team.sync_ok(&theirs);
    let tmux = open(&team, &mine);
    // the fetch at start shows one commit waiting to be pulled
    tmux.wait_for("git ↓1");
    set_status(&tmux, "b");
    tmux.keys(&["S"]);
    let screen = tmux.wait_until("the sync and the reload", 20, |s| {
        s.contains("pulled 1 commit, pushed") && s.contains("reloaded")
    });
    assert!(!screen.contains("git ↓"), "nothing left to pull: {screen}");
    // their note is on screen once item 11 is selected, and in the file
    tmux.keys(&["j"]);
    tmux.wait_for("他们的进展");
    let text = std::fs::read_to_string(mine.join("report.json")).expect("read");
    assert!(text.contains("他们的进展") && text.contains("\"blocked\""));
    assert_eq!(team.head_parents(&team.remote()), 2, "the merge was pushed");
    quit(&tmux);
}

#[test]
fn a_refused_push_is_explained_in_the_footer_and_the_commit_waits() {
    if !tmux_available() {
        return;
    }
    let team = Team::new();
    team.refuse_pushes("main is protected");
    let mine = team.clone_as("mine");
    let tmux = open(&team, &mine);
    set_status(&tmux, "d");
    tmux.keys(&["S"]);
    let screen = tmux.wait_for("sync failed:");
    assert!(
        screen.contains("sync failed: the remote refused the push: main is protected"),
        "{screen}"
    );
    tmux.wait_for("git ↑1");
    assert_eq!(team.last_subject(&mine), "tally: 10 status=done");
    quit(&tmux);
}

#[test]
fn a_conflict_after_the_pull_is_named_in_the_footer_with_the_merge_left_open() {
    if !tmux_available() {
        return;
    }
    let team = Team::with_driver();
    let mine = team.clone_with_driver("mine");
    let theirs = team.clone_with_driver("theirs");
    team.set(&theirs, "10", "lead=甲");
    team.sync_ok(&theirs);
    let tmux = open(&team, &mine);
    set_status(&tmux, "d");
    team.set(&mine, "10", "lead=乙");
    tmux.wait_for("reloaded");
    tmux.keys(&["S"]);
    let screen = tmux.wait_for("sync failed:");
    assert!(
        screen.contains(
            "sync failed: pulled with conflicts in report.json: the repository is mid-merge"
        ),
        "{screen}"
    );
    let merging = team.git_output(&mine, &["rev-parse", "--verify", "--quiet", "MERGE_HEAD"]);
    assert!(
        merging.status.success(),
        "the merge is left open, and said so"
    );
    // S again before resolving says what is left instead of committing half a merge
    tmux.keys(&["S"]);
    let screen = tmux.wait_for("in the middle of a merge");
    assert!(screen.contains("unresolved: report.json"), "{screen}");
    quit(&tmux);
}
