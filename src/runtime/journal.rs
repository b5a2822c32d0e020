//! The diagnostics log (`--log FILE` / `TALLY_LOG`): what happened to each file on disk — saved,
//! failed to save, read again after someone else changed it and what became of the edits not yet
//! saved — written with `tracing`, so it goes wherever the subscriber `main` set up sends it (a
//! file, never the screen) and nowhere when there is none.

use crate::app::{Effect, Event, State, update};

/// Logs the outcome an event carries, applies it, and logs what a reload did to unsaved edits
/// (the message the update leaves says whether they were merged or are in conflict).
pub(super) fn applied(state: &mut State, event: Event) -> Vec<Effect> {
    let reloaded = log_outcome(state, &event);
    let before = state.message.clone();
    let effects = update(state, event);
    if let Some(file) = reloaded
        && state.message != before
        && let Some(message) = &state.message
    {
        tracing::info!(path = %path(state, file), "after reload: {}", message.text);
    }
    effects
}

/// Logs a disk outcome; returns the file when the event is a reload.
fn log_outcome(state: &State, event: &Event) -> Option<usize> {
    match event {
        Event::Saved { file, covered, .. } => {
            tracing::info!(path = %path(state, *file), edits = covered, "saved");
        }
        Event::SaveFailed { file, error } => {
            tracing::warn!(path = %path(state, *file), "save failed: {error}");
        }
        Event::Reloaded { file, loaded } => {
            let items = loaded.doc.items().len();
            tracing::info!(path = %path(state, *file), items, "changed on disk; read again");
            return Some(*file);
        }
        Event::Unchanged { file, .. } => {
            tracing::debug!(path = %path(state, *file), "touched on disk, content unchanged");
        }
        Event::ReloadFailed { file, error } => {
            tracing::warn!(path = %path(state, *file), "changed on disk but unreadable: {error}");
        }
        _ => {}
    }
    None
}

fn path(state: &State, file: usize) -> String {
    state
        .path(file)
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}
