//! The search side of the runtime: the worker thread with the index of one data version, and
//! searching right away on the calling thread.

use std::sync::Arc;

use crate::app::IndexSource;
use crate::search::{SearchIndex, SearchResult, SearchWorker};

/// The search worker and the data version of the index it has (or is building).
pub(super) struct Searcher {
    pub(super) worker: SearchWorker,
    version: Option<u64>,
}

impl Searcher {
    pub(super) fn spawn() -> Searcher {
        Searcher {
            worker: SearchWorker::spawn(Arc::new(SearchIndex::default())),
            version: None,
        }
    }

    /// Gives the worker the index of data version `version`, unless it has it already.
    pub(super) fn use_index(&mut self, version: u64, index: IndexSource) {
        if self.version == Some(version) {
            return;
        }
        self.version = Some(version);
        match index {
            IndexSource::Ready(index) => self.worker.set_index(index),
            IndexSource::Build(build) => {
                self.worker.build_index(version, Box::new(move || build()))
            }
        }
    }
}

/// A complete search done right away (the interface uses the background worker instead).
pub fn search_now(generation: u64, query: &str, index: &SearchIndex) -> SearchResult {
    let (hits, error) = match crate::search::rank(index, query) {
        Ok(hits) => (hits, None),
        Err(error) => (Vec::new(), Some(error)),
    };
    SearchResult {
        generation,
        query: query.to_string(),
        hits,
        complete: true,
        error,
        total: index.len(),
    }
}
