//! One item merged three ways, field by field; unknown fields by their whole value.

use serde_json::Value;

use super::Labels;
use super::metrics::merge_metrics;
use super::notes::merge_notes;
use crate::model::{Conflict, Item, three_way};
use crate::store::{item_extras, with_item_extras};

/// True when two versions of an item hold the same values, unknown fields included.
pub(super) fn same(a: &Item, b: &Item) -> bool {
    a == b && item_extras(a) == item_extras(b)
}

/// The merged item and the conflicts added to it. `base` is `None` for an item both sides added.
pub(super) fn merge_item(
    base: Option<&Item>,
    ours: &Item,
    theirs: &Item,
    labels: &Labels,
) -> (Item, Vec<Conflict>) {
    if same(ours, theirs) || base.is_some_and(|b| same(b, theirs)) {
        return (ours.clone(), Vec::new());
    }
    if base.is_some_and(|b| same(b, ours)) {
        return (theirs.clone(), Vec::new());
    }
    let mut found = Vec::new();
    let mut item = ours.edited(|_| {});
    let mut pick = |name: &str, get: &dyn Fn(&Item) -> Value| -> Option<Value> {
        let (o, t) = (get(ours), get(theirs));
        let chosen = three_way(base.map(get).as_ref(), &o, &t);
        if chosen.is_none() {
            found.push(Conflict::field(name, o, t));
        }
        chosen.filter(|value| *value != get(ours))
    };
    let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
    let date = |v: &Option<crate::model::Date>| v.map_or(Value::Null, |d| d.to_string().into());
    if pick("title", &|i| i.title.clone().into()).is_some() {
        item.title = theirs.title.clone();
    }
    if pick("goal", &|i| text(&i.goal)).is_some() {
        item.goal = theirs.goal.clone();
    }
    if pick("lead", &|i| text(&i.lead)).is_some() {
        item.lead = theirs.lead.clone();
    }
    if pick("status", &|i| i.status.as_str().into()).is_some() {
        item.status = theirs.status;
    }
    if pick("due", &|i| date(&i.due)).is_some() {
        item.due = theirs.due;
    }
    if pick("reviewed", &|i| date(&i.reviewed)).is_some() {
        item.reviewed = theirs.reviewed;
    }
    if pick("tags", &|i| i.tags.clone().into()).is_some() {
        item.tags = theirs.tags.clone();
    }
    let empty = Item::default();
    let old = base.unwrap_or(&empty);
    let (notes, mut conflicts) = merge_notes(&old.progress, &ours.progress, &theirs.progress);
    item.progress = notes;
    found.append(&mut conflicts);
    let (metrics, mut conflicts) = merge_metrics(&old.metrics, &ours.metrics, &theirs.metrics);
    item.metrics = metrics;
    found.append(&mut conflicts);
    item.conflicts = merge_records(&old.conflicts, &ours.conflicts, &theirs.conflicts);
    let item = merge_extras(base, ours, theirs, item, &mut found);
    for conflict in &mut found {
        conflict.ours_from = labels.ours.clone();
        conflict.theirs_from = labels.theirs.clone();
    }
    let item = item.edited(|item| item.conflicts.extend(found.iter().cloned()));
    (item, found)
}

/// Conflict records already in the item: ours, then any new ones of theirs not settled by us.
fn merge_records(base: &[Conflict], ours: &[Conflict], theirs: &[Conflict]) -> Vec<Conflict> {
    let mut merged = ours.to_vec();
    for record in theirs {
        if !base.contains(record) && !merged.contains(record) {
            merged.push(record.clone());
        }
    }
    merged
}

/// Unknown fields merged by whole value; their text is rewritten only when theirs brought a change.
fn merge_extras(
    base: Option<&Item>,
    ours: &Item,
    theirs: &Item,
    item: Item,
    found: &mut Vec<Conflict>,
) -> Item {
    let base_extras = base.map(item_extras);
    let (mine, other) = (item_extras(ours), item_extras(theirs));
    let get = |list: &[(String, Value)], key: &str| {
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    let mut keys: Vec<&String> = mine.iter().map(|(k, _)| k).collect();
    for (key, _) in &other {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let mut merged = Vec::new();
    for key in keys {
        let (o, t) = (get(&mine, key), get(&other, key));
        let b = base_extras.as_ref().map(|list| get(list, key));
        let chosen = three_way(b.as_ref(), &o, &t).unwrap_or_else(|| {
            let null = |v: &Option<Value>| v.clone().unwrap_or(Value::Null);
            found.push(Conflict::field(key.as_str(), null(&o), null(&t)));
            o.clone()
        });
        if let Some(value) = chosen {
            merged.push((key.clone(), value));
        }
    }
    if merged == mine {
        item
    } else {
        with_item_extras(&item, &merged)
    }
}
