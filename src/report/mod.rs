//! Reading across items for meetings and exports: what changed since a date, the figures of
//! the dashboard, and the next progress report (plain text in the published style, or Word).
//! Pure functions over documents; the caller writes the files through the store.

mod docx;
mod draft;
mod markdown;
mod period;
mod published;
mod since;
mod stats;

pub use docx::docx;
pub use draft::{DEFAULT_PLACEHOLDER, Draft, DraftOptions, Section, draft, retitle};
pub use markdown::markdown;
pub use period::{BadPeriod, ReportPeriod};
pub use published::published;
pub use since::{Change, Entry, default_since, entries};
pub use stats::{MetricProgress, Stats, stats};

/// An item's short fields with values, as `(name, value)` for pages and panels: lead, due,
/// reviewed, tags (the ones that are set).
pub fn fields(item: &crate::model::Item) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(lead) = &item.lead {
        out.push(("lead", lead.clone()));
    }
    if let Some(due) = item.due {
        out.push(("due", due.to_string()));
    }
    if let Some(reviewed) = item.reviewed {
        out.push(("reviewed", reviewed.to_string()));
    }
    if !item.tags.is_empty() {
        out.push(("tags", item.tags.join(", ")));
    }
    out
}
