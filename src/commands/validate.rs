//! `tally validate`: load each file and report `ok PATH: N items` or the first problem found.

use std::io::Write;
use std::path::PathBuf;

use super::Failure;
use crate::store::{self, json_files_in};
use crate::text::clean_line;

/// Checks every file; all are checked even when one fails, and the failures are reported together.
pub fn validate(paths: &[PathBuf], out: &mut dyn Write) -> Result<(), Failure> {
    let mut problems: Vec<String> = Vec::new();
    for path in expand(paths, &mut problems) {
        match store::load(&path) {
            Ok(loaded) => {
                let count = loaded.doc.items().len();
                let noun = if count == 1 { "item" } else { "items" };
                writeln!(
                    out,
                    "ok {}: {count} {noun}",
                    clean_line(&path.display().to_string())
                )?;
            }
            Err(err) => problems.push(clean_line(&err.to_string()).into_owned()),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::User(problems.join("\n")))
    }
}

fn expand(paths: &[PathBuf], problems: &mut Vec<String>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match json_files_in(path) {
                Ok(found) if found.is_empty() => problems.push(format!(
                    "{}: no *.json files in this folder, nothing to check",
                    clean_line(&path.display().to_string())
                )),
                Ok(found) => files.extend(found),
                Err(err) => problems.push(err.to_string()),
            }
        } else {
            files.push(path.clone());
        }
    }
    files
}
