//! Edits waiting for a save, made again on a newer version of their file: first reduced to their
//! net effect per item (an edit and its undo is nothing; two status changes are the last one),
//! then each compared with the version it was made on and merged field by field with what the
//! other writer did.

use super::merge::{Clash, merge};
use super::{Change, Document, Item};

/// What became of one waiting change on the newer version.
#[derive(Debug, Clone, PartialEq)]
pub enum Replayed {
    /// Made again (merged with their changes where needed): still to be saved.
    Applied(Change),
    /// A new item whose id someone else took meanwhile, added with the next free id.
    Renamed { change: Change, from: String },
    /// The newer version is already as the change wants.
    Nothing,
    /// Both sides changed the same thing: the user chooses.
    Clash(Box<Collision>),
}

/// An item both sides changed, with what each choice would leave.
#[derive(Debug, Clone, PartialEq)]
pub struct Collision {
    pub id: String,
    /// The item on disk now (`None`: deleted there).
    pub theirs: Option<Item>,
    /// The item with this session's changes winning (`None`: this session deleted it).
    pub mine: Option<Item>,
    /// Their item with the changes of this session that did not clash.
    pub with_theirs: Option<Item>,
    pub clashes: Vec<Clash>,
}

/// The net effect of `changes` (oldest first), per item.
pub fn net(changes: Vec<Change>) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for change in changes {
        match change {
            Change::Replace { before, after } => {
                match out.iter_mut().rev().find(|c| leaves(c, &before)) {
                    Some(Change::Replace { after: last, .. })
                    | Some(Change::Insert { item: last, .. }) => {
                        *last = after;
                    }
                    _ => out.push(Change::Replace { before, after }),
                }
            }
            Change::Remove { index, item } => match out.iter().rposition(|c| leaves(c, &item)) {
                Some(at) => {
                    if let Change::Replace { before, .. } = out.remove(at) {
                        out.push(Change::Remove {
                            index,
                            item: before,
                        });
                    }
                }
                None => out.push(Change::Remove { index, item }),
            },
            Change::Insert { index, item } => {
                let undone = out.iter().rposition(
                    |c| matches!(c, Change::Remove { item: gone, .. } if same(gone, &item)),
                );
                match undone {
                    Some(at) => {
                        out.remove(at);
                    }
                    None => out.push(Change::Insert { index, item }),
                }
            }
            Change::Swap { first, second } => {
                let undoes = matches!(out.last(), Some(Change::Swap { first: f, second: s })
                    if *f == second && *s == first);
                if undoes {
                    out.pop();
                } else {
                    out.push(Change::Swap { first, second });
                }
            }
            Change::Move { id, next_to, place } => {
                let undoes = matches!(out.last(), Some(Change::Move { id: i, next_to: n, place: p })
                    if *i == id && *n == next_to && *p != place);
                if undoes {
                    out.pop();
                } else {
                    out.push(Change::Move { id, next_to, place });
                }
            }
        }
    }
    out.retain(|c| !matches!(c, Change::Replace { before, after } if same(before, after)));
    out
}

fn same(a: &Item, b: &Item) -> bool {
    a.id == b.id && a == b
}

/// True when `change` leaves `item` behind (so a later change starting from `item` continues it).
fn leaves(change: &Change, item: &Item) -> bool {
    match change {
        Change::Replace { after, .. } => same(after, item),
        Change::Insert { item: added, .. } => same(added, item),
        _ => false,
    }
}

/// Makes `change` again on `doc`, the newer version of its file.
pub fn replay(change: Change, doc: &mut Document) -> Replayed {
    match change {
        Change::Replace { before, after } => replace(before, after, doc),
        Change::Insert { index, item } => insert(index, item, doc),
        Change::Remove { index, item } => match doc.position(&item.id).map(|at| &doc.items()[at]) {
            None => Replayed::Nothing,
            Some(theirs) if *theirs == item => applied(Change::Remove { index, item }, doc),
            Some(theirs) => Replayed::Clash(Box::new(Collision {
                id: item.id.clone(),
                theirs: Some(theirs.clone()),
                mine: None,
                with_theirs: Some(theirs.clone()),
                clashes: vec![Clash {
                    field: "item",
                    mine: "deleted".into(),
                    theirs: "changed".into(),
                }],
            })),
        },
        swap @ Change::Swap { .. } => applied(swap, doc),
        Change::Move { id, next_to, place } => {
            let change = Change::Move { id, next_to, place };
            let mut moved = doc.clone();
            match change.apply(&mut moved) {
                Ok(()) if moved.items() == doc.items() => Replayed::Nothing,
                Ok(()) => {
                    *doc = moved;
                    Replayed::Applied(change)
                }
                // an item it names is gone: there is nothing to move next to
                Err(_) => Replayed::Nothing,
            }
        }
    }
}

fn applied(change: Change, doc: &mut Document) -> Replayed {
    match change.apply(doc) {
        Ok(()) => Replayed::Applied(change),
        Err(_) => Replayed::Nothing,
    }
}

fn replace(before: Item, after: Item, doc: &mut Document) -> Replayed {
    let Some(at) = doc.position(&before.id) else {
        return Replayed::Clash(Box::new(Collision {
            id: before.id.clone(),
            theirs: None,
            mine: Some(after),
            with_theirs: None,
            clashes: vec![Clash {
                field: "item",
                mine: "changed".into(),
                theirs: "deleted".into(),
            }],
        }));
    };
    let theirs = doc.items()[at].clone();
    let merged = merge(&before, &after, &theirs);
    if merged.clashes.is_empty() {
        if same(&merged.mine_wins, &theirs) {
            return Replayed::Nothing;
        }
        return applied(
            Change::Replace {
                before: theirs,
                after: merged.mine_wins,
            },
            doc,
        );
    }
    Replayed::Clash(Box::new(Collision {
        id: before.id.clone(),
        theirs: Some(theirs),
        mine: Some(merged.mine_wins),
        with_theirs: Some(merged.theirs_win),
        clashes: merged.clashes,
    }))
}

fn insert(index: usize, item: Item, doc: &mut Document) -> Replayed {
    let Some(at) = doc.position(&item.id) else {
        return applied(Change::Insert { index, item }, doc);
    };
    if same(&doc.items()[at], &item) {
        return Replayed::Nothing;
    }
    let from = item.id.clone();
    let id = doc.next_free_id();
    let change = Change::Insert {
        index,
        item: item.edited(|i| i.id = id),
    };
    match change.apply(doc) {
        Ok(()) => Replayed::Renamed { change, from },
        Err(_) => Replayed::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn doc() -> Document {
        let mut doc = Document::new("t");
        for id in ["10", "11", "12"] {
            doc.push(Item::new(id, format!("item {id}"))).unwrap();
        }
        doc
    }

    fn status(item: &Item, status: Status) -> Change {
        Change::Replace {
            before: item.clone(),
            after: item.edited(|i| i.status = status),
        }
    }

    #[test]
    fn two_status_changes_are_the_last_and_an_edit_and_its_undo_nothing() {
        let original = doc().items()[0].clone();
        let blocked = status(&original, Status::Blocked);
        let Change::Replace { after, .. } = &blocked else {
            unreachable!()
        };
        let at_risk = status(after, Status::AtRisk);
        let net_two = net(vec![blocked.clone(), at_risk]);
        assert_eq!(net_two.len(), 1);
        let Change::Replace { before, after } = &net_two[0] else {
            panic!("{net_two:?}")
        };
        assert_eq!(
            (before.status, after.status),
            (original.status, Status::AtRisk)
        );
        assert!(net(vec![blocked.clone(), blocked.inverse()]).is_empty());
    }

    #[test]
    fn a_new_item_whose_id_was_taken_gets_the_next_free_one() {
        let mut theirs = doc();
        theirs.push(Item::new("13", "theirs")).unwrap();
        let mine = Change::Insert {
            index: 3,
            item: Item::new("13", "mine"),
        };
        let Replayed::Renamed { change, from } = replay(mine, &mut theirs) else {
            panic!("renamed")
        };
        assert_eq!((from.as_str(), change.id()), ("13", "14"));
        assert_eq!(theirs.items().len(), 5);
    }

    #[test]
    fn a_clash_keeps_both_values_and_what_each_choice_leaves() {
        let mut theirs = doc();
        let base = theirs.items()[0].clone();
        let disk = base.edited(|i| {
            i.status = Status::Done;
            i.lead = Some("外事处".into());
        });
        theirs.replace(0, disk);
        let Replayed::Clash(c) = replay(status(&base, Status::Blocked), &mut theirs) else {
            panic!("clash")
        };
        assert_eq!(c.clashes[0].field, "status");
        let mine = c.mine.unwrap();
        assert_eq!(
            (mine.status, mine.lead.as_deref()),
            (Status::Blocked, Some("外事处"))
        );
        assert_eq!(c.with_theirs.unwrap().status, Status::Done);
    }
}
