//! The timeline pane: the selected item's progress notes in date order under a time axis that
//! spans the report period and marks each note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{View, scrolled};
use crate::app::Pane;
use crate::model::{Date, Document, Item};
use crate::text::{clean_line, wrap_at_most};

/// Notes wider than this many lines of text are cut on screen (the file keeps them whole).
const MAX_NOTE_LINES: usize = 400;
/// Below this width a note's date goes on its own line instead of in a gutter.
const GUTTER_MIN_WIDTH: usize = 44;

pub fn render(frame: &mut Frame, area: Rect, view: &View, scroll: usize, focused: bool) {
    let item = view.state.selected_item();
    let focused = focused && view.state.focus == Pane::Timeline;
    let count = item.map_or(0, |i| i.progress.len());
    let block = super::pane_block(view, &view.tr("pane.timeline"), count, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match (item, view.state.selected_document()) {
        (Some(item), Some(doc)) => lines(view, item, doc, usize::from(inner.width)),
        _ => vec![Line::styled(
            view.tr("pane.nothing_selected"),
            view.theme.dim(),
        )],
    };
    frame.render_widget(Paragraph::new(scrolled(lines, scroll, inner)), inner);
}

/// The pane's content for `item`, wrapped to `width` cells.
pub fn lines(view: &View, item: &Item, doc: &Document, width: usize) -> Vec<Line<'static>> {
    build(view, item, doc, width).0
}

/// The content lines, and the line where each note (in date order) starts followed by the number
/// of lines.
fn build(
    view: &View,
    item: &Item,
    doc: &Document,
    width: usize,
) -> (Vec<Line<'static>>, Vec<usize>) {
    if item.progress.is_empty() {
        let hint = view.tr("timeline.no_notes");
        return (vec![Line::styled(hint, view.theme.dim())], Vec::new());
    }
    let order = item.notes_by_date();
    let dates: Vec<Date> = order.iter().map(|&i| item.progress[i].date).collect();
    let mut out = vec![axis(view, doc, &dates, width), Line::default()];
    let mut starts = Vec::with_capacity(order.len());
    let cursor = cursor(view);
    for (position, &index) in order.iter().enumerate() {
        starts.push(out.len());
        note_lines(view, item, index, width, cursor == Some(position), &mut out);
    }
    starts.push(out.len());
    (out, starts)
}

/// The note to highlight: the cursor, while the timeline has the focus.
fn cursor(view: &View) -> Option<usize> {
    let state = view.state;
    (state.focus == Pane::Timeline && state.mode() != crate::app::Mode::Zoom)
        .then_some(state.details.note_cursor)
}

/// The first line of each note of the selected item, then the number of lines (for keeping the
/// cursor's note in view, the last one included).
pub fn note_starts(view: &View, width: usize) -> Vec<usize> {
    match (view.state.selected_item(), view.state.selected_document()) {
        (Some(item), Some(doc)) => build(view, item, doc, width).1,
        _ => Vec::new(),
    }
}

/// `2023-01-01 ──█───█──█ 2023-10-07`: the report period with a mark per note date.
fn axis(view: &View, doc: &Document, dates: &[Date], width: usize) -> Line<'static> {
    let period = doc.header.period.as_ref();
    let first = dates.iter().min().copied();
    let last = dates.iter().max().copied();
    let start = [period.and_then(|p| p.start), first]
        .into_iter()
        .flatten()
        .min();
    let end = [period.and_then(|p| p.end), last]
        .into_iter()
        .flatten()
        .max();
    let (Some(start), Some(end)) = (start, end) else {
        return Line::default();
    };
    let long = width >= 40;
    let label = |d: Date| {
        if long {
            d.to_string()
        } else {
            format!("{:02}-{:02}", d.month(), d.day())
        }
    };
    let (left, right) = (label(start), label(end));
    let cells = width.saturating_sub(left.len() + right.len() + 2);
    if cells < 3 {
        return Line::styled(format!("{left}…{right}"), view.theme.dim());
    }
    let span = start.days_until(end).max(1) as f64;
    let mut marks = vec![false; cells];
    for date in dates {
        let at = (start.days_until(*date) as f64 / span * (cells - 1) as f64).round() as usize;
        marks[at.min(cells - 1)] = true;
    }
    let mut spans = vec![Span::styled(left, view.theme.dim()), Span::raw(" ")];
    spans.extend(marks.iter().map(|&marked| {
        if marked {
            Span::styled("█", view.theme.marker())
        } else {
            Span::styled("─", view.theme.dim())
        }
    }));
    spans.push(Span::raw(" "));
    spans.push(Span::styled(right, view.theme.dim()));
    Line::from(spans)
}

fn note_lines(
    view: &View,
    item: &Item,
    index: usize,
    width: usize,
    selected: bool,
    out: &mut Vec<Line<'static>>,
) {
    let note = &item.progress[index];
    let date = note.date.to_string();
    let by = note
        .by
        .as_deref()
        .map(|by| format!(" — {}", clean_line(by)));
    let gutter = width >= GUTTER_MIN_WIDTH;
    let text_width = if gutter {
        width.saturating_sub(date.len() + 1)
    } else {
        width
    };
    // Only what can be shown is wrapped, so a 10 MB note costs no more than a page.
    let (mut text, more) = wrap_at_most(&note.text, text_width, MAX_NOTE_LINES);
    if more {
        text.push(view.tr("timeline.note_goes_on").into_owned());
    }
    if let Some(by) = by {
        text.push(by);
    }
    let date_style = if selected {
        view.theme.selected()
    } else {
        view.theme.date()
    };
    if gutter {
        let blank = " ".repeat(date.len() + 1);
        for (i, line) in text.into_iter().enumerate() {
            let head = if i == 0 {
                Span::styled(format!("{date} "), date_style)
            } else {
                Span::raw(blank.clone())
            };
            out.push(Line::from(vec![head, Span::raw(line)]));
        }
    } else {
        out.push(Line::styled(date, date_style));
        out.extend(text.into_iter().map(Line::raw));
    }
    out.push(Line::default());
}

/// The number of content lines for the selected item at `width` (for scrolling limits).
pub fn height(view: &View, width: usize) -> usize {
    match (view.state.selected_item(), view.state.selected_document()) {
        (Some(item), Some(doc)) => lines(view, item, doc, width).len(),
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;
    use crate::ui::Theme;

    #[test]
    fn axis_spans_the_period_and_marks_notes() {
        let doc = crate::store::parse_document(crate::store::SAMPLE_JSON.into()).unwrap();
        let state = crate::app::State::default();
        let view = View {
            state: &state,
            theme: Theme::plain(),
        };
        let dates: Vec<Date> = ["2023-01-01", "2023-07-28", "2023-10-07"]
            .iter()
            .map(|d| d.parse().unwrap())
            .collect();
        let line = axis(&view, &doc, &dates, 60);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(text.starts_with("2023-01-01 █"), "{text}");
        assert!(text.ends_with("█ 2023-10-07"), "{text}");
        assert_eq!(text.matches('█').count(), 3);
        assert_eq!(width(&text), 60);
    }
}
