//! Quick edits from the command line: `note`, `set`, `metric`, `add`, `rm`. They make the same
//! changes as the interface and save them the same way (atomic, never over someone else's change:
//! when the file changed meanwhile, the edit is made again on the new version).

use std::io::Write;
use std::path::Path;

use super::Failure;
use super::target::locate;
use crate::cli::{AddArgs, MetricArgs, NoteArgs, RmArgs, SetArgs};
use crate::lang::{Lang, Phrase};
use crate::model::{
    Change, Date, Document, Item, Note, Recorded, SameDate, Status, new_metric, read_number,
    record_reading, split_tags,
};
use crate::store::{self, SaveError};
use crate::text::clean_line;

/// Attempts before giving up when other writers keep changing the file.
const ATTEMPTS: usize = 10;

/// Loads `path`, builds a change with `make` on the current version, applies and saves it;
/// starts again when someone else changed the file in between. Only the items with an id in
/// `whole` are read whole (every item is checked): `make` looks at no other item's content, and
/// the others are written back as they were.
fn edit_file(
    path: &Path,
    whole: &[&str],
    lang: Lang,
    make: impl Fn(&Document) -> Result<Option<Change>, Failure>,
) -> Result<bool, Failure> {
    if path.is_dir() {
        return Err(Failure::User(
            Phrase::new("cli.folder_to_edit").arg("path", path.display()),
        ));
    }
    for _ in 0..ATTEMPTS {
        // Other tally processes wait while this one reads, changes and writes the file.
        let lock = store::SaveLock::take(path).map_err(|err| Failure::Internal(err.phrase()))?;
        let loaded = store::load_outline(path, whole)?;
        let Some(change) = make(&loaded.doc)? else {
            return Ok(false);
        };
        let mut doc = loaded.doc;
        change
            .apply(&mut doc)
            .map_err(|e| Failure::User(e.phrase()))?;
        match store::save_locked(&lock, path, &doc, &loaded.fingerprint) {
            Ok(saved) => {
                if let Some(notice) = saved.notice {
                    eprintln!("tally: {}", clean_line(&notice.text(lang)));
                }
                return Ok(true);
            }
            Err(SaveError::ChangedOnDisk { .. }) => continue,
            // The input was fine; the system refused the write (full disk, size limit,
            // read-only folder, file gone): exit code 1, the file as it was.
            Err(err) => return Err(Failure::from(err)),
        }
    }
    Err(Failure::User(
        Phrase::new("cli.kept_changing").arg("path", path.display()),
    ))
}

fn find<'a>(doc: &'a Document, path: &Path, id: &str) -> Result<&'a Item, Failure> {
    doc.position(id).map(|i| &doc.items()[i]).ok_or_else(|| {
        Failure::User(
            Phrase::new("cli.no_item")
                .arg("path", path.display())
                .arg("id", clean_line(id)),
        )
    })
}

fn replace(before: &Item, edit: impl FnOnce(&mut Item)) -> Option<Change> {
    let after = before.edited(edit);
    (after != *before).then(|| Change::Replace {
        before: before.clone(),
        after,
    })
}

fn report(out: &mut dyn Write, changed: bool, what: String) -> Result<(), Failure> {
    if changed {
        writeln!(out, "{}", clean_line(&what))?;
    } else {
        writeln!(out, "no change")?;
    }
    Ok(())
}

pub fn note(args: &NoteArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let (target, rest) = locate(&args.target, &args.rest, 1)?;
    let [text] = rest else {
        return Err(Failure::User(Phrase::new("cli.give_note")));
    };
    let (path, id) = (&target.path, &target.id);
    if text.trim().is_empty() {
        return Err(Failure::User(Phrase::new("cli.empty_note")));
    }
    let date = args.date.unwrap_or_else(Date::today);
    let by = crate::git::author::author(args.by.as_deref(), path);
    let changed = edit_file(path, &[id.as_str()], lang, |doc| {
        let item = find(doc, path, id)?;
        let note = Note {
            by: by.clone(),
            ..Note::new(date, text.clone())
        };
        Ok(replace(item, |item| item.progress.push(note)))
    })?;
    report(
        out,
        changed,
        format!("added a note dated {date} to item {id}"),
    )
}

const FIELDS: &str = "title, goal, lead, status, due, tags";

pub fn set(args: &SetArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let (target, rest) = locate(&args.target, &args.rest, 1)?;
    if rest.is_empty() {
        return Err(Failure::User(
            Phrase::new("cli.give_fields").arg("fields", FIELDS),
        ));
    }
    let (path, id) = (&target.path, &target.id);
    let assignments = rest
        .iter()
        .map(|a| parse_assignment(a))
        .collect::<Result<Vec<_>, Failure>>()?;
    let changed = edit_file(path, &[id.as_str()], lang, |doc| {
        let item = find(doc, path, id)?;
        let mut after = item.clone();
        for assignment in &assignments {
            assignment.apply(&mut after);
        }
        Ok(replace(item, |item| {
            *item = Item {
                origin: item.origin.clone(),
                ..after
            }
        }))
    })?;
    let names: Vec<&str> = assignments.iter().map(Assignment::name).collect();
    report(
        out,
        changed,
        format!("set {} of item {id}", names.join(", ")),
    )
}

/// One checked `FIELD=VALUE`.
enum Assignment {
    Title(String),
    Goal(Option<String>),
    Lead(Option<String>),
    Status(Status),
    Due(Option<Date>),
    Tags(Vec<String>),
}

impl Assignment {
    fn name(&self) -> &'static str {
        match self {
            Assignment::Title(_) => "title",
            Assignment::Goal(_) => "goal",
            Assignment::Lead(_) => "lead",
            Assignment::Status(_) => "status",
            Assignment::Due(_) => "due",
            Assignment::Tags(_) => "tags",
        }
    }

    fn apply(&self, item: &mut Item) {
        match self {
            Assignment::Title(title) => item.title = title.clone(),
            Assignment::Goal(goal) => item.goal = goal.clone(),
            Assignment::Lead(lead) => item.lead = lead.clone(),
            Assignment::Status(status) => item.status = *status,
            Assignment::Due(due) => item.due = *due,
            Assignment::Tags(tags) => item.tags = tags.clone(),
        }
    }
}

fn parse_assignment(text: &str) -> Result<Assignment, Failure> {
    let user = Failure::User;
    let (field, value) = text.split_once('=').ok_or_else(|| {
        user(
            Phrase::new("cli.expected_assignment")
                .arg("text", clean_line(text))
                .arg("fields", FIELDS),
        )
    })?;
    let optional = || (!value.trim().is_empty()).then(|| value.trim().to_string());
    Ok(match field.trim() {
        "title" => Assignment::Title(
            optional().ok_or_else(|| user(Phrase::new("cli.title_cannot_be_empty")))?,
        ),
        "goal" => Assignment::Goal(optional()),
        "lead" => Assignment::Lead(optional()),
        "status" => Assignment::Status(Status::from_word(value).map_err(|e| user(e.phrase()))?),
        "due" => Assignment::Due(match optional() {
            None => None,
            Some(date) => Some(
                date.parse()
                    .map_err(|e: crate::model::BadDate| user(e.phrase()))?,
            ),
        }),
        "tags" => Assignment::Tags(split_tags(value)),
        other => {
            return Err(user(
                Phrase::new("cli.unknown_field")
                    .arg("name", clean_line(other))
                    .arg("fields", FIELDS),
            ));
        }
    })
}

pub fn metric(args: &MetricArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let number = |text: &str| read_number(text).map_err(|e| Failure::User(e.phrase()));
    let value = number(&args.value)?;
    let target = args.target.as_deref().map(number).transpose()?;
    let date = args.date.unwrap_or_else(Date::today);
    let said = std::cell::RefCell::new(None);
    let changed = edit_file(&args.path, &[args.id.as_str()], lang, |doc| {
        let item = find(doc, &args.path, &args.id)?;
        let published = doc.header.published;
        Ok(replace(item, |item| {
            let what = format!("item {} metric \"{}\"", args.id, args.name);
            let metric = match item.metrics.iter().position(|m| m.name == args.name) {
                Some(index) => {
                    let metric = &mut item.metrics[index];
                    let recorded =
                        record_reading(metric, date, value.clone(), published, SameDate::Replace);
                    // A back-dated reading, or one that replaced another, says so instead of
                    // the usual line.
                    if matches!(
                        recorded,
                        Recorded::Added { latest: false } | Recorded::Replaced { .. }
                    ) {
                        said.replace(Some(recorded.describe(&what, date, &value, metric)));
                    }
                    metric
                }
                None => {
                    item.metrics.push(new_metric(
                        args.name.clone(),
                        value.clone(),
                        date,
                        published,
                    ));
                    let last = item.metrics.len() - 1;
                    &mut item.metrics[last]
                }
            };
            if target.is_some() {
                metric.target = target.clone();
            }
            if let Some(unit) = &args.unit {
                metric.unit = (!unit.trim().is_empty()).then(|| unit.trim().to_string());
            }
        }))
    })?;
    let said = said.into_inner().unwrap_or_else(|| {
        format!(
            "set metric \"{}\" of item {} to {value}",
            args.name, args.id
        )
    });
    report(out, changed, said)
}

pub fn add(args: &AddArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    if args.title.trim().is_empty() {
        return Err(Failure::User(Phrase::new("cli.empty_title")));
    }
    let chosen = std::cell::RefCell::new(String::new());
    edit_file(&args.path, &[], lang, |doc| {
        let id = match &args.id {
            Some(id) if id.trim().is_empty() => {
                return Err(Failure::User(Phrase::new("cli.empty_id")));
            }
            Some(id) if doc.position(id).is_some() => {
                return Err(Failure::User(
                    Phrase::new("cli.id_used")
                        .arg("path", args.path.display())
                        .arg("id", clean_line(id)),
                ));
            }
            Some(id) => id.clone(),
            None => doc.next_free_id(),
        };
        let mut item = Item::new(id.clone(), args.title.trim());
        item.goal = args.goal.clone();
        item.lead = args.lead.clone();
        item.status = args.status.unwrap_or_default();
        chosen.replace(id);
        Ok(Some(Change::Insert {
            index: doc.items().len(),
            item,
        }))
    })?;
    report(out, true, format!("added item {}", chosen.into_inner()))
}

pub fn rm(args: &RmArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    edit_file(&args.path, &[args.id.as_str()], lang, |doc| {
        let item = find(doc, &args.path, &args.id)?;
        let index = doc.position(&args.id).unwrap_or(0);
        Ok(Some(Change::Remove {
            index,
            item: item.clone(),
        }))
    })?;
    report(out, true, format!("removed item {}", args.id))
}
