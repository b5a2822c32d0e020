//! CSV rows → items: every row ends up with an id of its own before any is used. A row without an
//! id is numbered past every id in the rows and in the file it goes into, so it never takes the
//! id of a later row; a row repeating an earlier row's id is skipped, and the warning says so.
//! Cells that could not be read are reported with what really happened to the item.

use std::collections::{HashMap, HashSet};

use super::Warning;
use super::csv::Row;
use super::items::short_title;
use super::merge::MergeReport;
use crate::model::{Document, Item, Origin};

/// A new document titled `title` holding the rows as items.
pub fn rows_to_document(rows: &[Row], title: &str) -> (Document, Vec<Warning>) {
    let (rows, mut warnings) = settle(rows, &HashSet::new());
    let mut items: Vec<Item> = Vec::new();
    for (row, id) in &rows {
        warnings.extend(unread_cells(row, id, None));
        items.push(row_item(id.clone(), row));
    }
    warnings.sort_by_key(|w| w.line);
    // `settle` gives every row a non-empty id of its own.
    let header = Document::new(title).header;
    (
        Document::from_parts(header, items, Origin::default(), None),
        warnings,
    )
}

/// Merges rows into a document: a row whose id is in the file updates the fields whose cells are
/// filled in; other rows are added. Empty cells change nothing; nothing is removed.
pub fn merge_rows(doc: &mut Document, rows: &[Row]) -> MergeReport {
    let taken: HashSet<String> = doc.items().iter().map(|i| i.id.clone()).collect();
    let (rows, mut warnings) = settle(rows, &taken);
    let mut report = MergeReport::default();
    for (row, id) in &rows {
        let Some(index) = doc.position(id) else {
            warnings.extend(unread_cells(row, id, None));
            if doc.push(row_item(id.clone(), row)).is_ok() {
                report.added_items.push(id.clone());
            }
            continue;
        };
        warnings.extend(unread_cells(row, id, Some(&doc.items()[index])));
        let mut item = doc.items()[index].clone();
        apply(&mut item, row);
        if item != doc.items()[index]
            && let Some(slot) = doc.item_mut(index)
        {
            apply(slot, row);
            report.updated_items.push(id.clone());
        }
    }
    warnings.sort_by_key(|w| w.line);
    report.warnings = warnings;
    report
}

/// The rows to use, each with its id: repeated ids skipped, rows without one numbered from above
/// the highest number among the rows' ids and `taken`, with a number neither uses.
fn settle(rows: &[Row], taken: &HashSet<String>) -> (Vec<(Row, String)>, Vec<Warning>) {
    let named: HashSet<&str> = rows.iter().filter_map(|r| r.id.as_deref()).collect();
    let highest = named
        .iter()
        .copied()
        .chain(taken.iter().map(String::as_str))
        .filter_map(|id| id.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let mut next = highest;
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    let mut warnings = Vec::new();
    let mut settled = Vec::new();
    for row in rows {
        let id = match row.id.as_deref() {
            Some(id) => {
                if let Some(line) = first_line.get(id) {
                    warnings.push(Warning::new(
                        row.line,
                        format!("id {id} repeats the row on line {line}; this row is skipped"),
                    ));
                    continue;
                }
                first_line.insert(id, row.line);
                id.to_string()
            }
            None => {
                next = next.saturating_add(1);
                while named.contains(next.to_string().as_str()) || taken.contains(&next.to_string())
                {
                    next = next.saturating_add(1);
                }
                warnings.push(Warning::new(
                    row.line,
                    format!("row has no id; numbered {next}"),
                ));
                next.to_string()
            }
        };
        settled.push((row.clone(), id));
    }
    (settled, warnings)
}

/// Warnings for the cells of `row` that could not be read, saying what the item got instead:
/// `existing` is the item as it is in the file, `None` for a new item.
fn unread_cells(row: &Row, id: &str, existing: Option<&Item>) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if let Some(value) = &row.unread_status {
        let outcome = match existing {
            Some(item) => format!("item {id} keeps {}", item.status.as_str()),
            None => format!("item {id} is {}", Item::new(id, "").status.as_str()),
        };
        warnings.push(Warning::new(
            row.line,
            format!(
                "status `{value}` is not one of {}; {outcome}",
                crate::model::Status::expected()
            ),
        ));
    }
    if let Some(value) = &row.unread_due {
        let outcome = match existing.and_then(|item| item.due) {
            Some(due) => format!("item {id} keeps its due date {due}"),
            None => format!("item {id} has no due date"),
        };
        warnings.push(Warning::new(
            row.line,
            format!("due date `{value}` is not a date (YYYY-MM-DD); {outcome}"),
        ));
    }
    warnings
}

fn row_item(id: String, row: &Row) -> Item {
    let mut item = Item::new(id, "");
    apply(&mut item, row);
    if item.title.is_empty() {
        item.title = item.goal.as_deref().map(short_title).unwrap_or_default();
    }
    if item.title.is_empty() {
        item.title = format!("Item {}", item.id);
    }
    item
}

fn apply(item: &mut Item, row: &Row) {
    if let Some(title) = &row.title {
        item.title.clone_from(title);
    }
    if row.goal.is_some() {
        item.goal.clone_from(&row.goal);
    }
    if row.lead.is_some() {
        item.lead.clone_from(&row.lead);
    }
    if let Some(status) = row.status {
        item.status = status;
    }
    if row.due.is_some() {
        item.due = row.due;
    }
    if let Some(tags) = &row.tags {
        item.tags.clone_from(tags);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::csv::read_rows;

    #[test]
    fn rows_without_ids_are_numbered_past_every_id_in_rows_and_file() {
        let (rows, _) = read_rows("id,title\n,甲\n4,乙\n,丙\n").unwrap();
        let mut doc = Document::new("t");
        doc.push(Item::new("7", "x")).unwrap();
        let report = merge_rows(&mut doc, &rows);
        assert_eq!(report.added_items, ["8", "4", "9"]);
        let (alone, warnings) = rows_to_document(&rows, "t");
        let ids: Vec<&str> = alone.items().iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["5", "4", "6"]);
        assert_eq!(warnings.len(), 2);
    }
}
