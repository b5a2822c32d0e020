//! Progress notes merged three ways. A note is known by its date, text and author; a note one
//! side replaced by one of the same date or text was edited. Notes added on either side are kept
//! (the same note once), a note deleted on one side and untouched on the other goes, and a note
//! both sides edited differently is a conflict. Our order is kept; their new notes go in at their
//! date's place.

use crate::model::{Conflict, Note, note_value};

/// What one side did to a base note.
#[derive(Clone, Debug, PartialEq)]
enum Fate {
    Kept,
    Deleted,
    Edited(Note),
}

/// One side's changes: the fate of each base note, and the notes it added.
struct Changes {
    fates: Vec<Fate>,
    added: Vec<Note>,
}

fn changes(base: &[Note], side: &[Note]) -> Changes {
    let mut added: Vec<Option<&Note>> = side
        .iter()
        .map(|note| (!base.contains(note)).then_some(note))
        .collect();
    let fates = base
        .iter()
        .map(|old| {
            if side.contains(old) {
                return Fate::Kept;
            }
            let edit = added
                .iter_mut()
                .find(|slot| slot.is_some_and(|new| new.date == old.date || new.text == old.text));
            match edit.and_then(Option::take) {
                Some(new) => Fate::Edited(new.clone()),
                None => Fate::Deleted,
            }
        })
        .collect();
    Changes {
        fates,
        added: added.into_iter().flatten().cloned().collect(),
    }
}

/// The merged notes, and a conflict for each note both sides edited differently.
pub(super) fn merge_notes(
    base: &[Note],
    ours: &[Note],
    theirs: &[Note],
) -> (Vec<Note>, Vec<Conflict>) {
    let mine = changes(base, ours);
    let other = changes(base, theirs);
    let mut notes = ours.to_vec();
    let mut conflicts = Vec::new();
    for (index, old) in base.iter().enumerate() {
        match (&mine.fates[index], &other.fates[index]) {
            (Fate::Kept, Fate::Deleted) => notes.retain(|n| n != old),
            (Fate::Kept, Fate::Edited(new)) => match notes.iter().position(|n| n == old) {
                Some(at) if !notes.contains(new) => notes[at] = new.clone(),
                _ => notes.retain(|n| n != old),
            },
            (Fate::Deleted, Fate::Edited(new)) => insert_at_date(&mut notes, new.clone()),
            (Fate::Edited(mine), Fate::Edited(new)) if mine != new => {
                conflicts.push(Conflict::field("note", note_value(mine), note_value(new)));
            }
            _ => {}
        }
    }
    for note in other.added {
        insert_at_date(&mut notes, note);
    }
    (notes, conflicts)
}

/// Puts a note after the last one of its date or earlier (first when all are later); a note
/// already there is not added twice.
fn insert_at_date(notes: &mut Vec<Note>, note: Note) {
    if notes.contains(&note) {
        return;
    }
    let at = notes
        .iter()
        .rposition(|n| n.date <= note.date)
        .map_or(0, |i| i + 1);
    notes.insert(at, note);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(date: &str, text: &str) -> Note {
        Note::new(date.parse().unwrap(), text)
    }

    fn texts(notes: &[Note]) -> Vec<&str> {
        notes.iter().map(|n| n.text.as_str()).collect()
    }

    #[test]
    fn notes_added_on_both_sides_are_kept_in_date_order() {
        let base = [note("2023-09-01", "a")];
        let ours = [base[0].clone(), note("2023-10-01", "mine")];
        let theirs = [
            note("2023-08-01", "early"),
            base[0].clone(),
            note("2023-09-15", "theirs"),
            note("2023-10-01", "mine"),
        ];
        let (notes, conflicts) = merge_notes(&base, &ours, &theirs);
        assert_eq!(texts(&notes), ["early", "a", "theirs", "mine"]);
        assert!(conflicts.is_empty());
    }

    #[test]
    fn deletions_and_edits_follow_the_side_that_made_them() {
        let base = [note("2023-09-01", "a"), note("2023-09-02", "b")];
        let ours = [base[0].clone(), note("2023-09-02", "b edited")];
        let theirs = [base[1].clone()];
        let (notes, conflicts) = merge_notes(&base, &ours, &theirs);
        assert_eq!(texts(&notes), ["b edited"]);
        assert!(conflicts.is_empty());
        // deleted by us, edited by them: their edit is kept
        let (notes, _) = merge_notes(
            &base,
            &base[..1],
            &[base[0].clone(), note("2023-09-03", "b")],
        );
        assert_eq!(texts(&notes), ["a", "b"]);
        assert_eq!(notes[1].date.to_string(), "2023-09-03");
    }

    #[test]
    fn one_note_edited_two_ways_is_a_conflict() {
        let base = [note("2023-09-01", "a")];
        let (notes, conflicts) = merge_notes(
            &base,
            &[note("2023-09-01", "x")],
            &[note("2023-09-01", "y")],
        );
        assert_eq!(texts(&notes), ["x"]);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].theirs["text"], "y");
    }
}
