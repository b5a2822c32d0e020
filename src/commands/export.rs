//! `tally export`: a file's items as CSV, Markdown minutes, JSON, or the next progress report
//! (plain text in the published style, or Word), to standard output or a file.

use std::io::Write;

use super::Failure;
use crate::cli::{ExportArgs, ExportFormat};
use crate::import::csv::{BOM, write_items};
use crate::lang::Phrase;
use crate::model::{Date, Document};
use crate::report::{Draft, DraftOptions};
use crate::store;
use crate::text::{clean_line, clean_text, escape_json_hazards};

/// Runs `tally export`. CSV starts with a byte-order mark so spreadsheet programs read its
/// Chinese text as UTF-8.
pub fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<(), Failure> {
    check_options(args)?;
    let loaded = store::load(&args.path)?;
    let items = loaded.doc.items();
    let mut report = None;
    let bytes = match args.format {
        ExportFormat::Csv => format!("{BOM}{}", write_items(items)).into_bytes(),
        ExportFormat::Markdown => crate::report::markdown(&loaded.doc, args.since).into_bytes(),
        ExportFormat::Json => json(items).into_bytes(),
        ExportFormat::Report => {
            crate::report::published(report.insert(draft(&loaded.doc, args))).into_bytes()
        }
        ExportFormat::Docx => crate::report::docx(report.insert(draft(&loaded.doc, args)))?,
    };
    let Some(path) = &args.output else {
        let text = String::from_utf8_lossy(&bytes);
        // JSON is always escaped (it means the same); other formats are cleaned only for a
        // terminal, where escape sequences in the data would steer it, and go to files as they are.
        let text = match args.format {
            ExportFormat::Json => escape_json_hazards(&text),
            _ if std::io::IsTerminal::is_terminal(&std::io::stdout()) => clean_text(&text),
            _ => text,
        };
        out.write_all(text.as_bytes())?;
        return Ok(());
    };
    let shown = clean_line(&path.display().to_string()).into_owned();
    if path.exists() && !args.force {
        return Err(Failure::User(
            Phrase::new("file.exists").arg("path", &shown),
        ));
    }
    store::write_atomic(path, &bytes).map_err(|err| Failure::Internal(err.phrase()))?;
    match report {
        Some(draft) => writeln!(out, "Wrote {} to {shown}", describe(&draft))?,
        None => {
            let noun = if items.len() == 1 { "item" } else { "items" };
            writeln!(out, "Wrote {} {noun} to {shown}", items.len())?;
        }
    }
    Ok(())
}

/// Options that belong to another format are refused rather than ignored.
fn check_options(args: &ExportArgs) -> Result<(), Failure> {
    if args.since.is_some() && args.format != ExportFormat::Markdown {
        return Err(Failure::User(Phrase::new("cli.since_markdown")));
    }
    let report = matches!(args.format, ExportFormat::Report | ExportFormat::Docx);
    let report_options = [
        ("--period", args.period.is_some()),
        ("--title", args.title.is_some()),
        ("--date", args.date.is_some()),
        ("--placeholder", args.placeholder.is_some()),
    ];
    if let Some((flag, _)) = report_options.iter().find(|(_, given)| *given && !report) {
        return Err(Failure::User(
            Phrase::new("cli.report_option").arg("flag", flag),
        ));
    }
    if args.format == ExportFormat::Docx && args.output.is_none() {
        return Err(Failure::User(Phrase::new("cli.docx_output")));
    }
    Ok(())
}

fn draft(doc: &Document, args: &ExportArgs) -> Draft {
    let mut options = DraftOptions::dated(args.date.unwrap_or_else(Date::today));
    options.period = args.period;
    options.title = args.title.clone();
    if let Some(placeholder) = &args.placeholder {
        options.placeholder = placeholder.clone();
    }
    let items: Vec<_> = doc.items().iter().collect();
    crate::report::draft(doc, &items, &options)
}

/// `the report of 8 items for 2023-01-01..2023-09-30`.
fn describe(draft: &Draft) -> String {
    let n = draft.sections.len();
    let noun = if n == 1 { "item" } else { "items" };
    match draft.period {
        Some(period) => format!("the report of {n} {noun} for {period}"),
        None => format!("the report of {n} {noun}"),
    }
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
