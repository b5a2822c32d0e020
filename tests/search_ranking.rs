//! Ranking, filters and highlight positions, on the bundled sample and on small made-up lists.

use tally::model;
use tally::model::{Document, Item, Note, Status};
use tally::search::{Hit, SearchIndex, highlight_segments, rank};
#[path = "common/synth.rs"]
mod synth;

fn sample() -> Document {
    tally::store::parse_document(std::sync::Arc::from(tally::store::SAMPLE_JSON))
        .expect("the sample parses")
}

fn ids(items: &[Item], query: &str) -> Vec<String> {
    let index = SearchIndex::build(items);
    rank(&index, query)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .iter()
        .map(|hit| items[hit.index].id.clone())
        .collect()
}

fn sample_ids(query: &str) -> Vec<String> {
    ids(sample().items(), query)
}

fn titled(titles: &[&str]) -> Vec<Item> {
    titles
        .iter()
        .enumerate()
        .map(|(i, title)| Item::new((i + 1).to_string(), *title))
        .collect()
}

fn hits(items: &[Item], query: &str) -> Vec<Hit> {
    rank(&SearchIndex::build(items), query).unwrap_or_else(|e| panic!("{query}: {e}"))
}

#[test]
fn foreign_language_signs_find_item_14_alone() {
    assert_eq!(sample_ids("外语"), ["14"]);
    assert_eq!(sample_ids("外语标识"), ["14"]);
}

#[test]
fn contiguous_beats_scattered_in_chinese() {
    let items = titled(&["预付款结算", "年度预算梳理"]);
    let found = hits(&items, "预算");
    assert_eq!(found.len(), 2);
    assert_eq!(items[found[0].index].title, "年度预算梳理");
    assert_eq!(found[0].title_positions, [2, 3]);
    assert_eq!(found[1].title_positions, [0, 4]);
}

#[test]
fn english_ranking_and_positions() {
    let items = titled(&[
        "Bus under dated gets",
        "Annual budget review",
        "Budget",
        "budgetary control",
    ]);
    let found = hits(&items, "Budget");
    let order: Vec<&str> = found
        .iter()
        .map(|h| items[h.index].title.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "Budget",
            "budgetary control",
            "Annual budget review",
            "Bus under dated gets"
        ]
    );
    assert_eq!(found[2].title_positions, (7..13).collect::<Vec<_>>());
    assert_eq!(
        highlight_segments(&items[found[2].index].title, &found[2].title_positions),
        [("Annual ", false), ("budget", true), (" review", false)]
    );
}

#[test]
fn title_hits_beat_lead_tag_and_note_hits() {
    let mut in_note = Item::new("1", "甲");
    in_note.progress.push(Note::new(
        "2023-10-07".parse().expect("date"),
        "完成年度预算梳理",
    ));
    let mut in_tag = Item::new("2", "乙");
    in_tag.tags.push("预算".into());
    let mut in_lead = Item::new("3", "丙");
    in_lead.lead = Some("预算处".into());
    let in_title = Item::new("4", "预算执行情况");
    let scattered_title = Item::new("5", "预付款结算");
    let items = vec![in_note, in_tag, in_lead, in_title, scattered_title];
    assert_eq!(ids(&items, "预算"), ["4", "5", "2", "3", "1"]);
}

#[test]
fn an_exact_id_comes_first() {
    assert_eq!(sample_ids("14")[0], "14");
    assert_eq!(sample_ids("126")[0], "126");
    let items = titled(&["第14项任务", "其他", "14"]);
    // item 2's id is "2"; "14" is the title of item 3 and part of item 1's title
    assert_eq!(ids(&items, "14"), ["3", "1"]);
    let mut items = titled(&["x", "14 in the title"]);
    items[0].id = "14".into();
    assert_eq!(ids(&items, "14"), ["14", "2"]);
}

#[test]
fn ties_keep_the_original_order() {
    let items = titled(&["国际 a", "国际 b", "国际 c"]);
    let found = hits(&items, "国际");
    assert!(found.windows(2).all(|w| w[0].score == w[1].score));
    assert_eq!(ids(&items, "国际"), ["1", "2", "3"]);
    assert_eq!(ids(&items, ""), ["1", "2", "3"]);
}

#[test]
fn every_filter() {
    assert_eq!(sample_ids("status:at_risk"), ["13"]);
    assert_eq!(sample_ids("status：at_risk"), ["13"]);
    assert_eq!(sample_ids("!status:on_track"), ["13"]);
    assert_eq!(sample_ids("id:14"), ["14"]);
    assert_eq!(sample_ids("id:14,17"), ["14", "17"]);
    assert_eq!(sample_ids("#会展"), ["11"]);
    assert_eq!(sample_ids("＃会展"), ["11"]);
    assert_eq!(sample_ids("#国际"), ["12", "13", "14", "16", "17"]);
    assert_eq!(sample_ids("lead:市外办").len(), 8);
    assert!(sample_ids("lead:国际处").is_empty());

    let mut items = titled(&["a", "b", "c", "d"]);
    items[0].due = Some("2023-10-15".parse().expect("date"));
    items[1].due = Some("2023-12-31".parse().expect("date"));
    items[2].due = Some("2024-03-01".parse().expect("date"));
    items[0].lead = Some("国际处".into());
    items[1].lead = Some("外事管理处".into());
    items[2].status = Status::Blocked;
    assert_eq!(ids(&items, "due<2023-12-31"), ["1"]);
    assert_eq!(ids(&items, "due<=2023-12-31"), ["1", "2"]);
    assert_eq!(ids(&items, "due>2023-12"), ["3"]);
    assert_eq!(ids(&items, "due>=2023-12"), ["2", "3"]);
    assert_eq!(ids(&items, "due:2023-10"), ["1"]);
    assert_eq!(ids(&items, "due:2024"), ["3"]);
    assert_eq!(ids(&items, "due＜2024"), ["1", "2"]);
    assert_eq!(ids(&items, "!due<2024"), ["3", "4"]);
    assert_eq!(ids(&items, "lead:国际处"), ["1"]);
    assert_eq!(ids(&items, "lead:处"), ["1", "2"]);
    assert_eq!(ids(&items, "!lead:国际"), ["2", "3", "4"]);
    assert_eq!(ids(&items, "status:blocked,todo due<2024"), ["1", "2"]);
}

#[test]
fn filters_and_terms_combine() {
    assert_eq!(sample_ids("国际 status:at_risk"), ["13"]);
    assert_eq!(sample_ids("国际 #外语"), ["14"]);
    let all = sample_ids("国际");
    let without = sample_ids("国际 !外语");
    assert!(all.contains(&"14".to_string()));
    assert!(!without.contains(&"14".to_string()));
    assert_eq!(without.len(), all.len() - 1);
    // every sample item's lead is 市外办
    assert!(sample_ids("!外").is_empty());
    // a negated term looks at goals and notes too: only item 10 mentions 一带一路, in a note
    assert_eq!(sample_ids("!一带一路").len(), 7);
    assert!(!sample_ids("!一带一路").contains(&"10".to_string()));
}

#[test]
fn errors_are_messages_not_empty_lists() {
    let index = SearchIndex::build(sample().items());
    let err = rank(&index, "外语 foo:bar").expect_err("unknown filter");
    assert_eq!(
        err.to_string(),
        "unknown filter \"foo\" (known: status, lead, id, due, file, #tag, is:conflict)"
    );
    let err = rank(&index, "status:x").expect_err("bad status");
    assert!(
        err.to_string()
            .starts_with("bad status \"x\" (expected one of")
    );
    let err = rank(&index, "due<2023-02-30").expect_err("bad date");
    assert!(err.to_string().starts_with("bad date \"2023-02-30\""));
}

#[test]
fn full_width_input_and_case() {
    assert_eq!(sample_ids("外语　status：on_track"), ["14"]);
    let items = titled(&["Visa facilitation", "ＶＩＳＡ　office"]);
    for query in ["visa", "VISA", "ＶＩＳＡ", "visa office"] {
        let mut found = ids(&items, query);
        found.sort();
        assert_eq!(
            found.len(),
            if query == "visa office" { 1 } else { 2 },
            "{query}"
        );
    }
    assert_eq!(ids(&items, "ｖｉｓａ　ｏｆｆｉｃｅ"), ["2"]);
}

#[test]
fn hit_indices_follow_the_given_order_across_files() {
    let first = sample();
    let second = Document::from_parts(
        Default::default(),
        titled(&["外语培训"]),
        Default::default(),
        None,
    );
    let items: Vec<&Item> = first.items().iter().chain(second.items()).collect();
    let index = SearchIndex::build(items.iter().copied());
    let found = rank(&index, "外语").expect("query");
    let flat: Vec<usize> = found.iter().map(|h| h.index).collect();
    // item 14 is the sample's fifth item; the second file's item comes after the sample's eight
    assert_eq!(flat, [8, 4]);
    assert_eq!(found[0].title_positions, [0, 1]);
}

#[test]
fn scores_are_sorted() {
    let doc = synth::synthetic_document(3_000, 5);
    let index = SearchIndex::build(doc.items());
    for query in ["国际", "budget", "gj", "外语 标识", "14", "预算 !结算"] {
        let found = rank(&index, query).expect("query");
        assert!(!found.is_empty(), "{query}");
        assert!(
            found
                .windows(2)
                .all(|w| (w[0].score, std::cmp::Reverse(w[0].index))
                    > (w[1].score, std::cmp::Reverse(w[1].index))),
            "{query}"
        );
        for hit in &found {
            let title_len = doc.items()[hit.index].title.chars().count();
            assert!(hit.title_positions.iter().all(|&p| p < title_len));
        }
    }
}

#[test]
fn full_width_digits_in_filters() {
    assert_eq!(sample_ids("id：１４"), ["14"]);
    assert_eq!(sample_ids("１４")[0], "14");
    let mut items = titled(&["a", "b"]);
    items[0].due = Some("2023-10-15".parse().expect("date"));
    assert_eq!(ids(&items, "due＜２０２３-１２"), ["1"]);
    assert_eq!(ids(&items, "status：ｔｏｄｏ"), ["1", "2"]);
}

#[test]
fn traditional_and_simplified_find_each_other() {
    let items = titled(&["國際會議中心", "国际交往空间", "預算梳理"]);
    let both = ["1", "2"];
    assert_eq!(ids(&items, "國際"), both);
    assert_eq!(ids(&items, "国际"), both);
    assert_eq!(ids(&items, "预算"), ["3"]);
    let found = hits(&items, "会议");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].title_positions,
        [2, 3],
        "positions in the original text"
    );
    assert_eq!(sample_ids("外語標識"), sample_ids("外语标识"));
}
