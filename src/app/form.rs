//! Forms for editing: which fields a form has, their text (in an editing widget that moves by
//! grapheme and knows CJK widths), and reading the values back. Checking values and turning them
//! into changes is done in `editing`.

use crate::lang::Phrase;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::form_record::item_values;
use crate::model::{Date, Item, Metric, MetricKey, Note, NoteKey, Status};

/// What a form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    EditItem {
        file: usize,
        id: String,
    },
    AddItem {
        file: usize,
    },
    AddNote {
        file: usize,
        id: String,
    },
    /// `note` names the note by content, wherever it stands now.
    EditNote {
        file: usize,
        id: String,
        note: NoteKey,
    },
    /// `metric` is `None` for a new metric.
    EditMetric {
        file: usize,
        id: String,
        metric: Option<MetricKey>,
    },
    SetLead {
        file: usize,
        id: String,
    },
    SetDue {
        file: usize,
        id: String,
    },
    /// The date of the "since" view.
    SetSince,
}

/// One input of a form.
// A form has a handful of fields, so boxing the text area would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Input {
    /// Text; `multiline` fields take line breaks (Alt-Enter or Ctrl-J).
    Text {
        area: TextArea<'static>,
        multiline: bool,
    },
    /// One of the six statuses, chosen with ←/→ or the status letter.
    Status(Status),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub input: Input,
    /// The value the field opened with (or last took from the file): the field is changed when
    /// its value differs, and only changed fields are written.
    pub start: String,
}

/// An open form.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub title: Phrase,
    pub fields: Vec<Field>,
    /// The field with the cursor.
    pub focus: usize,
    /// Why the last submit was refused.
    pub error: Option<String>,
    /// What happened to the file while the form was open (stays while typing).
    pub notice: Option<String>,
    /// Values to complete the focused field from (Tab takes the best match).
    pub suggestions: Vec<String>,
}

pub(crate) fn text(label: &'static str, value: &str, multiline: bool) -> Field {
    let lines: Vec<String> = if multiline {
        value.split('\n').map(String::from).collect()
    } else {
        vec![value.replace(['\n', '\r'], " ")]
    };
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(if multiline {
        WrapMode::WordOrGlyph
    } else {
        WrapMode::None
    });
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    Field {
        label,
        input: Input::Text { area, multiline },
        start: if multiline {
            value.to_string()
        } else {
            value.replace(['\n', '\r'], " ")
        },
    }
}

pub(crate) fn optional_date(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

impl Form {
    fn new(kind: FormKind, title: Phrase, fields: Vec<Field>) -> Form {
        Form {
            kind,
            title,
            fields,
            focus: 0,
            error: None,
            notice: None,
            suggestions: Vec::new(),
        }
    }

    /// A form with one single-line field.
    pub fn single(kind: FormKind, title: Phrase, label: &'static str, value: &str) -> Form {
        Form::new(kind, title, vec![text(label, value, false)])
    }

    /// The suggestions that match the focused field's text, best first: as text, as pinyin
    /// (initials too: `gjc` finds 国际处) or scattered.
    pub fn matching_suggestions(&self) -> Vec<String> {
        let Some(Field {
            input: Input::Text { area, .. },
            ..
        }) = self.fields.get(self.focus)
        else {
            return Vec::new();
        };
        let typed = area.lines().join(" ");
        let typed = typed.trim();
        if typed.is_empty() {
            return self.suggestions.clone();
        }
        crate::search::completions(&self.suggestions, typed)
    }

    /// Replaces the focused field's text with the best suggestion; false when there is none.
    pub fn complete(&mut self) -> bool {
        let Some(best) = self.matching_suggestions().into_iter().next() else {
            return false;
        };
        match self.fields.get_mut(self.focus) {
            Some(
                field @ Field {
                    input: Input::Text { .. },
                    ..
                },
            ) => {
                let start = std::mem::take(&mut field.start);
                *field = text(field.label, &best, false);
                field.start = start;
                true
            }
            _ => false,
        }
    }

    /// Edits an item's own fields.
    pub fn edit_item(file: usize, item: &Item) -> Form {
        let kind = FormKind::EditItem {
            file,
            id: item.id.clone(),
        };
        let title = Phrase::new("form.edit_item").arg("id", &item.id);
        Form::new(kind, title, item_fields(item))
    }

    /// A new item; `id` is the proposed next free id.
    pub fn add_item(file: usize, id: &str) -> Form {
        let mut fields = vec![text("id", id, false)];
        fields.extend(item_fields(&Item::new(id, "")));
        let title = Phrase::new("form.new_item");
        let mut form = Form::new(FormKind::AddItem { file }, title, fields);
        form.focus = 1;
        form
    }

    pub fn add_note(file: usize, id: &str, today: Date) -> Form {
        let kind = FormKind::AddNote {
            file,
            id: id.to_string(),
        };
        let fields = vec![
            text("text", "", true),
            text("date", &today.to_string(), false),
        ];
        Form::new(kind, Phrase::new("form.new_note").arg("id", id), fields)
    }

    pub fn edit_note(file: usize, id: &str, key: NoteKey, note: &Note) -> Form {
        let kind = FormKind::EditNote {
            file,
            id: id.to_string(),
            note: key,
        };
        let fields = vec![
            text("text", &note.text, true),
            text("date", &note.date.to_string(), false),
            text("by", note.by.as_deref().unwrap_or(""), false),
        ];
        Form::new(kind, Phrase::new("form.edit_note").arg("id", id), fields)
    }

    /// Edits a metric, or adds one when `metric` is `None`.
    pub fn edit_metric(
        file: usize,
        id: &str,
        metric: Option<(MetricKey, &Metric)>,
        today: Date,
    ) -> Form {
        let index = metric.as_ref().map(|(key, _)| key.clone());
        let metric = metric.map(|(_, m)| m);
        let number = |n: Option<&serde_json::Number>| n.map(|n| n.to_string()).unwrap_or_default();
        let fields = vec![
            text("name", metric.map_or("", |m| m.name.as_str()), false),
            text("value", &number(metric.map(|m| &m.value)), false),
            text(
                "target",
                &number(metric.and_then(|m| m.target.as_ref())),
                false,
            ),
            text(
                "unit",
                metric.and_then(|m| m.unit.as_deref()).unwrap_or(""),
                false,
            ),
            text("date", &today.to_string(), false),
        ];
        let title = match metric {
            Some(m) => Phrase::new("form.edit_metric")
                .arg("name", &m.name)
                .arg("id", id),
            None => Phrase::new("form.new_metric").arg("id", id),
        };
        let mut form = Form::new(
            FormKind::EditMetric {
                file,
                id: id.to_string(),
                metric: index,
            },
            title,
            fields,
        );
        form.focus = usize::from(metric.is_some());
        form
    }

    /// A field's text (lines joined by `\n`), or the status name.
    pub fn value(&self, label: &str) -> String {
        match self
            .fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| &f.input)
        {
            Some(Input::Text { area, .. }) => area.lines().join("\n"),
            Some(Input::Status(status)) => status.as_str().to_string(),
            None => String::new(),
        }
    }

    /// The chosen status, if the form has a status field.
    pub fn status(&self) -> Option<Status> {
        self.fields.iter().find_map(|f| match f.input {
            Input::Status(status) => Some(status),
            Input::Text { .. } => None,
        })
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn previous_field(&mut self) {
        let count = self.fields.len().max(1);
        self.focus = (self.focus + count - 1) % count;
    }

    /// Types a key into the focused field.
    pub fn key(&mut self, key: KeyEvent) {
        self.error = None;
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.input {
            Input::Status(status) => choose_status(status, key),
            Input::Text { area, .. } => edit_text(area, key),
        }
    }

    /// Starts a new line in a multi-line field (single-line fields ignore it).
    pub fn newline(&mut self) {
        if let Some(Field {
            input:
                Input::Text {
                    area,
                    multiline: true,
                },
            ..
        }) = self.fields.get_mut(self.focus)
        {
            area.insert_newline();
        }
    }

    /// Inserts pasted text at the cursor; line breaks become spaces in single-line fields.
    pub fn paste(&mut self, text: &str) {
        self.error = None;
        if let Some(Field {
            input: Input::Text { area, multiline },
            ..
        }) = self.fields.get_mut(self.focus)
        {
            let text = crate::text::unix_line_ends(text);
            let text = if *multiline {
                text.into_owned()
            } else {
                text.replace('\n', " ")
            };
            area.insert_str(text);
        }
    }
}

fn item_fields(item: &Item) -> Vec<Field> {
    item_values(item)
        .into_iter()
        .map(|(label, value)| match label {
            "status" => Field {
                label,
                input: Input::Status(item.status),
                start: value,
            },
            _ => text(label, &value, label == "goal"),
        })
        .collect()
}

/// Readline habits on top of the widget's own keys: Ctrl-U deletes to the line start, and keys
/// that would change the widget's undo history or insert tabs are left out (the form's Tab moves
/// between fields; undo is tally's own `u`).
fn edit_text(area: &mut TextArea<'static>, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => {
            area.delete_line_by_head();
        }
        KeyCode::Char('j' | 'm' | 'r') if ctrl => {}
        KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc => {}
        _ => {
            area.input(key);
        }
    }
}

fn choose_status(status: &mut Status, key: KeyEvent) {
    let index = Status::ALL.iter().position(|s| s == status).unwrap_or(0);
    let count = Status::ALL.len();
    *status = match key.code {
        KeyCode::Left | KeyCode::Char('h') => Status::ALL[(index + count - 1) % count],
        KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ') => {
            Status::ALL[(index + 1) % count]
        }
        KeyCode::Char(c) => status_for_letter(c).unwrap_or(*status),
        _ => *status,
    };
}

/// The status whose badge letter is `c` (either case, full-width too).
pub fn status_for_letter(c: char) -> Option<Status> {
    let c = crate::text::half_width(c).to_ascii_uppercase();
    Status::ALL.into_iter().find(|s| s.letter() == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_text(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.key(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn typing_chinese_and_moving_by_character() {
        let mut form = Form::add_note(0, "14", "2023-10-07".parse().unwrap());
        type_text(&mut form, "完成外语标识");
        form.key(key(KeyCode::Left));
        form.key(key(KeyCode::Left));
        form.key(key(KeyCode::Backspace));
        type_text(&mut form, "語");
        assert_eq!(form.value("text"), "完成外語标识");
    }

    #[test]
    fn ctrl_u_and_ctrl_w_delete_like_a_shell() {
        let mut form = Form::add_note(0, "14", "2023-10-07".parse().unwrap());
        type_text(&mut form, "one two three");
        form.key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(form.value("text"), "one two ");
        form.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(form.value("text"), "");
    }

    #[test]
    fn multi_line_fields_take_newlines_and_single_line_fields_do_not() {
        let mut form = Form::add_note(0, "14", "2023-10-07".parse().unwrap());
        type_text(&mut form, "一是");
        form.newline();
        type_text(&mut form, "二是");
        assert_eq!(form.value("text"), "一是\n二是");
        form.next_field();
        form.newline();
        form.paste("\n2023-\n07-28");
        assert_eq!(form.value("date"), "2023-10-07 2023- 07-28");
    }

    #[test]
    fn the_status_field_takes_letters_and_arrows() {
        let mut form = Form::edit_item(0, &Item::new("1", "t"));
        form.focus = form
            .fields
            .iter()
            .position(|f| f.label == "status")
            .unwrap();
        form.key(key(KeyCode::Char('r')));
        assert_eq!(form.status(), Some(Status::AtRisk));
        form.key(key(KeyCode::Right));
        assert_eq!(form.status(), Some(Status::Blocked));
        form.key(key(KeyCode::Char('Ｄ')));
        assert_eq!(form.status(), Some(Status::Done));
    }

    #[test]
    fn fields_cycle_with_tab() {
        let mut form = Form::edit_item(0, &Item::new("1", "t"));
        let count = form.fields.len();
        form.previous_field();
        assert_eq!(form.focus, count - 1);
        form.next_field();
        assert_eq!(form.focus, 0);
    }

    #[test]
    fn tab_completes_a_lead_from_pinyin_initials() {
        let kind = FormKind::SetLead {
            file: 0,
            id: "1".into(),
        };
        let mut form = Form::single(kind, Phrase::new("form.lead").arg("id", 1), "lead", "");
        form.suggestions = ["市商务局", "国际处"].map(String::from).to_vec();
        type_text(&mut form, "gjc");
        assert!(form.complete());
        assert_eq!(form.value("lead"), "国际处");
    }
}
