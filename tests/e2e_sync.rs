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

#[test]
fn s_commits_the_edit_and_pushes_it() {
    if !tmux_available() {
        return;
    }
    let team = Team::new();
    let mine = team.clone_as("mine");
    let tmux = open(&team, &mine);
    tmux.keys(&["s"]);
    tmux.wait_for("(now)");
    tmux.keys(&["d"]);
    tmux.wait_for("saved report.json");
    tmux.keys(&["S"]);
    let screen = tmux.wait_for("synced: committed");
    assert!(
        screen.contains("synced: committed \"tally: 10 status=done\", pushed"),
        "{screen}"
    );
    let remote = team.git(&team.remote(), &["log", "-1", "--format=%s"]);
    assert_eq!(remote.trim(), "tally: 10 status=done");
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn s_pulls_what_another_clone_pushed_and_merges_it_with_the_edit() {
    if !tmux_available() {
        return;
    }
    let team = Team::new();
    let mine = team.clone_as("mine");
    let theirs = team.clone_as("theirs");
    let note = team.tally(
        &theirs,
        &[
            "note",
            "report.json",
            "11",
            "他们的进展",
            "--date",
            "2023-10-02",
        ],
    );
    assert!(note.status.success());
    assert!(
        team.tally(&theirs, &["sync", "report.json"])
            .status
            .success()
    );
    let tmux = open(&team, &mine);
    // the fetch at start shows one commit waiting to be pulled
    tmux.wait_for("git ↓1");
    tmux.keys(&["s"]);
    tmux.wait_for("(now)");
    tmux.keys(&["b"]);
    tmux.wait_for("saved report.json");
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
    let parents = team.git(&team.remote(), &["log", "-1", "--format=%P"]);
    assert_eq!(
        parents.split_whitespace().count(),
        2,
        "the merge was pushed"
    );
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn a_refused_push_is_explained_in_the_footer_and_the_commit_waits() {
    if !tmux_available() {
        return;
    }
    let team = Team::new();
    let hook = team.remote().join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'main is protected' >&2\nexit 1\n").expect("hook");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let mine = team.clone_as("mine");
    let tmux = open(&team, &mine);
    tmux.keys(&["s"]);
    tmux.wait_for("(now)");
    tmux.keys(&["d"]);
    tmux.wait_for("saved report.json");
    tmux.keys(&["S"]);
    let screen = tmux.wait_for("sync failed:");
    assert!(
        screen.contains("sync failed: the remote refused the push: main is protected"),
        "{screen}"
    );
    tmux.wait_for("git ↑1");
    assert_eq!(team.last_subject(&mine), "tally: 10 status=done");
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn a_conflict_after_the_pull_is_named_in_the_footer_with_the_merge_left_open() {
    if !tmux_available() {
        return;
    }
    let team = Team::with_driver();
    let mine = team.clone_as("mine");
    let theirs = team.clone_as("theirs");
    team.driver_in(&mine);
    team.driver_in(&theirs);
    assert!(
        team.tally(&theirs, &["set", "report.json", "10", "lead=甲"])
            .status
            .success()
    );
    assert!(
        team.tally(&theirs, &["sync", "report.json"])
            .status
            .success()
    );
    let tmux = open(&team, &mine);
    tmux.keys(&["s"]);
    tmux.wait_for("(now)");
    tmux.keys(&["d"]);
    tmux.wait_for("saved report.json");
    assert!(
        team.tally(&mine, &["set", "report.json", "10", "lead=乙"])
            .status
            .success()
    );
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
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}
