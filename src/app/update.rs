//! The pure state transition: `update(state, intent or event) -> effects`. Navigation, focus, zoom, help,
//! scrolling and mouse handling live here; edits are handed to `editing`, disk outcomes to `sync`.

use crate::lang::{tr, trf};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::{Position, Rect};

use super::dialog::HelpView;
use super::triage::Toward;
use super::view::item_row_near;
use super::{
    Effect, Event, Intent, Mode, Msg, Overlay, Pane, Screen, State, editing, mouse, report,
    screens, search, settle, submit, sync, team, triage,
};
use crate::layout;

/// Applies one intent or event to the state and returns the work the runtime must do (saves,
/// searches, writing files). The one place the interface state changes.
pub fn update(state: &mut State, msg: impl Into<Msg>) -> Vec<Effect> {
    let effects = match msg.into() {
        Msg::Intent(intent) => on_intent(state, intent),
        Msg::Event(event) => on_event(state, event),
    };
    keep_selection_visible(state);
    details_follow_selection(state);
    cursors_within_item(state);
    screens::refresh(state);
    effects
}

fn on_intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    if super::read_only::refused(state, &intent) {
        return Vec::new();
    }
    match intent {
        Intent::Suspend => state.suspend = true,
        Intent::Click { column, row } => mouse::click(state, Position::new(column, row)),
        Intent::Scroll { column, row, down } => {
            mouse::wheel(state, Position::new(column, row), down);
        }
        other => {
            // A message stays until the next key, so it never hides what the key did. Esc too
            // clears it, and still does its own job.
            state.message = None;
            return by_mode(state, other);
        }
    }
    Vec::new()
}

fn on_event(state: &mut State, event: Event) -> Vec<Effect> {
    match event {
        Event::Saved {
            file,
            fingerprint,
            covered,
            notice,
        } => {
            let effects = sync::saved(state, file, fingerprint, covered);
            if let Some(notice) = notice {
                let text = crate::text::clean_line(&notice.text(state.settings.lang)).into_owned();
                state.message = Some(super::Message::warning(text));
            }
            return effects;
        }
        Event::Reloaded { file, loaded } => return sync::reloaded(state, file, *loaded),
        Event::Edited { target, outcome } => {
            return super::outside::edited(state, *target, outcome);
        }
        Event::PrepareSearch => return search::prepare(state),
        Event::SaveFailed { file, error } => sync::save_failed(state, file, error),
        Event::Unchanged { file, fingerprint } => {
            if let Some(open) = state.files.get_mut(file) {
                open.fingerprint = fingerprint;
            }
        }
        Event::ReloadFailed { file, error } => sync::reload_failed(state, file, error),
        Event::Resize { width, height } => state.size = Rect::new(0, 0, width, height),
        Event::Tick(now) => state.now = Some(now),
        Event::SyncStage(text) => team::stage(state, text),
        Event::SyncFinished(outcome) => team::finished(state, outcome),
        Event::TeamMark(mark) => team::marked(state, mark),
        Event::SearchResults(result) => {
            let result = *result;
            search::results(
                state,
                result.generation,
                result.hits,
                result.complete,
                result.error,
                result.total,
            );
        }
        written => files_written(state, written),
    }
    Vec::new()
}

/// Minutes and report drafts written, or not.
fn files_written(state: &mut State, event: Event) {
    match event {
        Event::MinutesWritten { path } => {
            let shown = crate::text::clean_line(&path.display().to_string()).into_owned();
            let text = trf(
                state.settings.lang,
                "msg.minutes_written",
                &[("path", &shown)],
            );
            state.message = Some(super::Message::info(text));
            if let Some((_, written)) = state.meeting.last_minutes.as_mut() {
                *written = Some(path);
            }
        }
        Event::MinutesFailed { error } => {
            state.meeting.last_minutes = None;
            let text = trf(
                state.settings.lang,
                "msg.minutes_failed",
                &[("error", &error)],
            );
            state.message = Some(super::Message::error(text));
        }
        Event::ReportWritten { path, items, of } => {
            let text = report::written(state.settings.lang, &path, items, of);
            state.message = Some(super::Message::info(text));
        }
        Event::ReportFailed { error } => {
            let text = trf(
                state.settings.lang,
                "msg.report_failed",
                &[("error", &error)],
            );
            state.message = Some(super::Message::error(text));
        }
        _ => {}
    }
}

/// Keeps the selected note and metric on ones the item has, whatever changed it (an undo or redo
/// that took one away, a reload), so `e` and `d` act on the entry shown selected.
fn cursors_within_item(state: &mut State) {
    let (notes, metrics) = state
        .selected_item()
        .map_or((0, 0), |item| (item.progress.len(), item.metrics.len()));
    state.details.note_cursor = state.details.note_cursor.min(notes.saturating_sub(1));
    state.details.metric_cursor = state.details.metric_cursor.min(metrics.saturating_sub(1));
}

/// When another item is selected (by a key, a search, a reload …), its detail panes start from
/// their tops.
fn details_follow_selection(state: &mut State) {
    let selected = state.selection_key();
    if selected != state.details.of {
        state.details.timeline_scroll = 0;
        state.details.metrics_scroll = 0;
        state.details.note_cursor = 0;
        state.details.metric_cursor = 0;
        state.details.of = selected;
    }
}

fn by_mode(state: &mut State, intent: Intent) -> Vec<Effect> {
    match state.mode() {
        Mode::Help => {
            help_action(state, intent);
            Vec::new()
        }
        Mode::Form => form_action(state, intent),
        Mode::StatusPicker => match intent {
            Intent::SetStatus(status) => editing::set_status(state, status),
            Intent::Back => {
                editing::cancel(state);
                Vec::new()
            }
            _ => Vec::new(),
        },
        Mode::Confirm => match intent {
            Intent::Yes => editing::confirmed(state),
            Intent::Back => {
                editing::cancel(state);
                Vec::new()
            }
            _ => Vec::new(),
        },
        Mode::MergeConflict => match intent {
            Intent::Settle(side) => settle::settle(state, side),
            Intent::SettleByEdit => settle::settle_by_edit(state),
            Intent::Back => {
                state.close_overlay();
                Vec::new()
            }
            _ => Vec::new(),
        },
        Mode::Conflict => match intent {
            Intent::KeepMine => sync::resolve(state, sync::Keep::Mine),
            Intent::TakeTheirs => sync::resolve(state, sync::Keep::Theirs),
            _ => Vec::new(),
        },
        Mode::Triage => triage_action(state, intent),
        Mode::Search => match intent {
            Intent::Input(key) => search::input(state, key),
            Intent::Paste(text) => search::paste(state, &text),
            Intent::Submit => {
                search::keep(state);
                Vec::new()
            }
            Intent::Back => {
                search::cancel(state);
                Vec::new()
            }
            Intent::Quit => {
                search::cancel(state);
                Vec::new()
            }
            other @ (Intent::Down | Intent::Up | Intent::PageDown | Intent::PageUp) => {
                search::move_in_results(state, &other);
                Vec::new()
            }
            _ => Vec::new(),
        },
        Mode::Summary => match intent {
            Intent::WriteMinutes => triage::write_minutes(state),
            Intent::Back | Intent::Quit | Intent::Submit => {
                triage::close(state);
                Vec::new()
            }
            _ => Vec::new(),
        },
        Mode::Zoom | Mode::Browse | Mode::Since | Mode::Dashboard => browse_or_zoom(state, intent),
    }
}

fn triage_action(state: &mut State, intent: Intent) -> Vec<Effect> {
    match intent {
        Intent::SetStatus(status) => return editing::set_status(state, status),
        Intent::ReviewedNext => return triage::reviewed_next(state),
        Intent::AddNote => editing::add_note(state),
        Intent::Undo => return editing::undo(state),
        Intent::Redo => return editing::redo(state),
        Intent::Edit => editing::edit(state),
        Intent::EditMetrics => editing::edit_metrics(state),
        Intent::EditLead => triage::edit_lead(state),
        Intent::EditDue => triage::edit_due(state),
        Intent::TriageNext => triage::go(state, triage::Toward::Next),
        Intent::TriagePrevious => triage::go(state, triage::Toward::Previous),
        Intent::TimeboxNext => triage::next_timebox(state),
        Intent::Help => open_help(state),
        Intent::Back | Intent::Quit => triage::finish(state),
        other => zoom_scroll(state, &other),
    }
    Vec::new()
}

fn form_action(state: &mut State, intent: Intent) -> Vec<Effect> {
    let Some(form) = state.form_mut() else {
        state.close_overlay();
        return Vec::new();
    };
    match intent {
        Intent::Submit => return submit::submit(state),
        Intent::Back => editing::close_form(state),
        Intent::NextField if !form.suggestions.is_empty() && form.fields.len() == 1 => {
            form.complete();
        }
        Intent::NextField => form.next_field(),
        Intent::PreviousField => form.previous_field(),
        Intent::Newline => form.newline(),
        Intent::Input(key) => form.key(key),
        Intent::Paste(text) => form.paste(&text),
        _ => {}
    }
    Vec::new()
}

/// Intents shared by the three-pane screen and the zoomed item, then the mode's own.
fn browse_or_zoom(state: &mut State, intent: Intent) -> Vec<Effect> {
    match intent {
        Intent::Quit => editing::quit(state),
        Intent::Help => open_help(state),
        Intent::Edit => editing::edit(state),
        Intent::PickStatus => editing::pick_status(state),
        Intent::SettleConflicts => settle::open(state),
        Intent::SetStatus(status) => return editing::set_status(state, status),
        Intent::AddNote => editing::add_note(state),
        Intent::EditMetrics => editing::edit_metrics(state),
        Intent::Add => editing::add(state),
        Intent::Delete => editing::delete(state),
        Intent::MoveItemDown => {
            return super::reorder::move_item(state, super::triage::Toward::Next);
        }
        Intent::MoveItemUp => {
            return super::reorder::move_item(state, super::triage::Toward::Previous);
        }
        Intent::Undo => return editing::undo(state),
        Intent::Redo => return editing::redo(state),
        Intent::Save => return editing::save_all(state),
        Intent::Sync => return team::start(state),
        Intent::Copy | Intent::EditOutside => return super::outside::intent(state, intent),
        Intent::SortNext => {
            state.list.sort = state.list.sort.next();
            reorder(state);
        }
        Intent::GroupNext => {
            state.list.group = state.list.group.next();
            reorder(state);
        }
        Intent::StartTriage => triage::start(state),
        Intent::WriteMinutes => return triage::write_minutes(state),
        Intent::WriteReport => return report::write_report(state),
        Intent::ViewNext => screens::next(state),
        Intent::Search => {
            if state.mode() != Mode::Browse {
                state.show(Screen::Browse);
            }
            search::open(state);
        }
        other if state.mode() == Mode::Zoom => zoom_action(state, other),
        other if state.mode() == Mode::Since => screens::since_action(state, other),
        other if state.mode() == Mode::Dashboard => screens::dashboard_action(state, other),
        other => browse_action(state, other),
    }
    Vec::new()
}

/// Rebuilds the list in its new order, keeping the selected item selected and in view.
fn reorder(state: &mut State) {
    let keep = state.selection_key();
    state.rebuild_rows(keep.as_ref().map(|(file, id)| (*file, id.as_str())));
    let order = tr(
        state.settings.lang,
        &format!("sort.{}", state.list.sort.label()),
    );
    let by = tr(
        state.settings.lang,
        &format!("group.{}", state.list.group.label()),
    );
    let text = trf(
        state.settings.lang,
        "msg.sorted",
        &[("order", &order), ("by", &by)],
    );
    state.message = Some(super::Message::info(text));
}

fn open_help(state: &mut State) {
    state.open_overlay(Overlay::Help(HelpView::default()));
}

pub(crate) fn help_action(state: &mut State, intent: Intent) {
    let page = usize::from(state.size.height.saturating_sub(6)).max(1);
    let limit = (state.screens.help_height.0)(state);
    let Some(Overlay::Help(help)) = &mut state.overlay else {
        return;
    };
    match intent {
        Intent::Search => help.typing = true,
        Intent::Input(key) if help.typing => {
            match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    help.query.push(c);
                }
                KeyCode::Backspace => {
                    help.query.pop();
                }
                _ => {}
            }
            help.scroll = 0;
        }
        Intent::Paste(text) if help.typing => help.query.push_str(text.trim()),
        Intent::Submit => help.typing = false,
        Intent::Back if help.typing || !help.query.is_empty() => *help = HelpView::default(),
        Intent::Back | Intent::Help | Intent::Quit => state.close_overlay(),
        other => help.scroll = scroll(help.scroll, &other, page, limit),
    }
}

fn zoom_action(state: &mut State, intent: Intent) {
    match intent {
        Intent::Back | Intent::Zoom => state.show(Screen::Browse),
        other => zoom_scroll(state, &other),
    }
}

/// Scrolls the full-screen item (zoom or triage).
pub(crate) fn zoom_scroll(state: &mut State, intent: &Intent) {
    let page = usize::from(state.size.height.saturating_sub(4)).max(1);
    let lines = if state.mode() == Mode::Triage {
        let width = usize::from(state.size.width.saturating_sub(4));
        triage_item(state).map_or(1, |item| {
            layout::triage_height(item, width, &state.settings.dates)
        })
    } else {
        let size = state.size;
        state.selected_item().map_or(1, |item| {
            layout::zoom_height(item, size, &state.settings.dates)
        })
    };
    // inside the frame: the screen less the footer and the frame's two borders
    let visible = usize::from(state.size.height.saturating_sub(3));
    state.details.zoom_scroll = scroll(
        state.details.zoom_scroll,
        intent,
        page,
        positions(lines, visible),
    );
}

fn browse_action(state: &mut State, intent: Intent) {
    match intent {
        Intent::FocusNext => state.focus = focusable(state, state.focus.next()),
        Intent::FocusPrevious => state.focus = focusable(state, state.focus.previous()),
        Intent::Zoom if state.selected_ref().is_some() => {
            state.show(Screen::Zoom);
            state.details.zoom_scroll = 0;
        }
        Intent::Back if state.list.filter.is_some() => search::cancel(state),
        Intent::Back => state.focus = Pane::Items,
        other => match state.focus {
            Pane::Items => move_selection(state, &other),
            Pane::Timeline => move_note_cursor(state, &other),
            Pane::Metrics => move_metric_cursor(state, &other),
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

pub(crate) fn move_selection(state: &mut State, intent: &Intent) {
    let count = state.list.rows.len();
    if count == 0 {
        return;
    }
    let page = state.panes().list_rows().max(1);
    let target = step(state.list.selected, intent, page, count);
    let prefer = match intent {
        Intent::Up | Intent::PageUp | Intent::HalfPageUp | Intent::Bottom => Toward::Previous,
        Intent::Top => Toward::Next,
        _ if target >= state.list.selected => Toward::Next,
        _ => Toward::Previous,
    };
    if let Some(row) = item_row_near(&state.list.rows, target, prefer) {
        select(state, row);
    }
}

/// An index after a movement intent, within `0..count`.
pub(crate) fn step(current: usize, intent: &Intent, page: usize, count: usize) -> usize {
    let last = count.saturating_sub(1);
    let next = match intent {
        Intent::Down => current.saturating_add(1),
        Intent::Up => current.saturating_sub(1),
        Intent::PageDown => current.saturating_add(page),
        Intent::PageUp => current.saturating_sub(page),
        Intent::HalfPageDown => current.saturating_add((page / 2).max(1)),
        Intent::HalfPageUp => current.saturating_sub((page / 2).max(1)),
        Intent::Top => 0,
        Intent::Bottom => last,
        _ => current,
    };
    next.min(last)
}

/// Selects a row; the detail panes start again from their tops.
pub(crate) fn select(state: &mut State, row: usize) {
    let row = row.min(state.list.rows.len().saturating_sub(1));
    if row != state.list.selected {
        state.list.selected = row;
        state.details.timeline_scroll = 0;
        state.details.metrics_scroll = 0;
        state.details.zoom_scroll = 0;
        state.details.note_cursor = 0;
        state.details.metric_cursor = 0;
    }
}

/// A scroll position after a movement intent, kept within `0..limit`.
pub(crate) fn scroll(current: usize, intent: &Intent, page: usize, limit: usize) -> usize {
    step(current, intent, page, limit)
}

fn move_note_cursor(state: &mut State, intent: &Intent) {
    let count = state.selected_item().map_or(0, |i| i.progress.len());
    let (page, _) = pane_extent(state, Pane::Timeline);
    match intent {
        Intent::PageDown | Intent::PageUp | Intent::HalfPageDown | Intent::HalfPageUp => {
            let (_, limit) = pane_extent(state, Pane::Timeline);
            state.details.timeline_scroll =
                scroll(state.details.timeline_scroll, intent, page, limit);
        }
        _ if count > 0 => {
            state.details.note_cursor = step(state.details.note_cursor, intent, 1, count);
            let width = pane_width(state, Pane::Timeline);
            let starts = state.selected_item().map_or_else(Vec::new, |item| {
                layout::note_starts(item, width, &state.settings.dates)
            });
            state.details.timeline_scroll = follow(
                state.details.timeline_scroll,
                &starts,
                state.details.note_cursor,
                page,
            );
        }
        _ => {}
    }
}

fn move_metric_cursor(state: &mut State, intent: &Intent) {
    let count = state.selected_item().map_or(0, |i| i.metrics.len());
    let (page, _) = pane_extent(state, Pane::Metrics);
    match intent {
        Intent::PageDown | Intent::PageUp | Intent::HalfPageDown | Intent::HalfPageUp => {
            let (_, limit) = pane_extent(state, Pane::Metrics);
            state.details.metrics_scroll =
                scroll(state.details.metrics_scroll, intent, page, limit);
        }
        _ if count > 0 => {
            state.details.metric_cursor = step(state.details.metric_cursor, intent, 1, count);
            let starts = state
                .selected_item()
                .map_or_else(Vec::new, layout::metric_starts);
            state.details.metrics_scroll = follow(
                state.details.metrics_scroll,
                &starts,
                state.details.metric_cursor,
                page,
            );
        }
        _ => {}
    }
}

/// The scroll that shows entry `cursor` (whose lines run from `starts[cursor]` to the next start).
fn follow(scroll: usize, starts: &[usize], cursor: usize, page: usize) -> usize {
    let Some(&start) = starts.get(cursor) else {
        return scroll;
    };
    // `starts` ends with the number of lines, so the last entry ends there too
    let end = starts.get(cursor + 1).copied().unwrap_or(start + 1);
    if cursor == 0 {
        0
    } else if start < scroll {
        start
    } else if end > scroll + page {
        start.min(end.saturating_sub(page))
    } else {
        scroll
    }
}

fn pane_width(state: &State, pane: Pane) -> usize {
    let panes = state.panes();
    let rect = match pane {
        Pane::Timeline => panes.timeline,
        Pane::Metrics => panes.metrics,
        Pane::Items => Some(panes.list),
    };
    rect.map_or(1, |r| usize::from(r.width.saturating_sub(4)))
}

/// A detail pane's visible height and how many scroll positions its content has.
pub(crate) fn pane_extent(state: &State, pane: Pane) -> (usize, usize) {
    let panes = state.panes();
    let rect = match pane {
        Pane::Timeline => panes.timeline,
        Pane::Metrics => panes.metrics,
        Pane::Items => Some(panes.list),
    };
    let Some(rect) = rect else { return (1, 1) };
    let page = usize::from(rect.height.saturating_sub(2)).max(1);
    let width = pane_width(state, pane);
    let item = state.selected_item();
    let limit = match pane {
        Pane::Timeline => positions(
            item.map_or(1, |i| {
                layout::timeline_height(i, width, &state.settings.dates)
            }),
            page,
        ),
        Pane::Metrics => positions(item.map_or(1, layout::metrics_height), page),
        Pane::Items => state.list.rows.len(),
    };
    (page, limit)
}

/// How many scroll positions `lines` of content have in `visible` rows: the last one shows the
/// last line at the bottom.
fn positions(lines: usize, visible: usize) -> usize {
    lines.saturating_sub(visible) + 1
}

/// The item triage is showing.
fn triage_item(state: &State) -> Option<&crate::model::Item> {
    let (file, id) = state.triage()?.current()?;
    let doc = state.document(file)?;
    doc.item(doc.position(id)?)
}

/// Moves the list's window so the selected row is on screen.
fn keep_selection_visible(state: &mut State) {
    let rows = state.panes().list_rows().max(1);
    if state.list.selected < state.list.offset {
        // a group's heading comes into view with its first item
        let heading =
            state.list.selected.checked_sub(1).filter(|above| {
                matches!(state.list.rows.get(*above), Some(super::Row::Group { .. }))
            });
        state.list.offset = heading.unwrap_or(state.list.selected);
    } else if state.list.selected >= state.list.offset + rows {
        state.list.offset = state.list.selected + 1 - rows;
    }
    let max_offset = state.list.rows.len().saturating_sub(rows);
    state.list.offset = state.list.offset.min(max_offset);
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
