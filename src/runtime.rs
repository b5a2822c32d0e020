//! The glue between the pure update function and the disk: runs the effects an update asks for
//! (saves, with a reload and replay when someone else changed the file), and notices files that
//! changed on disk while nobody was editing.

use std::collections::HashMap;
use std::time::SystemTime;

use crate::app::{Action, Effect, State, update};
use std::sync::Arc;

use crate::search::{SearchIndex, SearchResult, SearchWorker};
use crate::store::{self, SaveError};

/// Rounds of save → changed on disk → reload → save before giving up for now.
const MAX_SAVE_ROUNDS: usize = 5;

/// Runs `effects` and everything they lead to, searching in place (for tests and one-shot use).
pub fn run_effects(state: &mut State, effects: Vec<Effect>) {
    Runtime::default().run(state, effects);
}

/// What the interactive session keeps between updates: the search worker (searches run off the
/// interface thread; a newer keystroke cancels older work) and the watcher of files on disk.
#[derive(Default)]
pub struct Runtime {
    worker: Option<(SearchWorker, Arc<SearchIndex>)>,
    background_search: bool,
    watcher: Watcher,
}

impl Runtime {
    /// For the interactive session: searches go to a background worker.
    pub fn interactive() -> Runtime {
        Runtime {
            background_search: true,
            ..Runtime::default()
        }
    }

    /// Runs `effects` and everything they lead to.
    pub fn run(&mut self, state: &mut State, effects: Vec<Effect>) {
        let effects = if self.background_search {
            self.send_searches(effects)
        } else {
            effects
        };
        run_queue(state, effects);
    }

    /// Takes finished search results and notices files changed by others.
    pub fn poll(&mut self, state: &mut State, check_files: bool) {
        let result = self.worker.as_ref().and_then(|(worker, _)| worker.poll());
        if let Some(result) = result {
            let effects = update(state, Action::SearchResults(Box::new(result)));
            self.run(state, effects);
        }
        if check_files {
            self.watcher.check(state);
        }
    }

    /// Hands searches to the worker (starting it, or giving it a newer index, as needed).
    fn send_searches(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut rest = Vec::new();
        for effect in effects {
            let Effect::Search {
                generation,
                query,
                index,
            } = effect
            else {
                rest.push(effect);
                continue;
            };
            match &mut self.worker {
                Some((worker, current)) => {
                    if !Arc::ptr_eq(current, &index) {
                        worker.set_index(Arc::clone(&index));
                        *current = index;
                    }
                    worker.submit(generation, query);
                }
                None => {
                    let worker = SearchWorker::spawn(Arc::clone(&index));
                    worker.submit(generation, query);
                    self.worker = Some((worker, index));
                }
            }
        }
        rest
    }
}

fn run_queue(state: &mut State, effects: Vec<Effect>) {
    let mut queue = effects;
    let mut rounds = 0;
    while !queue.is_empty() && rounds < MAX_SAVE_ROUNDS {
        rounds += 1;
        dedup_saves(&mut queue);
        let mut next = Vec::new();
        for effect in std::mem::take(&mut queue) {
            let action = match effect {
                Effect::Save { file } => save(state, file),
                Effect::Search {
                    generation,
                    query,
                    index,
                } => Some(Action::SearchResults(Box::new(search_now(
                    generation, &query, &index,
                )))),
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

/// Drops repeated saves of the same file (one save writes every edit made so far).
fn dedup_saves(queue: &mut Vec<Effect>) {
    let mut seen = Vec::new();
    queue.retain(|effect| match effect {
        Effect::Save { file } if seen.contains(file) => false,
        Effect::Save { file } => {
            seen.push(*file);
            true
        }
        _ => true,
    });
}

/// A complete search done right away (the interface uses the background worker instead).
pub fn search_now(generation: u64, query: &str, index: &SearchIndex) -> SearchResult {
    let (hits, error) = match crate::search::rank(index, query) {
        Ok(hits) => (hits, None),
        Err(error) => (Vec::new(), Some(error)),
    };
    SearchResult {
        generation,
        query: query.to_string(),
        hits,
        complete: true,
        error,
        total: index.len(),
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
