//! `tally export`: a file's items as CSV, Markdown minutes or JSON, to standard output or a file.

use std::io::Write;

use super::Failure;
use crate::cli::{ExportArgs, ExportFormat};
use crate::import::csv::{BOM, write_items};
use crate::store;
use crate::text::{clean_line, clean_text, escape_json_hazards};

/// Runs `tally export`. CSV starts with a byte-order mark so spreadsheet programs read its
/// Chinese text as UTF-8.
pub fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<(), Failure> {
    if args.since.is_some() && args.format != ExportFormat::Markdown {
        return Err(Failure::User("--since goes with --format markdown".into()));
    }
    let loaded = store::load(&args.path)?;
    let items = loaded.doc.items();
    let text = match args.format {
        ExportFormat::Csv => format!("{BOM}{}", write_items(items)),
        ExportFormat::Markdown => crate::report::markdown(&loaded.doc, args.since),
        ExportFormat::Json => json(items),
    };
    let Some(path) = &args.output else {
        // JSON is always escaped (it means the same); other formats are cleaned only for a
        // terminal, where escape sequences in the data would steer it, and go to files as they are.
        let text = match args.format {
            ExportFormat::Json => escape_json_hazards(&text),
            _ if std::io::IsTerminal::is_terminal(&std::io::stdout()) => clean_text(&text),
            _ => std::borrow::Cow::Borrowed(text.as_str()),
        };
        out.write_all(text.as_bytes())?;
        return Ok(());
    };
    let shown = clean_line(&path.display().to_string()).into_owned();
    if path.exists() && !args.force {
        return Err(Failure::User(format!(
            "{shown}: already exists (use --force to overwrite)"
        )));
    }
    store::write_atomic(path, text.as_bytes())
        .map_err(|err| Failure::Internal(clean_line(&err.to_string()).into_owned()))?;
    let noun = if items.len() == 1 { "item" } else { "items" };
    writeln!(out, "Wrote {} {noun} to {shown}", items.len())?;
    Ok(())
}

/// The items as a JSON array, each with every field the file has. Built from each item's own
/// text, so an item that holds values nested deeper than a JSON value can be parsed here is
/// written like any other.
fn json(items: &[crate::model::Item]) -> String {
    if items.is_empty() {
        return "[]\n".into();
    }
    let mut text = String::from("[\n");
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            text.push_str(",\n");
        }
        for (line_index, line) in store::write_item(item).lines().enumerate() {
            if line_index > 0 {
                text.push('\n');
            }
            text.push_str("  ");
            text.push_str(line);
        }
    }
    text.push_str("\n]\n");
    text
}
