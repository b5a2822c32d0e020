//! The `?` overlay: every key binding by mode, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{View, scrolled};
use crate::keymap;
use crate::text::pad;

const KEYS_WIDTH: usize = 16;

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let content = lines(view);
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2).min(content.len() as u16 + 2);
    let inner = super::popup::open(frame, area, width, height, "Keys", view.theme);
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
