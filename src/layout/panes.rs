//! Where each pane sits for a given terminal size.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders, Padding};

/// Below this width the detail panes move under the list.
pub const WIDE_COLUMNS: u16 = 100;
/// Below this size only the list is shown; Enter opens the details full-screen.
pub const MIN_SPLIT_COLUMNS: u16 = 60;
pub const MIN_SPLIT_ROWS: u16 = 18;
/// The list shows its column header when at least this many rows of items still fit under it.
const LIST_HEADER_MIN_ROWS: u16 = 4;

/// How the main screen is arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// List on the left, timeline above metrics on the right.
    Wide,
    /// List on top, timeline and metrics side by side below.
    Stacked,
    /// The list alone; details behind Enter.
    ListOnly,
}

/// The rectangles of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub arrangement: Arrangement,
    pub header: Rect,
    pub list: Rect,
    pub timeline: Option<Rect>,
    pub metrics: Option<Rect>,
    pub footer: Rect,
}

impl Panes {
    /// Lays out a screen of `area`.
    pub fn new(area: Rect) -> Panes {
        let header_rows = if area.height >= 12 { 2 } else { 1 };
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(header_rows.min(area.height)),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let arrangement = if area.width >= WIDE_COLUMNS && body.height >= 8 {
            Arrangement::Wide
        } else if area.width >= MIN_SPLIT_COLUMNS && area.height >= MIN_SPLIT_ROWS {
            Arrangement::Stacked
        } else {
            Arrangement::ListOnly
        };
        let (list, timeline, metrics) = split_body(body, arrangement);
        Panes {
            arrangement,
            header,
            list,
            timeline,
            metrics,
            footer,
        }
    }

    /// The zoomed screen: everything above the footer, for one item.
    pub fn zoom_body(area: Rect) -> Rect {
        Rect {
            height: area.height.saturating_sub(1),
            ..area
        }
    }

    /// Whether the list has room for its column header (id, status, title, lead, progress).
    pub fn list_header(&self) -> bool {
        has_list_header(self.list)
    }

    /// Where the list's rows are: inside the border, under the column header when there is one.
    pub fn list_body(&self) -> Rect {
        list_body(self.list)
    }

    pub fn list_rows(&self) -> usize {
        usize::from(self.list_body().height)
    }
}

/// Where the rows of a list drawn in `list` (border included) are: inside the border, under the
/// column header when there is room for one.
pub fn list_body(list: Rect) -> Rect {
    let inner = Rect {
        x: list.x.saturating_add(1),
        y: list.y.saturating_add(1),
        width: list.width.saturating_sub(2),
        height: list.height.saturating_sub(2),
    };
    if has_list_header(list) {
        Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        }
    } else {
        inner
    }
}

/// Whether a list drawn in `list` (border included) has room for its column header.
pub fn has_list_header(list: Rect) -> bool {
    list.height >= 2 + LIST_HEADER_MIN_ROWS
}

fn split_body(body: Rect, arrangement: Arrangement) -> (Rect, Option<Rect>, Option<Rect>) {
    match arrangement {
        Arrangement::Wide => {
            let [list, right] =
                Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                    .areas(body);
            let [timeline, metrics] =
                Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)])
                    .areas(right);
            (list, Some(timeline), Some(metrics))
        }
        Arrangement::Stacked => {
            let [list, details] =
                Layout::vertical([Constraint::Percentage(42), Constraint::Percentage(58)])
                    .areas(body);
            let [timeline, metrics] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(details);
            (list, Some(timeline), Some(metrics))
        }
        Arrangement::ListOnly => (body, None, None),
    }
}

/// The zoomed item's main column and, on wide screens, a side column for the metrics, inside the
/// frame drawn around `area`.
pub fn zoom_columns(area: Rect) -> (Rect, Option<Rect>) {
    let inner = Block::default()
        .borders(Borders::ALL)
        .padding(Padding::horizontal(1))
        .inner(area);
    if area.width < WIDE_COLUMNS {
        return (inner, None);
    }
    let [main, side] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
        .spacing(2)
        .areas(inner);
    (main, Some(side))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panes(width: u16, height: u16) -> Panes {
        Panes::new(Rect::new(0, 0, width, height))
    }

    #[test]
    fn wide_terminals_put_details_beside_the_list() {
        let p = panes(120, 40);
        assert_eq!(p.arrangement, Arrangement::Wide);
        let timeline = p.timeline.unwrap();
        assert!(timeline.x >= p.list.right());
        assert!(p.metrics.unwrap().y >= timeline.bottom());
    }

    #[test]
    fn eighty_by_twenty_four_stacks_the_details_under_the_list() {
        let p = panes(80, 24);
        assert_eq!(p.arrangement, Arrangement::Stacked);
        assert!(p.timeline.unwrap().y >= p.list.bottom());
        assert!(p.list_rows() >= 6, "{p:?}");
        assert_eq!(p.footer.y, 23);
    }

    #[test]
    fn tiny_terminals_show_only_the_list_and_never_overflow() {
        for (w, h) in [(20, 5), (1, 1), (0, 0), (59, 30), (200, 3)] {
            let p = panes(w, h);
            let area = Rect::new(0, 0, w, h);
            for rect in [p.header, p.list, p.footer] {
                assert!(
                    area.contains(rect.as_position()) || rect.is_empty(),
                    "{w}x{h}: {rect:?}"
                );
                assert!(
                    rect.right() <= w && rect.bottom() <= h.max(rect.y),
                    "{w}x{h}: {rect:?}"
                );
            }
        }
        assert_eq!(panes(20, 5).arrangement, Arrangement::ListOnly);
    }

    #[test]
    fn the_column_header_sits_over_the_rows_when_there_is_room() {
        let p = panes(80, 24);
        assert!(p.list_header());
        let body = p.list_body();
        assert_eq!(body.y, p.list.y + 2, "border, then the header row");
        assert_eq!(body.bottom(), p.list.bottom() - 1);
        assert_eq!(p.list_rows(), usize::from(p.list.height) - 3);
        // A list with room for only a few rows keeps them all for items.
        let small = panes(40, 7);
        assert!(!small.list_header());
        assert_eq!(small.list_rows(), usize::from(small.list.height) - 2);
    }
}
