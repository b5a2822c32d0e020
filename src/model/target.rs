//! Naming what an edit acts on by what it is, not where it stood: a note by its date, text and
//! author and its place among notes equal to it, a metric by its name and its place among metrics
//! of that name. A position read before someone else changed the file can name another entry; a
//! key cannot (and nothing new is written into the file to make one).

use super::{Date, Metric, Note};

/// A note of an item's `progress`, by content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteKey {
    pub date: Date,
    pub text: String,
    pub by: Option<String>,
    /// How many notes equal to it come before it.
    pub nth: usize,
}

impl NoteKey {
    /// The key of the note at `index`.
    pub fn of(progress: &[Note], index: usize) -> Option<NoteKey> {
        let note = progress.get(index)?;
        Some(NoteKey {
            date: note.date,
            text: note.text.to_string(),
            by: note.by.clone(),
            nth: progress[..index]
                .iter()
                .filter(|n| same_note(n, note))
                .count(),
        })
    }

    fn matches(&self, note: &Note) -> bool {
        note.date == self.date && note.text == self.text && note.by == self.by
    }

    /// Where the note stands in `progress` now (`None`: deleted or changed).
    pub fn find(&self, progress: &[Note]) -> Option<usize> {
        nth_position(progress, |n| self.matches(n), self.nth)
    }
}

/// A metric of an item, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricKey {
    pub name: String,
    /// How many metrics of the same name come before it.
    pub nth: usize,
}

impl MetricKey {
    pub fn of(metrics: &[Metric], index: usize) -> Option<MetricKey> {
        let metric = metrics.get(index)?;
        Some(MetricKey {
            name: metric.name.clone(),
            nth: metrics[..index]
                .iter()
                .filter(|m| m.name == metric.name)
                .count(),
        })
    }

    pub fn find(&self, metrics: &[Metric]) -> Option<usize> {
        nth_position(metrics, |m| m.name == self.name, self.nth)
    }
}

fn same_note(a: &Note, b: &Note) -> bool {
    a.date == b.date && a.text == b.text && a.by == b.by
}

/// The position of the `nth` entry that `matches` (the last one when fewer match: an equal entry
/// before it was deleted, and equal entries are interchangeable).
fn nth_position<T>(list: &[T], matches: impl Fn(&T) -> bool, nth: usize) -> Option<usize> {
    let found: Vec<usize> = (0..list.len()).filter(|&i| matches(&list[i])).collect();
    found.get(nth).or_else(|| found.last()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(text: &str) -> Note {
        Note::new("2023-10-07".parse().unwrap(), text)
    }

    #[test]
    fn a_note_is_found_again_after_an_earlier_one_went() {
        let mut progress = vec![note("一是"), note("二是"), note("三是")];
        let key = NoteKey::of(&progress, 2).unwrap();
        progress.remove(0);
        assert_eq!(key.find(&progress), Some(1));
        progress.remove(1);
        assert_eq!(key.find(&progress), None, "deleted: not another note");
    }

    #[test]
    fn equal_notes_are_told_apart_by_their_place_among_equals() {
        let progress = vec![note("同"), note("别"), note("同")];
        let key = NoteKey::of(&progress, 2).unwrap();
        assert_eq!(key.nth, 1);
        assert_eq!(key.find(&progress), Some(2));
        let metrics = vec![Metric::new("a", 1.into()), Metric::new("b", 2.into())];
        let key = MetricKey::of(&metrics, 1).unwrap();
        assert_eq!(key.find(&metrics[1..]), Some(0));
    }
}
