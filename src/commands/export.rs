//! `tally export --format csv`: a file's items as CSV, to standard output or to a file.

use std::io::Write;

use super::Failure;
use crate::cli::{ExportArgs, ExportFormat};
use crate::import::csv::{BOM, write_items};
use crate::store;
use crate::text::clean_line;

/// Runs `tally export`. A file written with `-o` starts with a byte-order mark so spreadsheet
/// programs read its Chinese text as UTF-8; standard output gets the plain CSV.
pub fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let loaded = store::load(&args.path)?;
    let items = loaded.doc.items();
    let text = match args.format {
        ExportFormat::Csv => write_items(items),
    };
    let Some(path) = &args.output else {
        out.write_all(text.as_bytes())?;
        return Ok(());
    };
    let shown = clean_line(&path.display().to_string()).into_owned();
    if path.exists() && !args.force {
        return Err(Failure::User(format!(
            "{shown}: already exists (use --force to overwrite)"
        )));
    }
    store::write_atomic(path, format!("{BOM}{text}").as_bytes())
        .map_err(|err| Failure::Internal(clean_line(&err.to_string()).into_owned()))?;
    let noun = if items.len() == 1 { "item" } else { "items" };
    writeln!(out, "Wrote {} {noun} to {shown}", items.len())?;
    Ok(())
}
