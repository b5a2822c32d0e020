//! Calendar dates as the file format writes them: `YYYY-MM-DD`, nothing looser.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A real calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// The text was not a real date in `YYYY-MM-DD` form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date `{0}` (expected YYYY-MM-DD, a real calendar date)")]
pub struct BadDate(pub String);

impl BadDate {
    /// The reason in words the interface can show in any language.
    pub fn phrase(&self) -> crate::lang::Phrase {
        crate::lang::Phrase::new("error.bad_date").arg("text", &self.0)
    }
}

impl Date {
    /// Builds a date from its parts, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Today in the local time zone.
    pub fn today() -> Date {
        Date(chrono::Local::now().date_naive())
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u32 {
        self.0.month()
    }

    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }

    /// The date `days` days later (or earlier when negative), saturating at the calendar's ends.
    pub fn add_days(self, days: i64) -> Date {
        let delta = chrono::Duration::days(days);
        Date(self.0.checked_add_signed(delta).unwrap_or(self.0))
    }
}

impl Date {
    /// The date written with a strftime `pattern` (`%m月%d日`); `YYYY-MM-DD` when the pattern
    /// cannot be used.
    pub fn format_with(self, pattern: &str) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        match write!(out, "{}", self.0.format(pattern)) {
            Ok(()) => out,
            Err(_) => self.to_string(),
        }
    }
}

/// How the interface writes dates: the user's strftime pattern (`date_format` in the config), or
/// `YYYY-MM-DD`. Files, exports and command output always keep `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateStyle {
    pattern: Option<String>,
}

impl DateStyle {
    pub fn new(pattern: Option<String>) -> DateStyle {
        DateStyle { pattern }
    }

    /// `date` as the interface shows it.
    pub fn show(&self, date: Date) -> String {
        match &self.pattern {
            Some(pattern) => date.format_with(pattern),
            None => date.to_string(),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl FromStr for Date {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate(s.to_string());
        let bytes = s.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(bad());
        }
        let number = |range: std::ops::Range<usize>| s[range].parse::<u32>().map_err(|_| bad());
        let year = i32::try_from(number(0..4)?).map_err(|_| bad())?;
        Date::from_ymd(year, number(5..7)?, number(8..10)?).ok_or_else(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_the_same_text() {
        let date: Date = "2023-07-28".parse().unwrap();
        assert_eq!(date.to_string(), "2023-07-28");
        assert_eq!((date.year(), date.month(), date.day()), (2023, 7, 28));
    }

    #[test]
    fn rejects_loose_or_impossible_dates() {
        for text in [
            "2023-7-28",
            "2023-02-30",
            "23-07-28",
            "2023/07/28",
            "2023-07-28 ",
            "",
            "２０２３-07-28",
        ] {
            assert!(text.parse::<Date>().is_err(), "{text:?} should be rejected");
        }
    }

    #[test]
    fn counts_days() {
        let start: Date = "2023-01-01".parse().unwrap();
        let end: Date = "2023-09-30".parse().unwrap();
        assert_eq!(start.days_until(end), 272);
        assert_eq!(start.add_days(272), end);
    }
}
