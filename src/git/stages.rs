//! git commands for merging one file: its three index stages while a merge is unfinished, staging
//! the result, and git's own line merge for JSON files that are not task files.

use std::path::Path;
use std::process::{Command, Output};

use crate::lang::Phrase;

/// The three versions of a file git holds while a merge of it is unfinished.
pub struct Stages {
    /// The common ancestor (empty when both sides added the file).
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

/// git with prompts turned off, run in `dir`.
pub(super) fn git(dir: &Path, args: &[&str]) -> std::io::Result<Output> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
}

/// git could not be started at all.
pub(super) fn cannot_run(err: std::io::Error) -> Phrase {
    Phrase::new("git.cannot_run").arg("error", err)
}

fn folder_and_name(file: &Path) -> Result<(&Path, String), Phrase> {
    let name = file
        .file_name()
        .ok_or_else(|| Phrase::new("git.not_a_file").arg("path", file.display()))?;
    let dir = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    Ok((dir, format!("./{}", name.to_string_lossy())))
}

fn failure(what: &str, output: &Output) -> Phrase {
    let said = String::from_utf8_lossy(&output.stderr);
    Phrase::plain(format!("{what}: {}", said.trim()))
}

/// The base, ours and theirs versions of `file` (`git show :1:FILE`, `:2:`, `:3:`).
pub fn stages(file: &Path) -> Result<Stages, Phrase> {
    let (dir, name) = folder_and_name(file)?;
    let show = |stage: u8| -> Result<Option<String>, Phrase> {
        let spec = format!(":{stage}:{name}");
        let output = git(dir, &["show", &spec]).map_err(cannot_run)?;
        if output.status.success() {
            String::from_utf8(output.stdout)
                .map(Some)
                .map_err(|_| Phrase::new("git.not_utf8").arg("spec", &spec))
        } else {
            Ok(None)
        }
    };
    let missing = || Phrase::new("git.no_stages").arg("path", file.display());
    let ours = show(2)?.ok_or_else(missing)?;
    let theirs = show(3)?.ok_or_else(missing)?;
    Ok(Stages {
        base: show(1)?.unwrap_or_default(),
        ours,
        theirs,
    })
}

/// Marks `file` as merged (`git add`).
pub fn add(file: &Path) -> Result<(), Phrase> {
    let (dir, name) = folder_and_name(file)?;
    let output = git(dir, &["add", "--", &name]).map_err(cannot_run)?;
    if output.status.success() {
        Ok(())
    } else {
        Err(failure("git add", &output))
    }
}

/// git's line merge of three files into `ours` (markers where lines clash); true when clean.
pub fn line_merge(base: &Path, ours: &Path, theirs: &Path) -> Result<bool, Phrase> {
    let dir = Path::new(".");
    let arg = |p: &Path| p.to_string_lossy().into_owned();
    let args = ["merge-file".to_string(), arg(ours), arg(base), arg(theirs)];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = git(dir, &args).map_err(cannot_run)?;
    match output.status.code() {
        Some(0) => Ok(true),
        Some(1..=127) => Ok(false),
        _ => Err(failure("git merge-file", &output)),
    }
}
