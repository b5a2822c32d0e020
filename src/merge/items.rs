//! The item list merged: items matched by id, our order kept, their new items placed after the
//! item that precedes them in their file, ids both sides gave to different items made unique.

use std::collections::HashMap;

use super::item::{merge_item, same};
use super::{Labels, Outcome};
use crate::model::{Document, Header, Item, three_way};

/// Merges `ours` and `theirs`, two descendants of `base`. The result is ours with theirs'
/// changes made to it, so ours' layout and untouched items' text stay as they were.
pub fn merge_documents(
    base: &Document,
    ours: &Document,
    theirs: &Document,
    labels: &Labels,
) -> (Document, Outcome) {
    let mut outcome = Outcome::default();
    let header = merge_header(&base.header, &ours.header, &theirs.header, &mut outcome);
    let by_id = |doc: &Document| -> HashMap<String, Item> {
        doc.items()
            .iter()
            .map(|i| (i.id.clone(), i.clone()))
            .collect()
    };
    let (old, other) = (by_id(base), by_id(theirs));
    let mut items: Vec<Item> = Vec::new();
    let mut renumber: Vec<Item> = Vec::new();
    for mine in ours.items() {
        match (old.get(&mine.id), other.get(&mine.id)) {
            (None, None) => items.push(mine.clone()),
            (None, Some(new)) if !same(mine, new) && mine.title != new.title => {
                items.push(mine.clone());
                renumber.push(new.clone());
            }
            (Some(before), None) if same(before, mine) => {}
            (Some(_), None) => {
                outcome.kept.push((mine.id.clone(), "on their side"));
                items.push(mine.clone());
            }
            (before, Some(new)) => {
                let (item, conflicts) = merge_item(before, mine, new, labels);
                for conflict in conflicts {
                    outcome
                        .conflicts
                        .push((item.id.clone(), conflict.subject()));
                }
                items.push(item);
            }
        }
    }
    let ours_ids: HashMap<&str, ()> = ours.items().iter().map(|i| (i.id.as_str(), ())).collect();
    for (index, new) in theirs.items().iter().enumerate() {
        if ours_ids.contains_key(new.id.as_str()) {
            continue;
        }
        match old.get(&new.id) {
            Some(before) if same(before, new) => continue,
            Some(_) => outcome.kept.push((new.id.clone(), "on our side")),
            None => {}
        }
        let at = place_after(&items, &theirs.items()[..index]);
        items.insert(at, new.clone());
    }
    let layout = ours.layout.as_deref().cloned();
    let mut doc = Document::from_parts(header, items, ours.origin.clone(), layout);
    for new in renumber {
        let fresh = doc.next_free_id();
        outcome.renumbered.push((new.id.clone(), fresh.clone()));
        let at = doc.position(&new.id).map_or(doc.items().len(), |i| i + 1);
        let moved = new.edited(|item| item.id = fresh);
        // the fresh id is free, so this cannot fail
        let _ = doc.insert(at, moved);
    }
    (doc, outcome)
}

/// Just after the last of `before` (their items ahead of the new one) that is in `items`.
fn place_after(items: &[Item], before: &[Item]) -> usize {
    before
        .iter()
        .rev()
        .find_map(|prev| items.iter().position(|i| i.id == prev.id))
        .map_or(0, |i| i + 1)
}

/// The report's fields three ways; a field both changed differently keeps ours and is reported.
fn merge_header(base: &Header, ours: &Header, theirs: &Header, outcome: &mut Outcome) -> Header {
    let mut header = ours.clone();
    macro_rules! field {
        ($name:ident) => {
            match three_way(Some(&base.$name), &ours.$name, &theirs.$name) {
                Some(value) => header.$name = value,
                None => outcome.header_conflicts.push(stringify!($name).to_string()),
            }
        };
    }
    field!(title);
    field!(source);
    field!(published);
    field!(period);
    header
}
