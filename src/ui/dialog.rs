//! Small dialogs over the screen: the status picker, yes/no questions, and the choice between this
//! session's edit and someone else's change to the same item.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

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
        "Status",
        view.theme,
    );
    let mut lines: Vec<Line> = Status::ALL
        .iter()
        .map(|&status| {
            let key = status.letter().to_ascii_lowercase();
            let marker = if Some(status) == current {
                "  (now)"
            } else {
                ""
            };
            Line::from(vec![
                Span::styled(format!("{key}  "), view.theme.key()),
                Span::styled(format!(" {} ", status.letter()), view.theme.badge(status)),
                Span::raw(format!(" {}{marker}", status.label())),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled("Esc cancel", view.theme.dim()));
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
    let inner = popup::open(frame, area, width, height, "Confirm", view.theme);
    let mut lines: Vec<Line> = wrapped.into_iter().map(Line::raw).collect();
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y ", view.theme.key()),
        Span::raw("yes   "),
        Span::styled("n/Esc ", view.theme.key()),
        Span::raw("no"),
    ]));
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn conflict(frame: &mut Frame, area: Rect, view: &View, conflict: &ConflictView, left: usize) {
    let width = area.width.saturating_sub(2).min(110);
    let height = area.height.saturating_sub(2).min(24);
    let title = format!("Changed on disk meanwhile: item {}", conflict.id);
    let inner = popup::open(frame, area, width, height, &title, view.theme);
    let column = usize::from(inner.width.saturating_sub(3) / 2);
    let mut lines = vec![Line::from(vec![
        Span::styled(
            crate::text::pad("Yours (not saved)", column),
            view.theme.title(),
        ),
        Span::raw(" │ "),
        Span::styled("On disk now", view.theme.title()),
    ])];
    for clash in &conflict.clashes {
        let both = format!("both changed {}: ", clash.field);
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
    let mine = describe(conflict.mine.as_ref());
    let theirs = describe(conflict.theirs.as_ref());
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
        Span::raw("keep mine   "),
        Span::styled("t ", view.theme.key()),
        Span::raw("take theirs"),
        Span::styled(format!("   ({left} to decide)"), view.theme.dim()),
    ]));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// An item as short `field: value` lines, for comparing two versions side by side.
fn describe(item: Option<&Item>) -> Vec<String> {
    let Some(item) = item else {
        return vec!["(deleted)".into()];
    };
    let mut out = vec![
        format!("title: {}", clean_line(&item.title)),
        format!("status: {}", item.status.as_str()),
        format!("lead: {}", clean_line(item.lead.as_deref().unwrap_or("-"))),
        format!("due: {}", item.due.map_or("-".into(), |d| d.to_string())),
        format!("tags: {}", clean_line(&item.tags.join(", "))),
        format!("goal: {}", clean_line(item.goal.as_deref().unwrap_or("-"))),
        format!("notes: {}", item.progress.len()),
    ];
    for index in item.notes_by_date().into_iter().rev().take(3) {
        let note = &item.progress[index];
        out.push(format!("  {} {}", note.date, clean_line(&note.text)));
    }
    out.push(format!("metrics: {}", item.metrics.len()));
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
