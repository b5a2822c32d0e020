//! The data types of a tracked report and their invariants. Pure data: no IO, no terminal.

mod change;
mod conflict;
mod date;
mod document;
mod item;
mod origin;
mod period;
mod status;

pub use change::{Change, ChangeError, Shift};
pub use conflict::{Conflict, KNOWN_FIELDS, ResolveError, Side, note_value};
pub use date::{BadDate, Date};
pub use document::{Document, FORMAT_VERSION, Header, ItemError, Layout, Period};
pub use item::{Item, Metric, Note, Point, parse_number};
pub use origin::Origin;
pub use period::{BadPeriod, Precision, parse_period, span};
pub use status::{Status, UnknownStatus};
