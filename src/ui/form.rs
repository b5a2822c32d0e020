//! The edit form over the screen: one row per field (several for multi-line text), the reason a
//! submit was refused, and the keys. The terminal cursor sits in the focused field, so an input
//! method's candidate window opens where the text goes.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::{View, popup};
use crate::app::{Field, Form, Input};
use crate::model::Status;

const LABEL_WIDTH: u16 = 8;
const MULTILINE_ROWS: u16 = 5;

pub fn render(frame: &mut Frame, area: Rect, view: &View, form: &Form) {
    let wanted: u16 = form.fields.iter().map(field_rows).sum();
    let width = area.width.saturating_sub(4).clamp(20, 100);
    let title = form.title.text(view.state.settings.lang);
    let inner = popup::open(frame, area, width, wanted + 4, &title, view.theme);
    // On a short screen the keys take one line (the screen's footer shows them too).
    let footer_rows = if inner.height >= wanted + 2 { 2 } else { 1 };
    let footer_rows = footer_rows.min(inner.height);
    let rows = fit_rows(form, inner.height.saturating_sub(footer_rows));
    let mut y = inner.y;
    for (index, field) in form.fields.iter().enumerate() {
        let rows = rows[index];
        if rows == 0 {
            continue;
        }
        let rect = Rect::new(inner.x, y, inner.width, rows);
        render_field(frame, rect, view, field, index == form.focus);
        y += rows;
    }
    let footer = Rect::new(
        inner.x,
        inner.bottom().saturating_sub(footer_rows),
        inner.width,
        footer_rows,
    );
    let mut lines = footer_lines(view, form, usize::from(footer.width));
    if footer_rows < 2 && lines.len() > 1 && form.error.is_none() {
        // Only the keys fit: skip the blank line above them.
        lines.remove(0);
    }
    frame.render_widget(Paragraph::new(lines), footer);
}

/// How many rows each field gets in `room` rows: all it wants when there is room; else multi-line
/// fields shrink (the focused one last) down to one row; else only the fields around the focused
/// one are shown (0 rows for the others), so no field is ever cut in half.
fn fit_rows(form: &Form, room: u16) -> Vec<u16> {
    let mut rows: Vec<u16> = form.fields.iter().map(field_rows).collect();
    let mut total: u16 = rows.iter().sum();
    while total > room {
        let shrink = (0..rows.len())
            .filter(|&i| rows[i] > 1)
            .max_by_key(|&i| (i != form.focus, rows[i]));
        let Some(i) = shrink else {
            break;
        };
        rows[i] -= 1;
        total -= 1;
    }
    if total <= room {
        return rows;
    }
    // One row a field: a window of `room` fields that holds the focused one.
    let shown = usize::from(room).max(1);
    let start = form
        .focus
        .saturating_sub(shown - 1)
        .min(rows.len().saturating_sub(shown));
    (0..rows.len())
        .map(|i| u16::from((start..start + shown).contains(&i)))
        .collect()
}

fn field_rows(field: &Field) -> u16 {
    match field.input {
        Input::Text {
            multiline: true, ..
        } => MULTILINE_ROWS,
        _ => 1,
    }
}

fn render_field(frame: &mut Frame, rect: Rect, view: &View, field: &Field, focused: bool) {
    let label_style = if focused {
        view.theme.key()
    } else {
        view.theme.dim()
    };
    let label = Rect {
        width: LABEL_WIDTH.min(rect.width),
        ..rect
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            view.tr(&format!("field.{}", field.label)),
            label_style,
        )),
        label,
    );
    let input = Rect {
        x: rect.x + label.width,
        width: rect.width.saturating_sub(label.width),
        ..rect
    };
    match &field.input {
        Input::Text { area, .. } => render_text(frame, input, view, area, focused),
        Input::Status(status) => render_status(frame, input, view, *status, focused),
    }
}

fn render_text(
    frame: &mut Frame,
    rect: Rect,
    view: &View,
    area: &TextArea<'static>,
    focused: bool,
) {
    let mut shown = area.clone();
    shown.set_cursor_line_style(Style::default());
    shown.set_style(if focused {
        Style::default()
    } else {
        view.theme.dim()
    });
    shown.set_cursor_style(if focused {
        view.theme.selected()
    } else {
        Style::default()
    });
    frame.render_widget(&shown, rect);
    if focused {
        let cursor = shown.screen_cursor();
        let (top, left) = shown.scroll_offset();
        let row = cursor.row.saturating_sub(usize::from(top));
        let column = cursor.col.saturating_sub(usize::from(left));
        let x = rect
            .x
            .saturating_add(u16::try_from(column).unwrap_or(u16::MAX));
        let y = rect
            .y
            .saturating_add(u16::try_from(row).unwrap_or(u16::MAX));
        if x < rect.right() && y < rect.bottom() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

fn render_status(frame: &mut Frame, rect: Rect, view: &View, status: Status, focused: bool) {
    let mut spans = vec![
        Span::styled(format!(" {} ", status.letter()), view.theme.badge(status)),
        Span::raw(format!(" {}", status.label_in(view.state.settings.lang))),
    ];
    if focused {
        let letters: Vec<String> = Status::ALL
            .iter()
            .map(|s| s.letter().to_ascii_lowercase().to_string())
            .collect();
        spans.push(Span::styled(
            format!(
                "   {}",
                view.trf("form.status_keys", &[("letters", &letters.join(" "))])
            ),
            view.theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), rect);
}

fn footer_lines(view: &View, form: &Form, width: usize) -> Vec<Line<'static>> {
    let error = match form.error.as_ref().or(form.notice.as_ref()) {
        Some(error) => Line::styled(
            crate::text::truncate(&crate::text::clean_line(error), width).into_owned(),
            view.theme.error(),
        ),
        None => Line::default(),
    };
    let mut hints = Vec::new();
    for (keys, hint) in hints_for(view, form) {
        hints.push(Span::styled(format!("{keys} "), view.theme.key()));
        let hint = super::footer::hint_text(view, hint);
        hints.push(Span::styled(format!("{hint}  "), view.theme.dim()));
    }
    vec![error, super::cut_line(Line::from(hints), width)]
}

/// The form keys that do something in `form`: a new line only where a field takes line breaks,
/// the next field only with several fields, and Tab's completion where it completes.
pub fn hints_for(view: &View, form: &Form) -> Vec<(String, &'static str)> {
    use crate::app::{Input, Intent, Mode, Pane};
    let multiline = form.fields.iter().any(|f| {
        matches!(
            f.input,
            Input::Text {
                multiline: true,
                ..
            }
        )
    });
    let completes = !form.suggestions.is_empty() && form.fields.len() == 1;
    let mut hints = view
        .keys
        .hints_where(Mode::Form, Pane::Items, |action| match action {
            Intent::Newline => multiline,
            Intent::NextField => form.fields.len() > 1,
            _ => true,
        });
    if completes {
        // after "save", where "next field" would stand
        let at = hints.len().min(1);
        hints.insert(at, ("Tab".to_string(), "complete"));
    }
    hints
}
