//! The search line and the filter it puts on the list: opening it with `/`, typing (each change
//! asks the runtime to search), taking results, keeping the filter with Enter or dropping it with
//! Esc, and searching again when the data changes under an active filter.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::state::{ItemRef, Message, Mode, Overlay, State, all_rows};
use super::{Effect, Intent};
use crate::model::Item;
use crate::search::{Hit, QueryError, SearchIndex};

/// The list position each item of the search index stands for. The index itself belongs to the
/// runtime (its search worker), which keeps the one of the newest data version it was asked for.
#[derive(Clone)]
pub struct Indexed {
    pub refs: Arc<Vec<ItemRef>>,
    /// The data version the runtime was asked to index.
    pub version: u64,
}

/// Makes a search index from a snapshot of the items, on whichever thread calls it.
pub type IndexBuilder = Arc<dyn Fn() -> SearchIndex + Send + Sync>;

/// How to build the index of one data version: the runtime uses it only when it does not hold
/// that version's index yet (off the interface thread when it can), and drops it otherwise, so
/// that a keystroke never waits for a large index.
#[derive(Clone)]
pub struct IndexSource(pub IndexBuilder);

impl fmt::Debug for IndexSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IndexSource")
    }
}

impl fmt::Debug for Indexed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Indexed({} items, version {})",
            self.refs.len(),
            self.version
        )
    }
}

/// Everything about the current search.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The search line, while it has the keys.
    pub line: Option<TextArea<'static>>,
    /// The query the list is filtered by; empty means no filter.
    pub query: String,
    /// Grows with every search asked for; only the newest one's results are taken.
    pub generation: u64,
    /// The newest search whose results are in (behind `generation` while one is under way).
    pub answered: u64,
    /// How many items were searched (the M of "N of M").
    pub total: usize,
    /// False while only the first pass's hits are in.
    pub complete: bool,
    /// Why the query could not be read.
    pub error: Option<String>,
    /// The selection before the search began, for Esc.
    pub before: Option<(usize, String)>,
    /// The matched characters of each hit's title.
    pub highlights: HashMap<ItemRef, Vec<usize>>,
    pub indexed: Option<Indexed>,
}

impl SearchState {
    /// The text on the search line (or of the kept filter).
    pub fn text(&self) -> String {
        match &self.line {
            Some(line) => line.lines().join(" "),
            None => self.query.clone(),
        }
    }
}

/// `/`: opens the search line, starting from the current filter.
pub(crate) fn open(state: &mut State) {
    if state.search.before.is_none() {
        state.search.before = state.selection_key();
    }
    let mut line = TextArea::new(vec![state.search.query.clone()]);
    line.move_cursor(ratatui_textarea::CursorMove::End);
    state.search.line = Some(line);
    state.open_overlay(Overlay::Search);
}

/// A key typed on the search line; a changed query is searched at once.
pub(crate) fn input(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(line) = state.search.line.as_mut() else {
        return Vec::new();
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => {
            line.delete_line_by_head();
        }
        KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab => {}
        KeyCode::Char('m' | 'j') if ctrl => {}
        _ => {
            line.input(key);
        }
    }
    changed(state)
}

pub(crate) fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    if let Some(line) = state.search.line.as_mut() {
        line.insert_str(text.replace(['\n', '\r'], " "));
    }
    changed(state)
}

/// Searches for the line's text if it differs from the current query.
fn changed(state: &mut State) -> Vec<Effect> {
    let text = state.search.text();
    if text == state.search.query && state.search.error.is_none() {
        return Vec::new();
    }
    state.search.query = text;
    submit(state)
}

/// Asks the runtime to search for the current query (or clears the filter for an empty one).
pub(crate) fn submit(state: &mut State) -> Vec<Effect> {
    state.search.generation += 1;
    if state.search.query.trim().is_empty() {
        clear_filter(state);
        return Vec::new();
    }
    vec![Effect::Search {
        generation: state.search.generation,
        query: state.search.query.clone(),
        version: state.data_version,
        index: index_source(state),
    }]
}

/// Above this many items the index is not built before it is needed: it takes about 1 KB an
/// item, which a session that never searches should not pay for a very large file.
const PREPARE_MAX_ITEMS: usize = 250_000;

/// Once the screen is up: has the index built in the background, so the first `/` finds it.
pub(crate) fn prepare(state: &mut State) -> Vec<Effect> {
    let items: usize = state.files.iter().map(|f| f.doc.items().len()).sum();
    if items > PREPARE_MAX_ITEMS {
        return Vec::new();
    }
    let asked = state.search.indexed.as_ref();
    if asked.is_some_and(|i| i.version == state.data_version) {
        return Vec::new();
    }
    vec![Effect::PrepareIndex {
        version: state.data_version,
        index: index_source(state),
    }]
}

/// How to build the index of the data as it is now. A builder holds a snapshot of the items
/// (shared, not copied), so it is handed out and never kept: a kept snapshot would make the next
/// edit copy the whole list.
fn index_source(state: &mut State) -> IndexSource {
    let current = state
        .search
        .indexed
        .as_ref()
        .filter(|i| i.version == state.data_version);
    let refs = match current {
        Some(indexed) => Arc::clone(&indexed.refs),
        None => Arc::new(all_rows(&state.files)),
    };
    let lists: Vec<Arc<Vec<Item>>> = state.files.iter().map(|f| f.doc.shared_items()).collect();
    let names: Vec<String> = state.files.iter().map(|f| f.name()).collect();
    let snapshot_refs = Arc::clone(&refs);
    let builder: IndexBuilder = Arc::new(move || {
        SearchIndex::build_in_files(
            snapshot_refs
                .iter()
                .filter_map(|r| Some((lists.get(r.file)?.get(r.item)?, r.file))),
            names.clone(),
        )
    });
    state.search.indexed = Some(Indexed {
        refs,
        version: state.data_version,
    });
    IndexSource(builder)
}

/// Results from the runtime: taken when they answer the newest search.
pub(crate) fn results(
    state: &mut State,
    generation: u64,
    hits: Vec<Hit>,
    complete: bool,
    error: Option<QueryError>,
    total: usize,
) {
    if generation != state.search.generation {
        return;
    }
    state.search.answered = generation;
    if let Some(error) = error {
        let text = error.phrase(state.settings.lang).text(state.settings.lang);
        state.search.error = Some(text.clone());
        state.message = Some(Message::warning(text));
        return;
    }
    state.search.error = None;
    state.search.total = total;
    state.search.complete = complete;
    apply_hits(state, &hits);
    let typing = state.mode() == Mode::Search;
    let keep = if typing { None } else { state.selection_key() };
    state.rebuild_rows(keep.as_ref().map(|(f, id)| (*f, id.as_str())));
    if typing {
        state.list.selected =
            super::view::item_row_near(&state.list.rows, 0, super::triage::Toward::Next)
                .unwrap_or(0);
        state.list.offset = 0;
    }
}

fn apply_hits(state: &mut State, hits: &[Hit]) {
    let Some(indexed) = &state.search.indexed else {
        return;
    };
    let refs = Arc::clone(&indexed.refs);
    let mut filter = Vec::with_capacity(hits.len());
    state.search.highlights.clear();
    for hit in hits {
        let Some(row) = refs.get(hit.index) else {
            continue;
        };
        filter.push(*row);
        if !hit.title_positions.is_empty() {
            state
                .search
                .highlights
                .insert(*row, hit.title_positions.clone());
        }
    }
    state.list.filter = Some(filter);
}

/// Enter: keeps the filter and gives the keys back to the list.
pub(crate) fn keep(state: &mut State) {
    state.search.line = None;
    state.search.before = None;
    state.close_overlay();
    if state.search.query.trim().is_empty() {
        clear_filter(state);
    }
}

/// Esc: drops the filter and goes back to the item selected before the search.
pub(crate) fn cancel(state: &mut State) {
    state.search.line = None;
    state.search.query.clear();
    state.search.generation += 1;
    let before = state.search.before.take();
    state.close_overlay();
    clear_filter(state);
    if let Some((file, id)) = before {
        state.rebuild_rows(Some((file, &id)));
    }
}

/// Shows every item again.
pub(crate) fn clear_filter(state: &mut State) {
    state.search.query.clear();
    state.search.error = None;
    state.search.highlights.clear();
    if state.list.filter.take().is_some() {
        let keep = state.selection_key();
        state.rebuild_rows(keep.as_ref().map(|(f, id)| (*f, id.as_str())));
    }
}

/// A change under an active filter: the filter's positions follow the items of `file` to where
/// they stand now (at once, so the list goes on showing the same items), and the search runs
/// again, in the background, to rank the changed data.
pub(crate) fn after_change(
    state: &mut State,
    file: usize,
    moved_in_file: &dyn Fn(usize) -> Option<usize>,
) -> Vec<Effect> {
    // a search asked for before the change (its answer not in yet) is asked again, too
    if state.list.filter.is_none() && state.search.query.trim().is_empty() {
        return Vec::new();
    }
    let moved = |row: ItemRef| {
        if row.file != file {
            return Some(row);
        }
        moved_in_file(row.item).map(|item| ItemRef { file, item })
    };
    if let Some(filter) = state.list.filter.as_mut() {
        *filter = filter.iter().filter_map(|row| moved(*row)).collect();
    }
    let highlights = std::mem::take(&mut state.search.highlights);
    state.search.highlights = highlights
        .into_iter()
        .filter_map(|(row, positions)| Some((moved(row)?, positions)))
        .collect();
    submit(state)
}

/// ↓/↑ on the search line move through the results.
pub(crate) fn move_in_results(state: &mut State, intent: &Intent) {
    super::update::move_selection(state, intent);
}
