//! Progress text → dated notes: one note per point (`一是`, `二是` …), or per sentence when the
//! text has no points, each dated by the first date it mentions.

use std::ops::Range;

use super::Warning;
use super::numerals::{is_numeral_char, to_chinese};
use super::text::Text;
use crate::model::Date;

/// A note before it becomes a [`crate::model::Note`]: its text, its date and where it was.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteDraft {
    pub text: String,
    pub date: Date,
    /// The note's span in the progress text it was cut from.
    pub range: Range<usize>,
    pub line: usize,
}

/// Cuts progress text into notes. Dates without a year (`7月28日`) are read in `year`; a note with
/// no date, or only dates later than `report_date` (plans), gets `report_date`.
pub fn split_notes(
    progress: &Text,
    year: i32,
    report_date: Date,
    warnings: &mut Vec<Warning>,
) -> Vec<NoteDraft> {
    let starts = point_starts(progress);
    let pieces = if starts.is_empty() {
        sentences(progress)
    } else {
        warn_skipped_point(progress, starts.len(), warnings);
        let preamble = 0..starts[0];
        let mut pieces: Vec<Range<usize>> = std::iter::once(preamble).collect();
        pieces.extend(starts.windows(2).map(|w| w[0]..w[1]));
        pieces.extend(starts.last().map(|&s| s..progress.len()));
        pieces
    };
    pieces
        .into_iter()
        .map(|range| progress.trim(range))
        .filter(|range| has_words(progress, range.clone()))
        .map(|range| {
            let line = progress.line_at(range.start);
            let date = note_date(progress, range.clone(), year, report_date, warnings);
            NoteDraft {
                text: progress.orig_string(range.clone()),
                date: date.unwrap_or(report_date),
                range,
                line,
            }
        })
        .collect()
}

/// Where `一是`, `二是`, … begin, in order; counting stops at the first number not found.
pub fn point_starts(text: &Text) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut from = 0;
    for n in 1.. {
        let marker = format!("{}是", to_chinese(n));
        let found = find_marker(text, &marker, from);
        match found {
            Some(at) => {
                starts.push(at);
                from = at + marker.chars().count();
            }
            None => break,
        }
    }
    starts
}

/// `range` without the point marker it starts with (`一是`, `十一是`), so that the marker's numeral
/// is never read as part of what the point says.
pub fn point_words(text: &Text, range: Range<usize>) -> Range<usize> {
    let mut i = range.start;
    while i < range.end && text.at(i).is_some_and(is_numeral_char) {
        i += 1;
    }
    if i > range.start && i < range.end && text.at(i) == Some('是') {
        i + 1..range.end
    } else {
        range
    }
}

/// A point marker where a point can begin: at the start of the text or a line, or after
/// punctuation (a full stop of either kind included).
fn find_marker(text: &Text, marker: &str, mut from: usize) -> Option<usize> {
    while let Some(at) = text.find(marker, from) {
        let ok = match text.prev_visible(at) {
            None => true,
            Some(i) => {
                let punctuation = text.at(i).is_some_and(|c| {
                    matches!(c, '。' | '.' | ';' | ':' | '!' | '?' | ',' | '、' | '\n')
                });
                punctuation || text.line_at(i) != text.line_at(at)
            }
        };
        let glued = at > 0 && text.at(at - 1).is_some_and(is_numeral_char);
        if ok && !glued {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A point that skips a number (`一是 … 三是`) stays inside the one before; say so.
fn warn_skipped_point(text: &Text, found: usize, warnings: &mut Vec<Warning>) {
    let Ok(found) = u32::try_from(found) else {
        return;
    };
    let skipped = format!("{}是", to_chinese(found + 2));
    if let Some(at) = find_marker(text, &skipped, 0) {
        warnings.push(Warning::new(
            text.line_at(at),
            format!(
                "`{skipped}` follows `{}是` with no `{}是` between; kept in the point before",
                to_chinese(found),
                to_chinese(found + 1)
            ),
        ));
    }
}

/// Sentence-sized pieces: cut after `。`, `;`, `!`, `?` and at paragraph breaks, never inside
/// quotes or brackets.
pub fn sentences(text: &Text) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut depth: usize = 0;
    let mut start = 0;
    for (i, &c) in text.norm().iter().enumerate() {
        match c {
            '“' | '‘' | '《' | '(' | '「' | '『' | '【' | '[' => depth += 1,
            '”' | '’' | '》' | ')' | '」' | '』' | '】' | ']' => {
                depth = depth.saturating_sub(1)
            }
            '\n' => {
                pieces.push(start..i);
                start = i + 1;
                depth = 0;
            }
            '。' | ';' | '!' | '?' if depth == 0 => {
                pieces.push(start..i + 1);
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(start..text.len());
    pieces
}

/// True when a piece has something besides blanks and punctuation.
fn has_words(text: &Text, range: Range<usize>) -> bool {
    text.norm()[range].iter().any(|c| c.is_alphanumeric())
}

/// The first date a note mentions (`7月28日`, `2023年7月28日`) that is not after the report.
fn note_date(
    text: &Text,
    range: Range<usize>,
    year: i32,
    report_date: Date,
    warnings: &mut Vec<Warning>,
) -> Option<Date> {
    let mut i = range.start;
    while i < range.end {
        let Some((found, end)) = date_at(text, i, range.end) else {
            i += 1;
            continue;
        };
        let (y, m, d) = (found.0.unwrap_or(year), found.1, found.2);
        match Date::from_ymd(y, m, d) {
            Some(date) if date <= report_date => return Some(date),
            Some(_) => {}
            None => warnings.push(Warning::new(
                text.line_at(i),
                format!(
                    "`{}` is not a real date; the note keeps the report's date",
                    text.orig_string(i..end)
                ),
            )),
        }
        i = end;
    }
    None
}

/// A date as written: year if given, month, day.
type DateParts = (Option<i32>, u32, u32);

/// `M月D日` or `YYYY年M月D日` (also `号`) starting exactly at `at`, not inside a longer number.
fn date_at(text: &Text, at: usize, end: usize) -> Option<(DateParts, usize)> {
    if at > 0 && text.at(at - 1).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let (first, mut i) = digits(text, at, end)?;
    let mut year = None;
    let month;
    if text.at(i) == Some('年') {
        year = Some(i32::try_from(first).ok()?);
        let (m, next) = digits(text, i + 1, end)?;
        month = m;
        i = next;
    } else {
        month = first;
    }
    if text.at(i) != Some('月') {
        return None;
    }
    let (day, next) = digits(text, i + 1, end)?;
    if !matches!(text.at(next), Some('日' | '号')) {
        return None;
    }
    Some(((year, month, day), next + 1))
}

/// Up to four ASCII digits at `at`, as a number, and where they end.
fn digits(text: &Text, at: usize, end: usize) -> Option<(u32, usize)> {
    let mut i = at;
    while i < end && text.at(i).is_some_and(|c| c.is_ascii_digit()) {
        i += 1;
    }
    if i == at || i - at > 4 {
        return None;
    }
    Some((text.norm_string(at..i).parse().ok()?, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn notes(progress: &str) -> (Vec<(String, String)>, Vec<Warning>) {
        let mut warnings = Vec::new();
        let text = Text::new(progress, 1);
        let found = split_notes(&text, 2023, date("2023-10-07"), &mut warnings)
            .into_iter()
            .map(|n| (n.date.to_string(), n.text))
            .collect();
        (found, warnings)
    }

    #[test]
    fn points_become_notes() {
        let (found, warnings) = notes("一是甲。乙;丙。二是丁,7月28日戊,8月22日己。三是庚");
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["一是甲。乙;丙。", "二是丁,7月28日戊,8月22日己。", "三是庚"]
        );
        assert_eq!(found[1].0, "2023-07-28");
        assert_eq!(found[0].0, "2023-10-07");
        assert!(warnings.is_empty());
    }

    #[test]
    fn text_before_the_first_point_is_a_note_too() {
        let (found, _) = notes("全年完成任务。一是甲。二是乙。");
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn markers_inside_words_are_not_points() {
        let (found, _) = notes("统一是关键;这是乙。");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1, "统一是关键;");
    }

    #[test]
    fn a_point_can_follow_an_english_sentence() {
        let (found, _) = notes("一是Plan circulated.二是已完成。");
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["一是Plan circulated.", "二是已完成。"]);
    }

    #[test]
    fn many_points_count_past_ten() {
        let text: String = (1..=12)
            .map(|n| format!("{}是事项{n}。", to_chinese(n)))
            .collect();
        let (found, _) = notes(&text);
        assert_eq!(found.len(), 12);
        assert_eq!(found[10].1, "十一是事项11。");
    }

    #[test]
    fn sentences_without_points_keep_quotes_whole() {
        let (found, _) = notes("举办“你好。北京”摄影展;接待5批次。\n动态更新项目库");
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["举办“你好。北京”摄影展;", "接待5批次。", "动态更新项目库"]
        );
    }

    #[test]
    fn dates_with_years_future_plans_and_impossible_days() {
        let (found, warnings) = notes("2022年12月5日启动;12月20日将举办;2月30日完成;5月31日落地");
        let dates: Vec<&str> = found.iter().map(|(d, _)| d.as_str()).collect();
        assert_eq!(
            dates,
            ["2022-12-05", "2023-10-07", "2023-10-07", "2023-05-31"]
        );
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn a_skipped_point_number_is_reported() {
        let (found, warnings) = notes("一是甲。三是乙。");
        assert_eq!(found.len(), 1);
        assert_eq!(warnings.len(), 1);
    }
}
