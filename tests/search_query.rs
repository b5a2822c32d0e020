//! The query parser on arbitrary and malformed input: it never panics, its canonical text parses
//! back to the same query, and ranking accepts whatever it accepts.

use std::sync::OnceLock;

use proptest::prelude::*;
use tally::model;
use tally::model::Document;
use tally::search::{Query, QueryError, SearchIndex, rank};
#[path = "common/synth.rs"]
mod synth;

fn corpus() -> &'static (Document, SearchIndex) {
    static CORPUS: OnceLock<(Document, SearchIndex)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let doc = synth::synthetic_document(400, 3);
        let index = SearchIndex::build(doc.items());
        (doc, index)
    })
}

/// Pieces of query syntax, valid and not, to build nasty inputs from.
fn pieces() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("status:".to_string()),
        Just("status：at".to_string()),
        Just("lead:".to_string()),
        Just("#".to_string()),
        Just("＃".to_string()),
        Just("id:".to_string()),
        Just("due".to_string()),
        Just("due<".to_string()),
        Just("due>=".to_string()),
        Just("due＜＝".to_string()),
        Just("2023-".to_string()),
        Just("2023-12-31".to_string()),
        Just("!".to_string()),
        Just("！".to_string()),
        Just("\\".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just(" ".to_string()),
        Just("\u{3000}".to_string()),
        Just("外语".to_string()),
        Just("sjjylm".to_string()),
        Just("at_risk".to_string()),
        Just("foo:".to_string()),
        "[a-z]{1,4}",
        "\\PC{1,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_any_text(text in "\\PC*") {
        let _ = Query::parse(&text);
    }

    #[test]
    fn never_panics_on_syntax_soup(parts in prop::collection::vec(pieces(), 0..8)) {
        let text: String = parts.concat();
        match Query::parse(&text) {
            Ok(query) => {
                // the canonical text reads back as the same query
                let again = Query::parse(&query.to_string());
                prop_assert_eq!(again.as_ref(), Ok(&query), "{} -> {}", text, query);
            }
            Err(err) => {
                // every error reads as a sentence for the footer
                let message = err.to_string();
                prop_assert!(!message.is_empty());
                prop_assert!(message.len() < 200);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn ranking_accepts_whatever_parses(parts in prop::collection::vec(pieces(), 0..5)) {
        let text: String = parts.concat();
        let (_, index) = corpus();
        match (Query::parse(&text), rank(index, &text)) {
            (Ok(_), Ok(hits)) => prop_assert!(hits.iter().all(|h| h.index < index.len())),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (parsed, ranked) => prop_assert!(false, "{:?} vs {:?}", parsed, ranked.map(|h| h.len())),
        }
    }

    /// Typing more of a term (or another term) and searching only the previous hits gives the
    /// same answer as searching everything.
    #[test]
    fn narrowing_is_exact(
        first in "[a-z国际外语标识预算京一带路]{1,3}",
        more in "[a-z国际外语标识预算京一带路 ]{1,3}",
    ) {
        let (_, index) = corpus();
        let before = Query::parse(&first).unwrap_or_default();
        let after_text = format!("{first}{more}");
        let after = Query::parse(&after_text).unwrap_or_default();
        prop_assume!(after.narrows(&before));
        let previous: Vec<usize> = index.search(&before).iter().map(|h| h.index).collect();
        prop_assert!(
            index.search_within(&after, &previous) == index.search(&after),
            "{} -> {}", first, after_text
        );
    }
}

#[test]
fn malformed_queries_give_typed_errors() {
    type Check = fn(&QueryError) -> bool;
    let cases: [(&str, Check); 8] = [
        (
            "foo:bar",
            |e| matches!(e, QueryError::UnknownFilter { name } if name == "foo"),
        ),
        ("status:", |e| matches!(e, QueryError::MissingValue { .. })),
        ("status:nope", |e| matches!(e, QueryError::BadStatus { .. })),
        ("status:d", |e| {
            matches!(e, QueryError::AmbiguousStatus { .. })
        }),
        ("due<20231231", |e| matches!(e, QueryError::BadDate { .. })),
        ("due:", |e| matches!(e, QueryError::MissingValue { .. })),
        ("lead<x", |e| matches!(e, QueryError::BadOperator { .. })),
        ("！", |e| matches!(e, QueryError::LoneNegation)),
    ];
    for (text, expected) in cases {
        let err = Query::parse(text).expect_err(text);
        assert!(expected(&err), "{text}: {err:?}");
    }
}
