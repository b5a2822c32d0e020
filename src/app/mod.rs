//! The interface's state and the one place it changes: keys and the mouse arrive as [`Intent`]s,
//! the clock, resizes and the runtime's outcomes (saves, reloads, searches) as [`Event`]s;
//! [`update`] applies either and returns [`Effect`]s (saves, searches) for the runtime.
//! No IO happens here, so every key is testable without a terminal.

mod dialog;
mod editing;
mod effect;
mod event;
mod form;
mod form_record;
mod history;
mod intent;
mod mouse;
mod outside;
mod read_only;
mod reorder;
mod report;
mod screen;
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

pub use dialog::{Confirm, Confirmed, ConflictView, HelpView};
pub use effect::Effect;
pub use event::{Event, Msg};
pub use form::{Field, Form, FormKind, Input, status_for_letter};
pub use history::{History, Step};
pub use intent::Intent;
pub use outside::{EditPart, EditTarget, item_text};
pub use screens::{HelpHeight, ScreenData};
pub use search::{IndexSource, Indexed, SearchState};
pub use state::{ItemRef, Level, Message, Mode, OpenFile, Overlay, Pane, Screen, State, all_rows};
pub use team::{Mark, Team};
pub use triage::{Triage, format_duration};
pub use update::update;
pub use view::{GroupBy, Row, SortKey, file_labels, natural};
