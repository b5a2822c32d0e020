//! The interface's state and the one place it changes: keys, mouse, resizes and disk outcomes
//! arrive as [`Action`]s, [`update`] applies them and returns [`Effect`]s (saves) for the runtime.
//! No IO happens here, so every key is testable without a terminal.

mod action;
mod dialog;
mod editing;
mod form;
mod form_record;
mod history;
mod minutes;
mod mouse;
mod read_only;
mod reorder;
mod report;
mod screens;
mod search;
mod settle;
mod state;
mod submit;
mod sync;
mod team;
mod triage;
mod update;
mod view;
mod waiting;

pub use action::{Action, Effect};
pub use dialog::{Confirm, Confirmed, ConflictView};
pub use form::{Field, Form, FormKind, Input, status_for_letter};
pub use history::{History, Step};
pub use minutes::{ItemChanges, Tally, change_lines, changes, markdown, tally};
pub use screens::ScreenData;
pub use search::{IndexSource, Indexed, SearchState};
pub use state::{ItemRef, Level, Message, Mode, OpenFile, Pane, State, all_rows};
pub use submit::split_tags;
pub use team::{Mark, Team};
pub use triage::{Triage, format_duration};
pub use update::update;
pub use view::{GroupBy, Row, SortKey, attention, file_labels, natural};
