//! Three-way merge of one item, field by field: what this session changed (`base` → `mine`) is
//! made again on what is on disk now (`theirs`). A field only one side changed takes that side's
//! value; a field both changed to different values is a clash, for the user to choose. Notes and
//! metrics are merged entry by entry: deleting, adding or editing one entry does not clash with
//! changes to the others.

use super::{Item, Metric, Note};

/// A field both sides changed, with both values as words for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub field: &'static str,
    pub mine: String,
    pub theirs: String,
}

/// The outcome of a merge.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Their item with this session's changes; where both changed a field, this session's value.
    pub mine_wins: Item,
    /// The same, but where both changed a field, their value.
    pub theirs_win: Item,
    pub clashes: Vec<Clash>,
}

/// Makes the changes `base` → `mine` again on `theirs`.
pub fn merge(base: &Item, mine: &Item, theirs: &Item) -> Merged {
    let mut merged = Merged {
        mine_wins: theirs.edited(|_| {}),
        theirs_win: theirs.edited(|_| {}),
        clashes: Vec::new(),
    };
    macro_rules! field {
        ($name:literal, $field:ident, $show:expr) => {
            match pick(&base.$field, &mine.$field, &theirs.$field) {
                Some(value) => {
                    merged.mine_wins.$field = value.clone();
                    merged.theirs_win.$field = value;
                }
                None => {
                    merged.mine_wins.$field = mine.$field.clone();
                    merged.clashes.push(Clash {
                        field: $name,
                        mine: $show(&mine.$field),
                        theirs: $show(&theirs.$field),
                    });
                }
            }
        };
    }
    field!("id", id, |v: &String| v.clone());
    field!("title", title, |v: &String| v.clone());
    field!("goal", goal, optional);
    field!("lead", lead, optional);
    field!("status", status, |v: &super::Status| v.label().to_string());
    field!("due", due, |v: &Option<super::Date>| v
        .map(|d| d.to_string())
        .unwrap_or_default());
    field!("tags", tags, |v: &Vec<String>| v.join(", "));
    field!("reviewed", reviewed, |v: &Option<super::Date>| v
        .map(|d| d.to_string())
        .unwrap_or_default());
    match merge_list(&base.progress, &mine.progress, &theirs.progress) {
        Some(notes) => {
            merged.mine_wins.progress = notes.clone();
            merged.theirs_win.progress = notes;
        }
        None => {
            merged.mine_wins.progress = mine.progress.clone();
            merged.clashes.push(Clash {
                field: "notes",
                mine: describe_notes(&base.progress, &mine.progress),
                theirs: describe_notes(&base.progress, &theirs.progress),
            });
        }
    }
    match merge_list(&base.metrics, &mine.metrics, &theirs.metrics) {
        Some(metrics) => {
            merged.mine_wins.metrics = metrics.clone();
            merged.theirs_win.metrics = metrics;
        }
        None => {
            merged.mine_wins.metrics = mine.metrics.clone();
            merged.clashes.push(Clash {
                field: "metrics",
                mine: describe_metrics(&mine.metrics),
                theirs: describe_metrics(&theirs.metrics),
            });
        }
    }
    merged
}

fn optional(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// The merged value of one field, or `None` when both sides changed it differently.
pub fn pick<T: PartialEq + Clone>(base: &T, mine: &T, theirs: &T) -> Option<T> {
    if mine == base {
        Some(theirs.clone())
    } else if theirs == base || theirs == mine {
        Some(mine.clone())
    } else {
        None
    }
}

/// One step of this session's change to a list.
enum Step<'a, T> {
    /// The entry `old` became `new`.
    Edit(&'a T, usize, &'a T),
    Remove(&'a T, usize),
    /// A new entry, after the entry before it in this session's list (`None`: first), or at the
    /// end when it was added after every old entry (notes are added in time order).
    Add(&'a T, Option<&'a T>, bool),
}

/// Entries merged one by one; `None` when an entry this session edited was changed or deleted by
/// the other side too.
fn merge_list<T: PartialEq + Clone>(base: &[T], mine: &[T], theirs: &[T]) -> Option<Vec<T>> {
    if let Some(same) = pick(&base.to_vec(), &mine.to_vec(), &theirs.to_vec()) {
        return Some(same);
    }
    let mut result = theirs.to_vec();
    for step in steps(base, mine) {
        match step {
            Step::Edit(old, nth, new) => match nth_of(&result, old, nth) {
                Some(at) => result[at] = new.clone(),
                None if result.contains(new) => {}
                None => return None,
            },
            Step::Remove(old, nth) => {
                if let Some(at) = nth_of(&result, old, nth) {
                    result.remove(at);
                }
            }
            Step::Add(new, after, at_end) => {
                let wanted = mine.iter().filter(|e| *e == new).count();
                if result.iter().filter(|e| *e == new).count() >= wanted {
                    continue;
                }
                let at = match after {
                    _ if at_end => result.len(),
                    None => 0,
                    Some(a) => result
                        .iter()
                        .rposition(|e| e == a)
                        .map_or(result.len(), |p| p + 1),
                };
                result.insert(at, new.clone());
            }
        }
    }
    Some(result)
}

/// What this session did to a list: entries edited in place when the list kept its length,
/// otherwise entries removed and added.
fn steps<'a, T: PartialEq>(base: &'a [T], mine: &'a [T]) -> Vec<Step<'a, T>> {
    if base.len() == mine.len() {
        return (0..base.len())
            .filter(|&i| base[i] != mine[i])
            .map(|i| Step::Edit(&base[i], rank(base, i), &mine[i]))
            .collect();
    }
    let mut steps = Vec::new();
    for (i, old) in base.iter().enumerate() {
        let nth = rank(base, i);
        if mine.iter().filter(|e| *e == old).count() <= nth {
            steps.push(Step::Remove(old, nth));
        }
    }
    let added = |i: usize| base.iter().filter(|e| **e == mine[i]).count() <= rank(mine, i);
    let last_old = (0..mine.len()).rev().find(|&i| !added(i));
    for (i, new) in mine.iter().enumerate() {
        if added(i) {
            let at_end = last_old.is_none_or(|last| i > last) && !base.is_empty();
            steps.push(Step::Add(new, i.checked_sub(1).map(|p| &mine[p]), at_end));
        }
    }
    steps
}

/// How many entries equal to `list[index]` come before it.
fn rank<T: PartialEq>(list: &[T], index: usize) -> usize {
    list[..index].iter().filter(|e| **e == list[index]).count()
}

fn nth_of<T: PartialEq>(list: &[T], entry: &T, nth: usize) -> Option<usize> {
    let found: Vec<usize> = (0..list.len()).filter(|&i| list[i] == *entry).collect();
    found.get(nth).or_else(|| found.last()).copied()
}

fn describe_notes(base: &[Note], notes: &[Note]) -> String {
    let new: Vec<&str> = notes
        .iter()
        .filter(|n| !base.contains(n))
        .map(|n| n.text.as_str())
        .collect();
    match new.first() {
        Some(text) => format!("{} notes, {text}…", notes.len()),
        None => format!("{} notes", notes.len()),
    }
}

fn describe_metrics(metrics: &[Metric]) -> String {
    metrics
        .iter()
        .map(|m| format!("{} {}", m.name, m.value))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn note(text: &str) -> Note {
        Note::new("2023-10-07".parse().unwrap(), text)
    }

    fn base() -> Item {
        let mut item = Item::new("10", "title");
        item.progress = vec![note("一是"), note("二是"), note("三是")];
        item
    }

    #[test]
    fn fields_one_side_changed_take_that_sides_value() {
        let base = base();
        let mine = base.edited(|i| i.status = Status::Blocked);
        let theirs = base.edited(|i| i.lead = Some("外事处".into()));
        let merged = merge(&base, &mine, &theirs);
        assert!(merged.clashes.is_empty());
        assert_eq!(merged.mine_wins.status, Status::Blocked);
        assert_eq!(merged.mine_wins.lead.as_deref(), Some("外事处"));
    }

    #[test]
    fn a_field_both_changed_clashes_with_both_values() {
        let base = base();
        let mine = base.edited(|i| i.status = Status::Blocked);
        let theirs = base.edited(|i| i.status = Status::Done);
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(merged.clashes.len(), 1);
        assert_eq!(merged.clashes[0].mine, "blocked");
        assert_eq!(merged.mine_wins.status, Status::Blocked);
        assert_eq!(merged.theirs_win.status, Status::Done);
    }

    #[test]
    fn notes_merge_one_by_one() {
        let base = base();
        let theirs = base.edited(|i| {
            i.progress.remove(0);
        });
        // I deleted 二是: 三是 stays
        let mine = base.edited(|i| {
            i.progress.remove(1);
        });
        let texts =
            |item: &Item| -> Vec<String> { item.progress.iter().map(|n| n.text.clone()).collect() };
        assert_eq!(texts(&merge(&base, &mine, &theirs).mine_wins), ["三是"]);
        // I edited 二是: the edit lands on 二是
        let mine = base.edited(|i| i.progress[1].text = "二是改".into());
        assert_eq!(
            texts(&merge(&base, &mine, &theirs).mine_wins),
            ["二是改", "三是"]
        );
        // I added a note: it joins their list
        let mine = base.edited(|i| i.progress.push(note("四是")));
        assert_eq!(
            texts(&merge(&base, &mine, &theirs).mine_wins),
            ["二是", "三是", "四是"]
        );
        // both edited 二是: a clash
        let mine = base.edited(|i| i.progress[1].text = "mine".into());
        let theirs = base.edited(|i| i.progress[1].text = "theirs".into());
        assert_eq!(merge(&base, &mine, &theirs).clashes[0].field, "notes");
    }
}
