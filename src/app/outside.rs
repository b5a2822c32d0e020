//! Keys that reach outside the interface: `y` copies what is focused — the selected item, note or
//! metric as readable text — to the clipboard, and `E` opens the goal or the selected note in the
//! user's editor. Both only describe the work as an [`Effect`]; the terminal layer does it, and an
//! edit comes back as [`super::Event::Edited`] and is applied like any other edit (undo, save, two
//! writers).

use super::editing::{change_item, note_at_cursor, selection};
use super::state::{Message, Mode, Pane, State};
use super::{Effect, Intent};
use crate::lang::{tr, trf};
use crate::model::{DateStyle, Item, NoteKey};

/// What an outside edit changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditPart {
    /// The item's goal.
    Goal,
    /// One of its notes, as it was when the editor opened.
    Note(NoteKey),
}

/// The text an outside edit starts from and where it goes back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditTarget {
    pub file: usize,
    pub id: String,
    pub part: EditPart,
}

/// `y`: the focused thing as text, for the clipboard.
pub(crate) fn copy(state: &mut State) -> Vec<Effect> {
    if state.settings.copy_off {
        state.message = Some(Message::warning(tr(state.settings.lang, "msg.copy_off")));
        return Vec::new();
    }
    let Some((_, _, item)) = selection(state) else {
        return Vec::new();
    };
    let in_browse = state.mode() == Mode::Browse;
    let (lang, dates) = (state.settings.lang, &state.settings.dates);
    let (text, what) = match state.focus {
        Pane::Timeline if in_browse => match note_at_cursor(state, &item) {
            Some(index) => {
                let note = &item.progress[index];
                (format!("{}  {}", dates.show(note.date), note.text), "note")
            }
            None => (item_text(&item, lang, dates), "item"),
        },
        Pane::Metrics if in_browse => match item.metrics.get(state.details.metric_cursor) {
            Some(metric) => (metric_line(metric, lang), "metric"),
            None => (item_text(&item, lang, dates), "item"),
        },
        _ => (item_text(&item, lang, dates), "item"),
    };
    let chars = text.chars().count();
    let key = format!("msg.copied_{what}");
    let message = trf(
        state.settings.lang,
        &key,
        &[("id", &item.id), ("chars", &chars)],
    );
    state.message = Some(Message::info(message));
    vec![Effect::Copy { text }]
}

/// The item as a few readable lines in `lang`: title, fields, goal, notes and metrics, its
/// dates written as the interface writes them (`dates`).
pub fn item_text(item: &Item, lang: crate::lang::Lang, dates: &DateStyle) -> String {
    let line = |name: &str, value: &str| {
        let field = tr(lang, &format!("field.{name}"));
        trf(lang, "punct.field", &[("field", &field), ("value", &value)]) + "\n"
    };
    let mut text = format!("{} {}\n", item.id, item.title);
    text.push_str(&line("status", &item.status.label_in(lang)));
    for (name, value) in crate::report::fields_shown(item, &|date| dates.show(date)) {
        text.push_str(&line(name, &value));
    }
    if let Some(goal) = &item.goal {
        text.push_str(&format!("\n{goal}\n"));
    }
    if !item.progress.is_empty() {
        text.push('\n');
        for index in item.notes_by_date() {
            let note = &item.progress[index];
            text.push_str(&format!("{}  {}\n", dates.show(note.date), note.text));
        }
    }
    if !item.metrics.is_empty() {
        text.push('\n');
        for metric in &item.metrics {
            text.push_str(&metric_line(metric, lang));
            text.push('\n');
        }
    }
    text
}

fn metric_line(metric: &crate::model::Metric, lang: crate::lang::Lang) -> String {
    let unit = metric.unit.as_deref().unwrap_or("");
    let value = format!("{}{unit}", metric.value);
    let mut line = trf(
        lang,
        "punct.field",
        &[("field", &metric.name), ("value", &value)],
    );
    if let Some(target) = &metric.target {
        line.push_str(&format!(" / {target}{unit}"));
    }
    line
}

/// `E`: the goal (or, in the timeline, the selected note) handed to the editor.
pub(crate) fn edit_outside(state: &mut State) -> Vec<Effect> {
    let Some((file, _, item)) = selection(state) else {
        return Vec::new();
    };
    let note = match state.focus {
        Pane::Timeline if state.mode() == Mode::Browse => note_at_cursor(state, &item),
        _ => None,
    };
    let (part, text) = match note.and_then(|i| Some((NoteKey::of(&item.progress, i)?, i))) {
        Some((key, index)) => (EditPart::Note(key), item.progress[index].text.to_string()),
        None => (EditPart::Goal, item.goal.clone().unwrap_or_default()),
    };
    let target = EditTarget {
        file,
        id: item.id.clone(),
        part,
    };
    vec![Effect::EditOutside {
        target: Box::new(target),
        text,
    }]
}

/// The editor closed: applies the new text as an edit, or says why not.
pub(crate) fn edited(
    state: &mut State,
    target: EditTarget,
    outcome: Result<String, String>,
) -> Vec<Effect> {
    let text = match outcome {
        Ok(text) => text.trim_end().to_string(),
        Err(error) => {
            let message = trf(state.settings.lang, "msg.not_edited", &[("error", &error)]);
            state.message = Some(Message::error(message));
            return Vec::new();
        }
    };
    let EditTarget { file, id, part } = target;
    match part {
        EditPart::Goal => {
            let label = tr(state.settings.lang, "edit.edit_goal");
            change_item(state, file, &id, &label, |item| {
                item.goal = (!text.trim().is_empty()).then_some(text);
            })
        }
        EditPart::Note(_) if text.trim().is_empty() => {
            state.message = Some(Message::warning(tr(
                state.settings.lang,
                "msg.note_left_empty",
            )));
            Vec::new()
        }
        EditPart::Note(key) => {
            let found = state
                .document(file)
                .and_then(|doc| doc.item(doc.position(&id)?))
                .and_then(|item| key.find(&item.progress));
            let Some(index) = found else {
                state.message = Some(Message::warning(tr(
                    state.settings.lang,
                    "msg.note_moved_on",
                )));
                return Vec::new();
            };
            let label = tr(state.settings.lang, "edit.edit_note_text");
            change_item(state, file, &id, &label, |item| {
                if let Some(note) = item.progress.get_mut(index) {
                    note.text = text.into();
                }
            })
        }
    }
}

/// Handles the two intents of this module.
pub(crate) fn intent(state: &mut State, intent: Intent) -> Vec<Effect> {
    match intent {
        Intent::Copy => copy(state),
        Intent::EditOutside => edit_outside(state),
        _ => Vec::new(),
    }
}
