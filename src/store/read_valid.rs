//! The reader for valid files, the loader's fast path: one pass over the text, straight into
//! typed values, keeping every rule of the precise reader in parse.rs (duplicate keys in every
//! object it reads, required fields, strings, real dates, known statuses, numbers, `null` meaning
//! absent) and the exact place of every object it reads, for the writer.
//!
//! It never explains anything. When a file breaks a rule, or uses something this path leaves to
//! the precise reader (escaped keys, odd layouts of the items array), it gives up and the precise
//! reader reads the file again from the start: that one finds the problem and says exactly what
//! and where it is. So the fast path may refuse what the precise one accepts, but must never
//! accept what the precise one refuses, and when both accept they give the same document
//! (checked by the tests in read_valid_tests.rs).
//!
//! Strings with escapes, numbers and values of unknown fields are handed to serde_json, on exactly
//! the text the precise reader hands it, so they are accepted and decoded the same way.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Number;
use serde_json::value::RawValue;
use xxhash_rust::xxh3::Xxh3Builder;

use super::Reader;
use crate::model::{Date, Document, Item, Layout, Metric, Note, Origin, Point, SharedText, Status};
use crate::store::entries::Entries;

/// The fast path declined; the precise reader will decide (and explain).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Decline;

type Step<T> = Result<T, Decline>;

/// Items arrays shorter than this are read on one thread: starting a second costs more than it
/// saves.
const SPLIT_AT_BYTES: usize = 1 << 20;

/// How far past the middle of the items to look for where the second thread starts.
const SEARCH_BYTES: usize = 1 << 20;

/// The fast path declined a file. `read` are the items at the start of the items array that it
/// read before it stopped, each exactly as the precise reader reads it, so that one need not read
/// them again.
pub(super) struct Declined {
    pub read: Vec<Item>,
}

/// How much of each item the reader keeps. Every rule of the format is checked either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// Everything: the document as the rest of tally uses it.
    Everything,
    /// Only each item's id, status, dates and place in the text: an *outline*, for a caller that
    /// reads and changes nothing but a few items (read whole with [`item_at`]) and writes the
    /// others back untouched, from their text.
    Outline,
}

/// Reads a whole file (its text after any byte-order mark starts at `body_start`).
pub(super) fn document(text: &Arc<str>, body_start: usize) -> Result<Document, Declined> {
    document_keeping(text, body_start, Keep::Everything)
}

/// [`document`], keeping of each item what `keep` says.
pub(super) fn document_keeping(
    text: &Arc<str>,
    body_start: usize,
    keep: Keep,
) -> Result<Document, Declined> {
    let split = (text.len() >= SPLIT_AT_BYTES && threads() > 1).then_some(SPLIT_AT_BYTES);
    document_with(text, body_start, split, keep)
}

/// [`document`], with a second thread when the items array is at least `split` bytes long.
fn document_with(
    text: &Arc<str>,
    body_start: usize,
    split: Option<usize>,
    keep: Keep,
) -> Result<Document, Declined> {
    let mut scan = Scan::new(text, body_start, keep);
    let document = read_document(&mut scan, body_start, split);
    document.map_err(|Decline| Declined {
        // items read in outline are not what the precise reader would make of them
        read: match keep {
            Keep::Everything => std::mem::take(&mut scan.read),
            Keep::Outline => Vec::new(),
        },
    })
}

/// The whole item whose text starts at `at` (a place an outline's layout gives), when it reads
/// as the fast path reads it.
pub(super) fn item_at(text: &Arc<str>, at: usize) -> Option<Item> {
    let mut scan = Scan::new(text, at, Keep::Everything);
    scan.item().ok().map(|(item, _)| item)
}

/// The whole file; when it declines, `scan.read` holds the items read well before that.
fn read_document<'t>(
    scan: &mut Scan<'t>,
    body_start: usize,
    split: Option<usize>,
) -> Step<Document> {
    let text = scan.shared;
    scan.whitespace();
    let mut header_entries: Vec<(String, &RawValue)> = Vec::new();
    let mut items: Option<ItemsArray> = None;
    let top = scan.object(|scan, key| {
        let bit = match key {
            "items" => {
                items = Some(scan.items_array(split)?);
                return Ok(1);
            }
            "tally" => 2,
            "title" => 4,
            "source" => 8,
            "published" => 16,
            "period" => 32,
            _ => return Ok(UNKNOWN),
        };
        header_entries.push((key.to_string(), scan.raw_value()?));
        Ok(bit)
    });
    // a failure inside the items array has left what it read in `scan.read`
    let items = items.ok_or(Decline)?;
    let rest = top.and_then(|_| {
        scan.whitespace();
        let header = Reader { text }.header(&Entries(header_entries), body_start);
        match header {
            Ok(header) if scan.pos == scan.bytes.len() && ids_unique(&items.items) => Ok(header),
            _ => Err(Decline),
        }
    });
    let header = match rest {
        Ok(header) => header,
        Err(Decline) => {
            scan.read = items.items;
            return Err(Decline);
        }
    };
    let layout = Layout {
        header: header.clone(),
        items_open: items.open,
        items_close: items.close,
        item_spans: items.spans,
    };
    let origin = Origin::new(text.clone(), body_start..text.len());
    Ok(Document::from_parts(
        header,
        items.items,
        origin,
        Some(layout),
    ))
}

/// One thread, or two when there are two cores (`TALLY_THREADS` overrides, as for search).
fn threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::env::var("TALLY_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cores)
        .clamp(1, 2)
}

fn ids_unique(items: &[Item]) -> bool {
    let mut seen: HashSet<&str, Xxh3Builder> =
        HashSet::with_capacity_and_hasher(items.len(), Xxh3Builder::new());
    items.iter().all(|item| seen.insert(item.id.as_str()))
}

/// The items array: its items, where each was, and where the array's brackets are.
struct ItemsArray {
    items: Vec<Item>,
    spans: Vec<Range<usize>>,
    /// Just after `[`.
    open: usize,
    /// At `]`.
    close: usize,
}

/// What an object's member reader says about a key: `UNKNOWN` (not read; the value is checked
/// and skipped), or the key's own bit, for finding duplicates.
const UNKNOWN: u32 = 0;

/// A position in the text, moving forward.
struct Scan<'t> {
    shared: &'t Arc<str>,
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    lists: Lists,
    /// After the items array declined: the items read well before that.
    read: Vec<Item>,
    keep: Keep,
}

/// Lists reused from one array to the next while its elements are read.
#[derive(Default)]
struct Lists {
    tags: Vec<String>,
    notes: Vec<Note>,
    metrics: Vec<Metric>,
    points: Vec<Point>,
}

impl<'t> Scan<'t> {
    fn new(shared: &'t Arc<str>, pos: usize, keep: Keep) -> Scan<'t> {
        Scan {
            shared,
            text: shared,
            bytes: shared.as_bytes(),
            pos,
            lists: Lists::default(),
            read: Vec::new(),
            keep,
        }
    }

    fn origin(&self, span: Range<usize>) -> Origin {
        Origin::new(self.shared.clone(), span)
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips JSON whitespace (exactly the four characters JSON allows).
    #[inline]
    fn whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    #[inline]
    fn eat(&mut self, byte: u8) -> Step<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Decline)
        }
    }

    /// A string literal at the position: (where its opening quote is, where its closing quote
    /// is, whether it is plain: no escapes, so its text is the value).
    #[inline]
    fn string_literal(&mut self) -> Step<(usize, usize, bool)> {
        let open = self.pos;
        self.eat(b'"')?;
        let mut plain = true;
        let mut at = self.pos;
        loop {
            at = skip_plain(self.bytes, at);
            match self.bytes.get(at) {
                Some(b'"') => break,
                Some(b'\\') => {
                    // what follows is checked by serde_json when the string is decoded
                    plain = false;
                    at += 2;
                }
                // a control character (or the end of the text): not JSON
                _ => return Err(Decline),
            }
        }
        self.pos = at + 1;
        Ok((open, at, plain))
    }

    /// A string value.
    #[inline]
    fn str(&mut self) -> Step<Cow<'t, str>> {
        let (open, close, plain) = self.string_literal()?;
        if plain {
            Ok(Cow::Borrowed(&self.text[open + 1..close]))
        } else {
            serde_json::from_str::<String>(&self.text[open..=close])
                .map(Cow::Owned)
                .map_err(|_| Decline)
        }
    }

    fn string(&mut self) -> Step<String> {
        self.str().map(Cow::into_owned)
    }

    /// A string an outline does not keep: checked, and empty in an outline.
    fn text_string(&mut self) -> Step<String> {
        match self.keep {
            Keep::Everything => self.string(),
            Keep::Outline => self.str().map(|_| String::new()),
        }
    }

    /// A long string kept as a run of the file's text when it has no escapes to decode (no second
    /// copy of it in memory), else decoded; checked, and empty in an outline.
    fn shared_text_string(&mut self) -> Step<SharedText> {
        let (open, close, plain) = self.string_literal()?;
        match self.keep {
            Keep::Outline => Ok(SharedText::default()),
            Keep::Everything if plain => Ok(SharedText::run_of(self.shared, open + 1..close)),
            Keep::Everything => serde_json::from_str::<String>(&self.text[open..=close])
                .map(SharedText::from)
                .map_err(|_| Decline),
        }
    }

    /// `null`, which means the same as a missing field.
    #[inline]
    fn null(&mut self) -> bool {
        let found = self.bytes[self.pos..].starts_with(b"null");
        if found {
            self.pos += 4;
        }
        found
    }

    fn optional<T>(&mut self, read: impl FnOnce(&mut Self) -> Step<T>) -> Step<Option<T>> {
        if self.null() {
            Ok(None)
        } else {
            read(self).map(Some)
        }
    }

    fn date(&mut self) -> Step<Date> {
        self.str()?.parse().map_err(|_| Decline)
    }

    fn status(&mut self) -> Step<Status> {
        self.str()?.parse().map_err(|_| Decline)
    }

    /// A number: the same text the precise reader hands serde_json (see the module notes).
    fn number(&mut self) -> Step<Number> {
        let start = self.pos;
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return Err(Decline);
        }
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = self.peek() {
            self.pos += 1;
        }
        let number: Number =
            serde_json::from_str(&self.text[start..self.pos]).map_err(|_| Decline)?;
        // The precise reader refuses numbers no float can hold, with their place.
        match number.as_f64() {
            Some(_) => Ok(number),
            None => Err(Decline),
        }
    }

    /// Any JSON value, as serde_json reads it for the precise reader, borrowed from the text.
    fn raw_value(&mut self) -> Step<&'t RawValue> {
        let rest = &self.text[self.pos..];
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<&RawValue>();
        match values.next() {
            Some(Ok(raw)) => {
                self.pos += values.byte_offset();
                Ok(raw)
            }
            _ => Err(Decline),
        }
    }

    /// An object key followed by its colon.
    #[inline]
    fn key(&mut self) -> Step<&'t str> {
        let (open, close, plain) = self.string_literal()?;
        if !plain {
            return Err(Decline);
        }
        self.whitespace();
        self.eat(b':')?;
        self.whitespace();
        Ok(&self.text[open + 1..close])
    }

    /// An object, with `member` reading the value of each key it knows (returning the key's bit)
    /// and leaving the others (returning [`UNKNOWN`]), which are checked and skipped here. Any
    /// key twice is refused. Returns the object's span and the bits of the keys it had.
    #[inline]
    fn object(
        &mut self,
        mut member: impl FnMut(&mut Self, &'t str) -> Step<u32>,
    ) -> Step<(Range<usize>, u32)> {
        let start = self.pos;
        self.eat(b'{')?;
        self.whitespace();
        let mut seen = 0u32;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok((start..self.pos, seen));
        }
        let mut unknown: Vec<&'t str> = Vec::new();
        loop {
            let key = self.key()?;
            let bit = member(self, key)?;
            if bit == UNKNOWN {
                if unknown.contains(&key) {
                    return Err(Decline);
                }
                unknown.push(key);
                self.raw_value()?;
            } else {
                if seen & bit != 0 {
                    return Err(Decline);
                }
                seen |= bit;
            }
            self.whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.whitespace();
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok((start..self.pos, seen));
                }
                _ => return Err(Decline),
            }
        }
    }

    /// An array (or `null`, read as empty), each element read by `element`. The elements are
    /// gathered in one of the reader's reusable lists (`list`) and handed out in a list of exactly
    /// their number, which keeps a large document's memory down by a fifth.
    #[inline]
    fn array<T>(
        &mut self,
        list: fn(&mut Lists) -> &mut Vec<T>,
        mut element: impl FnMut(&mut Self) -> Step<T>,
    ) -> Step<Vec<T>> {
        if self.null() {
            return Ok(Vec::new());
        }
        self.eat(b'[')?;
        self.whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Vec::new());
        }
        let mut gathered = std::mem::take(list(&mut self.lists));
        let read = loop {
            match element(self) {
                Ok(value) => gathered.push(value),
                Err(decline) => break Err(decline),
            }
            self.whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.whitespace();
                }
                Some(b']') => {
                    self.pos += 1;
                    break Ok(());
                }
                _ => break Err(Decline),
            }
        };
        // an outline keeps no lists: their elements were checked, and are dropped here
        let mut out = Vec::with_capacity(match self.keep {
            Keep::Everything => gathered.len(),
            Keep::Outline => 0,
        });
        match self.keep {
            Keep::Everything => out.append(&mut gathered),
            Keep::Outline => gathered.clear(),
        }
        *list(&mut self.lists) = gathered;
        read.map(|()| out)
    }

    fn item(&mut self) -> Step<(Item, Range<usize>)> {
        const ID: u32 = 1;
        const TITLE: u32 = 2;
        let mut item = Item::default();
        let (span, seen) = self.object(|scan, key| {
            Ok(match key {
                "id" => {
                    item.id = scan.string()?;
                    ID
                }
                "title" => {
                    item.title = scan.text_string()?;
                    TITLE
                }
                "goal" => {
                    item.goal = scan.optional(Self::text_string)?;
                    1 << 2
                }
                "lead" => {
                    item.lead = scan.optional(Self::text_string)?;
                    1 << 3
                }
                "status" => {
                    item.status = scan.optional(Self::status)?.unwrap_or_default();
                    1 << 4
                }
                "due" => {
                    item.due = scan.optional(Self::date)?;
                    1 << 5
                }
                "tags" => {
                    item.tags = scan.array(|l| &mut l.tags, Self::text_string)?;
                    1 << 6
                }
                "reviewed" => {
                    item.reviewed = scan.optional(Self::date)?;
                    1 << 7
                }
                "progress" => {
                    item.progress = scan.array(|l| &mut l.notes, Self::note)?;
                    1 << 8
                }
                "metrics" => {
                    item.metrics = scan.array(|l| &mut l.metrics, Self::metric)?;
                    1 << 9
                }
                // rare (left by a merge): read by the precise reader
                "conflicts" => return Err(Decline),
                _ => UNKNOWN,
            })
        })?;
        if seen & (ID | TITLE) != ID | TITLE || item.id.trim().is_empty() {
            return Err(Decline);
        }
        item.origin = self.origin(span.clone());
        Ok((item, span))
    }

    fn note(&mut self) -> Step<Note> {
        let (mut date, mut text, mut by) = (None, None, None);
        let (span, _) = self.object(|scan, key| {
            Ok(match key {
                "date" => {
                    date = Some(scan.date()?);
                    1
                }
                "text" => {
                    text = Some(scan.shared_text_string()?);
                    2
                }
                "by" => {
                    by = scan.optional(Self::text_string)?;
                    4
                }
                _ => UNKNOWN,
            })
        })?;
        Ok(Note {
            date: date.ok_or(Decline)?,
            text: text.ok_or(Decline)?,
            by,
            origin: self.origin(span),
        })
    }

    fn metric(&mut self) -> Step<Metric> {
        let (mut name, mut value, mut unit, mut target) = (None, None, None, None);
        let mut history = Vec::new();
        let (span, _) = self.object(|scan, key| {
            Ok(match key {
                "name" => {
                    name = Some(scan.text_string()?);
                    1
                }
                "value" => {
                    value = Some(scan.number()?);
                    2
                }
                "unit" => {
                    unit = scan.optional(Self::text_string)?;
                    4
                }
                "target" => {
                    target = scan.optional(Self::number)?;
                    8
                }
                "history" => {
                    history = scan.array(|l| &mut l.points, Self::point)?;
                    16
                }
                _ => UNKNOWN,
            })
        })?;
        Ok(Metric {
            name: name.ok_or(Decline)?,
            value: value.ok_or(Decline)?,
            unit,
            target,
            history,
            origin: self.origin(span),
        })
    }

    fn point(&mut self) -> Step<Point> {
        let (mut date, mut value) = (None, None);
        let (span, _) = self.object(|scan, key| {
            Ok(match key {
                "date" => {
                    date = Some(scan.date()?);
                    1
                }
                "value" => {
                    value = Some(scan.number()?);
                    2
                }
                _ => UNKNOWN,
            })
        })?;
        Ok(Point {
            date: date.ok_or(Decline)?,
            value: value.ok_or(Decline)?,
            origin: self.origin(span),
        })
    }

    /// The items array, split between two threads when it is at least `split` bytes long.
    fn items_array(&mut self, split: Option<usize>) -> Step<ItemsArray> {
        self.eat(b'[')?;
        let open = self.pos;
        self.whitespace();
        let mut run = Run::default();
        if self.peek() != Some(b']') {
            let second = split.and_then(|least| self.second_half_start(least));
            let read = match second {
                Some(split) => self.items_split(split, &mut run),
                None => self
                    .items_until(None, &mut run, &AtomicBool::new(false))
                    .map(|_| ()),
            };
            if read.is_err() {
                self.read = run.items;
                return Err(Decline);
            }
        }
        let close = self.pos;
        self.eat(b']')?;
        Ok(ItemsArray {
            items: run.items,
            spans: run.spans,
            open,
            close,
        })
    }

    /// Reads items (the position is at an item) up to the array's `]`, or, with `stop`, up to the
    /// first item that starts at or after `stop`. Returns true when it stopped at the end of the
    /// array.
    fn items_until(
        &mut self,
        stop: Option<usize>,
        run: &mut Run,
        cancel: &AtomicBool,
    ) -> Step<bool> {
        let start = self.pos;
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(Decline);
            }
            if run.items.len() == ESTIMATE_AFTER {
                run.reserve(self.pos - start, self.bytes.len() - self.pos);
            }
            let (item, span) = self.item()?;
            run.spans.push(span);
            run.items.push(item);
            self.whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.whitespace();
                }
                Some(b']') => return Ok(true),
                _ => return Err(Decline),
            }
            if stop.is_some_and(|stop| self.pos >= stop) {
                return Ok(false);
            }
        }
    }

    /// A likely start of an item about halfway through the rest of the text: a `{` at the start
    /// of a line indented like the first item, after a line ending in `},`. Only a guess (the
    /// text around it is not read yet); [`Scan::items_split`] checks it.
    fn second_half_start(&self, least: usize) -> Option<usize> {
        let first = self.pos;
        if self.bytes.len() - first < least {
            return None;
        }
        let line_start = self.bytes[..first]
            .iter()
            .rposition(|&b| b == b'\n')
            .map(|i| i + 1)?;
        let indent = &self.bytes[line_start..first];
        if indent.iter().any(|b| !matches!(b, b' ' | b'\t')) {
            return None;
        }
        let middle = first + (self.bytes.len() - first) / 2;
        let mut from = middle;
        // a raw line break is never inside a JSON string, so every line starts outside one
        while let Some(newline) = self.bytes[from..].iter().position(|&b| b == b'\n') {
            let line = from + newline + 1;
            let candidate = line + indent.len();
            let before = self.bytes[..line - 1].trim_ascii_end();
            if self.bytes.get(line..candidate) == Some(indent)
                && self.bytes.get(candidate) == Some(&b'{')
                && before.ends_with(b"},")
            {
                return Some(candidate);
            }
            if line - middle > SEARCH_BYTES {
                return None;
            }
            from = line;
        }
        None
    }

    /// Reads the items with a second thread starting at `split`. The first thread reads up to
    /// `split`; only if an item really starts there (the first thread's reading lands on it) is
    /// the second thread's work used. Otherwise the first thread reads on alone.
    fn items_split(&mut self, split: usize, run: &mut Run) -> Step<()> {
        let cancel = AtomicBool::new(false);
        let (shared, keep) = (self.shared, self.keep);
        let (first, second) = std::thread::scope(|threads| {
            let second = std::thread::Builder::new()
                .name("tally-load".into())
                .spawn_scoped(threads, || {
                    let mut scan = Scan::new(shared, split, keep);
                    let mut run = Run::default();
                    let result = scan.items_until(None, &mut run, &cancel);
                    (result, scan.pos, run)
                })
                .ok();
            let first = self.items_until(Some(split), run, &AtomicBool::new(false));
            if first != Ok(false) || self.pos != split {
                cancel.store(true, Ordering::Relaxed);
            }
            (first, second.map(|thread| thread.join()))
        });
        let landed = self.pos == split;
        match (first?, second) {
            // the array ended before `split`
            (true, _) => Ok(()),
            (false, Some(Ok((read, end, later)))) if landed => {
                // even when the second half declines, its items read so far follow the first's
                run.items.extend(later.items);
                run.spans.extend(later.spans);
                self.pos = end;
                read.map(|_| ())
            }
            // a wrong guess, or no second thread
            (false, _) => self
                .items_until(None, run, &AtomicBool::new(false))
                .map(|_| ()),
        }
    }
}

/// Items read so far by one thread.
#[derive(Default)]
struct Run {
    items: Vec<Item>,
    spans: Vec<Range<usize>>,
}

/// How many items are read before guessing how many there are.
const ESTIMATE_AFTER: usize = 64;

impl Run {
    /// Makes room for the items still to come, guessed from the size of those read so far, so the
    /// item list is not copied again and again as it grows.
    fn reserve(&mut self, read_bytes: usize, rest_bytes: usize) {
        let per_item = (read_bytes / self.items.len().max(1)).max(1);
        let more = rest_bytes / per_item + rest_bytes / per_item / 8 + 16;
        self.items.reserve(more);
        self.spans.reserve(more);
    }
}

/// The first position at or after `at` holding `"`, `\` or a control character (or the end).
#[inline]
fn skip_plain(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        // a byte is flagged when it is zero (quote, backslash) or below 0x20; only the lowest
        // flag is exact, which is the one used
        let flags = (quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash
            | word.wrapping_sub(ONES * 0x20) & !word)
            & HIGH;
        if flags != 0 {
            return at + (flags.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

#[cfg(test)]
#[path = "read_valid_tests.rs"]
mod tests;
