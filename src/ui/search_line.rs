//! The search line in the footer: `/` and the query with its cursor, then `N of M` (or why the
//! query cannot be read). The terminal cursor sits at the end of the typed text, where an input
//! method opens its candidate window.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::View;
use crate::text::{clean_line, width};

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let state = view.state;
    let Some(line) = &state.search.line else {
        return;
    };
    let status = status_text(view);
    // The query keeps the room its text needs (up to half the line); the count or the query's
    // problem gets the rest, so a long problem is cut only when the line is really full.
    let typed: usize = line.lines().iter().map(|l| width(l)).sum();
    let query_cells = u16::try_from(typed + 1)
        .unwrap_or(u16::MAX)
        .min(area.width / 2);
    let room = area.width.saturating_sub(2 + query_cells + 1);
    let status_width = u16::try_from(width(&status))
        .unwrap_or(u16::MAX)
        .min(room.max(area.width / 4));
    let status = crate::text::truncate(&status, usize::from(status_width)).into_owned();
    let input = Rect {
        x: area.x + 2,
        width: area.width.saturating_sub(2 + status_width + 1),
        ..area
    };
    frame.render_widget(Paragraph::new(Span::styled("/ ", view.theme.key())), area);
    let mut shown = line.clone();
    shown.set_cursor_line_style(Style::default());
    shown.set_cursor_style(view.theme.selected());
    frame.render_widget(&shown, input);
    let cursor = shown.screen_cursor();
    let (_, left) = shown.scroll_offset();
    let column = u16::try_from(cursor.col.saturating_sub(usize::from(left))).unwrap_or(u16::MAX);
    if column < input.width {
        frame.set_cursor_position(Position::new(input.x + column, input.y));
    }
    let right = Rect {
        x: area.right().saturating_sub(status_width),
        width: status_width,
        ..area
    };
    let style = if state.search.error.is_some() {
        view.theme.warning()
    } else {
        view.theme.dim()
    };
    frame.render_widget(Paragraph::new(Line::styled(status, style)), right);
}

/// `3 of 8`, `3+ of 8` while goals and notes are still being searched, `… of 8` until the newest
/// query's first results are in, or the query's problem.
fn status_text(view: &View) -> String {
    let search = &view.state.search;
    if let Some(error) = &search.error {
        return format!("{} ", clean_line(error));
    }
    if search.query.trim().is_empty() {
        return format!("{} ", view.trn("count.items", view.state.total_items()));
    }
    if search.answered != search.generation {
        // under way: the list still shows the previous query's hits, so no count yet
        let of = match search.total {
            0 => view.state.total_items(),
            total => total,
        };
        return format!(
            "{} ",
            view.trf("search.found", &[("found", &"…"), ("of", &of)])
        );
    }
    let found = view.state.item_count();
    let more = if search.complete { "" } else { "+" };
    let found = format!("{found}{more}");
    format!(
        "{} ",
        view.trf("search.found", &[("found", &found), ("of", &search.total)])
    )
}

/// `filter: 外语 · 1 of 8` for the footer while a kept filter narrows the list.
pub fn filter_badge(view: &View) -> Option<String> {
    let search = &view.state.search;
    if view.state.list.filter.is_none() || search.query.trim().is_empty() {
        return None;
    }
    let found = view.trf(
        "search.found",
        &[("found", &view.state.item_count()), ("of", &search.total)],
    );
    Some(format!(
        " {} ",
        view.trf(
            "search.filter",
            &[("query", &clean_line(&search.query)), ("found", &found)]
        )
    ))
}
