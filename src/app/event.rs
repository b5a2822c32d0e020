//! What happens to the interface without a person asking: the clock, the terminal's size, and
//! the outcomes of work the runtime did (saves, reloads, searches, syncs, written files). With
//! [`Intent`]s they make up the [`Msg`]s that [`super::update`] applies.

use super::Intent;
use crate::store::{Fingerprint, Loaded};

/// One thing the update function is told: what a person asked, or what happened.
#[derive(Debug, Clone)]
pub enum Msg {
    Intent(Intent),
    Event(Event),
}

impl From<Intent> for Msg {
    fn from(intent: Intent) -> Msg {
        Msg::Intent(intent)
    }
}

impl From<Event> for Msg {
    fn from(event: Event) -> Msg {
        Msg::Event(event)
    }
}

/// An outcome or a change of circumstances, reported by the runtime or the terminal.
#[derive(Debug, Clone)]
pub enum Event {
    /// The clock moved on (sent by the runtime every loop).
    Tick(std::time::Instant),
    /// The terminal changed size.
    Resize {
        width: u16,
        height: u16,
    },
    /// Get the search index ready before the first `/` (sent once the screen is up).
    PrepareSearch,
    /// Results of a search, for the generation it was asked with.
    SearchResults(Box<crate::search::SearchResult>),
    /// The sync reached a stage (shown in the footer).
    SyncStage(String),
    /// The sync ended, well or not: its outcome in one line.
    SyncFinished(super::Message),
    /// A background check of the repository: commits to push and to pull (`None`: no repository
    /// or nothing to sync with).
    TeamMark(Option<super::Mark>),
    /// A file was written with the first `covered` unsaved changes; it now looks like
    /// `fingerprint`.
    Saved {
        file: usize,
        fingerprint: Fingerprint,
        covered: usize,
        /// What the user should hear about the save (the file changed owner), shown once.
        notice: Option<Box<crate::lang::Phrase>>,
    },
    /// A file could not be written; the edits stay in memory.
    SaveFailed {
        file: usize,
        /// Why, read in the session's language when shown.
        error: crate::lang::Phrase,
    },
    /// A file changed on disk and was read again.
    Reloaded {
        file: usize,
        loaded: Box<Loaded>,
    },
    /// A file's time moved on disk but its content is what was last read or written.
    Unchanged {
        file: usize,
        fingerprint: Fingerprint,
    },
    /// A file changed on disk but could not be read.
    ReloadFailed {
        file: usize,
        /// Why, read in the session's language when shown.
        error: crate::lang::Phrase,
    },
    /// Minutes were written to this path.
    MinutesWritten {
        path: std::path::PathBuf,
    },
    MinutesFailed {
        error: String,
    },
    /// A report draft was written to this path, with `items` of the file's `of` items.
    ReportWritten {
        path: std::path::PathBuf,
        items: usize,
        of: usize,
    },
    ReportFailed {
        error: String,
    },
    /// The outside editor closed with this text (or could not run).
    Edited {
        target: Box<super::EditTarget>,
        outcome: Result<String, String>,
    },
}

impl Event {
    /// The open file a save or reload outcome is about.
    pub fn file(&self) -> Option<usize> {
        match self {
            Event::Saved { file, .. }
            | Event::SaveFailed { file, .. }
            | Event::Reloaded { file, .. }
            | Event::Unchanged { file, .. }
            | Event::ReloadFailed { file, .. } => Some(*file),
            _ => None,
        }
    }
}
