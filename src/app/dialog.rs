//! What is drawn over the screen and takes the keys — the help, the search line, a form, a yes/no
//! question, the status picker … — with what it acts on, and the choice between an unsaved edit
//! and someone else's change to the same item.

use super::form::{Form, FormKind};
use super::state::Mode;
use crate::model::{Clash, Item, MetricKey, NoteKey};

/// What happens when a confirmation is answered yes.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    DeleteItem {
        file: usize,
        id: String,
    },
    /// `note` names the note by content, wherever it stands now.
    DeleteNote {
        file: usize,
        id: String,
        note: NoteKey,
    },
    DeleteMetric {
        file: usize,
        id: String,
        metric: MetricKey,
    },
    /// Quit although some edits could not be saved.
    QuitUnsaved,
}

/// A yes/no question.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Confirmed,
}

/// An unsaved edit that collides with a change made on disk by someone else.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictView {
    pub file: usize,
    /// The id of the item both sides changed.
    pub id: String,
    /// The item as this session has it (`None`: this session deleted it).
    pub mine: Option<Item>,
    /// The item as it is on disk now (`None`: deleted on disk).
    pub theirs: Option<Item>,
    /// The disk's item with this session's changes that did not clash ("take theirs").
    pub with_theirs: Option<Item>,
    /// The fields both sides changed.
    pub clashes: Vec<Clash>,
}

/// The key help: how far it is scrolled, and the search typed in it (`/`), which lists only the
/// matching keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpView {
    pub scroll: usize,
    pub query: String,
    /// The search takes the keys.
    pub typing: bool,
}

/// What is drawn over the screen and has the keys, with what it needs: a form or question carries
/// what it acts on — the item by file and id, a note or metric by its key (never a position that
/// someone else's change could shift).
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The key help, with its scroll and search.
    Help(HelpView),
    /// The search line (its text and results are in `State::search`).
    Search,
    /// The one-key choice for the selected item's first merge conflict.
    MergeConflict,
    /// The summary at the end of a triage walk.
    Summary,
    Form(Form),
    Confirm(Confirm),
    /// The one-key status picker, for the item with `id` in `file`.
    StatusPicker {
        file: usize,
        id: String,
    },
}

impl Overlay {
    /// The item this overlay acts on, as its file and id (to follow the item when its id changes).
    pub(crate) fn target_mut(&mut self) -> Option<(usize, &mut String)> {
        match self {
            Overlay::StatusPicker { file, id } => Some((*file, id)),
            Overlay::Confirm(Confirm { on_yes, .. }) => match on_yes {
                Confirmed::DeleteItem { file, id }
                | Confirmed::DeleteNote { file, id, .. }
                | Confirmed::DeleteMetric { file, id, .. } => Some((*file, id)),
                Confirmed::QuitUnsaved => None,
            },
            Overlay::Form(form) => match &mut form.kind {
                FormKind::EditItem { file, id }
                | FormKind::AddNote { file, id }
                | FormKind::EditNote { file, id, .. }
                | FormKind::EditMetric { file, id, .. }
                | FormKind::SetLead { file, id }
                | FormKind::SetDue { file, id } => Some((*file, id)),
                FormKind::AddItem { .. } | FormKind::SetSince => None,
            },
            _ => None,
        }
    }

    /// The mode that gives this overlay the keys.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Help(_) => Mode::Help,
            Overlay::Search => Mode::Search,
            Overlay::MergeConflict => Mode::MergeConflict,
            Overlay::Summary => Mode::Summary,
            Overlay::Form(_) => Mode::Form,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::StatusPicker { .. } => Mode::StatusPicker,
        }
    }

    /// True for what waits for an answer about an item (a form, a question, the picker): it
    /// stays under a conflict with a change on disk, and comes back once that is settled.
    pub fn waits_for_answer(&self) -> bool {
        matches!(
            self,
            Overlay::Form(_) | Overlay::Confirm(_) | Overlay::StatusPicker { .. }
        )
    }
}
