//! The lines above the first item: the title, `日期:` and `来源:`, and the period and year the
//! title names.

use super::numerals::from_chinese;
use super::text::{Line, Text};
use super::{Options, Warning};
use crate::model::{Date, Origin, Period};

/// What the header lines say.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportHeader {
    pub title: Option<String>,
    pub published: Option<Date>,
    pub source: Option<String>,
    /// The year dates without one (`7月28日`) belong to.
    pub year: Option<i32>,
    pub period: Option<Period>,
}

const DATE_KEYS: &[&str] = &["日期", "发布日期", "发布时间", "成文日期", "时间"];
const SOURCE_KEYS: &[&str] = &["来源", "信息来源", "发布机构", "发布单位"];

/// Reads the header from the lines before the first item.
pub fn parse_header(
    lines: &[Line],
    options: &Options,
    warnings: &mut Vec<Warning>,
) -> ReportHeader {
    let mut header = ReportHeader::default();
    let mut title_line = None;
    for line in lines {
        let text = &line.text;
        let span = text.trimmed();
        if span.is_empty() || header_field(&mut header, line, warnings) {
            continue;
        }
        if header.title.is_none() {
            header.title = Some(text.orig_string(span));
            title_line = Some(text);
        } else {
            warnings.push(Warning::new(
                line.number,
                "text before the first item is not part of any item; ignored",
            ));
        }
    }
    let title_year = title_line.and_then(year_in);
    header.year = options
        .year
        .or(title_year)
        .or(header.published.map(Date::year));
    if let (Some(title), Some(year)) = (title_line, header.year) {
        header.period = period_in(title, year);
    }
    header
}

/// Reads a `KEY:VALUE` line into the header; true when the line was a field (used or skipped),
/// false when it is ordinary text such as the title.
fn header_field(header: &mut ReportHeader, line: &Line, warnings: &mut Vec<Warning>) -> bool {
    let text = &line.text;
    let Some((key, value)) = key_value(text) else {
        return false;
    };
    if DATE_KEYS.contains(&key.as_str()) {
        header.published = parse_loose_date(&text.norm_string(value.clone()));
        if header.published.is_none() && !value.is_empty() {
            let written = text.orig_string(value);
            warnings.push(Warning::new(
                line.number,
                format!("`{written}` is not a date tally can read"),
            ));
        }
        return true;
    }
    if SOURCE_KEYS.contains(&key.as_str()) {
        let source = text.orig_string(value);
        header.source = (!source.is_empty()).then_some(source);
        return true;
    }
    if value.is_empty() {
        // Page furniture such as `字号:`.
        return true;
    }
    if header.title.is_none() {
        // A title with a colon in it.
        return false;
    }
    warnings.push(Warning::new(
        line.number,
        format!("header field `{key}` is not used; ignored"),
    ));
    true
}

/// `KEY:VALUE` with a short key, either width of colon: the key and the trimmed value's range.
fn key_value(text: &Text) -> Option<(String, std::ops::Range<usize>)> {
    let span = text.trimmed();
    let colon = text.find(":", span.start)?;
    let key = text.norm_string(span.start..colon);
    let key = key.trim().to_string();
    let short = !key.is_empty() && key.chars().count() <= 6;
    let plain = key.chars().all(|c| !c.is_ascii_punctuation() && c != '第');
    (short && plain).then(|| (key, text.trim(colon + 1..span.end)))
}

/// A date written `2023-10-07`, `2023/10/7`, `2023.10.07` or `2023年10月7日`, possibly followed by
/// a time.
pub fn parse_loose_date(norm: &str) -> Option<Date> {
    let chars: Vec<char> = norm.trim().chars().collect();
    let mut numbers = Vec::new();
    let mut i = 0;
    while numbers.len() < 3 {
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 4 {
            return None;
        }
        let digits: String = chars[start..i].iter().collect();
        numbers.push(digits.parse::<u32>().ok()?);
        if numbers.len() == 1 && i - start != 4 {
            return None;
        }
        let separator = chars.get(i).copied();
        let ok = match numbers.len() {
            1 => matches!(separator, Some('-' | '/' | '.' | '年')),
            2 => matches!(separator, Some('-' | '/' | '.' | '月')),
            _ => true,
        };
        if !ok {
            return None;
        }
        i += 1;
    }
    let year = i32::try_from(numbers[0]).ok()?;
    Date::from_ymd(year, numbers[1], numbers[2])
}

/// The first plausible `YYYY年` in a text.
fn year_in(text: &Text) -> Option<i32> {
    let norm = text.norm();
    (0..norm.len().saturating_sub(4)).find_map(|i| {
        let digits = &norm[i..i + 4];
        let before_ok = i == 0 || !norm[i - 1].is_ascii_digit();
        let all_digits = digits.iter().all(char::is_ascii_digit);
        if !(before_ok && all_digits && norm.get(i + 4) == Some(&'年')) {
            return None;
        }
        let year: i32 = digits.iter().collect::<String>().parse().ok()?;
        (1900..=2200).contains(&year).then_some(year)
    })
}

/// Fixed period words: (text, start month, end month). Earlier entries win, so `前三季度` is
/// found before `三季度`.
const FIXED_PERIODS: &[(&str, u32, u32)] = &[
    ("前三季度", 1, 9),
    ("前两季度", 1, 6),
    ("前二季度", 1, 6),
    ("上半年", 1, 6),
    ("下半年", 7, 12),
    ("第一季度", 1, 3),
    ("第二季度", 4, 6),
    ("第三季度", 7, 9),
    ("第四季度", 10, 12),
    ("一季度", 1, 3),
    ("二季度", 4, 6),
    ("三季度", 7, 9),
    ("四季度", 10, 12),
    ("全年", 1, 12),
];

/// The period a report title names, in `year`.
pub fn period_in(title: &Text, year: i32) -> Option<Period> {
    let (start_month, end_month, label) = find_period(title)?;
    let start = Date::from_ymd(year, start_month, 1)?;
    let end = month_end(year, end_month)?;
    Some(Period {
        label: Some(format!("{year}年{label}")),
        start: Some(start),
        end: Some(end),
        origin: Origin::default(),
    })
}

/// The words in `title` that name its period (`前三季度`, `1-11月份` …), as written.
pub fn period_words(title: &str) -> Option<String> {
    find_period(&Text::new(title, 1)).map(|(_, _, words)| words)
}

/// The first and last month of the period a title names, and its words as written.
fn find_period(title: &Text) -> Option<(u32, u32, String)> {
    fixed_period(title)
        .or_else(|| month_range(title))
        .or_else(|| first_months(title))
        .or_else(|| single_month(title))
}

fn fixed_period(title: &Text) -> Option<(u32, u32, String)> {
    FIXED_PERIODS.iter().find_map(|&(word, start, end)| {
        let at = title.find(word, 0)?;
        let len = word.chars().count();
        Some((start, end, title.orig_string(at..at + len)))
    })
}

/// `1-11月份`, `1—11月`, `1至11月`, `7月至9月`, `一至十一月`.
fn month_range(title: &Text) -> Option<(u32, u32, String)> {
    let norm = title.norm();
    for at in 0..norm.len() {
        let Some((first, after_first)) = month_number(norm, at) else {
            continue;
        };
        if at > 0 && month_number(norm, at - 1).is_some() {
            continue;
        }
        let is_dash =
            |c: Option<&char>| matches!(c, Some('-' | '—' | '–' | '~' | '～' | '至' | '到'));
        // `7月至9月` names the month on both sides
        let after_first = match norm.get(after_first) {
            Some('月') if is_dash(norm.get(after_first + 1)) => after_first + 1,
            _ => after_first,
        };
        if !is_dash(norm.get(after_first)) {
            continue;
        }
        let Some((last, end)) = month_number(norm, after_first + 1) else {
            continue;
        };
        if norm.get(end) != Some(&'月') || first > last || first == 0 || last > 12 {
            continue;
        }
        let end = if norm.get(end + 1) == Some(&'份') {
            end + 2
        } else {
            end + 1
        };
        return Some((first, last, title.orig_string(at..end)));
    }
    None
}

/// `前11个月`, `前十个月`.
fn first_months(title: &Text) -> Option<(u32, u32, String)> {
    let at = title.find("前", 0)?;
    let (months, end) = month_number(title.norm(), at + 1)?;
    let ok = title.matches_at(end, "个月") && (1..=12).contains(&months);
    ok.then(|| (1, months, title.orig_string(at..end + 2)))
}

/// `2023年10月` or `10月份`, but not a date such as `10月7日`.
fn single_month(title: &Text) -> Option<(u32, u32, String)> {
    let norm = title.norm();
    (0..norm.len()).find_map(|at| {
        let (month, end) = month_number(norm, at)?;
        let starts_number = at == 0 || month_number(norm, at - 1).is_none();
        let after_year = at > 0 && norm[at - 1] == '年';
        if !(starts_number && norm.get(end) == Some(&'月') && (1..=12).contains(&month)) {
            return None;
        }
        let with_part = norm.get(end + 1) == Some(&'份');
        let is_date = norm.get(end + 1).is_some_and(char::is_ascii_digit);
        if !(after_year || with_part) || is_date {
            return None;
        }
        let stop = if with_part { end + 2 } else { end + 1 };
        Some((month, month, title.orig_string(at..stop)))
    })
}

/// A month number written in digits or Chinese numerals at `at`, and where it ends.
fn month_number(norm: &[char], at: usize) -> Option<(u32, usize)> {
    let digits = norm[at.min(norm.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits > 0 {
        let text: String = norm[at..at + digits].iter().collect();
        return Some((text.parse().ok().filter(|&m| m <= 12)?, at + digits));
    }
    let numerals = norm[at.min(norm.len())..]
        .iter()
        .take_while(|&&c| {
            matches!(
                c,
                '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
            )
        })
        .count();
    if numerals == 0 {
        return None;
    }
    let text: String = norm[at..at + numerals].iter().collect();
    let value = u32::try_from(from_chinese(&text)?).ok()?;
    (value <= 12).then_some((value, at + numerals))
}

/// The last day of a month.
fn month_end(year: i32, month: u32) -> Option<Date> {
    let next = if month == 12 {
        Date::from_ymd(year.checked_add(1)?, 1, 1)?
    } else {
        Date::from_ymd(year, month + 1, 1)?
    };
    Some(next.add_days(-1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    fn period(title: &str) -> Option<(String, String, String)> {
        let p = period_in(&Text::new(title, 1), 2023)?;
        Some((
            p.label.unwrap_or_default(),
            p.start.map(|d| d.to_string()).unwrap_or_default(),
            p.end.map(|d| d.to_string()).unwrap_or_default(),
        ))
    }

    fn span(label: &str, start: &str, end: &str) -> Option<(String, String, String)> {
        Some((label.into(), start.into(), end.into()))
    }

    #[test]
    fn periods_from_titles() {
        let cases = [
            (
                "重点任务前三季度进展情况",
                span("2023年前三季度", "2023-01-01", "2023-09-30"),
            ),
            (
                "上半年进展",
                span("2023年上半年", "2023-01-01", "2023-06-30"),
            ),
            (
                "第一季度进展",
                span("2023年第一季度", "2023-01-01", "2023-03-31"),
            ),
            (
                "三季度进展",
                span("2023年三季度", "2023-07-01", "2023-09-30"),
            ),
            (
                "全年完成情况",
                span("2023年全年", "2023-01-01", "2023-12-31"),
            ),
            (
                "1-11月份进展",
                span("2023年1-11月份", "2023-01-01", "2023-11-30"),
            ),
            ("1—2月进展", span("2023年1—2月", "2023-01-01", "2023-02-28")),
            (
                "前十个月进展",
                span("2023年前十个月", "2023-01-01", "2023-10-31"),
            ),
            (
                "2023年12月份进展",
                span("2023年12月份", "2023-12-01", "2023-12-31"),
            ),
            (
                "7月至9月进展",
                span("2023年7月至9月", "2023-07-01", "2023-09-30"),
            ),
            ("7月28日至8月进展", None),
            ("2023年10月7日发布", None),
            ("重点任务进展情况", None),
        ];
        for (title, expected) in cases {
            assert_eq!(period(title), expected, "{title}");
        }
        assert_eq!(
            period_words("2023年重点任务上半年进展").as_deref(),
            Some("上半年")
        );
        assert_eq!(period_words("重点任务进展情况"), None);
    }

    #[test]
    fn loose_dates() {
        for text in [
            "2023-10-07",
            "2023/10/7",
            "2023.10.07",
            "2023年10月7日",
            "2023-10-07 09:30",
        ] {
            assert_eq!(
                parse_loose_date(text).map(|d| d.to_string()),
                Some("2023-10-07".into()),
                "{text}"
            );
        }
        for text in ["", "10-07", "2023-02-30", "20231007", "2023-10"] {
            assert_eq!(parse_loose_date(text), None, "{text}");
        }
    }

    #[test]
    fn header_fields_in_either_width() {
        let input = "报告2022年全年进展\n日期:2023-01-10\n来源:北京外办\n字号:\n\n";
        let mut warnings = Vec::new();
        let header = parse_header(&lines(input), &Options::default(), &mut warnings);
        assert_eq!(header.title.as_deref(), Some("报告2022年全年进展"));
        assert_eq!(
            header.published.map(|d| d.to_string()).as_deref(),
            Some("2023-01-10")
        );
        assert_eq!(header.source.as_deref(), Some("北京外办"));
        assert_eq!(header.year, Some(2022));
        let end = header.period.and_then(|p| p.end).map(|d| d.to_string());
        assert_eq!(end.as_deref(), Some("2022-12-31"));
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn year_option_wins_and_stray_text_is_reported() {
        let input = "上半年进展\n日期:2023-07-10\n一段说明文字\n";
        let options = Options {
            year: Some(2021),
            ..Options::default()
        };
        let mut warnings = Vec::new();
        let header = parse_header(&lines(input), &options, &mut warnings);
        assert_eq!(header.year, Some(2021));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 3);
    }
}
