//! Three-way merge of task files: two versions of a file that grew from one base become one,
//! item by item (matched by id) and field by field. What both sides changed differently is kept as
//! ours and recorded in the item's `conflicts`, so the result is always a valid file. Each value
//! follows the model's rule ([`crate::model::three_way`]), the one an interactive session uses
//! when a file changed under its edits. No IO here: texts in, text out.

mod item;
mod items;
mod metrics;
mod notes;

use std::sync::Arc;

use crate::model::Document;
use crate::store::{Problem, parse_document, write_document};

pub use items::merge_documents;

/// Names for the two sides, recorded with each conflict (`ours_from`, `theirs_from`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels {
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

/// What a merge did beyond the obvious, for the person running it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Conflicts recorded in items, as (item id, what they are about).
    pub conflicts: Vec<(String, String)>,
    /// Items both sides added under one id: (id, the fresh id their item now has).
    pub renumbered: Vec<(String, String)>,
    /// Items one side deleted and the other changed, kept with the change: (id, which side deleted).
    pub kept: Vec<(String, &'static str)>,
    /// Report-level fields both sides changed differently; ours were kept.
    pub header_conflicts: Vec<String>,
}

impl Outcome {
    /// True when a person must look at the result (git should stop).
    pub fn needs_attention(&self) -> bool {
        !self.conflicts.is_empty() || !self.header_conflicts.is_empty()
    }

    /// One line per event worth telling, in plain words.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (old, new) in &self.renumbered {
            lines.push(format!(
                "item {old} was added on both sides: theirs is now item {new}"
            ));
        }
        for (id, side) in &self.kept {
            lines.push(format!(
                "item {id} was deleted {side} but changed on the other side: kept with the change"
            ));
        }
        for (id, subject) in &self.conflicts {
            lines.push(format!(
                "conflict in item {id}: {subject} (ours kept, theirs recorded)"
            ));
        }
        for field in &self.header_conflicts {
            lines.push(format!(
                "conflict in the report's {field}: ours kept, theirs dropped"
            ));
        }
        lines
    }
}

/// Why texts could not be merged.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeError {
    /// One of the versions is not a valid task file.
    Invalid {
        which: &'static str,
        problem: Problem,
    },
}

/// Merges three texts of one file; the result keeps ours' layout and changes only what theirs
/// brought in. An empty base (the file was added on both sides) merges as if nothing was common.
pub fn merge_texts(
    base: &str,
    ours: &str,
    theirs: &str,
    labels: &Labels,
) -> Result<(String, Outcome), MergeError> {
    let parse = |which, text: &str| {
        parse_document(Arc::from(text)).map_err(|problem| MergeError::Invalid { which, problem })
    };
    let ours_doc = parse("ours", ours)?;
    let theirs_doc = parse("theirs", theirs)?;
    let base_doc = if base.trim().is_empty() {
        Document::new(ours_doc.header.title.clone())
    } else {
        parse("base", base)?
    };
    let (merged, outcome) = merge_documents(&base_doc, &ours_doc, &theirs_doc, labels);
    Ok((write_document(&merged), outcome))
}

#[cfg(test)]
mod tests;
