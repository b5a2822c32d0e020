//! The footer: the latest message, or the key hints of the current mode (from the keymap table).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::View;
use crate::app::Level;
use crate::text::clean_line;

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    // while the search line is open it keeps the footer (a query's problem shows beside it)
    if view.state.mode() == crate::app::Mode::Search {
        super::search_line::render(frame, area, view);
        return;
    }
    let line = match &view.state.message {
        Some(message) => {
            let style = match message.level {
                Level::Info => ratatui::style::Style::new(),
                Level::Warning => view.theme.warning(),
                Level::Error => view.theme.error(),
            };
            let room = usize::from(area.width).saturating_sub(1);
            let text = clean_line(&message.text);
            Line::styled(format!(" {}", crate::text::truncate(&text, room)), style)
        }
        None => hints(view, usize::from(area.width)),
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn hints(view: &View, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    if let Some(open) = view.state.files.iter().find(|f| f.save_error.is_some()) {
        spans.push(Span::styled(
            format!(
                " {} ",
                view.trf("footer.not_saved", &[("file", &clean_line(&open.name()))])
            ),
            view.theme.error(),
        ));
    }
    if let Some(badge) = super::search_line::filter_badge(view) {
        spans.push(Span::styled(badge, view.theme.key()));
    }
    let used: usize = spans.iter().map(|s| crate::text::width(&s.content)).sum();
    let all = match (view.state.form(), view.state.mode()) {
        (Some(form), crate::app::Mode::Form) => super::form::hints_for(view, form),
        _ => view.keys.hints(view.state.mode(), view.state.focus),
    };
    let all = all
        .into_iter()
        .map(|(keys, hint)| (keys, hint_text(view, hint)))
        .collect();
    let hints = fit(all, width.saturating_sub(used));
    for (keys, hint) in hints {
        spans.push(Span::styled(format!(" {keys}"), view.theme.key()));
        spans.push(Span::styled(format!(" {hint} "), view.theme.dim()));
    }
    Line::from(spans)
}

/// A footer hint (the keymap's English word) in the interface language.
pub(super) fn hint_text(view: &View, hint: &str) -> String {
    view.tr(&format!("hint.{hint}")).into_owned()
}

/// Drops hints from the middle until the rest fit in `width` cells; the first (moving) and the
/// last two (help, quit) stay as long as anything does.
fn fit(mut hints: Vec<(String, String)>, width: usize) -> Vec<(String, String)> {
    let cost = |hints: &[(String, String)]| -> usize {
        hints
            .iter()
            .map(|(k, h)| crate::text::width(k) + crate::text::width(h) + 3)
            .sum()
    };
    while cost(&hints) > width && hints.len() > 3 {
        hints.remove(hints.len() - 3);
    }
    while cost(&hints) > width && !hints.is_empty() {
        hints.pop();
    }
    hints
}
