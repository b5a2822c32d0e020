//! The next progress report drafted from a tracked file: which notes and readings fall in the
//! period, how the points are numbered, and the title for the new period. The plain-text and
//! Word writers both render a [`Draft`].

use crate::import::numerals::{is_numeral_char, to_chinese};
use crate::import::{counts_in, period_words};
use crate::model::{Date, Document, Item, Metric};
use crate::text::clean_for_document;

use super::period::ReportPeriod;

/// What goes where an item has nothing in the period, unless the caller says otherwise.
pub const DEFAULT_PLACEHOLDER: &str = "暂无新进展";

/// The caller's choices.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftOptions {
    /// The period to report; `None`: the file's own period, stretched to its latest entry.
    pub period: Option<ReportPeriod>,
    /// The title; `None`: the file's title with its period words replaced.
    pub title: Option<String>,
    /// The report's date (`日期:`).
    pub date: Date,
    /// The progress text of an item with nothing in the period.
    pub placeholder: String,
}

impl DraftOptions {
    /// The defaults, dated `date`.
    pub fn dated(date: Date) -> DraftOptions {
        DraftOptions {
            period: None,
            title: None,
            date,
            placeholder: DEFAULT_PLACEHOLDER.to_string(),
        }
    }
}

/// A report ready to be written out.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub title: String,
    pub date: Date,
    pub source: Option<String>,
    /// The period reported (`None`: the file had no period and no dated entries).
    pub period: Option<ReportPeriod>,
    pub sections: Vec<Section>,
}

/// One item of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// `第10项` for a numbered item, else the id as written.
    pub heading: String,
    /// The goal, or the title when the item has none.
    pub goal: String,
    /// The progress: the notes as numbered points, one note as it is, nothing when there are
    /// only readings, or else the placeholder.
    pub progress: String,
    /// Readings not already stated in the notes, as `名称531条`.
    pub readings: Vec<String>,
}

/// Drafts the report of `items` (of `doc`, in the order given).
pub fn draft(doc: &Document, items: &[&Item], options: &DraftOptions) -> Draft {
    let dates = Dating::of(doc);
    let period = options.period.or_else(|| dates.default_period(doc));
    let in_period = |date: Date| period.is_none_or(|p| p.contains(dates.effective(date)));
    let sections = items
        .iter()
        .map(|item| section(item, &in_period, dates.published, options))
        .collect();
    let title = match &options.title {
        Some(title) => title.clone(),
        None => period.map_or(doc.header.title.clone(), |p| retitle(&doc.header.title, p)),
    };
    Draft {
        title: document_text(&title),
        date: options.date,
        source: doc.header.source.as_deref().map(document_text),
        period,
        sections,
    }
}

/// How the file's dates map onto periods. Notes the importer could not date are dated by the
/// report's publication, a few days after its period ended; they count as of the period's end.
struct Dating {
    published: Option<Date>,
    period_start: Option<Date>,
    period_end: Option<Date>,
}

impl Dating {
    fn of(doc: &Document) -> Dating {
        let period = doc.header.period.as_ref();
        Dating {
            published: doc.header.published,
            period_start: period.and_then(|p| p.start),
            period_end: period.and_then(|p| p.end),
        }
    }

    fn effective(&self, date: Date) -> Date {
        match (self.published, self.period_end) {
            (Some(published), Some(end)) if date == published && end < published => end,
            _ => date,
        }
    }

    /// The file's period, from its start (or the first entry) to the later of its end and the
    /// last entry.
    fn default_period(&self, doc: &Document) -> Option<ReportPeriod> {
        let dates: Vec<Date> = doc
            .items()
            .iter()
            .flat_map(|item| {
                let notes = item.progress.iter().map(|n| n.date);
                let points = item
                    .metrics
                    .iter()
                    .flat_map(|m| m.history.iter().map(|p| p.date));
                notes.chain(points)
            })
            .map(|date| self.effective(date))
            .collect();
        let start = self.period_start.or_else(|| dates.iter().min().copied())?;
        let end = [self.period_end, dates.iter().max().copied()]
            .into_iter()
            .flatten()
            .max()?;
        (start <= end).then_some(ReportPeriod { start, end })
    }
}

fn section(
    item: &Item,
    in_period: &impl Fn(Date) -> bool,
    published: Option<Date>,
    options: &DraftOptions,
) -> Section {
    let heading = if !item.id.is_empty() && item.id.chars().all(|c| c.is_ascii_digit()) {
        format!("第{}项", item.id)
    } else {
        document_text(&item.id)
    };
    let goal = item.goal.as_deref().filter(|g| !g.trim().is_empty());
    let notes: Vec<String> = item
        .progress
        .iter()
        .filter(|note| in_period(note.date))
        .map(|note| without_ordinal(&one_paragraph(&note.text)).to_string())
        .filter(|text| !text.is_empty())
        .collect();
    let stated: Vec<f64> = notes
        .iter()
        .flat_map(|note| counts_in(note))
        .filter_map(|(value, _)| value.as_f64())
        .collect();
    let readings: Vec<String> = item
        .metrics
        .iter()
        .filter_map(|metric| latest_reading(metric, in_period, published))
        .filter(|(_, value)| !stated.contains(value))
        .map(|(metric, _)| metric)
        .collect();
    let progress = match notes.len() {
        // the readings are the progress
        0 if !readings.is_empty() => String::new(),
        0 => options.placeholder.clone(),
        1 => notes.concat(),
        _ => points(&notes),
    };
    Section {
        heading,
        goal: document_text(&one_paragraph(goal.unwrap_or(&item.title))),
        progress: document_text(&progress),
        readings,
    }
}

/// `一是…。二是…。`: each note after its number, ending in punctuation after which the importer
/// looks for the next number (a `。` is added when the note ends otherwise, as in `”`).
fn points(notes: &[String]) -> String {
    let mut out = String::new();
    for (n, note) in (1u32..).zip(notes) {
        out.push_str(&to_chinese(n));
        out.push('是');
        out.push_str(note);
        let closed = note
            .chars()
            .last()
            .is_some_and(|c| "。.;!?,:、；！？，：．".contains(c));
        if !closed {
            out.push('。');
        }
    }
    out
}

/// The latest reading of `metric` in the period, as `(名称531条, 531)`. A metric without history
/// has one reading, its value, as of the file's publication; with history, its value is the
/// reading of the latest date there.
fn latest_reading(
    metric: &Metric,
    in_period: &impl Fn(Date) -> bool,
    published: Option<Date>,
) -> Option<(String, f64)> {
    let last = metric.history.iter().max_by_key(|p| p.date);
    let value = match last {
        None => published.is_none_or(in_period).then_some(&metric.value)?,
        // the value is the current reading, as of the latest date in the history
        Some(last) if in_period(last.date) => &metric.value,
        Some(_) => {
            let latest = metric
                .history
                .iter()
                .filter(|p| in_period(p.date))
                .max_by_key(|p| p.date)?;
            &latest.value
        }
    };
    let unit = metric.unit.as_deref().unwrap_or("");
    let text = format!("{}{value}{unit}", one_paragraph(&metric.name));
    Some((document_text(&text), value.as_f64()?))
}

/// A note without the `三是` it opened with in an earlier report.
fn without_ordinal(text: &str) -> &str {
    let numerals: usize = text
        .chars()
        .take_while(|&c| is_numeral_char(c))
        .map(char::len_utf8)
        .sum();
    match text[numerals..].strip_prefix('是') {
        Some(rest) if numerals > 0 => rest.trim_start(),
        _ => text,
    }
}

/// Lines joined as the importer joins a paragraph broken by hand: nothing between Chinese
/// text, a space between words.
fn one_paragraph(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let words = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if words {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn document_text(text: &str) -> String {
    clean_for_document(text).trim().to_string()
}

/// The title with its period words (and the year before them) changed to `period`'s. A title
/// that names no period gets the words before `进展情况`, when it has that.
pub fn retitle(title: &str, period: ReportPeriod) -> String {
    let words = period.words();
    let mut out = match period_words(title) {
        Some(old) => title.replacen(&old, &words, 1),
        None => match title.find("进展情况") {
            Some(at) => format!("{}{words}{}", &title[..at], &title[at..]),
            None => title.to_string(),
        },
    };
    if let Some(year) = period.year() {
        out = with_year(&out, year);
    }
    out
}

/// The first `YYYY年` of `title` set to `year`.
fn with_year(title: &str, year: i32) -> String {
    let chars: Vec<char> = title.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let digits = &chars[i..i + 4];
        let starts = i == 0 || !chars[i - 1].is_ascii_digit();
        if starts && digits.iter().all(char::is_ascii_digit) && chars[i + 4] == '年' {
            let before: String = chars[..i].iter().collect();
            let after: String = chars[i + 4..].iter().collect();
            return format!("{before}{year}{after}");
        }
    }
    title.to_string()
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
