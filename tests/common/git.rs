//! Real git repositories for tests: a bare repository standing in for the office's remote, and
//! clones of it, all under one temporary folder with a home of their own (so the machine's git
//! settings play no part).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary home, a bare "remote" and any number of clones.
pub struct Team {
    pub dir: tempfile::TempDir,
}

impl Team {
    /// A remote holding one commit with the sample report as `report.json`, and no clones yet.
    pub fn new() -> Team {
        let dir = tempfile::tempdir().expect("temp dir");
        let team = Team { dir };
        std::fs::create_dir_all(team.home()).expect("home");
        std::fs::write(
            team.home().join(".gitconfig"),
            "[user]\n\tname = Wang Fang\n\temail = wang@example.org\n[init]\n\tdefaultBranch = main\n",
        )
        .expect("gitconfig");
        team.git(
            team.dir.path(),
            &["init", "--quiet", "--bare", "remote.git"],
        );
        let first = team.clone_as("setup");
        std::fs::write(first.join("report.json"), tally::store::SAMPLE_JSON).expect("sample");
        team.git(&first, &["add", "report.json"]);
        team.git(&first, &["commit", "--quiet", "-m", "the report"]);
        team.git(&first, &["push", "--quiet", "origin", "main"]);
        team
    }

    /// Like [`Team::new`], with `.gitattributes` sending task files to tally's merge driver
    /// committed too (each clone still needs [`Team::driver_in`] for its own config).
    pub fn with_driver() -> Team {
        let team = Team::new();
        let setup = team.dir.path().join("setup");
        team.driver_in(&setup);
        team.git(&setup, &["add", ".gitattributes"]);
        team.git(
            &setup,
            &["commit", "--quiet", "-m", "merge task files with tally"],
        );
        team.git(&setup, &["push", "--quiet", "origin", "main"]);
        team
    }

    /// `tally git-setup` in a clone.
    pub fn driver_in(&self, clone: &Path) {
        let output = self.tally(clone, &["git-setup"]);
        assert!(output.status.success(), "{:?}", texts(&output));
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn remote(&self) -> PathBuf {
        self.dir.path().join("remote.git")
    }

    /// A new clone of the remote in a folder called `name`.
    pub fn clone_as(&self, name: &str) -> PathBuf {
        let remote = self.remote().display().to_string();
        self.git(self.dir.path(), &["clone", "--quiet", &remote, name]);
        self.dir.path().join(name)
    }

    /// `git ARGS…` in `dir`; panics when it fails.
    pub fn git(&self, dir: &Path, args: &[&str]) -> String {
        let output = self.git_output(dir, args);
        assert!(
            output.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn git_output(&self, dir: &Path, args: &[&str]) -> Output {
        self.env(&mut Command::new("git"))
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .expect("run git")
    }

    /// `tally ARGS…` in `dir` with the team's home.
    pub fn tally(&self, dir: &Path, args: &[&str]) -> Output {
        self.env(&mut Command::new(super::tally_bin()))
            .current_dir(dir)
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("TALLY_USER")
            .output()
            .expect("run tally")
    }

    /// The settings every git and tally run of the team gets.
    pub fn env<'a>(&self, command: &'a mut Command) -> &'a mut Command {
        command
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env("TALLY_DATA_DIR", self.dir.path().join("data"))
    }

    /// The same settings as `env NAME=value …` words for a shell command line.
    pub fn env_words(&self) -> String {
        format!(
            "HOME={} XDG_CONFIG_HOME={} GIT_CONFIG_NOSYSTEM=1 TALLY_USER=",
            super::quote(&self.home().display().to_string()),
            super::quote(&self.home().join(".config").display().to_string()),
        )
    }

    /// `tally ARGS…` in `dir`, which must succeed; its output.
    pub fn tally_ok(&self, dir: &Path, args: &[&str]) -> Output {
        let output = self.tally(dir, args);
        assert!(
            output.status.success(),
            "tally {args:?} failed: {:?}",
            texts(&output)
        );
        output
    }

    /// `tally set report.json ID FIELD=VALUE` in a clone, which must succeed.
    pub fn set(&self, clone: &Path, id: &str, assignment: &str) {
        self.tally_ok(clone, &["set", "report.json", id, assignment]);
    }

    /// `tally note report.json ID TEXT --date DATE` in a clone, which must succeed.
    pub fn note(&self, clone: &Path, id: &str, text: &str, date: &str) {
        self.tally_ok(clone, &["note", "report.json", id, text, "--date", date]);
    }

    /// `tally sync report.json` in a clone (commit, pull, push); its output.
    pub fn sync(&self, clone: &Path) -> Output {
        self.tally(clone, &["sync", "report.json"])
    }

    /// `tally sync report.json` in a clone, which must succeed.
    pub fn sync_ok(&self, clone: &Path) {
        self.tally_ok(clone, &["sync", "report.json"]);
    }

    /// A new clone called `name` with tally's merge driver configured (see [`Team::with_driver`]).
    pub fn clone_with_driver(&self, name: &str) -> PathBuf {
        let clone = self.clone_as(name);
        self.driver_in(&clone);
        clone
    }

    /// Makes the remote refuse every push, saying `reason` (a pre-receive hook).
    pub fn refuse_pushes(&self, reason: &str) {
        use std::os::unix::fs::PermissionsExt;
        let hook = self.remote().join("hooks/pre-receive");
        std::fs::write(&hook, format!("#!/bin/sh\necho '{reason}' >&2\nexit 1\n")).expect("hook");
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }

    /// How many parents the newest commit in `dir` has (2 for a merge).
    pub fn head_parents(&self, dir: &Path) -> usize {
        self.git(dir, &["log", "-1", "--format=%P"])
            .split_whitespace()
            .count()
    }

    /// The newest commit's subject in `dir`.
    pub fn last_subject(&self, dir: &Path) -> String {
        self.git(dir, &["log", "-1", "--format=%s"])
            .trim()
            .to_string()
    }
}

/// Standard output and error of a finished command, for assertions.
pub fn texts(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
