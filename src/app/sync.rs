//! Keeping memory and disk in step: what happens when a save succeeds or fails, and when a file
//! changed on disk — unsaved edits are replayed on the new version, and where one collides with
//! the other writer's change the user chooses, item by item. Nothing is overwritten silently.

use std::collections::HashMap;

use super::Effect;
use super::dialog::ConflictView;
use super::editing::refresh_after;
use super::state::{Message, Mode, OpenFile, State};
use crate::model::{Change, Document, Item};
use crate::store::{Fingerprint, Loaded};

/// A save finished: the changes it wrote are on disk; any made meanwhile are saved next.
pub(crate) fn saved(
    state: &mut State,
    file: usize,
    fingerprint: Fingerprint,
    covered: usize,
) -> Vec<Effect> {
    let Some(open) = state.files.get_mut(file) else {
        return Vec::new();
    };
    open.fingerprint = fingerprint;
    let covered = covered.min(open.unsaved.len());
    open.unsaved.drain(..covered);
    open.save_error = None;
    let more = !open.unsaved.is_empty();
    let saved = format!("saved {}", open.name());
    state.message = Some(Message::info(match state.message.take() {
        Some(earlier) if earlier.level == super::Level::Info && earlier.text != saved => {
            format!("{} · {saved}", earlier.text)
        }
        _ => saved,
    }));
    if more {
        vec![Effect::Save { file }]
    } else {
        super::team::after_save(state)
    }
}

pub(crate) fn save_failed(state: &mut State, file: usize, error: String) {
    let Some(open) = state.files.get_mut(file) else {
        return;
    };
    open.save_error = Some(error.clone());
    super::team::save_failed(state);
    state.message = Some(Message::error(format!(
        "not saved: {error} — the edit is kept; Ctrl-S or the next edit retries"
    )));
}

pub(crate) fn reload_failed(state: &mut State, file: usize, error: String) {
    let Some(open) = state.files.get(file) else {
        return;
    };
    state.message = Some(Message::warning(format!(
        "{} changed on disk but cannot be read ({error}); showing the last good version",
        open.name()
    )));
}

/// A file changed on disk: take the new version and replay unsaved edits on it.
pub(crate) fn reloaded(state: &mut State, file: usize, loaded: Loaded) -> Vec<Effect> {
    let selected_id = state.selected_item().map(|i| i.id.clone());
    let selected_file = state.selected_file();
    let Some(open) = state.files.get_mut(file) else {
        return Vec::new();
    };
    let pending = std::mem::take(&mut open.unsaved);
    let mine_before: Vec<Option<Item>> = pending.iter().map(|c| mine(&open.doc, c)).collect();
    let mut fresh = OpenFile::from(loaded);
    let mut conflicts = Vec::new();
    for (change, mine) in pending.into_iter().zip(mine_before) {
        match change.apply(&mut fresh.doc) {
            Ok(()) => fresh.unsaved.push(change),
            Err(err) => {
                // notes added to an item someone else changed are added to their version
                let rebased = err.theirs().and_then(|theirs| change.rebased_on(theirs));
                match rebased {
                    Some(rebased) if rebased.apply(&mut fresh.doc).is_ok() => {
                        fresh.unsaved.push(rebased);
                    }
                    _ => conflicts.push(ConflictView {
                        file,
                        theirs: err.theirs().cloned(),
                        change,
                        mine,
                    }),
                }
            }
        }
    }
    let name = fresh.name();
    let replayed = fresh.unsaved.len();
    let new_places = state
        .filter
        .is_some()
        .then(|| new_places(&open.doc, &fresh.doc));
    *open = fresh;
    let keep = if selected_file == file {
        selected_id
    } else {
        None
    };
    let moved = |old: usize| new_places.as_ref()?.get(old).copied().flatten();
    let mut effects = refresh_after(state, file, &moved, keep.as_deref());
    let reload = Message::warning(match (replayed, conflicts.len()) {
        (0, 0) => format!("{name} changed on disk; reloaded"),
        (_, 0) => format!("{name} changed on disk; reloaded and your edit re-applied"),
        (_, n) => format!("{name} changed on disk; {n} of your edits collide with it — choose"),
    });
    state.message = Some(super::team::after_reload(state, reload));
    if !conflicts.is_empty() {
        state.conflicts.extend(conflicts);
        state.form = None;
        state.confirm = None;
        if state.mode != Mode::Conflict {
            state.close_overlay();
            state.open_overlay(Mode::Conflict);
        }
    }
    if replayed > 0 {
        effects.push(Effect::Save { file });
    }
    effects
}

/// For each item of `old`, where the item with its id stands in `new` (None: gone).
fn new_places(old: &Document, new: &Document) -> Vec<Option<usize>> {
    let places: HashMap<&str, usize> = new
        .items()
        .iter()
        .enumerate()
        .map(|(place, item)| (item.id.as_str(), place))
        .collect();
    old.items()
        .iter()
        .map(|item| places.get(item.id.as_str()).copied())
        .collect()
}

/// The item as this session has it after `change` (None when the change deletes it).
fn mine(doc: &crate::model::Document, change: &Change) -> Option<Item> {
    match change {
        Change::Remove { .. } => None,
        Change::Replace { after, .. } => Some(after.clone()),
        Change::Insert { item, .. } => Some(item.clone()),
        Change::Swap { first, .. } => doc.position(first).map(|i| doc.items()[i].clone()),
    }
}

/// Resolves the first conflict: `keep_mine` writes this session's version over the disk's.
pub(crate) fn resolve(state: &mut State, keep_mine: bool) -> Vec<Effect> {
    if state.conflicts.is_empty() {
        state.close_overlay();
        return Vec::new();
    }
    let conflict = state.conflicts.remove(0);
    if state.conflicts.is_empty() {
        state.close_overlay();
    }
    if !keep_mine {
        state.message = Some(Message::info(format!(
            "kept the version on disk of item {}",
            conflict.change.id()
        )));
        return Vec::new();
    }
    let Some(forced) = forced_change(&conflict) else {
        return Vec::new();
    };
    let file = conflict.file;
    let Some(open) = state.files.get_mut(file) else {
        return Vec::new();
    };
    let shift = forced.shift(&open.doc);
    if let Err(err) = forced.apply(&mut open.doc) {
        state.message = Some(Message::error(format!(
            "could not keep your version: {err}"
        )));
        return Vec::new();
    }
    open.unsaved.push(forced);
    let mut effects = refresh_after(state, file, &|p| shift.moved(p), Some(conflict.change.id()));
    state.message = Some(Message::info(format!(
        "kept your version of item {}",
        conflict.change.id()
    )));
    effects.push(Effect::Save { file });
    effects
}

/// The change that turns the disk's version into this session's.
fn forced_change(conflict: &ConflictView) -> Option<Change> {
    match (&conflict.mine, &conflict.theirs) {
        (Some(mine), Some(theirs)) => Some(Change::Replace {
            before: theirs.clone(),
            after: mine.clone(),
        }),
        (None, Some(theirs)) => Some(Change::Remove {
            index: 0,
            item: theirs.clone(),
        }),
        (Some(mine), None) => Some(Change::Insert {
            index: usize::MAX,
            item: mine.clone(),
        }),
        (None, None) => None,
    }
}
