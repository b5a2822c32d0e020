//! Turning edits into changes: opening forms for what is focused, checking submitted values,
//! applying the change to the document, recording it for undo and asking for a save.

use super::Effect;
use super::dialog::{Confirm, Confirmed};
use super::form::Form;
use super::history::Step;
use super::state::{Message, Mode, Overlay, Pane, State};
use crate::lang::{tr, trf};
use crate::model::{Change, Item, MetricKey, NoteKey, Status};

/// The item edits apply to: the one triage shows, otherwise the selected one.
pub(crate) fn target(state: &State) -> Option<super::ItemRef> {
    let in_triage = state.triage().is_some();
    if in_triage {
        return super::triage::current_ref(state);
    }
    state.selected_ref()
}

/// The target item with its file and position.
pub(crate) fn selection(state: &State) -> Option<(usize, usize, Item)> {
    let row = target(state)?;
    let item = state.item(row)?.clone();
    Some((row.file, row.item, item))
}

/// Applies a new change to a file: records it for undo, keeps it as unsaved and asks for a save.
pub(crate) fn commit(state: &mut State, file: usize, change: Change, label: String) -> Vec<Effect> {
    let Some(open) = state.files.get_mut(file) else {
        return Vec::new();
    };
    // kept for undo and until saved, beyond this version of the file
    let change = change.detached();
    let shift = change.shift(&open.doc);
    if let Err(err) = change.apply(&mut open.doc) {
        let error = err.phrase().text(state.settings.lang);
        let text = trf(state.settings.lang, "msg.not_changed", &[("error", &error)]);
        state.message = Some(Message::error(text));
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
    change_item(state, file, &before.id, label, edit)
}

/// Changes the item with `id` in `file` — wherever it stands now — and commits the result.
pub(crate) fn change_item(
    state: &mut State,
    file: usize,
    id: &str,
    label: &str,
    edit: impl FnOnce(&mut Item),
) -> Vec<Effect> {
    let Some(before) = state
        .document(file)
        .and_then(|doc| doc.item(doc.position(id)?))
        .cloned()
    else {
        let text = trf(state.settings.lang, "msg.item_gone", &[("id", &id)]);
        state.message = Some(Message::warning(text));
        return Vec::new();
    };
    let after = before.edited(edit);
    if after == before {
        state.message = Some(Message::info(tr(state.settings.lang, "msg.no_change")));
        return Vec::new();
    }
    let label = trf(
        state.settings.lang,
        "edit.on_item",
        &[("what", &label), ("id", &before.id)],
    );
    commit(state, file, Change::Replace { before, after }, label)
}

pub(crate) fn set_status(state: &mut State, status: Status) -> Vec<Effect> {
    let label = trf(
        state.settings.lang,
        "edit.status",
        &[("status", &status.label_in(state.settings.lang))],
    );
    if state.mode() == Mode::StatusPicker {
        if let Some(Overlay::StatusPicker { file, id }) = state.overlay.take() {
            return change_item(state, file, &id, &label, |item| item.status = status);
        }
        return Vec::new();
    }
    change_target(state, &label, |item| item.status = status)
}

/// `e`/Enter: the form for what is focused.
pub(crate) fn edit(state: &mut State) {
    let Some((file, _, item)) = selection(state) else {
        return;
    };
    match state.focus {
        Pane::Timeline if state.mode() == Mode::Browse => match note_at_cursor(state, &item) {
            Some(index) => match NoteKey::of(&item.progress, index) {
                Some(key) => open_form(
                    state,
                    Form::edit_note(file, &item.id, key, &item.progress[index]),
                ),
                None => add_note(state),
            },
            None => add_note(state),
        },
        Pane::Metrics if state.mode() == Mode::Browse => edit_metrics(state),
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
        .details
        .metric_cursor
        .min(item.metrics.len().saturating_sub(1));
    let metric = item
        .metrics
        .get(cursor)
        .and_then(|m| Some((MetricKey::of(&item.metrics, cursor)?, m)));
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
                state.message = Some(Message::warning(tr(
                    state.settings.lang,
                    "msg.no_file_to_add",
                )));
            }
        }
    }
}

pub(crate) fn open_form(state: &mut State, form: Form) {
    state.open_overlay(Overlay::Form(form));
}

/// `d`: asks before deleting what is focused.
pub(crate) fn delete(state: &mut State) {
    let Some((file, _, item)) = selection(state) else {
        return;
    };
    let id = item.id.clone();
    let confirm = match state.focus {
        Pane::Timeline => note_at_cursor(state, &item).and_then(|note| {
            Some(Confirm {
                question: trf(
                    state.settings.lang,
                    "ask.delete_note",
                    &[
                        ("id", &id),
                        ("date", &state.settings.dates.show(item.progress[note].date)),
                    ],
                ),
                on_yes: Confirmed::DeleteNote {
                    file,
                    id: id.clone(),
                    note: NoteKey::of(&item.progress, note)?,
                },
            })
        }),
        Pane::Metrics => {
            let metric = state.details.metric_cursor;
            item.metrics.get(metric).and_then(|m| {
                Some(Confirm {
                    question: trf(
                        state.settings.lang,
                        "ask.delete_metric",
                        &[("name", &m.name), ("id", &id)],
                    ),
                    on_yes: Confirmed::DeleteMetric {
                        file,
                        id: id.clone(),
                        metric: MetricKey::of(&item.metrics, metric)?,
                    },
                })
            })
        }
        Pane::Items => Some(Confirm {
            question: trf(
                state.settings.lang,
                "ask.delete_item",
                &[("id", &id), ("title", &item.title)],
            ),
            on_yes: Confirmed::DeleteItem {
                file,
                id: id.clone(),
            },
        }),
    };
    if let Some(confirm) = confirm {
        state.open_overlay(Overlay::Confirm(confirm));
    }
}

/// The note under the timeline cursor, as a position in `progress`.
pub(crate) fn note_at_cursor(state: &State, item: &Item) -> Option<usize> {
    item.notes_by_date().get(state.details.note_cursor).copied()
}

/// `y` on a question: acts on what the question named, wherever it stands now.
pub(crate) fn confirmed(state: &mut State) -> Vec<Effect> {
    let Some(Overlay::Confirm(confirm)) = state.overlay.take() else {
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
                trf(state.settings.lang, "edit.delete_item", &[("id", &id)]),
            )
        }
        Confirmed::DeleteNote { file, id, note } => {
            state.details.note_cursor = state.details.note_cursor.saturating_sub(1);
            let Some(index) = find_in(state, file, &id, |item| note.find(&item.progress)) else {
                let text = trf(state.settings.lang, "msg.note_gone", &[("id", &id)]);
                state.message = Some(Message::warning(text));
                return Vec::new();
            };
            let label = tr(state.settings.lang, "edit.delete_note");
            change_item(state, file, &id, &label, |item| {
                item.progress.remove(index);
            })
        }
        Confirmed::DeleteMetric { file, id, metric } => {
            state.details.metric_cursor = state.details.metric_cursor.saturating_sub(1);
            let Some(index) = find_in(state, file, &id, |item| metric.find(&item.metrics)) else {
                let text = trf(
                    state.settings.lang,
                    "msg.metric_gone",
                    &[("name", &metric.name), ("id", &id)],
                );
                state.message = Some(Message::warning(text));
                return Vec::new();
            };
            let label = tr(state.settings.lang, "edit.delete_metric");
            change_item(state, file, &id, &label, |item| {
                item.metrics.remove(index);
            })
        }
        Confirmed::QuitUnsaved => {
            state.quit = true;
            Vec::new()
        }
    }
}

/// Something inside the item with `id` in `file`, found by `find`.
fn find_in(
    state: &State,
    file: usize,
    id: &str,
    find: impl Fn(&Item) -> Option<usize>,
) -> Option<usize> {
    let doc = state.document(file)?;
    find(doc.item(doc.position(id)?)?)
}

pub(crate) fn undo(state: &mut State) -> Vec<Effect> {
    let Some(step) = state.history.last().cloned() else {
        state.message = Some(Message::info(tr(
            state.settings.lang,
            "msg.nothing_to_undo",
        )));
        return Vec::new();
    };
    let effects = replay(
        state,
        step.file,
        step.change.inverse(),
        &trf(state.settings.lang, "msg.undid", &[("what", &step.label)]),
    );
    if !effects.is_empty() {
        state.history.undone();
    }
    effects
}

pub(crate) fn redo(state: &mut State) -> Vec<Effect> {
    let Some(step) = state.history.next().cloned() else {
        state.message = Some(Message::info(tr(
            state.settings.lang,
            "msg.nothing_to_redo",
        )));
        return Vec::new();
    };
    let effects = replay(
        state,
        step.file,
        step.change.clone(),
        &trf(state.settings.lang, "msg.redid", &[("what", &step.label)]),
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
        let error = err.phrase().text(state.settings.lang);
        let text = trf(
            state.settings.lang,
            "msg.cannot_replay",
            &[("error", &error)],
        );
        state.message = Some(Message::error(text));
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
        state.message = Some(Message::info(tr(
            state.settings.lang,
            "msg.nothing_to_save",
        )));
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
    state.open_overlay(Overlay::Confirm(Confirm {
        question: trf(
            state.settings.lang,
            "ask.quit_unsaved",
            &[("files", &unsaved.join(", "))],
        ),
        on_yes: Confirmed::QuitUnsaved,
    }));
}

/// Opens the status picker for the selected item.
pub(crate) fn pick_status(state: &mut State) {
    if let Some((file, _, item)) = selection(state) {
        state.open_overlay(Overlay::StatusPicker { file, id: item.id });
    }
}

/// Leaves the picker, form or question without changing anything.
pub(crate) fn cancel(state: &mut State) {
    state.close_overlay();
}

/// Closes the form without submitting it.
pub(crate) fn close_form(state: &mut State) {
    state.close_overlay();
}
