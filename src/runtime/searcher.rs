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
    /// Starts the worker; it calls `waker`, when given, as results or an index are ready.
    pub(super) fn spawn(waker: Option<super::Waker>) -> Searcher {
        let index = Arc::new(SearchIndex::default());
        let worker = match waker {
            Some(waker) => SearchWorker::spawn_notifying(index, Box::new(move || waker())),
            None => SearchWorker::spawn(index),
        };
        Searcher {
            worker,
            version: None,
        }
    }

    /// Gives the worker the index of data version `version`, unless it has it already.
    pub(super) fn use_index(&mut self, version: u64, index: IndexSource) {
        if self.version == Some(version) {
            return;
        }
        self.version = Some(version);
        let IndexSource(build) = index;
        self.worker.build_index(version, Box::new(move || build()));
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
