//! Loading, writing and saving benchmarks on synthetic reports (tests/common/synth.rs, the same files as
//! `examples/gen_big.rs` writes): parsing at 1k, 10k and 100k items, writing a 100,000-item
//! document after one edit, a whole save of it after one edit against writing the same bytes once
//! with a flush, the check before a save, a load from disk, and the outline a one-shot edit reads.
//! Figures are recorded in docs/PERFORMANCE.md.
//!
//! ```text
//! cargo bench --bench store                       # everything (about two minutes)
//! cargo bench --bench store -- load/100000
//! TALLY_THREADS=1 cargo bench --bench store -- load   # the loader on one thread
//! ```

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use synth::synthetic_document;
use tally::model;
use tally::model::{Document, Status};
use tally::store::{self, parse_document, write_document};
#[path = "../tests/common/synth.rs"]
mod synth;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The item edited in the write and save benchmarks: the middle one.
const EDITED_ID: &str = "50000";

fn text_of(n: usize) -> Arc<str> {
    Arc::from(write_document(&synthetic_document(n, 1)))
}

fn samples(group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>, n: usize) {
    // long runs are timed one by one (flat sampling), short ones in growing batches
    let (count, seconds, mode) = match n {
        100_000.. => (15, 6, SamplingMode::Flat),
        10_000.. => (30, 4, SamplingMode::Flat),
        _ => (50, 4, SamplingMode::Auto),
    };
    group.sample_size(count);
    group.measurement_time(Duration::from_secs(seconds));
    group.sampling_mode(mode);
}

/// A loaded 100,000-item document with one item's status changed.
fn edited(doc: &mut Document) {
    let index = doc.position(EDITED_ID).expect("the edited item exists");
    let item = doc.item_mut(index).expect("the edited item exists");
    item.status = if item.status == Status::Done {
        Status::AtRisk
    } else {
        Status::Done
    };
}

/// `parse_document`: the text already in memory, as `store::load` hands it over. Dropping the
/// document is not timed.
fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for n in SIZES {
        let text = text_of(n);
        samples(&mut group, n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter_batched(
                || text.clone(),
                |text| parse_document(black_box(text)).expect("the synthetic file loads"),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// `write_document` of a loaded 100,000-item document: untouched, and after one edit (only the
/// edited item is written anew; the rest of the text is copied).
fn write(c: &mut Criterion) {
    let text = text_of(100_000);
    let loaded = parse_document(text).expect("the synthetic file loads");
    let mut changed = loaded.clone();
    edited(&mut changed);
    let mut group = c.benchmark_group("write");
    samples(&mut group, 100_000);
    group.bench_function("100000/unchanged", |b| {
        b.iter(|| write_document(black_box(&loaded)))
    });
    group.bench_function("100000/one-edit", |b| {
        b.iter(|| write_document(black_box(&changed)))
    });
    // what the interface thread does for a save: list the pieces, copy nothing
    group.bench_function("100000/one-edit-pieces", |b| {
        b.iter(|| store::write_pieces(black_box(&changed)))
    });
    group.finish();
}

/// `store::save` of a 100,000-item file after one edit: writing the text, checking that the file
/// on disk is still the one loaded, writing a temporary file, flushing it to disk and renaming it
/// over the old one.
fn save(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.json");
    std::fs::write(&path, text_of(100_000).as_bytes()).expect("the file is written");
    let mut loaded = store::load(&path).expect("the file loads");
    edited(&mut loaded.doc);
    let mut seen = loaded.fingerprint;
    let mut group = c.benchmark_group("save");
    samples(&mut group, 100_000);
    group.bench_function("100000/one-edit", |b| {
        b.iter(|| {
            seen = store::save(&path, black_box(&loaded.doc), &seen)
                .expect("saved")
                .fingerprint;
        })
    });
    // what the saver thread does: the pieces written one after the other
    let pieces = store::write_pieces(&loaded.doc);
    group.bench_function("100000/one-edit-pieces", |b| {
        b.iter(|| {
            seen = store::save_text(&path, black_box(&pieces), &seen)
                .expect("saved")
                .fingerprint;
        })
    });
    // the check that nobody else changed the file: the file's inode, size and times
    group.bench_function("100000/check-unchanged", |b| {
        b.iter(|| assert!(store::unchanged_on_disk(black_box(&path), &seen)))
    });
    // the reference: the same bytes written once to a new file and flushed (`dd … conv=fsync`)
    let text = pieces.clone().into_string();
    let copy = dir.path().join("copy.json");
    group.bench_function("100000/reference-write-fsync", |b| {
        b.iter(|| {
            let mut file = std::fs::File::create(&copy).expect("created");
            std::io::Write::write_all(&mut file, text.as_bytes()).expect("written");
            file.sync_all().expect("flushed");
        })
    });
    // a whole load from disk: one read into a buffer of the file's size, UTF-8 check, parse
    group.bench_function("100000/load-from-disk", |b| {
        b.iter(|| store::load(black_box(&path)).expect("loads"))
    });
    group.finish();
}

/// `parse_outline` against `parse_document` on the 100,000-item file: what `tally note`/`set`
/// read (every item checked, one kept whole) against the whole document.
fn outline(c: &mut Criterion) {
    let text = text_of(100_000);
    let mut group = c.benchmark_group("outline");
    samples(&mut group, 100_000);
    group.bench_function("100000/whole", |b| {
        b.iter_batched(
            || text.clone(),
            |text| parse_document(black_box(text)).expect("the synthetic file loads"),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("100000/outline-one-item", |b| {
        b.iter_batched(
            || text.clone(),
            |text| store::parse_outline(black_box(text), &[EDITED_ID]).expect("the file loads"),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, load, write, save, outline);
criterion_main!(benches);
