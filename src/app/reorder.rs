//! `J`/`K`: reordering items in their file, only in ways the list shows — past the item shown next
//! to the selected one, within its group — and refusing, with a message, where a move would not
//! show (a sorted or searched list).

use super::Effect;
use super::editing::{commit, selection};
use super::state::{Message, State};
use super::view::{Direction, GroupBy, SortKey};
use crate::model::{Change, Place};

/// `J`/`K`: moves the selected item past the item shown next to it, so the move is always seen:
/// in file order that is its neighbour in the file, and it is put after / before it (made again
/// relative to that item when someone else changed the file); in a grouped list, the next item of
/// its group (the two swap places in the file, and the footer says so). A list sorted by anything
/// but file order (or by file name, which keeps each file in file order), or filtered by a
/// search, is refused with a message, since a move there would not show.
pub(crate) fn move_item(state: &mut State, direction: Direction) -> Vec<Effect> {
    let Some((file, _, item)) = selection(state) else {
        return Vec::new();
    };
    if let Some(reason) = move_refused(state) {
        state.message = Some(Message::warning(reason));
        return Vec::new();
    }
    let neighbour = match direction {
        Direction::Next => state.selected.checked_add(1),
        Direction::Previous => state.selected.checked_sub(1),
    };
    let other = neighbour
        .and_then(|row| state.rows.get(row))
        .and_then(|row| row.item())
        .filter(|other| other.file == file)
        .and_then(|other| state.item(other))
        .map(|other| other.id.clone());
    let Some(other) = other else {
        let (edge, place) = match (direction, state.group) {
            (Direction::Next, GroupBy::None) => ("last", "its file"),
            (Direction::Previous, GroupBy::None) => ("first", "its file"),
            (Direction::Next, _) => ("last", "its group"),
            (Direction::Previous, _) => ("first", "its group"),
        };
        state.message = Some(Message::info(format!(
            "item {} is already the {edge} in {place}; not moved",
            item.id
        )));
        return Vec::new();
    };
    let change = if state.group == GroupBy::None {
        Change::Move {
            id: item.id.clone(),
            next_to: other.clone(),
            place: match direction {
                Direction::Next => Place::After,
                Direction::Previous => Place::Before,
            },
        }
    } else {
        Change::Swap {
            first: item.id.clone(),
            second: other.clone(),
        }
    };
    let effects = commit(state, file, change, format!("move item {}", item.id));
    if !effects.is_empty() {
        let side = match direction {
            Direction::Next => "below",
            Direction::Previous => "above",
        };
        let in_file = match state.group {
            GroupBy::None => String::new(),
            _ => format!("; in the file it swapped places with item {other}"),
        };
        state.message = Some(Message::info(format!(
            "moved item {} {side} item {other}{in_file}",
            item.id
        )));
    }
    effects
}

/// Why `J`/`K` cannot move an item in the list as shown, if they cannot.
fn move_refused(state: &State) -> Option<String> {
    if state.filter.is_some() {
        return Some(
            "J/K move items in file order; clear the search first (Esc) to move this item".into(),
        );
    }
    // Sorted by file name, each file's items still show in file order, so a move within the
    // file shows (the neighbour must be in the same file, see above).
    if !matches!(state.sort, SortKey::File | SortKey::Report) {
        return Some(format!(
            "J/K move items in file order; the list is sorted by {} (press o until it says \
             file order)",
            state.sort.label()
        ));
    }
    None
}
