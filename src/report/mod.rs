//! Reading across items for meetings and exports: what changed since a date, the figures of
//! the dashboard, what a session changed (its minutes), and the next progress report (plain text
//! in the published style, or Word). Pure functions over documents and changes; the caller writes
//! the files through the store.

mod docx;
mod draft;
mod figures;
mod markdown;
mod minutes;
mod period;
mod published;
mod since;
mod stats;

pub use docx::docx;
pub use draft::{DEFAULT_PLACEHOLDER, Draft, DraftOptions, Section, draft, retitle};
pub use figures::{period_text, period_text_in, period_text_shown, progress_figure};
pub use markdown::markdown;
pub use minutes::{
    ItemChanges, Tally, change_lines, change_lines_in, changes, markdown as minutes_markdown, tally,
};
pub use period::{BadPeriod, ReportPeriod};
pub use published::published;
pub use since::{Change, Entry, default_since, entries};
pub use stats::{MetricProgress, Stats, stats};

/// An item's short fields with values, as `(name, value)` for pages and panels: lead, due,
/// reviewed, tags (the ones that are set).
pub fn fields(item: &crate::model::Item) -> Vec<(&'static str, String)> {
    fields_shown(item, &|date| date.to_string())
}

/// [`fields`] with the dates written by `show` (the interface's date format).
pub fn fields_shown(
    item: &crate::model::Item,
    show: &dyn Fn(crate::model::Date) -> String,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(lead) = &item.lead {
        out.push(("lead", lead.clone()));
    }
    if let Some(due) = item.due {
        out.push(("due", show(due)));
    }
    if let Some(reviewed) = item.reviewed {
        out.push(("reviewed", show(reviewed)));
    }
    if !item.tags.is_empty() {
        out.push(("tags", item.tags.join(", ")));
    }
    out
}
