//! The "since" screen: every note and metric reading after a date, across all items, newest
//! first — the "what changed since the last meeting" page.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::View;
use crate::report::{Change, Entry};
use crate::text::{clean_line, truncate};

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let state = view.state;
    let since = state.since_date();
    let found = &state.screens.entries;
    let after = since.map_or(view.tr("since.beginning").into_owned(), |d| d.to_string());
    let block = Block::default()
        .borders(Borders::ALL)
        .padding(Padding::horizontal(1))
        .border_style(view.theme.border(true))
        .title(Line::from(vec![
            Span::styled(
                format!(" {} ", view.trf("since.title", &[("date", &after)])),
                view.theme.title(),
            ),
            Span::styled(
                format!("{} ", view.trn("since.count", found.len())),
                view.theme.dim(),
            ),
        ]));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if found.is_empty() {
        let text = view.trf("since.nothing", &[("date", &after)]);
        frame.render_widget(Paragraph::new(Line::styled(text, view.theme.dim())), inner);
        return;
    }
    let per_page = usize::from(inner.height / 2).max(1);
    let cursor = state.since_cursor().min(found.len() - 1);
    let first = cursor.saturating_sub(per_page - 1);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = found
        .iter()
        .enumerate()
        .skip(first)
        .take(per_page)
        .flat_map(|(i, entry)| entry_lines(view, entry, width, i == cursor))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn plain(text: &str) -> String {
    clean_line(text).into_owned()
}

/// Two lines: date, item and file; then what changed.
fn entry_lines(view: &View, entry: &Entry, width: usize, selected: bool) -> [Line<'static>; 2] {
    let head = format!(
        "{}  {} · {}",
        entry.date,
        clean_line(&entry.id),
        clean_line(&entry.title)
    );
    let what = match entry.change {
        Change::Note { .. } => format!(
            "  {}: {}",
            view.tr("since.note"),
            entry.change.describe(plain)
        ),
        Change::Metric { .. } => format!("  {}", entry.change.describe(plain)),
    };
    let head_style = if selected {
        view.theme.selected()
    } else {
        view.theme.date()
    };
    [
        Line::styled(truncate(&head, width).into_owned(), head_style),
        Line::raw(truncate(&what, width).into_owned()),
    ]
}
