//! The merge-conflict picker: the selected item's first conflict, both values and where each came
//! from, and the keys that settle it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use serde_json::Value;

use super::{View, popup};
use crate::text::clean_line;

pub fn render(frame: &mut Frame, area: Rect, view: &View) {
    let Some(item) = view.state.selected_item() else {
        return;
    };
    let Some(conflict) = item.conflicts.first() else {
        return;
    };
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2).min(12);
    let title = format!(
        "Merge conflict 1 of {} · item {}",
        item.conflicts.len(),
        clean_line(&item.id)
    );
    let inner = popup::open(frame, area, width, height, &title, view.theme);
    let side = |name: &str, from: &Option<String>, value: &Value| {
        let from = from
            .as_deref()
            .map(|f| format!(" ({})", clean_line(f)))
            .unwrap_or_default();
        Line::from(vec![
            Span::styled(format!("{name}{from}: "), view.theme.title()),
            Span::raw(shown(value)),
        ])
    };
    let lines = vec![
        Line::styled(
            clean_line(&conflict.subject()).into_owned(),
            view.theme.warning(),
        ),
        Line::default(),
        side("ours", &conflict.ours_from, &conflict.ours),
        side("theirs", &conflict.theirs_from, &conflict.theirs),
        Line::default(),
        Line::from(vec![
            Span::styled("o ", view.theme.key()),
            Span::raw("keep ours   "),
            Span::styled("t ", view.theme.key()),
            Span::raw("take theirs   "),
            Span::styled("e ", view.theme.key()),
            Span::raw("edit   "),
            Span::styled("Esc ", view.theme.key()),
            Span::raw("later"),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// A recorded value in words: text as it is, a note as its date and text, nothing as "(none)".
fn shown(value: &Value) -> String {
    let text = match value {
        Value::Null => "(none)".to_string(),
        Value::String(s) => s.clone(),
        Value::Object(map) if map.contains_key("text") => {
            let part = |key: &str| map.get(key).and_then(Value::as_str).unwrap_or("");
            match map.get("by").and_then(Value::as_str) {
                Some(by) => format!("{} {} ({by})", part("date"), part("text")),
                None => format!("{} {}", part("date"), part("text")),
            }
        }
        Value::Array(list) => list
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), String::from))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    };
    clean_line(&text).into_owned()
}
