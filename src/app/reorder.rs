//! `J`/`K`: reordering items in their file, only in ways the list shows — past the item shown next
//! to the selected one, within its group — and refusing, with a message, where a move would not
//! show (a sorted or searched list).

use super::Effect;
use super::editing::{commit, selection};
use super::state::{Message, State};
use super::triage::Toward;
use super::view::{GroupBy, SortKey};
use crate::lang::{tr, trf};
use crate::model::{Change, Place};

/// `J`/`K`: moves the selected item past the item shown next to it, so the move is always seen:
/// in file order that is its neighbour in the file, and it is put after / before it (made again
/// relative to that item when someone else changed the file); in a grouped list, the next item of
/// its group (the two swap places in the file, and the footer says so). A list sorted by anything
/// but file order (or by file name, which keeps each file in file order), or filtered by a
/// search, is refused with a message, since a move there would not show.
pub(crate) fn move_item(state: &mut State, toward: Toward) -> Vec<Effect> {
    let down = toward == Toward::Next;
    let Some((file, _, item)) = selection(state) else {
        return Vec::new();
    };
    if let Some(reason) = move_refused(state) {
        state.message = Some(Message::warning(reason));
        return Vec::new();
    }
    let neighbour = if down {
        state.list.selected.checked_add(1)
    } else {
        state.list.selected.checked_sub(1)
    };
    let other = neighbour
        .and_then(|row| state.list.rows.get(row))
        .and_then(|row| row.item())
        .filter(|other| other.file == file)
        .and_then(|other| state.item(other))
        .map(|other| other.id.clone());
    let Some(other) = other else {
        let key = match (down, state.list.group) {
            (true, GroupBy::None) => "msg.last_in_file",
            (false, GroupBy::None) => "msg.first_in_file",
            (true, _) => "msg.last_in_group",
            (false, _) => "msg.first_in_group",
        };
        state.message = Some(Message::info(trf(
            state.settings.lang,
            key,
            &[("id", &item.id)],
        )));
        return Vec::new();
    };
    let change = if state.list.group == GroupBy::None {
        Change::Move {
            id: item.id.clone(),
            next_to: other.clone(),
            place: if down { Place::After } else { Place::Before },
        }
    } else {
        Change::Swap {
            first: item.id.clone(),
            second: other.clone(),
        }
    };
    let label = trf(state.settings.lang, "edit.move_item", &[("id", &item.id)]);
    let effects = commit(state, file, change, label);
    if !effects.is_empty() {
        let key = if down {
            "msg.moved_below"
        } else {
            "msg.moved_above"
        };
        let mut text = trf(
            state.settings.lang,
            key,
            &[("id", &item.id), ("other", &other)],
        );
        if state.list.group != GroupBy::None {
            text.push_str(&trf(
                state.settings.lang,
                "msg.swapped_in_file",
                &[("other", &other)],
            ));
        }
        state.message = Some(Message::info(text));
    }
    effects
}

/// Why `J`/`K` cannot move an item in the list as shown, if they cannot.
fn move_refused(state: &State) -> Option<String> {
    if state.list.filter.is_some() {
        return Some(tr(state.settings.lang, "msg.move_filtered").into_owned());
    }
    // Sorted by file name, each file's items still show in file order, so a move within the
    // file shows (the neighbour must be in the same file, see above).
    if !matches!(state.list.sort, SortKey::File | SortKey::Report) {
        let order = tr(
            state.settings.lang,
            &format!("sort.{}", state.list.sort.label()),
        );
        return Some(trf(
            state.settings.lang,
            "msg.move_sorted",
            &[("order", &order)],
        ));
    }
    None
}
