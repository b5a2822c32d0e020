//! The git work of an interactive session, on a thread of its own so no key ever waits for git:
//! syncs asked for with `S`, and a check of the repository — with a `git fetch` at most once a
//! minute — for the status bar's mark of commits to pull or push.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use super::repo;
use super::run::Git;
use crate::app::{Effect, Event, Mark, Message};
use crate::lang::{Lang, trf};

/// The shortest time between two fetches.
pub const FETCH_EVERY: Duration = Duration::from_secs(60);

enum Job {
    Sync(Vec<PathBuf>),
    Check { files: Vec<PathBuf>, fetch: Fetch },
}

/// Whether a check asks the remote first (`git fetch`) or counts against what is already known.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fetch {
    First,
    Skip,
}

/// Hands git work to the thread and takes its outcomes back as actions.
pub struct Worker {
    jobs: Sender<Job>,
    outcomes: Receiver<Event>,
    last_fetch: Option<Instant>,
    /// A check was sent and has not reported back (checks never pile up behind a slow fetch).
    checking: bool,
}

impl Worker {
    /// The worker, saying what it does in `lang`.
    pub fn spawn(lang: Lang) -> Worker {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, outcomes) = channel();
        std::thread::spawn(move || {
            for job in inbox {
                let sent = match job {
                    Job::Sync(files) => sync(&files, &outbox, lang),
                    Job::Check { files, fetch } => {
                        outbox.send(Event::TeamMark(check(&files, fetch)))
                    }
                };
                if sent.is_err() {
                    break;
                }
            }
        });
        Worker {
            jobs,
            outcomes,
            last_fetch: None,
            checking: false,
        }
    }

    /// Starts the syncs among `effects` (the ones the runtime left to this layer).
    pub fn run(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            if let Effect::Sync { files } = effect {
                let _ = self.jobs.send(Job::Sync(files));
            }
        }
    }

    /// The outcomes that arrived since the last call.
    pub fn poll(&mut self) -> Vec<Event> {
        let outcomes: Vec<Event> = self.outcomes.try_iter().collect();
        if outcomes.iter().any(|a| matches!(a, Event::TeamMark(_))) {
            self.checking = false;
        }
        outcomes
    }

    /// Fetches and checks the repository of `files` when the last fetch is a minute old (or
    /// there was none yet).
    pub fn tick(&mut self, now: Instant, files: impl FnOnce() -> Vec<PathBuf>) {
        let due = self
            .last_fetch
            .is_none_or(|last| now.duration_since(last) >= FETCH_EVERY);
        if !due || self.checking {
            return;
        }
        let files = files();
        if files.is_empty() {
            return;
        }
        self.last_fetch = Some(now);
        self.checking = true;
        let job = Job::Check {
            files,
            fetch: Fetch::First,
        };
        if self.jobs.send(job).is_err() {
            self.checking = false;
        }
    }
}

/// Runs one sync, reporting its stages, its outcome and then the repository's new mark.
fn sync(
    files: &[PathBuf],
    outbox: &Sender<Event>,
    lang: Lang,
) -> Result<(), std::sync::mpsc::SendError<Event>> {
    let mut stages = |stage: super::Stage| {
        let _ = outbox.send(Event::SyncStage(stage.phrase().text(lang)));
    };
    let outcome = match super::sync(files, &mut stages) {
        Ok(synced) => Message::info(synced.describe_in(lang)),
        Err(err) => Message::error(trf(
            lang,
            "sync.failed",
            &[("error", &err.phrase().text(lang))],
        )),
    };
    outbox.send(Event::SyncFinished(outcome))?;
    outbox.send(Event::TeamMark(check(files, Fetch::Skip)))
}

/// Commits to push and to pull for the first file's repository, after a fetch when asked.
fn check(files: &[PathBuf], fetch: Fetch) -> Option<Mark> {
    let root = repo::root_of(files.first()?)?;
    let git = Git::in_dir(root);
    let upstream = repo::upstream(&git)?;
    if fetch == Fetch::First {
        let _ = git.run(["fetch", "--quiet", &upstream.remote]);
    }
    let distance = repo::distance(&git)?;
    Some(Mark {
        ahead: distance.ahead,
        behind: distance.behind,
    })
}
