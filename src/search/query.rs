//! The query language: whitespace-separated terms, all of which must hold.
//!
//! | term | meaning |
//! | --- | --- |
//! | `外语`, `budget`, `sjjylm` | fuzzy text (pinyin too, for letters-only terms) in any field |
//! | `status:at_risk`, `status:at`, `status:todo,blocked`, `status:有风险` | status is one of these (unique prefixes and Chinese words work) |
//! | `lead:国际处` | the lead contains this text |
//! | `#会展`, `tag:会展` | some tag contains this text |
//! | `id:14`, `id:14,17` | the id is exactly one of these |
//! | `file:2023-q3` | the item's file name contains this text (with several files open) |
//! | `due<2023-12-31`, `due<=2023-12`, `due>=2024`, `due:2023-10`, `due<today` | due date compared with a day, month or year |
//! | `is:conflict` | the item holds conflicts a merge left to settle |
//! | `!term` | negation of any term; `!text` excludes items containing `text` (contiguous) anywhere |
//! | `\term` | `term` taken literally as fuzzy text (`\#1`, `\!`, `\http://x`) |
//!
//! Full-width `：＃！＜＞＝` work like their ASCII forms, and the ideographic space U+3000
//! separates terms, so a query typed with a Chinese input method reads the same. Parsing never
//! panics: anything that is not valid is a [`QueryError`] with a message fit for the footer.

use std::fmt;
use std::str::FromStr;

use super::fold::fold;
use crate::lang::{Lang, Phrase};
use crate::model::{Date, Precision, Status};
use crate::text::half_width;

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Fuzzy text terms, in the order typed.
    pub terms: Vec<Term>,
    /// Field filters, in the order typed.
    pub filters: Vec<Filter>,
}

/// A fuzzy text term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The folded (lower-case, half-width) text.
    pub text: String,
    /// `!text`: the item must not contain `text`.
    pub negated: bool,
}

/// A field filter, possibly negated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub negated: bool,
    pub test: Test,
}

/// What a filter checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Test {
    /// The status is one of these.
    Status(Vec<Status>),
    /// The lead contains this folded text.
    Lead(String),
    /// Some tag contains this folded text.
    Tag(String),
    /// The folded id is one of these.
    Id(Vec<String>),
    /// The due date compares so with this span of days; items without a due date fail.
    Due(Compare, DateSpan),
    /// `is:conflict`: the item holds conflicts a merge left to settle.
    Conflict,
    /// The name of the item's file contains this folded text.
    File(String),
}

/// How a due date is compared with a [`DateSpan`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// Before the span's first day.
    Before,
    /// Up to the span's last day.
    UpTo,
    /// After the span's last day.
    After,
    /// From the span's first day.
    From,
    /// Within the span.
    Within,
}

/// A day, a month or a year: `2023-10-07`, `2023-10`, `2023`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpan {
    pub first: Date,
    pub last: Date,
    /// How it was written, for display: 1 = year, 2 = month, 3 = day.
    parts: u8,
}

/// Why a query could not be parsed. The message is written for the search line's footer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("unknown filter \"{name}\" (known: status, lead, id, due, file, #tag, is:conflict)")]
    UnknownFilter { name: String },
    #[error("bad status \"{value}\" (expected one of {expected})", expected = Status::expected())]
    BadStatus { value: String },
    #[error("ambiguous status \"{value}\" (could be {candidates})")]
    AmbiguousStatus { value: String, candidates: String },
    #[error("bad date \"{value}\" (expected YYYY-MM-DD, YYYY-MM, YYYY or today)")]
    BadDate { value: String },
    #[error("\"{filter}\" needs a value, as in {example}")]
    MissingValue {
        filter: &'static str,
        example: &'static str,
    },
    #[error("\"{filter}\" cannot be compared with \"{op}\"; use {filter}:value")]
    BadOperator { filter: String, op: String },
    #[error("unknown \"is:{value}\" (known: is:conflict)")]
    UnknownIs { value: String },
    #[error("\"!\" needs a term after it, as in !done or !status:done")]
    LoneNegation,
}

impl QueryError {
    /// The problem in words for the search line in `lang` (the statuses it expects are listed
    /// in the words of that language, so the line stays short).
    pub fn phrase(&self, lang: Lang) -> Phrase {
        match self {
            QueryError::UnknownFilter { name } => {
                Phrase::new("query.unknown_filter").arg("name", name)
            }
            QueryError::BadStatus { value } => {
                let expected = match lang {
                    Lang::Zh => Status::ALL.map(Status::chinese).join("、"),
                    Lang::En => Status::expected(),
                };
                Phrase::new("query.bad_status")
                    .arg("value", value)
                    .arg("expected", expected)
            }
            QueryError::AmbiguousStatus { value, candidates } => {
                Phrase::new("query.ambiguous_status")
                    .arg("value", value)
                    .arg("candidates", candidates)
            }
            QueryError::BadDate { value } => Phrase::new("query.bad_date").arg("value", value),
            QueryError::MissingValue { filter, example } => Phrase::new("query.missing_value")
                .arg("filter", filter)
                .arg("example", example),
            QueryError::BadOperator { filter, op } => Phrase::new("query.bad_operator")
                .arg("filter", filter)
                .arg("op", op),
            QueryError::UnknownIs { value } => Phrase::new("query.unknown_is").arg("value", value),
            QueryError::LoneNegation => Phrase::new("query.lone_negation"),
        }
    }
}

impl Query {
    /// Parses a query. The empty query matches every item.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut query = Query::default();
        for token in text.split(char::is_whitespace).filter(|t| !t.is_empty()) {
            match parse_term(token)? {
                Parsed::Term(term) => query.terms.push(term),
                Parsed::Filter(filter) => query.filters.push(filter),
            }
        }
        Ok(query)
    }

    /// True when the query has neither terms nor filters.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.filters.is_empty()
    }

    /// The terms that must match, in order.
    pub fn positive_terms(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| !t.negated)
    }

    /// The terms that must not match, in order.
    pub fn negated_terms(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| t.negated)
    }

    /// True when every item matching `self` also matches `previous`, so that searching only
    /// `previous`'s hits gives the full answer: the same filters and negated terms, and each of
    /// `previous`'s fuzzy terms extended (or kept) by the term in the same place, with any new
    /// terms after them. This is the usual case while someone types.
    pub fn narrows(&self, previous: &Query) -> bool {
        if self.filters != previous.filters {
            return false;
        }
        if !self.negated_terms().eq(previous.negated_terms()) {
            return false;
        }
        let mut mine = self.positive_terms();
        previous.positive_terms().all(|old| {
            mine.next()
                .is_some_and(|new| new.text.starts_with(&old.text))
        })
    }
}

impl FromStr for Query {
    type Err = QueryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Query::parse(s)
    }
}

impl Compare {
    pub fn holds(self, due: Date, span: &DateSpan) -> bool {
        match self {
            Compare::Before => due < span.first,
            Compare::UpTo => due <= span.last,
            Compare::After => due > span.last,
            Compare::From => due >= span.first,
            Compare::Within => span.first <= due && due <= span.last,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Compare::Before => "<",
            Compare::UpTo => "<=",
            Compare::After => ">",
            Compare::From => ">=",
            Compare::Within => ":",
        }
    }
}

impl DateSpan {
    /// Reads `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `today`.
    pub fn parse(text: &str) -> Option<DateSpan> {
        if text.eq_ignore_ascii_case("today") {
            let today = Date::today();
            return Some(DateSpan {
                first: today,
                last: today,
                parts: 3,
            });
        }
        // the shared span parser; a query names days, months and years only
        let (first, last, precision) = crate::model::span(text)?;
        let parts = match precision {
            Precision::Year => 1,
            Precision::Month => 2,
            Precision::Day => 3,
            Precision::Half | Precision::Quarter => return None,
        };
        Some(DateSpan { first, last, parts })
    }
}

impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parts {
            1 => write!(f, "{:04}", self.first.year()),
            2 => write!(f, "{:04}-{:02}", self.first.year(), self.first.month()),
            _ => write!(f, "{}", self.first),
        }
    }
}

/// The canonical text of a query; parsing it gives the same query back.
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        let mut sep = |f: &mut fmt::Formatter<'_>| {
            let s = if first { "" } else { " " };
            first = false;
            f.write_str(s)
        };
        for term in &self.terms {
            sep(f)?;
            write!(f, "{term}")?;
        }
        for filter in &self.filters {
            sep(f)?;
            write!(f, "{filter}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("!")?;
        }
        if needs_escape(&self.text) {
            f.write_str("\\")?;
        }
        f.write_str(&self.text)
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("!")?;
        }
        match &self.test {
            Test::Status(any) => {
                let names: Vec<&str> = any.iter().map(|s| s.as_str()).collect();
                write!(f, "status:{}", names.join(","))
            }
            Test::Lead(text) => write!(f, "lead:{text}"),
            Test::Tag(text) => write!(f, "#{text}"),
            Test::Id(ids) => write!(f, "id:{}", ids.join(",")),
            Test::Due(compare, span) => write!(f, "due{}{span}", compare.symbol()),
            Test::Conflict => f.write_str("is:conflict"),
            Test::File(text) => write!(f, "file:{text}"),
        }
    }
}

enum Parsed {
    Term(Term),
    Filter(Filter),
}

/// True when a fuzzy term's text would read as syntax unless escaped.
fn needs_escape(text: &str) -> bool {
    let normal: String = text.chars().map(half_width).collect();
    normal.starts_with(['!', '#', '\\']) || filter_head(&normal).is_some()
}

/// A `name` + operator at the start of a token: `status:`, `due<=`, `foo:`.
fn filter_head(token: &str) -> Option<(&str, &str, &str)> {
    let name_len = token
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'_')
        .count();
    if name_len == 0 {
        return None;
    }
    let (name, rest) = token.split_at(name_len);
    let op_len = ["<=", ">=", ":", "<", ">", "="]
        .iter()
        .find(|op| rest.starts_with(*op))?
        .len();
    let (op, value) = rest.split_at(op_len);
    Some((name, op, value))
}

fn parse_term(token: &str) -> Result<Parsed, QueryError> {
    // full-width forms (`ｉｄ：１４`, `＃标签`) read as ASCII, filter names and syntax included
    let normal: String = token.chars().map(half_width).collect();
    let (negated, body) = match normal.strip_prefix('!') {
        Some("") => return Err(QueryError::LoneNegation),
        Some(rest) => (true, rest),
        None => (false, normal.as_str()),
    };
    if let Some(literal) = body.strip_prefix('\\') {
        let text = if literal.is_empty() { "\\" } else { literal };
        return Ok(Parsed::Term(Term {
            text: fold(text),
            negated,
        }));
    }
    let filter = |test| Ok(Parsed::Filter(Filter { negated, test }));
    if let Some(tag) = body.strip_prefix('#') {
        return filter(Test::Tag(value(tag, "#", "#会展")?));
    }
    let Some((name, op, raw)) = filter_head(body) else {
        return Ok(Parsed::Term(Term {
            text: fold(body),
            negated,
        }));
    };
    filter(named_filter(name, op, raw)?)
}

/// The test a `name` filter (`status:`, `due<`, …) with operator `op` and value `raw` stands for.
fn named_filter(name: &str, op: &str, raw: &str) -> Result<Test, QueryError> {
    let name = name.to_ascii_lowercase();
    let colon_only = |filter: &str| {
        if op == ":" {
            Ok(())
        } else {
            Err(QueryError::BadOperator {
                filter: filter.to_string(),
                op: op.to_string(),
            })
        }
    };
    match name.as_str() {
        "status" => {
            colon_only("status")?;
            Ok(Test::Status(statuses(raw)?))
        }
        "lead" => {
            colon_only("lead")?;
            Ok(Test::Lead(value(raw, "lead:", "lead:国际处")?))
        }
        "tag" => {
            colon_only("tag")?;
            Ok(Test::Tag(value(raw, "tag:", "#会展")?))
        }
        "file" => {
            colon_only("file")?;
            Ok(Test::File(value(raw, "file:", "file:2023-q3")?))
        }
        "id" => {
            colon_only("id")?;
            let ids: Vec<String> = list(raw, "id:", "id:14")?.map(fold).collect();
            Ok(Test::Id(ids))
        }
        "due" => {
            let compare = match op {
                "<" => Compare::Before,
                "<=" => Compare::UpTo,
                ">" => Compare::After,
                ">=" => Compare::From,
                _ => Compare::Within,
            };
            let text = value(raw, "due", "due<2023-12-31")?;
            let span = DateSpan::parse(&text).ok_or(QueryError::BadDate { value: text })?;
            Ok(Test::Due(compare, span))
        }
        "is" => {
            colon_only("is")?;
            match value(raw, "is:", "is:conflict")?.as_str() {
                "conflict" | "conflicts" => Ok(Test::Conflict),
                other => Err(QueryError::UnknownIs {
                    value: other.to_string(),
                }),
            }
        }
        _ => Err(QueryError::UnknownFilter { name }),
    }
}

fn value(raw: &str, filter: &'static str, example: &'static str) -> Result<String, QueryError> {
    if raw.is_empty() {
        Err(QueryError::MissingValue { filter, example })
    } else {
        Ok(fold(raw))
    }
}

/// A comma-separated list with no empty entries.
fn list<'a>(
    raw: &'a str,
    filter: &'static str,
    example: &'static str,
) -> Result<impl Iterator<Item = &'a str>, QueryError> {
    if raw.split([',', '，']).any(str::is_empty) {
        return Err(QueryError::MissingValue { filter, example });
    }
    Ok(raw.split([',', '，']))
}

fn statuses(raw: &str) -> Result<Vec<Status>, QueryError> {
    let mut found = Vec::new();
    for part in list(raw, "status:", "status:at_risk")? {
        let status = status(part)?;
        if !found.contains(&status) {
            found.push(status);
        }
    }
    Ok(found)
}

/// A status by name or unique prefix, ignoring case, `-`, `_` and spaces, or by a Chinese word
/// (`有风险`, `风险`) or its unique prefix (`有`).
fn status(text: &str) -> Result<Status, QueryError> {
    if let Ok(status) = Status::from_word(text) {
        return Ok(status);
    }
    let squash = |s: &str| -> String {
        fold(s)
            .chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .collect()
    };
    let wanted = squash(text);
    if wanted.is_empty() {
        return Err(QueryError::BadStatus {
            value: text.to_string(),
        });
    }
    if let Some(exact) = Status::ALL
        .into_iter()
        .find(|s| squash(s.as_str()) == wanted)
    {
        return Ok(exact);
    }
    let names = |s: Status| std::iter::once(s.as_str()).chain(s.words().iter().copied());
    let matching: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| names(*s).any(|name| squash(name).starts_with(&wanted)))
        .collect();
    match matching.as_slice() {
        [one] => Ok(*one),
        [] => Err(QueryError::BadStatus {
            value: text.to_string(),
        }),
        many => Err(QueryError::AmbiguousStatus {
            value: text.to_string(),
            candidates: many
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Query {
        Query::parse(text).unwrap()
    }

    fn err(text: &str) -> String {
        Query::parse(text).unwrap_err().to_string()
    }

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn terms_and_filters() {
        let q =
            parse("  外语　Budget status:at_risk lead:国际处 #会展 id:14 due<2023-12-31 !done ");
        let terms: Vec<&str> = q.terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(terms, ["外语", "budget", "done"]);
        assert!(q.terms[2].negated);
        assert_eq!(
            q.filters.iter().map(|f| &f.test).collect::<Vec<_>>(),
            [
                &Test::Status(vec![Status::AtRisk]),
                &Test::Lead("国际处".into()),
                &Test::Tag("会展".into()),
                &Test::Id(vec!["14".into()]),
                &Test::Due(
                    Compare::Before,
                    DateSpan {
                        first: date("2023-12-31"),
                        last: date("2023-12-31"),
                        parts: 3
                    }
                ),
            ]
        );
    }

    #[test]
    fn full_width_filter_names_read_like_ascii() {
        let query = Query::parse("ｉｄ：１４ ｓｔａｔｕｓ：ａｔ_ｒｉｓｋ").unwrap();
        assert_eq!(query.to_string(), "id:14 status:at_risk");
    }

    #[test]
    fn full_width_syntax_reads_like_ascii() {
        assert_eq!(
            parse("status：at_risk ＃会展 ！id：14 due＜＝2023-12"),
            parse("status:at_risk #会展 !id:14 due<=2023-12")
        );
    }

    #[test]
    fn negation_works_on_filters() {
        let q = parse("!status:done");
        assert!(q.filters[0].negated);
        assert!(q.terms.is_empty());
    }

    #[test]
    fn status_prefixes_and_lists() {
        let status_of = |text: &str| match &parse(text).filters[0].test {
            Test::Status(s) => s.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(status_of("status:at"), [Status::AtRisk]);
        assert_eq!(status_of("status:AT-RISK"), [Status::AtRisk]);
        assert_eq!(status_of("status:ontrack"), [Status::OnTrack]);
        assert_eq!(
            status_of("status:todo,blocked"),
            [Status::Todo, Status::Blocked]
        );
        assert_eq!(status_of("status:有风险"), [Status::AtRisk]);
        assert_eq!(
            status_of("status:风险,受阻"),
            [Status::AtRisk, Status::Blocked]
        );
        assert_eq!(status_of("status:已完"), [Status::Done]);
        assert_eq!(status_of("status:未"), [Status::Todo]);
        assert_eq!(
            err("status:已"),
            "ambiguous status \"已\" (could be done, dropped)"
        );
        assert_eq!(
            err("status:d"),
            "ambiguous status \"d\" (could be done, dropped)"
        );
        assert_eq!(
            err("status:x"),
            "bad status \"x\" (expected one of todo, on_track, at_risk, blocked, done, dropped)"
        );
    }

    #[test]
    fn date_spans() {
        let span = |text: &str| DateSpan::parse(text).unwrap();
        assert_eq!(span("2023-10").first, date("2023-10-01"));
        assert_eq!(span("2023-10").last, date("2023-10-31"));
        assert_eq!(span("2024-02").last, date("2024-02-29"));
        assert_eq!(span("2023-12").last, date("2023-12-31"));
        assert_eq!(span("2023").last, date("2023-12-31"));
        for bad in ["2023-1", "2023-13", "23", "2023-02-30", "abcd", "2023-1a"] {
            assert!(DateSpan::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(
            err("due<2023-13-01"),
            "bad date \"2023-13-01\" (expected YYYY-MM-DD, YYYY-MM, YYYY or today)"
        );
    }

    #[test]
    fn clear_errors() {
        assert_eq!(
            err("foo:bar"),
            "unknown filter \"foo\" (known: status, lead, id, due, file, #tag, is:conflict)"
        );
        assert_eq!(
            err("!"),
            "\"!\" needs a term after it, as in !done or !status:done"
        );
        assert_eq!(err("#"), "\"#\" needs a value, as in #会展");
        assert_eq!(
            err("status:"),
            "\"status:\" needs a value, as in status:at_risk"
        );
        assert_eq!(err("id:14,"), "\"id:\" needs a value, as in id:14");
        assert_eq!(
            err("status<x"),
            "\"status\" cannot be compared with \"<\"; use status:value"
        );
    }

    #[test]
    fn text_that_only_looks_like_syntax_is_text() {
        for (text, term) in [
            ("进展：完成", "进展:完成"),
            ("10:30", "10:30"),
            ("\\foo:bar", "foo:bar"),
            ("\\#1", "#1"),
            ("\\", "\\"),
            ("a!b", "a!b"),
        ] {
            let q = parse(text);
            assert_eq!(q.terms.len(), 1, "{text}");
            assert_eq!(q.terms[0].text, term, "{text}");
        }
    }

    #[test]
    fn display_round_trips() {
        for text in [
            "外语 budget !x status:todo,at_risk lead:国际处 #会展 id:14,17 due<=2023-12 !due>2024",
            "\\#1 \\foo:bar !\\!x",
        ] {
            let q = parse(text);
            assert_eq!(parse(&q.to_string()), q, "{text} -> {q}");
        }
    }

    #[test]
    fn is_conflict_filters_and_round_trips() {
        let query = parse("is:conflict !status:done");
        assert_eq!(query.filters[0].test, Test::Conflict);
        assert_eq!(query.to_string(), "is:conflict !status:done");
        assert_eq!(err("is:late"), "unknown \"is:late\" (known: is:conflict)");
    }

    #[test]
    fn narrowing() {
        let narrows = |new: &str, old: &str| parse(new).narrows(&parse(old));
        assert!(narrows("外语", "外"));
        assert!(narrows("外语 标", "外语"));
        assert!(narrows("sjjy", "sj"));
        assert!(narrows("外 #会展", "外 #会展"));
        assert!(!narrows("外", "外语"));
        assert!(!narrows("外语 #会展", "外语"));
        assert!(!narrows("外语 !abc", "外语 !ab"));
        assert!(!narrows("标 外语", "外语"));
        assert!(narrows("anything", ""));
    }
}
