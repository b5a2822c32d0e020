//! One tracked task and what hangs off it: dated progress notes and counted results.

use serde_json::Number;

use super::{Conflict, Date, Origin, SharedText, Status};
use crate::lang::Phrase;

/// A numbered key task.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Item {
    /// Unique within its file; shown as the task's number.
    pub id: String,
    /// A short name.
    pub title: String,
    /// The full task text.
    pub goal: Option<String>,
    /// The lead department or owner.
    pub lead: Option<String>,
    pub status: Status,
    pub due: Option<Date>,
    pub tags: Vec<String>,
    /// When the item was last looked at in a triage review.
    pub reviewed: Option<Date>,
    /// Progress notes in file order (see [`Item::notes_by_date`] for reading order).
    pub progress: Vec<Note>,
    pub metrics: Vec<Metric>,
    /// Disagreements a merge left for a person to settle (see [`Conflict`]).
    pub conflicts: Vec<Conflict>,
    pub origin: Origin,
}

/// A dated progress note.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub date: Date,
    /// Most often a run of the file's text (see [`SharedText`]).
    pub text: SharedText,
    /// Who wrote it, when recorded.
    pub by: Option<String>,
    pub origin: Origin,
}

/// A counted result, optionally against a target, with its earlier values.
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub name: String,
    pub value: Number,
    pub unit: Option<String>,
    pub target: Option<Number>,
    pub history: Vec<Point>,
    pub origin: Origin,
}

/// A metric's value on a date.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub date: Date,
    pub value: Number,
    pub origin: Origin,
}

impl Item {
    /// A new item with nothing but an id and a title.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Item {
        Item {
            id: id.into(),
            title: title.into(),
            ..Item::default()
        }
    }

    /// A copy with `change` made to it, marked as edited so it is written from its new values.
    /// Every edit of an item goes through here (or through [`crate::model::Document::item_mut`]).
    pub fn edited(&self, change: impl FnOnce(&mut Item)) -> Item {
        let mut item = self.clone();
        item.origin.mark_edited();
        change(&mut item);
        item
    }

    /// Indices of the progress notes in date order, ties in file order.
    pub fn notes_by_date(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.progress.len()).collect();
        order.sort_by_key(|&i| self.progress[i].date);
        order
    }

    /// The share of the targets reached, averaged over the metrics that have a target.
    pub fn completion(&self) -> Option<f64> {
        let ratios: Vec<f64> = self.metrics.iter().filter_map(Metric::ratio).collect();
        (!ratios.is_empty()).then(|| ratios.iter().sum::<f64>() / ratios.len() as f64)
    }

    /// The date of the newest note or metric reading.
    pub fn last_update(&self) -> Option<Date> {
        let notes = self.progress.iter().map(|n| n.date);
        let readings = self
            .metrics
            .iter()
            .flat_map(|m| m.history.iter().map(|p| p.date));
        notes.chain(readings).max()
    }
}

impl Item {
    /// Lets go of the file's text: every origin and note text of the item becomes a copy of its
    /// own part (see [`Origin::detached`]).
    pub fn detach(&mut self) {
        self.origin = self.origin.detached();
        for note in &mut self.progress {
            note.origin = note.origin.detached();
            note.text = note.text.detached();
        }
        for metric in &mut self.metrics {
            metric.origin = metric.origin.detached();
            for point in &mut metric.history {
                point.origin = point.origin.detached();
            }
        }
        for conflict in &mut self.conflicts {
            conflict.origin = conflict.origin.detached();
        }
    }
}

impl Note {
    pub fn new(date: Date, text: impl Into<SharedText>) -> Note {
        Note {
            date,
            text: text.into(),
            by: None,
            origin: Origin::default(),
        }
    }
}

impl Metric {
    pub fn new(name: impl Into<String>, value: Number) -> Metric {
        Metric {
            name: name.into(),
            value,
            unit: None,
            target: None,
            history: Vec::new(),
            origin: Origin::default(),
        }
    }

    /// The value as a float, for arithmetic and drawing.
    pub fn value_f64(&self) -> f64 {
        self.value.as_f64().unwrap_or(0.0)
    }

    /// value / target, clamped to 0..=1, when there is a positive target.
    pub fn ratio(&self) -> Option<f64> {
        let target = self.target.as_ref()?.as_f64()?;
        (target > 0.0).then(|| (self.value_f64() / target).clamp(0.0, 1.0))
    }
}

/// Reads a number typed by a person (see [`read_number`]), or `None`.
pub fn parse_number(text: &str) -> Option<Number> {
    read_number(text).ok()
}

/// Reads a number typed by a person, keeping its meaning exactly: integers of any size stay exact,
/// a decimal keeps the digits typed, and a number a float cannot hold (`1e-400`, `1e400`, `NaN`) is
/// refused with the reason rather than stored as something else. Full-width digits (`５４０`, as a
/// Chinese input method types them) are digits.
pub fn read_number(text: &str) -> Result<Number, BadNumber> {
    let folded = crate::text::fold_width(text);
    let text = folded.trim();
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        let digits = unsigned.trim_start_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        let sign = if text.starts_with('-') && digits != "0" {
            "-"
        } else {
            ""
        };
        return json_number(&format!("{sign}{digits}"))
            .ok_or_else(|| BadNumber::NotANumber(text.into()));
    }
    let float = text
        .parse::<f64>()
        .map_err(|_| BadNumber::NotANumber(text.into()))?;
    if !float.is_finite() {
        return Err(BadNumber::TooLarge(text.into()));
    }
    let has_digit = |s: &str| {
        s.bytes()
            .take_while(|b| !matches!(b, b'e' | b'E'))
            .any(|b| matches!(b, b'1'..=b'9'))
    };
    if float == 0.0 && has_digit(text) {
        return Err(BadNumber::TooSmall(text.into()));
    }
    json_number(unsigned_plus(text))
        .or_else(|| Number::from_f64(float))
        .ok_or_else(|| BadNumber::NotANumber(text.into()))
}

/// Why typed text is not a number that can be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadNumber {
    #[error("`{0}` is not a number")]
    NotANumber(String),
    #[error("`{0}` is not a number that can be stored (too large, or not finite)")]
    TooLarge(String),
    #[error("`{0}` is too small to be stored; it would become 0")]
    TooSmall(String),
}

impl BadNumber {
    /// The reason in words the interface can show in any language.
    pub fn phrase(&self) -> Phrase {
        let (key, text) = match self {
            BadNumber::NotANumber(text) => ("error.not_a_number", text),
            BadNumber::TooLarge(text) => ("error.number_too_large", text),
            BadNumber::TooSmall(text) => ("error.number_too_small", text),
        };
        Phrase::new(key).arg("text", text)
    }
}

/// The text without a leading `+`, which JSON does not allow.
fn unsigned_plus(text: &str) -> &str {
    text.strip_prefix('+').unwrap_or(text)
}

/// The text as a JSON number, when it is one.
fn json_number(text: &str) -> Option<Number> {
    serde_json::from_str::<Number>(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(value: i64, target: Option<i64>) -> Metric {
        Metric {
            target: target.map(Number::from),
            ..Metric::new("m", Number::from(value))
        }
    }

    #[test]
    fn completion_averages_targets_only() {
        let mut item = Item::new("1", "t");
        item.metrics = vec![metric(4, Some(8)), metric(126, None), metric(20, Some(10))];
        assert_eq!(item.completion(), Some(0.75));
        item.metrics.truncate(0);
        assert_eq!(item.completion(), None);
    }

    #[test]
    fn notes_sort_by_date_keeping_file_order_for_ties() {
        let mut item = Item::new("1", "t");
        let note = |date: &str| Note::new(date.parse().unwrap(), "");
        item.progress = vec![
            note("2023-08-22"),
            note("2023-10-07"),
            note("2023-07-28"),
            note("2023-08-22"),
        ];
        assert_eq!(item.notes_by_date(), vec![2, 0, 3, 1]);
        assert_eq!(item.last_update(), Some("2023-10-07".parse().unwrap()));
    }

    #[test]
    fn numbers_keep_their_kind() {
        assert_eq!(parse_number("90").unwrap().to_string(), "90");
        assert_eq!(parse_number(" 60.5 ").unwrap().to_string(), "60.5");
        assert_eq!(parse_number("-3").unwrap().to_string(), "-3");
        assert!(parse_number("NaN").is_none());
        assert!(parse_number("inf").is_none());
        assert!(parse_number("12个").is_none());
        assert_eq!(
            parse_number("12345678901234567890123").unwrap().to_string(),
            "12345678901234567890123"
        );
        assert_eq!(parse_number("+007").unwrap().to_string(), "7");
        assert_eq!(parse_number("-0").unwrap().to_string(), "0");
        assert_eq!(parse_number(".5").unwrap().to_string(), "0.5");
        assert_eq!(parse_number("1e-5").unwrap().to_string(), "1e-5");
        assert!(
            read_number("1e-400")
                .unwrap_err()
                .to_string()
                .contains("too small")
        );
        assert!(read_number("1e400").is_err());
        assert!(read_number("0e-400").is_ok());
    }
}
