//! A whole plain-text report → a [`Document`]: header, then each item's goal, lead, title, notes,
//! metrics and status.

use std::collections::{HashMap, HashSet};

use serde_json::Number;

use super::header::{ReportHeader, parse_header};
use super::items::{RawItem, find_label, short_title, split_items, split_lead};
use super::metrics::{Found, find_metrics};
use super::names::{RELATED_LIMIT, related_names};
use super::notes::{NoteDraft, point_words, split_notes};
use super::readings;
use super::status::guess_status;
use super::text::{Text, lines};
use super::{ImportError, Imported, Options, Summary, Warning};
use crate::model::{Date, Document, FORMAT_VERSION, Header, Item, Metric, Note, Origin};

/// Reads a plain-text progress report. Fails only when there is nothing to import (no items) or
/// nothing to date the notes with; everything else it cannot place becomes a warning.
pub fn import_report(input: &str, options: &Options) -> Result<Imported, ImportError> {
    let lines = lines(input);
    let (header_lines, raw_items) = split_items(&lines);
    if raw_items.is_empty() {
        return Err(ImportError::NoItems);
    }
    let mut warnings = Vec::new();
    let header = parse_header(header_lines, options, &mut warnings);
    let report_date = report_date(&header, options, &mut warnings)?;
    let year = header.year.unwrap_or(report_date.year());
    let mut items: Vec<Item> = Vec::new();
    // Where each id is in `items`, and the line its first heading is on.
    let mut positions: HashMap<String, (usize, usize)> = HashMap::new();
    for raw in &raw_items {
        let item = build_item(raw, year, report_date, &mut warnings);
        match positions.get(&item.id) {
            Some(&(at, first_line)) => {
                let lines = (first_line, raw.line);
                fold_repeat(&mut items[at], item, lines, &mut warnings);
            }
            None => {
                positions.insert(item.id.clone(), (items.len(), raw.line));
                items.push(item);
            }
        }
    }
    // Ids from `item_start` are never empty, and `positions` keeps them unique.
    let header = new_header(&header, &mut warnings);
    let doc = Document::from_parts(header, items, Origin::default(), None);
    warnings.sort_by_key(|w| w.line);
    let summary = Summary::of(&doc);
    Ok(Imported {
        doc,
        warnings,
        summary,
        report_date,
    })
}

/// The date notes get when they name none: the date line, else the end of the period, else the
/// caller's fallback.
fn report_date(
    header: &ReportHeader,
    options: &Options,
    warnings: &mut Vec<Warning>,
) -> Result<Date, ImportError> {
    if let Some(date) = header.published {
        return Ok(date);
    }
    let period_end = header.period.as_ref().and_then(|p| p.end);
    let date = period_end
        .or(options.fallback_date)
        .ok_or(ImportError::NoDate)?;
    warnings.push(Warning::new(
        0,
        format!("no `日期:` line; notes that name no date of their own are dated {date}"),
    ));
    Ok(date)
}

fn new_header(header: &ReportHeader, warnings: &mut Vec<Warning>) -> Header {
    let title = header.title.clone().unwrap_or_else(|| {
        warnings.push(Warning::new(
            0,
            "no title line; the file is titled `Imported report`",
        ));
        "Imported report".to_string()
    });
    Header {
        format: Some(FORMAT_VERSION),
        title,
        source: header.source.clone(),
        published: header.published,
        period: header.period.clone(),
    }
}

/// Folds a repeated id into the first item with that id: its goal joins the first goal on a line
/// of its own, its lead fills a missing one, its notes and metrics are added. `lines` are the
/// lines of the first heading and of this one.
fn fold_repeat(first: &mut Item, item: Item, lines: (usize, usize), warnings: &mut Vec<Warning>) {
    let (first_line, line) = lines;
    warnings.push(Warning::new(
        line,
        format!(
            "item {id} on line {line} repeats item {id} on line {first_line}; merged into it",
            id = item.id
        ),
    ));
    first.goal = match (first.goal.take(), item.goal) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}\n{b}")),
        (a, b) => a.or(b),
    };
    if first.lead.is_none() {
        first.lead = item.lead;
    }
    first.progress.extend(item.progress);
    let mut metrics = UniqueNames::holding(std::mem::take(&mut first.metrics));
    for metric in item.metrics {
        metrics.push(metric);
    }
    first.metrics = metrics.list;
}

fn build_item(raw: &RawItem, year: i32, report_date: Date, warnings: &mut Vec<Warning>) -> Item {
    let body = &raw.body;
    let (goal_range, progress_range) = match find_label(body) {
        Some((label, content)) => (0..label, content..body.len()),
        None => {
            if !body.is_blank() {
                warnings.push(Warning::new(
                    raw.line,
                    format!(
                        "item {} has no `进展情况`; its text is taken as progress",
                        raw.id
                    ),
                ));
            }
            (0..0, 0..body.len())
        }
    };
    let (lead, goal) = split_lead(body, goal_range.clone());
    let whole = body.slice(progress_range);
    let (notes_range, readings_range) = readings::split(&whole);
    let placeholder = readings::is_placeholder(&whole, notes_range.clone());
    let progress = whole.slice(if placeholder { 0..0 } else { notes_range });
    let notes = split_notes(&progress, year, report_date, warnings);
    if notes.is_empty() && !placeholder && readings_range.is_none() {
        warnings.push(Warning::new(
            raw.line,
            format!("item {} has no progress text", raw.id),
        ));
    }
    let mut item = Item::new(raw.id.clone(), item_title(&raw.id, &goal, &notes));
    item.goal = (!goal.is_empty()).then_some(goal);
    item.lead = lead;
    item.status = guess_status(&progress.norm_string(0..progress.len()));
    let readings = readings_range
        .map(|range| find_metrics(&whole, range))
        .unwrap_or_default();
    item.metrics = item_metrics(body, goal_range, &progress, &notes, readings);
    item.progress = notes
        .into_iter()
        .map(|draft| Note::new(draft.date, draft.text))
        .collect();
    item
}

/// The goal's first clause, else the first note's (without its `一是`), else `第N项`.
fn item_title(id: &str, goal: &str, notes: &[NoteDraft]) -> String {
    let from_goal = short_title(goal);
    if !from_goal.is_empty() {
        return from_goal;
    }
    let from_note = notes.first().map(|n| short_title(strip_point(&n.text)));
    match from_note {
        Some(title) if !title.is_empty() => title,
        _ => format!("第{id}项"),
    }
}

/// A note's text without its leading `一是`.
fn strip_point(text: &str) -> &str {
    let numerals = text
        .char_indices()
        .take_while(|&(_, c)| super::numerals::is_numeral_char(c))
        .last()
        .map(|(i, c)| i + c.len_utf8());
    match numerals {
        Some(end) if text[end..].starts_with('是') => &text[end + '是'.len_utf8()..],
        _ => text,
    }
}

/// Counts in the notes and the `主要指标:` line become metrics; counts in the goal become targets — of the note metric
/// they describe when there is one (same unit, related name), else of a metric at 0 (or at the
/// target, for things the goal says are already there: `以8家试点医院为抓手`).
fn item_metrics(
    body: &Text,
    goal: std::ops::Range<usize>,
    progress: &Text,
    notes: &[NoteDraft],
    readings: Vec<Found>,
) -> Vec<Metric> {
    let mut metrics = UniqueNames::default();
    for note in notes {
        for found in find_metrics(progress, point_words(progress, note.range.clone())) {
            metrics.push(to_metric(found));
        }
    }
    for found in readings {
        metrics.push(to_metric(found));
    }
    for found in find_metrics(body, goal) {
        let searchable = metrics.list.len() <= RELATED_LIMIT;
        let related = metrics.list.iter_mut().filter(|_| searchable).find(|m| {
            m.unit.as_deref() == Some(found.unit.as_str()) && related_names(&m.name, &found.name)
        });
        match related {
            Some(metric) => metric.target = Some(found.value),
            None => {
                let existing = found.existing;
                let mut metric = to_metric(found);
                metric.target = Some(metric.value.clone());
                if !existing {
                    metric.value = Number::from(0);
                }
                metrics.push(metric);
            }
        }
    }
    metrics.list
}

fn to_metric(found: Found) -> Metric {
    Metric {
        unit: Some(found.unit),
        target: found.target,
        ..Metric::new(found.name, found.value)
    }
}

/// Adds a metric, numbering its name when an earlier one has the same name.
/// Metrics whose names are kept unique: a repeated name becomes `名称(2)`, `名称(3)` …
#[derive(Default)]
struct UniqueNames {
    list: Vec<Metric>,
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl UniqueNames {
    fn holding(list: Vec<Metric>) -> UniqueNames {
        let used = list.iter().map(|m| m.name.clone()).collect();
        UniqueNames {
            list,
            used,
            next: HashMap::new(),
        }
    }

    fn push(&mut self, mut metric: Metric) {
        if !self.used.insert(metric.name.clone()) {
            let base = metric.name.clone();
            let n = self.next.entry(base.clone()).or_insert(2);
            loop {
                let candidate = format!("{base}({n})");
                *n += 1;
                if self.used.insert(candidate.clone()) {
                    metric.name = candidate;
                    break;
                }
            }
        }
        self.list.push(metric);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "测试报告2023年上半年进展情况\n日期:2023-07-05\n来源:测试办\n\n\
        第1项:新建50个口袋公园,改善环境(牵头部门:市园林绿化局)\n\n\
        进展情况:一是已建成口袋公园32个。二是7月1日开展巡查。\n\n\
        第2项 推进工程建设。\n进展情况 工程完成整体进度的60%,正加快推进。\n\n\
        第3项:项目全面完成。\n";

    fn import(text: &str) -> Imported {
        import_report(text, &Options::default()).unwrap()
    }

    #[test]
    fn a_small_report() {
        let imported = import(SMALL);
        let doc = &imported.doc;
        assert_eq!(doc.header.title, "测试报告2023年上半年进展情况");
        assert_eq!(doc.header.source.as_deref(), Some("测试办"));
        let items = doc.items();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].lead.as_deref(), Some("市园林绿化局"));
        assert_eq!(items[0].goal.as_deref(), Some("新建50个口袋公园,改善环境"));
        assert_eq!(items[0].title, "新建50个口袋公园");
        assert_eq!(items[0].progress.len(), 2);
        assert_eq!(items[0].progress[1].date.to_string(), "2023-07-01");
        let park = &items[0].metrics;
        assert_eq!(park.len(), 1, "{park:?}");
        assert_eq!(park[0].value.to_string(), "32");
        assert_eq!(
            park[0].target.as_ref().map(|t| t.to_string()).as_deref(),
            Some("50")
        );
        let share = &items[1].metrics[0];
        assert_eq!(
            (share.value.to_string(), share.unit.as_deref()),
            ("60".into(), Some("%"))
        );
        assert_eq!(
            share.target.as_ref().map(|t| t.to_string()).as_deref(),
            Some("100")
        );
        assert_eq!(items[1].status, crate::model::Status::OnTrack);
        assert_eq!(items[2].progress.len(), 1);
        assert_eq!(items[2].status, crate::model::Status::Done);
        assert_eq!(
            imported.summary,
            Summary {
                items: 3,
                notes: 4,
                metrics: 2
            }
        );
        assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
        assert_eq!(imported.warnings[0].line, 12);
    }

    #[test]
    fn nothing_to_import() {
        assert_eq!(
            import_report("只有标题\n日期:2023-01-01\n", &Options::default()).err(),
            Some(ImportError::NoItems)
        );
        assert_eq!(
            import_report("标题\n第1项:甲\n进展情况:乙", &Options::default()).err(),
            Some(ImportError::NoDate)
        );
    }

    #[test]
    fn repeated_ids_fold_into_the_first() {
        let imported =
            import("标题\n日期:2023-01-01\n第1项:甲\n进展情况:乙。\n第1项:甲\n进展情况:丙。");
        assert_eq!(imported.doc.items().len(), 1);
        assert_eq!(imported.doc.items()[0].progress.len(), 2);
        assert_eq!(imported.warnings[0].line, 5);
    }

    #[test]
    fn metric_names_stay_unique() {
        let imported = import("标题\n日期:2023-01-01\n第1项:甲\n进展情况:接待5批次。接待3批次。");
        let names: Vec<&str> = imported.doc.items()[0]
            .metrics
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["接待", "接待(2)"]);
    }
}
