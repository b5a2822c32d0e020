//! The `?` overlay: every key binding by mode, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{View, scrolled};
use crate::app::State;
use crate::text::{clean_line, pad, wrap};

const KEYS_WIDTH: usize = 14;
const MAX_WIDTH: u16 = 84;

/// The help box's size on a screen of `area`, and its inside width.
fn size(area: Rect) -> (u16, usize) {
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    (width, usize::from(width.saturating_sub(4)))
}

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let (width, inner_width) = size(area);
    let content = lines(view, inner_width);
    let height = area.height.saturating_sub(2).min(content.len() as u16 + 2);
    let title = view.tr("popup.keys");
    let inner = super::popup::open(frame, area, width, height, &title, view.theme);
    let shown = scrolled(content, view.state.help_scroll(), inner);
    frame.render_widget(Paragraph::new(shown), inner);
}

/// Sections of `keys  description`, descriptions wrapped under themselves.
fn lines(view: &View, width: usize) -> Vec<Line<'static>> {
    let text_width = width.saturating_sub(KEYS_WIDTH + 2).max(10);
    let mut out = Vec::new();
    let closed = crate::app::HelpView::default();
    let help = view.state.help().unwrap_or(&closed);
    let query = &help.query;
    if help.typing || !query.is_empty() {
        let cursor = if help.typing { "▏" } else { "" };
        out.push(Line::styled(
            format!("/{}{cursor}", clean_line(query)),
            view.theme.key(),
        ));
        out.push(Line::default());
    }
    let sections = view
        .keys
        .help_sections_matching(query, |kind, text| view.tr(&format!("{kind}.{text}")));
    if sections.is_empty() {
        out.push(Line::raw(view.tr("popup.no_key_matches")));
        return out;
    }
    for (title, rows) in sections {
        out.push(Line::styled(
            view.tr(&format!("help.{title}")),
            view.theme.title(),
        ));
        for (keys, help) in rows {
            let help = view.tr(&format!("keys.{help}"));
            for (i, part) in wrap(&help, text_width).into_iter().enumerate() {
                let keys = if i == 0 {
                    pad(&keys, KEYS_WIDTH)
                } else {
                    " ".repeat(KEYS_WIDTH)
                };
                out.push(Line::from(vec![
                    Span::styled(format!("  {keys}"), view.theme.key()),
                    Span::raw(part),
                ]));
            }
        }
        out.push(Line::default());
    }
    out.pop();
    out
}

/// The number of help lines for `state`'s screen and language (for scrolling limits: the
/// interface hands it to the update function, see [`crate::app::HelpHeight`]).
pub fn height(state: &State) -> usize {
    lines(&View::plain(state), size(state.size).1).len()
}
