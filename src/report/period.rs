//! The period a report covers: read from the command line (`2024`, `2024-H1`, `2024-Q3`,
//! `2024-03`, `START..END`) and named as a report names it (全年, 上半年, 前三季度, 第三季度,
//! 7月至9月 …).

use std::fmt;
use std::str::FromStr;

use crate::import::numerals::to_chinese;
use crate::model::Date;

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPeriod {
    pub start: Date,
    pub end: Date,
}

/// The text was not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a period (examples: 2024, 2024-H1, 2024-Q3, 2024-03, 2024-01-01..2024-06-30)"
)]
pub struct BadPeriod(pub String);

impl ReportPeriod {
    /// The months `first..=last` of `year`.
    pub fn months(year: i32, first: u32, last: u32) -> Option<ReportPeriod> {
        let start = Date::from_ymd(year, first, 1)?;
        let end = month_end(year, last)?;
        (start <= end).then_some(ReportPeriod { start, end })
    }

    pub fn contains(self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    /// The words a report title uses for the period: 全年, 上半年, 下半年, 前三季度, 第N季度,
    /// `M月份` for one month, else `M月至N月` (with the years when they differ).
    pub fn words(self) -> String {
        let (y1, m1) = (self.start.year(), self.start.month());
        let (y2, m2) = (self.end.year(), self.end.month());
        if y1 != y2 {
            return format!("{y1}年{m1}月至{y2}年{m2}月");
        }
        match (m1, m2) {
            (1, 12) => "全年".into(),
            (1, 6) => "上半年".into(),
            (7, 12) => "下半年".into(),
            (1, 9) => "前三季度".into(),
            (first, last) if first % 3 == 1 && last == first + 2 => {
                format!("第{}季度", to_chinese(first.div_ceil(3)))
            }
            (first, last) if first == last => format!("{first}月份"),
            (first, last) => format!("{first}月至{last}月"),
        }
    }

    /// The year the period falls in, when it is one.
    pub fn year(self) -> Option<i32> {
        (self.start.year() == self.end.year()).then(|| self.start.year())
    }
}

impl fmt::Display for ReportPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Read with the one period parser every `--period` shares ([`crate::model::parse_period`]);
/// a report's period has both ends.
impl FromStr for ReportPeriod {
    type Err = BadPeriod;

    fn from_str(text: &str) -> Result<ReportPeriod, BadPeriod> {
        let bad = || BadPeriod(text.to_string());
        let period = crate::model::parse_period(text).map_err(|_| bad())?;
        match (period.start, period.end) {
            (Some(start), Some(end)) => Ok(ReportPeriod { start, end }),
            _ => Err(bad()),
        }
    }
}

fn month_end(year: i32, month: u32) -> Option<Date> {
    let next = if month == 12 {
        Date::from_ymd(year.checked_add(1)?, 1, 1)?
    } else {
        Date::from_ymd(year, month.checked_add(1)?, 1)?
    };
    Some(next.add_days(-1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str) -> Option<String> {
        text.parse::<ReportPeriod>().ok().map(|p| p.to_string())
    }

    #[test]
    fn years_halves_quarters_months_and_ranges() {
        assert_eq!(period("2024").as_deref(), Some("2024-01-01..2024-12-31"));
        assert_eq!(period("2024-H1").as_deref(), Some("2024-01-01..2024-06-30"));
        assert_eq!(period("2024-h2").as_deref(), Some("2024-07-01..2024-12-31"));
        assert_eq!(period("2024-Q3").as_deref(), Some("2024-07-01..2024-09-30"));
        assert_eq!(period("2024-02").as_deref(), Some("2024-02-01..2024-02-29"));
        assert_eq!(
            period("2024-03-05..2024-08-20").as_deref(),
            Some("2024-03-05..2024-08-20")
        );
        assert_eq!(
            period("2024-Q1..2024-Q3").as_deref(),
            Some("2024-01-01..2024-09-30")
        );
        for bad in [
            "",
            "24",
            "2024-Q5",
            "2024-13",
            "2024-H3",
            "2024-06-01..2024-01-01",
            "x..y",
        ] {
            assert_eq!(period(bad), None, "{bad}");
        }
        let err = "2024-Q5"
            .parse::<ReportPeriod>()
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("2024-Q3")));
    }

    #[test]
    fn words_as_a_report_title_has_them() {
        let words = |text: &str| text.parse::<ReportPeriod>().map(|p| p.words()).ok();
        assert_eq!(words("2024").as_deref(), Some("全年"));
        assert_eq!(words("2024-H1").as_deref(), Some("上半年"));
        assert_eq!(words("2024-H2").as_deref(), Some("下半年"));
        assert_eq!(words("2024-01..2024-09").as_deref(), Some("前三季度"));
        assert_eq!(words("2024-Q1").as_deref(), Some("第一季度"));
        assert_eq!(words("2024-Q4").as_deref(), Some("第四季度"));
        assert_eq!(words("2024-05").as_deref(), Some("5月份"));
        assert_eq!(words("2024-03..2024-08").as_deref(), Some("3月至8月"));
        assert_eq!(words("2024-01..2024-11").as_deref(), Some("1月至11月"));
        assert_eq!(
            words("2023-10..2024-03").as_deref(),
            Some("2023年10月至2024年3月")
        );
    }
}
