//! Task files shared through git: two clones of one repository edit the same report, and
//! `git pull` merges them through `tally merge-driver` after `tally git-setup`. The files on disk
//! are checked after each merge. git runs with no system or user configuration but the test's.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::tally_bin;
use tally::model::{Document, Status};
use tally::store;

const FILE: &str = "report.json";

/// A bare "origin" and two clones of it, `a` and `b`, each set up with `tally git-setup`.
struct Team {
    _dir: tempfile::TempDir,
    home: PathBuf,
    a: PathBuf,
    b: PathBuf,
}

fn git_in(dir: &Path, home: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git")
}

fn ok(output: Output) -> Output {
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

impl Team {
    /// `setup_b`: whether clone `b` runs `tally git-setup` (a clone that did not is how a file
    /// ends up with conflict markers).
    fn new(setup_b: bool) -> Team {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        std::fs::write(
            home.join(".gitconfig"),
            "[user]\n\tname = Tester\n\temail = tester@example.org\n[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n",
        )
        .unwrap();
        let origin = dir.path().join("origin.git");
        ok(git_in(
            dir.path(),
            &home,
            &["init", "-q", "--bare", "origin.git"],
        ));
        let team = Team {
            a: dir.path().join("a"),
            b: dir.path().join("b"),
            home,
            _dir: dir,
        };
        let top = team.a.parent().unwrap().to_path_buf();
        ok(team.git(&top, &["clone", "-q", origin.to_str().unwrap(), "a"]));
        std::fs::write(team.a.join(FILE), store::SAMPLE_JSON).unwrap();
        let out = ok(team.tally(&team.a, &["git-setup"]));
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("*.json merge=tally"), "{said}");
        ok(team.git(&team.a, &["add", "."]));
        ok(team.git(&team.a, &["commit", "-qm", "the report"]));
        ok(team.git(&team.a, &["push", "-q", "origin", "main"]));
        ok(team.git(&top, &["clone", "-q", origin.to_str().unwrap(), "b"]));
        if setup_b {
            ok(team.tally(&team.b, &["git-setup"]));
        }
        team
    }

    fn git(&self, dir: &Path, args: &[&str]) -> Output {
        git_in(dir, &self.home, args)
    }

    fn tally(&self, dir: &Path, args: &[&str]) -> Output {
        Command::new(tally_bin())
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", &self.home)
            .env("NO_COLOR", "1")
            .output()
            .expect("run tally")
    }

    /// Runs tally edits in a clone and commits them.
    fn edit(&self, clone: &Path, edits: &[&[&str]]) {
        for args in edits {
            let mut full: Vec<&str> = vec![args[0], FILE];
            full.extend_from_slice(&args[1..]);
            ok(self.tally(clone, &full));
        }
        ok(self.git(clone, &["commit", "-qam", "edits"]));
    }

    /// `a` pushes, then `b` pulls (merging through the driver); the pull's output.
    fn a_pushes_b_pulls(&self) -> Output {
        ok(self.git(&self.a, &["push", "-q", "origin", "main"]));
        self.git(&self.b, &["pull", "--no-rebase", "origin", "main"])
    }

    /// Each clone notes progress on item 14 and commits: `a` "甲部门的进展" on 2023-11-01, `b`
    /// "乙部门的进展" on 2023-11-02.
    fn both_note_item_14(&self) {
        self.edit(
            &self.a,
            &[&["note", "14", "甲部门的进展", "--date", "2023-11-01"]],
        );
        self.edit(
            &self.b,
            &[&["note", "14", "乙部门的进展", "--date", "2023-11-02"]],
        );
    }

    fn doc(&self, clone: &Path) -> Document {
        store::load(&clone.join(FILE)).unwrap().doc
    }

    fn text(&self, clone: &Path) -> String {
        std::fs::read_to_string(clone.join(FILE)).unwrap()
    }
}

/// Standard output then standard error of a finished command, as one text.
fn printed(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

fn item<'d>(doc: &'d Document, id: &str) -> &'d tally::model::Item {
    &doc.items()[doc.position(id).unwrap()]
}

fn texts(doc: &Document, id: &str) -> Vec<String> {
    item(doc, id)
        .progress
        .iter()
        .map(|n| n.text.to_string())
        .collect()
}

#[test]
fn git_setup_writes_two_lines_once() {
    let team = Team::new(true);
    let again = ok(team.tally(&team.a, &["git-setup"]));
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(said.contains("already in"), "{said}");
    assert!(said.contains("already set"), "{said}");
    let attributes = std::fs::read_to_string(team.a.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.json merge=tally\n");
    let driver = ok(team.git(&team.a, &["config", "merge.tally.driver"]));
    let driver = String::from_utf8_lossy(&driver.stdout);
    assert!(
        driver
            .trim_end()
            .ends_with("merge-driver %O %A %B %P %X %Y"),
        "{driver}"
    );
    let narrow = ok(team.tally(&team.a, &["git-setup", "reports/*.json"]));
    assert!(String::from_utf8_lossy(&narrow.stdout).contains("added to"));
    let attributes = std::fs::read_to_string(team.a.join(".gitattributes")).unwrap();
    assert_eq!(
        attributes,
        "*.json merge=tally\nreports/*.json merge=tally\n"
    );
}

#[test]
fn notes_on_one_item_from_both_clones_are_both_kept() {
    let team = Team::new(true);
    team.both_note_item_14();
    ok(team.a_pushes_b_pulls());
    let doc = team.doc(&team.b);
    let notes = texts(&doc, "14");
    assert_eq!(notes[notes.len() - 2..], ["甲部门的进展", "乙部门的进展"]);
    assert!(item(&doc, "14").conflicts.is_empty());
    let status = ok(team.git(&team.b, &["status", "--porcelain"]));
    assert!(status.stdout.is_empty(), "merge committed, nothing left");
}

#[test]
fn different_fields_of_one_item_merge_as_one_line_each() {
    let team = Team::new(true);
    team.edit(&team.a, &[&["set", "14", "status=done"]]);
    team.edit(&team.b, &[&["set", "14", "lead=国际处"]]);
    let before = team.text(&team.b);
    ok(team.a_pushes_b_pulls());
    let after = team.text(&team.b);
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(x, y)| x != y)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains("\"status\": \"done\""));
    let doc = team.doc(&team.b);
    assert_eq!(item(&doc, "14").status, Status::Done);
    assert_eq!(item(&doc, "14").lead.as_deref(), Some("国际处"));
}

#[test]
fn the_same_field_set_two_ways_stops_git_with_a_valid_file() {
    let team = Team::new(true);
    team.edit(&team.a, &[&["set", "14", "status=done"]]);
    team.edit(&team.b, &[&["set", "14", "status=blocked"]]);
    let pull = team.a_pushes_b_pulls();
    assert!(!pull.status.success(), "git stops on a conflict");
    let said = printed(&pull);
    assert!(said.contains("conflict in item 14: status"), "{said}");
    let doc = team.doc(&team.b);
    let item = item(&doc, "14");
    assert_eq!(item.status, Status::Blocked, "ours applied");
    assert_eq!(item.conflicts.len(), 1);
    assert_eq!(item.conflicts[0].theirs, "done");
    assert!(!team.text(&team.b).contains("<<<<<<<"));
    let validate = ok(team.tally(&team.b, &["validate", FILE]));
    let said = String::from_utf8_lossy(&validate.stdout);
    assert!(
        said.contains("warning report.json: item \"14\": unresolved conflict on status"),
        "{said}"
    );
}

#[test]
fn items_added_in_both_clones_are_both_kept_and_the_renumbering_said() {
    let team = Team::new(true);
    team.edit(&team.a, &[&["add", "--title", "甲的新任务"]]);
    team.edit(&team.b, &[&["add", "--title", "乙的新任务"]]);
    let pull = ok(team.a_pushes_b_pulls());
    let said = printed(&pull);
    let doc = team.doc(&team.b);
    let next = doc.items().len();
    assert!(
        said.contains("was added on both sides: theirs is now item"),
        "{said}"
    );
    let titles: Vec<&str> = doc.items()[next - 2..]
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["乙的新任务", "甲的新任务"],
        "ours first, then theirs"
    );
    let ids: Vec<&str> = doc.items()[next - 2..]
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_ne!(ids[0], ids[1]);
}

#[test]
fn an_item_deleted_in_one_clone_and_noted_in_the_other_is_kept() {
    let team = Team::new(true);
    team.edit(&team.a, &[&["rm", "17"]]);
    team.edit(
        &team.b,
        &[&["note", "17", "世界剧院联盟已登记", "--date", "2023-11-03"]],
    );
    let pull = ok(team.a_pushes_b_pulls());
    let said = printed(&pull);
    assert!(said.contains("item 17 was deleted on their side"), "{said}");
    let doc = team.doc(&team.b);
    assert!(texts(&doc, "17").contains(&"世界剧院联盟已登记".to_string()));
}

#[test]
fn readings_of_one_metric_on_different_dates_are_both_kept() {
    let team = Team::new(true);
    let metric = "北京城市图书馆外语标识";
    team.edit(
        &team.a,
        &[&["metric", "14", metric, "210", "--date", "2023-11-15"]],
    );
    team.edit(
        &team.b,
        &[&["metric", "14", metric, "220", "--date", "2023-11-30"]],
    );
    ok(team.a_pushes_b_pulls());
    let doc = team.doc(&team.b);
    let found = item(&doc, "14")
        .metrics
        .iter()
        .find(|m| m.name == metric)
        .unwrap();
    let readings: Vec<(String, String)> = found
        .history
        .iter()
        .map(|p| (p.date.to_string(), p.value.to_string()))
        .collect();
    assert!(
        readings.contains(&("2023-11-15".into(), "210".into())),
        "{readings:?}"
    );
    assert!(
        readings.contains(&("2023-11-30".into(), "220".into())),
        "{readings:?}"
    );
    assert_eq!(found.value.to_string(), "220", "the latest reading");
}

#[test]
fn markers_left_by_git_are_named_and_resolve_merges_from_the_index() {
    let team = Team::new(false);
    // the clone without the driver merges line by line
    std::fs::remove_file(team.b.join(".gitattributes")).unwrap();
    ok(team.git(&team.b, &["commit", "-qam", "no attributes here"]));
    team.both_note_item_14();
    let pull = team.a_pushes_b_pulls();
    assert!(!pull.status.success());
    assert!(team.text(&team.b).contains("<<<<<<<"));
    let validate = team.tally(&team.b, &["validate", FILE]);
    assert_eq!(validate.status.code(), Some(2));
    let said = String::from_utf8_lossy(&validate.stderr);
    let line = team
        .text(&team.b)
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .unwrap()
        + 1;
    assert!(
        said.contains(&format!("report.json:{line}:1: git conflict markers")),
        "{said}"
    );
    assert!(said.contains("tally resolve"), "{said}");
    let resolve = ok(team.tally(&team.b, &["resolve", FILE]));
    assert!(String::from_utf8_lossy(&resolve.stdout).contains("merged"));
    let doc = team.doc(&team.b);
    let notes = texts(&doc, "14");
    assert!(notes.contains(&"甲部门的进展".to_string()));
    assert!(notes.contains(&"乙部门的进展".to_string()));
    ok(team.git(&team.b, &["commit", "-qm", "merged"]));
}
