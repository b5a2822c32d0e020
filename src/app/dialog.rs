//! Questions the interface asks: yes/no confirmations, and the choice between an unsaved edit and
//! someone else's change to the same item.

use crate::model::{Change, Item};

/// What happens when a confirmation is answered yes.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    DeleteItem {
        file: usize,
        id: String,
    },
    /// `note` is the position in the item's `progress`.
    DeleteNote {
        file: usize,
        id: String,
        note: usize,
    },
    DeleteMetric {
        file: usize,
        id: String,
        metric: usize,
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
    /// The edit that could not be re-applied.
    pub change: Change,
    /// The item as this session has it (`None`: this session deleted it).
    pub mine: Option<Item>,
    /// The item as it is on disk now (`None`: deleted on disk).
    pub theirs: Option<Item>,
}
