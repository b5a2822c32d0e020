//! The mouse: a click selects a row or focuses a pane, the wheel scrolls what is under the pointer
//! without moving the focus.

use ratatui::layout::Position;

use super::update::{help_action, move_selection, pane_extent, scroll, select, zoom_scroll};
use super::{Intent, Mode, Pane, State};

pub(crate) fn click(state: &mut State, at: Position) {
    if state.mode() != Mode::Browse {
        return;
    }
    let panes = state.panes();
    if panes.list.contains(at) {
        state.focus = Pane::Items;
        let body = panes.list_body();
        let first_row = body.y;
        if at.y >= first_row && at.y < body.bottom() {
            let row = state.list.offset + usize::from(at.y - first_row);
            if state.list.rows.get(row).and_then(|r| r.item()).is_some() {
                select(state, row);
            }
        }
    } else if panes.timeline.is_some_and(|r| r.contains(at)) {
        state.focus = Pane::Timeline;
    } else if panes.metrics.is_some_and(|r| r.contains(at)) {
        state.focus = Pane::Metrics;
    }
}

const WHEEL_STEP: usize = 3;

pub(crate) fn wheel(state: &mut State, at: Position, down: bool) {
    let intent = if down { Intent::Down } else { Intent::Up };
    for _ in 0..WHEEL_STEP {
        match state.mode() {
            Mode::Help => help_action(state, intent.clone()),
            Mode::Zoom | Mode::Triage => zoom_scroll(state, &intent),
            Mode::Browse => wheel_browse(state, at, down),
            _ => {}
        }
    }
}

/// The wheel scrolls the pane under the pointer without moving the focus.
fn wheel_browse(state: &mut State, at: Position, down: bool) {
    let panes = state.panes();
    let intent = if down { Intent::Down } else { Intent::Up };
    if panes.timeline.is_some_and(|r| r.contains(at)) {
        let (page, limit) = pane_extent(state, Pane::Timeline);
        state.details.timeline_scroll = scroll(state.details.timeline_scroll, &intent, page, limit);
    } else if panes.metrics.is_some_and(|r| r.contains(at)) {
        let (page, limit) = pane_extent(state, Pane::Metrics);
        state.details.metrics_scroll = scroll(state.details.metrics_scroll, &intent, page, limit);
    } else {
        move_selection(state, &intent);
    }
}
