//! Submitting forms: checking the values typed and turning them into changes — the item's fields,
//! a new item, notes, metrics (a changed value is added to the history), lead, due date.

use super::Effect;
use super::editing::{close_form, commit};
use super::form::{Form, FormKind};
use super::state::{Message, State};
use crate::model::{Change, Date, Item, Metric, Note, Point, parse_number};

/// Enter in a form: checks the values and commits the change, or shows why not.
pub(crate) fn submit(state: &mut State) -> Vec<Effect> {
    let Some(form) = state.form.clone() else {
        return Vec::new();
    };
    let today = state.today();
    let result = match &form.kind {
        FormKind::EditItem { file, id } => item_change(state, *file, id, &form),
        FormKind::AddItem { file } => new_item(state, *file, &form),
        FormKind::AddNote { file, id } => note_change(state, *file, id, None, &form),
        FormKind::EditNote { file, id, note } => note_change(state, *file, id, Some(*note), &form),
        FormKind::EditMetric { file, id, metric } => {
            metric_change(state, *file, id, *metric, &form, today)
        }
        FormKind::SetLead { file, id } => {
            let lead = optional(form.value("lead"));
            field_change(state, *file, id, "lead", |item| item.lead = lead)
        }
        FormKind::SetDue { file, id } => match date_field(&form, "due") {
            Ok(due) => field_change(state, *file, id, "due", |item| item.due = due),
            Err(problem) => Err(problem),
        },
        FormKind::SetSince => match date_field(&form, "since") {
            Ok(date) => {
                state.since = date;
                state.since_cursor = 0;
                close_form(state);
                return Vec::new();
            }
            Err(problem) => Err(problem),
        },
    };
    match result {
        Ok(None) => {
            close_form(state);
            state.message = Some(Message::info("no change"));
            Vec::new()
        }
        Ok(Some((file, change, label))) => {
            close_form(state);
            commit(state, file, change, label)
        }
        Err(problem) => {
            if let Some(form) = &mut state.form {
                form.error = Some(problem);
            }
            Vec::new()
        }
    }
}

type Outcome = Result<Option<(usize, Change, String)>, String>;

fn current(state: &State, file: usize, id: &str) -> Result<Item, String> {
    let doc = state.document(file).ok_or("the file is no longer open")?;
    let index = doc
        .position(id)
        .ok_or(format!("item {id} no longer exists"))?;
    Ok(doc.items()[index].clone())
}

/// A replace change, or nothing when the edit changed nothing.
fn replace(file: usize, before: Item, after: Item, label: String) -> Outcome {
    Ok((after != before).then_some((file, Change::Replace { before, after }, label)))
}

fn optional(text: String) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

fn date_field(form: &Form, label: &str) -> Result<Option<Date>, String> {
    match optional(form.value(label)) {
        None => Ok(None),
        Some(text) => text
            .parse::<Date>()
            .map(Some)
            .map_err(|e| format!("{label}: {e}")),
    }
}

/// Tags from text: separated by commas (ASCII or Chinese) or the Chinese enumeration comma.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split([',', '，', '、'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

fn fill_item(item: &mut Item, form: &Form) -> Result<(), String> {
    item.title = optional(form.value("title")).ok_or("title: a title is needed")?;
    item.goal = optional(form.value("goal"));
    item.lead = optional(form.value("lead"));
    item.status = form.status().unwrap_or(item.status);
    item.due = date_field(form, "due")?;
    item.tags = split_tags(&form.value("tags"));
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
    replace(file, before, after, format!("set {what} of item {id}"))
}

fn item_change(state: &State, file: usize, id: &str, form: &Form) -> Outcome {
    let before = current(state, file, id)?;
    let mut problem = Ok(());
    let after = before.edited(|item| problem = fill_item(item, form));
    problem?;
    replace(file, before, after, format!("edit item {id}"))
}

fn new_item(state: &State, file: usize, form: &Form) -> Outcome {
    let doc = state.document(file).ok_or("the file is no longer open")?;
    let id = optional(form.value("id")).ok_or("id: an id is needed")?;
    if doc.position(&id).is_some() {
        return Err(format!("id: {id} is already used in this file"));
    }
    let mut item = Item::new(id.clone(), "");
    fill_item(&mut item, form)?;
    let change = Change::Insert {
        index: doc.items().len(),
        item,
    };
    Ok(Some((file, change, format!("add item {id}"))))
}

fn note_change(state: &State, file: usize, id: &str, index: Option<usize>, form: &Form) -> Outcome {
    let before = current(state, file, id)?;
    let text = optional(form.value("text")).ok_or("text: the note is empty")?;
    let date = date_field(form, "date")?.ok_or("date: a date is needed (YYYY-MM-DD)")?;
    let by = optional(form.value("by"));
    let after = before.edited(|item| match index.and_then(|i| item.progress.get_mut(i)) {
        Some(note) => {
            note.text = text;
            note.date = date;
            note.by = by;
        }
        None => item.progress.push(Note {
            by: by.or_else(|| state.author(file)),
            ..Note::new(date, text)
        }),
    });
    let label = if index.is_some() {
        "edit note"
    } else {
        "add note"
    };
    replace(file, before, after, format!("{label} on item {id}"))
}

fn metric_change(
    state: &State,
    file: usize,
    id: &str,
    index: Option<usize>,
    form: &Form,
    today: Date,
) -> Outcome {
    let before = current(state, file, id)?;
    let name = optional(form.value("name")).ok_or("name: a metric needs a name")?;
    let value_text = form.value("value");
    let value = parse_number(&value_text)
        .ok_or(format!("value: \"{}\" is not a number", value_text.trim()))?;
    let target = match optional(form.value("target")) {
        None => None,
        Some(text) => {
            Some(parse_number(&text).ok_or(format!("target: \"{text}\" is not a number"))?)
        }
    };
    let unit = optional(form.value("unit"));
    let date = date_field(form, "date")?.unwrap_or(today);
    let clash = before
        .metrics
        .iter()
        .enumerate()
        .any(|(i, m)| m.name == name && Some(i) != index);
    if clash {
        return Err(format!("name: item {id} already has a metric \"{name}\""));
    }
    let published = state.document(file).and_then(|d| d.header.published);
    let after = before.edited(|item| match index.and_then(|i| item.metrics.get_mut(i)) {
        Some(metric) => {
            metric.name = name;
            metric.unit = unit;
            metric.target = target;
            record_reading(metric, value, date, published);
        }
        None => item.metrics.push(Metric {
            unit,
            target,
            ..Metric::new(name, value)
        }),
    });
    let label = if index.is_some() {
        "edit metric"
    } else {
        "add metric"
    };
    replace(file, before, after, format!("{label} on item {id}"))
}

/// Sets a metric's value; a changed value is added to its history, dated `date`. When the history
/// is empty the old value goes first, dated with the report's publication date when that is
/// earlier, so the series shows where the value came from.
pub fn record_reading(
    metric: &mut Metric,
    value: serde_json::Number,
    date: Date,
    published: Option<Date>,
) {
    if metric.value == value {
        return;
    }
    if metric.history.is_empty()
        && let Some(published) = published.filter(|p| *p < date)
    {
        metric.history.push(Point {
            date: published,
            value: metric.value.clone(),
            origin: Default::default(),
        });
    }
    match metric.history.iter_mut().find(|p| p.date == date) {
        Some(point) => point.value = value.clone(),
        None => metric.history.push(Point {
            date,
            value: value.clone(),
            origin: Default::default(),
        }),
    }
    metric.value = value;
}
