//! A disagreement a three-way merge could not settle, recorded in the item it is about, and how a
//! person settles it: keep ours (already applied), take theirs, or edit by hand.

use serde_json::Value;

use super::{Date, Item, Note, Origin, Status};

/// One unresolved disagreement between two versions of an item. The item holds our value; the
/// record holds both, so the other one is never lost.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// What the versions disagree about: an item field (`status`, `lead`, … or a field tally does
    /// not know), `note` (one progress note edited two ways) or `reading` (one metric's value on
    /// one date).
    pub field: String,
    /// The metric, for a `reading`.
    pub metric: Option<String>,
    /// The reading's date, for a `reading`.
    pub date: Option<Date>,
    /// Our value as JSON (`null`: the field is absent, or the note deleted).
    pub ours: Value,
    /// Their value as JSON.
    pub theirs: Value,
    /// Where our value came from (a branch or commit name), when known.
    pub ours_from: Option<String>,
    /// Where their value came from, when known.
    pub theirs_from: Option<String>,
    pub origin: Origin,
}

/// Which version settles a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// Why a conflict could not be settled in the model alone.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ResolveError {
    #[error("no conflict number {0} in this item")]
    NoSuchConflict(usize),
    #[error("the recorded value for `{0}` is not valid for that field")]
    BadValue(String),
    /// A field tally does not model: its text must be rewritten by the store.
    #[error("`{0}` is not a field tally edits")]
    UnknownField(String),
}

impl ResolveError {
    /// The error in words for any language (its English text is its `Display`).
    pub fn phrase(&self) -> crate::lang::Phrase {
        use crate::lang::Phrase;
        match self {
            ResolveError::NoSuchConflict(n) => Phrase::new("error.no_such_conflict").arg("n", n),
            ResolveError::BadValue(key) => Phrase::new("error.bad_recorded_value").arg("key", key),
            ResolveError::UnknownField(key) => Phrase::new("error.unknown_field").arg("key", key),
        }
    }
}

/// The item fields tally models, so a conflict on them can be settled here.
pub const KNOWN_FIELDS: &[&str] = &[
    "title", "goal", "lead", "status", "due", "tags", "reviewed", "note", "reading", "unit",
    "target", "value",
];

impl Conflict {
    /// A conflict about `field`, without a metric or date.
    pub fn field(field: impl Into<String>, ours: Value, theirs: Value) -> Conflict {
        Conflict {
            field: field.into(),
            metric: None,
            date: None,
            ours,
            theirs,
            ours_from: None,
            theirs_from: None,
            origin: Origin::default(),
        }
    }

    /// What the conflict is about, in a few words (`status`, `reading 完成数 2023-09-30`).
    pub fn subject(&self) -> String {
        let mut subject = self.field.clone();
        if let Some(metric) = &self.metric {
            subject.push(' ');
            subject.push_str(metric);
        }
        if let Some(date) = self.date {
            subject.push(' ');
            subject.push_str(&date.to_string());
        }
        subject
    }
}

impl Item {
    /// A copy with conflict `index` settled by `side`: its record removed and, for theirs, their
    /// value put in place of ours. Unknown fields are refused (see [`ResolveError::UnknownField`]).
    pub fn resolved(&self, index: usize, side: Side) -> Result<Item, ResolveError> {
        let conflict = self
            .conflicts
            .get(index)
            .ok_or(ResolveError::NoSuchConflict(index))?;
        let mut item = self.edited(|item| {
            item.conflicts.remove(index);
        });
        if side == Side::Theirs {
            take_theirs(&mut item, conflict)?;
        }
        Ok(item)
    }
}

fn take_theirs(item: &mut Item, conflict: &Conflict) -> Result<(), ResolveError> {
    let value = &conflict.theirs;
    let bad = || ResolveError::BadValue(conflict.field.clone());
    match conflict.field.as_str() {
        "title" => item.title = value.as_str().ok_or_else(bad)?.to_string(),
        "goal" => item.goal = optional_text(value).ok_or_else(bad)?,
        "lead" => item.lead = optional_text(value).ok_or_else(bad)?,
        "status" => {
            item.status = match value {
                Value::Null => Status::default(),
                Value::String(s) => s.parse().map_err(|_| bad())?,
                _ => return Err(bad()),
            }
        }
        "due" => item.due = optional_date(value).ok_or_else(bad)?,
        "reviewed" => item.reviewed = optional_date(value).ok_or_else(bad)?,
        "tags" => item.tags = tags(value).ok_or_else(bad)?,
        "note" => replace_note(item, conflict).ok_or_else(bad)?,
        "reading" => set_reading(item, conflict).ok_or_else(bad)?,
        "unit" | "target" | "value" if conflict.metric.is_some() => {
            set_metric_field(item, conflict).ok_or_else(bad)?
        }
        other => return Err(ResolveError::UnknownField(other.to_string())),
    }
    Ok(())
}

fn optional_text(value: &Value) -> Option<Option<String>> {
    match value {
        Value::Null => Some(None),
        Value::String(s) => Some(Some(s.clone())),
        _ => None,
    }
}

fn optional_date(value: &Value) -> Option<Option<Date>> {
    match value {
        Value::Null => Some(None),
        Value::String(s) => s.parse().ok().map(Some),
        _ => None,
    }
}

fn tags(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Null => Some(Vec::new()),
        Value::Array(list) => list.iter().map(|t| t.as_str().map(String::from)).collect(),
        _ => None,
    }
}

/// A note as a conflict records it: `{date, text, by}`.
pub fn note_value(note: &Note) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("date".into(), Value::String(note.date.to_string()));
    map.insert("text".into(), Value::String(note.text.to_string()));
    if let Some(by) = &note.by {
        map.insert("by".into(), Value::String(by.clone()));
    }
    Value::Object(map)
}

fn note_of(value: &Value) -> Option<Option<Note>> {
    if value.is_null() {
        return Some(None);
    }
    let date = value.get("date")?.as_str()?.parse().ok()?;
    let text = value.get("text")?.as_str()?;
    let by = match value.get("by") {
        None | Some(Value::Null) => None,
        Some(by) => Some(by.as_str()?.to_string()),
    };
    Some(Some(Note {
        by,
        ..Note::new(date, text)
    }))
}

/// Puts their note where ours is (or adds it, or removes ours when they deleted it).
fn replace_note(item: &mut Item, conflict: &Conflict) -> Option<()> {
    let ours = note_of(&conflict.ours)?;
    let theirs = note_of(&conflict.theirs)?;
    let at = ours.and_then(|ours| item.progress.iter().position(|n| *n == ours));
    match (at, theirs) {
        (Some(at), Some(theirs)) => item.progress[at] = theirs,
        (Some(at), None) => {
            item.progress.remove(at);
        }
        (None, Some(theirs)) => item.progress.push(theirs),
        (None, None) => {}
    }
    Some(())
}

/// Sets the metric's reading on the conflict's date to their value (and the metric's value, when
/// that reading is the latest).
fn set_reading(item: &mut Item, conflict: &Conflict) -> Option<()> {
    let name = conflict.metric.as_deref()?;
    let date = conflict.date?;
    let value = match &conflict.theirs {
        Value::Number(n) => n.clone(),
        _ => return None,
    };
    let metric = item.metrics.iter_mut().find(|m| m.name == name)?;
    let point = metric.history.iter_mut().find(|p| p.date == date)?;
    point.value = value.clone();
    let latest = metric.history.iter().map(|p| p.date).max();
    if latest == Some(date) {
        metric.value = value;
    }
    Some(())
}

/// A metric's unit, target or value (without a reading) set to theirs.
fn set_metric_field(item: &mut Item, conflict: &Conflict) -> Option<()> {
    let name = conflict.metric.as_deref()?;
    let metric = item.metrics.iter_mut().find(|m| m.name == name)?;
    let value = &conflict.theirs;
    match conflict.field.as_str() {
        "unit" => metric.unit = optional_text(value)?,
        "target" => {
            metric.target = match value {
                Value::Null => None,
                Value::Number(n) => Some(n.clone()),
                _ => return None,
            }
        }
        _ => metric.value = value.as_number()?.clone(),
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Metric, Point};
    use serde_json::json;

    fn item_with(conflict: Conflict) -> Item {
        let mut item = Item::new("1", "t");
        item.status = Status::OnTrack;
        item.conflicts.push(conflict);
        item
    }

    #[test]
    fn ours_removes_the_record_and_keeps_the_value() {
        let item = item_with(Conflict::field("status", json!("on_track"), json!("done")));
        let kept = item.resolved(0, Side::Ours).unwrap();
        assert_eq!(kept.status, Status::OnTrack);
        assert!(kept.conflicts.is_empty());
        let taken = item.resolved(0, Side::Theirs).unwrap();
        assert_eq!(taken.status, Status::Done);
        assert!(taken.conflicts.is_empty());
        assert!(matches!(
            item.resolved(3, Side::Ours),
            Err(ResolveError::NoSuchConflict(3))
        ));
    }

    #[test]
    fn theirs_replaces_an_edited_note_and_a_reading() {
        let date: Date = "2023-09-30".parse().unwrap();
        let mut item = Item::new("1", "t");
        item.progress.push(Note::new(date, "ours"));
        let mut metric = Metric::new("完成数", 5.into());
        metric.history.push(Point {
            date,
            value: 5.into(),
            origin: Origin::default(),
        });
        item.metrics.push(metric);
        item.conflicts.push(Conflict::field(
            "note",
            note_value(&Note::new(date, "ours")),
            note_value(&Note::new(date, "theirs")),
        ));
        item.conflicts.push(Conflict {
            metric: Some("完成数".into()),
            date: Some(date),
            ..Conflict::field("reading", json!(5), json!(7))
        });
        let item = item.resolved(0, Side::Theirs).unwrap();
        assert_eq!(item.progress[0].text, "theirs");
        let item = item.resolved(0, Side::Theirs).unwrap();
        assert_eq!(item.metrics[0].value, 7.into());
        assert_eq!(item.metrics[0].history[0].value, 7.into());
        assert!(item.conflicts.is_empty());
    }

    #[test]
    fn unknown_fields_and_bad_values_are_refused() {
        let item = item_with(Conflict::field("x-owner", json!("a"), json!("b")));
        assert!(matches!(
            item.resolved(0, Side::Theirs),
            Err(ResolveError::UnknownField(_))
        ));
        let item = item_with(Conflict::field("status", json!("x"), json!(4)));
        assert!(matches!(
            item.resolved(0, Side::Theirs),
            Err(ResolveError::BadValue(_))
        ));
    }
}
