//! What a person asks of the interface — by a key, the mouse or a paste — as data. Every intent a
//! key can be bound to has a stable snake_case name ([`Intent::name`], [`Intent::from_name`],
//! [`Intent::NAMED`]), so key tables and configuration files can refer to it.

use ratatui::crossterm::event::KeyEvent;

use crate::model::{Side, Status};

/// One request from the person at the keyboard or mouse.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
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
    /// Write the minutes of the session next to the data file.
    WriteMinutes,
    /// Write the next progress report of what the list shows next to the data file.
    WriteReport,
    /// Show the next screen: list → since → dashboard → list.
    ViewNext,
    /// Open the search line.
    Search,
    /// Change the date of the "since" view.
    SetSince,

    /// A key typed into a form field or the search line.
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
    Settle(Side),
    /// Settle the shown merge conflict by keeping ours and editing the item by hand.
    SettleByEdit,
    /// Resolve a conflict by keeping this session's edit.
    KeepMine,
    /// Resolve a conflict by taking the version on disk.
    TakeTheirs,

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
}

impl Intent {
    /// Every intent a key can be bound to, in the order a list of them reads best.
    pub const NAMED: &'static [Intent] = &[
        Intent::Quit,
        Intent::Back,
        Intent::Help,
        Intent::Suspend,
        Intent::Down,
        Intent::Up,
        Intent::PageDown,
        Intent::PageUp,
        Intent::HalfPageDown,
        Intent::HalfPageUp,
        Intent::Top,
        Intent::Bottom,
        Intent::FocusNext,
        Intent::FocusPrevious,
        Intent::Zoom,
        Intent::ViewNext,
        Intent::Search,
        Intent::SortNext,
        Intent::GroupNext,
        Intent::Edit,
        Intent::EditOutside,
        Intent::Copy,
        Intent::PickStatus,
        Intent::SetStatus(Status::Todo),
        Intent::SetStatus(Status::OnTrack),
        Intent::SetStatus(Status::AtRisk),
        Intent::SetStatus(Status::Blocked),
        Intent::SetStatus(Status::Done),
        Intent::SetStatus(Status::Dropped),
        Intent::AddNote,
        Intent::EditMetrics,
        Intent::Add,
        Intent::Delete,
        Intent::MoveItemDown,
        Intent::MoveItemUp,
        Intent::Undo,
        Intent::Redo,
        Intent::Save,
        Intent::Sync,
        Intent::WriteMinutes,
        Intent::WriteReport,
        Intent::SetSince,
        Intent::StartTriage,
        Intent::ReviewedNext,
        Intent::TriageNext,
        Intent::TriagePrevious,
        Intent::TimeboxNext,
        Intent::EditLead,
        Intent::EditDue,
        Intent::Submit,
        Intent::NextField,
        Intent::PreviousField,
        Intent::Newline,
        Intent::Yes,
        Intent::SettleConflicts,
        Intent::Settle(Side::Ours),
        Intent::Settle(Side::Theirs),
        Intent::SettleByEdit,
        Intent::KeepMine,
        Intent::TakeTheirs,
    ];

    /// The intent's stable name (`quit`, `next`, `add_note` …). Intents that carry what the
    /// terminal reported (typed keys, pastes, mouse events) are named too, but cannot be bound.
    pub fn name(&self) -> &'static str {
        self.describe().0
    }

    /// One line saying what the intent does.
    pub fn description(&self) -> &'static str {
        self.describe().1
    }

    /// The bindable intent called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Intent> {
        Intent::NAMED
            .iter()
            .find(|intent| intent.name() == name)
            .cloned()
    }

    /// The name and the description.
    fn describe(&self) -> (&'static str, &'static str) {
        match self {
            Intent::SetStatus(status) => status_name(*status),
            Intent::Settle(Side::Ours) => ("settle_ours", "settle a merge conflict with our value"),
            Intent::Settle(Side::Theirs) => {
                ("settle_theirs", "settle a merge conflict with their value")
            }
            Intent::Input(_) => ("type", "a key typed into a field or the search line"),
            Intent::Paste(_) => ("paste", "text pasted into a field or the search line"),
            Intent::Click { .. } => ("click", "a mouse click"),
            Intent::Scroll { .. } => ("scroll", "the mouse wheel"),
            other => plain_name(other),
        }
    }
}

fn status_name(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Todo => ("status_todo", "set the status to todo"),
        Status::OnTrack => ("status_on_track", "set the status to on track"),
        Status::AtRisk => ("status_at_risk", "set the status to at risk"),
        Status::Blocked => ("status_blocked", "set the status to blocked"),
        Status::Done => ("status_done", "set the status to done"),
        Status::Dropped => ("status_dropped", "set the status to dropped"),
    }
}

/// Names of the intents that carry no data.
fn plain_name(intent: &Intent) -> (&'static str, &'static str) {
    match intent {
        Intent::Down => ("next", "next row, note or metric; scroll down"),
        Intent::Up => ("prev", "previous row, note or metric; scroll up"),
        Intent::PageDown => ("page_down", "one page down"),
        Intent::PageUp => ("page_up", "one page up"),
        Intent::HalfPageDown => ("half_page_down", "half a page down"),
        Intent::HalfPageUp => ("half_page_up", "half a page up"),
        Intent::Copy => (
            "copy",
            "copy the item, note or metric to the clipboard (OSC 52)",
        ),
        Intent::EditOutside => (
            "edit_in_editor",
            "edit the goal or the note in $VISUAL / $EDITOR",
        ),
        Intent::Top => ("top", "first row / top"),
        Intent::Bottom => ("bottom", "last row / bottom"),
        Intent::FocusNext => ("next_pane", "focus the next pane"),
        Intent::FocusPrevious => ("prev_pane", "focus the previous pane"),
        Intent::Zoom => ("zoom", "show the selected item full-screen"),
        Intent::Back => (
            "back",
            "leave the view, form or question; clear the message",
        ),
        Intent::Help => ("help", "open or close the key help"),
        Intent::Quit => ("quit", "quit (asks first if an edit could not be saved)"),
        Intent::Suspend => ("suspend", "suspend to the shell (fg comes back)"),
        Intent::Edit => ("edit", "edit the item, the selected note or metric"),
        Intent::PickStatus => ("pick_status", "open the one-key status picker"),
        Intent::AddNote => ("add_note", "add a progress note dated today"),
        Intent::EditMetrics => ("edit_metrics", "edit the metrics"),
        Intent::Add => ("add", "add an item, a note or a metric (by the pane)"),
        Intent::Delete => ("delete", "delete what is focused (asks first)"),
        Intent::MoveItemDown => (
            "move_down",
            "move the item down past the one shown below it",
        ),
        Intent::MoveItemUp => ("move_up", "move the item up past the one shown above it"),
        Intent::Undo => ("undo", "undo the last edit"),
        Intent::Redo => ("redo", "redo"),
        Intent::Save => ("save", "save now (retries a save that failed)"),
        Intent::SortNext => ("sort", "sort the list by the next key"),
        Intent::GroupNext => ("group", "group the list by the next grouping"),
        Intent::StartTriage => ("triage", "walk the list one item at a time"),
        Intent::ReviewedNext => ("reviewed_next", "mark reviewed today and go to the next"),
        Intent::TriageNext => ("triage_next", "skip to the next item of the walk"),
        Intent::TriagePrevious => ("triage_prev", "back to the previous item of the walk"),
        Intent::TimeboxNext => ("timebox", "next timebox per item: off, 2, 3, 5, 10 minutes"),
        Intent::EditLead => ("edit_lead", "change the lead"),
        Intent::EditDue => ("edit_due", "set the due date"),
        Intent::Sync => ("sync", "sync with git: commit, pull (merging), push"),
        Intent::WriteMinutes => ("write_minutes", "write this session's minutes"),
        Intent::WriteReport => ("write_report", "write the next progress report"),
        Intent::ViewNext => ("view", "next screen: list → since → dashboard"),
        Intent::Search => ("search", "open the search line"),
        Intent::SetSince => ("set_since", "change the date of the since screen"),
        Intent::Submit => ("submit", "save the form; keep the search filter"),
        Intent::NextField => ("next_field", "next field of the form"),
        Intent::PreviousField => ("prev_field", "previous field of the form"),
        Intent::Newline => ("newline", "a new line in a multi-line field"),
        Intent::Yes => ("yes", "answer yes"),
        Intent::SettleConflicts => ("settle_conflicts", "settle the item's merge conflicts"),
        Intent::SettleByEdit => ("settle_by_edit", "keep ours and edit the item by hand"),
        Intent::KeepMine => ("keep_mine", "keep my version over the one on disk"),
        Intent::TakeTheirs => ("take_theirs", "take the version on disk"),
        // named by `describe`, with their data
        Intent::SetStatus(_)
        | Intent::Settle(_)
        | Intent::Input(_)
        | Intent::Paste(_)
        | Intent::Click { .. }
        | Intent::Scroll { .. } => ("", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_intent_comes_back_from_its_name() {
        for intent in Intent::NAMED {
            assert_eq!(Intent::from_name(intent.name()).as_ref(), Some(intent));
            assert!(!intent.description().is_empty(), "{intent:?}");
        }
        assert_eq!(Intent::from_name("add_note"), Some(Intent::AddNote));
        assert_eq!(Intent::from_name("quit"), Some(Intent::Quit));
        assert_eq!(Intent::from_name("no_such_intent"), None);
        assert_eq!(
            Intent::from_name("type"),
            None,
            "typed keys cannot be bound"
        );
    }

    #[test]
    fn names_are_unique_snake_case() {
        let mut names: Vec<&str> = Intent::NAMED.iter().map(Intent::name).collect();
        for name in &names {
            assert!(
                !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    && !name.starts_with('_')
                    && !name.ends_with('_'),
                "{name:?} is not snake_case"
            );
        }
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "two intents share a name");
    }
}
