//! Matching and ranking over a [`SearchIndex`], in two passes: the primary fields (id, title,
//! lead, tags, metric names) first, then goals and notes for the items the first pass could not
//! settle. Both passes split the items between threads, one fuzzy matcher per thread.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::{char_bit, fold, fold_bits};
use super::index::{Entry, Field, Kind, SearchIndex};
use super::pinyin;
use super::query::{Filter, Query};

/// One matching item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The item's position in the sequence the index was built from.
    pub index: usize,
    /// Higher is better. Hits are ordered by score, then by `index`.
    pub score: i64,
    /// Char indices into the item's title of the characters the query matched there (sorted, no
    /// duplicates); empty when the title did not match. Pinyin matches give the Chinese characters
    /// they matched.
    pub title_positions: Vec<usize>,
}

/// Score of a term that is exactly an item's id: above any other match.
const EXACT_ID: i64 = 40_000;
/// Bases within a field's tier (see [`Kind::tier`]).
const CONTIGUOUS: i64 = 5_000;
const PINYIN: i64 = 3_000;
const SCATTERED_MAX: i64 = 2_000;

/// Items handed to a thread at a time; cancellation is checked between chunks.
const CHUNK: usize = 1024;
/// Below this many items one thread does all the work.
const PARALLEL_MIN: usize = 4096;

/// A term prepared for matching.
struct Needle {
    text: String,
    chars: usize,
    bits: u128,
    pinyin: Option<pinyin::Pattern>,
    /// `bits` folded to 64 (see [`Field::bits`]).
    bits64: u64,
}

impl Needle {
    fn new(text: &str) -> Needle {
        let text = fold(text);
        let bits = text.chars().fold(0, |b, c| b | char_bit(c));
        Needle {
            bits64: fold_bits(bits),
            chars: text.chars().count(),
            bits,
            pinyin: pinyin::Pattern::new(&text),
            text,
        }
    }

    /// True when the needle may match text whose chars are `bits` (pinyin aside).
    fn may_match_directly(&self, bits: u128) -> bool {
        self.bits & !bits == 0
    }
}

/// How a term matched a field.
#[derive(Clone, Copy, Debug)]
enum MatchedAs {
    /// As a contiguous substring starting at this char.
    Contiguous(usize),
    /// As a scattered subsequence (positions found again when needed).
    Scattered,
    /// As pinyin over these chars.
    Pinyin(usize, usize),
}

/// What one thread needs: its own fuzzy matcher (sharing one across threads is much slower) and
/// scratch space.
struct ThreadMatcher {
    matcher: SkimMatcherV2,
    pinyin: pinyin::Scratch,
    table: &'static pinyin::Table,
    /// Per positive term: how it matched the title of the item being looked at.
    title: Vec<Option<MatchedAs>>,
    /// A goal or note folded for matching (see [`SearchIndex::folded`]).
    folded: String,
}

impl ThreadMatcher {
    fn new(terms: usize) -> ThreadMatcher {
        ThreadMatcher {
            matcher: SkimMatcherV2::default().respect_case(),
            pinyin: pinyin::Scratch::default(),
            table: pinyin::table(),
            title: vec![None; terms],
            folded: String::new(),
        }
    }
}

/// Outcome of the primary pass for one item.
enum Outcome {
    Hit(Hit),
    /// Cannot match.
    Drop,
    /// Some term did not match the primary fields; the secondary fields decide.
    Later,
}

/// A query prepared against an index.
pub(crate) struct Pass<'a> {
    index: &'a SearchIndex,
    positive: Vec<Needle>,
    negative: Vec<Needle>,
    filters: Vec<Filter>,
}

/// The result of the primary pass.
pub(crate) struct Primary {
    /// Sorted best first.
    pub(crate) hits: Vec<Hit>,
    /// Items left for the secondary pass.
    later: Vec<u32>,
}

impl Primary {
    /// True when the secondary pass has nothing to add or remove.
    pub(crate) fn is_final(&self, pass: &Pass) -> bool {
        self.later.is_empty() && pass.negative.is_empty()
    }

    /// How many items the secondary pass will look at.
    pub(crate) fn pending(&self) -> usize {
        self.later.len()
    }
}

pub(crate) type Cancel<'c> = &'c (dyn Fn() -> bool + Sync);

impl<'a> Pass<'a> {
    pub(crate) fn new(index: &'a SearchIndex, query: &Query) -> Pass<'a> {
        Pass {
            index,
            positive: query
                .positive_terms()
                .map(|t| Needle::new(&t.text))
                .collect(),
            negative: query
                .negated_terms()
                .map(|t| Needle::new(&t.text))
                .collect(),
            filters: query.filters.clone(),
        }
    }

    /// The items that pass every filter, among `within` (item numbers) or all items.
    pub(crate) fn candidates(&self, within: Option<&[usize]>) -> Vec<u32> {
        let keep = |&item: &usize| {
            item < self.index.len() && self.filters.iter().all(|f| self.index.passes(item, f))
        };
        match within {
            Some(items) => {
                // in item order, which keeps the index's memory read front to back
                let mut kept: Vec<u32> = items
                    .iter()
                    .filter(|i| keep(i))
                    .map(|&i| i as u32)
                    .collect();
                kept.sort_unstable();
                kept.dedup();
                kept
            }
            None => (0..self.index.len())
                .filter(keep)
                .map(|i| i as u32)
                .collect(),
        }
    }

    /// Matches the primary fields of `candidates`. `None` when cancelled.
    pub(crate) fn primary(&self, candidates: &[u32], cancel: Cancel) -> Option<Primary> {
        let parts = parallel(candidates.len(), cancel, |range, out: &mut Part| {
            let thread = out
                .thread
                .get_or_insert_with(|| ThreadMatcher::new(self.positive.len()));
            for &item in &candidates[range] {
                match self.eval_primary(thread, item as usize) {
                    Outcome::Hit(hit) => out.hits.push(hit),
                    Outcome::Drop => {}
                    Outcome::Later => out.later.push(item),
                }
            }
        })?;
        let mut hits = Vec::new();
        let mut later = Vec::new();
        for part in parts {
            hits = merge(hits, part.hits);
            later.extend(part.later);
        }
        Some(Primary { hits, later })
    }

    /// Completes a primary pass with the goals and notes: adds the items whose terms match there,
    /// and removes those where a negated term occurs there. `None` when cancelled.
    pub(crate) fn secondary(&self, primary: Primary, cancel: Cancel) -> Option<Vec<Hit>> {
        let Primary { mut hits, later } = primary;
        if !self.negative.is_empty() {
            let keep = parallel(hits.len(), cancel, |range, out: &mut Part| {
                for i in range {
                    if !self.negated_in(self.index.secondary(self.index.entry(hits[i].index))) {
                        out.later.push(i as u32);
                    }
                }
            })?;
            let mut kept: Vec<u32> = keep.into_iter().flat_map(|part| part.later).collect();
            kept.sort_unstable();
            let mut keep = kept.into_iter().peekable();
            let mut position = 0u32;
            hits.retain(|_| {
                let kept = keep.next_if_eq(&position).is_some();
                position += 1;
                kept
            });
        }
        let parts = parallel(later.len(), cancel, |range, out: &mut Part| {
            let thread = out
                .thread
                .get_or_insert_with(|| ThreadMatcher::new(self.positive.len()));
            for &item in &later[range] {
                if let Some(hit) = self.eval_full(thread, item as usize) {
                    out.hits.push(hit);
                }
            }
        })?;
        Some(
            parts
                .into_iter()
                .fold(hits, |all, part| merge(all, part.hits)),
        )
    }

    fn eval_primary(&self, thread: &mut ThreadMatcher, item: usize) -> Outcome {
        let index = self.index;
        let entry = index.entry(item);
        let primary = index.primary(entry);
        if self.negated_in(primary) {
            return Outcome::Drop;
        }
        thread.title.fill(None);
        let mut total = 0;
        for (t, needle) in self.positive.iter().enumerate() {
            let found = self.best(
                thread,
                needle,
                t,
                primary,
                entry.primary_bits,
                entry.primary_han,
            );
            match found {
                Some(score) => total += score,
                None if may_match(needle, entry.secondary_bits, entry.secondary_han) => {
                    return Outcome::Later;
                }
                None => return Outcome::Drop,
            }
        }
        Outcome::Hit(self.hit(thread, item, entry, total))
    }

    fn eval_full(&self, thread: &mut ThreadMatcher, item: usize) -> Option<Hit> {
        let index = self.index;
        let entry = index.entry(item);
        let (primary, secondary) = (index.primary(entry), index.secondary(entry));
        if self.negated_in(primary) || self.negated_in(secondary) {
            return None;
        }
        thread.title.fill(None);
        let mut total = 0;
        for (t, needle) in self.positive.iter().enumerate() {
            let score = self
                .best(
                    thread,
                    needle,
                    t,
                    primary,
                    entry.primary_bits,
                    entry.primary_han,
                )
                .or_else(|| {
                    self.best(
                        thread,
                        needle,
                        t,
                        secondary,
                        entry.secondary_bits,
                        entry.secondary_han,
                    )
                })?;
            total += score;
        }
        Some(self.hit(thread, item, entry, total))
    }

    /// The best score of a term over some fields of one item.
    fn best(
        &self,
        thread: &mut ThreadMatcher,
        needle: &Needle,
        term: usize,
        fields: &[Field],
        bits: u128,
        han: bool,
    ) -> Option<i64> {
        let direct = needle.may_match_directly(bits);
        let pinyin = needle.pinyin.is_some() && han;
        if !direct && !pinyin {
            return None;
        }
        let mut best = None;
        for field in fields {
            let Some((base, matched)) = field_match(self.index, thread, needle, field, direct)
            else {
                continue;
            };
            let exact_id = field.kind == Kind::Id
                && needle.chars == field.chars as usize
                && matches!(matched, MatchedAs::Contiguous(0));
            let score = if exact_id {
                EXACT_ID
            } else {
                field.kind.tier()
            } + base;
            if field.kind == Kind::Title {
                thread.title[term] = Some(matched);
            }
            best = best.max(Some(score));
        }
        best
    }

    /// True when some negated term occurs (contiguously) in these fields.
    fn negated_in(&self, fields: &[Field]) -> bool {
        let mut scratch = String::new();
        for needle in &self.negative {
            for field in fields {
                if needle.bits64 & !field.bits == 0
                    && self
                        .index
                        .folded(field, &mut scratch)
                        .contains(needle.text.as_str())
                {
                    return true;
                }
            }
        }
        false
    }

    fn hit(&self, thread: &mut ThreadMatcher, item: usize, entry: &Entry, score: i64) -> Hit {
        let mut positions = Vec::new();
        if thread.title.iter().any(Option::is_some)
            && let Some((_, title)) = self.index.title(entry)
        {
            for (needle, matched) in self.positive.iter().zip(&thread.title) {
                match *matched {
                    Some(MatchedAs::Contiguous(start)) => {
                        positions.extend(start..start + needle.chars)
                    }
                    Some(MatchedAs::Pinyin(start, end)) => positions.extend(start..end),
                    Some(MatchedAs::Scattered) => {
                        if let Some((_, found)) = thread.matcher.fuzzy_indices(title, &needle.text)
                        {
                            positions.extend(found);
                        }
                    }
                    None => {}
                }
            }
            positions.sort_unstable();
            positions.dedup();
        }
        Hit {
            index: item,
            score,
            title_positions: positions,
        }
    }
}

fn may_match(needle: &Needle, bits: u128, han: bool) -> bool {
    needle.may_match_directly(bits) || (needle.pinyin.is_some() && han)
}

/// How well a term matches one field: contiguous text beats pinyin beats scattered text.
fn field_match(
    index: &SearchIndex,
    thread: &mut ThreadMatcher,
    needle: &Needle,
    field: &Field,
    direct: bool,
) -> Option<(i64, MatchedAs)> {
    let mut found = None;
    let direct = direct && needle.bits64 & !field.bits == 0;
    let pinyin = needle.pinyin.as_ref().filter(|_| field.han);
    let ids = pinyin.and(index.han_ids(field));
    // a goal or note is folded once, for both kinds of match
    let text = if direct || (pinyin.is_some() && ids.is_none()) {
        index.folded(field, &mut thread.folded)
    } else {
        ""
    };
    if direct {
        match locate(&needle.text, text) {
            Located::Nowhere => {}
            Located::Contiguous(byte) => {
                let start = if field.ascii {
                    byte
                } else {
                    text[..byte].chars().count()
                };
                let boundary = text[..byte].chars().next_back().is_some_and(is_boundary);
                let base = CONTIGUOUS
                    + placement(start, needle.chars, field.chars as usize)
                    + if boundary { 300 } else { 0 };
                return Some((base, MatchedAs::Contiguous(start)));
            }
            Located::Scattered => {
                if let Some(score) = thread.matcher.fuzzy_match(text, &needle.text) {
                    found = Some((score.clamp(1, SCATTERED_MAX), MatchedAs::Scattered));
                }
            }
        }
    }
    if let Some(pattern) = pinyin {
        let found_pinyin = match ids {
            Some(ids) if field.initials & pattern.first_letter_bit() != 0 => {
                pinyin::find_in(thread.table, pattern, ids)
            }
            Some(_) => None,
            None => pinyin::find(thread.table, pattern, text, &mut thread.pinyin),
        };
        if let Some((start, end)) = found_pinyin {
            let base = PINYIN + placement(start, end - start, field.chars as usize);
            if found.is_none_or(|(score, _)| score < base) {
                found = Some((base, MatchedAs::Pinyin(start, end)));
            }
        }
    }
    found
}

/// Bonus for a match at the start and for covering the whole field, less a little for each
/// char before the match and each char the match leaves out.
fn placement(start: usize, len: usize, field_chars: usize) -> i64 {
    let mut bonus = 0;
    if start == 0 {
        bonus += 1_000;
        if len >= field_chars {
            bonus += 1_000;
        }
    }
    let before = start.min(300) as i64;
    let rest = field_chars.saturating_sub(start + len).min(300) as i64;
    bonus - before - rest
}

/// Where a needle occurs in a text.
enum Located {
    Nowhere,
    /// As a substring at this byte offset (the first occurrence).
    Contiguous(usize),
    /// Only as a scattered subsequence.
    Scattered,
}

fn locate(needle: &str, text: &str) -> Located {
    let Some(first) = needle.chars().next() else {
        return Located::Contiguous(0);
    };
    let Some(start) = text.find(first) else {
        return Located::Nowhere;
    };
    let mut at = start;
    loop {
        if text.as_bytes()[at..].starts_with(needle.as_bytes()) {
            return Located::Contiguous(at);
        }
        let next = at + first.len_utf8();
        match text[next..].find(first) {
            Some(offset) => at = next + offset,
            None => break,
        }
    }
    let rest = &needle[first.len_utf8()..];
    if is_subsequence(rest, &text[start + first.len_utf8()..]) {
        Located::Scattered
    } else {
        Located::Nowhere
    }
}

/// True when the chars of `needle` occur in `text` in order.
fn is_subsequence(needle: &str, text: &str) -> bool {
    let mut rest = text;
    for c in needle.chars() {
        match rest.find(c) {
            Some(at) => rest = &rest[at + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

/// True when a match right after `c` starts a word: after a space or punctuation, not inside a
/// word (Chinese text has no word breaks, so a Chinese character before is never one).
fn is_boundary(c: char) -> bool {
    match c {
        _ if c.is_ascii() => !c.is_ascii_alphanumeric(),
        '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF65}' => true,
        '\u{3400}'..='\u{9FFF}' => false,
        _ => !c.is_alphanumeric(),
    }
}

/// Best first; equal scores keep the items' order.
pub(crate) fn sort_hits(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
}

fn merge(a: Vec<Hit>, b: Vec<Hit>) -> Vec<Hit> {
    if b.is_empty() {
        return a;
    }
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut a = a.into_iter().peekable();
    let mut b = b.into_iter().peekable();
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => (y.score, x.index) < (x.score, y.index),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_a { a.next() } else { b.next() };
        out.extend(next);
    }
    out
}

/// One thread's share of a pass.
#[derive(Default)]
struct Part {
    thread: Option<ThreadMatcher>,
    hits: Vec<Hit>,
    later: Vec<u32>,
}

/// The number of threads a pass uses: all the cores there are, or `TALLY_THREADS` when set (for
/// measuring; see docs/PERFORMANCE.md).
pub(crate) fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        std::env::var("TALLY_THREADS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cores)
            .clamp(1, 16)
    })
}

/// Runs `work` over `0..len` in chunks on every core; `None` when `cancel` said so between chunks.
fn parallel<F>(len: usize, cancel: Cancel, work: F) -> Option<Vec<Part>>
where
    F: Fn(std::ops::Range<usize>, &mut Part) + Sync,
{
    let next = AtomicUsize::new(0);
    let stopped = AtomicBool::new(false);
    let run = || {
        let mut part = Part::default();
        loop {
            if stopped.load(Ordering::Relaxed) {
                break;
            }
            if cancel() {
                stopped.store(true, Ordering::Relaxed);
                break;
            }
            let start = next.fetch_add(CHUNK, Ordering::Relaxed);
            if start >= len {
                break;
            }
            work(start..(start + CHUNK).min(len), &mut part);
        }
        sort_hits(&mut part.hits);
        part
    };
    let threads = if len < PARALLEL_MIN { 1 } else { threads() };
    let parts: Vec<Part> = if threads == 1 {
        vec![run()]
    } else {
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(run)).collect();
            let mut parts = vec![run()];
            for helper in helpers {
                // a helper only panics if matching panicked, and then so would this thread
                parts.extend(helper.join().ok());
            }
            parts
        })
    };
    if stopped.load(Ordering::Relaxed) {
        None
    } else {
        Some(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(index: usize, score: i64) -> Hit {
        Hit {
            index,
            score,
            title_positions: Vec::new(),
        }
    }

    #[test]
    fn merge_keeps_the_order() {
        let a = vec![hit(3, 9), hit(0, 5), hit(4, 5)];
        let b = vec![hit(1, 9), hit(2, 5), hit(5, 1)];
        let mut all = [a.clone(), b.clone()].concat();
        sort_hits(&mut all);
        assert_eq!(merge(a, b), all);
    }

    #[test]
    fn subsequences() {
        assert!(is_subsequence("预算", "预付款结算"));
        assert!(is_subsequence("", "x"));
        assert!(!is_subsequence("算预", "预付款结算"));
        assert!(is_subsequence("abc", "a-b-c"));
    }

    #[test]
    fn locating() {
        assert!(matches!(
            locate("预算", "年度预算梳理"),
            Located::Contiguous(6)
        ));
        assert!(matches!(locate("预算", "预付款结算"), Located::Scattered));
        assert!(matches!(locate("预算", "结算预付"), Located::Nowhere));
        assert!(matches!(locate("aab", "a aab"), Located::Contiguous(2)));
        assert!(matches!(locate("ab", "a-a-b"), Located::Scattered));
        assert!(matches!(locate("x", "abc"), Located::Nowhere));
    }

    #[test]
    fn boundaries() {
        assert!(is_boundary(' '));
        assert!(is_boundary('、'));
        assert!(is_boundary('“'));
        assert!(!is_boundary('国'));
        assert!(!is_boundary('a'));
        assert!(!is_boundary('é'));
    }

    #[test]
    fn placement_prefers_early_and_whole() {
        assert!(placement(0, 4, 4) > placement(0, 4, 8));
        assert!(placement(0, 4, 8) > placement(2, 4, 8));
    }
}
