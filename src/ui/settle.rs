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
    let title = view.trf(
        "settle.title",
        &[("n", &item.conflicts.len()), ("id", &clean_line(&item.id))],
    );
    let inner = popup::open(frame, area, width, height, &title, view.theme);
    let side = |name: &str, from: &Option<String>, value: &Value| {
        let from = from
            .as_deref()
            .map(|f| format!(" ({})", clean_line(origin(f))))
            .unwrap_or_default();
        Line::from(vec![
            Span::styled(format!("{name}{from}: "), view.theme.title()),
            Span::raw(shown(view, value)),
        ])
    };
    let lines = vec![
        Line::styled(
            clean_line(&subject(view, conflict)).into_owned(),
            view.theme.warning(),
        ),
        Line::default(),
        side(&view.tr("hint.ours"), &conflict.ours_from, &conflict.ours),
        side(
            &view.tr("hint.theirs"),
            &conflict.theirs_from,
            &conflict.theirs,
        ),
        Line::default(),
        Line::from(vec![
            Span::styled("o ", view.theme.key()),
            Span::raw(format!("{}   ", view.tr("settle.keep_ours"))),
            Span::styled("t ", view.theme.key()),
            Span::raw(format!("{}   ", view.tr("settle.take_theirs"))),
            Span::styled("e ", view.theme.key()),
            Span::raw(format!("{}   ", view.tr("hint.edit"))),
            Span::styled("Esc ", view.theme.key()),
            Span::raw(view.tr("hint.later")),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// What the conflict is about, its field named in the interface language where tally knows it.
fn subject(view: &View, conflict: &crate::model::Conflict) -> String {
    let field = &conflict.field;
    match crate::lang::try_tr(view.state.settings.lang, &format!("field.{field}")) {
        Some(name) => conflict.subject().replacen(field.as_str(), &name, 1),
        None => conflict.subject(),
    }
}

/// Where a side came from, as git users read it: a full commit id (git names the side it merges
/// in that way on a pull) is shortened to its first seven digits; branch names stay whole.
fn origin(from: &str) -> &str {
    let is_commit_id = from.len() == 40 && from.bytes().all(|b| b.is_ascii_hexdigit());
    if is_commit_id { &from[..7] } else { from }
}

/// A recorded value in words: text as it is, a note as its date and text, nothing as "(none)".
fn shown(view: &View, value: &Value) -> String {
    let text = match value {
        Value::Null => format!("({})", view.tr("settle.none")),
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

#[cfg(test)]
mod tests {
    use super::origin;

    #[test]
    fn a_commit_id_is_shortened_and_a_branch_name_is_not() {
        assert_eq!(
            origin("2c6dab715e9ba42c54da9d4741bb02dcf93e9062"),
            "2c6dab7"
        );
        assert_eq!(origin("HEAD"), "HEAD");
        assert_eq!(origin("origin/main"), "origin/main");
        // Forty characters that are not all hex digits are a name, not an id.
        assert_eq!(origin(&"g".repeat(40)), "g".repeat(40));
    }
}
