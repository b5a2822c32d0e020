//! What an outside change costs the interface thread, at 100,000 items with one unsaved edit: the
//! file is noticed, read again, the edit replayed and saved. Timed is the one call the session's
//! loop makes when it checks the files (`Runtime::poll`); with the interactive runtime the reading
//! and saving go to the saver thread, with the runtime that works in place they happen inside the
//! call (as the watcher did before). Figures are recorded in docs/PERFORMANCE.md.
//!
//! ```text
//! cargo bench --bench reload
//! ```

use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use ratatui::layout::Rect;
use synth::synthetic_document;
use tally::app::{Intent, State, update};
use tally::model;
use tally::model::Status;
use tally::runtime::Runtime;
use tally::store::{self, write_document};
#[path = "../tests/common/synth.rs"]
mod synth;

const ITEMS: usize = 100_000;

/// Someone else's version of the file: the first item's title is `title`.
fn outside_version(title: &str) -> String {
    let mut doc = synthetic_document(ITEMS, 1);
    doc.item_mut(0).expect("the first item").title = title.to_string();
    write_document(&doc)
}

fn reload(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.json");
    let versions = [outside_version("theirs A"), outside_version("theirs B")];
    std::fs::write(&path, &versions[0]).expect("the file is written");
    let mut group = c.benchmark_group("reload");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.sampling_mode(SamplingMode::Flat);
    for (name, interactive) in [("100000/background", true), ("100000/in-place", false)] {
        let mut state = State::new(
            vec![store::load(&path).expect("the file loads")],
            Rect::new(0, 0, 120, 40),
        );
        let mut runtime = if interactive {
            Runtime::interactive()
        } else {
            Runtime::default()
        };
        let mut round = 0usize;
        group.bench_function(name, |b| {
            b.iter_custom(|iterations| {
                let mut spent = Duration::ZERO;
                for _ in 0..iterations {
                    round += 1;
                    let status = if round.is_multiple_of(2) {
                        Status::Blocked
                    } else {
                        Status::AtRisk
                    };
                    // an edit not saved yet, then someone else's save
                    let _unsent = update(&mut state, Intent::SetStatus(status));
                    std::fs::write(&path, &versions[round % 2]).expect("written");
                    let start = Instant::now();
                    runtime.poll(&mut state, true);
                    spent += start.elapsed();
                    runtime.finish(&mut state);
                }
                spent
            })
        });
    }
    group.finish();
}

criterion_group!(benches, reload);
criterion_main!(benches);
