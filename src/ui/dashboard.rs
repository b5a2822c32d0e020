//! The dashboard: items per status as bars, what needs attention, what is overdue, and each
//! metric's progress toward its target — readable in 80×24 and without colour (letters, counts
//! and percentages on every bar).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::{View, scrolled};
use crate::layout::DASHBOARD_LIST;
use crate::model::Status;
use crate::report::{MetricProgress, Stats};
use crate::text::{clean_line, pad, truncate};

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let block = Block::default()
        .borders(Borders::ALL)
        .padding(Padding::horizontal(1))
        .border_style(view.theme.border(true))
        .title(Span::styled(
            format!(" {} ", view.tr("dashboard.title")),
            view.theme.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let content = lines(view, usize::from(inner.width));
    frame.render_widget(
        Paragraph::new(scrolled(content, view.state.dashboard_scroll(), inner)),
        inner,
    );
}

pub fn lines(view: &View, width: usize) -> Vec<Line<'static>> {
    let state = view.state;
    let figures = &state.screens.stats;
    let mut out = status_bars(view, figures, width);
    out.push(Line::default());
    out.extend(attention(view, figures, width));
    out.push(Line::default());
    out.extend(metric_lines(view, figures, width));
    out
}

const LABEL: usize = 12;

/// ` O on track   ████████████░░░░   7  88%`
fn status_bars(view: &View, figures: &Stats, width: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled(
        view.trf("dashboard.by_status", &[("n", &figures.total)]),
        view.theme.title(),
    )];
    let bar_width = width.saturating_sub(LABEL + 4 + 12).max(4);
    for status in Status::ALL {
        let count = figures.by_status[status as usize];
        let share = if figures.total == 0 {
            0.0
        } else {
            count as f64 / figures.total as f64
        };
        let filled = ((share * bar_width as f64).round() as usize).min(bar_width);
        out.push(Line::from(vec![
            Span::styled(format!(" {} ", status.letter()), view.theme.badge(status)),
            Span::raw(format!(
                " {}",
                pad(&status.label_in(view.state.settings.lang), LABEL)
            )),
            Span::styled("█".repeat(filled), view.theme.status_text(status)),
            Span::styled("░".repeat(bar_width - filled), view.theme.dim()),
            Span::raw(format!(" {count:>4} {:>4.0}%", share * 100.0)),
        ]));
    }
    out
}

fn attention(view: &View, figures: &Stats, width: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled(
        view.trf("dashboard.attention", &[("n", &figures.attention.len())]),
        view.theme.title(),
    )];
    for (_, id, title, status) in figures.attention.iter().take(DASHBOARD_LIST) {
        let text = truncate(
            &format!(" {} {}", clean_line(id), clean_line(title)),
            width.saturating_sub(3),
        )
        .into_owned();
        out.push(Line::from(vec![
            Span::styled(format!(" {} ", status.letter()), view.theme.badge(*status)),
            Span::raw(text),
        ]));
    }
    if figures.attention.len() > DASHBOARD_LIST {
        out.push(Line::styled(
            format!(
                "  {}",
                view.trf(
                    "dashboard.more",
                    &[("n", &(figures.attention.len() - DASHBOARD_LIST))]
                )
            ),
            view.theme.dim(),
        ));
    }
    out.push(Line::default());
    out.push(Line::styled(
        view.trf("dashboard.overdue", &[("n", &figures.overdue.len())]),
        view.theme.title(),
    ));
    for (_, id, title, due) in figures.overdue.iter().take(DASHBOARD_LIST) {
        let text = format!(" {due}  {} {}", clean_line(id), clean_line(title));
        out.push(Line::styled(
            truncate(&text, width).into_owned(),
            view.theme.warning(),
        ));
    }
    if figures.overdue.len() > DASHBOARD_LIST {
        out.push(Line::styled(
            format!(
                "  {}",
                view.trf(
                    "dashboard.more",
                    &[("n", &(figures.overdue.len() - DASHBOARD_LIST))]
                )
            ),
            view.theme.dim(),
        ));
    }
    out
}

fn metric_lines(view: &View, figures: &Stats, width: usize) -> Vec<Line<'static>> {
    let average = figures
        .average_completion
        .map(|a| format!(", {:.0}% of targets reached on average", a * 100.0))
        .unwrap_or_default();
    let mut out = vec![Line::styled(
        format!(
            "Metrics: {} ({} with a target{average})",
            figures.metrics, figures.with_target
        ),
        view.theme.title(),
    )];
    for metric in &figures.progress {
        out.push(metric_line(view, metric, width));
    }
    out
}

const GAUGE: usize = 12;

/// ` 13 国际医疗服务机构  7/10 家  ████████░░░░  70%`, or the value alone without a target.
fn metric_line(view: &View, metric: &MetricProgress, width: usize) -> Line<'static> {
    let unit = metric
        .unit
        .as_deref()
        .map(|u| format!(" {}", clean_line(u)))
        .unwrap_or_default();
    let name = format!(" {} {}", clean_line(&metric.item), clean_line(&metric.name));
    let (Some(target), Some(ratio)) = (&metric.target, metric.ratio) else {
        let text = format!("{name}  {}{unit}  (no target)", clean_line(&metric.value));
        return Line::styled(truncate(&text, width).into_owned(), view.theme.dim());
    };
    let figure = format!(
        "  {}/{}{unit}",
        clean_line(&metric.value),
        clean_line(target)
    );
    // The figure keeps its place at the right; a long name gives way.
    let room = width.saturating_sub(GAUGE + 7);
    let name_room = room.saturating_sub(crate::text::width(&figure));
    let text = format!("{}{figure}", pad(&truncate(&name, name_room), name_room));
    let text = truncate(&text, room).into_owned();
    let filled = ((ratio * GAUGE as f64).round() as usize).min(GAUGE);
    Line::from(vec![
        Span::raw(pad(&text, room)),
        Span::raw(" "),
        Span::styled("█".repeat(filled), view.theme.gauge()),
        Span::styled("░".repeat(GAUGE - filled), view.theme.dim()),
        Span::raw(format!(" {:>4.0}%", ratio * 100.0)),
    ])
}

/// The number of lines the dashboard scrolls through, as drawn (the layout counts them).
#[cfg(test)]
pub fn height(view: &View) -> usize {
    lines(view, usize::from(view.state.size.width.saturating_sub(4))).len()
}
