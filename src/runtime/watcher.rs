//! Noticing files changed by others: which open files differ on disk from what was last read or
//! written, reading them again, and remembering a version that could not be read so it is
//! reported once.

use std::collections::HashMap;
use std::time::SystemTime;

use crate::app::{Event, State};
use crate::store;

/// A file someone else may have changed (its size or time moved since `seen`), read again; the
/// outcome as an event.
pub(super) fn read_again(path: &std::path::Path, file: usize, seen: &store::Fingerprint) -> Event {
    if !store::changed_since(path, seen)
        && let Some(fingerprint) = store::fingerprint(path)
    {
        return Event::Unchanged { file, fingerprint };
    }
    match store::load(path) {
        Ok(loaded) => Event::Reloaded {
            file,
            loaded: Box::new(loaded),
        },
        Err(err) => Event::ReloadFailed {
            file,
            error: err.phrase(),
        },
    }
}

/// Watches the open files for changes made by others.
#[derive(Debug, Default)]
pub(super) struct Watcher {
    /// Files whose new version could not be read, with how they looked then, so the problem is
    /// reported once and not on every check (a file that is not there at all, too).
    unreadable: HashMap<usize, Option<(u64, Option<SystemTime>)>>,
}

impl Watcher {
    /// The files whose size or time moved on disk since last read or written (and are not known
    /// unreadable as they are). Only looks at them: reading, and comparing contents, is for
    /// [`read_again`], which the runtime runs here or on its saver thread.
    pub(super) fn changed(&mut self, state: &State) -> Vec<usize> {
        let mut changed = Vec::new();
        for (file, open) in state.files.iter().enumerate() {
            if !store::looks_changed(&open.path, &open.fingerprint) {
                self.unreadable.remove(&file);
                continue;
            }
            let stat = store::stat(&open.path);
            if self.unreadable.get(&file) == Some(&stat) {
                continue;
            }
            changed.push(file);
        }
        changed
    }

    /// Notes how reading `file` again went, so an unreadable version is reported once.
    pub(super) fn outcome(&mut self, state: &State, file: usize, event: &Event) {
        match event {
            Event::Reloaded { .. } => {
                self.unreadable.remove(&file);
            }
            Event::ReloadFailed { .. } => {
                if let Some(path) = state.path(file) {
                    self.unreadable.insert(file, store::stat(path));
                }
            }
            _ => {}
        }
    }
}
