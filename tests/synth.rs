//! The benchmarks' data generator (tests/common/synth.rs): deterministic for a seed, and its
//! files load back as written.

use tally::model;
#[path = "common/synth.rs"]
mod synth;

use synth::{Rng, synthetic_document};

#[test]
fn same_seed_same_document() {
    let a = synthetic_document(50, 7);
    let b = synthetic_document(50, 7);
    assert_eq!(a.items(), b.items());
    let c = synthetic_document(50, 8);
    assert_ne!(a.items(), c.items());
    assert_eq!(a.items()[49].id, "50");
}

#[test]
fn writes_and_reads_back() {
    let doc = synthetic_document(30, 3);
    let text = tally::store::write_document(&doc);
    let back = tally::store::parse_document(std::sync::Arc::from(text)).expect("loads");
    assert_eq!(back.items(), doc.items());
}

#[test]
fn below_stays_in_range() {
    let mut rng = Rng::new(0);
    for n in 1..50 {
        assert!(rng.below(n) < n);
    }
    assert_eq!(rng.below(0), 0);
}
