//! How many lines each scrolling view has and where its entries start, counted from the same
//! line layout the renderer draws (the renderer's tests check that they agree).

use ratatui::layout::Rect;

use super::lines::{
    LATEST_NOTES, goal_lines, sparkline_values, timeline_note, triage_goal, triage_note,
};
use super::panes::{Panes, zoom_columns};
use crate::model::{DateStyle, Item, Status};
use crate::report::Stats;

/// How many entries of a dashboard list are shown before `… and N more`.
pub const DASHBOARD_LIST: usize = 12;

/// The first line of each of `item`'s notes in date order, then the number of lines in the
/// timeline (nothing when it has no notes): for keeping the cursor's note in view. Dates are
/// written as `dates` says (their width moves the text).
pub fn note_starts(item: &Item, width: usize, dates: &DateStyle) -> Vec<usize> {
    if item.progress.is_empty() {
        return Vec::new();
    }
    let mut starts = Vec::with_capacity(item.progress.len() + 1);
    // the time axis and a blank line come first
    let mut line = 2;
    for index in item.notes_by_date() {
        starts.push(line);
        line += timeline_note(&item.progress[index], dates, width).height();
    }
    starts.push(line);
    starts
}

/// The timeline's lines for `item` at `width` (a hint line when it has no notes).
pub fn timeline_height(item: &Item, width: usize, dates: &DateStyle) -> usize {
    note_starts(item, width, dates).last().copied().unwrap_or(1)
}

/// The first line of each of `item`'s metrics, then the number of lines (nothing when it has no
/// metrics). Metric lines do not wrap, so the width does not matter.
pub fn metric_starts(item: &Item) -> Vec<usize> {
    if item.metrics.is_empty() {
        return Vec::new();
    }
    let mut starts = Vec::with_capacity(item.metrics.len() + 1);
    let mut line = 0;
    for metric in &item.metrics {
        starts.push(line);
        // heading, gauge, sparkline, blank line
        line += 1
            + usize::from(metric.ratio().is_some())
            + usize::from(sparkline_values(metric).is_some())
            + 1;
    }
    // no blank line after the last one
    starts.push(line - 1);
    starts
}

/// The metrics pane's lines for `item` (a hint line when it has no metrics).
pub fn metrics_height(item: &Item) -> usize {
    metric_starts(item).last().copied().unwrap_or(1)
}

/// The lines the zoomed `item` scrolls through on a `screen` of this size.
pub fn zoom_height(item: &Item, screen: Rect, dates: &DateStyle) -> usize {
    let (main, side) = zoom_columns(Panes::zoom_body(screen));
    let width = usize::from(main.width);
    // status, then one line per field
    let mut main_lines = 1 + crate::report::fields(item).len();
    if let Some(goal) = &item.goal {
        let (lines, cut) = goal_lines(goal, width);
        main_lines += 2 + lines.len() + usize::from(cut);
    }
    main_lines += 2 + timeline_height(item, width, dates);
    // a "Metrics" heading above the metrics
    let metric_lines = 1 + metrics_height(item);
    match side {
        Some(_) => main_lines.max(metric_lines),
        None => main_lines + 1 + metric_lines,
    }
}

/// The lines triage scrolls through for `item` in a view `width` cells wide.
pub fn triage_height(item: &Item, width: usize, dates: &DateStyle) -> usize {
    // title, fields, blank line
    let mut lines = 3;
    if let Some(goal) = &item.goal {
        lines += triage_goal(goal, width).len() + 1;
    }
    lines += new_since_review_height(item, width, dates);
    lines += 1;
    let order = item.notes_by_date();
    for &index in order.iter().rev().take(LATEST_NOTES) {
        let note = &item.progress[index];
        lines += triage_note(&note.text, &dates.show(note.date), width).len();
    }
    if order.is_empty() {
        lines += 1;
    }
    // blank line, "Metrics"
    lines + 2 + metrics_height(item)
}

fn new_since_review_height(item: &Item, width: usize, dates: &DateStyle) -> usize {
    let Some(reviewed) = item.reviewed else {
        return 2;
    };
    let mut lines = 0;
    for note in item.progress.iter().filter(|note| note.date > reviewed) {
        lines += triage_note(&note.text, &dates.show(note.date), width).len();
    }
    lines += item
        .metrics
        .iter()
        .filter(|metric| metric.history.iter().any(|p| p.date > reviewed))
        .count();
    // heading, "nothing new" when nothing is, blank line
    1 + lines.max(1) + 1
}

/// The lines the dashboard scrolls through for `stats`.
pub fn dashboard_height(stats: &Stats) -> usize {
    let listed = |n: usize| n.min(DASHBOARD_LIST) + usize::from(n > DASHBOARD_LIST);
    let statuses = 1 + Status::ALL.len();
    let attention = 1 + listed(stats.attention.len()) + 1 + 1 + listed(stats.overdue.len());
    // a heading, then one line per metric against its target
    let metrics = 1 + stats.progress.len();
    statuses + 1 + attention + 1 + metrics
}
