//! Reading across items for meetings and exports: what changed since a date, and the figures
//! of the dashboard. Pure functions over documents.

mod markdown;
mod since;
mod stats;

pub use markdown::markdown;
pub use since::{Change, Entry, default_since, entries};
pub use stats::{Stats, stats};

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
