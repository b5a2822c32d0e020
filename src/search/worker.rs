//! The background search thread: the UI submits the query text on every keystroke and takes the
//! results when the thread says they are ready (or on its next tick), so input never waits for
//! matching.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};

use super::engine::{Hit, Pass};
use super::index::SearchIndex;
use super::query::{Query, QueryError};

/// Send the primary-field hits first when at least this many items are left for the goals and
/// notes; smaller remainders finish too soon for an intermediate result to help.
const PROGRESSIVE_MIN: usize = 5_000;

/// One answer from the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchResult {
    /// The generation given to [`SearchWorker::submit`].
    pub generation: u64,
    /// The query text as submitted.
    pub query: String,
    /// Best first. When `complete` is false these are the hits in the primary fields (id, title,
    /// lead, tags, metric names); a complete result for the same generation follows, with hits in
    /// goals and notes joined (usually below them) and items excluded by a negated term's
    /// occurrence in a goal or note removed.
    pub hits: Vec<Hit>,
    /// True for the final result of this generation, which equals [`super::rank`]'s answer.
    pub complete: bool,
    /// Set when the query text could not be parsed (then `hits` is empty and `complete` true):
    /// show the message and keep the list as it was.
    pub error: Option<QueryError>,
    /// How many items the index holds (the M of "N of M").
    pub total: usize,
}

/// Builds an index on the worker's thread (from a snapshot of the items it owns).
pub type IndexBuilder = Box<dyn FnOnce() -> SearchIndex + Send>;

/// Called on the worker's thread each time something is ready to be taken (results, or an index
/// it built), so that a caller waiting for other things too can wake up for it.
pub type Notify = Box<dyn Fn() + Send>;

enum Job {
    Search {
        generation: u64,
        epoch: u64,
        text: String,
    },
    Index(Arc<SearchIndex>),
    Build {
        tag: u64,
        build: IndexBuilder,
    },
}

/// A background search thread over one index.
///
/// ```no_run
/// # use std::sync::Arc;
/// # use tally::search::{SearchIndex, SearchWorker};
/// # let items: Vec<tally::model::Item> = Vec::new();
/// let worker = SearchWorker::spawn(Arc::new(SearchIndex::build(&items)));
/// let mut generation = 0;
/// // on every keystroke in the search line:
/// generation += 1;
/// worker.submit(generation, "外语");
/// // on every tick of the event loop:
/// if let Some(result) = worker.poll() {
///     // show result.hits (result.complete says whether more will follow)
/// }
/// ```
pub struct SearchWorker {
    jobs: Option<Sender<Job>>,
    results: Receiver<SearchResult>,
    shared: Arc<Shared>,
}

struct Shared {
    /// The newest generation submitted; work for any other generation stops.
    latest: AtomicU64,
    /// Bumped by each new index; work on an older index stops.
    epoch: AtomicU64,
    stop: AtomicBool,
    /// The tag of the newest index built by [`SearchWorker::build_index`], until taken. The
    /// index itself stays with the worker.
    built: Mutex<Option<u64>>,
}

impl SearchWorker {
    /// Starts the thread.
    pub fn spawn(index: Arc<SearchIndex>) -> SearchWorker {
        SearchWorker::spawn_notifying(index, Box::new(|| {}))
    }

    /// Starts the thread, which calls `notify` whenever results or a built index are ready.
    pub fn spawn_notifying(index: Arc<SearchIndex>, notify: Notify) -> SearchWorker {
        let (jobs, job_queue) = mpsc::channel();
        let (result_sender, results) = mpsc::channel();
        let shared = Arc::new(Shared {
            latest: AtomicU64::new(0),
            epoch: AtomicU64::new(0),
            stop: AtomicBool::new(false),
            built: Mutex::new(None),
        });
        let thread_shared = shared.clone();
        // without a thread (the system refused one) searches simply never answer
        let _detached = std::thread::Builder::new()
            .name("tally-search".into())
            .spawn(move || run(index, job_queue, (result_sender, notify), &thread_shared));
        SearchWorker {
            jobs: Some(jobs),
            results,
            shared,
        }
    }

    /// Searches for `query` (the search line's whole text) in the background. `generation` must
    /// grow with each call: a newer submission cancels older work, whose results are never sent.
    /// Results come on [`SearchWorker::results`]: for large indexes first the primary-field hits
    /// (`complete: false`), then the complete answer.
    pub fn submit(&self, generation: u64, query: impl Into<String>) {
        self.shared.latest.store(generation, Ordering::SeqCst);
        let job = Job::Search {
            generation,
            epoch: self.shared.epoch.load(Ordering::SeqCst),
            text: query.into(),
        };
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }

    /// Replaces the index (after items were edited, added, removed or reordered). Work on the old
    /// index stops and sends nothing; submit again to search the new one.
    pub fn set_index(&self, index: Arc<SearchIndex>) {
        self.shared.epoch.fetch_add(1, Ordering::SeqCst);
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Index(index));
        }
    }

    /// Replaces the index with one that `build` makes on the worker's thread, so a large index
    /// never holds up the caller. Searches submitted after this call use the new index;
    /// [`SearchWorker::take_built`] says `tag` once it is ready.
    pub fn build_index(&self, tag: u64, build: IndexBuilder) {
        self.shared.epoch.fetch_add(1, Ordering::SeqCst);
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job::Build { tag, build });
        }
    }

    /// The tag of the index the last [`SearchWorker::build_index`] made, once (None before it is
    /// ready, and after it was taken).
    pub fn take_built(&self) -> Option<u64> {
        self.shared.built.lock().ok()?.take()
    }

    /// Where results arrive, in the order they were produced.
    pub fn results(&self) -> &Receiver<SearchResult> {
        &self.results
    }

    /// Takes every result that has arrived and returns the newest one for the latest
    /// submission, if any: call it on each tick of the event loop.
    pub fn poll(&self) -> Option<SearchResult> {
        let latest = self.shared.latest.load(Ordering::SeqCst);
        let mut newest = None;
        loop {
            match self.results.try_recv() {
                Ok(result) if result.generation == latest => newest = Some(result),
                Ok(_) => {}
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return newest,
            }
        }
    }
}

/// Stops the thread without waiting for it: a search stops within one chunk, but an index being
/// built runs to its end (up to seconds on a very large file), and quitting must not wait for
/// that. The thread holds nothing that needs closing.
impl Drop for SearchWorker {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.jobs = None;
    }
}

fn run(
    index: Arc<SearchIndex>,
    jobs: Receiver<Job>,
    (results, notify): (Sender<SearchResult>, Notify),
    shared: &Shared,
) {
    let mut thread = Thread {
        index,
        epoch: 0,
        last: None,
    };
    let results = Answers { results, notify };
    while let Ok(job) = jobs.recv() {
        let Some(search) = thread.take_queued(job, &jobs, shared, &results.notify) else {
            continue;
        };
        if thread.search(search, &results, shared).is_err() {
            return;
        }
    }
}

/// Where the worker's answers go, and whom it tells.
struct Answers {
    results: Sender<SearchResult>,
    notify: Notify,
}

impl Answers {
    fn send(&self, result: SearchResult) -> Result<(), Closed> {
        self.results.send(result).map_err(|_| Closed)?;
        (self.notify)();
        Ok(())
    }
}

/// A search to run: its generation, the index epoch it was asked against, and its text.
type Asked = (u64, u64, String);

/// The results channel closed: nobody waits for answers any more.
struct Closed;

/// What the worker thread keeps from one job to the next.
struct Thread {
    index: Arc<SearchIndex>,
    epoch: u64,
    /// The last complete search over this index: its query and hit items, for narrowing.
    last: Option<(Query, Vec<usize>)>,
}

impl Thread {
    /// Takes `job` and everything queued behind it: index changes apply in order, only the
    /// newest search runs. Builds the index asked for, if any; returns the search to run.
    fn take_queued(
        &mut self,
        job: Job,
        jobs: &Receiver<Job>,
        shared: &Shared,
        notify: &Notify,
    ) -> Option<Asked> {
        let mut search = None;
        let mut to_build = None;
        let mut next = Some(job);
        while let Some(job) = next {
            match job {
                Job::Index(new) => {
                    self.index = new;
                    to_build = None;
                    self.epoch += 1;
                    self.last = None;
                    search = None;
                }
                Job::Build { tag, build } => {
                    to_build = Some((tag, build));
                    self.epoch += 1;
                    self.last = None;
                    search = None;
                }
                Job::Search {
                    generation,
                    epoch: job_epoch,
                    text,
                } => search = Some((generation, job_epoch, text)),
            }
            next = jobs.try_recv().ok();
        }
        if let Some((tag, build)) = to_build {
            self.index = Arc::new(build());
            if let Ok(mut built) = shared.built.lock() {
                *built = Some(tag);
            }
            notify();
        }
        search
    }

    /// Runs one search unless a newer one or a new index made it stale, sending its answers: a
    /// first part on a large index, then the complete one.
    fn search(
        &mut self,
        (generation, job_epoch, text): Asked,
        results: &Answers,
        shared: &Shared,
    ) -> Result<(), Closed> {
        let epoch = self.epoch;
        let cancelled = || {
            shared.stop.load(Ordering::Relaxed)
                || shared.latest.load(Ordering::Relaxed) != generation
                || shared.epoch.load(Ordering::Relaxed) != epoch
        };
        if job_epoch != epoch || cancelled() {
            return Ok(());
        }
        let index = &self.index;
        let answer = |hits, complete, error| SearchResult {
            generation,
            query: text.clone(),
            hits,
            complete,
            error,
            total: index.len(),
        };
        let send = |result| results.send(result);
        let query = match Query::parse(&text) {
            Ok(query) => query,
            Err(error) => return send(answer(Vec::new(), true, Some(error))),
        };
        let pass = Pass::new(index, &query);
        let within = self
            .last
            .as_ref()
            .filter(|(previous, _)| query.narrows(previous))
            .map(|(_, items)| items.as_slice());
        let candidates = pass.candidates(within);
        let Some(primary) = pass.primary(&candidates, &cancelled) else {
            return Ok(());
        };
        if !primary.is_final(&pass) && primary.pending() >= PROGRESSIVE_MIN {
            send(answer(primary.hits.clone(), false, None))?;
        }
        let Some(hits) = pass.secondary(primary, &cancelled) else {
            return Ok(());
        };
        let mut items: Vec<usize> = hits.iter().map(|hit| hit.index).collect();
        items.sort_unstable();
        let answer = answer(hits, true, None);
        self.last = Some((query, items));
        send(answer)
    }
}
