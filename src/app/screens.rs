//! The meeting screens besides the list: "since" (what changed after a date, across items) and
//! the dashboard. `v` cycles list → since → dashboard.

use crate::lang::Phrase;
use std::sync::Arc;

use super::form::{Form, FormKind};
use super::state::{ItemRef, Mode, Screen, State};
use super::{Intent, editing};
use crate::report;

/// What the meeting screens show, worked out once per change of the data (or of the date), not
/// on every frame: on a 100,000-item file that is the difference between a still screen and a
/// busy one.
#[derive(Debug, Clone, Default)]
pub struct ScreenData {
    /// The date of the "since" screen (`None`: the last review date in the files).
    pub since: Option<crate::model::Date>,
    /// How many lines the help overlay has.
    pub help_height: HelpHeight,
    /// The data version and "since" date the figures were made for.
    made_for: Option<(u64, Option<crate::model::Date>, Option<crate::model::Date>)>,
    pub entries: Arc<Vec<report::Entry>>,
    pub stats: Arc<report::Stats>,
}

/// How many lines the help overlay has for a state (its screen size and language). The help
/// lists the key bindings, which the keymap owns, a layer above this one, so the interface
/// supplies the count when it starts (the renderer's, which draws those lines); until then help
/// scrolls without a limit.
#[derive(Clone, Copy)]
pub struct HelpHeight(pub fn(&State) -> usize);

impl Default for HelpHeight {
    fn default() -> HelpHeight {
        HelpHeight(|_| usize::MAX)
    }
}

impl std::fmt::Debug for HelpHeight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HelpHeight")
    }
}

/// Brings the meeting screens' data up to date when one of them is showing.
pub(crate) fn refresh(state: &mut State) {
    let showing = matches!(
        state.screen,
        Screen::Since { .. } | Screen::Dashboard { .. }
    );
    if !showing {
        return;
    }
    let since = state.since_date();
    let key = (state.data_version, since, state.today);
    if state.screens.made_for == Some(key) {
        return;
    }
    let docs = || state.files.iter().map(|f| &f.doc);
    state.screens = ScreenData {
        since: state.screens.since,
        help_height: state.screens.help_height,
        made_for: Some(key),
        entries: Arc::new(report::entries(docs(), since)),
        stats: Arc::new(report::stats(docs(), state.today())),
    };
}

/// `v`: the next screen.
pub(crate) fn next(state: &mut State) {
    let next = match state.mode() {
        Mode::Browse | Mode::Zoom => Screen::Since { cursor: 0 },
        Mode::Since => Screen::Dashboard { scroll: 0 },
        _ => Screen::Browse,
    };
    state.show(next);
}

fn back_to_list(state: &mut State) {
    state.show(Screen::Browse);
}

pub(crate) fn since_action(state: &mut State, intent: Intent) {
    let count = state.screens.entries.len();
    let page = usize::from(state.size.height.saturating_sub(6) / 2).max(1);
    match intent {
        Intent::Back => back_to_list(state),
        Intent::Zoom => open_entry(state),
        Intent::SetSince => {
            let date = state
                .since_date()
                .map(|d| d.to_string())
                .unwrap_or_default();
            let form = Form::single(
                FormKind::SetSince,
                Phrase::new("form.since"),
                "since",
                &date,
            );
            editing::open_form(state, form);
        }
        other => {
            if let Screen::Since { cursor } = &mut state.screen {
                *cursor = super::update::step(*cursor, &other, page, count);
            }
        }
    }
}

/// Enter on an entry: its item, selected in the list.
fn open_entry(state: &mut State) {
    let entries = Arc::clone(&state.screens.entries);
    let Some(entry) = entries.get(state.since_cursor()) else {
        return;
    };
    let (file, id) = (entry.file, entry.id.clone());
    back_to_list(state);
    if state.list.filter.is_some() {
        state.list.filter = None;
    }
    state.rebuild_rows(Some((file, &id)));
    let found = state
        .selected_ref()
        .and_then(|r: ItemRef| state.item(r))
        .is_some_and(|i| i.id == id);
    if !found {
        let text = crate::lang::trf(state.settings.lang, "msg.not_in_list", &[("id", &id)]);
        state.message = Some(super::Message::warning(text));
    }
}

pub(crate) fn dashboard_action(state: &mut State, intent: Intent) {
    let page = usize::from(state.size.height.saturating_sub(6)).max(1);
    let limit = crate::layout::dashboard_height(&state.screens.stats);
    match intent {
        Intent::Back => back_to_list(state),
        other => {
            if let Screen::Dashboard { scroll } = &mut state.screen {
                *scroll = super::update::step(*scroll, &other, page, limit);
            }
        }
    }
}
