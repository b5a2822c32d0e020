//! `tally validate`: load each file and report `ok PATH: N items` or the first problem found.

use std::io::Write;
use std::path::PathBuf;

use super::Failure;
use crate::lang::Phrase;
use crate::model::Item;
use crate::store::{self, json_files_in};
use crate::text::clean_line;

/// Checks every file; all are checked even when one fails, and the failures are reported together.
pub fn validate(paths: &[PathBuf], out: &mut dyn Write) -> Result<(), Failure> {
    let mut problems: Vec<Phrase> = Vec::new();
    let files = expand(paths, &mut problems);
    let last = files.len().saturating_sub(1);
    for (at, path) in files.into_iter().enumerate() {
        match store::load(&path) {
            Ok(loaded) => {
                let count = loaded.doc.items().len();
                let noun = if count == 1 { "item" } else { "items" };
                let shown = clean_line(&path.display().to_string()).into_owned();
                writeln!(out, "ok {shown}: {count} {noun}")?;
                warn_conflicts(&shown, loaded.doc.items(), out)?;
                if at == last {
                    // the process ends now and hands all its memory back at once; taking a
                    // large document apart item by item first would add a tenth to the time
                    std::mem::forget(loaded);
                }
            }
            Err(err) => problems.push(err.phrase()),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::User(Phrase::lines(problems)))
    }
}

/// One warning per conflict a merge left in an item (they do not make the file invalid).
fn warn_conflicts(shown: &str, items: &[Item], out: &mut dyn Write) -> Result<(), Failure> {
    for item in items {
        for conflict in &item.conflicts {
            writeln!(
                out,
                "warning {shown}: item \"{}\": unresolved conflict on {}: ours {}, theirs {}",
                clean_line(&item.id),
                clean_line(&conflict.subject()),
                clean_line(&conflict.ours.to_string()),
                clean_line(&conflict.theirs.to_string()),
            )?;
        }
    }
    Ok(())
}

fn expand(paths: &[PathBuf], problems: &mut Vec<Phrase>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match json_files_in(path) {
                Ok(found) if found.is_empty() => {
                    problems.push(Phrase::new("cli.no_json_files").arg("path", super::shown(path)))
                }
                Ok(found) => files.extend(found),
                Err(err) => problems.push(err.phrase()),
            }
        } else {
            files.push(path.clone());
        }
    }
    files
}
