//! The header: report title and period on the first line, item counts per status on the second.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::View;
use crate::model::Status;
use crate::report::period_text_in;
use crate::text::{clean_line, truncate};

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let mut lines = vec![title_line(view, usize::from(area.width))];
    if area.height > 1 {
        lines.push(super::cut_line(counts_line(view), usize::from(area.width)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn title_line(view: &View, width: usize) -> Line<'static> {
    let state = view.state;
    let Some(doc) = state.selected_document() else {
        return Line::styled(" tally", view.theme.title());
    };
    let mut tail = period_text_in(doc, state.settings.lang)
        .map(|p| format!("  {p}"))
        .unwrap_or_default();
    if state.files.len() > 1 {
        tail.push_str(&format!(
            "  ({})",
            view.trf("header.files", &[("n", &state.files.len())])
        ));
    }
    if state.settings.read_only.is_some() {
        // Before the period, so a narrow screen cuts the period first.
        tail.insert_str(0, "  [read-only]");
    }
    let room = width
        .saturating_sub(crate::text::width(&tail) + 1)
        .max(width / 2);
    // with several files, the selected item's file comes first
    let title = match state.selected_file_label() {
        Some(label) => format!("[{}] {}", clean_line(&label), clean_line(&doc.header.title)),
        None => clean_line(&doc.header.title).into_owned(),
    };
    let title = truncate(&title, room).into_owned();
    // on a narrow screen the period gives way, marked, rather than being cut mid-date
    let left = width.saturating_sub(crate::text::width(&title) + 1);
    let tail = truncate(&tail, left).into_owned();
    Line::from(vec![
        Span::styled(format!(" {title}"), view.theme.title()),
        Span::styled(tail, view.theme.dim()),
    ])
}

fn counts_line(view: &View) -> Line<'static> {
    let state = view.state;
    let counts = state.status_counts();
    let mut spans = vec![Span::styled(
        format!(" {} ", view.trn("count.items", state.total_items())),
        view.theme.title(),
    )];
    let mut order = Vec::new();
    if state.list.sort != crate::app::SortKey::File {
        let sort = view.tr(&format!("sort.{}", state.list.sort.label()));
        order.push(view.trf("header.sort", &[("order", &sort)]));
    }
    if state.list.group != crate::app::GroupBy::None {
        let group = view.tr(&format!("group.{}", state.list.group.label()));
        order.push(view.trf("header.group", &[("by", &group)]));
    }
    for status in Status::ALL {
        let count = counts[status as usize];
        if count == 0 {
            continue;
        }
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!(" {} ", status.letter()),
            view.theme.badge(status),
        ));
        spans.push(Span::styled(
            format!(" {} {count}", status.label_in(state.settings.lang)),
            view.theme.status_text(status),
        ));
    }
    if !order.is_empty() {
        spans.push(Span::styled(
            format!("   {}", order.join(" · ")),
            view.theme.dim(),
        ));
    }
    if let Some(mark) = team_mark(view) {
        spans.push(Span::styled(format!("   {mark}"), view.theme.warning()));
    }
    Line::from(spans)
}

/// `⟳ syncing` while a sync runs, else `git ↑1 ↓2` when commits wait to be pushed or pulled.
fn team_mark(view: &View) -> Option<String> {
    let team = &view.state.team;
    if team.syncing {
        return Some(format!("⟳ {}", view.tr("header.syncing")));
    }
    let label = team.mark?.label();
    (!label.is_empty()).then(|| format!("git {label}"))
}
