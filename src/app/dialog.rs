//! What waits over the screen for an answer — a form, a yes/no question, the status picker — with
//! what it acts on, and the choice between an unsaved edit and someone else's change to the same
//! item.

use super::form::Form;
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

/// Something that waits for the user, carrying what it acts on: the item by file and id, a note or
/// metric by its key (never a position that someone else's change could shift).
#[derive(Debug, Clone)]
pub enum Overlay {
    Form(Form),
    Confirm(Confirm),
    /// The one-key status picker, for the item with `id` in `file`.
    StatusPicker {
        file: usize,
        id: String,
    },
}

impl Overlay {
    /// The mode that gives this overlay the keys.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Form(_) => Mode::Form,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::StatusPicker { .. } => Mode::StatusPicker,
        }
    }
}
