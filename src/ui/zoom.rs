//! The zoomed item: everything about one item on the whole screen — its fields, goal, timeline and
//! metrics — for reading on a projector or a small terminal.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::{View, metrics, scrolled, timeline};
use crate::layout::{goal_lines, zoom_columns};
use crate::model::Item;
use crate::text::clean_line;

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let Some(item) = view.state.selected_item() else {
        frame.render_widget(Paragraph::new(view.tr("pane.nothing_selected")), area);
        return;
    };
    let block = frame_block(view, item);
    frame.render_widget(block, area);
    let scroll = view.state.details.zoom_scroll;
    let (main, side) = zoom_columns(area);
    match side {
        Some(side) => {
            let lines = main_lines(view, item, usize::from(main.width));
            frame.render_widget(Paragraph::new(scrolled(lines, scroll, main)), main);
            let lines = metric_lines(view, item, usize::from(side.width));
            frame.render_widget(Paragraph::new(scrolled(lines, scroll, side)), side);
        }
        None => {
            let lines = content_lines(view, item, usize::from(main.width));
            frame.render_widget(Paragraph::new(scrolled(lines, scroll, main)), main);
        }
    }
}

fn frame_block(view: &View, item: &Item) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .padding(Padding::horizontal(1))
        .border_style(view.theme.border(true))
        .title(Line::from(vec![Span::styled(
            format!(" {} · {} ", clean_line(&item.id), clean_line(&item.title)),
            view.theme.title(),
        )]))
}

/// Fields, goal and timeline.
fn main_lines(view: &View, item: &Item, width: usize) -> Vec<Line<'static>> {
    let mut out = fields(view, item);
    if let Some(goal) = &item.goal {
        out.push(Line::default());
        out.push(Line::styled(view.tr("zoom.goal"), view.theme.title()));
        let (lines, cut) = goal_lines(goal, width);
        out.extend(lines.into_iter().map(Line::raw));
        if cut {
            out.push(Line::raw(view.tr("zoom.goal_goes_on")));
        }
    }
    out.push(Line::default());
    out.push(Line::styled(view.tr("pane.timeline"), view.theme.title()));
    if let Some(doc) = view.state.selected_document() {
        out.extend(timeline::lines(view, item, doc, width));
    }
    out
}

fn metric_lines(view: &View, item: &Item, width: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled(view.tr("pane.metrics"), view.theme.title())];
    out.extend(metrics::lines(view, item, width));
    out
}

/// Everything in one column (narrow screens).
fn content_lines(view: &View, item: &Item, width: usize) -> Vec<Line<'static>> {
    let mut out = main_lines(view, item, width);
    out.push(Line::default());
    out.extend(metric_lines(view, item, width));
    out
}

fn fields(view: &View, item: &Item) -> Vec<Line<'static>> {
    let mut status = vec![
        Span::styled(
            format!(" {} ", item.status.letter()),
            view.theme.badge(item.status),
        ),
        Span::raw(format!(
            " {}",
            item.status.label_in(view.state.settings.lang)
        )),
    ];
    if let Some(ratio) = item.completion() {
        status.push(Span::styled(
            format!(
                "  {}",
                view.trf(
                    "zoom.of_targets",
                    &[("percent", &format!("{:.0}", ratio * 100.0))]
                )
            ),
            view.theme.dim(),
        ));
    }
    let mut out = vec![Line::from(status)];
    for (name, value) in crate::report::fields(item) {
        out.push(Line::from(vec![
            Span::styled(
                crate::text::pad(&view.tr(&format!("field.{name}")), 9),
                view.theme.dim(),
            ),
            Span::raw(clean_line(&value).into_owned()),
        ]));
    }
    out
}

/// The number of lines the zoomed item scrolls through, as drawn (the layout counts them).
#[cfg(test)]
pub fn height(view: &View) -> usize {
    let Some(item) = view.state.selected_item() else {
        return 1;
    };
    let (main, side) = zoom_columns(crate::layout::Panes::zoom_body(view.state.size));
    let width = usize::from(main.width);
    match side {
        Some(side) => main_lines(view, item, width)
            .len()
            .max(metric_lines(view, item, usize::from(side.width)).len()),
        None => content_lines(view, item, width).len(),
    }
}
