//! tally and git: every git process tally starts, run so it can never prompt on the screen, and
//! what is built on them — syncing the open task files with their repository, the ahead/behind
//! mark, the name notes are signed with, the three versions of a file in an unfinished merge,
//! and setting a repository up to merge task files with tally's driver.

pub mod author;
mod failure;
pub mod message;
pub mod repo;
pub mod run;
mod setup;
mod stages;
pub mod sync;
pub mod worker;

pub use run::{Git, NoGit, Output, safe_command};
pub use setup::{GitSetup, git_setup};
pub use stages::{Stages, add, line_merge, stages};
pub use sync::{Stage, SyncError, Synced, sync};
