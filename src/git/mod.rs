//! tally and git: every git process tally starts, run so it can never prompt on the screen, and
//! what is built on them — syncing the open task files with their repository, the ahead/behind
//! mark, the name notes are signed with.

pub mod author;
pub mod message;
pub mod repo;
pub mod run;
pub mod sync;
pub mod worker;

pub use run::{Git, NoGit, Output, safe_command};
pub use sync::{Stage, SyncError, Synced, sync};
