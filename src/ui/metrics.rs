//! The metrics pane: each counted result with its value, unit and target, a gauge of value/target
//! where there is a target, and a sparkline of its history where there is one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{View, scrolled};
use crate::app::Pane;
use crate::layout::sparkline_values;
use crate::model::{Item, Metric};
use crate::text::{clean_line, pad};

pub fn render(frame: &mut Frame, area: Rect, view: &View, scroll: usize, focused: bool) {
    let item = view.state.selected_item();
    let focused = focused && view.state.focus == Pane::Metrics;
    let block = super::pane_block(
        view,
        &view.tr("pane.metrics"),
        item.map_or(0, |i| i.metrics.len()),
        focused,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match item {
        Some(item) => lines(view, item, usize::from(inner.width)),
        None => vec![Line::styled(
            view.tr("pane.nothing_selected"),
            view.theme.dim(),
        )],
    };
    frame.render_widget(Paragraph::new(scrolled(lines, scroll, inner)), inner);
}

/// The pane's content for `item` at `width` cells (the lines [`crate::layout::metric_starts`]
/// counts).
pub fn lines(view: &View, item: &Item, width: usize) -> Vec<Line<'static>> {
    if item.metrics.is_empty() {
        return vec![Line::styled(view.tr("metrics.none"), view.theme.dim())];
    }
    let state = view.state;
    let cursor = (state.focus == Pane::Metrics && state.mode() != crate::app::Mode::Zoom)
        .then_some(state.details.metric_cursor);
    let mut out = Vec::new();
    for (index, metric) in item.metrics.iter().enumerate() {
        out.push(heading(view, metric, width, cursor == Some(index)));
        if let Some(ratio) = metric.ratio() {
            out.push(gauge(view, ratio, width));
        }
        if let Some(line) = sparkline(view, metric, width) {
            out.push(line);
        }
        out.push(Line::default());
    }
    out.pop();
    out
}

/// `name ........ 531 条 / 600 条`
fn heading(view: &View, metric: &Metric, width: usize, selected: bool) -> Line<'static> {
    let unit = metric.unit.as_deref().map(clean_line).unwrap_or_default();
    let with_unit = |n: &serde_json::Number| {
        if unit.is_empty() {
            n.to_string()
        } else {
            format!("{n} {unit}")
        }
    };
    let mut figure = with_unit(&metric.value);
    if let Some(target) = &metric.target {
        figure = format!("{figure} / {}", with_unit(target));
    }
    let name_width = width.saturating_sub(crate::text::width(&figure) + 1);
    let name_style = if selected {
        view.theme.selected()
    } else {
        view.theme.title()
    };
    Line::from(vec![
        Span::styled(pad(&clean_line(&metric.name), name_width), name_style),
        Span::raw(" "),
        Span::raw(figure),
    ])
}

/// `████████░░░░  63%`: filled and empty blocks read the same without colour.
fn gauge(view: &View, ratio: f64, width: usize) -> Line<'static> {
    let label = format!(" {:>3.0}%", ratio * 100.0);
    let cells = width.saturating_sub(label.len());
    let filled = ((ratio * cells as f64).round() as usize).min(cells);
    Line::from(vec![
        Span::styled("█".repeat(filled), view.theme.gauge()),
        Span::styled("░".repeat(cells - filled), view.theme.dim()),
        Span::raw(label),
    ])
}

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The readings over time, newest on the right, with the first and last date.
fn sparkline(view: &View, metric: &Metric, width: usize) -> Option<Line<'static>> {
    let values = sparkline_values(metric)?;
    let first = metric
        .history
        .first()
        .map(|p| p.date.to_string())
        .unwrap_or_default();
    let label = format!(" {}", view.trf("metrics.since", &[("date", &first)]));
    let room = width.saturating_sub(crate::text::width(&label)).max(1);
    let shown = &values[values.len().saturating_sub(room)..];
    let (low, high) = shown
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    let bars: String = shown
        .iter()
        .map(|v| {
            let level = if high > low {
                (v - low) / (high - low) * 7.0
            } else {
                7.0
            };
            BARS[(level.round() as usize).min(7)]
        })
        .collect();
    let label = if width >= crate::text::width(&bars) + crate::text::width(&label) {
        label
    } else {
        String::new()
    };
    Some(Line::from(vec![
        Span::styled(bars, view.theme.gauge()),
        Span::styled(label, view.theme.dim()),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Point, parse_number};
    use crate::text::width;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn gauge_fills_in_proportion_and_fits() {
        let state = crate::app::State::default();
        let view = View::plain(&state);
        let line = gauge(&view, 0.6, 25);
        let shown = text(&line);
        assert_eq!(width(&shown), 25);
        assert_eq!(shown, format!("{}{}  60%", "█".repeat(12), "░".repeat(8)));
    }

    #[test]
    fn sparkline_rises_with_the_history() {
        let state = crate::app::State::default();
        let view = View::plain(&state);
        let mut metric = Metric::new("m", parse_number("30").unwrap());
        for (date, value) in [("2023-03-31", "10"), ("2023-06-30", "20")] {
            metric.history.push(Point {
                date: date.parse().unwrap(),
                value: parse_number(value).unwrap(),
                origin: Default::default(),
            });
        }
        let line = sparkline(&view, &metric, 40).unwrap();
        assert_eq!(text(&line), "▁▅█ since 2023-03-31");
    }
}
