//! `tally sync`: commit the task files' saved changes, pull (merging), push — the `S` key of the
//! interface, for scripts and for people at a prompt.

use std::io::Write;
use std::path::PathBuf;

use super::Failure;
use crate::cli::PathsArgs;
use crate::git::{self, SyncError};
use crate::lang::{Lang, Phrase};

pub fn sync(args: &PathsArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let files = task_files(&args.paths)?;
    let mut stages = |stage: git::Stage| eprintln!("{}", stage.phrase().text(lang));
    match git::sync(&files, &mut stages) {
        Ok(synced) => {
            writeln!(out, "{}", synced.describe())?;
            Ok(())
        }
        Err(err @ SyncError::NotARepository(_)) => Err(Failure::User(err.phrase())),
        Err(err) => Err(Failure::Internal(err.phrase())),
    }
}

/// The files named, with every `*.json` of a folder named.
fn task_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(crate::store::json_files_in(path)?);
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            return Err(Failure::User(
                Phrase::new("cli.no_such_file").arg("path", super::shown(path)),
            ));
        }
    }
    Ok(files)
}
