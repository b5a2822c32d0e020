//! Reversible changes to a document. Each names items by id and states what it expects to find, so
//! it can be undone, redone, or replayed on a newer copy of the file that someone else changed —
//! and refuses, instead of guessing, when the item it expects is not there any more.

use super::{Document, Item};

/// One change to one document.
// Only a session's edits are ever held, so the size of the larger variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// An item's content (and possibly its id) changed from `before` to `after`.
    Replace { before: Item, after: Item },
    /// A new item at `index` (clamped to the end).
    Insert { index: usize, item: Item },
    /// An item removed from `index`.
    Remove { index: usize, item: Item },
    /// Two items swapped places (`J`/`K` in a grouped list, past an item that is not next to it in
    /// the file).
    Swap { first: String, second: String },
    /// An item put right before or after another one (`J`/`K`), wherever that one stands: made
    /// again on a newer version, it does what it says relative to the items it names.
    Move {
        id: String,
        next_to: String,
        place: Place,
    },
}

/// Which side of its neighbour a moved item goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Before,
    After,
}

/// How a change moved items: where an item that stood at one position stands afterwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    /// Nothing moved.
    None,
    /// An item was put in at this position; those from it on moved down one.
    Inserted(usize),
    /// The item at this position was taken out; those after it moved up one.
    Removed(usize),
    /// The items at these two positions changed places.
    Swapped(usize, usize),
    /// The item at `from` went to `to`; those between moved one place towards `from`.
    Moved { from: usize, to: usize },
}

impl Shift {
    /// Where the item that stood at `position` stands now (`None`: it was removed).
    pub fn moved(self, position: usize) -> Option<usize> {
        match self {
            Shift::None => Some(position),
            Shift::Inserted(at) if position >= at => Some(position + 1),
            Shift::Removed(at) if position == at => None,
            Shift::Removed(at) if position > at => Some(position - 1),
            Shift::Swapped(a, b) if position == a => Some(b),
            Shift::Swapped(a, b) if position == b => Some(a),
            Shift::Moved { from, to } if position == from => Some(to),
            Shift::Moved { from, to } if from < position && position <= to => Some(position - 1),
            Shift::Moved { from, to } if to <= position && position < from => Some(position + 1),
            _ => Some(position),
        }
    }
}

/// A change could not be applied because the document is not as the change expects.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ChangeError {
    /// The item differs from what the change expects (someone else changed it).
    #[error("item \"{id}\" has changed")]
    Changed {
        id: String,
        theirs: Option<Box<Item>>,
    },
    /// An item with this id already exists.
    #[error("an item with id \"{id}\" already exists")]
    Exists {
        id: String,
        theirs: Option<Box<Item>>,
    },
    /// The item is gone.
    #[error("item \"{id}\" no longer exists")]
    Missing { id: String },
}

impl ChangeError {
    /// The error in words for any language (its English text is its `Display`).
    pub fn phrase(&self) -> crate::lang::Phrase {
        let (key, id) = match self {
            ChangeError::Changed { id, .. } => ("error.item_changed", id),
            ChangeError::Exists { id, .. } => ("error.id_exists", id),
            ChangeError::Missing { id } => ("error.item_missing", id),
        };
        crate::lang::Phrase::new(key).arg("id", id)
    }

    /// The id the problem is about.
    pub fn id(&self) -> &str {
        match self {
            ChangeError::Changed { id, .. }
            | ChangeError::Exists { id, .. }
            | ChangeError::Missing { id } => id,
        }
    }

    /// The other writer's version of the item, when there is one.
    pub fn theirs(&self) -> Option<&Item> {
        match self {
            ChangeError::Changed { theirs, .. } | ChangeError::Exists { theirs, .. } => {
                theirs.as_deref()
            }
            ChangeError::Missing { .. } => None,
        }
    }
}

impl Change {
    /// The same change with its items let go of their file's text (see [`Item::detach`]): what
    /// undo keeps, and what waits to be saved, would otherwise hold on to every version of a
    /// file read during a session.
    pub fn detached(mut self) -> Change {
        match &mut self {
            Change::Replace { before, after } => {
                before.detach();
                after.detach();
            }
            Change::Insert { item, .. } | Change::Remove { item, .. } => item.detach(),
            Change::Swap { .. } | Change::Move { .. } => {}
        }
        self
    }

    /// The change that undoes this one.
    pub fn inverse(&self) -> Change {
        match self {
            Change::Replace { before, after } => Change::Replace {
                before: after.clone(),
                after: before.clone(),
            },
            Change::Insert { index, item } => Change::Remove {
                index: *index,
                item: item.clone(),
            },
            Change::Remove { index, item } => Change::Insert {
                index: *index,
                item: item.clone(),
            },
            Change::Swap { first, second } => Change::Swap {
                first: second.clone(),
                second: first.clone(),
            },
            Change::Move { id, next_to, place } => Change::Move {
                id: id.clone(),
                next_to: next_to.clone(),
                place: match place {
                    Place::Before => Place::After,
                    Place::After => Place::Before,
                },
            },
        }
    }

    /// The same change with the item `from` called `to` (a new item renumbered because someone
    /// else took its id).
    pub fn renamed(&self, from: &str, to: &str) -> Change {
        let item = |item: &Item| {
            if item.id == from {
                item.edited(|i| i.id = to.to_string())
            } else {
                item.clone()
            }
        };
        let id = |id: &String| {
            if id == from {
                to.to_string()
            } else {
                id.clone()
            }
        };
        match self {
            Change::Replace { before, after } => Change::Replace {
                before: item(before),
                after: item(after),
            },
            Change::Insert { index, item: i } => Change::Insert {
                index: *index,
                item: item(i),
            },
            Change::Remove { index, item: i } => Change::Remove {
                index: *index,
                item: item(i),
            },
            Change::Swap { first, second } => Change::Swap {
                first: id(first),
                second: id(second),
            },
            Change::Move {
                id: m,
                next_to,
                place,
            } => Change::Move {
                id: id(m),
                next_to: id(next_to),
                place: *place,
            },
        }
    }

    /// The id of the item the change is about (the moved one, for a move).
    pub fn id(&self) -> &str {
        match self {
            Change::Replace { after, .. } => &after.id,
            Change::Insert { item, .. } | Change::Remove { item, .. } => &item.id,
            Change::Move { id, .. } => id,
            Change::Swap { first, .. } => first,
        }
    }

    /// How the change will move the items of `before`, the document it is about to be applied to
    /// (worked out first: a removed item's place is known only before it goes).
    pub fn shift(&self, before: &Document) -> Shift {
        match self {
            Change::Replace { .. } => Shift::None,
            Change::Insert { index, .. } => Shift::Inserted((*index).min(before.items().len())),
            Change::Remove { item, .. } => before
                .position(&item.id)
                .map_or(Shift::None, Shift::Removed),
            Change::Swap { first, second } => {
                match (before.position(first), before.position(second)) {
                    (Some(a), Some(b)) => Shift::Swapped(a, b),
                    _ => Shift::None,
                }
            }
            Change::Move { id, next_to, place } => {
                match (before.position(id), before.position(next_to)) {
                    (Some(from), Some(other)) => {
                        let to = move_target(from, other, *place);
                        Shift::Moved { from, to }
                    }
                    _ => Shift::None,
                }
            }
        }
    }

    /// Applies the change if the document is as expected; otherwise changes nothing.
    pub fn apply(&self, doc: &mut Document) -> Result<(), ChangeError> {
        match self {
            Change::Replace { before, after } => {
                let index = expect_item(doc, before)?;
                if after.id != before.id
                    && let Some(other) = doc.position(&after.id)
                {
                    return Err(exists(doc, other));
                }
                doc.replace(index, after.clone());
                Ok(())
            }
            Change::Insert { index, item } => {
                if let Some(other) = doc.position(&item.id) {
                    return Err(exists(doc, other));
                }
                doc.insert(*index, item.clone())
                    .map(|_| ())
                    .map_err(|_| ChangeError::Exists {
                        id: item.id.clone(),
                        theirs: None,
                    })
            }
            Change::Remove { item, .. } => {
                let index = expect_item(doc, item)?;
                doc.remove(index);
                Ok(())
            }
            Change::Swap { first, second } => {
                let a = doc.position(first).ok_or_else(|| missing(first))?;
                let b = doc.position(second).ok_or_else(|| missing(second))?;
                doc.swap(a, b);
                Ok(())
            }
            Change::Move { id, next_to, place } => {
                let from = doc.position(id).ok_or_else(|| missing(id))?;
                let other = doc.position(next_to).ok_or_else(|| missing(next_to))?;
                let to = move_target(from, other, *place);
                if let Some(item) = doc.remove(from) {
                    doc.insert(to, item).map_err(|_| missing(id))?;
                }
                Ok(())
            }
        }
    }
}

/// Where an item at `from` ends up when put on `place` of the item at `other` (counted after it
/// left its place).
fn move_target(from: usize, other: usize, place: Place) -> usize {
    let other = if other > from { other - 1 } else { other };
    match place {
        Place::Before => other,
        Place::After => other + 1,
    }
}

/// The position of `expected`'s id, if the item there still equals `expected`.
fn expect_item(doc: &Document, expected: &Item) -> Result<usize, ChangeError> {
    let index = doc
        .position(&expected.id)
        .ok_or_else(|| missing(&expected.id))?;
    let current = &doc.items()[index];
    if current == expected {
        Ok(index)
    } else {
        Err(ChangeError::Changed {
            id: expected.id.clone(),
            theirs: Some(Box::new(current.clone())),
        })
    }
}

fn missing(id: &str) -> ChangeError {
    ChangeError::Missing { id: id.to_string() }
}

fn exists(doc: &Document, index: usize) -> ChangeError {
    let item = &doc.items()[index];
    ChangeError::Exists {
        id: item.id.clone(),
        theirs: Some(Box::new(item.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn doc(ids: &[&str]) -> Document {
        let mut doc = Document::new("t");
        for id in ids {
            doc.push(Item::new(*id, format!("item {id}"))).unwrap();
        }
        doc
    }

    /// Every change type: positions taken before it, moved by its shift, name the same items.
    #[test]
    fn a_shift_moves_old_positions_to_where_their_items_are() {
        let original = doc(&["a", "b", "c", "d"]);
        let changes = [
            Change::Insert {
                index: 1,
                item: Item::new("new", "new"),
            },
            // the recorded index is not trusted: the place is looked up
            Change::Remove {
                index: 0,
                item: original.items()[2].clone(),
            },
            Change::Move {
                id: "b".into(),
                next_to: "d".into(),
                place: Place::After,
            },
            Change::Move {
                id: "d".into(),
                next_to: "a".into(),
                place: Place::Before,
            },
            Change::Replace {
                before: original.items()[0].clone(),
                after: original.items()[0].edited(|i| i.title = "x".into()),
            },
        ];
        for change in changes {
            let shift = change.shift(&original);
            let mut after = original.clone();
            change.apply(&mut after).unwrap();
            for (old, item) in original.items().iter().enumerate() {
                match shift.moved(old) {
                    Some(new) => assert_eq!(after.items()[new].id, item.id, "{change:?}"),
                    None => assert!(after.position(&item.id).is_none(), "{change:?}"),
                }
            }
        }
    }

    fn ids(doc: &Document) -> Vec<&str> {
        doc.items().iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn every_change_is_undone_by_its_inverse() {
        let original = doc(&["1", "2", "3"]);
        let mut edited = original.items()[1].clone();
        edited.status = Status::Done;
        edited.id = "20".into();
        let changes = [
            Change::Replace {
                before: original.items()[1].clone(),
                after: edited,
            },
            Change::Insert {
                index: 1,
                item: Item::new("9", "new"),
            },
            Change::Remove {
                index: 2,
                item: original.items()[2].clone(),
            },
            Change::Move {
                id: "1".into(),
                next_to: "2".into(),
                place: Place::After,
            },
        ];
        for change in changes {
            let mut doc = original.clone();
            change.apply(&mut doc).unwrap();
            assert_ne!(
                doc.items(),
                original.items(),
                "{change:?} changed something"
            );
            change.inverse().apply(&mut doc).unwrap();
            assert_eq!(doc.items(), original.items(), "{change:?} was undone");
        }
    }

    #[test]
    fn a_replace_refuses_when_the_item_changed_meanwhile() {
        let mut doc = doc(&["1"]);
        let before = doc.items()[0].clone();
        let mut after = before.clone();
        after.title = "mine".into();
        doc.item_mut(0).unwrap().title = "theirs".into();
        let err = Change::Replace { before, after }
            .apply(&mut doc)
            .unwrap_err();
        assert_eq!(err.id(), "1");
        assert_eq!(err.theirs().unwrap().title, "theirs");
        assert_eq!(doc.items()[0].title, "theirs", "nothing changed");
    }

    #[test]
    fn inserting_an_existing_id_or_renaming_onto_one_is_refused() {
        let mut d = doc(&["1", "2"]);
        let err = Change::Insert {
            index: 0,
            item: Item::new("2", "x"),
        }
        .apply(&mut d)
        .unwrap_err();
        assert!(matches!(err, ChangeError::Exists { .. }));
        let before = d.items()[0].clone();
        let mut after = before.clone();
        after.id = "2".into();
        assert!(Change::Replace { before, after }.apply(&mut d).is_err());
        assert_eq!(ids(&d), ["1", "2"]);
    }

    #[test]
    fn a_move_made_again_where_it_is_done_already_changes_nothing() {
        let mut d = doc(&["10", "11", "12"]);
        let down = Change::Move {
            id: "10".into(),
            next_to: "11".into(),
            place: Place::After,
        };
        down.apply(&mut d).unwrap();
        assert_eq!(ids(&d), ["11", "10", "12"]);
        // the same move asked for from another session (`K` on 11) lands on the same order
        let up = Change::Move {
            id: "11".into(),
            next_to: "10".into(),
            place: Place::Before,
        };
        up.apply(&mut d).unwrap();
        assert_eq!(ids(&d), ["11", "10", "12"]);
    }

    #[test]
    fn removing_a_missing_item_reports_it() {
        let mut d = doc(&["1"]);
        let err = Change::Remove {
            index: 0,
            item: Item::new("7", "x"),
        }
        .apply(&mut d)
        .unwrap_err();
        assert_eq!(err, ChangeError::Missing { id: "7".into() });
    }
}
