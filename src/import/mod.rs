//! Importing published reports. A plain-text progress report (`第N项 … 进展情况 …`) or a CSV list
//! of items becomes a [`Document`]; a later report can be merged into an existing one. Everything
//! here is pure — text in, documents and warnings out; reading and writing files is the caller's
//! job, through [`crate::store`]. The rules are described in `docs/import.md`.

pub mod csv;
mod csv_rows;
mod header;
mod items;
pub mod merge;
mod metrics;
mod names;
mod notes;
pub mod numerals;
pub mod readings;
mod report;
mod status;
mod text;

use std::fmt;

use crate::model::{Date, Document};

pub use header::period_words;
pub use merge::{MergeReport, merge};
pub use report::import_report;

/// The counts the importer finds in a piece of text, as (value, unit): what a report line such
/// as `完成126个党宾国宾团组的接待任务` gives back when imported.
pub fn counts_in(text: &str) -> Vec<(serde_json::Number, String)> {
    let text = text::Text::new(text, 1);
    metrics::find_metrics(&text, 0..text.len())
        .into_iter()
        .map(|found| (found.value, found.unit))
        .collect()
}

/// Choices the caller makes for a report import.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// The year for dates written without one; overrides the year in the title or date line.
    pub year: Option<i32>,
    /// The date for notes when the report has no `日期:` line and its title names no period
    /// (the command line passes today).
    pub fallback_date: Option<Date>,
}

/// Something in the input the importer could not place or had to guess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line of the input; 0 when the warning is about the input as a whole.
    pub line: usize,
    pub message: String,
}

impl Warning {
    pub fn new(line: usize, message: impl Into<String>) -> Warning {
        Warning {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => f.write_str(&self.message),
            line => write!(f, "line {line}: {}", self.message),
        }
    }
}

/// How much an import found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub items: usize,
    pub notes: usize,
    pub metrics: usize,
}

impl Summary {
    /// Counts what a document holds.
    pub fn of(doc: &Document) -> Summary {
        Summary {
            items: doc.items().len(),
            notes: doc.items().iter().map(|i| i.progress.len()).sum(),
            metrics: doc.items().iter().map(|i| i.metrics.len()).sum(),
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::count;
        write!(
            f,
            "{}, {}, {}",
            count(self.items, "item"),
            count(self.notes, "note"),
            count(self.metrics, "metric")
        )
    }
}

/// The result of an import: the document, what could not be placed, and the counts.
#[derive(Clone, Debug)]
pub struct Imported {
    pub doc: Document,
    pub warnings: Vec<Warning>,
    pub summary: Summary,
    /// The date the report's readings are as of: its `日期:` line, or the fallback used instead.
    pub report_date: Date,
}

/// Why an input could not be imported at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("no items found (an item starts with a line such as `第1项:`)")]
    NoItems,
    #[error("the report has no date: add a `日期:YYYY-MM-DD` line")]
    NoDate,
    #[error("line {line}: {message}")]
    Csv {
        line: usize,
        message: crate::lang::Phrase,
    },
}

impl ImportError {
    /// The error in words for any language (its English text is its `Display`).
    pub fn phrase(&self) -> crate::lang::Phrase {
        use crate::lang::Phrase;
        match self {
            ImportError::NoItems => Phrase::new("import.no_items"),
            ImportError::NoDate => Phrase::new("import.no_date"),
            ImportError::Csv { line, message } => Phrase::new("import.line")
                .arg("line", line)
                .with("problem", message.clone()),
        }
    }
}
