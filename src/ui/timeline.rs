//! The timeline pane: the selected item's progress notes in date order under a time axis that
//! spans the report period and marks each note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{View, scrolled};
use crate::app::Pane;
use crate::layout::timeline_note_dated;
use crate::model::{Date, Document, Item};

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

/// The pane's content for `item`, wrapped to `width` cells (as many lines as
/// [`crate::layout::timeline_height`] counts).
pub fn lines(view: &View, item: &Item, doc: &Document, width: usize) -> Vec<Line<'static>> {
    if item.progress.is_empty() {
        let hint = view.tr("timeline.no_notes");
        return vec![Line::styled(hint, view.theme.dim())];
    }
    let order = item.notes_by_date();
    let dates: Vec<Date> = order.iter().map(|&i| item.progress[i].date).collect();
    let mut out = vec![axis(view, doc, &dates, width), Line::default()];
    let cursor = cursor(view);
    for (position, &index) in order.iter().enumerate() {
        note_lines(view, item, index, width, cursor == Some(position), &mut out);
    }
    out
}

/// The note to highlight: the cursor, while the timeline has the focus.
fn cursor(view: &View) -> Option<usize> {
    let state = view.state;
    (state.focus == Pane::Timeline && state.mode() != crate::app::Mode::Zoom)
        .then_some(state.details.note_cursor)
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
    let laid = timeline_note_dated(note, view.date(note.date), width);
    let (date, mut text) = (laid.date, laid.text);
    if laid.cut {
        text.push(view.tr("timeline.note_goes_on").into_owned());
    }
    text.extend(laid.by);
    let date_style = if selected {
        view.theme.selected()
    } else {
        view.theme.date()
    };
    if laid.gutter {
        let blank = " ".repeat(crate::text::width(&date) + 1);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;

    #[test]
    fn axis_spans_the_period_and_marks_notes() {
        let doc = crate::store::parse_document(crate::store::SAMPLE_JSON.into()).unwrap();
        let state = crate::app::State::default();
        let view = View::plain(&state);
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
