//! Search: find any item by a word of its text, its number, its lead or tags, how it sounds in
//! pinyin, or by field filters. UI-free: the list view drives it through [`SearchWorker`] (off the
//! UI thread, the newest keystroke wins) and the command line through [`rank`]; both give the same
//! order for the same query. The syntax is in [`query`]; the ranking rules are on [`rank`].

mod complete;
mod engine;
mod fold;
mod index;
mod pinyin;
pub mod query;
mod worker;

pub use complete::completions;
pub use engine::Hit;
pub use index::SearchIndex;
pub use query::{Compare, DateSpan, Filter, Query, QueryError, Term, Test};
pub use worker::{SearchResult, SearchWorker};

use engine::Pass;

/// Ranks every item for a query over all fields, best first: what `tally list --query` prints
/// and what the list view shows once a search is complete.
///
/// Each term scores its best field. A match in the id or title beats one in the lead, tags or
/// metric names, which beats one in the goal or notes; within a field a contiguous match beats a
/// pinyin match, which beats a scattered (fuzzy) one, and earlier, fuller matches score higher. A
/// term that is exactly an item's id puts that item first. Equal scores keep the items' order.
pub fn rank(index: &SearchIndex, query: &str) -> Result<Vec<Hit>, QueryError> {
    Ok(index.search(&Query::parse(query)?))
}

impl SearchIndex {
    /// All hits for a parsed query, over all fields, best first.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        self.search_in(query, None)
    }

    /// Like [`SearchIndex::search`], among the given items only (item numbers as in hits).
    /// Searching the previous hits again when a query [narrows](Query::narrows) the previous one
    /// gives the same answer as a full search.
    pub fn search_within(&self, query: &Query, items: &[usize]) -> Vec<Hit> {
        self.search_in(query, Some(items))
    }

    /// The hits found in the primary fields alone (id, title, lead, tags, metric names): the
    /// fast first part of a search, which [`SearchWorker`] shows before goals and notes join.
    pub fn search_primary(&self, query: &Query) -> Vec<Hit> {
        let pass = Pass::new(self, query);
        let candidates = pass.candidates(None);
        pass.primary(&candidates, &|| false)
            .map(|primary| primary.hits)
            .unwrap_or_default()
    }

    fn search_in(&self, query: &Query, within: Option<&[usize]>) -> Vec<Hit> {
        let never = || false;
        let pass = Pass::new(self, query);
        let candidates = pass.candidates(within);
        pass.primary(&candidates, &never)
            .and_then(|primary| pass.secondary(primary, &never))
            .unwrap_or_default()
    }
}

/// Splits `text` into runs of characters that are (`true`) or are not (`false`) at the given
/// char positions, in order, for drawing a highlighted title: each run becomes one styled span,
/// and the terminal library measures CJK widths, so columns stay aligned. Positions past the end
/// are ignored.
pub fn highlight_segments<'t>(text: &'t str, positions: &[usize]) -> Vec<(&'t str, bool)> {
    let mut segments = Vec::new();
    let mut run_start = 0;
    let mut run_marked = false;
    for (char_index, (byte, _)) in text.char_indices().enumerate() {
        let marked = positions.contains(&char_index);
        if byte == 0 {
            run_marked = marked;
        } else if marked != run_marked {
            segments.push((&text[run_start..byte], run_marked));
            run_start = byte;
            run_marked = marked;
        }
    }
    if run_start < text.len() {
        segments.push((&text[run_start..], run_marked));
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_follow_positions() {
        assert_eq!(
            highlight_segments("网上国际服务平台和外语标识", &[9, 10]),
            vec![
                ("网上国际服务平台和", false),
                ("外语", true),
                ("标识", false)
            ]
        );
        assert_eq!(
            highlight_segments("abc", &[0, 2, 7]),
            vec![("a", true), ("b", false), ("c", true)]
        );
        assert_eq!(highlight_segments("abc", &[]), vec![("abc", false)]);
        assert!(highlight_segments("", &[0]).is_empty());
    }
}
