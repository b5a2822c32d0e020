//! The `?` overlay: every key binding by mode, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{View, scrolled};
use crate::keymap;
use crate::text::pad;

const KEYS_WIDTH: usize = 16;

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let content = lines(view);
    let width = (area.width.saturating_sub(4)).min(72);
    let height = (area.height.saturating_sub(2)).min(content.len() as u16 + 2);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(view.theme.border(true))
        .title(Span::styled(" Keys ", view.theme.title()));
    let inner = block.inner(popup);
    super::blank_cut_wide_characters(frame.buffer_mut(), popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let shown = scrolled(content, view.state.help_scroll, inner);
    frame.render_widget(Paragraph::new(shown), inner);
}

fn lines(view: &View) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (title, rows) in keymap::help_sections() {
        out.push(Line::styled(title.to_string(), view.theme.title()));
        for (keys, help) in rows {
            out.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&keys, KEYS_WIDTH)), view.theme.key()),
                Span::raw(help.to_string()),
            ]));
        }
        out.push(Line::default());
    }
    out.pop();
    out
}

/// The number of help lines (for scrolling limits).
pub fn height(view: &View) -> usize {
    lines(view).len()
}
