//! The benchmarks' data generator (tests/common/synth.rs): deterministic for a seed, and its
//! files load back as written.

use tally::model;
#[path = "common/synth.rs"]
mod synth;

use synth::{Rng, Shape, synthetic_document, synthetic_document_shaped};

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

#[test]
fn a_realistic_document_has_the_shape_asked_for_and_its_cut_is_its_start() {
    let doc = synthetic_document_shaped(400, 5, Shape::REALISTIC);
    for item in doc.items() {
        assert!(
            (3..=8).contains(&item.progress.len()),
            "{}",
            item.progress.len()
        );
        assert!(
            (2..=5).contains(&item.metrics.len()),
            "{}",
            item.metrics.len()
        );
        for note in &item.progress {
            assert!(
                (50..=200).contains(&note.text.chars().count()),
                "{}",
                note.text
            );
        }
    }
    let cut = synthetic_document_shaped(10, 5, Shape::REALISTIC);
    assert_eq!(cut.items(), &doc.items()[..10]);
    let bytes = tally::store::write_document(&doc).len() / 400;
    assert!((2_500..3_000).contains(&bytes), "{bytes} bytes an item");
}
