//! The glue between the pure update function and the disk: runs the effects an update asks for
//! (saves, with a reload and replay when someone else changed the file), and notices files that
//! changed on disk while nobody was editing.

use std::collections::HashMap;
use std::time::SystemTime;

use crate::app::{Action, Effect, State, update};
use crate::store::{self, SaveError};

/// Rounds of save → changed on disk → reload → save before giving up for now.
const MAX_SAVE_ROUNDS: usize = 5;

/// Runs `effects` and everything they lead to.
pub fn run_effects(state: &mut State, effects: Vec<Effect>) {
    let mut queue = effects;
    let mut rounds = 0;
    while !queue.is_empty() && rounds < MAX_SAVE_ROUNDS {
        rounds += 1;
        queue.dedup();
        let mut next = Vec::new();
        for effect in std::mem::take(&mut queue) {
            let action = match effect {
                Effect::Save { file } => save(state, file),
                Effect::WriteMinutes { folder, name, text } => Some(
                    match store::write_new(&folder, &name, "md", text.as_bytes()) {
                        Ok(path) => Action::MinutesWritten { path },
                        Err(err) => Action::MinutesFailed {
                            error: err.to_string(),
                        },
                    },
                ),
            };
            if let Some(action) = action {
                next.extend(update(state, action));
            }
        }
        queue = next;
    }
}

/// Saves one file; the outcome comes back as an action.
fn save(state: &State, file: usize) -> Option<Action> {
    let open = state.files.get(file)?;
    Some(
        match store::save(&open.path, &open.doc, &open.fingerprint) {
            Ok(fingerprint) => Action::Saved { file, fingerprint },
            Err(SaveError::ChangedOnDisk { .. }) => reload(state, file)?,
            Err(err) => Action::SaveFailed {
                file,
                error: crate::text::clean_line(&err.to_string()).into_owned(),
            },
        },
    )
}

fn reload(state: &State, file: usize) -> Option<Action> {
    let open = state.files.get(file)?;
    Some(match store::load(&open.path) {
        Ok(loaded) => Action::Reloaded {
            file,
            loaded: Box::new(loaded),
        },
        Err(err) => Action::SaveFailed {
            file,
            error: format!("the file changed on disk and cannot be read: {err}"),
        },
    })
}

/// Watches the open files for changes made by others.
#[derive(Debug, Default)]
pub struct Watcher {
    /// Files whose new version could not be read, with how they looked then, so the problem is
    /// reported once and not on every check.
    unreadable: HashMap<usize, (u64, Option<SystemTime>)>,
}

impl Watcher {
    /// Reloads every file that changed on disk (and replays unsaved edits on it).
    pub fn check(&mut self, state: &mut State) {
        for file in 0..state.files.len() {
            let open = &state.files[file];
            if !store::changed_since(&open.path, &open.fingerprint) {
                self.unreadable.remove(&file);
                continue;
            }
            let stat = store::stat(&open.path);
            if stat.is_some() && self.unreadable.get(&file) == stat.as_ref() {
                continue;
            }
            let action = match store::load(&open.path) {
                Ok(loaded) => {
                    self.unreadable.remove(&file);
                    Action::Reloaded {
                        file,
                        loaded: Box::new(loaded),
                    }
                }
                Err(err) => {
                    if let Some(stat) = stat {
                        self.unreadable.insert(file, stat);
                    }
                    Action::ReloadFailed {
                        file,
                        error: err.to_string(),
                    }
                }
            };
            let effects = update(state, action);
            run_effects(state, effects);
        }
    }
}
