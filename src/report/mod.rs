//! Reading across items for meetings and exports: what changed since a date, and the figures
//! of the dashboard. Pure functions over documents.

mod markdown;
mod since;
mod stats;

pub use markdown::markdown;
pub use since::{Change, Entry, default_since, entries};
pub use stats::{Stats, stats};
