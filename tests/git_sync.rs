//! `tally sync` against real repositories: two clones of one bare remote commit, pull with a
//! merge and push; failures (a refused push, no remote reachable, a conflict) are one line and
//! the repository is never left mid-merge without saying so.

mod common;

use common::git::{Team, texts};

#[test]
fn sync_commits_the_saved_change_with_a_readable_message_and_pushes() {
    let team = Team::new();
    let mine = team.clone_as("mine");
    team.note(&mine, "14", "与外方会谈", "2023-10-01");
    team.set(&mine, "13", "status=done");
    let output = team.sync(&mine);
    let (out, err) = texts(&output);
    assert!(output.status.success(), "{out}{err}");
    assert_eq!(
        out.trim(),
        "synced: committed \"tally: 13 status=done, 14 note\", pushed"
    );
    assert!(
        err.contains("sync: committing…") && err.contains("sync: pushing…"),
        "{err}"
    );
    assert_eq!(
        team.last_subject(&team.remote()),
        "tally: 13 status=done, 14 note"
    );
}

#[test]
fn sync_commits_only_the_task_files() {
    let team = Team::new();
    let mine = team.clone_as("mine");
    std::fs::write(mine.join("notes.txt"), "private").expect("write");
    team.git(&mine, &["add", "notes.txt"]);
    team.set(&mine, "13", "lead=国际处");
    let output = team.sync(&mine);
    assert!(output.status.success(), "{:?}", texts(&output));
    let files = team.git(&mine, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "report.json");
    let staged = team.git(&mine, &["diff", "--cached", "--name-only"]);
    assert_eq!(
        staged.trim(),
        "notes.txt",
        "the other staged file is left staged"
    );
}

#[test]
fn sync_merges_what_others_pushed() {
    let team = Team::new();
    let mine = team.clone_as("mine");
    let theirs = team.clone_as("theirs");
    team.note(&theirs, "11", "他们的进展", "2023-10-02");
    team.sync_ok(&theirs);
    team.set(&mine, "16", "status=blocked");
    let output = team.sync(&mine);
    let (out, err) = texts(&output);
    assert!(output.status.success(), "{out}{err}");
    assert!(
        out.contains("pulled 1 commit") && out.contains("pushed"),
        "{out}"
    );
    let text = std::fs::read_to_string(mine.join("report.json")).expect("read");
    assert!(text.contains("他们的进展"), "their note is in my file");
    let shown = team.tally(&mine, &["show", "report.json", "16"]);
    assert!(texts(&shown).0.contains("blocked"));
    // the merge went up too: the other clone gets it
    team.sync_ok(&theirs);
    let theirs_text = std::fs::read_to_string(theirs.join("report.json")).expect("read");
    assert!(theirs_text.contains("\"blocked\""));
}

#[test]
fn a_refused_push_is_one_line_and_the_commit_is_kept() {
    let team = Team::new();
    team.refuse_pushes("main is protected");
    let mine = team.clone_as("mine");
    team.set(&mine, "13", "status=done");
    let output = team.sync(&mine);
    let (out, err) = texts(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    assert_eq!(
        last_line(&err),
        "the remote refused the push: main is protected; your commit is kept, sync again later"
    );
    assert_eq!(team.last_subject(&mine), "tally: 13 status=done");
}

#[test]
fn an_unreachable_remote_is_reported_as_such() {
    let team = Team::new();
    let mine = team.clone_as("mine");
    let gone = team.dir.path().join("gone.git").display().to_string();
    team.git(&mine, &["remote", "set-url", "origin", &gone]);
    team.set(&mine, "13", "status=done");
    let output = team.sync(&mine);
    let (_, err) = texts(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        last_line(&err).starts_with("cannot reach the remote"),
        "{err}"
    );
}

#[test]
fn an_https_remote_never_prompts_for_a_password() {
    let team = Team::new();
    let mine = team.clone_as("mine");
    // an https remote whose credentials git would have to ask for; nothing listens there, so the
    // only possible outcomes are "unreachable" or "needs a password" — never a prompt
    team.git(
        &mine,
        &["remote", "set-url", "origin", "https://127.0.0.1:9/r.git"],
    );
    let output = team.sync(&mine);
    let (_, err) = texts(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        last_line(&err).starts_with("cannot reach the remote"),
        "{err}"
    );
}

#[test]
fn a_conflict_stops_the_sync_and_says_the_repository_is_mid_merge() {
    let team = Team::new();
    let mine = team.clone_as("mine");
    let theirs = team.clone_as("theirs");
    team.set(&theirs, "13", "lead=甲");
    team.sync_ok(&theirs);
    team.set(&mine, "13", "lead=乙");
    let output = team.sync(&mine);
    let (out, err) = texts(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    assert!(
        last_line(&err).starts_with("pulled with conflicts in report.json"),
        "{err}"
    );
    assert!(err.contains("mid-merge"), "{err}");
    // syncing again before the conflict is resolved says what is left
    let again = team.sync(&mine);
    let (_, err) = texts(&again);
    assert!(
        err.contains("in the middle of a merge (unresolved: report.json)"),
        "{err}"
    );
}

#[test]
fn a_merge_resolved_by_hand_is_finished_by_the_next_sync() {
    let team = Team::new();
    let mine = team.clone_as("mine");
    let theirs = team.clone_as("theirs");
    team.set(&theirs, "13", "lead=甲");
    team.sync_ok(&theirs);
    team.set(&mine, "13", "lead=乙");
    assert_eq!(team.sync(&mine).status.code(), Some(1));
    team.git(&mine, &["checkout", "--theirs", "report.json"]);
    let output = team.sync(&mine);
    let (out, err) = texts(&output);
    assert!(output.status.success(), "{out}{err}");
    assert!(out.contains("pushed"), "{out}");
    assert_eq!(team.head_parents(&mine), 2, "a merge commit");
}

#[test]
fn a_file_outside_any_repository_is_a_user_error() {
    let team = Team::new();
    let alone = team.dir.path().join("alone");
    std::fs::create_dir_all(&alone).expect("dir");
    std::fs::write(alone.join("r.json"), tally::store::SAMPLE_JSON).expect("write");
    let output = team.tally(&alone, &["sync", "r.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(texts(&output).1.contains("is not in a git repository"));
}

#[test]
fn a_pull_merges_even_when_git_is_set_to_rebase_or_fast_forward_only() {
    let team = Team::new();
    let mine = team.clone_as("mine");
    let theirs = team.clone_as("theirs");
    team.git(&mine, &["config", "pull.rebase", "true"]);
    team.git(&mine, &["config", "pull.ff", "only"]);
    team.set(&theirs, "11", "lead=甲");
    team.sync_ok(&theirs);
    team.set(&mine, "16", "lead=乙");
    let output = team.sync(&mine);
    assert!(output.status.success(), "{:?}", texts(&output));
    assert_eq!(team.head_parents(&mine), 2, "a merge, not a rebase");
}

/// The outcome: the last line of standard error (the stages come before it).
fn last_line(text: &str) -> &str {
    text.trim_end().lines().last().unwrap_or_default()
}

#[test]
fn a_note_is_signed_by_the_given_name_the_variable_or_gits_user_name() {
    let team = Team::new();
    let mine = team.clone_as("mine");
    let add = |extra: &[&str], env: Option<&str>| {
        let mut args = vec!["note", "report.json", "14", "x", "--date", "2023-10-03"];
        args.extend_from_slice(extra);
        let mut command = std::process::Command::new(common::tally_bin());
        team.env(&mut command).current_dir(&mine).args(&args);
        match env {
            Some(name) => command.env("TALLY_USER", name),
            None => command.env_remove("TALLY_USER"),
        };
        assert!(command.output().expect("tally").status.success());
        let doc = tally::store::load(&mine.join("report.json")).expect("load");
        let item = &doc.doc.items()[doc.doc.position("14").expect("item")];
        item.progress.last().and_then(|n| n.by.clone())
    };
    assert_eq!(
        add(&["--by", "张三"], Some("李四")).as_deref(),
        Some("张三")
    );
    assert_eq!(add(&[], Some("李四")).as_deref(), Some("李四"));
    assert_eq!(
        add(&[], None).as_deref(),
        Some("Wang Fang"),
        "git's user.name"
    );
    let shown = team.tally(&mine, &["show", "report.json", "14"]);
    assert!(
        texts(&shown).0.contains("(Wang Fang)"),
        "shown with the note"
    );
}

#[test]
fn with_the_merge_driver_notes_on_one_item_from_two_clones_sync_without_a_conflict() {
    let team = Team::with_driver();
    let mine = team.clone_with_driver("mine");
    let theirs = team.clone_with_driver("theirs");
    team.note(&theirs, "14", "他们的记录", "2023-10-05");
    team.sync_ok(&theirs);
    team.note(&mine, "14", "我们的记录", "2023-10-05");
    let output = team.sync(&mine);
    let (out, err) = texts(&output);
    assert!(output.status.success(), "{out}{err}");
    assert!(
        out.contains("pulled 1 commit") && out.contains("pushed"),
        "{out}"
    );
    let text = std::fs::read_to_string(mine.join("report.json")).expect("read");
    assert!(text.contains("他们的记录") && text.contains("我们的记录"));
}

#[test]
fn with_the_merge_driver_a_conflict_waits_for_its_resolution_then_the_sync_finishes() {
    let team = Team::with_driver();
    let mine = team.clone_with_driver("mine");
    let theirs = team.clone_with_driver("theirs");
    team.set(&theirs, "13", "lead=甲");
    team.sync_ok(&theirs);
    team.set(&mine, "13", "lead=乙");
    let output = team.sync(&mine);
    let (_, err) = texts(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        last_line(&err).starts_with("pulled with conflicts in report.json"),
        "{err}"
    );
    // the driver left a task file tally reads, with the conflict recorded in the item
    let file = mine.join("report.json");
    assert!(tally::store::load(&file).is_ok());
    let again = team.sync(&mine);
    assert!(texts(&again).1.contains("unresolved: report.json"));
    // resolved (the record taken out, their value kept): the next sync commits the merge
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    for item in json["items"].as_array_mut().expect("items") {
        if let Some(item) = item.as_object_mut() {
            item.remove("conflicts");
        }
    }
    let text = serde_json::to_string_pretty(&json).expect("json");
    std::fs::write(&file, text).expect("write");
    let output = team.sync(&mine);
    let (out, err) = texts(&output);
    assert!(output.status.success(), "{out}{err}");
    assert!(out.contains("pushed"), "{out}");
    assert!(
        !team
            .git(&mine, &["status", "--porcelain"])
            .contains("report.json")
    );
}

#[test]
fn sync_tells_its_stages_in_the_session_language_and_keeps_its_outcome_line() {
    let team = Team::new();
    let mine = team.clone_as("mine");
    team.set(&mine, "13", "status=done");
    let output = team.tally(&mine, &["sync", "report.json", "--lang", "zh"]);
    let (out, err) = texts(&output);
    assert!(output.status.success(), "{out}{err}");
    assert!(
        err.contains("同步：正在提交…") && err.contains("同步：正在推送…"),
        "{err}"
    );
    assert!(!err.contains("sync: "), "{err}");
    assert_eq!(
        out.trim(),
        "synced: committed \"tally: 13 status=done\", pushed"
    );
}
