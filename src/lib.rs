//! tally: a keyboard-first terminal tracker for JSON task files.

pub mod model;
pub mod search;
pub mod store;
#[doc(hidden)]
pub mod synth;
