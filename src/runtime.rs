//! The glue between the pure update function and the disk: runs the effects an update asks for
//! (saves, with a reload and replay when someone else changed the file; searches; files written),
//! feeds their outcomes back to `update` as [`Event`]s, and notices files that changed on disk
//! while nobody was editing. One runtime with two executors: [`Runtime::default`] does the work
//! here and now (tests, one-shot use); [`Runtime::interactive`] hands every read and write of a
//! data file to the saver thread and every search to the search worker, and what they lead to
//! (the replay's save, a search again) takes the same paths.

use crate::app::{Effect, Event, IndexSource, State};

mod journal;
mod saver;
mod searcher;
mod watcher;

pub use saver::saves_pending;
use saver::{Job, Saver, save, save_job};
use searcher::Searcher;
pub use searcher::search_now;
use watcher::{Watcher, read_again};

use crate::store;

/// Rounds of save → changed on disk → reload → save before giving up for now.
const MAX_SAVE_ROUNDS: usize = 5;

/// Runs `effects` and everything they lead to, here and now (for tests and one-shot use).
pub fn run_effects(state: &mut State, effects: Vec<Effect>) {
    Runtime::default().run(state, effects);
}

/// Runs what updates ask for and keeps what that needs between updates: the executor and the
/// watcher of files on disk.
#[derive(Default)]
pub struct Runtime {
    executor: Executor,
    watcher: Watcher,
    /// Saves, reloads, searches and minutes done on the calling thread (the interface thread, in
    /// the interactive session) rather than handed off.
    done_here: usize,
    /// Work for a layer above (git syncs, copying, editing in another program), waiting to be
    /// taken with [`Runtime::take_outside`].
    outside: Vec<Effect>,
}

/// Where saves, reloads and searches run.
#[derive(Default)]
enum Executor {
    /// On the calling thread, right away; a search builds the index it needs first.
    #[default]
    Inline,
    /// Reads and writes on the saver thread, searches on the search worker (started on the first
    /// search); outcomes come back through [`Runtime::poll`].
    Threaded {
        saver: Saver,
        searcher: Option<Searcher>,
    },
}

impl Runtime {
    /// For the interactive session: searches and saves run on threads of their own.
    pub fn interactive() -> Runtime {
        Runtime {
            executor: Executor::Threaded {
                saver: Saver::spawn(),
                searcher: None,
            },
            ..Runtime::default()
        }
    }

    /// Runs `effects` and everything they lead to.
    pub fn run(&mut self, state: &mut State, effects: Vec<Effect>) {
        let mut queue = effects;
        let mut rounds = 0;
        while !queue.is_empty() && rounds < MAX_SAVE_ROUNDS {
            rounds += 1;
            dedup_saves(&mut queue);
            let mut next = Vec::new();
            for effect in std::mem::take(&mut queue) {
                if let Some(event) = self.execute(state, effect, &mut next) {
                    next.extend(journal::applied(state, event));
                }
            }
            queue = next;
        }
    }

    /// Carries one effect out: the outcome when it is known at once, `None` when it comes later
    /// (from a thread) or never. Effects of updates made on the way join `next`.
    fn execute(
        &mut self,
        state: &mut State,
        effect: Effect,
        next: &mut Vec<Effect>,
    ) -> Option<Event> {
        match effect {
            Effect::Save { file } => self.save(state, file),
            Effect::Search {
                generation,
                query,
                version,
                index,
            } => self.search(state, (version, index), Some((generation, query)), next),
            Effect::PrepareIndex { version, index } => {
                self.search(state, (version, index), None, next)
            }
            outside @ (Effect::Sync { .. } | Effect::Copy { .. } | Effect::EditOutside { .. }) => {
                self.outside.push(outside);
                None
            }
            Effect::WriteReport {
                folder,
                name,
                text,
                items,
                of,
            } => {
                self.done_here += 1;
                Some(
                    match store::write_new(&folder, &name, "txt", text.as_bytes()) {
                        Ok(path) => Event::ReportWritten { path, items, of },
                        Err(err) => Event::ReportFailed {
                            error: err.to_string(),
                        },
                    },
                )
            }
            Effect::WriteMinutes { folder, name, text } => {
                self.done_here += 1;
                Some(
                    match store::write_new(&folder, &name, "md", text.as_bytes()) {
                        Ok(path) => Event::MinutesWritten { path },
                        Err(err) => Event::MinutesFailed {
                            error: err.to_string(),
                        },
                    },
                )
            }
        }
    }

    /// Saves `file`: here, or on the saver thread (a file already being saved there is saved
    /// again, with whatever changed meanwhile, when that save reports back).
    fn save(&mut self, state: &State, file: usize) -> Option<Event> {
        let Executor::Threaded { saver, .. } = &mut self.executor else {
            self.done_here += 1;
            return save(state, file);
        };
        if saver.busy.contains(&file) {
            return None;
        }
        let job = save_job(state, file)?;
        saver::SAVES_PENDING.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if saver.jobs.send(Job::Save(job)).is_ok() {
            saver.busy.push(file);
            return None;
        }
        saver::SAVES_PENDING.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        self.done_here += 1;
        save(state, file)
    }

    /// The one place a search (`query`: generation and text) or an index build (`query` = None)
    /// is carried out: on the worker, which keeps the index of one data version; or here, with
    /// the index built first when it is not ready (the state is told, so the next search finds
    /// it).
    fn search(
        &mut self,
        state: &mut State,
        (version, index): (u64, IndexSource),
        query: Option<(u64, String)>,
        next: &mut Vec<Effect>,
    ) -> Option<Event> {
        if let Executor::Threaded { searcher, .. } = &mut self.executor {
            let searcher = searcher.get_or_insert_with(Searcher::spawn);
            searcher.use_index(version, index);
            if let Some((generation, query)) = query {
                searcher.worker.submit(generation, query);
            }
            return None;
        }
        // searching here builds the index when it is first needed
        let (generation, query) = query?;
        self.done_here += 1;
        let index = match index {
            IndexSource::Ready(index) => index,
            IndexSource::Build(build) => {
                let index = std::sync::Arc::new(build());
                let built = Event::IndexBuilt {
                    version,
                    index: std::sync::Arc::clone(&index),
                };
                next.extend(crate::app::update(state, built));
                index
            }
        };
        let result = search_now(generation, &query, &index);
        Some(Event::SearchResults(Box::new(result)))
    }

    /// How many saves, reloads, searches and minutes this runtime did on the calling thread. The
    /// interactive session hands every one of them to a thread of its own, so it stays 0 there.
    pub fn work_done_here(&self) -> usize {
        self.done_here
    }

    /// Effects this runtime does not carry out itself (a sync with git): the caller's to run.
    pub fn take_outside(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.outside)
    }

    /// Applies an outcome that came back from elsewhere, and runs what it leads to.
    fn apply(&mut self, state: &mut State, event: Event) {
        if let Some(file) = event.file() {
            if let Executor::Threaded { saver, .. } = &mut self.executor {
                saver.busy.retain(|f| *f != file);
            }
            self.watcher.outcome(state, file, &event);
        }
        let effects = journal::applied(state, event);
        self.run(state, effects);
    }

    /// Takes one outcome of the saver, if any; with `wait`, waits for it.
    fn take_saves(&mut self, state: &mut State, wait: bool) -> bool {
        let Executor::Threaded { saver, .. } = &mut self.executor else {
            return false;
        };
        let outcome = if wait {
            let patience = std::time::Duration::from_secs(30);
            saver.outcomes.recv_timeout(patience).ok()
        } else {
            saver.outcomes.try_recv().ok()
        };
        let Some(event) = outcome else {
            return false;
        };
        self.apply(state, event);
        true
    }

    /// True while a save handed to the saver thread has not reported back.
    pub fn saving(&self) -> bool {
        self.background_jobs() > 0
    }

    /// Before the session ends: waits for saves under way and for the saves they lead to.
    pub fn finish(&mut self, state: &mut State) {
        while self.saving() {
            if !self.take_saves(state, true) {
                break;
            }
        }
    }

    /// Takes what the threads finished (saves, reloads, index builds, search results) and, with
    /// `check_files`, notices files changed by others and reads them again.
    pub fn poll(&mut self, state: &mut State, check_files: bool) {
        while self.take_saves(state, false) {}
        if let Executor::Threaded {
            searcher: Some(searcher),
            ..
        } = &self.executor
        {
            let built = searcher.worker.take_built();
            let result = searcher.worker.poll();
            if let Some((version, index)) = built {
                let effects = crate::app::update(state, Event::IndexBuilt { version, index });
                self.run(state, effects);
            }
            if let Some(result) = result {
                let effects = crate::app::update(state, Event::SearchResults(Box::new(result)));
                self.run(state, effects);
            }
        }
        if check_files && !self.saving() {
            for file in self.watcher.changed(state) {
                self.reload(state, file);
            }
        }
    }

    /// Reads every file that changed on disk again (and replays unsaved edits on it) through this
    /// runtime; returns the effects that follow and are not the runtime's to run (a sync that was
    /// waiting for a save).
    pub fn check_files(&mut self, state: &mut State) -> Vec<Effect> {
        self.poll(state, true);
        self.take_outside()
    }

    /// Reads `file` again after someone else changed it: on the saver thread when there is one
    /// (the outcome comes back through [`Runtime::poll`]), otherwise here.
    fn reload(&mut self, state: &mut State, file: usize) {
        let Some(open) = state.files.get(file) else {
            return;
        };
        let (path, seen) = (open.path.clone(), open.fingerprint);
        if let Executor::Threaded { saver, .. } = &mut self.executor {
            let job = Job::Reload {
                file,
                path: path.clone(),
                seen,
            };
            if saver.jobs.send(job).is_ok() {
                saver.busy.push(file);
                return;
            }
        }
        self.done_here += 1;
        let event = read_again(&path, file, &seen);
        self.apply(state, event);
    }

    /// How many reads and writes of data files are under way on the saver thread.
    pub fn background_jobs(&self) -> usize {
        match &self.executor {
            Executor::Threaded { saver, .. } => saver.busy.len(),
            Executor::Inline => 0,
        }
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
