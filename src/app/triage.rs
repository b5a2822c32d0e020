//! Triage mode: walking the list one item at a time in a meeting — status keys, decisions as
//! notes, lead and due changes, "reviewed" marks — with a clock and an optional per-item timebox,
//! ending in a summary that can be written out as minutes.

use crate::lang::{Phrase, tr, trf};
use std::time::{Duration, Instant};

use super::editing::{self, open_form};
use super::form::{Form, FormKind};
use super::state::{Message, Overlay, Screen, State};
use super::{Effect, ItemRef};
use crate::report;

/// Timeboxes `T` cycles through.
const TIMEBOXES: [Option<u64>; 5] = [None, Some(120), Some(180), Some(300), Some(600)];

/// A triage walk in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Triage {
    /// The items to walk, as (file, id), in the list's order when the walk began.
    pub order: Vec<(usize, String)>,
    pub position: usize,
    /// Which items of `order` have been shown.
    pub visited: Vec<bool>,
    /// The undo-history length when the walk began: later steps are this meeting's.
    pub first_step: usize,
    pub started: Option<Instant>,
    pub item_started: Option<Instant>,
    pub timebox: Option<Duration>,
    /// The walk is over and the summary is showing.
    pub finished: bool,
}

impl Triage {
    pub fn current(&self) -> Option<(usize, &str)> {
        self.order
            .get(self.position)
            .map(|(file, id)| (*file, id.as_str()))
    }

    /// How many different items have been shown.
    pub fn seen(&self) -> usize {
        self.visited.iter().filter(|v| **v).count()
    }

    /// How many items have not been shown yet (going back does not add to it).
    pub fn left(&self) -> usize {
        self.order.len().saturating_sub(self.seen())
    }
}

/// `t`: starts walking the current list at the selected item.
pub(crate) fn start(state: &mut State) {
    let order: Vec<(usize, String)> = state
        .list
        .rows
        .iter()
        .filter_map(|row| row.item())
        .filter_map(|r| Some((r.file, state.item(r)?.id.clone())))
        .collect();
    if order.is_empty() {
        state.message = Some(Message::info(tr(
            state.settings.lang,
            "msg.nothing_to_triage",
        )));
        return;
    }
    let selected = state.selection_key();
    let position = selected
        .and_then(|key| order.iter().position(|entry| *entry == key))
        .unwrap_or(0);
    let mut visited = vec![false; order.len()];
    visited[position] = true;
    state.show(Screen::Triage(Box::new(Triage {
        order,
        position,
        visited,
        first_step: state.history.steps().len(),
        started: state.now,
        item_started: state.now,
        timebox: state.meeting.timebox,
        finished: false,
    })));
    state.details.zoom_scroll = 0;
}

/// The item triage is showing.
pub(crate) fn current_ref(state: &State) -> Option<ItemRef> {
    let triage = state.triage()?;
    let (file, id) = triage.current()?;
    let item = state.document(file)?.position(id)?;
    Some(ItemRef { file, item })
}

/// Which way a walk or a move goes: toward later rows or earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Toward {
    Next,
    Previous,
}

/// Moves the walk one item `toward`; past the end, the summary shows.
pub(crate) fn go(state: &mut State, toward: Toward) {
    let forward = toward == Toward::Next;
    let now = state.now;
    let Some(triage) = state.triage_mut() else {
        return;
    };
    if forward && triage.position + 1 >= triage.order.len() {
        finish(state);
        return;
    }
    triage.position = if forward {
        triage.position + 1
    } else {
        triage.position.saturating_sub(1)
    };
    if let Some(seen) = triage.visited.get_mut(triage.position) {
        *seen = true;
    }
    triage.item_started = now;
    state.details.zoom_scroll = 0;
}

/// Enter/Space: marks the item reviewed today and moves on.
pub(crate) fn reviewed_next(state: &mut State) -> Vec<Effect> {
    let today = state.today();
    let label = tr(state.settings.lang, "edit.mark_reviewed");
    let effects = editing::change_target(state, &label, |item| item.reviewed = Some(today));
    go(state, Toward::Next);
    effects
}

/// Leaves the walk: the summary shows first.
pub(crate) fn finish(state: &mut State) {
    if let Some(triage) = state.triage_mut() {
        triage.finished = true;
        state.open_overlay(Overlay::Summary);
    }
}

/// Closes the summary and the walk.
pub(crate) fn close(state: &mut State) {
    state.show(Screen::Browse);
}

pub(crate) fn next_timebox(state: &mut State) {
    let current = state.triage().and_then(|t| t.timebox).map(|d| d.as_secs());
    let index = TIMEBOXES.iter().position(|t| *t == current).unwrap_or(0);
    let next = TIMEBOXES[(index + 1) % TIMEBOXES.len()].map(Duration::from_secs);
    state.meeting.timebox = next;
    if let Some(triage) = state.triage_mut() {
        triage.timebox = next;
    }
    state.message = Some(Message::info(match next {
        Some(d) => trf(
            state.settings.lang,
            "msg.timebox",
            &[("time", &format_duration(d))],
        ),
        None => tr(state.settings.lang, "msg.no_timebox").into_owned(),
    }));
}

/// `L`: the lead form, completing from the leads used in the files.
pub(crate) fn edit_lead(state: &mut State) {
    let Some(row) = editing::target(state) else {
        return;
    };
    let Some(item) = state.item(row) else { return };
    let mut form = Form::single(
        FormKind::SetLead {
            file: row.file,
            id: item.id.clone(),
        },
        Phrase::new("form.lead").arg("id", &item.id),
        "lead",
        item.lead.as_deref().unwrap_or(""),
    );
    form.suggestions = leads(state);
    open_form(state, form);
}

/// `D`: the due-date form.
pub(crate) fn edit_due(state: &mut State) {
    let Some(row) = editing::target(state) else {
        return;
    };
    let Some(item) = state.item(row) else { return };
    let due = item.due.map(|d| d.to_string()).unwrap_or_default();
    let form = Form::single(
        FormKind::SetDue {
            file: row.file,
            id: item.id.clone(),
        },
        Phrase::new("form.due").arg("id", &item.id),
        "due",
        &due,
    );
    open_form(state, form);
}

/// Every lead in the open files, the most used first.
fn leads(state: &State) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for item in state.files.iter().flat_map(|f| f.doc.items()) {
        let Some(lead) = &item.lead else { continue };
        match counts.iter_mut().find(|(l, _)| l == lead) {
            Some(entry) => entry.1 += 1,
            None => counts.push((lead.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.into_iter().map(|(lead, _)| lead).collect()
}

/// `x`: the minutes of this session (or of the walk, from its summary), written next to the data.
pub(crate) fn write_minutes(state: &mut State) -> Vec<Effect> {
    let Some(file) = state
        .files
        .get(state.selected_file())
        .or(state.files.first())
    else {
        state.message = Some(Message::warning(tr(
            state.settings.lang,
            "msg.no_file_open",
        )));
        return Vec::new();
    };
    let (first_step, walked) = match state.triage() {
        Some(t) => (t.first_step, Some((t.seen(), t.order.len()))),
        None => (0, None),
    };
    let steps = &state.history.steps()[first_step.min(state.history.steps().len())..];
    let changes = report::changes(steps.iter().map(|s| (s.file, &s.change)));
    let text = report::minutes_markdown(&file.doc.header.title, state.today(), walked, &changes);
    let (folder, stem) = file.folder_and_stem();
    let name = format!("{stem}-minutes-{}", state.today());
    if let Some((last, path)) = &state.meeting.last_minutes
        && *last == text
    {
        let place = path.as_ref().map_or_else(
            || tr(state.settings.lang, "msg.minutes_being_written").into_owned(),
            |p| crate::text::clean_line(&p.display().to_string()).into_owned(),
        );
        let text = trf(
            state.settings.lang,
            "msg.minutes_unchanged",
            &[("place", &place)],
        );
        state.message = Some(Message::info(text));
        return Vec::new();
    }
    state.meeting.last_minutes = Some((text.clone(), None));
    vec![Effect::WriteMinutes { folder, name, text }]
}

/// `3m`, `1m05s`, `45s`.
pub fn format_duration(duration: Duration) -> String {
    let secs = duration.as_secs();
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s}s"),
        (m, 0) => format!("{m}m"),
        (m, s) => format!("{m}m{s:02}s"),
    }
}
