//! A metric's readings as a time series — the one place that decides what recording a reading
//! does, for the `m` form, triage, `tally metric` and `tally import --into` alike.
//!
//! A metric's readings are its `history` points. A metric with no history has one reading, its
//! `value`, dated with the file's `published` date (its "undated" date here); with no such date it
//! has no dated reading, and the first recorded reading takes its place. Recording `(date, value)`:
//!
//! - changes nothing when a reading with that value is already on that date, or when the reading
//!   just before `date` has the same value (a series of changes; `-0` and `0` are the same value);
//! - on a date that has another reading, replaces that point only ([`SameDate::Replace`], saying
//!   what it was) or keeps it ([`SameDate::Keep`], for merges that must not overrule the file);
//! - otherwise inserts the reading in date order, first writing the value's own point when the
//!   history was empty, so nothing typed earlier is lost.
//!
//! `value` becomes the new reading only when it is the latest by date: a back-dated reading joins
//! the history and leaves `value` alone. A new metric's first reading keeps its date
//! ([`new_metric`]).

use serde_json::Number;

use super::{Date, Metric, Origin, Point};
use crate::lang::Phrase;

/// What to do with a reading for a date that already has a different one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameDate {
    /// The new reading replaces that point (a person typed it).
    Replace,
    /// The point stays (an imported report does not overrule the file).
    Keep,
}

/// What recording a reading did.
#[derive(Clone, Debug, PartialEq)]
pub enum Recorded {
    /// Nothing: the reading was already there, or the value had not changed by that date.
    Unchanged,
    /// A new point; `latest` when it is now the metric's value.
    Added { latest: bool },
    /// The point on that date had `previous`; `latest` when it is the metric's value.
    Replaced { previous: Number, latest: bool },
    /// The date already had `kept`, which stays ([`SameDate::Keep`]).
    Kept { kept: Number },
}

impl Recorded {
    /// True when the metric changed.
    pub fn changed(&self) -> bool {
        matches!(self, Recorded::Added { .. } | Recorded::Replaced { .. })
    }

    /// The outcome in words, for a footer or a command's output: `what` names the metric.
    pub fn describe(&self, what: &str, date: Date, value: &Number, metric: &Metric) -> String {
        self.phrase(what, &date.to_string(), value, metric)
            .to_string()
    }

    /// [`Recorded::describe`] as words the interface can show in any language, with the date
    /// written as the interface writes dates.
    pub fn phrase(&self, what: &str, date: &str, value: &Number, metric: &Metric) -> Phrase {
        let now = &metric.value;
        let phrase = |key| {
            Phrase::new(key)
                .arg("what", what)
                .arg("value", value)
                .arg("date", date)
        };
        match self {
            Recorded::Unchanged => phrase("reading.unchanged"),
            Recorded::Added { latest: true } => phrase("reading.added"),
            Recorded::Added { latest: false } => phrase("reading.added_earlier").arg("now", now),
            Recorded::Replaced {
                previous,
                latest: true,
            } => phrase("reading.replaced").arg("previous", previous),
            Recorded::Replaced {
                previous,
                latest: false,
            } => phrase("reading.replaced_earlier")
                .arg("previous", previous)
                .arg("now", now),
            Recorded::Kept { kept } => phrase("reading.kept").arg("kept", kept),
        }
    }
}

/// A new metric whose first reading is `value` on `date`. The date is written as a history point
/// unless it is the file's own date (`undated`), which a metric without history already means.
pub fn new_metric(
    name: impl Into<String>,
    value: Number,
    date: Date,
    undated: Option<Date>,
) -> Metric {
    let mut metric = Metric::new(name, value);
    date_first_reading(&mut metric, date, undated);
    metric
}

/// Dates a metric that has only its value (no history) as of `date`, writing the point when
/// `date` is not what the file's date would say anyway.
pub fn date_first_reading(metric: &mut Metric, date: Date, undated: Option<Date>) {
    if metric.history.is_empty() && undated != Some(date) {
        metric.history.push(point(date, metric.value.clone()));
    }
}

/// Records the reading `(date, value)` by the rules in the module comment.
pub fn record_reading(
    metric: &mut Metric,
    date: Date,
    value: Number,
    undated: Option<Date>,
    same_date: SameDate,
) -> Recorded {
    if metric.history.is_empty() {
        match undated {
            Some(own) => metric.history.push(point(own, metric.value.clone())),
            None if same_number(&metric.value, &value) => return Recorded::Unchanged,
            None => {
                metric.history.push(point(date, value.clone()));
                metric.value = value;
                return Recorded::Added { latest: true };
            }
        }
        let outcome = record_in_history(metric, date, value, same_date);
        if !outcome.changed() {
            metric.history.clear();
        }
        return outcome;
    }
    record_in_history(metric, date, value, same_date)
}

fn record_in_history(
    metric: &mut Metric,
    date: Date,
    value: Number,
    same_date: SameDate,
) -> Recorded {
    if let Some(at) = metric.history.iter().position(|p| p.date == date) {
        let kept = &metric.history[at].value;
        if same_number(kept, &value) {
            return Recorded::Unchanged;
        }
        if same_date == SameDate::Keep {
            return Recorded::Kept { kept: kept.clone() };
        }
        let previous = std::mem::replace(&mut metric.history[at], point(date, value.clone()));
        let latest = is_latest(metric, date, &value);
        return Recorded::Replaced {
            previous: previous.value,
            latest,
        };
    }
    let before = metric
        .history
        .iter()
        .filter(|p| p.date < date)
        .max_by_key(|p| p.date);
    if before.is_some_and(|p| same_number(&p.value, &value)) {
        return Recorded::Unchanged;
    }
    if !metric.history.is_sorted_by_key(|p| p.date) {
        metric.history.sort_by_key(|p| p.date);
    }
    let at = metric.history.partition_point(|p| p.date < date);
    metric.history.insert(at, point(date, value.clone()));
    Recorded::Added {
        latest: is_latest(metric, date, &value),
    }
}

/// Makes `value` the metric's value when `date` is its latest reading; says whether it is.
fn is_latest(metric: &mut Metric, date: Date, value: &Number) -> bool {
    let latest = metric.history.iter().all(|p| p.date <= date);
    if latest {
        metric.value = value.clone();
    }
    latest
}

fn point(date: Date, value: Number) -> Point {
    Point {
        date,
        value,
        origin: Origin::default(),
    }
}

/// Numbers equal in value, exactly: `8`, `8.0` and `8e0` are the same, so are `-0` and `0`, while
/// two integers too long for a float still differ in their last digit.
pub fn same_number(a: &Number, b: &Number) -> bool {
    match (decimal(&a.to_string()), decimal(&b.to_string())) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

/// A JSON number's text as sign, significant digits and the power of ten of the last of them.
fn decimal(text: &str) -> Option<(bool, String, i64)> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty() || !(whole.bytes().chain(fraction.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    let exponent = exponent.checked_sub(i64::try_from(fraction.len()).ok()?)?;
    let trimmed = digits.trim_end_matches('0');
    let exponent = exponent.checked_add(i64::try_from(digits.len() - trimmed.len()).ok()?)?;
    let significant = trimmed.trim_start_matches('0').to_string();
    if significant.is_empty() {
        return Some((false, String::new(), 0));
    }
    Some((negative, significant, exponent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_number;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn n(text: &str) -> Number {
        parse_number(text).unwrap()
    }

    fn series(metric: &Metric) -> Vec<(String, String)> {
        metric
            .history
            .iter()
            .map(|p| (p.date.to_string(), p.value.to_string()))
            .collect()
    }

    #[test]
    fn a_back_dated_reading_joins_the_history_and_leaves_the_value() {
        let mut metric = Metric::new("m", n("126"));
        let outcome = record_reading(
            &mut metric,
            date("2023-05-01"),
            n("130"),
            Some(date("2023-10-07")),
            SameDate::Replace,
        );
        assert_eq!(outcome, Recorded::Added { latest: false });
        assert_eq!(metric.value.to_string(), "126");
        assert_eq!(
            series(&metric),
            [
                ("2023-05-01".into(), "130".into()),
                ("2023-10-07".into(), "126".into())
            ]
        );
    }

    #[test]
    fn a_reading_on_a_date_that_has_one_replaces_that_point_only() {
        let mut metric = Metric::new("m", n("126"));
        let own = Some(date("2023-10-07"));
        record_reading(
            &mut metric,
            date("2023-11-01"),
            n("140"),
            own,
            SameDate::Replace,
        );
        let outcome = record_reading(
            &mut metric,
            date("2023-10-07"),
            n("127"),
            own,
            SameDate::Replace,
        );
        assert_eq!(
            outcome,
            Recorded::Replaced {
                previous: n("126"),
                latest: false
            }
        );
        assert_eq!(metric.value.to_string(), "140");
        assert_eq!(series(&metric).len(), 2);
        let kept = record_reading(&mut metric, date("2023-11-01"), n("1"), own, SameDate::Keep);
        assert_eq!(kept, Recorded::Kept { kept: n("140") });
    }

    #[test]
    fn the_same_value_is_not_a_new_reading() {
        let mut metric = Metric::new("m", n("-0"));
        let own = Some(date("2023-10-07"));
        let outcome = record_reading(
            &mut metric,
            date("2023-11-01"),
            n("0"),
            own,
            SameDate::Replace,
        );
        assert_eq!(outcome, Recorded::Unchanged);
        assert!(
            metric.history.is_empty(),
            "the value's own point is not left behind"
        );
        let outcome = record_reading(
            &mut metric,
            date("2023-11-01"),
            n("0.0"),
            None,
            SameDate::Replace,
        );
        assert_eq!(outcome, Recorded::Unchanged);
    }

    #[test]
    fn a_new_metric_keeps_its_first_date() {
        let metric = new_metric("m", n("3"), date("2023-11-01"), Some(date("2023-10-07")));
        assert_eq!(series(&metric), [("2023-11-01".into(), "3".into())]);
        let metric = new_metric("m", n("3"), date("2023-10-07"), Some(date("2023-10-07")));
        assert!(metric.history.is_empty());
    }

    #[test]
    fn numbers_compare_exactly() {
        assert!(same_number(&n("8"), &n("8.0")));
        assert!(same_number(&n("8e0"), &n("0.8e1")));
        assert!(same_number(&n("-0"), &n("0")));
        assert!(!same_number(
            &n("12345678901234567890123"),
            &n("12345678901234567890124")
        ));
        assert!(!same_number(&n("1"), &n("-1")));
    }
}
