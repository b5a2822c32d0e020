//! `tally import`: a plain-text progress report, or a CSV of items, becomes a new tally file or is
//! merged into an existing one. The reading of the text is [`crate::import`]; this command reads
//! and writes the files, prints what was found, and refuses to overwrite without `--force`.

use std::io::Write;
use std::path::Path;

use super::{Failure, shown};
use crate::cli::{ImportArgs, ImportFormat};
use crate::import::csv::{Row, merge_rows, read_rows, rows_to_document};
use crate::import::{ImportError, MergeReport, Options, Summary, Warning, import_report, merge};
use crate::lang::Phrase;
use crate::model::{Date, Document};
use crate::store;
use crate::text::clean_line;

/// What the input held, ready to be written or merged.
enum Source {
    /// A report and the date its readings are as of.
    Report { doc: Document, date: Date },
    /// CSV rows, and the document they make on their own.
    Rows { rows: Vec<Row>, doc: Document },
}

impl Source {
    fn doc(&self) -> &Document {
        match self {
            Source::Report { doc, .. } | Source::Rows { doc, .. } => doc,
        }
    }
}

/// Runs `tally import`.
pub fn import(args: &ImportArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let (text, encoding) = store::read_any_text(&args.input)?;
    let shown = shown(&args.input);
    let (source, warnings) = read_source(args, &text, &shown)?;
    writeln!(
        out,
        "Read {shown} ({encoding}): {}",
        Summary::of(source.doc())
    )?;
    print_warnings(out, &shown, &shown, &warnings)?;
    match &args.into {
        Some(into) => merge_into(args, into, &source, out),
        None => write_new(args, source.doc(), out),
    }
}

fn read_source(
    args: &ImportArgs,
    text: &str,
    shown: &str,
) -> Result<(Source, Vec<Warning>), Failure> {
    let failed = |err: ImportError| {
        let (place, problem) = match &err {
            ImportError::Csv { line, message } => (format!("{shown}:{line}"), message.clone()),
            _ => (shown.to_string(), err.phrase()),
        };
        Failure::User(
            Phrase::new("file.at")
                .arg("place", place)
                .with_line("problem", problem),
        )
    };
    if format_of(args) == ImportFormat::Text {
        let options = Options {
            year: args.year,
            fallback_date: Some(Date::today()),
        };
        let imported = import_report(text, &options).map_err(failed)?;
        let source = Source::Report {
            doc: imported.doc,
            date: imported.report_date,
        };
        return Ok((source, imported.warnings));
    }
    let (rows, mut warnings) = read_rows(text).map_err(failed)?;
    if rows.is_empty() {
        return Err(Failure::User(Phrase::new("cli.no_rows").arg("path", shown)));
    }
    if args.year.is_some() {
        warnings.push(Warning::new(0, "--year is for text reports; ignored"));
    }
    let title = args
        .input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (doc, more) = rows_to_document(&rows, &title);
    // Merging settles the rows against the file and warns about them itself.
    if args.into.is_none() {
        warnings.extend(more);
    }
    Ok((Source::Rows { rows, doc }, warnings))
}

/// `--format`, else csv for `*.csv`, else text.
fn format_of(args: &ImportArgs) -> ImportFormat {
    let is_csv = args
        .input
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"));
    args.format.unwrap_or(if is_csv {
        ImportFormat::Csv
    } else {
        ImportFormat::Text
    })
}

fn write_new(args: &ImportArgs, doc: &Document, out: &mut dyn Write) -> Result<(), Failure> {
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| args.input.with_extension("json"));
    let shown = shown(&target);
    if target == args.input {
        return Err(Failure::User(
            Phrase::new("cli.same_file").arg("path", shown),
        ));
    }
    if args.dry_run {
        let note = if target.exists() && !args.force {
            " (it exists: --force would be needed)"
        } else {
            ""
        };
        writeln!(out, "Would write {shown}{note}; dry run, nothing written")?;
        return Ok(());
    }
    store::save_new(&target, doc, args.force)?;
    writeln!(out, "Wrote {shown}")?;
    Ok(())
}

fn merge_into(
    args: &ImportArgs,
    into: &Path,
    source: &Source,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let loaded = store::load(into)?;
    let mut doc = loaded.doc;
    let report = match source {
        Source::Report {
            doc: incoming,
            date,
        } => merge(&mut doc, incoming, *date),
        Source::Rows { rows, .. } => merge_rows(&mut doc, rows),
    };
    let shown = shown(into);
    // Warnings with a line are about the input's rows; the others about the file merged into.
    let input = self::shown(&args.input);
    print_warnings(out, &shown, &input, &report.warnings)?;
    if report.is_empty() {
        writeln!(out, "Nothing new for {shown}; left unchanged")?;
        return Ok(());
    }
    if args.dry_run {
        writeln!(
            out,
            "Would merge into {shown}: {}; dry run, nothing written",
            describe(&report)
        )?;
        return Ok(());
    }
    store::save(into, &doc, &loaded.fingerprint)?;
    writeln!(out, "Merged into {shown}: {}", describe(&report))?;
    Ok(())
}

/// `1 new item (15); 2 items updated (10, 14): 2 notes, 1 reading, 0 metrics added`.
fn describe(report: &MergeReport) -> String {
    let mut parts = Vec::new();
    if !report.added_items.is_empty() {
        let added = count(report.added_items.len(), "new item", "new items");
        parts.push(format!("{added} ({})", report.added_items.join(", ")));
    }
    if !report.updated_items.is_empty() {
        let updated = count(report.updated_items.len(), "item updated", "items updated");
        let added = [
            count(report.notes, "note", "notes"),
            count(report.readings, "reading", "readings"),
            count(report.metrics, "metric", "metrics"),
        ];
        parts.push(format!(
            "{updated} ({}): {} added",
            report.updated_items.join(", "),
            added.join(", ")
        ));
    }
    clean_line(&parts.join("; ")).into_owned()
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prints warnings: those without a line name `whole`, the others `lines_of` and their line.
fn print_warnings(
    out: &mut dyn Write,
    whole: &str,
    lines_of: &str,
    warnings: &[Warning],
) -> Result<(), Failure> {
    for warning in warnings {
        let place = match warning.line {
            0 => whole.to_string(),
            line => format!("{lines_of}:{line}"),
        };
        writeln!(out, "warning: {place}: {}", clean_line(&warning.message))?;
    }
    Ok(())
}
