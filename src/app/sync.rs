//! Keeping memory and disk in step: what happens when a save succeeds or fails, and when a file
//! changed on disk — unsaved edits are replayed on the new version, and where one collides with
//! the other writer's change the user chooses, item by item. Nothing is overwritten silently.

use crate::lang::trf;
use std::collections::HashMap;

use super::Effect;
use super::dialog::ConflictView;
use super::editing::refresh_after;
use super::state::{Message, OpenFile, Overlay, State};
use crate::model::{Change, Document, Replayed, net, replay};
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
    let saved = trf(state.settings.lang, "msg.saved", &[("file", &open.name())]);
    // what the footer said before (an edit re-applied, a new id) stays in front of "saved"
    state.message = Some(match state.message.take() {
        Some(earlier)
            if earlier.level != super::Level::Error && !earlier.text.ends_with(&saved) =>
        {
            Message {
                text: format!("{} · {saved}", earlier.text),
                level: earlier.level,
            }
        }
        _ => Message::info(saved),
    });
    if more {
        vec![Effect::Save { file }]
    } else {
        super::team::after_save(state)
    }
}

pub(crate) fn save_failed(state: &mut State, file: usize, error: crate::lang::Phrase) {
    let Some(open) = state.files.get_mut(file) else {
        return;
    };
    // The reason quotes paths: cleaned, like everything from outside.
    let error = crate::text::clean_line(&error.text(state.settings.lang)).into_owned();
    open.save_error = Some(error.clone());
    super::team::save_failed(state);
    let text = trf(state.settings.lang, "msg.not_saved", &[("error", &error)]);
    state.message = Some(Message::error(text));
}

pub(crate) fn reload_failed(state: &mut State, file: usize, error: crate::lang::Phrase) {
    let Some(open) = state.files.get(file) else {
        return;
    };
    let error = crate::text::clean_line(&error.text(state.settings.lang)).into_owned();
    let text = trf(
        state.settings.lang,
        "msg.unreadable",
        &[("file", &open.name()), ("error", &error)],
    );
    state.message = Some(Message::warning(text));
}

/// A file changed on disk: take the new version, make the unsaved edits again on it (reduced to
/// their net effect and merged field by field), and find again what waits over the screen.
pub(crate) fn reloaded(state: &mut State, file: usize, loaded: Loaded) -> Vec<Effect> {
    let selected_id = state.selected_item().map(|i| i.id.clone());
    let selected_file = state.selected_file();
    let Some(open) = state.files.get_mut(file) else {
        return Vec::new();
    };
    let pending = net(std::mem::take(&mut open.unsaved));
    let mut fresh = OpenFile::from(loaded);
    let mut conflicts = Vec::new();
    let mut notes = Vec::new();
    let mut renamed = Vec::new();
    for change in pending {
        match replay(change, &mut fresh.doc) {
            Replayed::Applied(change) => fresh.unsaved.push(change),
            Replayed::Renamed { change, from } => {
                notes.push(trf(
                    state.settings.lang,
                    "msg.id_taken_yours",
                    &[("from", &from), ("to", &change.id())],
                ));
                renamed.push((from, change.id().to_string()));
                fresh.unsaved.push(change);
            }
            Replayed::Nothing => {}
            Replayed::Clash(collision) => conflicts.push(ConflictView {
                file,
                id: collision.id,
                mine: collision.mine,
                theirs: collision.theirs,
                with_theirs: collision.with_theirs,
                clashes: collision.clashes,
            }),
        }
    }
    for (from, to) in &renamed {
        state.history.renamed(file, from, to);
    }
    let name = fresh.name();
    let replayed = fresh.unsaved.len();
    let new_places = state
        .list
        .filter
        .is_some()
        .then(|| new_places(&open.doc, &fresh.doc));
    let old = std::mem::replace(open, fresh);
    // the selection follows an item of this session's whose id was taken
    let keep = selected_id.filter(|_| selected_file == file).map(|id| {
        let now = renamed.iter().find(|(from, _)| *from == id);
        now.map_or(id, |(_, to)| to.clone())
    });
    let moved = |old: usize| new_places.as_ref()?.get(old).copied().flatten();
    let mut effects = refresh_after(state, file, &moved, keep.as_deref());
    notes.extend(super::waiting::rebase(state, file, &old.doc, &renamed));
    let head = match (replayed, conflicts.len()) {
        (0, 0) => trf(state.settings.lang, "msg.reloaded", &[("file", &name)]),
        (_, 0) => trf(
            state.settings.lang,
            "msg.reloaded_reapplied",
            &[("file", &name)],
        ),
        (_, n) => trf(
            state.settings.lang,
            "msg.reloaded_collide",
            &[("file", &name), ("n", &n)],
        ),
    };
    notes.insert(0, head);
    let reload = Message::warning(notes.join(" · "));
    state.message = Some(super::team::after_reload(state, reload));
    show_conflicts(state, conflicts);
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

/// Adds conflicts with a change on disk: they take the keys; a form or question waits under
/// them, any other overlay closes.
fn show_conflicts(state: &mut State, conflicts: Vec<ConflictView>) {
    if conflicts.is_empty() {
        return;
    }
    let waits = state
        .overlay
        .as_ref()
        .is_some_and(Overlay::waits_for_answer);
    if state.conflicts.is_empty() && !waits {
        state.close_overlay();
    }
    state.conflicts.extend(conflicts);
}

/// Which version of a conflicting item to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// This session's version, written over the disk's.
    Mine,
    /// The disk's version, with this session's changes that did not clash.
    Theirs,
}

/// Resolves the first conflict, keeping `keep`.
pub(crate) fn resolve(state: &mut State, keep: Keep) -> Vec<Effect> {
    let keep_mine = keep == Keep::Mine;
    if state.conflicts.is_empty() {
        return Vec::new();
    }
    // the last one settled gives the keys back to what waited under the conflicts
    let conflict = state.conflicts.remove(0);
    let forced = if keep_mine {
        forced_change(&conflict)
    } else {
        their_change(&conflict)
    };
    let Some(forced) = forced else {
        let text = trf(
            state.settings.lang,
            "msg.kept_disk",
            &[("id", &conflict.id)],
        );
        state.message = Some(Message::info(text));
        return Vec::new();
    };
    let file = conflict.file;
    let Some(open) = state.files.get_mut(file) else {
        return Vec::new();
    };
    let shift = forced.shift(&open.doc);
    if let Err(err) = forced.apply(&mut open.doc) {
        let error = err.phrase().text(state.settings.lang);
        let text = trf(
            state.settings.lang,
            "msg.could_not_keep",
            &[("error", &error)],
        );
        state.message = Some(Message::error(text));
        return Vec::new();
    }
    open.unsaved.push(forced);
    let mut effects = refresh_after(state, file, &|p| shift.moved(p), Some(&conflict.id));
    let key = if keep_mine {
        "msg.kept_yours"
    } else {
        "msg.kept_disk_with_yours"
    };
    state.message = Some(Message::info(trf(
        state.settings.lang,
        key,
        &[("id", &conflict.id)],
    )));
    effects.push(Effect::Save { file });
    effects
}

/// "Take theirs": the disk's version with this session's changes that did not clash, if any.
fn their_change(conflict: &ConflictView) -> Option<Change> {
    match (&conflict.theirs, &conflict.with_theirs) {
        (Some(theirs), Some(with)) if theirs != with => Some(Change::Replace {
            before: theirs.clone(),
            after: with.clone(),
        }),
        _ => None,
    }
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
