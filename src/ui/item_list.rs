//! The item list: one row per item (id, status badge, title, lead, progress), built only for the
//! rows on screen so a list of 100,000 items costs no more per frame than a list of ten.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::View;
use crate::app::{ItemRef, Pane, Row};
use crate::model::{Item, Status};
use crate::report::progress_figure;
use crate::text::{clean_line, pad, pad_left, width};

/// Draws the list into `area` (border included).
pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let state = view.state;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(view.theme.border(state.focus == Pane::Items))
        .title(title(view));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let columns = Columns::fit(view, usize::from(inner.width));
    if crate::layout::has_list_header(area) {
        let header = Rect { height: 1, ..inner };
        frame.render_widget(Paragraph::new(columns.header(view)), header);
    }
    let inner = crate::layout::list_body(area);
    let rows = usize::from(inner.height);
    let start = state.list.offset.min(state.list.rows.len());
    let end = (start + rows).min(state.list.rows.len());
    let visible = &state.list.rows[start..end];
    let width = usize::from(inner.width);
    let lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .filter_map(|(i, row)| match row {
            Row::Item(item_ref) => {
                let item = state.item(*item_ref)?;
                Some(columns.line(view, *item_ref, item, start + i == state.list.selected))
            }
            Row::Group {
                label,
                count,
                status,
            } => Some(group_line(view, label, *count, *status, width)),
        })
        .collect();
    let lines = if lines.is_empty() {
        // Indented like the rows' ids and the other panes' text.
        empty_text(view)
            .into_iter()
            .map(|line| Line::styled(format!(" {line}"), view.theme.dim()))
            .collect()
    } else {
        lines
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `── at risk · 3 ───────`
fn group_line(
    view: &View,
    label: &str,
    count: usize,
    status: Option<Status>,
    cells: usize,
) -> Line<'static> {
    let mut spans = vec![Span::styled("── ", view.theme.dim())];
    if let Some(status) = status {
        spans.push(Span::styled(
            format!(" {} ", status.letter()),
            view.theme.badge(status),
        ));
        spans.push(Span::raw(" "));
    }
    // a status group is named in the interface language; leads and files are data
    let label = match status {
        Some(status) => status.label_in(view.state.settings.lang),
        None if label == "(no lead)" => view.tr("list.no_lead"),
        None => std::borrow::Cow::Borrowed(label),
    };
    let text = format!("{} · {count} ", clean_line(&label));
    let used = 3 + status.map_or(0, |_| 4) + width(&text);
    spans.push(Span::styled(text, view.theme.title()));
    spans.push(Span::styled(
        "─".repeat(cells.saturating_sub(used)),
        view.theme.dim(),
    ));
    Line::from(spans)
}

fn title(view: &View) -> Line<'static> {
    let state = view.state;
    let count = state.item_count();
    let position = if count == 0 {
        String::from("0")
    } else {
        let before = state.list.rows[..state.list.selected.min(state.list.rows.len())]
            .iter()
            .filter(|r| r.item().is_some())
            .count();
        format!("{}/{count}", before + 1)
    };
    Line::from(vec![
        Span::styled(format!(" {} ", view.tr("pane.items")), view.theme.title()),
        Span::styled(format!("{position} "), view.theme.dim()),
    ])
}

/// What an empty list says: how to start when there is nothing yet, not a dead end.
fn empty_text(view: &View) -> Vec<String> {
    let key = if view.state.files.is_empty() {
        "list.no_report"
    } else if view.state.total_items() == 0 {
        "list.no_items"
    } else {
        "list.no_match"
    };
    view.tr(key).lines().map(str::to_string).collect()
}

/// The widths of the columns for this frame.
struct Columns {
    file: usize,
    /// The file labels, when several files are open.
    labels: Vec<String>,
    id: usize,
    title: usize,
    lead: usize,
    progress: usize,
}

const BADGE: usize = 3;

impl Columns {
    fn fit(view: &View, total: usize) -> Columns {
        let state = view.state;
        let id = state.id_cells().clamp(2, 8);
        let labels = if state.files.len() > 1 && total >= 50 {
            crate::app::file_labels(&state.files)
                .iter()
                .map(|label| clean_line(label).into_owned())
                .collect()
        } else {
            Vec::new()
        };
        let file = labels.iter().map(|l| width(l)).max().unwrap_or(0).min(12);
        let progress = if total >= 36 { 4 } else { 0 };
        let lead = match total {
            t if t >= 70 => 14,
            t if t >= 52 => 10,
            _ => 0,
        };
        let fixed = [file, id, BADGE, lead, progress]
            .iter()
            .filter(|w| **w > 0)
            .map(|w| w + 1)
            .sum::<usize>();
        Columns {
            file,
            labels,
            id,
            title: total.saturating_sub(fixed),
            lead,
            progress,
        }
    }

    /// The column names over the rows, each where its column is.
    fn header(&self, view: &View) -> Line<'static> {
        let mut text = String::new();
        if self.file > 0 {
            text.push_str(&pad("file", self.file));
            text.push(' ');
        }
        text.push_str(&pad_left("id", self.id));
        text.push(' ');
        text.push_str(&pad("st", BADGE + 1));
        text.push_str(&pad("title", self.title));
        if self.lead > 0 {
            text.push(' ');
            text.push_str(&pad("lead", self.lead));
        }
        if self.progress > 0 {
            text.push(' ');
            text.push_str(&pad_left("done", self.progress));
        }
        Line::styled(text, view.theme.dim())
    }

    fn line(&self, view: &View, row: ItemRef, item: &Item, selected: bool) -> Line<'static> {
        let theme = view.theme;
        let mut spans: Vec<Span<'static>> = Vec::with_capacity(10);
        if self.file > 0 {
            let name = self.labels.get(row.file).map_or("", String::as_str);
            spans.push(Span::styled(pad(name, self.file), theme.dim()));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::raw(pad_left(&clean_line(&item.id), self.id)));
        spans.push(Span::raw(" "));
        let badge = format!(" {} ", item.status.letter());
        spans.push(Span::styled(badge, theme.badge(item.status)));
        if item.conflicts.is_empty() {
            spans.push(Span::raw(" "));
        } else {
            // a merge left conflicts here to settle (`c`)
            spans.push(Span::styled("!", theme.warning()));
        }
        let marks = view
            .state
            .search
            .highlights
            .get(&row)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        spans.extend(title_spans(&item.title, marks, self.title, view));
        if self.lead > 0 {
            let lead = item.lead.as_deref().unwrap_or("");
            spans.push(Span::raw(" "));
            spans.push(Span::styled(pad(&clean_line(lead), self.lead), theme.dim()));
        }
        if self.progress > 0 {
            spans.push(Span::raw(" "));
            spans.push(Span::raw(pad_left(&progress_figure(item), self.progress)));
        }
        let line = Line::from(spans);
        if selected {
            line.style(theme.selected())
        } else {
            line
        }
    }
}

/// The title cut or padded to `cells`, the characters at `marks` highlighted. Each character is
/// cleaned on its own, so positions (characters of the stored title) stay true.
fn title_spans(title: &str, marks: &[usize], cells: usize, view: &View) -> Vec<Span<'static>> {
    if marks.is_empty() {
        return vec![Span::raw(pad(&clean_line(title), cells))];
    }
    let full = width(&clean_line(title));
    let room = if full > cells {
        cells.saturating_sub(1)
    } else {
        cells
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (index, c) in title.chars().enumerate() {
        let shown = clean_line(c.encode_utf8(&mut [0; 4])).into_owned();
        let w = width(&shown);
        if used + w > room {
            break;
        }
        used += w;
        let style = if marks.contains(&index) {
            view.theme.highlight()
        } else {
            Style::default()
        };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&shown),
            _ => spans.push(Span::styled(shown, style)),
        }
    }
    if full > cells {
        spans.push(Span::raw("…"));
        used += 1;
    }
    spans.push(Span::raw(" ".repeat(cells.saturating_sub(used))));
    spans
}
