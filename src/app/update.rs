//! The pure state transition: `update(state, action)`. Movement, focus, zoom, help, scrolling and
//! mouse handling, with the list's scroll offset kept so the selection is always in view.

use ratatui::layout::{Position, Rect};

use super::{Action, Mode, Pane, State};
use crate::ui::{self, Theme, View};

/// Applies one action to the state.
pub fn update(state: &mut State, action: Action) {
    match action {
        Action::Quit => state.quit = true,
        Action::Resize { width, height } => state.screen = Rect::new(0, 0, width, height),
        Action::Help => open_help(state),
        Action::Click { column, row } => click(state, Position::new(column, row)),
        Action::Scroll { column, row, down } => wheel(state, Position::new(column, row), down),
        _ => match state.mode {
            Mode::Help => help_action(state, action),
            Mode::Zoom => zoom_action(state, action),
            Mode::Browse => browse_action(state, action),
        },
    }
    keep_selection_visible(state);
}

fn open_help(state: &mut State) {
    if state.mode != Mode::Help {
        state.help_return = state.mode;
        state.mode = Mode::Help;
        state.help_scroll = 0;
    }
}

fn help_action(state: &mut State, action: Action) {
    let page = usize::from(state.screen.height.saturating_sub(6)).max(1);
    let limit = ui::help_height(&view(state));
    match action {
        Action::Back => state.mode = state.help_return,
        other => state.help_scroll = scroll(state.help_scroll, other, page, limit),
    }
}

fn zoom_action(state: &mut State, action: Action) {
    let page = usize::from(state.screen.height.saturating_sub(4)).max(1);
    let limit = ui::zoom::height(&view(state));
    match action {
        Action::Back => state.mode = Mode::Browse,
        other => state.zoom_scroll = scroll(state.zoom_scroll, other, page, limit),
    }
}

fn browse_action(state: &mut State, action: Action) {
    match action {
        Action::FocusNext => state.focus = focusable(state, state.focus.next()),
        Action::FocusPrevious => state.focus = focusable(state, state.focus.previous()),
        Action::Zoom if state.selected_ref().is_some() => {
            state.mode = Mode::Zoom;
            state.zoom_scroll = 0;
        }
        Action::Back if state.message.is_some() => state.message = None,
        Action::Back => state.focus = Pane::Items,
        other => match state.focus {
            Pane::Items => move_selection(state, other),
            Pane::Timeline => {
                let (page, limit) = pane_extent(state, Pane::Timeline);
                state.timeline_scroll = scroll(state.timeline_scroll, other, page, limit);
            }
            Pane::Metrics => {
                let (page, limit) = pane_extent(state, Pane::Metrics);
                state.metrics_scroll = scroll(state.metrics_scroll, other, page, limit);
            }
        },
    }
}

/// Detail panes that are not on screen (small terminals) cannot take focus.
fn focusable(state: &State, pane: Pane) -> Pane {
    if state.panes().timeline.is_none() {
        Pane::Items
    } else {
        pane
    }
}

fn move_selection(state: &mut State, action: Action) {
    let count = state.rows.len();
    if count == 0 {
        return;
    }
    let page = state.panes().list_rows().max(1);
    let last = count - 1;
    let target = match action {
        Action::Down => state.selected.saturating_add(1).min(last),
        Action::Up => state.selected.saturating_sub(1),
        Action::PageDown => state.selected.saturating_add(page).min(last),
        Action::PageUp => state.selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return,
    };
    select(state, target);
}

/// Selects a row; the detail panes start again from their tops.
pub(crate) fn select(state: &mut State, row: usize) {
    let row = row.min(state.rows.len().saturating_sub(1));
    if row != state.selected {
        state.selected = row;
        state.timeline_scroll = 0;
        state.metrics_scroll = 0;
        state.zoom_scroll = 0;
    }
}

/// A scroll position after a movement action, kept within `0..limit`.
fn scroll(current: usize, action: Action, page: usize, limit: usize) -> usize {
    let last = limit.saturating_sub(1);
    let next = match action {
        Action::Down => current.saturating_add(1),
        Action::Up => current.saturating_sub(1),
        Action::PageDown => current.saturating_add(page),
        Action::PageUp => current.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => current,
    };
    next.min(last)
}

/// A detail pane's visible height and content height.
fn pane_extent(state: &State, pane: Pane) -> (usize, usize) {
    let panes = state.panes();
    let rect = match pane {
        Pane::Timeline => panes.timeline,
        Pane::Metrics => panes.metrics,
        Pane::Items => Some(panes.list),
    };
    let Some(rect) = rect else { return (1, 1) };
    let inner_width = usize::from(rect.width.saturating_sub(2));
    let page = usize::from(rect.height.saturating_sub(2)).max(1);
    let view = view(state);
    let limit = match pane {
        Pane::Timeline => ui::timeline::height(&view, inner_width),
        Pane::Metrics => ui::metrics::height(&view, inner_width),
        Pane::Items => state.rows.len(),
    };
    (page, limit)
}

fn view(state: &State) -> View<'_> {
    View {
        state,
        theme: Theme::plain(),
    }
}

/// Moves the list's window so the selected row is on screen.
fn keep_selection_visible(state: &mut State) {
    let rows = state.panes().list_rows().max(1);
    if state.selected < state.list_offset {
        state.list_offset = state.selected;
    } else if state.selected >= state.list_offset + rows {
        state.list_offset = state.selected + 1 - rows;
    }
    let max_offset = state.rows.len().saturating_sub(rows);
    state.list_offset = state.list_offset.min(max_offset);
}

fn click(state: &mut State, at: Position) {
    if state.mode != Mode::Browse {
        return;
    }
    let panes = state.panes();
    if panes.list.contains(at) {
        state.focus = Pane::Items;
        let first_row = panes.list.y + 1;
        if at.y >= first_row && at.y < panes.list.bottom().saturating_sub(1) {
            let row = state.list_offset + usize::from(at.y - first_row);
            if row < state.rows.len() {
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

fn wheel(state: &mut State, at: Position, down: bool) {
    let action = if down { Action::Down } else { Action::Up };
    let steps = std::iter::repeat_n(action, WHEEL_STEP);
    match state.mode {
        Mode::Help => steps.for_each(|a| help_action(state, a)),
        Mode::Zoom => steps.for_each(|a| zoom_action(state, a)),
        Mode::Browse => {
            let panes = state.panes();
            let pane = if panes.timeline.is_some_and(|r| r.contains(at)) {
                Pane::Timeline
            } else if panes.metrics.is_some_and(|r| r.contains(at)) {
                Pane::Metrics
            } else {
                Pane::Items
            };
            let focus = std::mem::replace(&mut state.focus, pane);
            steps.for_each(|a| browse_action(state, a));
            state.focus = focus;
        }
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
