//! [`Document`] → text. Objects nobody changed are written back from their original text; changed
//! ones are re-serialised in the file's own style, keeping unknown fields, key order and every
//! unchanged value's spelling. A file tally loaded and did not change is written back byte for byte.

use super::fragment::{Fragment, Style, quote};
use super::parse::{
    origin_entries, reparse_conflict, reparse_item, reparse_metric, reparse_note, reparse_period,
    reparse_point,
};
use super::text_to_save::TextToSave;
use std::sync::{Arc, Mutex, Weak};

use crate::model::{
    Conflict, Document, Header, Item, Layout, Metric, Note, Origin, Period, Point, Status,
};

/// The text of a document, in the style of the file it came from (or tally's style when new).
pub fn write_document(doc: &Document) -> String {
    write_pieces(doc).into_string()
}

/// [`write_document`] as pieces: the runs of the file's text that stay as they were, and the new
/// text between them. Making it costs little more than the changed items, so the interface makes
/// it and a saving thread writes it out (see [`super::save_text`]).
pub fn write_pieces(doc: &Document) -> TextToSave {
    if let (Some(layout), Some((text, _))) = (&doc.layout, doc.origin.parts())
        && layout.header == doc.header
        && !layout.item_spans.is_empty()
    {
        return splice(doc, layout, text);
    }
    let mut written = TextToSave::default();
    written.new_text().push_str(&write_whole(doc));
    written
}

/// One item as JSON text on its own, pretty-printed (for `show --json` and exports).
pub fn write_item(item: &Item) -> String {
    let mut out = String::new();
    Style::default().render(&item_fragment(item), "", &mut out);
    match serde_json::from_str::<serde_json::Value>(&out) {
        Ok(value) => serde_json::to_string_pretty(&value).unwrap_or(out),
        Err(_) => out,
    }
}

/// Keeps the text before, between and after the items; rewrites only the items that changed.
fn splice(doc: &Document, layout: &Layout, source: &Arc<str>) -> TextToSave {
    let text: &str = source;
    let spans = &layout.item_spans;
    let (first, last) = (spans[0].start, spans[spans.len() - 1].end);
    let style = style_of(source);
    let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
    let base = &text[line_start..first];
    let base = if base.trim().is_empty() { base } else { "" };
    let default_separator = match style.indent {
        Some(_) => format!(",{}{base}", style.newline),
        None => ",".to_string(),
    };
    let items = doc.items();
    let mut out = TextToSave::from_source(source);
    if items.is_empty() {
        out.kept(0..layout.items_open);
        out.kept(layout.items_close..text.len());
        return out;
    }
    out.kept(0..first);
    let mut index = 0;
    while index < items.len() {
        if index > 0 {
            match spans.get(index) {
                Some(span) => out.kept(spans[index - 1].end..span.start),
                None => out.new_text().push_str(&default_separator),
            }
        }
        // a run of items still where they were read, untouched, goes out as one slice
        let run = items[index..]
            .iter()
            .zip(spans.get(index..).unwrap_or_default())
            .take_while(|(item, span)| in_place(item, text, span))
            .count();
        if run > 0 {
            out.kept(spans[index].start..spans[index + run - 1].end);
            index += run;
        } else {
            write_item_into(&items[index], &style, base, out.new_text());
            index += 1;
        }
    }
    out.kept(last..text.len());
    out
}

/// The style of a loaded file's text. Finding it reads the whole text (whether any line ends in
/// `\r\n`), which on a large file took longer than the rest of listing a save's pieces, so the
/// style of the last text asked about is kept while that text lives.
fn style_of(source: &Arc<str>) -> Style {
    static LAST: Mutex<Option<(Weak<str>, Style)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((text, style)) = last.as_ref()
        && text
            .upgrade()
            .is_some_and(|text| Arc::ptr_eq(&text, source))
    {
        return style.clone();
    }
    let style = Style::detect(source);
    *last = Some((Arc::downgrade(source), style.clone()));
    style
}

/// True when `item` is unchanged and its text is `span` of `text`: the same place in the same file.
fn in_place(item: &Item, text: &str, span: &std::ops::Range<usize>) -> bool {
    item.origin.is_pristine()
        && item
            .origin
            .parts()
            .is_some_and(|(source, at)| std::ptr::eq(source.as_ptr(), text.as_ptr()) && at == *span)
}

fn write_item_into(item: &Item, style: &Style, base: &str, out: &mut String) {
    match item.origin.text() {
        Some(text) if item.origin.is_pristine() => out.push_str(text),
        _ => style.render(&item_fragment(item), base, out),
    }
}

/// The whole document re-serialised, keeping what can be kept of its original text.
fn write_whole(doc: &Document) -> String {
    let style = doc.origin.text().map(Style::detect).unwrap_or_default();
    let items = Fragment::Array(doc.items().iter().map(item_fragment).collect());
    let fragment = merge(
        &doc.origin,
        DOCUMENT_KEYS,
        |key, _| header_value(&doc.header, key),
        |key, old| {
            doc.layout
                .as_ref()
                .is_some_and(|l| same_header_field(&l.header, &doc.header, key, old))
        },
        Some(("items", items)),
    );
    let mut out = String::new();
    if let Some((text, span)) = doc.origin.parts() {
        out.push_str(&text[..span.start]);
    }
    style.render(&fragment, "", &mut out);
    let trailing = doc.origin.text().map_or("\n", |t| &t[t.trim_end().len()..]);
    out.push_str(trailing);
    out
}

const DOCUMENT_KEYS: &[&str] = &["tally", "title", "source", "published", "period", "items"];
/// The item members tally models; any other member is an unknown field, kept as written.
pub(crate) const ITEM_KEYS: &[&str] = &[
    "id",
    "title",
    "goal",
    "lead",
    "status",
    "due",
    "tags",
    "reviewed",
    "progress",
    "metrics",
    "conflicts",
];
const CONFLICT_KEYS: &[&str] = &[
    "field",
    "metric",
    "date",
    "ours",
    "theirs",
    "ours_from",
    "theirs_from",
];
const NOTE_KEYS: &[&str] = &["date", "text", "by"];
const METRIC_KEYS: &[&str] = &["name", "value", "unit", "target", "history"];
const POINT_KEYS: &[&str] = &["date", "value"];
const PERIOD_KEYS: &[&str] = &["label", "start", "end"];

/// Builds an object's members: the original keys in their order (unknown ones verbatim, known ones
/// verbatim when unchanged, new values otherwise, dropped when now absent), then new known keys.
/// `value(key, existing)` gives a known key's current value; `existing` says the original text had
/// the key, so a default value can be left out of objects that never spelled it.
fn merge<'a>(
    origin: &'a Origin,
    keys: &[&str],
    value: impl Fn(&str, bool) -> Option<Fragment<'a>>,
    unchanged: impl Fn(&str, &str) -> bool,
    mut special: Option<(&str, Fragment<'a>)>,
) -> Fragment<'a> {
    let mut take = |key: &str, existing: bool| -> Option<Fragment<'a>> {
        match &special {
            Some((name, _)) if *name == key => special.take().map(|(_, fragment)| fragment),
            _ => value(key, existing),
        }
    };
    let original = origin_entries(origin).unwrap_or_default();
    let mut members: Vec<(String, Fragment<'a>)> = Vec::new();
    for (key, raw) in &original {
        if !keys.contains(&key.as_str()) {
            members.push((quote(key), Fragment::Raw(raw)));
        } else if let Some(fragment) = take(key, true) {
            let fragment = if unchanged(key, raw) {
                Fragment::Raw(raw)
            } else {
                fragment
            };
            members.push((quote(key), fragment));
        }
    }
    for key in keys {
        if !original.iter().any(|(k, _)| k == key)
            && let Some(fragment) = take(key, false)
        {
            members.push((quote(key), fragment));
        }
    }
    Fragment::Object(members)
}

/// The original text of an object whose value has not changed since it was read.
fn kept_text<'a, T: PartialEq>(
    new: &T,
    old: Option<&T>,
    origin: &'a Origin,
) -> Option<Fragment<'a>> {
    if old == Some(new) {
        origin.text().map(Fragment::Raw)
    } else {
        None
    }
}

fn item_fragment(item: &Item) -> Fragment<'_> {
    let old = reparse_item(&item.origin);
    if let Some(kept) = kept_text(item, old.as_ref(), &item.origin) {
        return kept;
    }
    merge(
        &item.origin,
        ITEM_KEYS,
        |key, existing| item_value(item, key, existing),
        |key, _| {
            old.as_ref()
                .is_some_and(|old| same_item_field(old, item, key))
        },
        None,
    )
}

fn item_value<'a>(item: &'a Item, key: &str, existing: bool) -> Option<Fragment<'a>> {
    let loaded = item.origin.text().is_some();
    let string = |s: &Option<String>| s.as_deref().map(Fragment::string);
    let date = |d: &Option<crate::model::Date>| d.map(|d| Fragment::string(&d.to_string()));
    match key {
        "id" => Some(Fragment::string(&item.id)),
        "title" => Some(Fragment::string(&item.title)),
        "goal" => string(&item.goal),
        "lead" => string(&item.lead),
        "status" => (existing || !loaded || item.status != Status::Todo)
            .then(|| Fragment::string(item.status.as_str())),
        "due" => date(&item.due),
        "reviewed" => date(&item.reviewed),
        "tags" => (!item.tags.is_empty())
            .then(|| Fragment::Array(item.tags.iter().map(|t| Fragment::string(t)).collect())),
        "progress" => (!item.progress.is_empty())
            .then(|| Fragment::Array(item.progress.iter().map(note_fragment).collect())),
        "metrics" => (!item.metrics.is_empty())
            .then(|| Fragment::Array(item.metrics.iter().map(metric_fragment).collect())),
        "conflicts" => (!item.conflicts.is_empty())
            .then(|| Fragment::Array(item.conflicts.iter().map(conflict_fragment).collect())),
        _ => None,
    }
}

fn same_item_field(old: &Item, new: &Item, key: &str) -> bool {
    match key {
        "id" => old.id == new.id,
        "title" => old.title == new.title,
        "goal" => old.goal == new.goal,
        "lead" => old.lead == new.lead,
        "status" => old.status == new.status,
        "due" => old.due == new.due,
        "reviewed" => old.reviewed == new.reviewed,
        "tags" => old.tags == new.tags,
        "progress" => old.progress == new.progress,
        "metrics" => old.metrics == new.metrics,
        "conflicts" => old.conflicts == new.conflicts,
        _ => true,
    }
}

fn note_fragment(note: &Note) -> Fragment<'_> {
    let old = reparse_note(&note.origin);
    if let Some(kept) = kept_text(note, old.as_ref(), &note.origin) {
        return kept;
    }
    merge(
        &note.origin,
        NOTE_KEYS,
        |key, _| match key {
            "date" => Some(Fragment::string(&note.date.to_string())),
            "text" => Some(Fragment::string(&note.text)),
            "by" => note.by.as_deref().map(Fragment::string),
            _ => None,
        },
        |key, _| {
            old.as_ref().is_some_and(|old| match key {
                "date" => old.date == note.date,
                "text" => old.text == note.text,
                "by" => old.by == note.by,
                _ => true,
            })
        },
        None,
    )
}

fn metric_fragment(metric: &Metric) -> Fragment<'_> {
    let old = reparse_metric(&metric.origin);
    if let Some(kept) = kept_text(metric, old.as_ref(), &metric.origin) {
        return kept;
    }
    merge(
        &metric.origin,
        METRIC_KEYS,
        |key, _| match key {
            "name" => Some(Fragment::string(&metric.name)),
            "value" => Some(Fragment::Scalar(metric.value.to_string())),
            "unit" => metric.unit.as_deref().map(Fragment::string),
            "target" => metric
                .target
                .as_ref()
                .map(|t| Fragment::Scalar(t.to_string())),
            "history" => (!metric.history.is_empty())
                .then(|| Fragment::Array(metric.history.iter().map(point_fragment).collect())),
            _ => None,
        },
        |key, _| {
            old.as_ref().is_some_and(|old| match key {
                "name" => old.name == metric.name,
                "value" => old.value == metric.value,
                "unit" => old.unit == metric.unit,
                "target" => old.target == metric.target,
                "history" => old.history == metric.history,
                _ => true,
            })
        },
        None,
    )
}

fn conflict_fragment(conflict: &Conflict) -> Fragment<'_> {
    let old = reparse_conflict(&conflict.origin);
    if let Some(kept) = kept_text(conflict, old.as_ref(), &conflict.origin) {
        return kept;
    }
    let text = |t: &Option<String>| t.as_deref().map(Fragment::string);
    merge(
        &conflict.origin,
        CONFLICT_KEYS,
        |key, _| match key {
            "field" => Some(Fragment::string(&conflict.field)),
            "metric" => text(&conflict.metric),
            "date" => conflict.date.map(|d| Fragment::string(&d.to_string())),
            "ours" => Some(value_fragment(&conflict.ours)),
            "theirs" => Some(value_fragment(&conflict.theirs)),
            "ours_from" => text(&conflict.ours_from),
            "theirs_from" => text(&conflict.theirs_from),
            _ => None,
        },
        |_, _| false,
        None,
    )
}

/// Any JSON value, laid out like the rest of the file.
pub(crate) fn value_fragment(value: &serde_json::Value) -> Fragment<'static> {
    use serde_json::Value;
    match value {
        Value::Array(list) => Fragment::Array(list.iter().map(value_fragment).collect()),
        Value::Object(map) => Fragment::Object(
            map.iter()
                .map(|(k, v)| (quote(k), value_fragment(v)))
                .collect(),
        ),
        Value::String(s) => Fragment::string(s),
        other => Fragment::Scalar(other.to_string()),
    }
}

fn point_fragment(point: &Point) -> Fragment<'_> {
    let old = reparse_point(&point.origin);
    if let Some(kept) = kept_text(point, old.as_ref(), &point.origin) {
        return kept;
    }
    merge(
        &point.origin,
        POINT_KEYS,
        |key, _| match key {
            "date" => Some(Fragment::string(&point.date.to_string())),
            "value" => Some(Fragment::Scalar(point.value.to_string())),
            _ => None,
        },
        |key, _| {
            old.as_ref().is_some_and(|old| match key {
                "date" => old.date == point.date,
                "value" => old.value == point.value,
                _ => true,
            })
        },
        None,
    )
}

fn period_fragment(period: &Period) -> Fragment<'_> {
    let old = reparse_period(&period.origin);
    if let Some(kept) = kept_text(period, old.as_ref(), &period.origin) {
        return kept;
    }
    let date = |d: &Option<crate::model::Date>| d.map(|d| Fragment::string(&d.to_string()));
    merge(
        &period.origin,
        PERIOD_KEYS,
        |key, _| match key {
            "label" => period.label.as_deref().map(Fragment::string),
            "start" => date(&period.start),
            "end" => date(&period.end),
            _ => None,
        },
        |key, _| {
            old.as_ref().is_some_and(|old| match key {
                "label" => old.label == period.label,
                "start" => old.start == period.start,
                "end" => old.end == period.end,
                _ => true,
            })
        },
        None,
    )
}

fn header_value<'a>(header: &'a Header, key: &str) -> Option<Fragment<'a>> {
    match key {
        "tally" => header.format.map(|v| Fragment::Scalar(v.to_string())),
        "title" => Some(Fragment::string(&header.title)),
        "source" => header.source.as_deref().map(Fragment::string),
        "published" => header.published.map(|d| Fragment::string(&d.to_string())),
        "period" => header.period.as_ref().map(period_fragment),
        _ => None,
    }
}

fn same_header_field(old: &Header, new: &Header, key: &str, _raw: &str) -> bool {
    match key {
        "tally" => old.format == new.format,
        "title" => old.title == new.title,
        "source" => old.source == new.source,
        "published" => old.published == new.published,
        "period" => old.period == new.period,
        _ => false,
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
