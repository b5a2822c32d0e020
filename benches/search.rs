//! Search benchmarks: index build, the primary-field pass (what a keystroke waits for) and the
//! complete search (all fields), at 1k, 10k and 100k synthetic items, for an ASCII word, a
//! Chinese word and a pinyin abbreviation. Figures are recorded in docs/PERFORMANCE.md.
//!
//! ```text
//! cargo bench --bench search                 # everything (a few minutes)
//! cargo bench --bench search -- primary/100000
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use synth::synthetic_document;
use tally::model;
use tally::model::Document;
use tally::search::{Query, SearchIndex};
#[path = "../tests/common/synth.rs"]
mod synth;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const QUERIES: [(&str, &str); 4] = [
    ("ascii", "budget"),
    ("chinese", "外语"),
    ("pinyin", "sjjylm"),
    ("two-terms", "国际 标识"),
];

fn documents() -> Vec<(usize, Document)> {
    SIZES
        .iter()
        .map(|&n| (n, synthetic_document(n, 1)))
        .collect()
}

fn samples(group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>, n: usize) {
    if n >= 100_000 {
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(8));
    } else {
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(4));
    }
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    for (n, doc) in documents() {
        samples(&mut group, n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
            b.iter(|| SearchIndex::build(black_box(doc.items())))
        });
    }
    group.finish();
}

fn search(c: &mut Criterion) {
    let docs = documents();
    let indexes: Vec<(usize, SearchIndex)> = docs
        .iter()
        .map(|(n, doc)| (*n, SearchIndex::build(doc.items())))
        .collect();
    for phase in ["primary", "full"] {
        let mut group = c.benchmark_group(phase);
        for (n, index) in &indexes {
            samples(&mut group, *n);
            for (kind, text) in QUERIES {
                let query = Query::parse(text).unwrap_or_default();
                let id = BenchmarkId::new(n.to_string(), kind);
                group.bench_with_input(id, &query, |b, query| {
                    if phase == "primary" {
                        b.iter(|| index.search_primary(black_box(query)))
                    } else {
                        b.iter(|| index.search(black_box(query)))
                    }
                });
            }
        }
        group.finish();
    }
}

/// Typing one more character: the new query searched among the previous query's hits only.
fn narrowing(c: &mut Criterion) {
    let doc = synthetic_document(100_000, 1);
    let index = SearchIndex::build(doc.items());
    let mut group = c.benchmark_group("narrowing");
    samples(&mut group, 100_000);
    for (kind, before, after) in [("chinese", "外", "外语"), ("pinyin", "sjj", "sjjy")] {
        let before = Query::parse(before).unwrap_or_default();
        let after = Query::parse(after).unwrap_or_default();
        let previous: Vec<usize> = index.search(&before).iter().map(|h| h.index).collect();
        group.bench_function(BenchmarkId::new("100000", kind), |b| {
            b.iter(|| index.search_within(black_box(&after), &previous))
        });
    }
    group.finish();
}

/// Goals and notes of a loaded file searched where they stand in its text (`verbatim`, what the
/// program does) against the same items made in memory, whose texts the index copies (`copied`):
/// the index build and the complete search, at 100,000 items. The two indexes' sizes are printed.
fn verbatim(c: &mut Criterion) {
    let made = synthetic_document(100_000, 1);
    let text = std::sync::Arc::from(tally::store::write_document(&made));
    let loaded = tally::store::parse_document(text).expect("the synthetic file loads");
    let mut group = c.benchmark_group("verbatim");
    samples(&mut group, 100_000);
    for (how, doc) in [("verbatim", &loaded), ("copied", &made)] {
        let index = SearchIndex::build(doc.items());
        eprintln!(
            "{how}: the index holds {} MB",
            index.heap_size() / 1_000_000
        );
        group.bench_function(BenchmarkId::new("build", how), |b| {
            b.iter(|| SearchIndex::build(black_box(doc.items())))
        });
        for (kind, text) in QUERIES {
            let query = Query::parse(text).unwrap_or_default();
            let id = BenchmarkId::new(format!("full-{kind}"), how);
            group.bench_with_input(id, &query, |b, query| {
                b.iter(|| index.search(black_box(query)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, build, search, narrowing, verbatim);
criterion_main!(benches);
