//! `tally show`: one item in full, as readable text or as JSON.

use std::io::Write;

use super::Failure;
use crate::cli::ShowArgs;
use crate::lang::Phrase;
use crate::model::{Document, Item};
use crate::store::{self, write_item};
use crate::text::{clean_line, clean_text, escape_json_hazards};

pub fn show(args: &ShowArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let rest: Vec<String> = args.id.iter().cloned().collect();
    let (target, _) = super::target::locate(&args.target, &rest, 0)?;
    let files = store::load_all(std::slice::from_ref(&target.path))?;
    let found = files.iter().find_map(|file| {
        let index = file.doc.position(&target.id)?;
        Some((file, &file.doc.items()[index]))
    });
    let Some((file, item)) = found else {
        return Err(Failure::User(
            Phrase::new("cli.no_item")
                .arg("path", super::shown(&target.path))
                .arg("id", clean_line(&target.id)),
        ));
    };
    if args.json {
        writeln!(out, "{}", escape_json_hazards(&write_item(item)))?;
    } else {
        out.write_all(readable(item, &file.doc, &file.path.display().to_string()).as_bytes())?;
    }
    Ok(())
}

/// The item as a page of text.
pub fn readable(item: &Item, doc: &Document, path: &str) -> String {
    let mut page = format!("{} · {}\n", clean_line(&item.id), clean_line(&item.title));
    let mut field = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            page.push_str(&format!("{name:<10}{}\n", clean_line(&value)));
        }
    };
    field("status", Some(item.status.as_str().to_string()));
    for (name, value) in crate::report::fields(item) {
        field(name, Some(value));
    }
    field("file", Some(format!("{path} ({})", doc.header.title)));
    if let Some(goal) = &item.goal {
        page.push_str(&format!("\nGoal\n  {}\n", indent(&clean_text(goal))));
    }
    if !item.progress.is_empty() {
        page.push_str(&format!("\nProgress ({})\n", item.progress.len()));
        for index in item.notes_by_date() {
            let note = &item.progress[index];
            let by = note
                .by
                .as_deref()
                .map(|b| format!(" ({})", clean_line(b)))
                .unwrap_or_default();
            page.push_str(&format!(
                "  {}  {}{by}\n",
                note.date,
                indent(&clean_text(&note.text))
            ));
        }
    }
    if !item.metrics.is_empty() {
        page.push_str(&format!("\nMetrics ({})\n", item.metrics.len()));
        for metric in &item.metrics {
            let unit = metric
                .unit
                .as_deref()
                .map(|u| format!(" {}", clean_line(u)))
                .unwrap_or_default();
            let mut line = format!("  {}: {}{unit}", clean_line(&metric.name), metric.value);
            if let Some(target) = &metric.target {
                line.push_str(&format!(" / {target}{unit}"));
            }
            if let Some(ratio) = metric.ratio() {
                line.push_str(&format!(" ({:.0}%)", ratio * 100.0));
            }
            if !metric.history.is_empty() {
                let series: Vec<String> = metric
                    .history
                    .iter()
                    .map(|p| format!("{} {}", p.date, p.value))
                    .collect();
                line.push_str(&format!("  [history: {}]", series.join(", ")));
            }
            page.push_str(&line);
            page.push('\n');
        }
    }
    page
}

fn indent(text: &str) -> String {
    text.replace('\n', "\n  ")
}
