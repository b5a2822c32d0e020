//! The seed report, imported, agrees with the hand conversion in `data/` on ids, leads, notes,
//! note dates and metrics.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use tally::import::{Options, import_report};
use tally::model::{Document, Metric};
use tally::store::{SAMPLE_JSON, parse_document, write_document};

const SEED: &str = include_str!("fixtures/import/beijing-fao-2023-q3.txt");

fn imported() -> Document {
    import_report(SEED, &Options::default()).unwrap().doc
}

fn sample() -> Document {
    parse_document(Arc::from(SAMPLE_JSON)).unwrap()
}

fn ids(doc: &Document) -> Vec<&str> {
    doc.items().iter().map(|i| i.id.as_str()).collect()
}

fn reading(metric: &Metric) -> (String, Option<String>, Option<String>) {
    (
        metric.value.to_string(),
        metric.unit.clone(),
        metric.target.as_ref().map(|t| t.to_string()),
    )
}

#[test]
fn header_matches_the_sample() {
    let (doc, sample) = (imported(), sample());
    assert_eq!(doc.header.title, sample.header.title);
    assert_eq!(doc.header.source, sample.header.source);
    assert_eq!(doc.header.published, sample.header.published);
    assert_eq!(doc.header.period, sample.header.period);
}

#[test]
fn same_items_in_the_same_order() {
    assert_eq!(ids(&imported()), ids(&sample()));
    assert_eq!(
        ids(&imported()),
        ["10", "11", "12", "13", "14", "16", "17", "126"]
    );
}

#[test]
fn goals_match_and_leads_only_where_the_text_gives_one() {
    let (doc, sample) = (imported(), sample());
    for (got, want) in doc.items().iter().zip(sample.items()) {
        assert_eq!(got.goal, want.goal, "item {}", got.id);
        // The seed names no lead; the sample's 市外办 is its own default.
        assert_eq!(got.lead, None, "item {}", got.id);
    }
}

#[test]
fn notes_agree_in_number_text_and_date() {
    let (doc, sample) = (imported(), sample());
    for (got, want) in doc.items().iter().zip(sample.items()) {
        let got_notes: Vec<(String, &str)> = got
            .progress
            .iter()
            .map(|n| (n.date.to_string(), n.text.as_str()))
            .collect();
        let want_notes: Vec<(String, &str)> = want
            .progress
            .iter()
            .map(|n| (n.date.to_string(), n.text.as_str()))
            .collect();
        assert_eq!(got_notes, want_notes, "item {}", got.id);
    }
}

#[test]
fn every_sample_metric_is_found_and_nothing_else() {
    let (doc, sample) = (imported(), sample());
    for (got, want) in doc.items().iter().zip(sample.items()) {
        let mut found: Vec<_> = got.metrics.iter().map(reading).collect();
        let mut expected: Vec<_> = want.metrics.iter().map(reading).collect();
        found.sort();
        expected.sort();
        assert_eq!(found, expected, "item {}: {:?}", got.id, got.metrics);
    }
}

#[test]
fn metric_names_come_from_the_surrounding_words() {
    let doc = imported();
    let item = &doc.items()[doc.position("14").unwrap()];
    let names: Vec<&str> = item.metrics.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "北京艺术中心",
            "北京城市图书馆",
            "北京大运河博物馆",
            "北京艺术中心增补外语标识"
        ]
    );
    let item = &doc.items()[doc.position("10").unwrap()];
    assert_eq!(item.metrics[0].name, "党宾国宾团组");
}

#[test]
fn import_is_clean_and_writes_a_valid_file() {
    let imported = import_report(SEED, &Options::default()).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(imported.summary.items, 8);
    assert_eq!(imported.summary.notes, 37);
    assert_eq!(imported.summary.metrics, 12);
    let text = write_document(&imported.doc);
    let reread = parse_document(Arc::from(text.as_str())).unwrap();
    assert_eq!(reread.items(), imported.doc.items());
}
