//! The interface's state and the one place it changes: keys, mouse and resizes arrive as
//! [`Action`]s and [`update`] applies them. No IO happens here, so every key is testable without a
//! terminal.

mod action;
mod state;
mod update;

pub use action::Action;
pub use state::{ItemRef, Level, Message, Mode, Pane, State, all_rows};
pub use update::update;
