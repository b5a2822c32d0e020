//! Completing a short value (a lead, a tag) from the values in use, as Tab does in forms: the
//! typed text finds a value as contiguous text, as pinyin (full, initials or mixed: `gjc` and
//! `guojichu` both find 国际处), or scattered, in that order, with Traditional and Simplified
//! Chinese folded alike.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::fold;
use super::pinyin;

/// How a value matched: a better kind first, then a higher score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Scattered,
    Pinyin,
    Contiguous,
}

/// The values that match `typed`, best first; equal matches keep the values' order. Empty
/// `typed` matches every value.
pub fn completions(values: &[String], typed: &str) -> Vec<String> {
    let typed = fold(typed.trim());
    if typed.is_empty() {
        return values.to_vec();
    }
    let pattern = pinyin::Pattern::new(&typed);
    let table = pinyin::table();
    let mut scratch = pinyin::Scratch::default();
    let matcher = SkimMatcherV2::default();
    let mut scored: Vec<((Kind, i64), &String)> = values
        .iter()
        .filter_map(|value| {
            let folded = fold(value);
            let score = if let Some(at) = folded.find(&typed) {
                (Kind::Contiguous, -(at as i64))
            } else if let Some((start, _)) = pattern
                .as_ref()
                .and_then(|p| pinyin::find(table, p, &folded, &mut scratch))
            {
                (Kind::Pinyin, -(start as i64))
            } else {
                (Kind::Scattered, matcher.fuzzy_match(&folded, &typed)?)
            };
            Some((score, value))
        })
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored.into_iter().map(|(_, value)| value.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leads() -> Vec<String> {
        ["市商务局", "国际处", "市外办", "國際交流中心"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn pinyin_initials_and_full_pinyin_complete_a_lead() {
        assert_eq!(completions(&leads(), "gjc")[0], "国际处");
        assert_eq!(completions(&leads(), "guojichu")[0], "国际处");
        assert_eq!(completions(&leads(), "swj"), ["市商务局"]);
        assert_eq!(completions(&leads(), "swb"), ["市外办"]);
    }

    #[test]
    fn text_beats_pinyin_and_scripts_fold() {
        assert_eq!(completions(&leads(), "国际"), ["国际处", "國際交流中心"]);
        assert_eq!(completions(&leads(), "交流"), ["國際交流中心"]);
        assert_eq!(completions(&leads(), ""), leads());
        assert!(completions(&leads(), "zzzz").is_empty());
    }
}
