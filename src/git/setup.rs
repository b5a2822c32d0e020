//! `tally git-setup`: the two lines that make git merge task files with tally — a pattern in
//! `.gitattributes` and the driver in the repository's config. Running it again changes nothing.

use std::path::{Path, PathBuf};

use super::stages::{cannot_run, git};
use crate::lang::Phrase;
use crate::store;

/// What setting up did.
#[derive(Debug, Clone, PartialEq)]
pub struct GitSetup {
    /// The repository's top folder.
    pub root: PathBuf,
    /// The line in `.gitattributes`, e.g. `*.json merge=tally`.
    pub attributes_line: String,
    /// The `merge.tally.driver` value.
    pub driver: String,
    pub added_attributes: bool,
    pub set_driver: bool,
}

/// Sets up the repository holding `dir` for files matching `pattern`; `program` is how git should
/// call tally.
pub fn git_setup(dir: &Path, pattern: &str, program: &str) -> Result<GitSetup, Phrase> {
    let root = top_folder(dir)?;
    let attributes_line = format!("{pattern} merge=tally");
    let file = root.join(".gitattributes");
    let text = if file.exists() {
        store::read_text(&file).map_err(|e| e.phrase())?
    } else {
        String::new()
    };
    let added_attributes = !text.lines().any(|l| l.trim() == attributes_line);
    if added_attributes {
        let mut new = text.clone();
        if !new.is_empty() && !new.ends_with('\n') {
            new.push('\n');
        }
        new.push_str(&attributes_line);
        new.push('\n');
        store::write_atomic(&file, new.as_bytes()).map_err(|e| e.phrase())?;
    }
    let driver = format!("{program} merge-driver %O %A %B %P %X %Y");
    let current =
        git(&root, &["config", "--local", "--get", "merge.tally.driver"]).map_err(cannot_run)?;
    let set_driver = String::from_utf8_lossy(&current.stdout).trim_end() != driver;
    if set_driver {
        let output = git(&root, &["config", "--local", "merge.tally.driver", &driver])
            .map_err(cannot_run)?;
        if !output.status.success() {
            return Err(Phrase::plain(format!(
                "git config: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
    }
    Ok(GitSetup {
        root,
        attributes_line,
        driver,
        added_attributes,
        set_driver,
    })
}

fn top_folder(dir: &Path) -> Result<PathBuf, Phrase> {
    let output = git(dir, &["rev-parse", "--show-toplevel"]).map_err(cannot_run)?;
    if !output.status.success() {
        return Err(Phrase::new("git.not_a_repository").arg("path", dir.display()));
    }
    let root = String::from_utf8_lossy(&output.stdout).trim().to_string();
    Ok(PathBuf::from(root))
}
