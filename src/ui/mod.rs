//! Drawing the interface from the state. Rendering only reads: it never changes the state and
//! never touches the disk. One file per pane or widget.

pub mod dashboard;
mod dialog;
mod footer;
mod form;
mod header;
mod help;
pub mod item_list;
pub mod metrics;
mod popup;
mod search_line;
mod settle;
mod since;
mod theme;
pub mod timeline;
pub mod triage;
pub mod zoom;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub use help::height as help_height;
pub use theme::{Colour, Theme, ThemeName};

use crate::app::{Mode, State};
use crate::keymap::Keymap;
use crate::layout::Panes;

/// What a frame is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub state: &'a State,
    pub theme: Theme,
    /// The session's keys, for the footer hints and the help.
    pub keys: &'a Keymap,
    /// How dates are shown (a strftime pattern); `None` for `YYYY-MM-DD`.
    pub date_format: Option<&'a str>,
}

impl<'a> View<'a> {
    /// `state` without colour, with the default keys (for measuring and tests).
    pub fn plain(state: &'a State) -> View<'a> {
        View {
            state,
            theme: Theme::plain(),
            keys: Keymap::defaults(),
            date_format: None,
        }
    }

    /// A date as the user wants dates shown.
    pub fn date(&self, date: crate::model::Date) -> String {
        match self.date_format {
            Some(pattern) => date.format_with(pattern),
            None => date.to_string(),
        }
    }
}

/// What the user chose for the session's looks: colours, keys and the date format.
#[derive(Debug, Clone)]
pub struct Looks {
    pub theme: Theme,
    pub keys: Keymap,
    pub date_format: Option<String>,
}

impl View<'_> {
    /// The interface string `key` in the state's language.
    pub fn tr(&self, key: &str) -> std::borrow::Cow<'static, str> {
        crate::lang::tr(self.state.settings.lang, key)
    }

    /// A count in the state's language (see [`crate::lang::trn`]).
    pub fn trn(&self, key: &str, n: usize) -> String {
        crate::lang::trn(self.state.settings.lang, key, n)
    }

    /// [`View::tr`] with each `%{name}` filled in from `args`.
    pub fn trf(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        crate::lang::trf(self.state.settings.lang, key, args)
    }
}

/// Draws the whole screen with the default keys and dates.
pub fn render(frame: &mut Frame, state: &State, theme: Theme) {
    let view = View {
        theme,
        ..View::plain(state)
    };
    draw(frame, view);
}

/// Draws the whole screen as the user chose: `looks` gives the colours, the keys shown in the
/// footer and the help, and the date format.
pub fn render_with(frame: &mut Frame, state: &State, looks: &Looks) {
    let view = View {
        state,
        theme: looks.theme,
        keys: &looks.keys,
        date_format: looks.date_format.as_deref(),
    };
    draw(frame, view);
}

fn draw(frame: &mut Frame, view: View) {
    let state = view.state;
    let area = frame.area();
    let panes = Panes::new(area);
    let underneath = state.screen.mode();
    match underneath {
        Mode::Zoom => zoom::render(frame, Panes::zoom_body(area), &view),
        Mode::Triage => triage::render(frame, Panes::zoom_body(area), &view),
        Mode::Since | Mode::Dashboard => {
            header::render(frame, panes.header, &view);
            let body = Rect {
                y: panes.list.y,
                height: panes.footer.y.saturating_sub(panes.list.y),
                ..area
            };
            if underneath == Mode::Since {
                since::render(frame, body, &view);
            } else {
                dashboard::render(frame, body, &view);
            }
        }
        _ => {
            header::render(frame, panes.header, &view);
            item_list::render(frame, panes.list, &view);
            if let Some(rect) = panes.timeline {
                timeline::render(frame, rect, &view, state.details.timeline_scroll, true);
            }
            if let Some(rect) = panes.metrics {
                metrics::render(frame, rect, &view, state.details.metrics_scroll, true);
            }
        }
    }
    footer::render(frame, panes.footer, &view);
    match state.mode() {
        Mode::Help => help::render(frame, area, &view),
        Mode::Form => {
            if let Some(form) = state.form() {
                // The screen's footer stays in sight under the form.
                let above_footer = Rect {
                    height: panes.footer.y.saturating_sub(area.y).max(1),
                    ..area
                };
                form::render(frame, above_footer, &view, form);
            }
        }
        Mode::StatusPicker => dialog::status_picker(frame, area, &view),
        Mode::Confirm => {
            if let Some(confirm) = state.confirm() {
                dialog::confirm(frame, area, &view, &confirm.question);
            }
        }
        Mode::Conflict => {
            if let Some(conflict) = state.conflicts.first() {
                dialog::conflict(frame, area, &view, conflict, state.conflicts.len());
            }
        }
        Mode::MergeConflict => settle::render(frame, area, &view),
        Mode::Summary => triage::summary(frame, area, &view),
        Mode::Search => {}
        Mode::Browse | Mode::Zoom | Mode::Triage | Mode::Since | Mode::Dashboard => {}
    }
    make_cells_safe(frame);
}

/// The last line of defence against text that could steer the terminal: every cell about to be
/// sent is checked, and one holding a control, bidirectional or joining character (which only a
/// widget drawing raw input could put there) is replaced by a safe symbol of the same width.
fn make_cells_safe(frame: &mut Frame) {
    for cell in &mut frame.buffer_mut().content {
        if let Some(safe) = crate::text::safe_cell_symbol(cell.symbol()) {
            cell.set_symbol(&safe);
        }
    }
}

/// A detail pane's frame: border (bold when focused), padding, and its title with a count.
pub fn pane_block(
    view: &View,
    title: &str,
    count: usize,
    focused: bool,
) -> ratatui::widgets::Block<'static> {
    use ratatui::text::Span;
    use ratatui::widgets::{Block, Borders, Padding};
    Block::default()
        .borders(Borders::ALL)
        .padding(Padding::horizontal(1))
        .border_style(view.theme.border(focused))
        .title(Line::from(vec![
            Span::styled(format!(" {title} "), view.theme.title()),
            Span::styled(format!("{count} "), view.theme.dim()),
        ]))
}

/// The lines of a scrolled view that fit in `area`; the scroll never goes past the last line.
pub fn scrolled(lines: Vec<Line<'static>>, scroll: usize, area: Rect) -> Vec<Line<'static>> {
    let start = scroll.min(lines.len().saturating_sub(1));
    lines
        .into_iter()
        .skip(start)
        .take(usize::from(area.height))
        .collect()
}

/// `line` cut to `width` cells, ending in `…` where something was cut, each span keeping its style.
pub(crate) fn cut_line(line: Line<'static>, width: usize) -> Line<'static> {
    let total: usize = line
        .spans
        .iter()
        .map(|s| crate::text::width(&s.content))
        .sum();
    if total <= width {
        return line;
    }
    let mut budget = width;
    let mut spans = Vec::new();
    for span in line.spans {
        let cells = crate::text::width(&span.content);
        if cells < budget {
            budget -= cells;
            spans.push(span);
            continue;
        }
        // This span reaches the edge and more follows: cut it, leaving room for the mark.
        let room = if cells > budget { budget } else { budget - 1 };
        let cut = crate::text::truncate(&span.content, room).into_owned();
        spans.push(ratatui::text::Span::styled(cut, span.style));
        break;
    }
    Line::from(spans)
}

#[cfg(test)]
mod layout_tests;
