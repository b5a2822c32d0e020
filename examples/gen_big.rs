//! Writes a synthetic report as JSON to stdout, for benchmarks and load tests:
//!
//! ```text
//! cargo run --release --example gen_big -- 100000 > big.json
//! cargo run --release --example gen_big -- 100000 7 > big-seed7.json
//! ```

use std::io::Write;
use tally::model;
#[path = "../tests/common/synth.rs"]
mod synth;

fn main() {
    let mut args = std::env::args().skip(1);
    let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let doc = synth::synthetic_document(n, seed);
    let text = tally::store::write_document(&doc);
    let mut out = std::io::stdout().lock();
    if let Err(err) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("gen_big: {err}");
        std::process::exit(1);
    }
}
