//! The commit message of a sync, in words a reader of the log understands: what changed per item
//! since the last commit, like `tally: 14 note, 13 status=done`.

use std::collections::HashMap;

use crate::app::Step;
use crate::model::{Change, Document};
use crate::report::{ItemChanges, changes};

/// The longest first line before the rest is summed up as "and N more".
const SUBJECT_CELLS: usize = 72;

/// One file's change since the last commit: the committed document (None: a new file) and the
/// one on disk now.
pub struct FileChange<'a> {
    pub name: String,
    pub before: Option<&'a Document>,
    pub after: &'a Document,
}

/// `tally: 14 note, 13 status=done` (with the file's name before its changes when several files
/// changed); a full list of every change follows the first line when it did not fit.
pub fn commit_message(files: &[FileChange]) -> String {
    let several = files.len() > 1;
    let mut words = Vec::new();
    for file in files {
        let mut these = match file.before {
            Some(before) => item_words(before, file.after),
            None => vec![format!("new report, {} items", file.after.items().len())],
        };
        if these.is_empty() {
            these.push("layout".to_string());
        }
        if several {
            these[0] = format!("{}: {}", file.name, these[0]);
        }
        words.extend(these);
    }
    let subject = subject(&words);
    if subject.len() < words.join(", ").len() + "tally: ".len() {
        format!("{subject}\n\n{}\n", words.join("\n"))
    } else {
        subject
    }
}

fn subject(words: &[String]) -> String {
    let mut line = "tally:".to_string();
    for (shown, word) in words.iter().enumerate() {
        let left = words.len() - shown;
        let tail = if left > 1 {
            format!(" and {} more", left - 1)
        } else {
            String::new()
        };
        let separator = if shown == 0 { " " } else { ", " };
        let fits =
            crate::text::width(&line) + separator.len() + crate::text::width(word) + tail.len()
                <= SUBJECT_CELLS;
        if !fits && shown > 0 {
            return format!("{line} and {left} more");
        }
        line.push_str(separator);
        line.push_str(word);
    }
    line
}

/// What changed in each item, in the order of the new file (removed items last).
fn item_words(before: &Document, after: &Document) -> Vec<String> {
    let old: HashMap<&str, &crate::model::Item> =
        before.items().iter().map(|i| (i.id.as_str(), i)).collect();
    let mut steps = Vec::new();
    for item in after.items() {
        let change = match old.get(item.id.as_str()) {
            Some(previous) if *previous == item => continue,
            Some(previous) => Change::Replace {
                before: (*previous).clone(),
                after: item.clone(),
            },
            None => Change::Insert {
                index: 0,
                item: item.clone(),
            },
        };
        steps.push(step(change));
    }
    for item in before.items() {
        if after.position(&item.id).is_none() {
            steps.push(step(Change::Remove {
                index: 0,
                item: item.clone(),
            }));
        }
    }
    let mut words = Vec::new();
    for change in changes(steps.iter().map(|s| (s.file, &s.change))) {
        words.extend(words_of(&change));
    }
    let touched: Vec<&str> = steps.iter().map(|s| s.change.id()).collect();
    for id in touched {
        // an item whose only change is one `changes` does not count (its place, a note's by)
        if !words.iter().any(|w| w.split(' ').next() == Some(id)) {
            words.push(format!("{id} edited"));
        }
    }
    words
}

fn step(change: Change) -> Step {
    Step {
        file: 0,
        change,
        label: String::new(),
    }
}

/// `14 note`, `13 status=done`, `7 lead`, `7 metric 完成率`, `9 added` …
fn words_of(change: &ItemChanges) -> Vec<String> {
    let id = crate::text::clean_line(&change.id).into_owned();
    let mut out = Vec::new();
    if change.added {
        out.push(format!("{id} added"));
        return out;
    }
    if change.removed {
        out.push(format!("{id} removed"));
        return out;
    }
    if let Some((_, to)) = change.status {
        out.push(format!("{id} status={}", to.as_str()));
    }
    match change.notes.len() {
        0 => {}
        1 => out.push(format!("{id} note")),
        n => out.push(format!("{id} {n} notes")),
    }
    for (name, ..) in &change.metrics {
        out.push(format!("{id} metric {}", crate::text::clean_line(name)));
    }
    if change.lead.is_some() {
        out.push(format!("{id} lead"));
    }
    if change.due.is_some() {
        out.push(format!("{id} due"));
    }
    if change.reviewed {
        out.push(format!("{id} reviewed"));
    }
    if change.other_edits {
        out.push(format!("{id} edited"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Item, Note, Status};

    fn doc(items: Vec<Item>) -> Document {
        let mut doc = Document::new("r");
        for item in items {
            doc.push(item).expect("unique ids");
        }
        doc
    }

    fn message(before: &Document, after: &Document) -> String {
        commit_message(&[FileChange {
            name: "r.json".into(),
            before: Some(before),
            after,
        }])
    }

    #[test]
    fn a_note_and_a_status_read_like_the_log_should() {
        let date = Date::from_ymd(2024, 3, 1).expect("date");
        let before = doc(vec![Item::new("13", "a"), Item::new("14", "b")]);
        let after = doc(vec![
            Item::new("13", "a").edited(|i| i.status = Status::Done),
            Item::new("14", "b").edited(|i| i.progress.push(Note::new(date, "x"))),
        ]);
        assert_eq!(message(&before, &after), "tally: 13 status=done, 14 note");
    }

    #[test]
    fn added_and_removed_items_are_named() {
        let before = doc(vec![Item::new("1", "a")]);
        let after = doc(vec![Item::new("2", "b")]);
        assert_eq!(message(&before, &after), "tally: 2 added, 1 removed");
    }

    #[test]
    fn a_long_list_is_cut_with_a_count_and_given_in_full_below() {
        let before = doc((1..=40).map(|n| Item::new(n.to_string(), "t")).collect());
        let after = doc((1..=40)
            .map(|n| Item::new(n.to_string(), "t").edited(|i| i.status = Status::Blocked))
            .collect());
        let text = message(&before, &after);
        let subject = text.lines().next().unwrap_or_default();
        assert!(subject.len() <= SUBJECT_CELLS, "{subject}");
        assert!(subject.ends_with("more"), "{subject}");
        assert!(text.contains("\n40 status=blocked"), "{text}");
    }

    #[test]
    fn several_files_name_each() {
        let before = doc(vec![Item::new("1", "a")]);
        let after = doc(vec![Item::new("1", "b")]);
        let text = commit_message(&[
            FileChange {
                name: "a.json".into(),
                before: Some(&before),
                after: &after,
            },
            FileChange {
                name: "b.json".into(),
                before: None,
                after: &after,
            },
        ]);
        assert_eq!(text, "tally: a.json: 1 edited, b.json: new report, 1 items");
    }
}
