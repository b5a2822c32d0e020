//! The glue between the pure update function and the disk: runs the effects an update asks for
//! (saves, with a reload and replay when someone else changed the file), and notices files that
//! changed on disk while nobody was editing. In the interactive session every read and write of a
//! data file — saves, and reloads after an outside change — runs on the saver thread, and what
//! they lead to (the replay's save, a search again) takes the same background paths.

use crate::app::{Effect, Event, IndexSource, State, update};

mod journal;
mod watcher;
use std::sync::Arc;
pub use watcher::Watcher;
use watcher::read_again;

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
    worker: Option<Searcher>,
    background_search: bool,
    saver: Option<Saver>,
    watcher: Watcher,
    /// Saves, reloads, searches and minutes done on the calling thread (the interface thread, in
    /// the interactive session) rather than handed off.
    done_here: usize,
    /// Work for a layer above (git syncs), waiting to be taken with [`Runtime::take_outside`].
    outside: Vec<Effect>,
}

impl Runtime {
    /// For the interactive session: searches and saves run on threads of their own.
    pub fn interactive() -> Runtime {
        Runtime {
            background_search: true,
            saver: Some(Saver::spawn()),
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
        let effects = self.send_saves(state, effects);
        let (done, outside) = run_queue(state, effects);
        self.done_here += done;
        self.outside.extend(outside);
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

    /// Hands saves to the saver thread; a file already being saved is saved again, with
    /// whatever changed meanwhile, when that save reports back.
    fn send_saves(&mut self, state: &State, effects: Vec<Effect>) -> Vec<Effect> {
        let Some(saver) = &mut self.saver else {
            return effects;
        };
        let mut rest = Vec::new();
        for effect in effects {
            let Effect::Save { file } = effect else {
                rest.push(effect);
                continue;
            };
            if saver.busy.contains(&file) {
                continue;
            }
            let Some(job) = save_job(state, file) else {
                continue;
            };
            SAVES_PENDING.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            if saver.jobs.send(Job::Save(job)).is_ok() {
                saver.busy.push(file);
            } else {
                SAVES_PENDING.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                rest.push(effect);
            }
        }
        rest
    }

    /// Takes one outcome of the saver, if any; with `wait`, waits for it.
    fn take_saves(&mut self, state: &mut State, wait: bool) -> bool {
        let Some(saver) = &mut self.saver else {
            return false;
        };
        let outcome = if wait {
            saver
                .outcomes
                .recv_timeout(std::time::Duration::from_secs(30))
                .ok()
        } else {
            saver.outcomes.try_recv().ok()
        };
        let Some(event) = outcome else {
            return false;
        };
        if let Some(file) = event.file() {
            saver.busy.retain(|f| *f != file);
            self.watcher.outcome(state, file, &event);
        }
        let effects = journal::applied(state, event);
        self.run(state, effects);
        true
    }

    /// True while a save handed to the saver thread has not reported back.
    pub fn saving(&self) -> bool {
        self.saver.as_ref().is_some_and(|s| !s.busy.is_empty())
    }

    /// Before the session ends: waits for saves under way and for the saves they lead to.
    pub fn finish(&mut self, state: &mut State) {
        while self.saving() {
            if !self.take_saves(state, true) {
                break;
            }
        }
    }

    /// Takes finished search results and notices files changed by others.
    pub fn poll(&mut self, state: &mut State, check_files: bool) {
        while self.take_saves(state, false) {}
        let built = self.worker.as_ref().and_then(|s| s.worker.take_built());
        if let Some((version, index)) = built {
            let effects = update(state, Event::IndexBuilt { version, index });
            self.run(state, effects);
        }
        let result = self.worker.as_ref().and_then(|s| s.worker.poll());
        if let Some(result) = result {
            let effects = update(state, Event::SearchResults(Box::new(result)));
            self.run(state, effects);
        }
        if check_files && !self.saving() {
            for file in self.watcher.changed(state) {
                self.reload(state, file);
            }
        }
    }

    /// Reads `file` again after someone else changed it: on the saver thread when there is one
    /// (the outcome comes back through [`Runtime::poll`]), otherwise here.
    fn reload(&mut self, state: &mut State, file: usize) {
        let Some(open) = state.files.get(file) else {
            return;
        };
        let (path, seen) = (open.path.clone(), open.fingerprint);
        if let Some(saver) = &mut self.saver
            && saver
                .jobs
                .send(Job::Reload {
                    file,
                    path: path.clone(),
                    seen,
                })
                .is_ok()
        {
            saver.busy.push(file);
            return;
        }
        let event = read_again(&path, file, &seen);
        self.done_here += 1;
        self.watcher.outcome(state, file, &event);
        let effects = journal::applied(state, event);
        self.run(state, effects);
    }

    /// How many reads and writes of data files are under way on the saver thread.
    pub fn background_jobs(&self) -> usize {
        self.saver.as_ref().map_or(0, |s| s.busy.len())
    }

    /// Hands searches and index builds to the worker (starting it when needed).
    fn send_searches(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut rest = Vec::new();
        for effect in effects {
            match effect {
                Effect::Search {
                    generation,
                    query,
                    version,
                    index,
                } => {
                    let searcher = self.worker.get_or_insert_with(Searcher::spawn);
                    searcher.use_index(version, index);
                    searcher.worker.submit(generation, query);
                }
                Effect::PrepareIndex { version, index } => {
                    let searcher = self.worker.get_or_insert_with(Searcher::spawn);
                    searcher.use_index(version, index);
                }
                other => rest.push(other),
            }
        }
        rest
    }
}

/// The search worker and the data version of the index it has (or is building).
struct Searcher {
    worker: SearchWorker,
    version: Option<u64>,
}

impl Searcher {
    fn spawn() -> Searcher {
        Searcher {
            worker: SearchWorker::spawn(Arc::new(SearchIndex::default())),
            version: None,
        }
    }

    /// Gives the worker the index of data version `version`, unless it has it already.
    fn use_index(&mut self, version: u64, index: IndexSource) {
        if self.version == Some(version) {
            return;
        }
        self.version = Some(version);
        match index {
            IndexSource::Ready(index) => self.worker.set_index(index),
            IndexSource::Build(build) => {
                self.worker.build_index(version, Box::new(move || build()))
            }
        }
    }
}

/// Runs `effects` and what they lead to here and now; returns how many of them read or wrote a
/// file or searched, and the effects left for the layer above.
fn run_queue(state: &mut State, effects: Vec<Effect>) -> (usize, Vec<Effect>) {
    let mut outside = Vec::new();
    let mut queue = effects;
    let mut rounds = 0;
    let mut done = 0;
    while !queue.is_empty() && rounds < MAX_SAVE_ROUNDS {
        rounds += 1;
        dedup_saves(&mut queue);
        let mut next = Vec::new();
        for effect in std::mem::take(&mut queue) {
            done += usize::from(!matches!(
                effect,
                Effect::PrepareIndex { .. } | Effect::Sync { .. }
            ));
            let event = match effect {
                Effect::Save { file } => save(state, file),
                Effect::Search {
                    generation,
                    query,
                    version,
                    index,
                } => {
                    let index = index_in_place(state, version, index, &mut next);
                    let result = search_now(generation, &query, &index);
                    Some(Event::SearchResults(Box::new(result)))
                }
                // searching in place builds the index when it is first needed
                Effect::PrepareIndex { .. } => None,
                sync @ Effect::Sync { .. } => {
                    outside.push(sync);
                    None
                }
                Effect::WriteReport {
                    folder,
                    name,
                    text,
                    items,
                    of,
                } => Some(
                    match store::write_new(&folder, &name, "txt", text.as_bytes()) {
                        Ok(path) => Event::ReportWritten { path, items, of },
                        Err(err) => Event::ReportFailed {
                            error: err.to_string(),
                        },
                    },
                ),
                Effect::WriteMinutes { folder, name, text } => Some(
                    match store::write_new(&folder, &name, "md", text.as_bytes()) {
                        Ok(path) => Event::MinutesWritten { path },
                        Err(err) => Event::MinutesFailed {
                            error: err.to_string(),
                        },
                    },
                ),
            };
            if let Some(event) = event {
                next.extend(journal::applied(state, event));
            }
        }
        queue = next;
    }
    (done, outside)
}

/// The index a search in place uses, built here when needed (the state is told, so the next
/// search finds it ready; what that update asks for joins `next`).
fn index_in_place(
    state: &mut State,
    version: u64,
    index: IndexSource,
    next: &mut Vec<Effect>,
) -> Arc<SearchIndex> {
    match index {
        IndexSource::Ready(index) => index,
        IndexSource::Build(build) => {
            let index = Arc::new(build());
            let built = Event::IndexBuilt {
                version,
                index: Arc::clone(&index),
            };
            next.extend(update(state, built));
            index
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

/// Saves one file; the outcome comes back as an event.
fn save(state: &State, file: usize) -> Option<Event> {
    save_job(state, file).map(SaveJob::run)
}

/// A save to do: the document written out as pieces (runs of the file's text it was read from and
/// the changed items), with what the file looked like when read.
struct SaveJob {
    file: usize,
    path: std::path::PathBuf,
    text: store::Written,
    seen: store::Fingerprint,
    /// How many unsaved changes the text includes.
    covered: usize,
}

fn save_job(state: &State, file: usize) -> Option<SaveJob> {
    let open = state.files.get(file)?;
    Some(SaveJob {
        file,
        path: open.path.clone(),
        text: store::write_pieces(&open.doc),
        seen: open.fingerprint,
        covered: open.unsaved.len(),
    })
}

impl SaveJob {
    /// Writes the file (or reads it again when someone else changed it); the outcome as an event.
    fn run(self) -> Event {
        let file = self.file;
        match store::save_written(&self.path, &self.text, &self.seen) {
            Ok(saved) => Event::Saved {
                file,
                fingerprint: saved.fingerprint,
                covered: self.covered,
                notice: saved
                    .notice
                    .map(|n| crate::text::clean_line(&n).into_owned()),
            },
            Err(SaveError::ChangedOnDisk { .. }) => reload(&self.path, file),
            Err(err) => Event::SaveFailed {
                file,
                error: crate::text::clean_line(&err.to_string()).into_owned(),
            },
        }
    }
}

/// Saves handed to the saver thread and not finished yet, across the process.
static SAVES_PENDING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// True while some save of this process has not finished (a process that must stop waits).
pub fn saves_pending() -> bool {
    SAVES_PENDING.load(std::sync::atomic::Ordering::SeqCst) > 0
}

/// Work for the saver thread.
enum Job {
    Save(SaveJob),
    /// Read a file someone else may have changed (`seen`: how it looked when last read).
    Reload {
        file: usize,
        path: std::path::PathBuf,
        seen: store::Fingerprint,
    },
}

impl Job {
    fn run(self) -> Event {
        match self {
            Job::Save(job) => {
                let outcome = job.run();
                SAVES_PENDING.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                outcome
            }
            Job::Reload { file, path, seen } => read_again(&path, file, &seen),
        }
    }
}

/// Saves and reloads run on a thread of their own, so a large file never stops the keyboard: the
/// interface thread only lists the pieces of the new text (the changed items written out, the rest
/// as runs of the old text); putting them on disk, the copying included, and reading a file
/// someone else changed happen here.
struct Saver {
    jobs: std::sync::mpsc::Sender<Job>,
    outcomes: std::sync::mpsc::Receiver<Event>,
    /// Files with a save under way; another save of the same file waits for it.
    busy: Vec<usize>,
}

impl Saver {
    fn spawn() -> Saver {
        let (jobs, inbox) = std::sync::mpsc::channel::<Job>();
        let (outbox, outcomes) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for job in inbox {
                let outcome = job.run();
                if outbox.send(outcome).is_err() {
                    break;
                }
            }
        });
        Saver {
            jobs,
            outcomes,
            busy: Vec::new(),
        }
    }
}

fn reload(path: &std::path::Path, file: usize) -> Event {
    match store::load(path) {
        Ok(loaded) => Event::Reloaded {
            file,
            loaded: Box::new(loaded),
        },
        Err(err) => Event::SaveFailed {
            file,
            error: format!("the file changed on disk and cannot be read: {err}"),
        },
    }
}
