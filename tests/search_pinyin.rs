//! Pinyin: full spelling, initials, mixes of both and polyphonic characters; checked against
//! ib-matcher's own matcher on many random texts and queries.

use ib_matcher::matcher::{IbMatcher, PinyinMatchConfig};
use ib_matcher::pinyin::PinyinNotation;
use proptest::prelude::*;
use tally::model::Item;
use tally::search::{SearchIndex, rank};

fn sample_ids(query: &str) -> Vec<String> {
    let doc = tally::store::parse_document(std::sync::Arc::from(tally::store::SAMPLE_JSON))
        .expect("the sample parses");
    let index = SearchIndex::build(doc.items());
    rank(&index, query)
        .expect("query")
        .iter()
        .map(|hit| doc.items()[hit.index].id.clone())
        .collect()
}

/// The title positions found for `query` in a single item with this title, if it matched.
fn positions(title: &str, query: &str) -> Option<Vec<usize>> {
    let items = [Item::new("1", title)];
    let index = SearchIndex::build(&items);
    let found = rank(&index, query).expect("query");
    found.first().map(|hit| hit.title_positions.clone())
}

#[test]
fn the_world_theatre_alliance() {
    for query in [
        "sjjylm",
        "shijiejuyuan",
        "shijiejuyuanlianmeng",
        "sjjuyuanlm",
        "SJJYLM",
    ] {
        assert_eq!(
            sample_ids(query).first().map(String::as_str),
            Some("17"),
            "{query}"
        );
    }
    // the title's 世界剧院联盟 is highlighted: chars 2 to 7 of 推动世界剧院联盟等国际组织落户
    assert_eq!(
        positions("推动世界剧院联盟等国际组织落户", "sjjylm"),
        Some(vec![2, 3, 4, 5, 6, 7])
    );
    assert_eq!(
        positions("推动世界剧院联盟等国际组织落户", "shijiejuyuan"),
        Some(vec![2, 3, 4, 5])
    );
}

#[test]
fn the_belt_and_road() {
    // 一带一路 is only in a progress note of item 10
    assert_eq!(sample_ids("ydyl"), ["10"]);
    assert_eq!(sample_ids("yidaiyilu"), ["10"]);
}

#[test]
fn polyphonic_characters() {
    for query in ["yh", "yinhang", "yx", "yinxing", "yinh"] {
        assert_eq!(positions("中国银行", query), Some(vec![2, 3]), "{query}");
    }
    for query in ["cq", "chongqing", "zq", "zhongqing", "chongq"] {
        assert_eq!(positions("重庆市外办", query), Some(vec![0, 1]), "{query}");
    }
    assert_eq!(positions("中国银行", "yy"), None);
}

#[test]
fn pinyin_ranks_below_literal_text_and_above_scattered_text() {
    let items = [
        Item::new("1", "g and j scattered"),
        Item::new("2", "国际交往"),
        Item::new("3", "gj"),
    ];
    let index = SearchIndex::build(&items);
    let order: Vec<&str> = rank(&index, "gj")
        .expect("query")
        .iter()
        .map(|hit| items[hit.index].id.as_str())
        .collect();
    assert_eq!(order, ["3", "2", "1"]);
}

#[test]
fn chinese_queries_are_not_read_as_pinyin() {
    assert_eq!(positions("银行", "银行"), Some(vec![0, 1]));
    assert_eq!(positions("银行", "yh1"), None);
}

fn ib_matches(query: &str, text: &str) -> bool {
    let config =
        PinyinMatchConfig::builder(PinyinNotation::Ascii | PinyinNotation::AsciiFirstLetter)
            .build();
    IbMatcher::builder(query)
        .pinyin(config)
        .is_pattern_partial(true)
        .build()
        .is_match(text)
}

const HAN: &str = "推动世界剧院联盟等国际组织落户深化京港澳台交流合作银行重庆长城友谊奖评选一带一路主场外交\
                   和重大国事活动服务保障了解行业乐曲音乐会都";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// On pure Chinese text, a letters-only query matches exactly when ib-matcher's pinyin matcher
    /// (full pinyin and initials, partial last syllable) matches. Queries leave out `h` so that
    /// the two-letter initials zh/ch/sh, which this engine also accepts, do not come into play.
    #[test]
    fn agrees_with_ib_matcher(
        text in proptest::sample::subsequence(HAN.chars().collect::<Vec<_>>(), 1..12),
        query in "[a-gi-z]{1,6}",
    ) {
        let text: String = text.into_iter().collect();
        let ours = positions(&text, &query).is_some();
        prop_assert_eq!(ours, ib_matches(&query, &text), "{} in {}", query, text);
    }

    /// Queries spelled from the text's own readings always match.
    #[test]
    fn spelled_queries_match(start in 0usize..15, len in 1usize..6, initials in any::<u32>()) {
        let chars: Vec<char> = HAN.chars().collect();
        let picked: String = chars.iter().cycle().skip(start).take(len).collect();
        let readings = [
            ("推", "tui"), ("动", "dong"), ("世", "shi"), ("界", "jie"), ("剧", "ju"),
            ("院", "yuan"), ("联", "lian"), ("盟", "meng"), ("等", "deng"), ("国", "guo"),
            ("际", "ji"), ("组", "zu"), ("织", "zhi"), ("落", "luo"), ("户", "hu"),
            ("深", "shen"), ("化", "hua"), ("京", "jing"), ("港", "gang"), ("澳", "ao"),
        ];
        let mut query = String::new();
        for (i, c) in picked.chars().enumerate() {
            let reading = readings
                .iter()
                .find(|(h, _)| h.starts_with(c))
                .map(|(_, r)| *r)
                .unwrap_or("");
            if initials & (1 << i) != 0 {
                query.push_str(&reading[..1]);
            } else {
                query.push_str(reading);
            }
        }
        prop_assert!(positions(&picked, &query).is_some(), "{} in {}", query, picked);
    }
}
