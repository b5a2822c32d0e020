//! Small dialogs over the screen: the status picker, yes/no questions, and the choice between this
//! session's edit and someone else's change to the same item.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::footer::hint_text;
use super::{View, popup};
use crate::app::ConflictView;
use crate::model::{Item, Status};
use crate::text::{clean_line, truncate};

pub fn status_picker(frame: &mut Frame, area: Rect, view: &View) {
    let current = view.state.selected_item().map(|i| i.status);
    let inner = popup::open(
        frame,
        area,
        30,
        Status::ALL.len() as u16 + 4,
        &view.tr("popup.status"),
        view.theme,
    );
    let mut lines: Vec<Line> = Status::ALL
        .iter()
        .map(|&status| {
            let key = status.letter().to_ascii_lowercase();
            let marker = if Some(status) == current {
                format!("  ({})", view.tr("dialog.now"))
            } else {
                String::new()
            };
            Line::from(vec![
                Span::styled(format!("{key}  "), view.theme.key()),
                Span::styled(format!(" {} ", status.letter()), view.theme.badge(status)),
                Span::raw(format!(
                    " {}{marker}",
                    status.label_in(view.state.settings.lang)
                )),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("Esc {}", hint_text(view, "cancel")),
        view.theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A yes/no question. The question is wrapped inside the dialog, which grows to hold it; one too
/// long for the screen is cut with `…`, so the `y / n` line always shows.
pub fn confirm(frame: &mut Frame, area: Rect, view: &View, question: &str) {
    let width = area.width.saturating_sub(4).min(64);
    // Borders and one column of padding on each side.
    let cells = usize::from(width.saturating_sub(4)).max(1);
    // Borders, the blank line and the `y / n` line.
    let room = usize::from(area.height.saturating_sub(4)).max(1);
    let (mut wrapped, more) = crate::text::wrap_at_most(&clean_line(question), cells, room);
    if more && let Some(last) = wrapped.last_mut() {
        *last = truncate(&format!("{last}…"), cells).into_owned();
    }
    let height = u16::try_from(wrapped.len() + 4).unwrap_or(u16::MAX);
    let inner = popup::open(
        frame,
        area,
        width,
        height,
        &view.tr("popup.confirm"),
        view.theme,
    );
    let mut lines: Vec<Line> = wrapped.into_iter().map(Line::raw).collect();
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y ", view.theme.key()),
        Span::raw(format!("{}   ", hint_text(view, "yes"))),
        Span::styled("n/Esc ", view.theme.key()),
        Span::raw(hint_text(view, "no")),
    ]));
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn conflict(frame: &mut Frame, area: Rect, view: &View, conflict: &ConflictView, left: usize) {
    let width = area.width.saturating_sub(2).min(110);
    let height = area.height.saturating_sub(2).min(24);
    let title = view.trf("dialog.changed_on_disk", &[("id", &conflict.id)]);
    let inner = popup::open(frame, area, width, height, &title, view.theme);
    let column = usize::from(inner.width.saturating_sub(3) / 2);
    let mut lines = vec![Line::from(vec![
        Span::styled(
            crate::text::pad(&view.tr("dialog.yours"), column),
            view.theme.title(),
        ),
        Span::raw(" │ "),
        Span::styled(view.tr("dialog.on_disk"), view.theme.title()),
    ])];
    for clash in &conflict.clashes {
        let field = view.tr(&format!("field.{}", clash.field));
        let both = format!(
            "{}: ",
            view.trf("dialog.both_changed", &[("field", &field)])
        );
        lines.push(Line::from(vec![
            Span::styled(
                crate::text::pad(&format!("{both}{}", clean_line(&clash.mine)), column),
                view.theme.error(),
            ),
            Span::raw(" │ "),
            Span::styled(
                truncate(&format!("{both}{}", clean_line(&clash.theirs)), column).into_owned(),
                view.theme.error(),
            ),
        ]));
    }
    let mine = describe(view, conflict.mine.as_ref());
    let theirs = describe(view, conflict.theirs.as_ref());
    for i in 0..mine.len().max(theirs.len()) {
        let a = mine.get(i).map_or("", String::as_str);
        let b = theirs.get(i).map_or("", String::as_str);
        let style = if a == b {
            view.theme.dim()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(crate::text::pad(a, column), style),
            Span::raw(" │ "),
            Span::styled(truncate(b, column).into_owned(), style),
        ]));
    }
    let rows = usize::from(inner.height.saturating_sub(2));
    lines.truncate(rows);
    while lines.len() < rows {
        lines.push(Line::default());
    }
    lines.push(Line::from(vec![
        Span::styled("m ", view.theme.key()),
        Span::raw(format!("{}   ", hint_text(view, "keep mine"))),
        Span::styled("t ", view.theme.key()),
        Span::raw(hint_text(view, "take theirs")),
        Span::styled(
            format!("   ({})", view.trf("dialog.to_decide", &[("n", &left)])),
            view.theme.dim(),
        ),
    ]));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// An item as short `field: value` lines, for comparing two versions side by side.
fn describe(view: &View, item: Option<&Item>) -> Vec<String> {
    let Some(item) = item else {
        return vec![format!("({})", view.tr("dialog.deleted"))];
    };
    let field = |name: &str, value: &str| format!("{}: {value}", view.tr(&format!("field.{name}")));
    let mut out = vec![
        field("title", &clean_line(&item.title)),
        field("status", &item.status.label_in(view.state.settings.lang)),
        field("lead", &clean_line(item.lead.as_deref().unwrap_or("-"))),
        field("due", &item.due.map_or("-".into(), |d| d.to_string())),
        field("tags", &clean_line(&item.tags.join(", "))),
        field("goal", &clean_line(item.goal.as_deref().unwrap_or("-"))),
        field("notes", &item.progress.len().to_string()),
    ];
    for index in item.notes_by_date().into_iter().rev().take(3) {
        let note = &item.progress[index];
        out.push(format!("  {} {}", note.date, clean_line(&note.text)));
    }
    out.push(field("metrics", &item.metrics.len().to_string()));
    for metric in &item.metrics {
        let unit = metric.unit.as_deref().unwrap_or("");
        out.push(format!(
            "  {}: {} {unit}",
            clean_line(&metric.name),
            metric.value
        ));
    }
    out
}
