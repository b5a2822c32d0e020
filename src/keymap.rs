//! The default key bindings, as one table. Key lookup, the footer hints and the `?` help are all
//! generated from it, so they cannot disagree.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, Mode, Pane};
use crate::model::Status;

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    const fn alt(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::ALT,
        }
    }

    /// How the key is written in hints and help.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("C-{name}")
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("M-{name}")
        } else {
            name
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The three-pane screen, whatever pane has the focus.
    Browse,
    /// The three-pane screen with the item list focused.
    Items,
    /// … with the timeline focused.
    Timeline,
    /// … with the metrics focused.
    Metrics,
    /// The zoomed item.
    Zoom,
    /// The help overlay.
    Help,
    /// An edit form; other keys are typed into the focused field.
    Form,
    /// The status picker.
    Picker,
    /// A yes/no question.
    Confirm,
    /// A conflict with a change on disk.
    Conflict,
    /// A conflict a merge recorded in an item.
    Merge,
    /// Triage mode.
    Triage,
    /// The summary after triage.
    Summary,
    /// The "since" screen.
    Since,
    /// The dashboard.
    Dashboard,
    /// The search line; other keys are typed into it.
    Search,
}

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 16] = [
        Context::Browse,
        Context::Search,
        Context::Items,
        Context::Timeline,
        Context::Metrics,
        Context::Zoom,
        Context::Since,
        Context::Dashboard,
        Context::Triage,
        Context::Summary,
        Context::Form,
        Context::Picker,
        Context::Confirm,
        Context::Conflict,
        Context::Merge,
        Context::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Browse => "Anywhere on the main screen",
            Context::Items => "Item list",
            Context::Timeline => "Timeline (Tab to focus it)",
            Context::Metrics => "Metrics (Tab to focus it)",
            Context::Zoom => "Zoomed item",
            Context::Help => "Help",
            Context::Form => "Edit forms",
            Context::Picker => "Status picker",
            Context::Confirm => "Questions",
            Context::Conflict => "Conflicts with changes on disk",
            Context::Merge => "Merge conflicts (c on an item marked !)",
            Context::Triage => "Triage (t): one item at a time",
            Context::Summary => "Triage summary",
            Context::Since => "Since (v): what changed after a date",
            Context::Dashboard => "Dashboard (v twice)",
            Context::Search => {
                "Search line (/): words, pinyin, status: lead: #tag id: due<, ! negates"
            }
        }
    }

    /// The contexts searched for a key, most specific first.
    fn of(mode: Mode, focus: Pane) -> &'static [Context] {
        match (mode, focus) {
            (Mode::Browse, Pane::Items) => &[Context::Items, Context::Browse],
            (Mode::Browse, Pane::Timeline) => &[Context::Timeline, Context::Browse],
            (Mode::Browse, Pane::Metrics) => &[Context::Metrics, Context::Browse],
            (Mode::Zoom, _) => &[Context::Zoom],
            (Mode::Help, _) => &[Context::Help],
            (Mode::Form, _) => &[Context::Form],
            (Mode::StatusPicker, _) => &[Context::Picker],
            (Mode::Confirm, _) => &[Context::Confirm],
            (Mode::Conflict, _) => &[Context::Conflict],
            (Mode::MergeConflict, _) => &[Context::Merge],
            (Mode::Triage, _) => &[Context::Triage],
            (Mode::Summary, _) => &[Context::Summary],
            (Mode::Since, _) => &[Context::Since],
            (Mode::Dashboard, _) => &[Context::Dashboard],
            (Mode::Search, _) => &[Context::Search],
        }
    }
}

/// One entry of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: Cow<'static, [Key]>,
    pub action: Action,
    /// What it does, for the help.
    pub help: &'static str,
    /// A short word for the footer; entries without one are only in the help.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys: Cow::Borrowed(keys),
        action,
        help,
        hint,
    }
}

use Context::{
    Browse, Confirm, Conflict, Dashboard, Form, Help, Items, Merge, Metrics, Picker, Search, Since,
    Summary, Timeline, Triage, Zoom,
};

const DOWN: &[Key] = &[Key::char('j'), Key::plain(KeyCode::Down)];
const UP: &[Key] = &[Key::char('k'), Key::plain(KeyCode::Up)];
const PAGE_DOWN: &[Key] = &[Key::plain(KeyCode::PageDown), Key::char(' ')];
const PAGE_UP: &[Key] = &[Key::plain(KeyCode::PageUp)];
const TOP: &[Key] = &[Key::char('g'), Key::plain(KeyCode::Home)];
const BOTTOM: &[Key] = &[Key::char('G'), Key::plain(KeyCode::End)];
const ESC: &[Key] = &[Key::plain(KeyCode::Esc)];
const ENTER: &[Key] = &[Key::plain(KeyCode::Enter)];

/// The default bindings, in the order the help lists them; footer hints follow the same order.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Browse, DOWN, Action::Down, "next item, or next note / metric in their pane", Some("move")),
    bind(Browse, UP, Action::Up, "previous item, note or metric", None),
    bind(Browse, &[Key::char('/')], Action::Search, "search: the list narrows as you type", Some("search")),
    bind(Items, ENTER, Action::Zoom, "show the selected item full-screen", Some("zoom")),
    bind(Browse, &[Key::char('e')], Action::Edit, "edit the item (or the selected note or metric)", Some("edit")),
    bind(Browse, &[Key::char('s')], Action::PickStatus, "set the status (one key per status)", Some("status")),
    bind(Browse, &[Key::char('n')], Action::AddNote, "add a progress note dated today", Some("note")),
    bind(Browse, &[Key::char('m')], Action::EditMetrics, "edit the metrics (a changed value is added to the history)", Some("metric")),
    bind(Items, &[Key::char('a')], Action::Add, "add an item (the next free id is proposed)", None),
    bind(Items, &[Key::char('d')], Action::Delete, "delete the item (asks first)", None),
    bind(Items, &[Key::char('J')], Action::MoveItemDown, "move the item down past the one shown below it", None),
    bind(Items, &[Key::char('K')], Action::MoveItemUp, "move the item up past the one shown above it", None),
    bind(Timeline, &[Key::plain(KeyCode::Enter), Key::char('e')], Action::Edit, "edit the selected note", Some("edit")),
    bind(Timeline, &[Key::char('a')], Action::Add, "add a note", None),
    bind(Timeline, &[Key::char('d')], Action::Delete, "delete the selected note (asks first)", Some("delete")),
    bind(Metrics, &[Key::plain(KeyCode::Enter), Key::char('e')], Action::Edit, "edit the selected metric", Some("edit")),
    bind(Metrics, &[Key::char('a')], Action::Add, "add a metric", None),
    bind(Metrics, &[Key::char('d')], Action::Delete, "delete the selected metric (asks first)", Some("delete")),
    bind(Browse, &[Key::char('u')], Action::Undo, "undo the last edit (saved at once)", Some("undo")),
    bind(Browse, &[Key::ctrl('r')], Action::Redo, "redo", None),
    bind(Browse, &[Key::ctrl('s')], Action::Save, "save now (retries a save that failed)", None),
    bind(Browse, &[Key::char('S')], Action::Sync, "sync with git: commit, pull (merging), push", None),
    bind(Browse, &[Key::char('t')], Action::StartTriage, "triage: walk the list one item at a time", Some("triage")),
    bind(Browse, &[Key::char('c')], Action::SettleConflicts, "settle a merge conflict: ours, theirs or edit (marked !)", None),
    bind(Browse, &[Key::char('x')], Action::WriteMinutes, "write this session's minutes next to the data file", None),
    bind(Browse, &[Key::char('R')], Action::WriteReport, "write the next progress report of the listed items", Some("report")),
    bind(Browse, &[Key::char('v')], Action::ViewNext, "next screen: list → since → dashboard", Some("view")),
    bind(Browse, &[Key::char('o')], Action::SortNext, "sort by: file order, id, status, due, lead, last update, progress, file name", Some("sort")),
    bind(Browse, &[Key::char('z')], Action::GroupNext, "group by: none, status, lead, file (with counts)", None),
    bind(Browse, PAGE_DOWN, Action::PageDown, "one page down", None),
    bind(Browse, PAGE_UP, Action::PageUp, "one page up", None),
    bind(Browse, TOP, Action::Top, "first item / top", None),
    bind(Browse, BOTTOM, Action::Bottom, "last item / bottom", None),
    bind(Browse, &[Key::plain(KeyCode::Tab)], Action::FocusNext, "focus the next pane", Some("pane")),
    bind(Browse, &[Key::plain(KeyCode::BackTab)], Action::FocusPrevious, "focus the previous pane", None),
    bind(Browse, ESC, Action::Back, "back to the list / clear the message", None),
    bind(Browse, &[Key::char('?')], Action::Help, "this help", Some("help")),
    bind(Browse, &[Key::ctrl('z')], Action::Suspend, "suspend to the shell (fg comes back)", None),
    bind(Browse, &[Key::char('q')], Action::Quit, "quit (asks first if an edit could not be saved)", Some("quit")),

    bind(Zoom, DOWN, Action::Down, "scroll down", Some("scroll")),
    bind(Zoom, UP, Action::Up, "scroll up", None),
    bind(Zoom, PAGE_DOWN, Action::PageDown, "page down", None),
    bind(Zoom, PAGE_UP, Action::PageUp, "page up", None),
    bind(Zoom, TOP, Action::Top, "top", None),
    bind(Zoom, BOTTOM, Action::Bottom, "bottom", None),
    bind(Zoom, &[Key::plain(KeyCode::Esc), Key::plain(KeyCode::Enter)], Action::Back, "back to the panes", Some("back")),
    bind(Zoom, &[Key::char('e')], Action::Edit, "edit the item", Some("edit")),
    bind(Zoom, &[Key::char('s')], Action::PickStatus, "set the status", Some("status")),
    bind(Zoom, &[Key::char('n')], Action::AddNote, "add a note", Some("note")),
    bind(Zoom, &[Key::char('m')], Action::EditMetrics, "edit the first metric", None),
    bind(Zoom, &[Key::char('u')], Action::Undo, "undo", Some("undo")),
    bind(Zoom, &[Key::ctrl('r')], Action::Redo, "redo", None),
    bind(Zoom, &[Key::char('?')], Action::Help, "this help", Some("help")),
    bind(Zoom, &[Key::char('q')], Action::Quit, "quit", Some("quit")),

    bind(Form, ENTER, Action::Submit, "save the form", Some("save")),
    bind(Form, &[Key::ctrl('s')], Action::Submit, "save the form", None),
    bind(Form, &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::Down)], Action::NextField, "next field", Some("next field")),
    bind(Form, &[Key::plain(KeyCode::BackTab), Key::plain(KeyCode::Up)], Action::PreviousField, "previous field", None),
    bind(Form, &[Key::alt(KeyCode::Enter), Key::ctrl('j')], Action::Newline, "new line in the goal or a note", Some("new line")),
    bind(Form, ESC, Action::Back, "cancel", Some("cancel")),

    bind(Picker, &[Key::char('t')], Action::SetStatus(Status::Todo), "todo", None),
    bind(Picker, &[Key::char('o')], Action::SetStatus(Status::OnTrack), "on track", None),
    bind(Picker, &[Key::char('r')], Action::SetStatus(Status::AtRisk), "at risk", None),
    bind(Picker, &[Key::char('b')], Action::SetStatus(Status::Blocked), "blocked", None),
    bind(Picker, &[Key::char('d')], Action::SetStatus(Status::Done), "done", None),
    bind(Picker, &[Key::char('x')], Action::SetStatus(Status::Dropped), "dropped", None),
    bind(Picker, ESC, Action::Back, "cancel", Some("cancel")),

    bind(Confirm, &[Key::char('y')], Action::Yes, "yes", Some("yes")),
    bind(Confirm, &[Key::char('n'), Key::plain(KeyCode::Esc)], Action::Back, "no", Some("no")),

    bind(Conflict, &[Key::char('m')], Action::KeepMine, "keep my version (saved over the one on disk)", Some("keep mine")),
    bind(Conflict, &[Key::char('t')], Action::TakeTheirs, "take the version on disk (drop my edit)", Some("take theirs")),

    bind(Merge, &[Key::char('o')], Action::Settle(crate::model::Side::Ours), "keep ours (the value in the file now)", Some("ours")),
    bind(Merge, &[Key::char('t')], Action::Settle(crate::model::Side::Theirs), "take theirs (the value the merge recorded)", Some("theirs")),
    bind(Merge, &[Key::char('e')], Action::SettleByEdit, "keep ours and edit the item by hand", Some("edit")),
    bind(Merge, ESC, Action::Back, "later (the conflict stays recorded)", Some("later")),

    bind(Triage, &[Key::plain(KeyCode::Enter), Key::char(' ')], Action::ReviewedNext, "mark reviewed (today) and go to the next", Some("reviewed+next")),
    bind(Triage, &[Key::plain(KeyCode::Right), Key::char('>')], Action::TriageNext, "skip to the next item", Some("skip")),
    bind(Triage, &[Key::plain(KeyCode::Left), Key::char('<')], Action::TriagePrevious, "back to the previous item", None),
    bind(Triage, &[Key::char('t')], Action::SetStatus(Status::Todo), "status todo", Some("status")),
    bind(Triage, &[Key::char('o')], Action::SetStatus(Status::OnTrack), "status on track", Some("status")),
    bind(Triage, &[Key::char('r')], Action::SetStatus(Status::AtRisk), "status at risk", Some("status")),
    bind(Triage, &[Key::char('b')], Action::SetStatus(Status::Blocked), "status blocked", Some("status")),
    bind(Triage, &[Key::char('d')], Action::SetStatus(Status::Done), "status done", Some("status")),
    bind(Triage, &[Key::char('x')], Action::SetStatus(Status::Dropped), "status dropped", Some("status")),
    bind(Triage, &[Key::char('n')], Action::AddNote, "record a decision or action as a note dated today", Some("note")),
    bind(Triage, &[Key::char('L')], Action::EditLead, "change the lead (Tab completes from the leads in use)", Some("lead")),
    bind(Triage, &[Key::char('D')], Action::EditDue, "set the due date", Some("due")),
    bind(Triage, &[Key::char('e')], Action::Edit, "edit the item's fields", None),
    bind(Triage, &[Key::char('m')], Action::EditMetrics, "edit a metric", None),
    bind(Triage, &[Key::char('u')], Action::Undo, "undo", None),
    bind(Triage, &[Key::ctrl('r')], Action::Redo, "redo", None),
    bind(Triage, &[Key::char('T')], Action::TimeboxNext, "timebox per item: off, 2, 3, 5, 10 minutes", None),
    bind(Triage, DOWN, Action::Down, "scroll down", None),
    bind(Triage, UP, Action::Up, "scroll up", None),
    bind(Triage, &[Key::char('?')], Action::Help, "this help", None),
    bind(Triage, &[Key::plain(KeyCode::Esc), Key::char('q')], Action::Back, "leave (the summary shows first)", Some("leave")),

    bind(Search, ENTER, Action::Submit, "keep the filter and go back to the list", Some("keep")),
    bind(Search, ESC, Action::Back, "clear the filter and go back to where you were", Some("clear")),
    bind(Search, &[Key::plain(KeyCode::Down), Key::ctrl('n')], Action::Down, "next result", Some("results")),
    bind(Search, &[Key::plain(KeyCode::Up), Key::ctrl('p')], Action::Up, "previous result", None),
    bind(Search, &[Key::plain(KeyCode::PageDown)], Action::PageDown, "a page of results down", None),
    bind(Search, &[Key::plain(KeyCode::PageUp)], Action::PageUp, "a page of results up", None),

    bind(Since, DOWN, Action::Down, "next entry", Some("move")),
    bind(Since, UP, Action::Up, "previous entry", None),
    bind(Since, PAGE_DOWN, Action::PageDown, "page down", None),
    bind(Since, PAGE_UP, Action::PageUp, "page up", None),
    bind(Since, TOP, Action::Top, "newest", None),
    bind(Since, BOTTOM, Action::Bottom, "oldest", None),
    bind(Since, ENTER, Action::Zoom, "go to the entry's item in the list", Some("open")),
    bind(Since, &[Key::char('D')], Action::SetSince, "change the date", Some("date")),
    bind(Since, &[Key::char('v')], Action::ViewNext, "next screen (dashboard)", Some("view")),
    bind(Since, &[Key::char('x')], Action::WriteMinutes, "write this session's minutes", None),
    bind(Since, ESC, Action::Back, "back to the list", Some("back")),
    bind(Since, &[Key::char('?')], Action::Help, "this help", Some("help")),
    bind(Since, &[Key::char('q')], Action::Quit, "quit", Some("quit")),

    bind(Dashboard, DOWN, Action::Down, "scroll down", Some("scroll")),
    bind(Dashboard, UP, Action::Up, "scroll up", None),
    bind(Dashboard, PAGE_DOWN, Action::PageDown, "page down", None),
    bind(Dashboard, PAGE_UP, Action::PageUp, "page up", None),
    bind(Dashboard, &[Key::char('v')], Action::ViewNext, "next screen (the list)", Some("view")),
    bind(Dashboard, &[Key::char('R')], Action::WriteReport, "write the next progress report of the listed items", Some("report")),
    bind(Dashboard, &[Key::char('t')], Action::StartTriage, "triage the list", None),
    bind(Dashboard, ESC, Action::Back, "back to the list", Some("back")),
    bind(Dashboard, &[Key::char('?')], Action::Help, "this help", Some("help")),
    bind(Dashboard, &[Key::char('q')], Action::Quit, "quit", Some("quit")),

    bind(Summary, &[Key::char('x')], Action::WriteMinutes, "write the minutes next to the data file", Some("write minutes")),
    bind(Summary, &[Key::plain(KeyCode::Esc), Key::plain(KeyCode::Enter), Key::char('q')], Action::Back, "close", Some("close")),

    bind(Help, DOWN, Action::Down, "scroll down", Some("scroll")),
    bind(Help, UP, Action::Up, "scroll up", None),
    bind(Help, PAGE_DOWN, Action::PageDown, "page down", None),
    bind(Help, PAGE_UP, Action::PageUp, "page up", None),
    bind(Help, &[Key::plain(KeyCode::Esc), Key::char('?'), Key::char('q')], Action::Back, "close the help", Some("close")),
];

/// The action a key press asks for in `mode` with `focus`, if any. Full-width characters typed
/// with a Chinese input method (`？`, `／`, `ｑ` …) count as their ASCII twins. In a form, keys
/// without a binding are typed into the field.
pub fn action_for(mode: Mode, focus: Pane, event: KeyEvent) -> Option<Action> {
    lookup(BINDINGS, mode, focus, event)
}

/// [`action_for`] in `bindings`.
fn lookup(bindings: &[Binding], mode: Mode, focus: Pane, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    if event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('c') {
        return Some(match mode {
            mode if mode.is_screen() || mode == Mode::Help => Action::Quit,
            Mode::Search => Action::Back,
            _ => Action::Back,
        });
    }
    if event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('z') {
        return Some(Action::Suspend);
    }
    let pressed = normalise(event);
    let bound = Context::of(mode, focus).iter().find_map(|context| {
        bindings
            .iter()
            .filter(|binding| binding.context == *context)
            .find(|binding| binding.keys.iter().any(|key| matches(*key, pressed)))
            .map(|binding| binding.action.clone())
    });
    match (bound, mode) {
        (Some(action), _) => Some(action),
        (None, Mode::Form | Mode::Search) => Some(Action::Input(event)),
        (None, _) => None,
    }
}

/// The key presses an event stands for. A fast Esc followed by a key (common over slow links)
/// reaches the program as Alt+key; when Alt+key means nothing here it is taken as the two keys.
pub fn presses(mode: Mode, focus: Pane, event: KeyEvent) -> Vec<KeyEvent> {
    presses_in(BINDINGS, mode, focus, event)
}

fn presses_in(bindings: &[Binding], mode: Mode, focus: Pane, event: KeyEvent) -> Vec<KeyEvent> {
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let bound = !matches!(
        lookup(bindings, mode, focus, event),
        None | Some(Action::Input(_))
    );
    if !alt || bound || event.code == KeyCode::Esc {
        return vec![event];
    }
    let escape = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let key = KeyEvent::new(event.code, event.modifiers - KeyModifiers::ALT);
    vec![escape, key]
}

fn normalise(event: KeyEvent) -> Key {
    let (code, modifiers) = match event.code {
        KeyCode::Char(c) => (KeyCode::Char(half_width(c)), event.modifiers),
        // Two quick Escapes arrive as Alt+Esc; they still mean Esc.
        KeyCode::Esc => (KeyCode::Esc, event.modifiers - KeyModifiers::ALT),
        // Shift-Tab arrives as BackTab with Shift held (`ESC [ Z`); the Shift is in the name.
        KeyCode::BackTab => (KeyCode::BackTab, event.modifiers - KeyModifiers::SHIFT),
        other => (other, event.modifiers),
    };
    Key { code, modifiers }
}

/// Maps full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space to ASCII.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Shift is implied by an upper-case or symbol character, so it is ignored for characters.
fn matches(key: Key, pressed: Key) -> bool {
    match (key.code, pressed.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => {
            a == b && key.modifiers - KeyModifiers::SHIFT == pressed.modifiers - KeyModifiers::SHIFT
        }
        (a, b) => a == b && key.modifiers == pressed.modifiers,
    }
}

/// `(keys, hint)` pairs for the footer in `mode` with `focus`.
/// Bindings of one context that share a hint are shown as one (`t/o/r/b/d/x status`); a hint
/// already given by another context is not repeated.
pub fn hints(mode: Mode, focus: Pane) -> Vec<(String, &'static str)> {
    hints_where(mode, focus, |_| true)
}

/// [`hints`] for only the bindings whose action `applies` (a form without a multi-line field
/// leaves out "new line").
pub fn hints_where(
    mode: Mode,
    focus: Pane,
    applies: impl Fn(&Action) -> bool,
) -> Vec<(String, &'static str)> {
    hints_in(BINDINGS, mode, focus, applies)
}

fn hints_in(
    bindings: &[Binding],
    mode: Mode,
    focus: Pane,
    applies: impl Fn(&Action) -> bool,
) -> Vec<(String, &'static str)> {
    let contexts = Context::of(mode, focus);
    let mut hints: Vec<(String, &'static str, Context)> = Vec::new();
    let shown = bindings
        .iter()
        .filter(|b| !b.keys.is_empty())
        .filter(|b| contexts.contains(&b.context) && applies(&b.action));
    for binding in shown {
        let Some(hint) = binding.hint else { continue };
        match hints.iter_mut().find(|(_, h, _)| *h == hint) {
            Some((keys, _, context)) if *context == binding.context => {
                keys.push('/');
                keys.push_str(&keys_label(binding));
            }
            Some(_) => {}
            None => hints.push((keys_label(binding), hint, binding.context)),
        }
    }
    hints
        .into_iter()
        .map(|(keys, hint, _)| (keys, hint))
        .collect()
}

/// The keys of a binding as one label (`j/↓`), leaving out Shift twins.
pub fn keys_label(binding: &Binding) -> String {
    let mut labels: Vec<String> = Vec::new();
    for key in binding.keys.iter() {
        let label = key.label();
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join("/")
}

/// Sections of the help: a title and `(keys, description)` rows.
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    help_in(BINDINGS)
}

fn help_in(bindings: &[Binding]) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    Context::ALL
        .into_iter()
        .map(|context| {
            let rows = bindings
                .iter()
                .filter(|b| b.context == context && !b.keys.is_empty())
                .map(|b| (keys_label(b), b.help))
                .collect();
            (context.title(), rows)
        })
        .collect()
}

#[path = "keymap_names.rs"]
mod names;
#[path = "keymap_user.rs"]
mod user;
pub use names::{from_name as action_from_name, mode_name, name as action_name};
pub use user::{Culprit, Keymap, Override, Refusal};

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
