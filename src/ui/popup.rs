//! A centred box drawn over the screen, for help, forms and questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Padding};

use super::Theme;

/// Clears a centred `width`×`height` box (clamped to `area`), draws its border and title, and
/// returns the inside.
pub fn open(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    theme: Theme,
) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    let block = Block::default()
        .borders(Borders::ALL)
        .padding(Padding::horizontal(1))
        .border_style(theme.border(true))
        .title(Span::styled(
            format!(" {} ", crate::text::clean_line(title)),
            theme.title(),
        ));
    let inner = block.inner(rect);
    blank_cut_wide_characters(frame, rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    inner
}

/// Blanks wide characters that the box cuts in half on its left edge: a terminal would draw the
/// whole character over the box's border.
fn blank_cut_wide_characters(frame: &mut Frame, rect: Rect) {
    if rect.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        if let Some(cell) = buffer.cell_mut((rect.x - 1, y))
            && crate::text::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}
