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

/// The rule every merged value follows, here and in the merge of whole files (`crate::merge`):
/// the side that changed it wins, the same change on both sides is one change, and different
/// changes are a clash (`None`). `base` is `None` when the value did not exist before (then only
/// equal values agree). Where the sides are equal, ours is the value kept.
pub fn three_way<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || base == Some(theirs) {
        Some(ours.clone())
    } else if base == Some(ours) {
        Some(theirs.clone())
    } else {
        None
    }
}

/// The merged value of one field, or `None` when both sides changed it differently: the
/// [`three_way`] rule, except that a field this session left alone takes their value as it is.
pub fn pick<T: PartialEq + Clone>(base: &T, mine: &T, theirs: &T) -> Option<T> {
    if mine == base {
        Some(theirs.clone())
    } else {
        three_way(Some(base), mine, theirs)
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

/// What this session did to a list, from an alignment of the two lists: where a run of old
/// entries was replaced by a run of new ones of the same length, the entries were edited in place;
/// otherwise the old ones were removed and the new ones added.
fn steps<'a, T: PartialEq>(base: &'a [T], mine: &'a [T]) -> Vec<Step<'a, T>> {
    let mut edits = Vec::new();
    let mut removes = Vec::new();
    let mut added = Vec::new();
    let mut old_in_mine = Vec::new();
    let (mut i, mut j) = (0, 0);
    let end = (base.len(), mine.len());
    for (next_i, next_j) in alignment(base, mine).into_iter().chain([end]) {
        if next_i - i == next_j - j {
            for k in 0..next_i - i {
                edits.push(Step::Edit(&base[i + k], rank(base, i + k), &mine[j + k]));
                old_in_mine.push(j + k);
            }
        } else {
            removes.extend((i..next_i).map(|k| Step::Remove(&base[k], rank(base, k))));
            added.extend(j..next_j);
        }
        if next_j < mine.len() {
            old_in_mine.push(next_j);
        }
        (i, j) = (next_i + 1, next_j + 1);
    }
    let last_old = old_in_mine.into_iter().max();
    let adds = added.into_iter().map(|k| {
        let at_end = last_old.is_none_or(|last| k > last) && !base.is_empty();
        Step::Add(&mine[k], k.checked_sub(1).map(|p| &mine[p]), at_end)
    });
    edits.into_iter().chain(removes).chain(adds).collect()
}

/// The pairs `(index in base, index in mine)` of entries both lists keep, in order: the longest
/// common subsequence after the common start and end are set aside. A middle too long to align
/// (over a million pairs to compare) keeps only the common start and end.
fn alignment<T: PartialEq>(base: &[T], mine: &[T]) -> Vec<(usize, usize)> {
    let start = base.iter().zip(mine).take_while(|(a, b)| a == b).count();
    let rest = (base.len() - start).min(mine.len() - start);
    let end = (0..rest)
        .take_while(|&k| base[base.len() - 1 - k] == mine[mine.len() - 1 - k])
        .count();
    let (old, new) = (
        &base[start..base.len() - end],
        &mine[start..mine.len() - end],
    );
    let mut pairs: Vec<(usize, usize)> = (0..start).map(|k| (k, k)).collect();
    if old.len().saturating_mul(new.len()) <= 1_000_000 {
        pairs.extend(
            longest_common(old, new)
                .into_iter()
                .map(|(a, b)| (a + start, b + start)),
        );
    }
    pairs.extend(
        (0..end)
            .rev()
            .map(|k| (base.len() - 1 - k, mine.len() - 1 - k)),
    );
    pairs
}

/// The longest common subsequence of two short lists, as index pairs in order.
fn longest_common<T: PartialEq>(old: &[T], new: &[T]) -> Vec<(usize, usize)> {
    let width = new.len() + 1;
    let mut table = vec![0u32; (old.len() + 1) * width];
    for a in (0..old.len()).rev() {
        for b in (0..new.len()).rev() {
            table[a * width + b] = if old[a] == new[b] {
                table[(a + 1) * width + b + 1] + 1
            } else {
                table[(a + 1) * width + b].max(table[a * width + b + 1])
            };
        }
    }
    let (mut a, mut b, mut pairs) = (0, 0, Vec::new());
    while a < old.len() && b < new.len() {
        if old[a] == new[b] {
            pairs.push((a, b));
            (a, b) = (a + 1, b + 1);
        } else if table[(a + 1) * width + b] >= table[a * width + b + 1] {
            a += 1;
        } else {
            b += 1;
        }
    }
    pairs
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

    #[test]
    fn the_side_that_changed_wins() {
        assert_eq!(three_way(Some(&1), &1, &2), Some(2));
        assert_eq!(three_way(Some(&1), &3, &1), Some(3));
        assert_eq!(three_way(Some(&1), &4, &4), Some(4));
        assert_eq!(three_way(Some(&1), &3, &4), None);
        assert_eq!(three_way(None, &3, &4), None);
        assert_eq!(three_way(None, &3, &3), Some(3));
        assert_eq!(pick(&1, &1, &2), Some(2));
        assert_eq!(pick(&1, &3, &1), Some(3));
        assert_eq!(pick(&1, &3, &4), None);
    }

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
        let texts = |item: &Item| -> Vec<String> {
            item.progress.iter().map(|n| n.text.to_string()).collect()
        };
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
        // I deleted 一是 (as they did) and added a note: 二是 and 三是 stay
        let mine = base.edited(|i| {
            i.progress.remove(0);
            i.progress.push(note("四是"));
        });
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
