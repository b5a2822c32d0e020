//! The words on each line of the detail views, before any styling: how a timeline note, a goal
//! and a triage note wrap at a width, and which readings a sparkline draws. The renderer styles
//! these lines; the heights in heights.rs count them.

use crate::model::{DateStyle, Metric, Note};
use crate::text::{clean_line, wrap, wrap_at_most};

/// Notes longer than this many lines of text are cut on screen (the file keeps them whole).
const MAX_NOTE_LINES: usize = 400;
/// Below this width a note's date goes on its own line instead of in a gutter.
const GUTTER_MIN_WIDTH: usize = 44;
/// Goals longer than this many lines are cut on screen (the file keeps them whole).
const MAX_GOAL_LINES: usize = 400;
/// How many of an item's latest notes triage shows besides the new ones.
pub const LATEST_NOTES: usize = 3;
/// How many lines of the goal triage shows.
pub const TRIAGE_GOAL_LINES: usize = 4;
/// The cells a triage note's mark and date take before its text.
const TRIAGE_NOTE_HEAD: usize = 13;
/// The cells a triage note's date takes at least (`YYYY-MM-DD`); a wider date format takes more.
pub const TRIAGE_DATE: usize = 10;

/// One timeline note laid out at a width. On screen: the wrapped text, a line saying the note
/// goes on when it was cut, who wrote it when known, then a blank line.
pub struct TimelineNote {
    pub date: String,
    /// The date sits in a gutter left of the text; otherwise on a line of its own above it.
    pub gutter: bool,
    /// The note wrapped (as much of it as is shown).
    pub text: Vec<String>,
    /// The note goes on past the lines shown.
    pub cut: bool,
    /// ` — 张三`, who wrote it.
    pub by: Option<String>,
}

impl TimelineNote {
    /// The lines it takes on screen, the blank line after it included.
    pub fn height(&self) -> usize {
        self.text.len()
            + usize::from(self.cut)
            + usize::from(self.by.is_some())
            + usize::from(!self.gutter)
            + 1
    }
}

/// `note` laid out for a timeline `width` cells wide, its date written as `dates` says.
pub fn timeline_note(note: &Note, dates: &DateStyle, width: usize) -> TimelineNote {
    timeline_note_dated(note, dates.show(note.date), width)
}

/// A note laid out beside `date`, its date as the user wants dates shown.
pub fn timeline_note_dated(note: &Note, date: String, width: usize) -> TimelineNote {
    let gutter = width >= GUTTER_MIN_WIDTH;
    let text_width = if gutter {
        width.saturating_sub(crate::text::width(&date) + 1)
    } else {
        width
    };
    // Only what can be shown is wrapped, so a 10 MB note costs no more than a page.
    let (text, cut) = wrap_at_most(&note.text, text_width, MAX_NOTE_LINES);
    let by = note
        .by
        .as_deref()
        .map(|by| format!(" — {}", clean_line(by)));
    TimelineNote {
        date,
        gutter,
        text,
        cut,
        by,
    }
}

/// The zoomed item's goal wrapped to `width` (as much as is shown), and whether it goes on past
/// those lines (then a line on screen says so).
pub fn goal_lines(goal: &str, width: usize) -> (Vec<String>, bool) {
    wrap_at_most(goal, width, MAX_GOAL_LINES)
}

/// The first lines of the goal that triage shows.
pub fn triage_goal(goal: &str, width: usize) -> Vec<String> {
    let mut lines = wrap(goal, width);
    lines.truncate(TRIAGE_GOAL_LINES);
    lines
}

/// A triage note's text wrapped beside its mark and its date (`date` as shown), in a view
/// `width` cells wide.
pub fn triage_note(text: &str, date: &str, width: usize) -> Vec<String> {
    let head = TRIAGE_NOTE_HEAD + crate::text::width(date).saturating_sub(TRIAGE_DATE);
    wrap(text, width.saturating_sub(head).max(8))
}

/// The readings a metric's sparkline draws, oldest first (the current value last), or `None`
/// when there are fewer than two and no sparkline is drawn.
pub fn sparkline_values(metric: &Metric) -> Option<Vec<f64>> {
    let mut values: Vec<f64> = metric
        .history
        .iter()
        .filter_map(|p| p.value.as_f64())
        .collect();
    if values.last() != Some(&metric.value_f64()) {
        values.push(metric.value_f64());
    }
    (values.len() >= 2).then_some(values)
}
