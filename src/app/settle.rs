//! Settling the conflicts a merge recorded in an item: `c` shows the first one, and one key keeps
//! ours, takes theirs, or keeps ours and opens the item's form to edit by hand. Each choice is an
//! ordinary edit (undoable, saved at once) that removes the conflict's record.

use super::Effect;
use super::editing::{commit, edit, target};
use super::state::{Message, Overlay, Pane, State};
use crate::lang::{tr, trf};
use crate::model::{Change, Item, ResolveError, Side};
use crate::store::{item_extras, with_item_extras};

/// `c`: the picker for the selected item's first conflict, or a word on where conflicts are.
pub(crate) fn open(state: &mut State) {
    let Some(item) = target(state).and_then(|row| state.item(row)) else {
        return;
    };
    if item.conflicts.is_empty() {
        state.message = Some(Message::info(tr(
            state.settings.lang,
            "msg.no_merge_conflicts",
        )));
        return;
    }
    state.open_overlay(Overlay::MergeConflict);
}

/// Settles the first conflict of the selected item by `side`; the picker stays open while the
/// item has more.
pub(crate) fn settle(state: &mut State, side: Side) -> Vec<Effect> {
    let Some(row) = target(state) else {
        state.close_overlay();
        return Vec::new();
    };
    let Some(before) = state.item(row).cloned() else {
        state.close_overlay();
        return Vec::new();
    };
    let Some(subject) = before.conflicts.first().map(|c| c.subject()) else {
        state.close_overlay();
        return Vec::new();
    };
    let after = match settled(&before, side) {
        Ok(after) => after,
        Err(err) => {
            let error = err.phrase().text(state.settings.lang);
            let text = trf(state.settings.lang, "msg.not_settled", &[("error", &error)]);
            state.message = Some(Message::error(text));
            return Vec::new();
        }
    };
    let left = after.conflicts.len();
    let word = match side {
        Side::Ours => tr(state.settings.lang, "edit.kept_ours"),
        Side::Theirs => tr(state.settings.lang, "edit.took_theirs"),
    };
    let label = trf(
        state.settings.lang,
        "edit.settled",
        &[("subject", &subject), ("id", &before.id), ("word", &word)],
    );
    let effects = commit(state, row.file, Change::Replace { before, after }, label);
    if left == 0 {
        state.close_overlay();
    }
    effects
}

/// Keeps ours for the first conflict and opens the item's form to change the value by hand.
pub(crate) fn settle_by_edit(state: &mut State) -> Vec<Effect> {
    let effects = settle(state, Side::Ours);
    state.close_overlay();
    state.focus = Pane::Items;
    edit(state);
    effects
}

/// The item with its first conflict settled; a field tally does not model has its text rewritten.
fn settled(item: &Item, side: Side) -> Result<Item, ResolveError> {
    match item.resolved(0, side) {
        Err(ResolveError::UnknownField(key)) => {
            let kept = item.resolved(0, Side::Ours)?;
            let theirs = item.conflicts[0].theirs.clone();
            let mut extras: Vec<_> = item_extras(item)
                .into_iter()
                .filter(|(k, _)| *k != key)
                .collect();
            if !theirs.is_null() {
                extras.push((key, theirs));
            }
            Ok(with_item_extras(&kept, &extras))
        }
        other => other,
    }
}
