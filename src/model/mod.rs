//! The data types of a tracked report and their invariants. Pure data: no IO, no terminal.

mod change;
mod conflict;
mod date;
mod document;
mod item;
mod merge;
mod origin;
mod period;
mod reading;
mod rebase;
mod shared_text;
mod status;
mod tags;
mod target;

pub use change::{Change, ChangeError, Place, Shift};
pub use conflict::{Conflict, KNOWN_FIELDS, ResolveError, Side, note_value};
pub use date::{BadDate, Date, DateStyle};
pub use document::{Document, FORMAT_VERSION, Header, ItemError, Layout, Period};
pub use item::{BadNumber, Item, Metric, Note, Point, parse_number, read_number};
pub use merge::{Clash, Merged, merge, pick, three_way};
pub use origin::Origin;
pub use period::{BadPeriod, Precision, parse_period, span};
pub use reading::{
    Recorded, SameDate, date_first_reading, new_metric, record_reading, same_number,
};
pub use rebase::{Collision, Replayed, net, replay};
pub use shared_text::SharedText;
pub use status::{Status, UnknownStatus, UnknownStatusWord};
pub use tags::{TAG_COMMAS, split_tags};
pub use target::{MetricKey, NoteKey};
