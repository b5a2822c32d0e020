//! The default key bindings, as one table. Key lookup, the footer hints and the `?` help are all
//! generated from it, so they cannot disagree.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Intent, Mode, Pane};
use crate::model::Status;
use crate::text::half_width;

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
    /// Typing a search in the help (`/` there); other keys are typed into it.
    HelpSearch,
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
    pub const ALL: [Context; 17] = [
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
        Context::HelpSearch,
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
            Context::HelpSearch => "Searching the help (/ in the help)",
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
    pub intent: Intent,
    /// What it does, for the help.
    pub help: &'static str,
    /// A short word for the footer; entries without one are only in the help.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    intent: Intent,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys: Cow::Borrowed(keys),
        intent,
        help,
        hint,
    }
}

use Context::{
    Browse, Confirm, Conflict, Dashboard, Form, Help, HelpSearch, Items, Merge, Metrics, Picker,
    Search, Since, Summary, Timeline, Triage, Zoom,
};

const DOWN: &[Key] = &[Key::char('j'), Key::plain(KeyCode::Down)];
const UP: &[Key] = &[Key::char('k'), Key::plain(KeyCode::Up)];
const PAGE_DOWN: &[Key] = &[Key::plain(KeyCode::PageDown), Key::char(' ')];
const PAGE_UP: &[Key] = &[Key::plain(KeyCode::PageUp)];
const HALF_DOWN: &[Key] = &[Key::ctrl('d')];
const HALF_UP: &[Key] = &[Key::ctrl('u')];
const TOP: &[Key] = &[Key::char('g'), Key::plain(KeyCode::Home)];
const BOTTOM: &[Key] = &[Key::char('G'), Key::plain(KeyCode::End)];
const ESC: &[Key] = &[Key::plain(KeyCode::Esc)];
const ENTER: &[Key] = &[Key::plain(KeyCode::Enter)];

/// The default bindings, in the order the help lists them; footer hints follow the same order.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Browse, DOWN, Intent::Down, "next item, or next note / metric in their pane", Some("move")),
    bind(Browse, UP, Intent::Up, "previous item, note or metric", None),
    bind(Browse, &[Key::char('/')], Intent::Search, "search: the list narrows as you type", Some("search")),
    bind(Items, ENTER, Intent::Zoom, "show the selected item full-screen", Some("zoom")),
    bind(Browse, &[Key::char('e')], Intent::Edit, "edit the item (or the selected note or metric)", Some("edit")),
    bind(Browse, &[Key::char('s')], Intent::PickStatus, "set the status (one key per status)", Some("status")),
    bind(Browse, &[Key::char('n')], Intent::AddNote, "add a progress note dated today", Some("note")),
    bind(Browse, &[Key::char('m')], Intent::EditMetrics, "edit the metrics (a changed value is added to the history)", Some("metric")),
    bind(Items, &[Key::char('a')], Intent::Add, "add an item (the next free id is proposed)", None),
    bind(Items, &[Key::char('d')], Intent::Delete, "delete the item (asks first)", None),
    bind(Items, &[Key::char('J')], Intent::MoveItemDown, "move the item down past the one shown below it", None),
    bind(Items, &[Key::char('K')], Intent::MoveItemUp, "move the item up past the one shown above it", None),
    bind(Timeline, &[Key::plain(KeyCode::Enter), Key::char('e')], Intent::Edit, "edit the selected note", Some("edit")),
    bind(Timeline, &[Key::char('a')], Intent::Add, "add a note", None),
    bind(Timeline, &[Key::char('d')], Intent::Delete, "delete the selected note (asks first)", Some("delete")),
    bind(Metrics, &[Key::plain(KeyCode::Enter), Key::char('e')], Intent::Edit, "edit the selected metric", Some("edit")),
    bind(Metrics, &[Key::char('a')], Intent::Add, "add a metric", None),
    bind(Metrics, &[Key::char('d')], Intent::Delete, "delete the selected metric (asks first)", Some("delete")),
    bind(Browse, &[Key::char('y')], Intent::Copy, "copy the item (or the selected note or metric) to the clipboard, over SSH too", None),
    bind(Browse, &[Key::char('E')], Intent::EditOutside, "edit the goal (or the selected note) in $VISUAL / $EDITOR", None),
    bind(Browse, &[Key::char('u')], Intent::Undo, "undo the last edit (saved at once)", Some("undo")),
    bind(Browse, &[Key::ctrl('r')], Intent::Redo, "redo", None),
    bind(Browse, &[Key::ctrl('s')], Intent::Save, "save now (retries a save that failed)", None),
    bind(Browse, &[Key::char('S')], Intent::Sync, "sync with git: commit, pull (merging), push", None),
    bind(Browse, &[Key::char('t')], Intent::StartTriage, "triage: walk the list one item at a time", Some("triage")),
    bind(Browse, &[Key::char('c')], Intent::SettleConflicts, "settle a merge conflict: ours, theirs or edit (marked !)", None),
    bind(Browse, &[Key::char('x')], Intent::WriteMinutes, "write this session's minutes next to the data file", None),
    bind(Browse, &[Key::char('R')], Intent::WriteReport, "write the next progress report of the listed items", Some("report")),
    bind(Browse, &[Key::char('v')], Intent::ViewNext, "next screen: list → since → dashboard", Some("view")),
    bind(Browse, &[Key::char('o')], Intent::SortNext, "sort by: file order, id, status, due, lead, last update, progress, file name", Some("sort")),
    bind(Browse, &[Key::char('z')], Intent::GroupNext, "group by: none, status, lead, file (with counts)", None),
    bind(Browse, PAGE_DOWN, Intent::PageDown, "one page down", None),
    bind(Browse, PAGE_UP, Intent::PageUp, "one page up", None),
    bind(Browse, HALF_DOWN, Intent::HalfPageDown, "half a page down", None),
    bind(Browse, HALF_UP, Intent::HalfPageUp, "half a page up", None),
    bind(Browse, TOP, Intent::Top, "first item / top", None),
    bind(Browse, BOTTOM, Intent::Bottom, "last item / bottom", None),
    bind(Browse, &[Key::plain(KeyCode::Tab), Key::char('l')], Intent::FocusNext, "focus the next pane (to the right)", Some("pane")),
    bind(Browse, &[Key::plain(KeyCode::BackTab), Key::char('h')], Intent::FocusPrevious, "focus the previous pane (to the left)", None),
    bind(Browse, ESC, Intent::Back, "back to the list / clear the message", None),
    bind(Browse, &[Key::char('?')], Intent::Help, "this help", Some("help")),
    bind(Browse, &[Key::ctrl('z')], Intent::Suspend, "suspend to the shell (fg comes back)", None),
    bind(Browse, &[Key::char('q')], Intent::Quit, "quit (asks first if an edit could not be saved)", Some("quit")),

    bind(Zoom, DOWN, Intent::Down, "scroll down", Some("scroll")),
    bind(Zoom, UP, Intent::Up, "scroll up", None),
    bind(Zoom, PAGE_DOWN, Intent::PageDown, "page down", None),
    bind(Zoom, PAGE_UP, Intent::PageUp, "page up", None),
    bind(Zoom, HALF_DOWN, Intent::HalfPageDown, "half a page down", None),
    bind(Zoom, HALF_UP, Intent::HalfPageUp, "half a page up", None),
    bind(Zoom, TOP, Intent::Top, "top", None),
    bind(Zoom, BOTTOM, Intent::Bottom, "bottom", None),
    bind(Zoom, &[Key::plain(KeyCode::Esc), Key::plain(KeyCode::Enter)], Intent::Back, "back to the panes", Some("back")),
    bind(Zoom, &[Key::char('e')], Intent::Edit, "edit the item", Some("edit")),
    bind(Zoom, &[Key::char('s')], Intent::PickStatus, "set the status", Some("status")),
    bind(Zoom, &[Key::char('n')], Intent::AddNote, "add a note", Some("note")),
    bind(Zoom, &[Key::char('m')], Intent::EditMetrics, "edit the first metric", None),
    bind(Zoom, &[Key::char('y')], Intent::Copy, "copy the item to the clipboard", None),
    bind(Zoom, &[Key::char('E')], Intent::EditOutside, "edit the goal in $VISUAL / $EDITOR", None),
    bind(Zoom, &[Key::char('u')], Intent::Undo, "undo", Some("undo")),
    bind(Zoom, &[Key::ctrl('r')], Intent::Redo, "redo", None),
    bind(Zoom, &[Key::char('?')], Intent::Help, "this help", Some("help")),
    bind(Zoom, &[Key::char('q')], Intent::Quit, "quit", Some("quit")),

    bind(Form, ENTER, Intent::Submit, "save the form", Some("save")),
    bind(Form, &[Key::ctrl('s')], Intent::Submit, "save the form", None),
    bind(Form, &[Key::plain(KeyCode::Tab), Key::plain(KeyCode::Down)], Intent::NextField, "next field", Some("next field")),
    bind(Form, &[Key::plain(KeyCode::BackTab), Key::plain(KeyCode::Up)], Intent::PreviousField, "previous field", None),
    bind(Form, &[Key::alt(KeyCode::Enter), Key::ctrl('j')], Intent::Newline, "new line in the goal or a note", Some("new line")),
    bind(Form, ESC, Intent::Back, "cancel", Some("cancel")),

    bind(Picker, &[Key::char('t')], Intent::SetStatus(Status::Todo), "todo", None),
    bind(Picker, &[Key::char('o')], Intent::SetStatus(Status::OnTrack), "on track", None),
    bind(Picker, &[Key::char('r')], Intent::SetStatus(Status::AtRisk), "at risk", None),
    bind(Picker, &[Key::char('b')], Intent::SetStatus(Status::Blocked), "blocked", None),
    bind(Picker, &[Key::char('d')], Intent::SetStatus(Status::Done), "done", None),
    bind(Picker, &[Key::char('x')], Intent::SetStatus(Status::Dropped), "dropped", None),
    bind(Picker, ESC, Intent::Back, "cancel", Some("cancel")),

    bind(Confirm, &[Key::char('y')], Intent::Yes, "yes", Some("yes")),
    bind(Confirm, &[Key::char('n'), Key::plain(KeyCode::Esc)], Intent::Back, "no", Some("no")),

    bind(Conflict, &[Key::char('m')], Intent::KeepMine, "keep my version (saved over the one on disk)", Some("keep mine")),
    bind(Conflict, &[Key::char('t')], Intent::TakeTheirs, "take the version on disk (drop my edit)", Some("take theirs")),

    bind(Merge, &[Key::char('o')], Intent::Settle(crate::model::Side::Ours), "keep ours (the value in the file now)", Some("ours")),
    bind(Merge, &[Key::char('t')], Intent::Settle(crate::model::Side::Theirs), "take theirs (the value the merge recorded)", Some("theirs")),
    bind(Merge, &[Key::char('e')], Intent::SettleByEdit, "keep ours and edit the item by hand", Some("edit")),
    bind(Merge, ESC, Intent::Back, "later (the conflict stays recorded)", Some("later")),

    bind(Triage, &[Key::plain(KeyCode::Enter), Key::char(' ')], Intent::ReviewedNext, "mark reviewed (today) and go to the next", Some("reviewed+next")),
    bind(Triage, &[Key::plain(KeyCode::Right), Key::char('>')], Intent::TriageNext, "skip to the next item", Some("skip")),
    bind(Triage, &[Key::plain(KeyCode::Left), Key::char('<')], Intent::TriagePrevious, "back to the previous item", None),
    bind(Triage, &[Key::char('t')], Intent::SetStatus(Status::Todo), "status todo", Some("status")),
    bind(Triage, &[Key::char('o')], Intent::SetStatus(Status::OnTrack), "status on track", Some("status")),
    bind(Triage, &[Key::char('r')], Intent::SetStatus(Status::AtRisk), "status at risk", Some("status")),
    bind(Triage, &[Key::char('b')], Intent::SetStatus(Status::Blocked), "status blocked", Some("status")),
    bind(Triage, &[Key::char('d')], Intent::SetStatus(Status::Done), "status done", Some("status")),
    bind(Triage, &[Key::char('x')], Intent::SetStatus(Status::Dropped), "status dropped", Some("status")),
    bind(Triage, &[Key::char('n')], Intent::AddNote, "record a decision or action as a note dated today", Some("note")),
    bind(Triage, &[Key::char('L')], Intent::EditLead, "change the lead (Tab completes from the leads in use)", Some("lead")),
    bind(Triage, &[Key::char('D')], Intent::EditDue, "set the due date", Some("due")),
    bind(Triage, &[Key::char('e')], Intent::Edit, "edit the item's fields", None),
    bind(Triage, &[Key::char('m')], Intent::EditMetrics, "edit a metric", None),
    bind(Triage, &[Key::char('u')], Intent::Undo, "undo", None),
    bind(Triage, &[Key::ctrl('r')], Intent::Redo, "redo", None),
    bind(Triage, &[Key::char('T')], Intent::TimeboxNext, "timebox per item: off, 2, 3, 5, 10 minutes", None),
    bind(Triage, DOWN, Intent::Down, "scroll down", None),
    bind(Triage, UP, Intent::Up, "scroll up", None),
    bind(Triage, &[Key::char('?')], Intent::Help, "this help", None),
    bind(Triage, &[Key::plain(KeyCode::Esc), Key::char('q')], Intent::Back, "leave (the summary shows first)", Some("leave")),

    bind(Search, ENTER, Intent::Submit, "keep the filter and go back to the list", Some("keep")),
    bind(Search, ESC, Intent::Back, "clear the filter and go back to where you were", Some("clear")),
    bind(Search, &[Key::plain(KeyCode::Down), Key::ctrl('n')], Intent::Down, "next result", Some("results")),
    bind(Search, &[Key::plain(KeyCode::Up), Key::ctrl('p')], Intent::Up, "previous result", None),
    bind(Search, &[Key::plain(KeyCode::PageDown)], Intent::PageDown, "a page of results down", None),
    bind(Search, &[Key::plain(KeyCode::PageUp)], Intent::PageUp, "a page of results up", None),

    bind(Since, DOWN, Intent::Down, "next entry", Some("move")),
    bind(Since, UP, Intent::Up, "previous entry", None),
    bind(Since, PAGE_DOWN, Intent::PageDown, "page down", None),
    bind(Since, PAGE_UP, Intent::PageUp, "page up", None),
    bind(Since, HALF_DOWN, Intent::HalfPageDown, "half a page down", None),
    bind(Since, HALF_UP, Intent::HalfPageUp, "half a page up", None),
    bind(Since, TOP, Intent::Top, "newest", None),
    bind(Since, BOTTOM, Intent::Bottom, "oldest", None),
    bind(Since, ENTER, Intent::Zoom, "go to the entry's item in the list", Some("open")),
    bind(Since, &[Key::char('D')], Intent::SetSince, "change the date", Some("date")),
    bind(Since, &[Key::char('v')], Intent::ViewNext, "next screen (dashboard)", Some("view")),
    bind(Since, &[Key::char('x')], Intent::WriteMinutes, "write this session's minutes", None),
    bind(Since, ESC, Intent::Back, "back to the list", Some("back")),
    bind(Since, &[Key::char('?')], Intent::Help, "this help", Some("help")),
    bind(Since, &[Key::char('q')], Intent::Quit, "quit", Some("quit")),

    bind(Dashboard, DOWN, Intent::Down, "scroll down", Some("scroll")),
    bind(Dashboard, UP, Intent::Up, "scroll up", None),
    bind(Dashboard, PAGE_DOWN, Intent::PageDown, "page down", None),
    bind(Dashboard, PAGE_UP, Intent::PageUp, "page up", None),
    bind(Dashboard, HALF_DOWN, Intent::HalfPageDown, "half a page down", None),
    bind(Dashboard, HALF_UP, Intent::HalfPageUp, "half a page up", None),
    bind(Dashboard, &[Key::char('v')], Intent::ViewNext, "next screen (the list)", Some("view")),
    bind(Dashboard, &[Key::char('R')], Intent::WriteReport, "write the next progress report of the listed items", Some("report")),
    bind(Dashboard, &[Key::char('t')], Intent::StartTriage, "triage the list", None),
    bind(Dashboard, ESC, Intent::Back, "back to the list", Some("back")),
    bind(Dashboard, &[Key::char('?')], Intent::Help, "this help", Some("help")),
    bind(Dashboard, &[Key::char('q')], Intent::Quit, "quit", Some("quit")),

    bind(Summary, &[Key::char('x')], Intent::WriteMinutes, "write the minutes next to the data file", Some("write minutes")),
    bind(Summary, &[Key::plain(KeyCode::Esc), Key::plain(KeyCode::Enter), Key::char('q')], Intent::Back, "close", Some("close")),

    bind(Help, DOWN, Intent::Down, "scroll down", Some("scroll")),
    bind(Help, UP, Intent::Up, "scroll up", None),
    bind(Help, PAGE_DOWN, Intent::PageDown, "page down", None),
    bind(Help, PAGE_UP, Intent::PageUp, "page up", None),
    bind(Help, HALF_DOWN, Intent::HalfPageDown, "half a page down", None),
    bind(Help, HALF_UP, Intent::HalfPageUp, "half a page up", None),
    bind(Help, &[Key::char('/')], Intent::Search, "search the help: only the keys whose description matches stay", Some("search")),
    bind(Help, &[Key::plain(KeyCode::Esc), Key::char('?'), Key::char('q')], Intent::Back, "close the help (Esc first clears a search)", Some("close")),

    bind(HelpSearch, ENTER, Intent::Submit, "keep the search and scroll the matches", Some("keep")),
    bind(HelpSearch, ESC, Intent::Back, "clear the search", Some("clear")),
    bind(HelpSearch, &[Key::plain(KeyCode::Down)], Intent::Down, "scroll down", None),
    bind(HelpSearch, &[Key::plain(KeyCode::Up)], Intent::Up, "scroll up", None),
];

/// The intent a key press asks for in `mode` with `focus`, if any. Full-width characters typed
/// with a Chinese input method (`？`, `／`, `ｑ` …) count as their ASCII twins. In a form, keys
/// without a binding are typed into the field.
pub fn intent_for(mode: Mode, focus: Pane, event: KeyEvent) -> Option<Intent> {
    lookup(BINDINGS, mode, focus, event)
}

/// [`intent_for`] in `bindings`.
fn lookup(bindings: &[Binding], mode: Mode, focus: Pane, event: KeyEvent) -> Option<Intent> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    if event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('c') {
        return Some(match mode {
            mode if mode.is_screen() || mode == Mode::Help => Intent::Quit,
            Mode::Search => Intent::Back,
            _ => Intent::Back,
        });
    }
    if event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('z') {
        return Some(Intent::Suspend);
    }
    let pressed = normalise(event);
    let bound = Context::of(mode, focus).iter().find_map(|context| {
        bindings
            .iter()
            .filter(|binding| binding.context == *context)
            .find(|binding| binding.keys.iter().any(|key| matches(*key, pressed)))
            .map(|binding| binding.intent.clone())
    });
    match (bound, mode) {
        (Some(intent), _) => Some(intent),
        (None, Mode::Form | Mode::Search) => Some(Intent::Input(event)),
        (None, _) => None,
    }
}

/// What one key event stands for where the keys go now.
#[derive(Debug, Clone, PartialEq)]
pub enum Press {
    /// A bound key's intent, or a key typed into a field.
    Intent(Intent),
    /// A fast Esc followed by a key (common over slow links) reached the program as Alt+key, and
    /// Alt+key means nothing here: it is taken as Esc, then this key, looked up after Esc acted.
    EscThen(KeyEvent),
    /// Nothing here.
    Nothing,
}

/// Looks a key event up once: its intent, or Esc and another key when it stands for two.
pub fn press(mode: Mode, focus: Pane, event: KeyEvent) -> Press {
    press_in(BINDINGS, mode, focus, event)
}

fn press_in(bindings: &[Binding], mode: Mode, focus: Pane, event: KeyEvent) -> Press {
    let intent = lookup(bindings, mode, focus, event);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    match intent {
        Some(Intent::Input(_)) | None if alt && event.code != KeyCode::Esc => Press::EscThen(
            KeyEvent::new(event.code, event.modifiers - KeyModifiers::ALT),
        ),
        Some(intent) => Press::Intent(intent),
        None => Press::Nothing,
    }
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

/// [`hints`] for only the bindings whose intent `applies` (a form without a multi-line field
/// leaves out "new line").
pub fn hints_where(
    mode: Mode,
    focus: Pane,
    applies: impl Fn(&Intent) -> bool,
) -> Vec<(String, &'static str)> {
    hints_in(BINDINGS, mode, focus, applies)
}

fn hints_in(
    bindings: &[Binding],
    mode: Mode,
    focus: Pane,
    applies: impl Fn(&Intent) -> bool,
) -> Vec<(String, &'static str)> {
    let contexts = Context::of(mode, focus);
    let mut hints: Vec<(String, &'static str, Context)> = Vec::new();
    let shown = bindings
        .iter()
        .filter(|b| contexts.contains(&b.context) && !b.keys.is_empty() && applies(&b.intent));
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

/// The intent of a key while a search in the help is typed: Enter, Esc and the arrows as bound,
/// anything else typed into the search.
pub fn press_in_help_search(event: KeyEvent) -> Press {
    help_search_in(BINDINGS, event)
}

fn help_search_in(bindings: &[Binding], event: KeyEvent) -> Press {
    if event.kind == KeyEventKind::Release {
        return Press::Nothing;
    }
    let pressed = normalise(event);
    let bound = bindings
        .iter()
        .filter(|binding| binding.context == Context::HelpSearch)
        .find(|binding| binding.keys.iter().any(|key| matches(*key, pressed)))
        .map(|binding| binding.intent.clone());
    Press::Intent(bound.unwrap_or(Intent::Input(event)))
}

/// The help's sections with only the rows whose keys or description, or whose section title,
/// contain `query` (ignoring case), in English or as `words(kind, text)` puts them (`kind` is
/// `help` for titles, `keys` for descriptions); sections left empty are left out. An empty query
/// keeps everything.
pub fn help_sections_matching<W: AsRef<str>>(
    query: &str,
    words: impl Fn(&str, &str) -> W,
) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    sections_matching(help_sections(), query, words)
}

/// The `sections` that match `query` (see [`help_sections_matching`]).
fn sections_matching<W: AsRef<str>>(
    sections: Vec<(&'static str, Vec<(String, &'static str)>)>,
    query: &str,
    words: impl Fn(&str, &str) -> W,
) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return sections;
    }
    let has = |kind: &str, text: &str| {
        text.to_lowercase().contains(&query)
            || words(kind, text).as_ref().to_lowercase().contains(&query)
    };
    sections
        .into_iter()
        .filter_map(|(title, rows)| {
            let rows: Vec<_> = if has("help", title) {
                rows
            } else {
                rows.into_iter()
                    .filter(|(keys, help)| {
                        keys.to_lowercase().contains(&query) || has("keys", help)
                    })
                    .collect()
            };
            (!rows.is_empty()).then_some((title, rows))
        })
        .collect()
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
pub use names::mode_name;
pub use user::{Culprit, Keymap, Override, Refusal};

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
