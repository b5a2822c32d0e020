//! What waits over the screen — a form, a question, the status picker — when its file changes on
//! disk: each is found again by what it names. A target that is gone closes it with a message (a
//! form with typed text stays open, its text kept); fields the user did not touch take the new
//! values silently; a field both changed keeps the user's text and shows the other value.

use super::dialog::Confirmed;
use super::form::{Form, FormKind};
use super::form_record::{item_values, metric_values};
use super::state::{Overlay, State};
use crate::lang::{Lang, trf};
use crate::model::{Document, Item, NoteKey};

/// Rebases the waiting overlay on the new version of `file` (`old`: the version it replaced;
/// `renamed`: the items this session added whose ids the other writer took, each with the id it
/// has now); words for the footer when something the user should know happened to it.
pub(crate) fn rebase(
    state: &mut State,
    file: usize,
    old: &Document,
    renamed: &[(String, String)],
) -> Option<String> {
    let mut overlay = state.overlay.take()?;
    // An overlay opened on an item this session added acts on that item under its new id, not
    // on the other writer's item that has the old one now.
    if let Some((f, id)) = overlay.target_mut()
        && f == file
        && let Some((_, now)) = renamed.iter().find(|(from, _)| from == id)
    {
        *id = now.clone();
    }
    let Some(doc) = state.document(file) else {
        state.overlay = Some(overlay);
        return None;
    };
    let lang = state.settings.lang;
    let (kept, note) = match overlay {
        Overlay::StatusPicker { file: f, id } if f == file && find(doc, &id).is_none() => {
            (None, Some(trf(lang, "msg.gone_no_status", &[("id", &id)])))
        }
        Overlay::Confirm(confirm) => match gone_question(lang, doc, file, &confirm.on_yes) {
            Some(note) => (None, Some(note)),
            None => (Some(Overlay::Confirm(confirm)), None),
        },
        Overlay::Form(mut form) => {
            let note = rebase_form(lang, &mut form, doc, old, file);
            let close =
                note.is_some() && !form.touched() && !matches!(form.kind, FormKind::AddItem { .. });
            if close {
                (
                    None,
                    note.map(|n| trf(lang, "msg.form_closed", &[("why", &n)])),
                )
            } else {
                (Some(Overlay::Form(form)), note)
            }
        }
        other => (Some(other), None),
    };
    state.overlay = kept;
    note
}

fn find<'a>(doc: &'a Document, id: &str) -> Option<&'a Item> {
    doc.item(doc.position(id)?)
}

/// Why a question can no longer be answered, if it cannot.
fn gone_question(lang: Lang, doc: &Document, file: usize, on_yes: &Confirmed) -> Option<String> {
    let (f, id) = match on_yes {
        Confirmed::DeleteItem { file, id }
        | Confirmed::DeleteNote { file, id, .. }
        | Confirmed::DeleteMetric { file, id, .. } => (*file, id),
        Confirmed::QuitUnsaved => return None,
    };
    if f != file {
        return None;
    }
    let Some(item) = find(doc, id) else {
        return Some(trf(lang, "msg.gone_nothing_deleted", &[("id", &id)]));
    };
    match on_yes {
        Confirmed::DeleteNote { note, .. } if note.find(&item.progress).is_none() => {
            Some(trf(lang, "msg.note_gone", &[("id", &id)]))
        }
        Confirmed::DeleteMetric { metric, .. } if metric.find(&item.metrics).is_none() => {
            Some(trf(
                lang,
                "msg.metric_gone",
                &[("name", &metric.name), ("id", &id)],
            ))
        }
        _ => None,
    }
}

/// Rebases a form's fields on the new version; words for the footer (a target gone, a clash, a
/// new id).
fn rebase_form(
    lang: Lang,
    form: &mut Form,
    doc: &Document,
    old: &Document,
    file: usize,
) -> Option<String> {
    let values: Vec<(&'static str, String)> = match &form.kind {
        FormKind::AddItem { file: f } if *f == file => return fresh_id(lang, form, doc),
        FormKind::EditItem { file: f, id }
        | FormKind::AddNote { file: f, id }
        | FormKind::EditNote { file: f, id, .. }
        | FormKind::EditMetric { file: f, id, .. }
        | FormKind::SetLead { file: f, id }
        | FormKind::SetDue { file: f, id }
            if *f == file =>
        {
            let Some(item) = find(doc, id) else {
                let what = trf(lang, "msg.gone", &[("id", &id)]);
                return Some(gone(lang, form, what));
            };
            let before = find(old, id);
            follow_edited_note(&mut form.kind, before, item);
            match target_values(lang, &form.kind, item) {
                Ok(values) => values,
                Err(what) => return Some(gone(lang, form, what)),
            }
        }
        _ => return None,
    };
    let clashes: Vec<String> = values
        .into_iter()
        .filter_map(|(label, value)| form.rebase(label, &value, lang))
        .collect();
    if clashes.is_empty() {
        return None;
    }
    let note = trf(lang, "msg.changed_too", &[("clashes", &clashes.join("; "))]);
    form.notice = Some(note.clone());
    Some(note)
}

/// The values the form's fields stand for in `item` now, or what is gone.
fn target_values(
    lang: Lang,
    kind: &FormKind,
    item: &Item,
) -> Result<Vec<(&'static str, String)>, String> {
    let id = &item.id;
    Ok(match kind {
        FormKind::EditItem { .. } => item_values(item),
        FormKind::SetLead { .. } | FormKind::SetDue { .. } => item_values(item)
            .into_iter()
            .filter(|(label, _)| matches!(*label, "lead" | "due"))
            .collect(),
        FormKind::EditNote { note, .. } => match note.find(&item.progress) {
            Some(at) => {
                let note = &item.progress[at];
                vec![
                    ("text", note.text.to_string()),
                    ("date", note.date.to_string()),
                    ("by", note.by.clone().unwrap_or_default()),
                ]
            }
            None => {
                return Err(trf(lang, "msg.note_changed", &[("id", &id)]));
            }
        },
        FormKind::EditMetric {
            metric: Some(key), ..
        } => match key.find(&item.metrics) {
            Some(at) => metric_values(&item.metrics[at]),
            None => {
                return Err(trf(
                    lang,
                    "msg.metric_gone_from_file",
                    &[("name", &key.name), ("id", &id)],
                ));
            }
        },
        _ => Vec::new(),
    })
}

/// A note the form edits that someone else edited too (same place, as many notes as before, a
/// different note there now) is followed to its new content: a conflict, not a deletion.
fn follow_edited_note(kind: &mut FormKind, before: Option<&Item>, item: &Item) {
    let FormKind::EditNote { note, .. } = kind else {
        return;
    };
    if note.find(&item.progress).is_some() {
        return;
    }
    let Some(before) = before.filter(|b| b.progress.len() == item.progress.len()) else {
        return;
    };
    let Some(at) = note.find(&before.progress) else {
        return;
    };
    if let Some(key) = NoteKey::of(&item.progress, at) {
        *note = key;
    }
}

/// The form's target is gone: a form with typed text stays open and says so.
fn gone(lang: Lang, form: &mut Form, what: String) -> String {
    if form.touched() {
        form.notice = Some(trf(lang, "msg.text_kept", &[("what", &what)]));
    }
    what
}

/// A new item's proposed id, taken meanwhile, becomes the next free one.
fn fresh_id(lang: Lang, form: &mut Form, doc: &Document) -> Option<String> {
    let id = form.value("id");
    if form.changed("id") || doc.position(id.trim()).is_none() {
        return None;
    }
    let next = doc.next_free_id();
    form.rebase("id", &next, lang);
    let note = trf(
        lang,
        "msg.id_taken_new",
        &[("from", &id.trim()), ("to", &next)],
    );
    form.notice = Some(note.clone());
    Some(note)
}
