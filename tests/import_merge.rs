//! Merging reports into tracked files: a later report extends the timeline, the same report twice
//! changes nothing, and items the merge does not touch keep their exact bytes.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use tally::import::{Imported, Options, import_report, merge};
use tally::model::Document;
use tally::store::{SAMPLE_JSON, parse_document, write_document};

const SEED: &str = include_str!("fixtures/import/beijing-fao-2023-q3.txt");

fn import(text: &str) -> Imported {
    import_report(text, &Options::default()).unwrap()
}

/// A document as it is after saving and loading, so it carries its text like a real file.
fn as_file(doc: &Document) -> (String, Document) {
    let text = write_document(doc);
    let loaded = parse_document(Arc::from(text.as_str())).unwrap();
    (text, loaded)
}

/// The seed as its year-end report might read: a new count, a new point, a new item.
fn year_end() -> String {
    let text = SEED
        .replace("前三季度", "全年")
        .replace("日期:2023-10-07", "日期:2024-01-10")
        .replace("完成126个党宾国宾团组", "完成158个党宾国宾团组")
        .replace(
            "及时推进外语标识安装设置。",
            "及时推进外语标识安装设置。五是12月20日北京艺术中心外语标识全部安装到位。",
        )
        .replace(
            "第16项:",
            "第15项:提升国际语言环境建设水平。\n\n进展情况:完成3000条外语标识译写审核。\n\n第16项:",
        );
    assert_ne!(text, SEED);
    text
}

/// Each item's text in a saved file, by id.
fn item_texts(doc: &Document) -> Vec<(String, String)> {
    doc.items()
        .iter()
        .map(|i| {
            (
                i.id.clone(),
                i.origin.text().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn importing_the_same_report_twice_changes_nothing() {
    let (text, mut file) = as_file(&import(SEED).doc);
    let report = merge(&mut file, &import(SEED).doc, import(SEED).report_date);
    assert!(report.is_empty(), "{report:?}");
    assert!(report.warnings.is_empty());
    assert_eq!(write_document(&file), text);
}

#[test]
fn a_later_report_extends_the_timeline_and_is_idempotent() {
    let (before, mut file) = as_file(&import(SEED).doc);
    let originals = item_texts(&file);
    let later = import(&year_end());
    let report = merge(&mut file, &later.doc, later.report_date);
    assert_eq!(report.added_items, ["15"]);
    assert_eq!(report.updated_items, ["10", "14"]);
    // Item 10: the point whose count changed is a new note, and the count a new reading.
    assert_eq!((report.notes, report.readings, report.metrics), (2, 1, 0));

    let ids: Vec<&str> = file.items().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["10", "11", "12", "13", "14", "15", "16", "17", "126"]);
    let receptions = &file.items()[0].metrics[0];
    assert_eq!(receptions.value.to_string(), "158");
    let series: Vec<(String, String)> = receptions
        .history
        .iter()
        .map(|p| (p.date.to_string(), p.value.to_string()))
        .collect();
    assert_eq!(
        series,
        [
            ("2023-10-07".into(), "126".into()),
            ("2024-01-10".into(), "158".into())
        ]
    );
    let signs = &file.items()[4];
    assert_eq!(signs.progress.len(), 5);
    assert_eq!(signs.progress[4].date.to_string(), "2023-12-20");
    let new_item = &file.items()[5];
    assert_eq!(
        new_item.metrics[0].history.len(),
        1,
        "dated, since the file's date is older"
    );
    assert_eq!(
        file.header.published.map(|d| d.to_string()).as_deref(),
        Some("2023-10-07")
    );

    let after = write_document(&file);
    for (id, text) in &originals {
        if id != "10" && id != "14" {
            assert!(after.contains(text.as_str()), "item {id} was rewritten");
        }
    }
    assert!(after.len() > before.len());

    let (saved, mut reloaded) = as_file(&file);
    let again = merge(&mut reloaded, &later.doc, later.report_date);
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(write_document(&reloaded), saved);
    let earlier = merge(&mut reloaded, &import(SEED).doc, import(SEED).report_date);
    assert!(
        earlier.is_empty(),
        "merging the older report back adds nothing: {earlier:?}"
    );
}

#[test]
fn merging_the_seed_into_the_hand_made_sample() {
    let mut sample = parse_document(Arc::from(SAMPLE_JSON)).unwrap();
    let seed = import(SEED);
    let report = merge(&mut sample, &seed.doc, seed.report_date);
    // Every note, reading and metric is already there, under the sample's own names (item 17's
    // `首批入驻国际科技组织` is the report's `首批组织` with words in between)
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(write_document(&sample), SAMPLE_JSON);
    let (_, mut reloaded) = as_file(&sample);
    assert!(merge(&mut reloaded, &seed.doc, seed.report_date).is_empty());
}
