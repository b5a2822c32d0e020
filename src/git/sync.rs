//! One sync of the open task files with their repository: commit what tally saved (those files
//! only), pull with a merge whatever the user's git settings say, push. Every failure ends in one
//! line that says what happened and what to do; a merge that stops on a conflict is reported as
//! such, never left behind silently.

use std::path::{Path, PathBuf};

use super::failure::classify;
use super::message::{FileChange, commit_message};
use super::repo::{self, Upstream};
use super::run::{Git, NoGit, Output};
use crate::model::Document;

/// A stage of the sync, for the footer while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Committing,
    Pulling,
    Pushing,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Committing => "sync: committing…",
            Stage::Pulling => "sync: pulling…",
            Stage::Pushing => "sync: pushing…",
        }
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
    /// One line for the footer and the command line.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(subject) = &self.committed {
            parts.push(format!("committed \"{subject}\""));
        }
        if self.pulled > 0 {
            let s = if self.pulled == 1 { "" } else { "s" };
            parts.push(format!("pulled {} commit{s}", self.pulled));
        }
        if self.pushed {
            parts.push("pushed".into());
        }
        if self.local_only {
            parts.push("no remote to sync with (git remote add origin URL)".into());
        }
        let line = if parts.is_empty() {
            "synced: already up to date".to_string()
        } else {
            format!("synced: {}", parts.join(", "))
        };
        match self.left_out {
            0 => line,
            1 => format!("{line} (1 file outside this repository left out)"),
            n => format!("{line} ({n} files outside this repository left out)"),
        }
    }
}

/// Why a sync stopped, each in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    NoGit(String),
    #[error("{0} is not in a git repository; nothing to sync")]
    NotARepository(String),
    #[error(
        "the repository is in the middle of a merge ({0}); resolve it, then sync again \
         (or `git merge --abort`)"
    )]
    MidMerge(String),
    #[error(
        "pulled with conflicts in {0}: the repository is mid-merge; resolve them (is:conflict), \
         then sync again to finish the merge"
    )]
    Conflict(String),
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

impl From<NoGit> for SyncError {
    fn from(err: NoGit) -> SyncError {
        SyncError::NoGit(err.to_string())
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
        return Err(SyncError::MidMerge(format!(
            "unresolved: {}",
            open.join(", ")
        )));
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
            return Err(SyncError::Conflict(if files.is_empty() {
                "the files".into()
            } else {
                files.join(", ")
            }));
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
}
