//! Writes a synthetic report as JSON to stdout, for benchmarks and load tests:
//!
//! ```text
//! cargo run --release --example gen_big -- 100000 > big.json
//! cargo run --release --example gen_big -- 100000 7 > big-seed7.json
//! cargo run --release --example gen_big -- 100000 1 realistic > real.json   # about 270 MB
//! ```
//!
//! The shape is `compact` (the default: up to 5 short notes and 3 metrics an item) or `realistic`
//! (3–8 notes of 50–200 characters and 2–5 metrics an item); see `tests/common/synth.rs`.

use std::io::Write;
use tally::model;
#[path = "../tests/common/synth.rs"]
mod synth;

fn main() {
    let mut args = std::env::args().skip(1);
    let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let shape = args.next().unwrap_or_else(|| "compact".into());
    let Some(shape) = synth::Shape::named(&shape) else {
        eprintln!("gen_big: unknown shape {shape:?} (compact or realistic)");
        std::process::exit(2);
    };
    let doc = synth::synthetic_document_shaped(n, seed, shape);
    let text = tally::store::write_document(&doc);
    let mut out = std::io::stdout().lock();
    if let Err(err) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("gen_big: {err}");
        std::process::exit(1);
    }
}
