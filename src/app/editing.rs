//! Turning edits into changes: opening forms for what is focused, checking submitted values,
//! applying the change to the document, recording it for undo and asking for a save.

use super::Effect;
use super::dialog::{Confirm, Confirmed};
use super::form::Form;
use super::history::Step;
use super::state::{Message, Mode, Pane, State};
use super::view::{GroupBy, SortKey};
use crate::model::{Change, Item, Status};

/// The item edits apply to: the one triage shows, otherwise the selected one.
pub(crate) fn target(state: &State) -> Option<super::ItemRef> {
    let in_triage = state.mode == Mode::Triage || state.base == Mode::Triage;
    if in_triage {
        return super::triage::current_ref(state);
    }
    state.selected_ref()
}

/// The target item with its file and position.
fn selection(state: &State) -> Option<(usize, usize, Item)> {
    let row = target(state)?;
    let item = state.item(row)?.clone();
    Some((row.file, row.item, item))
}

/// Applies a new change to a file: records it for undo, keeps it as unsaved and asks for a save.
pub(crate) fn commit(state: &mut State, file: usize, change: Change, label: String) -> Vec<Effect> {
    let Some(open) = state.files.get_mut(file) else {
        return Vec::new();
    };
    let shift = change.shift(&open.doc);
    if let Err(err) = change.apply(&mut open.doc) {
        state.message = Some(Message::error(format!("not changed: {err}")));
        return Vec::new();
    }
    open.unsaved.push(change.clone());
    let select_id = match &change {
        Change::Remove { .. } => None,
        other => Some(other.id().to_string()),
    };
    state.history.record(Step {
        file,
        change,
        label,
    });
    let mut effects = refresh_after(state, file, &|p| shift.moved(p), select_id.as_deref());
    effects.push(Effect::Save { file });
    effects
}

/// Rebuilds the list after the items of `file` changed, keeping the selection on the item with
/// `id` in `file` when given (otherwise on the same row number). `moved` says where the item that
/// stood at a position stands now (`None`: gone); an active filter follows it at once and is
/// searched again in the background.
pub(crate) fn refresh_after(
    state: &mut State,
    file: usize,
    moved: &dyn Fn(usize) -> Option<usize>,
    id: Option<&str>,
) -> Vec<Effect> {
    state.data_version += 1;
    let effects = super::search::after_change(state, file, moved);
    state.rebuild_rows(id.map(|id| (file, id)));
    effects
}

/// Changes the selected item with `edit` and commits the result (nothing when it did not change).
pub(crate) fn change_target(
    state: &mut State,
    label: &str,
    edit: impl FnOnce(&mut Item),
) -> Vec<Effect> {
    let Some((file, _, before)) = selection(state) else {
        return Vec::new();
    };
    let after = before.edited(edit);
    if after == before {
        state.message = Some(Message::info("no change"));
        return Vec::new();
    }
    let label = format!("{label} on item {}", before.id);
    commit(state, file, Change::Replace { before, after }, label)
}

pub(crate) fn set_status(state: &mut State, status: Status) -> Vec<Effect> {
    if state.mode == Mode::StatusPicker {
        state.close_overlay();
    }
    let label = format!("status {}", status.label());
    change_target(state, &label, |item| item.status = status)
}

/// `e`/Enter: the form for what is focused.
pub(crate) fn edit(state: &mut State) {
    let Some((file, _, item)) = selection(state) else {
        return;
    };
    match state.focus {
        Pane::Timeline if state.mode == Mode::Browse => match note_at_cursor(state, &item) {
            Some(index) => open_form(
                state,
                Form::edit_note(file, &item.id, index, &item.progress[index]),
            ),
            None => add_note(state),
        },
        Pane::Metrics if state.mode == Mode::Browse => edit_metrics(state),
        _ => open_form(state, Form::edit_item(file, &item)),
    }
}

pub(crate) fn add_note(state: &mut State) {
    let today = state.today();
    if let Some((file, _, item)) = selection(state) {
        open_form(state, Form::add_note(file, &item.id, today));
    }
}

/// `m`: the selected metric's form, or a new metric's when the item has none.
pub(crate) fn edit_metrics(state: &mut State) {
    let today = state.today();
    let Some((file, _, item)) = selection(state) else {
        return;
    };
    let cursor = state
        .metric_cursor
        .min(item.metrics.len().saturating_sub(1));
    let metric = item.metrics.get(cursor).map(|m| (cursor, m));
    open_form(state, Form::edit_metric(file, &item.id, metric, today));
}

/// `a`: a new item, note or metric, after what is focused.
pub(crate) fn add(state: &mut State) {
    match state.focus {
        Pane::Timeline => add_note(state),
        Pane::Metrics => {
            let today = state.today();
            if let Some((file, _, item)) = selection(state) {
                open_form(state, Form::edit_metric(file, &item.id, None, today));
            }
        }
        Pane::Items => {
            let file = state.selected_file();
            if let Some(doc) = state.document(file) {
                let id = doc.next_free_id();
                open_form(state, Form::add_item(file, &id));
            } else {
                state.message = Some(Message::warning(
                    "no file is open to add an item to: make one with `tally import REPORT.txt \
                     -o FILE.json` (or copy a tally .json file into the folder), then open it",
                ));
            }
        }
    }
}

pub(crate) fn open_form(state: &mut State, form: Form) {
    state.form = Some(form);
    state.open_overlay(Mode::Form);
}

/// `d`: asks before deleting what is focused.
pub(crate) fn delete(state: &mut State) {
    let Some((file, _, item)) = selection(state) else {
        return;
    };
    let id = item.id.clone();
    let confirm = match state.focus {
        Pane::Timeline => note_at_cursor(state, &item).map(|note| Confirm {
            question: format!(
                "Delete this note of item {id} ({})?",
                item.progress[note].date
            ),
            on_yes: Confirmed::DeleteNote {
                file,
                id: id.clone(),
                note,
            },
        }),
        Pane::Metrics => {
            let metric = state.metric_cursor;
            item.metrics.get(metric).map(|m| Confirm {
                question: format!("Delete metric \"{}\" of item {id}?", m.name),
                on_yes: Confirmed::DeleteMetric {
                    file,
                    id: id.clone(),
                    metric,
                },
            })
        }
        Pane::Items => Some(Confirm {
            question: format!("Delete item {id} \"{}\"?", item.title),
            on_yes: Confirmed::DeleteItem {
                file,
                id: id.clone(),
            },
        }),
    };
    if let Some(confirm) = confirm {
        state.confirm = Some(confirm);
        state.open_overlay(Mode::Confirm);
    }
}

/// The note under the timeline cursor, as a position in `progress`.
pub(crate) fn note_at_cursor(state: &State, item: &Item) -> Option<usize> {
    item.notes_by_date().get(state.note_cursor).copied()
}

/// `y` on a question.
pub(crate) fn confirmed(state: &mut State) -> Vec<Effect> {
    state.close_overlay();
    let Some(confirm) = state.confirm.take() else {
        return Vec::new();
    };
    match confirm.on_yes {
        Confirmed::DeleteItem { file, id } => {
            let Some(doc) = state.document(file) else {
                return Vec::new();
            };
            let Some(index) = doc.position(&id) else {
                return Vec::new();
            };
            let item = doc.items()[index].clone();
            commit(
                state,
                file,
                Change::Remove { index, item },
                format!("delete item {id}"),
            )
        }
        Confirmed::DeleteNote { note, .. } => {
            state.note_cursor = state.note_cursor.saturating_sub(1);
            change_target(state, "delete note", |item| {
                item.progress.remove(note);
            })
        }
        Confirmed::DeleteMetric { metric, .. } => {
            state.metric_cursor = state.metric_cursor.saturating_sub(1);
            change_target(state, "delete metric", |item| {
                item.metrics.remove(metric);
            })
        }
        Confirmed::QuitUnsaved => {
            state.quit = true;
            Vec::new()
        }
    }
}

/// `J`/`K`: moves the selected item past the item shown next to it, so the move is always seen:
/// in file order that is its neighbour in the file; in a grouped list, the next item of its group
/// (the two swap places in the file, and the footer says so). A list sorted by anything but file
/// order, or filtered by a search, is refused with a message, since a move there would not show.
pub(crate) fn move_item(state: &mut State, down: bool) -> Vec<Effect> {
    let Some((file, _, item)) = selection(state) else {
        return Vec::new();
    };
    if let Some(reason) = move_refused(state) {
        state.message = Some(Message::warning(reason));
        return Vec::new();
    }
    let neighbour = if down {
        state.selected.checked_add(1)
    } else {
        state.selected.checked_sub(1)
    };
    let other = neighbour
        .and_then(|row| state.rows.get(row))
        .and_then(|row| row.item())
        .filter(|other| other.file == file)
        .and_then(|other| state.item(other))
        .map(|other| other.id.clone());
    let Some(other) = other else {
        let (edge, place) = match (down, state.group) {
            (true, GroupBy::None) => ("last", "its file"),
            (false, GroupBy::None) => ("first", "its file"),
            (true, _) => ("last", "its group"),
            (false, _) => ("first", "its group"),
        };
        state.message = Some(Message::info(format!(
            "item {} is already the {edge} in {place}; not moved",
            item.id
        )));
        return Vec::new();
    };
    let change = Change::Swap {
        first: item.id.clone(),
        second: other.clone(),
    };
    let effects = commit(state, file, change, format!("move item {}", item.id));
    if !effects.is_empty() {
        let side = if down { "below" } else { "above" };
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
    if state.sort != SortKey::File {
        return Some(format!(
            "J/K move items in file order; the list is sorted by {} (press o until it says \
             file order)",
            state.sort.label()
        ));
    }
    None
}

pub(crate) fn undo(state: &mut State) -> Vec<Effect> {
    let Some(step) = state.history.last().cloned() else {
        state.message = Some(Message::info("nothing to undo"));
        return Vec::new();
    };
    let effects = replay(
        state,
        step.file,
        step.change.inverse(),
        &format!("undid {}", step.label),
    );
    if !effects.is_empty() {
        state.history.undone();
    }
    effects
}

pub(crate) fn redo(state: &mut State) -> Vec<Effect> {
    let Some(step) = state.history.next().cloned() else {
        state.message = Some(Message::info("nothing to redo"));
        return Vec::new();
    };
    let effects = replay(
        state,
        step.file,
        step.change.clone(),
        &format!("redid {}", step.label),
    );
    if !effects.is_empty() {
        state.history.redone();
    }
    effects
}

/// Applies an undo or redo change without recording a new step.
fn replay(state: &mut State, file: usize, change: Change, done: &str) -> Vec<Effect> {
    let Some(open) = state.files.get_mut(file) else {
        return Vec::new();
    };
    let shift = change.shift(&open.doc);
    if let Err(err) = change.apply(&mut open.doc) {
        state.message = Some(Message::error(format!("cannot undo or redo: {err} since")));
        return Vec::new();
    }
    open.unsaved.push(change.clone());
    let id = match &change {
        Change::Remove { .. } => None,
        other => Some(other.id().to_string()),
    };
    let mut effects = refresh_after(state, file, &|p| shift.moved(p), id.as_deref());
    state.message = Some(Message::info(done.to_string()));
    effects.push(Effect::Save { file });
    effects
}

/// Ctrl-S: saves every file that has unsaved edits.
pub(crate) fn save_all(state: &mut State) -> Vec<Effect> {
    let effects: Vec<Effect> = (0..state.files.len())
        .filter(|&file| !state.files[file].unsaved.is_empty())
        .map(|file| Effect::Save { file })
        .collect();
    if effects.is_empty() {
        state.message = Some(Message::info("nothing to save: every edit is on disk"));
    }
    effects
}

/// `q`: quits, asking first when some edits could not be saved. (Saves still under way are
/// waited for before the session ends.)
pub(crate) fn quit(state: &mut State) {
    let unsaved: Vec<String> = state
        .files
        .iter()
        .filter(|f| !f.unsaved.is_empty() && f.save_error.is_some())
        .map(|f| f.name())
        .collect();
    if unsaved.is_empty() {
        state.quit = true;
        return;
    }
    state.confirm = Some(Confirm {
        question: format!(
            "Edits to {} are not saved. Quit and lose them?",
            unsaved.join(", ")
        ),
        on_yes: Confirmed::QuitUnsaved,
    });
    state.open_overlay(Mode::Confirm);
}

/// Opens the status picker for the selected item.
pub(crate) fn pick_status(state: &mut State) {
    if state.selected_ref().is_some() {
        state.open_overlay(Mode::StatusPicker);
    }
}

/// Leaves the picker, form or question without changing anything.
pub(crate) fn cancel(state: &mut State) {
    state.form = None;
    state.confirm = None;
    state.close_overlay();
}

/// Closes the form without submitting it.
pub(crate) fn close_form(state: &mut State) {
    state.form = None;
    state.close_overlay();
}
