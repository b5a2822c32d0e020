//! Submitting forms: checking the values typed and turning them into changes — the item's fields,
//! a new item, notes, metrics (a changed value is added to the history), lead, due date.

use super::Effect;
use super::editing::{close_form, commit};
use super::form::{Form, FormKind};
use super::state::{Message, State};
use crate::lang::{Lang, Phrase, tr, trf};
use serde_json::Number;

use crate::model::{
    Change, Date, Item, Metric, MetricKey, Note, NoteKey, Recorded, SameDate, new_metric,
    read_number, record_reading, split_tags,
};

/// Which of a form's fields are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fields {
    /// Every field (a new item).
    All,
    /// Only those the user changed: the rest keep what the file has, spelling and all.
    Changed,
}

/// Enter in a form: checks the values and commits the change, or shows why not.
pub(crate) fn submit(state: &mut State) -> Vec<Effect> {
    let renumbered = fresh_id(state);
    let Some(form) = state.form().cloned() else {
        return Vec::new();
    };
    let today = state.today();
    let result = match &form.kind {
        FormKind::EditItem { file, id } => item_change(state, *file, id, &form),
        FormKind::AddItem { file } => new_item(state, *file, &form),
        FormKind::AddNote { file, id } => note_change(state, *file, id, None, &form),
        FormKind::EditNote { file, id, note } => note_change(state, *file, id, Some(note), &form),
        FormKind::EditMetric { file, id, metric } => {
            metric_change(state, *file, id, metric.as_ref(), &form, today)
        }
        FormKind::SetLead { file, id } if form.changed("lead") => {
            let lead = optional(form.value("lead"));
            field_change(state, *file, id, "lead", |item| item.lead = lead)
        }
        FormKind::SetLead { .. } => Ok(None),
        FormKind::SetDue { file, id } => match date_field(&form, "due", state.settings.lang) {
            Ok(due) => field_change(state, *file, id, "due", |item| item.due = due),
            Err(problem) => Err(problem),
        },
        FormKind::SetSince => match date_field(&form, "since", state.settings.lang) {
            Ok(date) => {
                state.screens.since = date;
                if let super::Screen::Since { cursor } = &mut state.screen {
                    *cursor = 0;
                }
                close_form(state);
                return Vec::new();
            }
            Err(problem) => Err(problem),
        },
    };
    match result {
        Ok(None) => {
            close_form(state);
            state.message = Some(Message::info(tr(state.settings.lang, "msg.no_change")));
            Vec::new()
        }
        Ok(Some(edit)) => {
            close_form(state);
            let effects = commit(state, edit.file, edit.change, edit.label);
            if let Some(said) = edit.said.or(renumbered) {
                state.message = Some(Message::info(said));
            }
            effects
        }
        Err(problem) => {
            if let Some(form) = state.form_mut() {
                form.error = Some(problem);
            }
            Vec::new()
        }
    }
}

/// A new item's proposed id that someone else took meanwhile becomes the next free one (an id the
/// user typed is theirs to change); returns words for the footer when it did.
fn fresh_id(state: &mut State) -> Option<String> {
    let Some(Form {
        kind: FormKind::AddItem { file },
        ..
    }) = state.form()
    else {
        return None;
    };
    let doc = state.document(*file)?;
    let form = state.form()?;
    let id = form.value("id");
    let taken = doc.position(id.trim()).is_some();
    if !taken || form.changed("id") {
        return form.notice.clone().filter(|_| !form.changed("id"));
    }
    let next = doc.next_free_id();
    let note = trf(
        state.settings.lang,
        "msg.id_taken_new",
        &[("from", &id.trim()), ("to", &next)],
    );
    let lang = state.settings.lang;
    let form = state.form_mut()?;
    form.rebase("id", &next, lang);
    Some(note)
}

/// A checked form's change, ready to commit.
struct Edit {
    file: usize,
    change: Change,
    /// The undo list's name for it.
    label: String,
    /// What the footer says after it, when more than "saved" needs saying.
    said: Option<String>,
}

type Outcome = Result<Option<Edit>, String>;

fn current(state: &State, file: usize, id: &str) -> Result<Item, String> {
    let lang = state.settings.lang;
    let doc = state
        .document(file)
        .ok_or_else(|| tr(lang, "msg.file_closed").into_owned())?;
    let index = doc
        .position(id)
        .ok_or_else(|| trf(lang, "msg.item_no_longer", &[("id", &id)]))?;
    Ok(doc.items()[index].clone())
}

/// A replace change, or nothing when the edit changed nothing.
fn replace(file: usize, before: Item, after: Item, label: String) -> Outcome {
    Ok((after != before).then_some(Edit {
        file,
        change: Change::Replace { before, after },
        label,
        said: None,
    }))
}

fn optional(text: String) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// What is wrong with one field, in the interface's language: `截止：日期 …无效`.
fn field_problem(lang: Lang, label: &str, problem: &Phrase) -> String {
    let field = tr(lang, &format!("field.{label}"));
    trf(
        lang,
        "form.problem",
        &[("field", &field), ("problem", &problem.text(lang))],
    )
}

fn date_field(form: &Form, label: &str, lang: Lang) -> Result<Option<Date>, String> {
    match optional(form.value(label)) {
        None => Ok(None),
        Some(text) => text
            .parse::<Date>()
            .map(Some)
            .map_err(|e| field_problem(lang, label, &e.phrase())),
    }
}

fn number_field(text: &str, label: &str, lang: Lang) -> Result<Number, String> {
    read_number(text).map_err(|e| field_problem(lang, label, &e.phrase()))
}

fn fill_item(item: &mut Item, form: &Form, which: Fields, lang: Lang) -> Result<(), String> {
    let wanted = |label: &str| which == Fields::All || form.changed(label);
    if wanted("title") {
        item.title = optional(form.value("title"))
            .ok_or_else(|| tr(lang, "form.title_needed").into_owned())?;
    }
    if wanted("goal") {
        item.goal = optional(form.value("goal"));
    }
    if wanted("lead") {
        item.lead = optional(form.value("lead"));
    }
    if wanted("status") {
        item.status = form.status().unwrap_or(item.status);
    }
    if wanted("due") {
        item.due = date_field(form, "due", lang)?;
    }
    if wanted("tags") {
        item.tags = split_tags(&form.value("tags"));
    }
    Ok(())
}

fn field_change(
    state: &State,
    file: usize,
    id: &str,
    what: &str,
    edit: impl FnOnce(&mut Item),
) -> Outcome {
    let before = current(state, file, id)?;
    let after = before.edited(edit);
    let what = tr(state.settings.lang, &format!("field.{what}"));
    let label = trf(
        state.settings.lang,
        "edit.set_field",
        &[("what", &what), ("id", &id)],
    );
    replace(file, before, after, label)
}

fn item_change(state: &State, file: usize, id: &str, form: &Form) -> Outcome {
    let before = current(state, file, id)?;
    let mut problem = Ok(());
    let after =
        before.edited(|item| problem = fill_item(item, form, Fields::Changed, state.settings.lang));
    problem?;
    let label = trf(state.settings.lang, "edit.edit_item", &[("id", &id)]);
    replace(file, before, after, label)
}

fn new_item(state: &State, file: usize, form: &Form) -> Outcome {
    let lang = state.settings.lang;
    let doc = state
        .document(file)
        .ok_or_else(|| tr(lang, "msg.file_closed").into_owned())?;
    let id = optional(form.value("id")).ok_or_else(|| tr(lang, "form.id_needed").into_owned())?;
    if doc.position(&id).is_some() {
        return Err(trf(lang, "form.id_used", &[("id", &id)]));
    }
    let mut item = Item::new(id.clone(), "");
    fill_item(&mut item, form, Fields::All, lang)?;
    let change = Change::Insert {
        index: doc.items().len(),
        item,
    };
    Ok(Some(Edit {
        file,
        change,
        label: trf(lang, "edit.add_item", &[("id", &id)]),
        said: None,
    }))
}

/// The note (by its key) or `None` for a new one; refused when the note is gone.
fn note_change(
    state: &State,
    file: usize,
    id: &str,
    key: Option<&NoteKey>,
    form: &Form,
) -> Outcome {
    let before = current(state, file, id)?;
    let index = match key {
        Some(key) => Some(
            key.find(&before.progress)
                .ok_or_else(|| tr(state.settings.lang, "form.note_gone").into_owned())?,
        ),
        None => None,
    };
    let wanted = |label: &str| index.is_none() || form.changed(label);
    let text = optional(form.value("text"))
        .ok_or_else(|| tr(state.settings.lang, "form.note_empty").into_owned())?;
    let date = date_field(form, "date", state.settings.lang)?
        .ok_or_else(|| tr(state.settings.lang, "form.date_needed").into_owned())?;
    let by = optional(form.value("by"));
    let after = before.edited(|item| match index.and_then(|i| item.progress.get_mut(i)) {
        Some(note) => {
            if wanted("text") {
                note.text = text.into();
            }
            if wanted("date") {
                note.date = date;
            }
            if wanted("by") {
                note.by = by;
            }
        }
        None => item.progress.push(Note {
            by: by.or_else(|| state.author(file)),
            ..Note::new(date, text)
        }),
    });
    let key = if index.is_some() {
        "edit.edit_note"
    } else {
        "edit.add_note"
    };
    replace(
        file,
        before,
        after,
        trf(state.settings.lang, key, &[("id", &id)]),
    )
}

fn metric_change(
    state: &State,
    file: usize,
    id: &str,
    key: Option<&MetricKey>,
    form: &Form,
    today: Date,
) -> Outcome {
    let lang = state.settings.lang;
    let before = current(state, file, id)?;
    let index = match key {
        Some(key) => Some(
            key.find(&before.metrics)
                .ok_or_else(|| trf(lang, "form.metric_gone", &[("name", &key.name)]))?,
        ),
        None => None,
    };
    let wanted = |label: &str| index.is_none() || form.changed(label);
    let name = optional(form.value("name"))
        .ok_or_else(|| tr(state.settings.lang, "form.name_needed").into_owned())?;
    let value = number_field(&form.value("value"), "value", state.settings.lang)?;
    let target = match optional(form.value("target")) {
        None => None,
        Some(text) => Some(number_field(&text, "target", state.settings.lang)?),
    };
    let unit = optional(form.value("unit"));
    let date = date_field(form, "date", state.settings.lang)?.unwrap_or(today);
    let clash = before
        .metrics
        .iter()
        .enumerate()
        .any(|(i, m)| m.name == name && Some(i) != index);
    if clash {
        return Err(trf(
            lang,
            "form.name_taken",
            &[("id", &id), ("name", &name)],
        ));
    }
    let published = state.document(file).and_then(|d| d.header.published);
    let mut said = None;
    let after = before.edited(|item| match index.and_then(|i| item.metrics.get_mut(i)) {
        Some(metric) => {
            if wanted("unit") {
                metric.unit = unit;
            }
            if wanted("target") {
                metric.target = target;
            }
            if wanted("name") {
                metric.name = name;
            }
            if wanted("value") || wanted("date") {
                let recorded =
                    record_reading(metric, date, value.clone(), published, SameDate::Replace);
                // A reading that did not become the value, or replaced one, is said in the footer.
                if !matches!(
                    recorded,
                    Recorded::Added { latest: true } | Recorded::Unchanged
                ) {
                    let shown = state.settings.dates.show(date);
                    let phrase = recorded.phrase(&metric.name, &shown, &value, metric);
                    said = Some(phrase.text(state.settings.lang));
                }
            }
        }
        None => item.metrics.push(Metric {
            unit,
            target,
            ..new_metric(name, value.clone(), date, published)
        }),
    });
    let key = if index.is_some() {
        "edit.edit_metric"
    } else {
        "edit.add_metric"
    };
    let edit = replace(file, before, after, trf(lang, key, &[("id", &id)]))?;
    Ok(edit.map(|edit| Edit { said, ..edit }))
}
