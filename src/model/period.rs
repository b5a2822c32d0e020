//! Writing a stretch of time the way people name it: a day `2024-03-01`, a month `2024-03`, a
//! quarter `2024-Q3`, a half year `2024-H1`, a year `2024`, or a range `START..END` of any of
//! these. One parser for every `--period`, and the day/month/year spans of search filters.

use super::{Date, Period};

/// How precisely a span was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Half,
    Quarter,
    Month,
    Day,
}

/// The text is not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid period `{0}` (expected 2024, 2024-H1, 2024-Q3, 2024-03, a date, or START..END \
     like 2024-01-01..2024-06-30)"
)]
pub struct BadPeriod(pub String);

/// The first and last day of a day, month, quarter, half year or year.
pub fn span(text: &str) -> Option<(Date, Date, Precision)> {
    let text = text.trim();
    let year = |s: &str| -> Option<i32> {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if let Some(y) = year(text) {
        return Some((
            Date::from_ymd(y, 1, 1)?,
            Date::from_ymd(y, 12, 31)?,
            Precision::Year,
        ));
    }
    if text.len() == 10 {
        let day: Date = text.parse().ok()?;
        return Some((day, day, Precision::Day));
    }
    let (y, rest) = text.split_once('-')?;
    let y = year(y)?;
    let (first_month, months, precision) = match rest.to_ascii_uppercase().as_str() {
        "H1" => (1, 6, Precision::Half),
        "H2" => (7, 6, Precision::Half),
        q @ ("Q1" | "Q2" | "Q3" | "Q4") => {
            let n: u32 = q[1..].parse().ok()?;
            (3 * n - 2, 3, Precision::Quarter)
        }
        m if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            (m.parse().ok()?, 1, Precision::Month)
        }
        _ => return None,
    };
    let first = Date::from_ymd(y, first_month, 1)?;
    let after = first_month + months;
    let next = if after > 12 {
        Date::from_ymd(y + 1, after - 12, 1)?
    } else {
        Date::from_ymd(y, after, 1)?
    };
    Some((first, next.add_days(-1), precision))
}

/// A report's period from `2024`, `2024-H1`, `2024-Q3`, `2024-03` or `START..END` (either end
/// may be left out). A named span keeps its name as the label.
pub fn parse_period(text: &str) -> Result<Period, BadPeriod> {
    let bad = || BadPeriod(text.to_string());
    let text = text.trim();
    let Some((start, end)) = text.split_once("..") else {
        let (first, last, _) = span(text).ok_or_else(bad)?;
        return Ok(Period {
            label: Some(text.to_string()),
            start: Some(first),
            end: Some(last),
            ..Period::default()
        });
    };
    let side = |s: &str| -> Result<Option<(Date, Date)>, BadPeriod> {
        if s.trim().is_empty() {
            return Ok(None);
        }
        span(s).map(|(a, b, _)| Some((a, b))).ok_or_else(bad)
    };
    let first = side(start)?.map(|(a, _)| a);
    let last = side(end)?.map(|(_, b)| b);
    if first.is_none() && last.is_none() {
        return Err(bad());
    }
    if let (Some(a), Some(b)) = (first, last)
        && b < a
    {
        return Err(bad());
    }
    Ok(Period {
        label: None,
        start: first,
        end: last,
        ..Period::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str) -> (String, String) {
        let period = parse_period(text).expect("a period");
        let show = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        (show(period.start), show(period.end))
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn every_form_names_its_first_and_last_day() {
        assert_eq!(days("2024"), pair("2024-01-01", "2024-12-31"));
        assert_eq!(days("2024-H1"), pair("2024-01-01", "2024-06-30"));
        assert_eq!(days("2024-h2"), pair("2024-07-01", "2024-12-31"));
        assert_eq!(days("2024-Q3"), pair("2024-07-01", "2024-09-30"));
        assert_eq!(days("2024-Q4"), pair("2024-10-01", "2024-12-31"));
        assert_eq!(days("2024-02"), pair("2024-02-01", "2024-02-29"));
        assert_eq!(days("2024-03-05"), pair("2024-03-05", "2024-03-05"));
        assert_eq!(
            days("2024-01-15..2024-06-30"),
            pair("2024-01-15", "2024-06-30")
        );
        assert_eq!(days("2024-Q1..2024-Q3"), pair("2024-01-01", "2024-09-30"));
        assert_eq!(days("2024-03-01.."), pair("2024-03-01", ""));
    }

    #[test]
    fn a_named_span_keeps_its_name_and_a_range_has_none() {
        assert_eq!(
            parse_period("2024-Q3").expect("q3").label.as_deref(),
            Some("2024-Q3")
        );
        assert_eq!(parse_period("2024..2025").expect("range").label, None);
    }

    #[test]
    fn nonsense_and_backward_ranges_are_refused() {
        for text in [
            "",
            "..",
            "2024-Q5",
            "2024-H3",
            "24",
            "2024-13",
            "2025..2024",
            "q3",
        ] {
            assert!(parse_period(text).is_err(), "{text}");
        }
    }
}
