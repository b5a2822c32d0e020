//! Text → [`Document`]: parses format v1, checks its rules, and says exactly where each problem is.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Number;
use serde_json::value::RawValue;

use super::entries::{Elements, Entries};
use super::place::Place;
use crate::lang::Phrase;
use crate::model::{
    Conflict, Date, Document, FORMAT_VERSION, Header, Item, Layout, Metric, Note, Origin, Period,
    Point, Status,
};
use read_valid::Keep;
use words::{at, describe_json_error, must_be};

/// A problem in a file's text, at a byte offset of that text. The common ones are phrases of
/// their own; the rest are English ([`Phrase::plain`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: Phrase,
}

const BOM: char = '\u{feff}';

/// Parses a whole file. `text` is kept (shared) by the objects' origins.
///
/// A well-formed file is read once, by the reader for valid files in read_valid.rs (on two threads when large). A
/// file the fast path declines is read again by the precise reader below, which accepts exactly
/// what the fast path accepts (and a little more it leaves alone) and explains every problem.
pub fn parse_document(text: Arc<str>) -> Result<Document, Problem> {
    match read_valid::document(&text, body_start(&text)) {
        Ok(doc) => Ok(doc),
        Err(declined) => precisely(text, declined.read),
    }
}

/// [`parse_document`] as an *outline*, for a caller that reads and changes only the items with
/// an id in `whole`: every item is checked as always, but the others keep only their id, status,
/// dates and their place in the text, from which any writer writes them back untouched. Costs a
/// fraction of the memory of the whole document. A file the fast path leaves to the precise
/// reader is read whole.
pub fn parse_outline(text: Arc<str>, whole: &[&str]) -> Result<Document, Problem> {
    let mut doc = match read_valid::document_keeping(&text, body_start(&text), Keep::Outline) {
        Ok(doc) => doc,
        Err(_) => return precisely(text, Vec::new()),
    };
    for id in whole {
        let Some(index) = doc.position(id) else {
            continue;
        };
        let at = doc.layout.as_ref().and_then(|l| l.item_spans.get(index));
        match at.and_then(|span| read_valid::item_at(&text, span.start)) {
            Some(item) => {
                doc.replace(index, item);
            }
            None => return precisely(text, Vec::new()),
        }
    }
    Ok(doc)
}

/// The precise reader, reporting a git conflict marker in the file rather than the first problem
/// it makes.
fn precisely(text: Arc<str>, known: Vec<Item>) -> Result<Document, Problem> {
    let marker = conflict_marker(&text);
    parse_precisely(text, known).map_err(|problem| marker.unwrap_or(problem))
}

/// git's `<<<<<<<` line from a merge that did not know task files, as the problem to report.
fn conflict_marker(text: &str) -> Option<Problem> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("<<<<<<<") {
            return Some(Problem {
                offset,
                message: Phrase::new("parse.conflict_markers"),
            });
        }
        offset += line.len();
    }
    None
}

fn body_start(text: &str) -> usize {
    if text.starts_with(BOM) {
        BOM.len_utf8()
    } else {
        0
    }
}

/// The precise reader: every object is read as its list of raw members first, so each problem is
/// placed at the value it is about. `known` are items the fast path already read from the start
/// of the items array (exactly as this reader reads them); they are taken as they are.
fn parse_precisely(text: Arc<str>, known: Vec<Item>) -> Result<Document, Problem> {
    let reader = Reader { text: &text };
    let body_start = body_start(&text);
    let body = &text[body_start..];
    if body.trim().is_empty() {
        return Err(Problem {
            offset: body_start,
            message: Phrase::new("parse.empty"),
        });
    }
    let top: Entries = reader.json(body, &"the file must hold a JSON object")?;
    let header = reader.header(&top, body_start)?;
    let items_raw = top.get("items").ok_or_else(|| Problem {
        offset: body_start,
        message: Phrase::new("parse.no_items"),
    })?;
    let elements = reader.array(items_raw, &Place::Text("`items`"))?;
    let layout = Layout {
        header: header.clone(),
        items_open: reader.offset(items_raw) + 1,
        items_close: reader.offset(items_raw) + items_raw.get().len() - 1,
        item_spans: elements.iter().map(|raw| reader.span(raw)).collect(),
    };
    let items = reader.items(elements, known)?;
    let origin = Origin::new(text.clone(), body_start..text.len());
    Ok(Document::from_parts(header, items, origin, Some(layout)))
}

/// Reads an object back from its origin, to compare it with its edited self.
fn reparse<T>(
    origin: &Origin,
    read: impl FnOnce(&Reader, &RawValue) -> Result<T, Problem>,
) -> Option<T> {
    let (text, span) = origin.parts()?;
    let reader = Reader { text };
    let raw: &RawValue = serde_json::from_str(text.get(span)?).ok()?;
    read(&reader, raw).ok()
}

pub(crate) fn reparse_item(origin: &Origin) -> Option<Item> {
    reparse(origin, |reader, raw| reader.item(raw, 0))
}

pub(crate) fn reparse_note(origin: &Origin) -> Option<Note> {
    reparse(origin, |reader, raw| reader.note(raw, &Place::Text("note")))
}

pub(crate) fn reparse_metric(origin: &Origin) -> Option<Metric> {
    reparse(origin, |reader, raw| {
        reader.metric(raw, &Place::Text("metric"))
    })
}

pub(crate) fn reparse_point(origin: &Origin) -> Option<Point> {
    reparse(origin, |reader, raw| {
        reader.point(raw, &Place::Text("entry"))
    })
}

pub(crate) fn reparse_conflict(origin: &Origin) -> Option<Conflict> {
    reparse(origin, |reader, raw| {
        reader.conflict(raw, &Place::Text("conflict"))
    })
}

pub(crate) fn reparse_period(origin: &Origin) -> Option<Period> {
    reparse(origin, |reader, raw| reader.period(raw))
}

/// The members of an object's origin text, in order, with their raw values.
pub(crate) fn origin_entries(origin: &Origin) -> Option<Vec<(String, &str)>> {
    let entries: Entries = serde_json::from_str(origin.text()?).ok()?;
    Some(entries.0.into_iter().map(|(k, v)| (k, v.get())).collect())
}

struct Reader<'t> {
    text: &'t Arc<str>,
}

impl<'t> Reader<'t> {
    fn offset(&self, raw: &RawValue) -> usize {
        raw.get().as_ptr() as usize - self.text.as_ptr() as usize
    }

    fn span(&self, raw: &RawValue) -> Range<usize> {
        let start = self.offset(raw);
        start..start + raw.get().len()
    }

    fn origin(&self, raw: &RawValue) -> Origin {
        Origin::new(self.text.clone(), self.span(raw))
    }

    fn problem(&self, raw: &RawValue, message: impl Into<Phrase>) -> Problem {
        Problem {
            offset: self.offset(raw),
            message: message.into(),
        }
    }

    /// Parses `slice` (a part of the text) as `T`, placing serde's errors in the whole text.
    fn json<T: Deserialize<'t>>(
        &self,
        slice: &'t str,
        wrong_kind: &dyn std::fmt::Display,
    ) -> Result<T, Problem> {
        serde_json::from_str(slice).map_err(|err| {
            let base = slice.as_ptr() as usize - self.text.as_ptr() as usize;
            let offset = if err.is_eof() {
                base + slice.len()
            } else {
                base + offset_in(slice, err.line(), err.column())
            };
            let next = self.text[offset..].trim_start().chars().next();
            let after_comma = self.text[..offset].trim_end().ends_with(',');
            let message = describe_json_error(&err, wrong_kind, next, after_comma);
            Problem { offset, message }
        })
    }

    fn object(&self, raw: &'t RawValue, what: &Place) -> Result<Entries<'t>, Problem> {
        if !raw.get().starts_with('{') {
            let message = must_be("parse.must_be_object", what, raw);
            return Err(self.problem(raw, message));
        }
        self.json(raw.get(), what)
    }

    fn array(&self, raw: &'t RawValue, what: &Place) -> Result<Vec<&'t RawValue>, Problem> {
        if !raw.get().starts_with('[') {
            let message = must_be("parse.must_be_array", what, raw);
            return Err(self.problem(raw, message));
        }
        let elements: Elements = self.json(raw.get(), what)?;
        Ok(elements.0)
    }

    fn string(&self, raw: &'t RawValue, what: &Place) -> Result<String, Problem> {
        if !raw.get().starts_with('"') {
            let message = must_be("parse.must_be_string", what, raw);
            return Err(self.problem(raw, message));
        }
        self.json(raw.get(), what)
    }

    fn optional<T>(
        &self,
        raw: Option<&'t RawValue>,
        read: impl FnOnce(&'t RawValue) -> Result<T, Problem>,
    ) -> Result<Option<T>, Problem> {
        match raw {
            None => Ok(None),
            Some(raw) if raw.get() == "null" => Ok(None),
            Some(raw) => read(raw).map(Some),
        }
    }

    fn date(&self, raw: &'t RawValue, what: &Place) -> Result<Date, Problem> {
        let text = self.string(raw, what)?;
        text.parse::<Date>()
            .map_err(|err| self.problem(raw, at(what, err.phrase())))
    }

    fn number(&self, raw: &'t RawValue, what: &Place) -> Result<Number, Problem> {
        let first = raw.get().as_bytes().first().copied().unwrap_or(b' ');
        if !(first == b'-' || first.is_ascii_digit()) {
            let message = must_be("parse.must_be_number", what, raw);
            return Err(self.problem(raw, message));
        }
        let number: Number = self.json(raw.get(), what)?;
        if number.as_f64().is_none() {
            // Kept as written otherwise, but a number no float can hold (`1e999`) is refused,
            // placed at its last character as serde_json places a number out of range.
            let text = raw.get();
            let base = text.as_ptr() as usize - self.text.as_ptr() as usize;
            return Err(Problem {
                offset: base + text.len().saturating_sub(1),
                message: Phrase::new("parse.out_of_range"),
            });
        }
        Ok(number)
    }

    fn required(
        &self,
        entries: &Entries<'t>,
        at: &'t RawValue,
        key: &str,
        what: &Place,
    ) -> Result<&'t RawValue, Problem> {
        entries.get(key).ok_or_else(|| {
            let missing = Phrase::new("parse.missing_field").arg("key", key);
            self.problem(at, self::at(what, missing))
        })
    }

    fn header(&self, top: &Entries<'t>, body_start: usize) -> Result<Header, Problem> {
        let format = self.optional(top.get("tally"), |raw| self.format_version(raw))?;
        let title = top.get("title").ok_or_else(|| Problem {
            offset: body_start,
            message: Phrase::new("parse.no_title"),
        })?;
        let top_field = |name| Place::Text(name);
        Ok(Header {
            format,
            title: self.string(title, &top_field("`title`"))?,
            source: self.optional(top.get("source"), |r| {
                self.string(r, &top_field("`source`"))
            })?,
            published: self.optional(top.get("published"), |r| {
                self.date(r, &top_field("`published`"))
            })?,
            period: self.optional(top.get("period"), |r| self.period(r))?,
        })
    }

    fn format_version(&self, raw: &'t RawValue) -> Result<u64, Problem> {
        let number = self.number(raw, &Place::Text("`tally` (the format version)"))?;
        match number.as_u64() {
            Some(version) if (1..=FORMAT_VERSION).contains(&version) => Ok(version),
            Some(version) if version > FORMAT_VERSION => Err(self.problem(
                raw,
                Phrase::new("parse.newer_format")
                    .arg("version", version)
                    .arg("readable", FORMAT_VERSION),
            )),
            _ => Err(self.problem(
                raw,
                Phrase::new("parse.bad_format")
                    .arg("readable", FORMAT_VERSION)
                    .arg("found", number),
            )),
        }
    }

    fn period(&self, raw: &'t RawValue) -> Result<Period, Problem> {
        let entries = self.object(raw, &Place::Text("`period`"))?;
        let field = |name| Place::Text(name);
        Ok(Period {
            label: self.optional(entries.get("label"), |r| {
                self.string(r, &field("`period.label`"))
            })?,
            start: self.optional(entries.get("start"), |r| {
                self.date(r, &field("`period.start`"))
            })?,
            end: self.optional(entries.get("end"), |r| self.date(r, &field("`period.end`")))?,
            origin: self.origin(raw),
        })
    }

    fn items(&self, elements: Vec<&'t RawValue>, known: Vec<Item>) -> Result<Vec<Item>, Problem> {
        let mut items: Vec<Item> = Vec::with_capacity(elements.len());
        let mut first_seen: std::collections::HashMap<String, usize> =
            std::collections::HashMap::with_capacity(elements.len());
        let mut known = known.into_iter();
        for (index, element) in elements.into_iter().enumerate() {
            let span = self.span(element);
            let item = match known.next() {
                Some(item) if item.origin.parts().is_some_and(|(_, at)| at == span) => item,
                _ => {
                    known = Vec::new().into_iter();
                    self.item(element, index)?
                }
            };
            if let Some(&first) = first_seen.get(&item.id) {
                let line = line_of(self.text, first);
                let message = Phrase::new("parse.duplicate_id")
                    .arg("id", crate::text::clean_line(&item.id))
                    .arg("line", line);
                return Err(Problem {
                    offset: self.id_offset(element).unwrap_or(self.offset(element)),
                    message,
                });
            }
            first_seen.insert(item.id.clone(), self.offset(element));
            items.push(item);
        }
        Ok(items)
    }

    fn id_offset(&self, item: &'t RawValue) -> Option<usize> {
        let entries: Entries = serde_json::from_str(item.get()).ok()?;
        entries.get("id").map(|raw| self.offset(raw))
    }

    fn item(&self, raw: &'t RawValue, index: usize) -> Result<Item, Problem> {
        let position = Place::Item(index);
        let entries = self.object(raw, &position)?;
        let id_raw = self.required(&entries, raw, "id", &position)?;
        let id = self.string(id_raw, &Place::Field(&position, "id"))?;
        if id.trim().is_empty() {
            let empty = Phrase::new("parse.empty_id");
            return Err(self.problem(id_raw, at(&position, empty)));
        }
        let what = Place::Id(&id);
        let field = |key| Place::Field(&what, key);
        let title_raw = self.required(&entries, raw, "title", &what)?;
        let status = self.optional(entries.get("status"), |r| self.status(r, &field("status")))?;
        Ok(Item {
            title: self.string(title_raw, &field("title"))?,
            goal: self.optional(entries.get("goal"), |r| self.string(r, &field("goal")))?,
            lead: self.optional(entries.get("lead"), |r| self.string(r, &field("lead")))?,
            status: status.unwrap_or_default(),
            due: self.optional(entries.get("due"), |r| self.date(r, &field("due")))?,
            tags: self
                .optional(entries.get("tags"), |r| self.tags(r, &field("tags")))?
                .unwrap_or_default(),
            reviewed: self.optional(entries.get("reviewed"), |r| {
                self.date(r, &field("reviewed"))
            })?,
            progress: self
                .optional(entries.get("progress"), |r| self.notes(r, &what))?
                .unwrap_or_default(),
            metrics: self
                .optional(entries.get("metrics"), |r| self.metrics(r, &what))?
                .unwrap_or_default(),
            conflicts: self
                .optional(entries.get("conflicts"), |r| self.conflicts(r, &what))?
                .unwrap_or_default(),
            origin: self.origin(raw),
            id: id.clone(),
        })
    }

    fn status(&self, raw: &'t RawValue, what: &Place) -> Result<Status, Problem> {
        let text = self.string(raw, what)?;
        text.parse::<Status>()
            .map_err(|err| self.problem(raw, at(what, err.phrase())))
    }

    fn tags(&self, raw: &'t RawValue, what: &Place) -> Result<Vec<String>, Problem> {
        self.array(raw, what)?
            .into_iter()
            .map(|tag| self.string(tag, &Place::Entry(what)))
            .collect()
    }

    fn notes(&self, raw: &'t RawValue, item: &Place) -> Result<Vec<Note>, Problem> {
        let elements = self.array(raw, &Place::Field(item, "progress"))?;
        elements
            .into_iter()
            .enumerate()
            .map(|(index, element)| self.note(element, &Place::Nth(item, "progress note", index)))
            .collect()
    }

    fn note(&self, raw: &'t RawValue, what: &Place) -> Result<Note, Problem> {
        let entries = self.object(raw, what)?;
        let field = |key| Place::Field(what, key);
        let date = self.required(&entries, raw, "date", what)?;
        let text = self.required(&entries, raw, "text", what)?;
        Ok(Note {
            date: self.date(date, &field("date"))?,
            text: self.string(text, &field("text"))?.into(),
            by: self.optional(entries.get("by"), |r| self.string(r, &field("by")))?,
            origin: self.origin(raw),
        })
    }

    fn metrics(&self, raw: &'t RawValue, item: &Place) -> Result<Vec<Metric>, Problem> {
        let elements = self.array(raw, &Place::Field(item, "metrics"))?;
        elements
            .into_iter()
            .enumerate()
            .map(|(index, element)| self.metric(element, &Place::Nth(item, "metric", index)))
            .collect()
    }

    fn metric(&self, raw: &'t RawValue, what: &Place) -> Result<Metric, Problem> {
        let entries = self.object(raw, what)?;
        let field = |key| Place::Field(what, key);
        let name = self.required(&entries, raw, "name", what)?;
        let value = self.required(&entries, raw, "value", what)?;
        Ok(Metric {
            name: self.string(name, &field("name"))?,
            value: self.number(value, &field("value"))?,
            unit: self.optional(entries.get("unit"), |r| self.string(r, &field("unit")))?,
            target: self.optional(entries.get("target"), |r| self.number(r, &field("target")))?,
            history: self
                .optional(entries.get("history"), |r| self.history(r, what))?
                .unwrap_or_default(),
            origin: self.origin(raw),
        })
    }

    fn history(&self, raw: &'t RawValue, metric: &Place) -> Result<Vec<Point>, Problem> {
        let elements = self.array(raw, &Place::Field(metric, "history"))?;
        elements
            .into_iter()
            .enumerate()
            .map(|(index, element)| {
                self.point(element, &Place::Nth(metric, "history entry", index))
            })
            .collect()
    }

    fn conflicts(&self, raw: &'t RawValue, item: &Place) -> Result<Vec<Conflict>, Problem> {
        let elements = self.array(raw, &Place::Field(item, "conflicts"))?;
        elements
            .into_iter()
            .enumerate()
            .map(|(index, element)| self.conflict(element, &Place::Nth(item, "conflict", index)))
            .collect()
    }

    fn conflict(&self, raw: &'t RawValue, what: &Place) -> Result<Conflict, Problem> {
        let entries = self.object(raw, what)?;
        let field = |key| Place::Field(what, key);
        let name = self.required(&entries, raw, "field", what)?;
        let value = |key: &'static str| -> Result<serde_json::Value, Problem> {
            match entries.get(key) {
                Some(r) => self.json(r.get(), &field(key)),
                None => Ok(serde_json::Value::Null),
            }
        };
        let text =
            |key: &'static str| self.optional(entries.get(key), |r| self.string(r, &field(key)));
        Ok(Conflict {
            field: self.string(name, &field("field"))?,
            metric: text("metric")?,
            date: self.optional(entries.get("date"), |r| self.date(r, &field("date")))?,
            ours: value("ours")?,
            theirs: value("theirs")?,
            ours_from: text("ours_from")?,
            theirs_from: text("theirs_from")?,
            origin: self.origin(raw),
        })
    }

    fn point(&self, raw: &'t RawValue, what: &Place) -> Result<Point, Problem> {
        let entries = self.object(raw, what)?;
        let date = self.required(&entries, raw, "date", what)?;
        let value = self.required(&entries, raw, "value", what)?;
        Ok(Point {
            date: self.date(date, &Place::Field(what, "date"))?,
            value: self.number(value, &Place::Field(what, "value"))?,
            origin: self.origin(raw),
        })
    }
}

/// The byte offset in `text` of serde_json's 1-based line and (byte) column.
fn offset_in(text: &str, line: usize, column: usize) -> usize {
    if line == 0 {
        return 0;
    }
    let line_start = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>();
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The 1-based line and character column of a byte offset (a leading BOM is not counted).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column_text = before[line_start..].trim_start_matches(BOM);
    (line_of(text, end), column_text.chars().count() + 1)
}

#[path = "read_valid.rs"]
mod read_valid;

#[path = "parse_words.rs"]
mod words;

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
