//! tally: a keyboard-first terminal tracker for JSON task files.

pub mod import;
pub mod model;
pub mod store;
