//! Minutes for a chat or a document: a status table of every item, then per item the notes and
//! metric readings since a date.

use super::figures::{period_text, progress_figure};
use crate::model::{Date, Document, Item};
use crate::text::clean_for_document;

use super::{Entry, entries};

/// The whole export.
pub fn markdown(doc: &Document, since: Option<Date>) -> String {
    let mut out = format!("# {}\n\n", cell(&doc.header.title));
    if let Some(line) = header_line(doc) {
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out.push_str(&status_table(doc));
    let found = entries([doc], since);
    out.push_str(&match since {
        Some(date) => format!("\n## Since {date}\n"),
        None => "\n## Progress\n".to_string(),
    });
    let mut quiet = Vec::new();
    for item in doc.items() {
        let mine: Vec<&Entry> = found.iter().filter(|e| e.id == item.id).collect();
        if mine.is_empty() {
            quiet.push(clean_for_document(&item.id).into_owned());
            continue;
        }
        out.push_str(&item_section(item, &mine));
    }
    if !quiet.is_empty() {
        let when = since.map_or(String::new(), |d| format!(" since {d}"));
        out.push_str(&format!(
            "\nNo notes or readings{when}: {}.\n",
            quiet.join(", ")
        ));
    }
    out
}

fn header_line(doc: &Document) -> Option<String> {
    let h = &doc.header;
    let mut parts = Vec::new();
    if let Some(source) = &h.source {
        parts.push(cell(source));
    }
    if let Some(published) = h.published {
        parts.push(format!("published {published}"));
    }
    if let Some(period) = period_text(doc) {
        parts.push(cell(&period));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn status_table(doc: &Document) -> String {
    let mut out = String::from(
        "| ID | Status | Title | Lead | Due | Progress |\n|---|---|---|---|---|---|\n",
    );
    for item in doc.items() {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            cell(&item.id),
            item.status.label(),
            cell(&item.title),
            item.lead.as_deref().map_or("–".to_string(), cell),
            item.due.map_or("–".to_string(), |d| d.to_string()),
            progress_figure(item).replace('-', "–"),
        ));
    }
    out
}

fn item_section(item: &Item, found: &[&Entry]) -> String {
    let mut out = format!("\n### {} · {}\n\n", cell(&item.id), cell(&item.title));
    let mut in_order: Vec<&&Entry> = found.iter().collect();
    in_order.sort_by_key(|e| e.date);
    for entry in in_order {
        let line = entry.change.describe(text_line);
        out.push_str(&format!("- {}: {line}\n", entry.date));
    }
    out
}

/// Text for a table cell or a list line: one line, controls replaced, pipes escaped.
fn cell(text: &str) -> String {
    clean_for_document(text)
        .replace('|', "\\|")
        .trim()
        .to_string()
}

/// A note as one list item; its own line breaks become Markdown line breaks.
fn text_line(text: &str) -> String {
    text.lines().map(cell).collect::<Vec<_>>().join("  \n  ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{SAMPLE_JSON, parse_document};

    #[test]
    fn a_table_then_the_notes_since_the_date() {
        let doc = parse_document(SAMPLE_JSON.into()).unwrap();
        let text = markdown(&doc, "2023-07-01".parse().ok());
        assert!(text.starts_with("# 北京市人民政府外事办公室"), "{text}");
        assert!(
            text.contains("| 13 | at risk | 优化国际化环境和服务 | 市外办 | – | 50% |"),
            "{text}"
        );
        assert!(text.contains("## Since 2023-07-01"));
        assert!(
            text.contains(
                "### 14 · 网上国际服务平台和外语标识\n\n- 2023-07-28: 三是梳理建立外语标识台账"
            ),
            "{text}"
        );
        let later = markdown(&doc, "2023-12-01".parse().ok());
        assert!(
            later.contains(
                "No notes or readings since 2023-12-01: 10, 11, 12, 13, 14, 16, 17, 126."
            ),
            "{later}"
        );
    }

    #[test]
    fn cells_never_break_the_table() {
        assert_eq!(cell("a|b\nc\u{1b}"), "a\\|b c␛");
    }
}
