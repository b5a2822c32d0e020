//! Drawing benchmarks: one frame of the three-pane screen (120×40, ratatui's `TestBackend`) with
//! 10 items and with 100,000, and one selection move in the 100,000-item list. Only the rows on
//! screen are built, so a frame costs about the same at both sizes. Figures are recorded in
//! docs/PERFORMANCE.md.
//!
//! ```text
//! cargo bench --bench render
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use synth::synthetic_document;
use tally::app::{Intent, State, update};
use tally::model;
use tally::store::{Fingerprint, Loaded, parse_document, write_document};
use tally::ui::{self, Theme};
#[path = "../tests/common/synth.rs"]
mod synth;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// The screen after loading a synthetic file of `n` items, with the middle item selected.
fn state(n: usize) -> State {
    let text = write_document(&synthetic_document(n, 1));
    let doc = parse_document(text.into()).expect("the synthetic file loads");
    let loaded = Loaded {
        path: format!("synthetic-{n}.json").into(),
        doc,
        fingerprint: Fingerprint::of_bytes(b"", None),
    };
    let mut state = State::new(vec![loaded], Rect::new(0, 0, WIDTH, HEIGHT));
    update(&mut state, Intent::Top);
    while state.list.selected < n / 2 {
        update(&mut state, Intent::PageDown);
    }
    state
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(4));
    for n in [10, 100_000] {
        let state = state(n);
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
        group.bench_function(BenchmarkId::new("120x40", n), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| ui::render(frame, black_box(&state), Theme::from_env()))
                    .map(|_| ())
                    .expect("drawn")
            })
        });
    }
    group.finish();
}

/// One press of Down (`app::update` with `Intent::Down`) in the 100,000-item list; the list is
/// taken back to the top, untimed, when the selection reaches its end.
fn selection(c: &mut Criterion) {
    let mut state = state(100_000);
    update(&mut state, Intent::Top);
    let mut group = c.benchmark_group("select");
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(4));
    group.bench_function("down/100000", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut left = iters;
            while left > 0 {
                let room = (state.list.rows.len() - 1 - state.list.selected) as u64;
                if room == 0 {
                    update(&mut state, Intent::Top);
                    continue;
                }
                let run = left.min(room);
                let start = Instant::now();
                for _ in 0..run {
                    black_box(update(&mut state, Intent::Down));
                }
                total += start.elapsed();
                left -= run;
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, frame, selection);
criterion_main!(benches);
