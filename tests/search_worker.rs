//! The background worker gives the same final answer as `rank`, cancels stale work, narrows
//! incrementally without changing answers, and reports query errors.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tally::model;
use tally::model::Document;
use tally::search::{Query, SearchIndex, SearchResult, SearchWorker, rank};
#[path = "common/synth.rs"]
mod synth;

fn synthetic(n: usize) -> (Document, Arc<SearchIndex>) {
    let doc = synth::synthetic_document(n, 11);
    let index = Arc::new(SearchIndex::build(doc.items()));
    (doc, index)
}

/// Waits for the complete result of `generation`, keeping every result seen on the way.
fn complete(worker: &SearchWorker, generation: u64) -> (SearchResult, Vec<SearchResult>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        if let Ok(result) = worker.results().recv_timeout(Duration::from_millis(50)) {
            seen.push(result.clone());
            if result.generation == generation && result.complete {
                return (result, seen);
            }
        }
    }
    panic!("no complete result for generation {generation}");
}

const QUERIES: [&str; 10] = [
    "外语",
    "国际 标识",
    "budget",
    "sjjylm",
    "ydyl",
    "14",
    "status:at_risk 国际",
    "预算 !结算",
    "#会展 lead:处",
    "",
];

#[test]
fn final_results_equal_rank() {
    // large enough for two threads and for progressive (primary-first) results
    let (_, index) = synthetic(12_000);
    let worker = SearchWorker::spawn(index.clone());
    for (generation, query) in (1u64..).zip(QUERIES) {
        worker.submit(generation, query);
        let (result, seen) = complete(&worker, generation);
        let expected = rank(&index, query).expect("query");
        assert!(result.hits == expected, "{query}");
        assert_eq!(result.total, 12_000);
        assert_eq!(result.query, query);
        assert!(result.error.is_none());
        // any partial result came first and holds primary-field hits that are all in the answer
        for partial in seen.iter().filter(|r| !r.complete) {
            assert_eq!(partial.generation, generation);
            let query = Query::parse(query).expect("query");
            assert!(partial.hits == index.search_primary(&query), "{query}");
        }
    }
}

#[test]
fn typing_narrows_and_still_equals_rank() {
    let (_, index) = synthetic(8_000);
    let worker = SearchWorker::spawn(index.clone());
    let typed = [
        "外",
        "外语",
        "外语 ",
        "外语 标",
        "外语 标识",
        "s",
        "sj",
        "sjj",
        "sjjy",
        "sjjylm",
        "b",
        "bu",
        "bud",
        "budg",
        "budge",
        "budget",
    ];
    for (generation, text) in (1u64..).zip(typed) {
        worker.submit(generation, text);
        let (result, _) = complete(&worker, generation);
        assert!(result.hits == rank(&index, text).expect("query"), "{text}");
    }
}

#[test]
fn narrowing_equals_a_fresh_search() {
    let (_, index) = synthetic(5_000);
    let pairs = [
        ("外", "外语"),
        ("国", "国际 标识"),
        ("国际 标", "国际 标识"),
        ("s", "sjjylm"),
        ("yd", "ydyl"),
        ("bud", "budget"),
        ("b", "bz"),
        ("1", "14"),
        ("国 status:todo", "国际 status:todo"),
        ("预 !结算", "预算 !结算"),
    ];
    for (before, after) in pairs {
        let before = Query::parse(before).expect("query");
        let after = Query::parse(after).expect("query");
        assert!(after.narrows(&before), "{after} narrows {before}");
        let previous: Vec<usize> = index.search(&before).iter().map(|h| h.index).collect();
        assert!(
            index.search_within(&after, &previous) == index.search(&after),
            "{before} -> {after}"
        );
    }
}

#[test]
fn newer_submissions_cancel_older_ones() {
    let (_, index) = synthetic(20_000);
    let worker = SearchWorker::spawn(index.clone());
    let queries = ["国际", "sjjylm", "外语 标识", "yh"];
    for generation in 1..=20u64 {
        worker.submit(generation, queries[generation as usize % 4]);
    }
    let (result, seen) = complete(&worker, 20);
    assert_eq!(result.query, "国际");
    assert!(result.hits == rank(&index, "国际").expect("query"));
    // earlier generations may have finished before the later ones arrived, never after
    let completes: Vec<u64> = seen
        .iter()
        .filter(|r| r.complete)
        .map(|r| r.generation)
        .collect();
    assert!(completes.windows(2).all(|w| w[0] < w[1]), "{completes:?}");
    // nothing more arrives for the stale generations
    std::thread::sleep(Duration::from_millis(200));
    assert!(worker.results().try_iter().all(|r| r.generation == 20));
}

#[test]
fn poll_returns_the_newest_result() {
    let doc = tally::store::parse_document(Arc::from(tally::store::SAMPLE_JSON)).expect("sample");
    let worker = SearchWorker::spawn(Arc::new(SearchIndex::build(doc.items())));
    worker.submit(1, "国际");
    worker.submit(2, "外语");
    let deadline = Instant::now() + Duration::from_secs(30);
    let result = loop {
        if let Some(result) = worker.poll()
            && result.complete
        {
            break result;
        }
        assert!(Instant::now() < deadline, "no result");
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!(result.generation, 2);
    let ids: Vec<&str> = result
        .hits
        .iter()
        .map(|h| doc.items()[h.index].id.as_str())
        .collect();
    assert_eq!(ids, ["14"]);
    assert_eq!(result.total, 8);
}

#[test]
fn errors_come_back_as_results() {
    let (_, index) = synthetic(100);
    let worker = SearchWorker::spawn(index);
    worker.submit(1, "外语 foo:x");
    let (result, _) = complete(&worker, 1);
    assert!(result.hits.is_empty());
    assert_eq!(
        result.error.map(|e| e.to_string()).as_deref(),
        Some("unknown filter \"foo\" (known: status, lead, id, due, file, #tag, is:conflict)")
    );
}

#[test]
fn a_new_index_replaces_the_old_one() {
    let doc = tally::store::parse_document(Arc::from(tally::store::SAMPLE_JSON)).expect("sample");
    let worker = SearchWorker::spawn(Arc::new(SearchIndex::build(doc.items())));
    worker.submit(1, "外语");
    let (result, _) = complete(&worker, 1);
    assert_eq!(result.hits.len(), 1);
    // the list now shows only the last three items, in reverse
    let reordered: Vec<_> = doc.items().iter().rev().take(3).collect();
    worker.set_index(Arc::new(SearchIndex::build(reordered.iter().copied())));
    worker.submit(2, "国际");
    let (result, _) = complete(&worker, 2);
    assert_eq!(result.total, 3);
    let titles: Vec<&str> = result
        .hits
        .iter()
        .map(|h| reordered[h.index].title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["推动世界剧院联盟等国际组织落户", "积极拓展友城交往"]
    );
    // narrowing never reuses hits from the old index
    worker.submit(3, "国际 ");
    let (result, _) = complete(&worker, 3);
    assert_eq!(result.hits.len(), 2);
}

#[test]
fn an_index_built_on_the_worker_is_searched_and_reported_once() {
    let doc = tally::store::parse_document(Arc::from(tally::store::SAMPLE_JSON)).expect("sample");
    let worker = SearchWorker::spawn(Arc::new(SearchIndex::default()));
    let items = doc.shared_items();
    let builder_thread = Arc::new(std::sync::Mutex::new(None));
    let seen = Arc::clone(&builder_thread);
    worker.build_index(
        7,
        Box::new(move || {
            *seen.lock().unwrap() = std::thread::current().name().map(String::from);
            SearchIndex::build(items.iter())
        }),
    );
    worker.submit(1, "外语");
    let (result, _) = complete(&worker, 1);
    assert_eq!(result.total, 8, "the search used the new index");
    assert_eq!(result.hits.len(), 1);
    assert_eq!(
        builder_thread.lock().unwrap().as_deref(),
        Some("tally-search"),
        "built on the worker's thread"
    );
    assert_eq!(worker.take_built(), Some(7), "the build is reported");
    assert!(worker.take_built().is_none(), "only once");
}

#[test]
fn dropping_the_worker_does_not_wait_for_an_index_being_built() {
    use std::sync::mpsc;
    let worker = SearchWorker::spawn(Arc::new(SearchIndex::default()));
    let (started, building) = mpsc::channel();
    let (release, held) = mpsc::channel::<()>();
    worker.build_index(
        1,
        Box::new(move || {
            started.send(()).unwrap();
            let _ = held.recv();
            SearchIndex::default()
        }),
    );
    building
        .recv_timeout(Duration::from_secs(30))
        .expect("the build started");
    let (dropped, done) = mpsc::channel();
    std::thread::spawn(move || {
        drop(worker);
        dropped.send(()).unwrap();
    });
    let finished = done.recv_timeout(Duration::from_secs(10));
    release.send(()).ok();
    assert!(
        finished.is_ok(),
        "drop returned while the build was still running"
    );
}

#[test]
fn the_worker_says_when_results_and_a_built_index_are_ready() {
    let (doc, _) = synthetic(300);
    let (told, ready) = std::sync::mpsc::channel();
    let worker = SearchWorker::spawn_notifying(
        Arc::new(SearchIndex::default()),
        Box::new(move || {
            let _ = told.send(());
        }),
    );
    let items = doc.items().to_vec();
    worker.build_index(7, Box::new(move || SearchIndex::build(&items)));
    ready
        .recv_timeout(Duration::from_secs(60))
        .expect("told the index is built");
    assert_eq!(worker.take_built(), Some(7));
    worker.submit(1, "外语");
    ready
        .recv_timeout(Duration::from_secs(60))
        .expect("told results are ready");
    let result = worker
        .results()
        .try_recv()
        .expect("the results are there when told");
    assert_eq!(result.generation, 1);
}
