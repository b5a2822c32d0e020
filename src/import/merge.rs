//! Merging a later report into a tracked file: new notes and metric readings are added to the items
//! that have them, new items are added, nothing is removed, and merging the same report again
//! changes nothing. A note is new unless the item already has a note with the same text: reports
//! are cumulative, and a sentence repeated from the last quarter's report is not new progress. Only items that actually change are handed out for editing, so the others keep
//! their exact bytes when the file is saved.
//!
//! A report's metric readings are recorded by the rules every edit follows
//! ([`crate::model::record_reading`]): the reading `(as_of, value)` joins `history` in date order,
//! `value` is the latest reading, and nothing is added when the value did not change. The one
//! difference: on a date where the file already has another value, the file's value is kept, with
//! a warning.
//!
//! A report's metric is matched to the file's by name, or failing that by unit and a related name
//! (one name holds the other, they share four characters in a row, or one is the other with
//! words left out of its middle), so a name someone tidied by hand still receives its readings.

use std::collections::{HashMap, HashSet};

use super::Warning;
use super::names::{RELATED_LIMIT, common_run, related_names};
use crate::model::{
    Date, Document, Item, Metric, Origin, Recorded, SameDate, date_first_reading, record_reading,
    same_number,
};

/// What a merge changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Ids of the items added.
    pub added_items: Vec<String>,
    /// Ids of the existing items that changed.
    pub updated_items: Vec<String>,
    /// Notes added to existing items.
    pub notes: usize,
    /// Metrics added to existing items.
    pub metrics: usize,
    /// New readings of existing metrics.
    pub readings: usize,
    pub warnings: Vec<Warning>,
}

impl MergeReport {
    /// True when the merge changed nothing.
    pub fn is_empty(&self) -> bool {
        self.added_items.is_empty() && self.updated_items.is_empty()
    }
}

/// Merges `incoming`, a report as of `as_of`, into `existing`.
pub fn merge(existing: &mut Document, incoming: &Document, as_of: Date) -> MergeReport {
    let mut report = MergeReport::default();
    let file_date = existing.header.published;
    let mut anchor: Option<usize> = None;
    for item in incoming.items() {
        let Some(index) = existing.position(&item.id) else {
            let new = new_item(item, file_date, as_of);
            let at = insert_position(existing, incoming, anchor, &item.id);
            if let Ok(at) = existing.insert(at, new) {
                anchor = Some(at);
                report.added_items.push(item.id.clone());
            }
            continue;
        };
        anchor = Some(index);
        let mut merged = existing.items()[index].clone();
        let notes_before = merged.progress.len();
        merge_item(&mut merged, item, file_date, as_of, &mut report);
        let changed = merged.progress != existing.items()[index].progress
            || merged.metrics != existing.items()[index].metrics;
        if changed && let Some(slot) = existing.item_mut(index) {
            slot.progress = merged.progress;
            slot.metrics = merged.metrics;
            report.notes += slot.progress.len() - notes_before;
            report.updated_items.push(item.id.clone());
        }
    }
    report
}

/// Where a new item goes: after the item that came before it in the report, and past the file's
/// items the report does not mention whose numbers are smaller. At the end when nothing came before.
fn insert_position(
    existing: &Document,
    incoming: &Document,
    anchor: Option<usize>,
    id: &str,
) -> usize {
    let items = existing.items();
    let Some(anchor) = anchor else {
        return items.len();
    };
    let number = |id: &str| id.trim().parse::<u64>().ok();
    let mut at = anchor + 1;
    while let Some(next) = items.get(at) {
        let unmentioned = incoming.position(&next.id).is_none();
        let smaller = matches!((number(&next.id), number(id)), (Some(a), Some(b)) if a < b);
        if !(unmentioned && smaller) {
            break;
        }
        at += 1;
    }
    at
}

/// An item from the report, new to the file: its metric values are dated when the file's own
/// date would date them wrongly.
fn new_item(item: &Item, file_date: Option<Date>, as_of: Date) -> Item {
    let mut item = item.clone();
    item.origin = Origin::default();
    for metric in &mut item.metrics {
        date_reading(metric, file_date, as_of);
    }
    item
}

fn date_reading(metric: &mut Metric, file_date: Option<Date>, as_of: Date) {
    date_first_reading(metric, as_of, file_date);
}

fn merge_item(
    item: &mut Item,
    incoming: &Item,
    file_date: Option<Date>,
    as_of: Date,
    report: &mut MergeReport,
) {
    let mut known: HashSet<String> = item
        .progress
        .iter()
        .map(|n| n.text.trim().to_string())
        .collect();
    for note in &incoming.progress {
        if known.insert(note.text.trim().to_string()) {
            let mut note = note.clone();
            note.origin = Origin::default();
            item.progress.push(note);
        }
    }
    let mut by_name: HashMap<String, usize> = item
        .metrics
        .iter()
        .enumerate()
        .map(|(at, m)| (m.name.clone(), at))
        .collect();
    let claimed: HashSet<&str> = incoming.metrics.iter().map(|m| m.name.as_str()).collect();
    for metric in &incoming.metrics {
        let at = by_name
            .get(&metric.name)
            .copied()
            .or_else(|| related_metric(&item.metrics, metric, &claimed));
        match at.and_then(|at| item.metrics.get_mut(at)) {
            Some(existing) => {
                if existing.target.is_none() && metric.target.is_some() {
                    existing.target = metric.target.clone();
                }
                let value = metric.value.clone();
                match record_reading(existing, as_of, value, file_date, SameDate::Keep) {
                    Recorded::Added { .. } | Recorded::Replaced { .. } => report.readings += 1,
                    Recorded::Unchanged => {}
                    Recorded::Kept { kept } => report.warnings.push(Warning::new(
                        0,
                        format!(
                            "item {}: metric `{}` is {kept} on {as_of} in the file and {} in the \
                             report; kept the file's value",
                            item.id, metric.name, metric.value
                        ),
                    )),
                }
            }
            None => {
                let mut metric = metric.clone();
                metric.origin = Origin::default();
                date_reading(&mut metric, file_date, as_of);
                by_name.insert(metric.name.clone(), item.metrics.len());
                item.metrics.push(metric);
                report.metrics += 1;
            }
        }
    }
}

/// The file's metric a report's metric with no namesake is a reading of: one with the same unit and
/// a related name (preferring the same value, then the longer shared run of characters) that no
/// other metric of the report names exactly.
fn related_metric(metrics: &[Metric], wanted: &Metric, claimed: &HashSet<&str>) -> Option<usize> {
    if metrics.len() > RELATED_LIMIT {
        return None;
    }
    metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.unit == wanted.unit
                && !claimed.contains(m.name.as_str())
                && related_names(&m.name, &wanted.name)
        })
        .max_by_key(|(at, m)| {
            (
                same_number(&m.value, &wanted.value),
                common_run(&m.name, &wanted.name),
                std::cmp::Reverse(*at),
            )
        })
        .map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Note;
    use serde_json::Number;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn doc(published: &str, value: i64, notes: &[(&str, &str)]) -> Document {
        let mut doc = Document::new("t");
        doc.header.published = Some(date(published));
        let mut item = Item::new("1", "one");
        item.progress = notes.iter().map(|(d, t)| Note::new(date(d), *t)).collect();
        item.metrics = vec![Metric::new("m", Number::from(value))];
        doc.push(item).unwrap();
        doc
    }

    fn series(doc: &Document) -> Vec<(String, String)> {
        doc.items()[0].metrics[0]
            .history
            .iter()
            .map(|p| (p.date.to_string(), p.value.to_string()))
            .collect()
    }

    #[test]
    fn a_later_report_extends_the_timeline() {
        let mut file = doc("2023-10-07", 126, &[("2023-10-07", "甲")]);
        let later = doc("2024-01-10", 150, &[("2024-01-10", "乙")]);
        let report = merge(&mut file, &later, date("2024-01-10"));
        assert_eq!(report.notes, 1);
        assert_eq!(report.readings, 1);
        assert_eq!(report.updated_items, ["1"]);
        let metric = &file.items()[0].metrics[0];
        assert_eq!(metric.value, Number::from(150));
        assert_eq!(
            series(&file),
            [
                ("2023-10-07".into(), "126".into()),
                ("2024-01-10".into(), "150".into())
            ]
        );
        let again = merge(&mut file, &later, date("2024-01-10"));
        assert!(again.is_empty(), "{again:?}");
    }

    #[test]
    fn same_report_twice_changes_nothing() {
        let mut file = doc("2023-10-07", 126, &[("2023-10-07", "甲")]);
        let same_report = file.clone();
        assert!(merge(&mut file, &same_report, date("2023-10-07")).is_empty());
        assert!(series(&file).is_empty());
    }

    #[test]
    fn an_unchanged_value_adds_no_reading() {
        let mut file = doc("2023-10-07", 126, &[]);
        let later = doc("2024-01-10", 126, &[]);
        assert!(merge(&mut file, &later, date("2024-01-10")).is_empty());
    }

    #[test]
    fn an_older_report_fills_in_history_without_changing_the_value() {
        let mut file = doc("2023-10-07", 126, &[]);
        let older = doc("2023-07-05", 60, &[]);
        merge(&mut file, &older, date("2023-07-05"));
        assert_eq!(file.items()[0].metrics[0].value, Number::from(126));
        assert_eq!(series(&file)[0], ("2023-07-05".into(), "60".into()));
    }

    #[test]
    fn a_conflicting_value_on_the_same_date_is_kept_and_reported() {
        let mut file = doc("2023-10-07", 126, &[]);
        let other = doc("2023-10-07", 127, &[]);
        let report = merge(&mut file, &other, date("2023-10-07"));
        assert!(report.is_empty());
        assert_eq!(report.warnings.len(), 1);
        assert_eq!(file.items()[0].metrics[0].value, Number::from(126));
    }

    #[test]
    fn new_items_follow_their_neighbour_in_the_report() {
        let mut file = doc("2023-10-07", 1, &[]);
        file.push(Item::new("3", "three")).unwrap();
        let mut later = doc("2024-01-10", 1, &[]);
        later.push(Item::new("2", "two")).unwrap();
        let mut with_metric = Item::new("4", "four");
        with_metric.metrics = vec![Metric::new("n", Number::from(5))];
        later.push(with_metric).unwrap();
        let report = merge(&mut file, &later, date("2024-01-10"));
        let ids: Vec<&str> = file.items().iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3", "4"]);
        assert_eq!(report.added_items, ["2", "4"]);
        assert_eq!(file.items()[3].metrics[0].history.len(), 1);
    }
}
