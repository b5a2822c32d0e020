//! Reads and writes of data files: a save (the document written out as pieces, checked against
//! what the file looked like when read), and the saver thread that does them — and reads of files
//! someone else changed — off the interface thread.

use super::watcher::read_again;
use crate::app::{Event, State};
use crate::store::{self, SaveError};

/// Saves one file; the outcome comes back as an event.
pub(super) fn save(state: &State, file: usize) -> Option<Event> {
    save_job(state, file).map(|job| job.run().0)
}

/// A save to do: the document written out as pieces (runs of the file's text it was read from and
/// the changed items), with what the file looked like when read.
pub(super) struct SaveJob {
    file: usize,
    path: std::path::PathBuf,
    text: store::TextToSave,
    seen: store::Fingerprint,
    /// How many unsaved changes the text includes.
    covered: usize,
}

pub(super) fn save_job(state: &State, file: usize) -> Option<SaveJob> {
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
    /// Writes the file (or reads it again when someone else changed it); the outcome as an event,
    /// and the replaced version of the file, to close once the outcome is out.
    fn run(self) -> (Event, Option<store::Replaced>) {
        let file = self.file;
        match store::save_text_keeping_old(&self.path, &self.text, &self.seen) {
            Ok((saved, replaced)) => {
                let event = Event::Saved {
                    file,
                    fingerprint: saved.fingerprint,
                    covered: self.covered,
                    notice: saved.notice.map(Box::new),
                };
                (event, Some(replaced))
            }
            Err(SaveError::ChangedOnDisk { .. }) => (reload(&self.path, file), None),
            Err(err) => {
                let error = err.phrase();
                (Event::SaveFailed { file, error }, None)
            }
        }
    }
}

/// Saves handed to the saver thread and not finished yet, across the process.
pub(super) static SAVES_PENDING: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);

/// True while some save of this process has not finished (a process that must stop waits).
pub fn saves_pending() -> bool {
    SAVES_PENDING.load(std::sync::atomic::Ordering::SeqCst) > 0
}

/// Work for the saver thread.
pub(super) enum Job {
    Save(SaveJob),
    /// Read a file someone else may have changed (`seen`: how it looked when last read).
    Reload {
        file: usize,
        path: std::path::PathBuf,
        seen: store::Fingerprint,
    },
}

impl Job {
    fn run(self) -> (Event, Option<store::Replaced>) {
        match self {
            Job::Save(job) => {
                let outcome = job.run();
                SAVES_PENDING.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                outcome
            }
            Job::Reload { file, path, seen } => (read_again(&path, file, &seen), None),
        }
    }
}

/// Saves and reloads run on a thread of their own, so a large file never stops the keyboard: the
/// interface thread only lists the pieces of the new text (the changed items written out, the rest
/// as runs of the old text); putting them on disk, the copying included, and reading a file
/// someone else changed happen here.
pub(super) struct Saver {
    pub(super) jobs: std::sync::mpsc::Sender<Job>,
    pub(super) outcomes: std::sync::mpsc::Receiver<Event>,
    /// Files with a save under way; another save of the same file waits for it.
    pub(super) busy: Vec<usize>,
}

impl Saver {
    /// Starts the thread; it calls `waker`, when given, after each outcome it sends.
    pub(super) fn spawn(waker: Option<super::Waker>) -> Saver {
        let (jobs, inbox) = std::sync::mpsc::channel::<Job>();
        let (outbox, outcomes) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for job in inbox {
                let (outcome, replaced) = job.run();
                if outbox.send(outcome).is_err() {
                    break;
                }
                if let Some(wake) = &waker {
                    wake();
                }
                // Closed only now that the outcome is out: on a large file the close takes a
                // good part of the save's time (see `store::Replaced`).
                drop(replaced);
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
            error: crate::lang::Phrase::new("file.changed_unreadable")
                .with("problem", err.phrase()),
        },
    }
}
