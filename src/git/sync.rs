//! One sync of the open task files with their repository: commit what tally saved (those files
//! only), pull with a merge whatever the user's git settings say, push. Every failure ends in one
//! line that says what happened and what to do; a merge that stops on a conflict is reported as
//! such, never left behind silently.

use std::path::{Path, PathBuf};

use super::failure::classify;
use super::message::{FileChange, commit_message};
use super::repo::{self, Upstream};
use super::run::{Git, NoGit, Output};
use crate::lang::{Lang, Phrase, tr, trf, trn};
use crate::model::Document;

/// A stage of the sync, for the footer while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Committing,
    Pulling,
    Pushing,
}

impl Stage {
    /// What the footer says while the stage runs.
    pub fn phrase(self) -> Phrase {
        Phrase::new(match self {
            Stage::Committing => "sync.committing",
            Stage::Pulling => "sync.pulling",
            Stage::Pushing => "sync.pushing",
        })
    }
}

/// What a finished sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// The first line of the commit made, if there was anything to commit.
    pub committed: Option<String>,
    /// Commits of others merged in.
    pub pulled: usize,
    pub pushed: bool,
    /// The branch follows no remote branch and there is no remote to push to.
    pub local_only: bool,
    /// Open files outside the first file's repository, left out of this sync.
    pub left_out: usize,
}

impl Synced {
    /// One line for the command line.
    pub fn describe(&self) -> String {
        self.describe_in(Lang::En)
    }

    /// One line for the footer, in `lang`.
    pub fn describe_in(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(subject) = &self.committed {
            parts.push(trf(lang, "sync.committed", &[("subject", subject)]));
        }
        if self.pulled > 0 {
            parts.push(trn(lang, "sync.pulled", self.pulled));
        }
        if self.pushed {
            parts.push(tr(lang, "sync.pushed").into_owned());
        }
        if self.local_only {
            parts.push(tr(lang, "sync.local_only").into_owned());
        }
        let line = if parts.is_empty() {
            tr(lang, "sync.up_to_date").into_owned()
        } else {
            let joined = parts.join(&tr(lang, "sync.and"));
            trf(lang, "sync.synced", &[("what", &joined)])
        };
        match self.left_out {
            0 => line,
            n => format!("{line}{}", trn(lang, "sync.left_out", n)),
        }
    }
}

/// Why a sync stopped, each in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("git could not be run: {0}")]
    NoGit(String),
    #[error("{0} is not in a git repository; nothing to sync")]
    NotARepository(String),
    #[error(
        "the repository is in the middle of a merge (unresolved: {0}); resolve it, then sync \
         again (or `git merge --abort`)"
    )]
    /// The files git still holds unmerged.
    MidMerge(String),
    #[error(
        "pulled with conflicts in {}: the repository is mid-merge; resolve them (is:conflict), \
         then sync again to finish the merge",
        conflicted(.0).text(crate::lang::Lang::En)
    )]
    /// The files git holds unmerged (none when it did not say which).
    Conflict(Vec<String>),
    #[error("cannot reach the remote (no network?): {0}")]
    Offline(String),
    #[error(
        "the remote needs a password or key and git may not ask for one here: run `git fetch` \
         once in a terminal, or set up an ssh key or credential helper"
    )]
    NeedsPassword,
    #[error("the remote refused the push: {0}; your commit is kept, sync again later")]
    Rejected(String),
    #[error("git {0} failed: {1}")]
    Failed(&'static str, String),
}

impl SyncError {
    /// The reason in words the interface can show in any language.
    pub fn phrase(&self) -> Phrase {
        match self {
            SyncError::NoGit(why) => Phrase::new("sync.no_git").arg("why", why),
            SyncError::NotARepository(path) => {
                Phrase::new("sync.not_a_repository").arg("path", path)
            }
            SyncError::MidMerge(files) => Phrase::new("sync.mid_merge").arg("files", files),
            SyncError::Conflict(files) => {
                Phrase::new("sync.conflict").with("files", conflicted(files))
            }
            SyncError::Offline(line) => Phrase::new("sync.offline").arg("git", line),
            SyncError::NeedsPassword => Phrase::new("sync.needs_password"),
            SyncError::Rejected(why) => Phrase::new("sync.rejected").arg("why", why),
            SyncError::Failed(step, line) => Phrase::new("sync.step_failed")
                .arg("step", step)
                .arg("git", line),
        }
    }
}

/// The files in conflict, named, or "the files" when git did not say which.
fn conflicted(files: &[String]) -> Phrase {
    if files.is_empty() {
        Phrase::new("sync.the_files")
    } else {
        Phrase::plain(files.join(", "))
    }
}

impl From<NoGit> for SyncError {
    fn from(err: NoGit) -> SyncError {
        SyncError::NoGit(err.0)
    }
}

/// Syncs `files` (all in one repository: the first file's), reporting each stage as it starts.
pub fn sync(files: &[PathBuf], progress: &mut dyn FnMut(Stage)) -> Result<Synced, SyncError> {
    let Some(first) = files.first() else {
        return Ok(Synced::default());
    };
    let root = repo::root_of(first)
        .ok_or_else(|| SyncError::NotARepository(first.display().to_string()))?;
    let git = Git::in_dir(&root);
    let names: Vec<PathBuf> = files
        .iter()
        .filter(|f| repo::root_of(f).is_some_and(|r| r == root))
        .map(|f| repo::relative(&root, f))
        .collect();
    progress(Stage::Committing);
    let mut synced = Synced {
        left_out: files.len() - names.len(),
        ..Synced::default()
    };
    if repo::merging(&git) {
        finish_merge(&git, &root, &names)?;
    }
    synced.committed = commit(&git, &root, &names)?;
    let Some(upstream) = repo::upstream(&git) else {
        return push_new_branch(&git, progress, synced);
    };
    progress(Stage::Pulling);
    synced.pulled = pull(&git, &upstream)?;
    if repo::distance(&git).is_some_and(|d| d.ahead > 0) {
        progress(Stage::Pushing);
        push(&git, &upstream.remote, &format!("HEAD:{}", upstream.branch))?;
        synced.pushed = true;
    }
    Ok(synced)
}

/// A merge stopped earlier: when every unmerged file is one of ours and now reads as a clean task
/// file, the merge is committed; otherwise the sync stops and says what is left.
fn finish_merge(git: &Git, root: &Path, names: &[PathBuf]) -> Result<(), SyncError> {
    let unmerged = repo::unmerged(git);
    let open: Vec<String> = unmerged
        .iter()
        .filter(|name| {
            !names.iter().any(|n| n == Path::new(name.as_str())) || !resolved(&root.join(name))
        })
        .cloned()
        .collect();
    if !open.is_empty() {
        return Err(SyncError::MidMerge(open.join(", ")));
    }
    let mut add = vec!["add".to_string(), "--".to_string()];
    add.extend(unmerged);
    checked(git.run(&add)?, "add")?;
    checked(git.run(["commit", "--no-edit", "--quiet"])?, "commit")?;
    Ok(())
}

/// True when the file loads as a task file (one still holding git's markers does not) and no
/// item keeps a conflict record.
fn resolved(path: &Path) -> bool {
    crate::store::load(path).is_ok_and(|loaded| {
        loaded
            .doc
            .items()
            .iter()
            .all(|item| item.conflicts.is_empty())
    })
}

/// Commits the task files' changes (and nothing else); the commit's first line, if any.
fn commit(git: &Git, root: &Path, names: &[PathBuf]) -> Result<Option<String>, SyncError> {
    let mut status = vec!["status".into(), "--porcelain".into(), "--".into()];
    status.extend(names.iter().map(|n| n.display().to_string()));
    let changed: Vec<PathBuf> = checked(git.run(&status)?, "status")?
        .stdout
        .lines()
        .filter_map(|line| line.get(3..))
        .map(|name| PathBuf::from(name.trim_matches('"')))
        .filter(|name| names.contains(name))
        .collect();
    if changed.is_empty() {
        return Ok(None);
    }
    let documents: Vec<(PathBuf, Option<Document>, Document)> = changed
        .iter()
        .filter_map(|name| {
            let now = crate::store::load(&root.join(name)).ok()?.doc;
            Some((name.clone(), committed(git, name), now))
        })
        .collect();
    let message = commit_message(
        &documents
            .iter()
            .map(|(name, before, after)| FileChange {
                name: name
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                before: before.as_ref(),
                after,
            })
            .collect::<Vec<_>>(),
    );
    let paths: Vec<String> = changed.iter().map(|n| n.display().to_string()).collect();
    let mut add = vec!["add".to_string(), "--".to_string()];
    add.extend(paths.iter().cloned());
    checked(git.run(&add)?, "add")?;
    let mut commit = vec!["commit", "--quiet", "--no-verify", "-m", &message, "--"];
    commit.extend(paths.iter().map(String::as_str));
    checked(git.run(&commit)?, "commit")?;
    Ok(message.lines().next().map(str::to_string))
}

/// The file as the last commit has it.
fn committed(git: &Git, name: &Path) -> Option<Document> {
    let spec = format!("HEAD:{}", name.display());
    let output = git.run(["show", &spec]).ok()?;
    if !output.ok {
        return None;
    }
    crate::store::parse_document(output.stdout.into()).ok()
}

/// Pulls with a merge (never a rebase); the number of others' commits brought in.
fn pull(git: &Git, upstream: &Upstream) -> Result<usize, SyncError> {
    let before = repo::head(git);
    let output = git.run([
        "pull",
        "--no-rebase",
        "--ff",
        "--no-edit",
        "--quiet",
        &upstream.remote,
        &upstream.branch,
    ])?;
    if !output.ok {
        if repo::merging(git) {
            let files = repo::unmerged(git);
            return Err(SyncError::Conflict(files));
        }
        return Err(classify("pull", &output));
    }
    let Some(before) = before else {
        return Ok(0);
    };
    let range = format!("{before}..HEAD");
    Ok(git
        .value(["rev-list", "--count", "--no-merges", &range])
        .and_then(|n| n.parse().ok())
        .unwrap_or(0))
}

fn push(git: &Git, remote: &str, refspec: &str) -> Result<(), SyncError> {
    let output = git.run(["push", "--quiet", remote, refspec])?;
    if output.ok {
        Ok(())
    } else {
        Err(classify("push", &output))
    }
}

/// A branch that follows nothing: pushed to the remote (and followed from then on) when there is
/// one, else the commit stays local.
fn push_new_branch(
    git: &Git,
    progress: &mut dyn FnMut(Stage),
    mut synced: Synced,
) -> Result<Synced, SyncError> {
    let (Some(remote), Some(branch)) = (repo::default_remote(git), repo::branch(git)) else {
        synced.local_only = true;
        return Ok(synced);
    };
    progress(Stage::Pushing);
    let output = git.run(["push", "--quiet", "--set-upstream", &remote, &branch])?;
    if !output.ok {
        return Err(classify("push", &output));
    }
    synced.pushed = true;
    Ok(synced)
}

fn checked(output: Output, step: &'static str) -> Result<Output, SyncError> {
    if output.ok {
        Ok(output)
    } else {
        Err(classify(step, &output))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_resolved_when_it_loads_and_no_item_keeps_a_conflict() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write");
            path
        };
        let item = |conflicts: &str| {
            format!(r#"{{"title":"T","items":[{{"id":"1","title":"a"{conflicts}}}]}}"#)
        };
        let recorded = r#","conflicts":[{"field":"status","ours":"done","theirs":"blocked"}]"#;
        assert!(resolved(&file("clean.json", &item(""))));
        assert!(resolved(&file("settled.json", &item(r#","conflicts":[]"#))));
        let with_record = file("recorded.json", &item(recorded));
        // It loads: what keeps it unresolved is the record, not a parse error.
        assert!(crate::store::load(&with_record).is_ok());
        assert!(!resolved(&with_record));
        let markers = format!(
            "<<<<<<< ours\n{}\n=======\n{}\n>>>>>>> theirs\n",
            item(""),
            item("")
        );
        assert!(!resolved(&file("markers.json", &markers)));
        assert!(!resolved(&dir.path().join("missing.json")));
    }

    #[test]
    fn the_outcome_reads_as_one_line() {
        let synced = Synced {
            committed: Some("tally: 14 note".into()),
            pulled: 2,
            pushed: true,
            local_only: false,
            left_out: 0,
        };
        assert_eq!(
            synced.describe(),
            "synced: committed \"tally: 14 note\", pulled 2 commits, pushed"
        );
        assert_eq!(Synced::default().describe(), "synced: already up to date");
        let partly = Synced {
            left_out: 2,
            ..Synced::default()
        };
        assert_eq!(
            partly.describe(),
            "synced: already up to date (2 files outside this repository left out)"
        );
    }

    #[test]
    fn stages_outcomes_and_failures_read_in_chinese_and_unchanged_in_english() {
        let synced = Synced {
            committed: Some("tally: 14 note".into()),
            pulled: 1,
            pushed: true,
            local_only: false,
            left_out: 1,
        };
        assert_eq!(
            synced.describe_in(Lang::Zh),
            "已同步：已提交“tally: 14 note”，拉取了 1 个提交，已推送（1 个文件不在此仓库中，未同步）"
        );
        assert_eq!(
            synced.describe(),
            "synced: committed \"tally: 14 note\", pulled 1 commit, pushed \
             (1 file outside this repository left out)"
        );
        assert_eq!(Stage::Pulling.phrase().text(Lang::Zh), "同步：正在拉取…");
        assert_eq!(Stage::Pulling.phrase().to_string(), "sync: pulling…");
        let failures = [
            SyncError::NoGit("x".into()),
            SyncError::NotARepository("a.json".into()),
            SyncError::MidMerge("x".into()),
            SyncError::Conflict(vec!["a.json".into()]),
            SyncError::Conflict(Vec::new()),
            SyncError::Offline("x".into()),
            SyncError::NeedsPassword,
            SyncError::Rejected("x".into()),
            SyncError::Failed("pull", "x".into()),
        ];
        for failure in failures {
            // The English words are the error's own; the Chinese ones have no English left.
            assert_eq!(failure.phrase().to_string(), failure.to_string());
            let chinese = failure.phrase().text(Lang::Zh);
            assert!(
                !chinese.contains(" the ") && chinese != failure.to_string(),
                "{chinese}"
            );
        }
    }
}
