//! `tally new`: an empty report to start from, so `add` and the interface have a file to work on.

use std::io::Write;

use super::Failure;
use crate::cli::NewArgs;
use crate::lang::Phrase;
use crate::model::Document;
use crate::store::{self, SaveError};
use crate::text::clean_line;

pub fn new(args: &NewArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let title = args.title.trim();
    if title.is_empty() {
        return Err(Failure::User(Phrase::new("cli.empty_title")));
    }
    let shown = clean_line(&args.path.display().to_string()).into_owned();
    if args.path.is_dir() {
        return Err(Failure::User(
            Phrase::new("cli.folder_for_new").arg("path", &shown),
        ));
    }
    let mut doc = Document::new(title);
    doc.header.period = args.period.clone();
    match store::save_new(&args.path, &doc, false) {
        Ok(_) => {}
        Err(SaveError::Exists { .. }) => {
            return Err(Failure::User(
                Phrase::new("cli.new_exists").arg("path", &shown),
            ));
        }
        Err(err) => return Err(Failure::Internal(err.phrase())),
    }
    writeln!(
        out,
        "created {shown}; add items with: tally add {shown} --title TITLE"
    )?;
    Ok(())
}
