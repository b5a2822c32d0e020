//! Everything a person, the terminal or the disk can ask of the interface, as data. Keys, mouse
//! events, resizes and the outcome of saves and reloads all become an [`Action`] before anything
//! changes.

use ratatui::crossterm::event::KeyEvent;

use crate::model::Status;
use crate::store::{Fingerprint, Loaded};

/// One request to change the interface state.
#[derive(Debug, Clone)]
pub enum Action {
    /// Next row in the list, next note or metric, or scroll down.
    Down,
    /// Previous row, note or metric, or scroll up.
    Up,
    PageDown,
    PageUp,
    /// Half a page down / up (Ctrl-D / Ctrl-U).
    HalfPageDown,
    HalfPageUp,
    /// First row / top of the pane.
    Top,
    /// Last row / end of the pane.
    Bottom,
    /// Focus the next pane (Items → Timeline → Metrics).
    FocusNext,
    FocusPrevious,
    /// Show the selected item full-screen.
    Zoom,
    /// Leave the current view, form or dialog, or clear the message.
    Back,
    /// Open or close the key help.
    Help,
    /// Quit (asks first when edits could not be saved).
    Quit,
    /// Suspend tally to the shell (Ctrl-Z); `fg` brings it back.
    Suspend,
    /// Copy the focused item, note or metric to the clipboard (OSC 52).
    Copy,
    /// Edit the goal or the selected note in `$VISUAL` / `$EDITOR`.
    EditOutside,
    /// The editor closed with this text (or could not run).
    Edited {
        target: super::EditTarget,
        outcome: Result<String, String>,
    },

    /// Edit what is focused: the item, the selected note or the selected metric.
    Edit,
    /// Open the one-key status picker.
    PickStatus,
    /// Set the selected item's status.
    SetStatus(Status),
    /// Add a progress note to the selected item, dated today.
    AddNote,
    /// Edit the selected item's metrics.
    EditMetrics,
    /// Add what fits the focused pane: an item, a note or a metric.
    Add,
    /// Delete what is focused (asks first).
    Delete,
    /// Move the selected item down / up past the item shown next to it.
    MoveItemDown,
    MoveItemUp,
    Undo,
    Redo,
    /// Save files with unsaved edits now (retry after a failed save).
    Save,
    /// Sort the list by the next key (file order, id, status, due, lead, last update, progress, file name).
    SortNext,
    /// Group the list by the next grouping (none, status, lead).
    GroupNext,
    /// Start walking the list in triage mode.
    StartTriage,
    /// Mark the triaged item reviewed today and go to the next.
    ReviewedNext,
    /// Go to the next / previous item without marking it.
    TriageNext,
    TriagePrevious,
    /// Cycle the per-item timebox.
    TimeboxNext,
    /// Change the lead (with completion from the leads in use) / the due date.
    EditLead,
    EditDue,
    /// Sync the open files with their git repository: commit, pull (merging), push.
    Sync,
    /// The sync reached a stage (shown in the footer).
    SyncStage(String),
    /// The sync ended, well or not: its outcome in one line.
    SyncFinished(super::Message),
    /// A background check of the repository: commits to push and to pull (`None`: no repository
    /// or nothing to sync with).
    TeamMark(Option<super::Mark>),
    /// Write the minutes of the session next to the data file.
    WriteMinutes,
    /// Write the next progress report of what the list shows next to the data file.
    WriteReport,
    /// Show the next screen: list → since → dashboard → list.
    ViewNext,
    /// Open the search line.
    Search,
    /// Results of a search, for the generation it was asked with.
    SearchResults(Box<crate::search::SearchResult>),
    /// The search index for data version `version` was built off the interface thread.
    IndexBuilt {
        version: u64,
        index: std::sync::Arc<crate::search::SearchIndex>,
    },
    /// Get the search index ready before the first `/` (sent once the screen is up).
    PrepareSearch,
    /// Change the date of the "since" view.
    SetSince,
    /// The clock moved on (sent by the runtime every loop).
    Tick(std::time::Instant),

    /// A key typed into a form field.
    Input(KeyEvent),
    /// Text pasted into the terminal.
    Paste(String),
    /// Submit the open form.
    Submit,
    NextField,
    PreviousField,
    /// A line break in a multi-line field.
    Newline,
    /// Answer yes to the open question.
    Yes,
    /// Show the selected item's first merge conflict for settling.
    SettleConflicts,
    /// Settle the shown merge conflict with this side's value.
    Settle(crate::model::Side),
    /// Settle the shown merge conflict by keeping ours and editing the item by hand.
    SettleByEdit,
    /// Resolve a conflict by keeping this session's edit.
    KeepMine,
    /// Resolve a conflict by taking the version on disk.
    TakeTheirs,

    /// The terminal changed size.
    Resize {
        width: u16,
        height: u16,
    },
    /// A mouse click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel over a screen cell (`down` is toward later rows).
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },

    /// A file was written; it now looks like `fingerprint`.
    /// A file was written with the first `covered` unsaved changes; it now looks like
    /// `fingerprint`.
    Saved {
        file: usize,
        fingerprint: Fingerprint,
        covered: usize,
        /// What the user should hear about the save (the file changed owner), shown once.
        notice: Option<String>,
    },
    /// A file could not be written; the edits stay in memory.
    SaveFailed {
        file: usize,
        error: String,
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
        error: String,
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
}

/// Work for the runtime to do after an update: only the runtime touches the disk.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Write this file's document to disk (checking first that nobody else changed it).
    Save { file: usize },
    /// Search for `query` in the index of data version `version`; results come back as
    /// [`Action::SearchResults`], and an index built for it as [`Action::IndexBuilt`].
    Search {
        generation: u64,
        query: String,
        version: u64,
        index: super::IndexSource,
    },
    /// Build the index of data version `version` in the background, unless it is there already.
    PrepareIndex {
        version: u64,
        index: super::IndexSource,
    },
    /// Commit these files' saved changes to their git repository, pull and push (on a thread of
    /// its own); stages come back as [`Action::SyncStage`], the end as [`Action::SyncFinished`].
    Sync { files: Vec<std::path::PathBuf> },
    /// Put this text on the terminal's clipboard (the terminal layer writes OSC 52).
    Copy { text: String },
    /// Hand the terminal to the user's editor on `text`; the result comes back as
    /// [`Action::Edited`].
    EditOutside {
        target: super::EditTarget,
        text: String,
    },
    /// Write a new text file `name` (a number is added if taken) in `folder`.
    WriteMinutes {
        folder: std::path::PathBuf,
        name: String,
        text: String,
    },
    /// Write a new report draft `name`.txt (a number is added if taken) in `folder`; `items` of
    /// the file's `of` items are in it.
    WriteReport {
        folder: std::path::PathBuf,
        name: String,
        text: String,
        items: usize,
        of: usize,
    },
}
