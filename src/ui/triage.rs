//! Triage on the whole screen: the item large, what changed since its last review highlighted,
//! the clock with its timebox, and the summary when the walk ends.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::{View, metrics, popup, scrolled};
use crate::app::{Triage, format_duration};
use crate::layout::{LATEST_NOTES, triage_goal, triage_note};
use crate::model::{Date, Item};
use crate::report::{change_lines_in, changes, tally};
use crate::text::{clean_line, wrap};

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let Some(triage) = view.state.triage() else {
        return;
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .padding(Padding::horizontal(1))
        .border_style(view.theme.border(true))
        .title(clock_line(view, triage));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match current(view) {
        Some(item) => lines(view, item, usize::from(inner.width)),
        None => vec![Line::styled(view.tr("triage.gone"), view.theme.dim())],
    };
    frame.render_widget(
        Paragraph::new(scrolled(lines, view.state.details.zoom_scroll, inner)),
        inner,
    );
}

fn current<'a>(view: &View<'a>) -> Option<&'a Item> {
    let state = view.state;
    let (file, id) = state.triage()?.current()?;
    let doc = state.document(file)?;
    doc.item(doc.position(id)?)
}

/// ` Triage 3/8 · 5 left · 12:40 · this item 1m35s / 3m `
fn clock_line(view: &View, triage: &Triage) -> Line<'static> {
    let now = view.state.now;
    let since = |start: Option<std::time::Instant>| match (start, now) {
        (Some(start), Some(now)) => now.saturating_duration_since(start),
        _ => Duration::ZERO,
    };
    let total = since(triage.started);
    let item = since(triage.item_started);
    let mut spans = vec![
        Span::styled(
            format!(
                " {} ",
                view.trf(
                    "triage.title",
                    &[("at", &(triage.position + 1)), ("of", &triage.order.len())]
                )
            ),
            view.theme.title(),
        ),
        Span::raw(format!(
            "· {} · {} · ",
            view.trf("triage.left", &[("n", &triage.left())]),
            clock(total)
        )),
    ];
    let (text, style) = match triage.timebox {
        Some(limit) => {
            let spent = format!("{} / {}", format_duration(item), format_duration(limit));
            let text = format!("{} ", view.trf("triage.this_item", &[("time", &spent)]));
            (text, timebox_style(view, item, limit))
        }
        None => (
            format!(
                "{} ",
                view.trf("triage.this_item", &[("time", &format_duration(item))])
            ),
            Style::default(),
        ),
    };
    spans.push(Span::styled(text, style));
    if triage.timebox.is_some_and(|limit| item > limit) {
        spans.push(Span::styled(
            format!("{} ", view.tr("triage.over")),
            view.theme.error(),
        ));
    }
    Line::from(spans)
}

/// Plain until the last quarter of the timebox, then amber, then red once it is over.
fn timebox_style(view: &View, spent: Duration, limit: Duration) -> Style {
    if spent > limit {
        view.theme.error()
    } else if spent * 4 >= limit * 3 {
        view.theme.warning()
    } else {
        Style::default()
    }
}

fn clock(duration: Duration) -> String {
    let secs = duration.as_secs();
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// The item: title, fields, goal, what is new since the last review, latest notes, metrics.
pub fn lines(view: &View, item: &Item, width: usize) -> Vec<Line<'static>> {
    let theme = view.theme;
    let mut out = vec![
        Line::styled(
            format!("{} · {}", clean_line(&item.id), clean_line(&item.title)),
            theme.title(),
        ),
        fields(view, item),
        Line::default(),
    ];
    if let Some(goal) = &item.goal {
        out.extend(
            triage_goal(goal, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim())),
        );
        out.push(Line::default());
    }
    out.extend(new_since_review(view, item, width));
    out.push(Line::styled(view.tr("triage.latest_notes"), theme.title()));
    let order = item.notes_by_date();
    for &index in order.iter().rev().take(LATEST_NOTES) {
        let note = &item.progress[index];
        let fresh = item.reviewed.is_some_and(|r| note.date > r);
        note_lines(view, note.date, &note.text, width, fresh, &mut out);
    }
    if order.is_empty() {
        out.push(Line::styled(view.tr("triage.no_notes"), theme.dim()));
    }
    out.push(Line::default());
    out.push(Line::styled(view.tr("pane.metrics"), theme.title()));
    out.extend(metrics::lines(view, item, width));
    out
}

fn fields(view: &View, item: &Item) -> Line<'static> {
    let date = |d: Option<Date>| d.map_or("–".to_string(), |d| d.to_string());
    Line::from(vec![
        Span::styled(
            format!(" {} ", item.status.letter()),
            view.theme.badge(item.status),
        ),
        Span::raw(format!(
            " {}   ",
            item.status.label_in(view.state.settings.lang)
        )),
        Span::styled(format!("{} ", view.tr("field.lead")), view.theme.dim()),
        Span::raw(format!(
            "{}   ",
            clean_line(item.lead.as_deref().unwrap_or("–"))
        )),
        Span::styled(format!("{} ", view.tr("field.due")), view.theme.dim()),
        Span::raw(format!("{}   ", date(item.due))),
        Span::styled(format!("{} ", view.tr("field.reviewed")), view.theme.dim()),
        Span::raw(date(item.reviewed)),
    ])
}

/// Notes and metric readings dated after the item's last review, marked so they stand out
/// without colour too.
fn new_since_review(view: &View, item: &Item, width: usize) -> Vec<Line<'static>> {
    let Some(reviewed) = item.reviewed else {
        return vec![
            Line::styled(view.tr("triage.never_reviewed"), view.theme.warning()),
            Line::default(),
        ];
    };
    let mut out = vec![Line::styled(
        view.trf("triage.new_since", &[("date", &reviewed)]),
        view.theme.warning(),
    )];
    let before = out.len();
    for index in item.notes_by_date() {
        let note = &item.progress[index];
        if note.date > reviewed {
            note_lines(view, note.date, &note.text, width, true, &mut out);
        }
    }
    for metric in &item.metrics {
        let readings: Vec<String> = metric
            .history
            .iter()
            .filter(|p| p.date > reviewed)
            .map(|p| view.trf("triage.reading", &[("value", &p.value), ("date", &p.date)]))
            .collect();
        if !readings.is_empty() {
            let text = format!("▌ {}: {}", clean_line(&metric.name), readings.join(", "));
            out.push(Line::styled(text, view.theme.warning()));
        }
    }
    if out.len() == before {
        out.push(Line::styled(
            view.tr("triage.nothing_new"),
            view.theme.dim(),
        ));
    }
    out.push(Line::default());
    out
}

fn note_lines(
    view: &View,
    date: Date,
    text: &str,
    width: usize,
    fresh: bool,
    out: &mut Vec<Line<'static>>,
) {
    let mark = if fresh { "▌ " } else { "  " };
    let style = if fresh {
        view.theme.warning()
    } else {
        Style::default()
    };
    let body = triage_note(text, width);
    for (i, part) in body.into_iter().enumerate() {
        let head = if i == 0 {
            format!("{mark}{date} ")
        } else {
            format!("{mark}{} ", " ".repeat(10))
        };
        out.push(Line::from(vec![
            Span::styled(head, view.theme.date()),
            Span::styled(part, style),
        ]));
    }
}

/// The number of lines the triage view scrolls through, as drawn (the layout counts them).
#[cfg(test)]
pub fn height(view: &View) -> usize {
    let width = usize::from(view.state.size.width.saturating_sub(4));
    current(view).map_or(1, |item| lines(view, item, width).len())
}

/// The summary over the triage screen.
pub fn summary(frame: &mut Frame, area: Rect, view: &View) {
    let Some(triage) = view.state.triage() else {
        return;
    };
    let steps = view.state.history.steps();
    let changed = changes(
        steps[triage.first_step.min(steps.len())..]
            .iter()
            .map(|s| (s.file, &s.change)),
    );
    let counts = tally(&changed);
    let width = area.width.saturating_sub(4).min(90);
    let inner_width = usize::from(width.saturating_sub(4));
    let mut lines = vec![
        Line::raw(view.trf(
            "triage.walked",
            &[("seen", &triage.seen()), ("of", &triage.order.len())],
        )),
        Line::raw(view.trf(
            "triage.counts",
            &[
                ("reviewed", &counts.reviewed),
                ("statuses", &counts.status_changes),
                ("notes", &counts.notes),
            ],
        )),
        Line::default(),
    ];
    for change in &changed {
        lines.push(Line::styled(
            format!("{} · {}", clean_line(&change.id), clean_line(&change.title)),
            view.theme.title(),
        ));
        for text in change_lines_in(change, view.state.settings.lang) {
            lines.extend(
                wrap(&format!("  {text}"), inner_width)
                    .into_iter()
                    .map(Line::raw),
            );
        }
    }
    if changed.is_empty() {
        lines.push(Line::styled(view.tr("triage.no_changes"), view.theme.dim()));
    }
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 4);
    let title = view.tr("popup.summary");
    let inner = popup::open(frame, area, width, height, &title, view.theme);
    let body = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(scrolled(lines, 0, body)), body);
    let keys = Line::from(vec![
        Span::styled("x ", view.theme.key()),
        Span::raw(format!("{}   ", view.tr("hint.write minutes"))),
        Span::styled("Esc ", view.theme.key()),
        Span::raw(view.tr("hint.close")),
    ]);
    let bottom = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1.min(inner.height),
        ..inner
    };
    frame.render_widget(Paragraph::new(keys), bottom);
}
