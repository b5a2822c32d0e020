//! What a session changed, item by item, derived from the changes it made (its undo history):
//! the triage summary and the minutes written next to the data file, and the words of a sync's
//! commit message.

use crate::lang::{Lang, tr, trf};
use crate::model::{Change, Date, Item, Status};
use crate::text::clean_for_document;

/// Everything one item went through in a session.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemChanges {
    pub file: usize,
    pub id: String,
    pub title: String,
    pub added: bool,
    pub removed: bool,
    pub status: Option<(Status, Status)>,
    pub notes: Vec<(Date, String)>,
    /// (metric, before, after, unit)
    pub metrics: Vec<(String, String, String, String)>,
    pub lead: Option<(Option<String>, Option<String>)>,
    pub due: Option<(Option<Date>, Option<Date>)>,
    pub reviewed: bool,
    pub other_edits: bool,
}

impl ItemChanges {
    fn new(file: usize, item: &Item) -> ItemChanges {
        ItemChanges {
            file,
            id: item.id.clone(),
            title: item.title.clone(),
            ..ItemChanges::default()
        }
    }
}

/// The changes of a session, `(file, change)` in the order they were made: one entry per item in
/// the order items were first touched. Changes that cancel out (a status set and set back)
/// disappear.
pub fn changes<'a>(steps: impl IntoIterator<Item = (usize, &'a Change)>) -> Vec<ItemChanges> {
    let mut out: Vec<ItemChanges> = Vec::new();
    for (file, change) in steps {
        let (before, after) = match change {
            Change::Replace { before, after } => (Some(before), Some(after)),
            Change::Insert { item, .. } => (None, Some(item)),
            Change::Remove { item, .. } => (Some(item), None),
            Change::Move { .. } | Change::Swap { .. } => continue,
        };
        let Some(any) = after.or(before) else {
            continue;
        };
        let entry = match out.iter().position(|c| c.file == file && c.id == any.id) {
            Some(index) => &mut out[index],
            None => {
                out.push(ItemChanges::new(file, any));
                let last = out.len() - 1;
                &mut out[last]
            }
        };
        record(entry, before, after);
    }
    out.retain(|c| {
        *c != ItemChanges {
            file: c.file,
            id: c.id.clone(),
            title: c.title.clone(),
            ..ItemChanges::default()
        }
    });
    out
}

fn record(entry: &mut ItemChanges, before: Option<&Item>, after: Option<&Item>) {
    match (before, after) {
        (None, Some(item)) => {
            entry.added = true;
            entry.title = item.title.clone();
        }
        (Some(_), None) => entry.removed = true,
        (Some(old), Some(new)) => {
            entry.title = new.title.clone();
            compare(entry, old, new);
        }
        (None, None) => {}
    }
}

fn compare(entry: &mut ItemChanges, old: &Item, new: &Item) {
    if old.status != new.status {
        let first = entry.status.map_or(old.status, |(from, _)| from);
        entry.status = (first != new.status).then_some((first, new.status));
    }
    if old.lead != new.lead {
        let first = entry
            .lead
            .clone()
            .map_or(old.lead.clone(), |(from, _)| from);
        entry.lead = (first != new.lead).then(|| (first, new.lead.clone()));
    }
    if old.due != new.due {
        let first = entry.due.map_or(old.due, |(from, _)| from);
        entry.due = (first != new.due).then_some((first, new.due));
    }
    if new.reviewed != old.reviewed && new.reviewed.is_some() {
        entry.reviewed = true;
    }
    for note in &new.progress {
        let existed = old
            .progress
            .iter()
            .any(|n| n.date == note.date && n.text == note.text);
        if !existed {
            entry.notes.push((note.date, note.text.to_string()));
        }
    }
    entry.notes.retain(|(date, text)| {
        new.progress
            .iter()
            .any(|n| n.date == *date && n.text == *text)
    });
    for metric in &new.metrics {
        let old_value = old
            .metrics
            .iter()
            .find(|m| m.name == metric.name)
            .map(|m| m.value.to_string());
        let value = metric.value.to_string();
        if old_value.as_deref() == Some(value.as_str()) {
            continue;
        }
        let unit = metric.unit.clone().unwrap_or_default();
        match entry
            .metrics
            .iter_mut()
            .find(|(name, ..)| *name == metric.name)
        {
            Some(seen) => seen.2 = value,
            None => entry.metrics.push((
                metric.name.clone(),
                old_value.unwrap_or_else(|| "–".into()),
                value,
                unit,
            )),
        }
    }
    entry.metrics.retain(|(_, from, to, _)| from != to);
    let same_otherwise = old.title == new.title && old.goal == new.goal && old.tags == new.tags;
    entry.other_edits |= !same_otherwise;
}

/// Counts for the triage summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub reviewed: usize,
    pub status_changes: usize,
    pub notes: usize,
}

pub fn tally(changes: &[ItemChanges]) -> Tally {
    Tally {
        reviewed: changes.iter().filter(|c| c.reviewed).count(),
        status_changes: changes.iter().filter(|c| c.status.is_some()).count(),
        notes: changes.iter().map(|c| c.notes.len()).sum(),
    }
}

/// The minutes of a session as Markdown.
pub fn markdown(
    title: &str,
    date: Date,
    walked: Option<(usize, usize)>,
    changes: &[ItemChanges],
) -> String {
    let counts = tally(changes);
    let mut out = format!("# Minutes: {}\n\n", clean_for_document(title));
    out.push_str(&format!("- Date: {date}\n"));
    if let Some((seen, total)) = walked {
        out.push_str(&format!("- Items walked in triage: {seen} of {total}\n"));
    }
    out.push_str(&format!(
        "- Reviewed: {} · status changes: {} · notes added: {}\n",
        counts.reviewed, counts.status_changes, counts.notes
    ));
    if changes.is_empty() {
        out.push_str("\nNo changes were made.\n");
        return out;
    }
    out.push_str("\n## Decisions and changes\n");
    for change in changes {
        out.push_str(&format!(
            "\n### {} · {}\n\n",
            clean_for_document(&change.id),
            clean_for_document(&change.title)
        ));
        for line in change_lines(change) {
            out.push_str(&format!("- {line}\n"));
        }
    }
    out
}

/// One line per thing that changed, in words.
pub fn change_lines(change: &ItemChanges) -> Vec<String> {
    change_lines_in(change, Lang::En)
}

/// [`change_lines`] with their words in `lang` (the triage summary on screen; the minutes
/// written to a file stay as they are).
pub fn change_lines_in(change: &ItemChanges, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let arrow = |key: &str, from: &str, to: &str| {
        let name = tr(lang, key);
        format!("{name}: {from} → {to}")
    };
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map_or("–".to_string(), |v| clean_for_document(v).into_owned())
    };
    let date = |value: &Option<Date>| value.map_or("–".to_string(), |d| d.to_string());
    if change.added {
        out.push(tr(lang, "changes.added").into_owned());
    }
    if change.removed {
        out.push(tr(lang, "changes.removed").into_owned());
    }
    if let Some((from, to)) = change.status {
        out.push(arrow(
            "field.status",
            &from.label_in(lang),
            &to.label_in(lang),
        ));
    }
    for (when, note) in &change.notes {
        let head = trf(lang, "changes.note", &[("date", when)]);
        out.push(format!("{head}: {}", clean_for_document(note)));
    }
    for (name, from, to, unit) in &change.metrics {
        out.push(
            format!(
                "{}: {from} → {to} {}",
                clean_for_document(name),
                clean_for_document(unit)
            )
            .trim_end()
            .to_string(),
        );
    }
    if let Some((from, to)) = &change.lead {
        out.push(arrow("field.lead", &text(from), &text(to)));
    }
    if let Some((from, to)) = &change.due {
        out.push(arrow("field.due", &date(from), &date(to)));
    }
    if change.other_edits {
        out.push(tr(lang, "changes.other").into_owned());
    }
    if change.reviewed {
        out.push(tr(lang, "changes.reviewed").into_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(before: &Item, edit: impl FnOnce(&mut Item)) -> ((usize, Change), Item) {
        let after = before.edited(edit);
        let change = Change::Replace {
            before: before.clone(),
            after: after.clone(),
        };
        ((0, change), after)
    }

    #[test]
    fn changes_are_summed_per_item_and_cancelling_ones_vanish() {
        let item = Item::new("14", "外语标识");
        let (a, item) = step(&item, |i| i.status = Status::AtRisk);
        let (b, item) = step(&item, |i| {
            i.progress.push(crate::model::Note::new(
                "2023-11-20".parse().unwrap(),
                "决定",
            ))
        });
        let (c, item) = step(&item, |i| i.status = Status::Todo);
        let (d, _) = step(&item, |i| i.reviewed = Some("2023-11-20".parse().unwrap()));
        let all = changes([a, b, c, d].iter().map(|(file, change)| (*file, change)));
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].status, None, "todo → at risk → todo is no change");
        assert_eq!(all[0].notes.len(), 1);
        assert!(all[0].reviewed);
        let text = markdown("报告", "2023-11-20".parse().unwrap(), Some((3, 8)), &all);
        assert!(
            text.contains("### 14 · 外语标识\n\n- note (2023-11-20): 决定\n- reviewed\n"),
            "{text}"
        );
        assert!(text.contains("Items walked in triage: 3 of 8"));
        assert!(text.contains("Reviewed: 1 · status changes: 0 · notes added: 1"));
    }
}
