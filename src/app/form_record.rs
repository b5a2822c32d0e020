//! What a form changed: each field remembers the value it opened with, so only the fields the user
//! changed are written, and when the file changes underneath, untouched fields take the new
//! values while changed ones keep the user's text and say what the file has now.

use super::form::{Field, Form, Input, optional_date, text};
use crate::lang::{Lang, tr, trf};
use crate::model::{Item, Metric};

impl Form {
    /// True when the user changed the field `label` from the value it opened with.
    pub fn changed(&self, label: &str) -> bool {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .is_some_and(|f| self.value(label) != f.start)
    }

    /// True when the user changed any field.
    pub fn touched(&self) -> bool {
        self.fields.iter().any(|f| self.changed(f.label))
    }

    /// The file now has `value` for the field `label`: a field the user did not change shows it
    /// (silently); a changed one keeps the user's text and says so. Returns the words for a clash.
    pub fn rebase(&mut self, label: &'static str, value: &str, lang: Lang) -> Option<String> {
        let changed = self.changed(label);
        let field = self.fields.iter_mut().find(|f| f.label == label)?;
        if field.start == value {
            return None;
        }
        if !changed {
            let fresh = match field.input {
                Input::Status(_) => Field {
                    label,
                    input: Input::Status(value.parse().unwrap_or_default()),
                    start: value.to_string(),
                },
                Input::Text { multiline, .. } => text(label, value, multiline),
            };
            *field = fresh;
            return None;
        }
        field.start = value.to_string();
        let mine = match &field.input {
            Input::Text { area, .. } => area.lines().join(" "),
            Input::Status(status) => status.as_str().to_string(),
        };
        let field = tr(lang, &format!("field.{label}"));
        Some(trf(
            lang,
            "form.on_disk_and_yours",
            &[("field", &field), ("value", &value), ("mine", &mine)],
        ))
    }
}

/// An item's own fields as the item form shows them.
pub fn item_values(item: &Item) -> Vec<(&'static str, String)> {
    vec![
        ("title", item.title.clone()),
        ("goal", item.goal.clone().unwrap_or_default()),
        ("lead", item.lead.clone().unwrap_or_default()),
        ("status", item.status.as_str().to_string()),
        ("due", optional_date(item.due)),
        ("tags", item.tags.join(", ")),
    ]
}

/// A metric's fields as the metric form shows them (the date is the reading's, not the metric's).
pub fn metric_values(metric: &Metric) -> Vec<(&'static str, String)> {
    let number = |n: Option<&serde_json::Number>| n.map(|n| n.to_string()).unwrap_or_default();
    vec![
        ("name", metric.name.clone()),
        ("value", number(Some(&metric.value))),
        ("target", number(metric.target.as_ref())),
        ("unit", metric.unit.clone().unwrap_or_default()),
    ]
}
