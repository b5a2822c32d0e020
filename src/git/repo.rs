//! Questions about the repository a file is in: its top folder, the user's name, the branch it
//! follows, how far ahead and behind that branch it is, and whether a merge is under way.

use std::path::{Path, PathBuf};

use super::run::Git;

/// The repository holding a file, if any.
pub fn root_of(file: &Path) -> Option<PathBuf> {
    let top = Git::for_file(file).value(["rev-parse", "--show-toplevel"])?;
    Some(PathBuf::from(top))
}

/// git's `user.name` for the repository holding `file`.
pub fn user_name(file: &Path) -> Option<String> {
    root_of(file)?;
    Git::for_file(file)
        .value(["config", "user.name"])
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

/// The branch the current one pulls from and pushes to: the remote's name and the branch there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstream {
    pub remote: String,
    /// The branch on the remote, like `refs/heads/main`.
    pub branch: String,
}

/// Where the current branch syncs to; None when it follows nothing (or HEAD is detached).
pub fn upstream(git: &Git) -> Option<Upstream> {
    let branch = git.value(["symbolic-ref", "--quiet", "--short", "HEAD"])?;
    let remote = git.value(["config", &format!("branch.{branch}.remote")])?;
    let merge = git.value(["config", &format!("branch.{branch}.merge")])?;
    Some(Upstream {
        remote,
        branch: merge,
    })
}

/// The current branch's name.
pub fn branch(git: &Git) -> Option<String> {
    git.value(["symbolic-ref", "--quiet", "--short", "HEAD"])
}

/// The remote to push a branch that follows nothing yet to: `origin`, else the only one.
pub fn default_remote(git: &Git) -> Option<String> {
    let remotes = git.value(["remote"])?;
    let names: Vec<&str> = remotes.lines().map(str::trim).collect();
    if names.contains(&"origin") {
        return Some("origin".into());
    }
    match names.as_slice() {
        [only] => Some(only.to_string()),
        _ => None,
    }
}

/// Commits here and not upstream, and upstream and not here (as of the last fetch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Distance {
    pub ahead: usize,
    pub behind: usize,
}

pub fn distance(git: &Git) -> Option<Distance> {
    let counts = git.value(["rev-list", "--left-right", "--count", "HEAD...@{upstream}"])?;
    let mut parts = counts.split_whitespace().map(str::parse::<usize>);
    match (parts.next(), parts.next()) {
        (Some(Ok(ahead)), Some(Ok(behind))) => Some(Distance { ahead, behind }),
        _ => None,
    }
}

/// The commit HEAD points at.
pub fn head(git: &Git) -> Option<String> {
    git.value(["rev-parse", "--verify", "--quiet", "HEAD"])
}

/// True while a merge is under way (stopped on a conflict, not yet committed).
pub fn merging(git: &Git) -> bool {
    git.value(["rev-parse", "--verify", "--quiet", "MERGE_HEAD"])
        .is_some()
}

/// The files git holds as unmerged, relative to the repository's top folder.
pub fn unmerged(git: &Git) -> Vec<String> {
    git.value(["diff", "--name-only", "--diff-filter=U"])
        .map(|names| names.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// `file` as git names it, relative to the repository's top folder.
pub fn relative(root: &Path, file: &Path) -> PathBuf {
    let absolute = absolute(file);
    let root = absolute_root(root);
    absolute
        .strip_prefix(&root)
        .map(Path::to_path_buf)
        .unwrap_or(absolute)
}

fn absolute(file: &Path) -> PathBuf {
    let name = file.file_name().map(PathBuf::from).unwrap_or_default();
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match folder.canonicalize() {
        Ok(folder) => folder.join(name),
        Err(_) => file.to_path_buf(),
    }
}

fn absolute_root(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}
