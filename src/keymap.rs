//! The default key bindings, as one table. Key lookup, the footer hints and the `?` help are all
//! generated from it, so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, Mode};

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

    const fn shift(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::SHIFT,
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
        } else {
            name
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The three-pane screen and the zoomed item.
    Browse,
    /// Only the zoomed item.
    Zoom,
    /// The help overlay.
    Help,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Browse => "Browsing",
            Context::Zoom => "Zoomed item",
            Context::Help => "Help",
        }
    }

    fn of(mode: Mode) -> &'static [Context] {
        match mode {
            Mode::Browse => &[Context::Browse],
            Mode::Zoom => &[Context::Zoom],
            Mode::Help => &[Context::Help],
        }
    }
}

/// One entry of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
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
        keys,
        action,
        help,
        hint,
    }
}

use Context::{Browse, Help, Zoom};

/// The default bindings, in the order the help lists them.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Browse, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::Down, "next item, or scroll the focused pane down", Some("move")),
    bind(Browse, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::Up, "previous item, or scroll up", None),
    bind(Browse, &[Key::plain(KeyCode::PageDown), Key::char(' ')], Action::PageDown, "one page down", None),
    bind(Browse, &[Key::plain(KeyCode::PageUp)], Action::PageUp, "one page up", None),
    bind(Browse, &[Key::char('g'), Key::plain(KeyCode::Home)], Action::Top, "first item / top", None),
    bind(Browse, &[Key::char('G'), Key::shift(KeyCode::Char('G')), Key::plain(KeyCode::End)], Action::Bottom, "last item / bottom", None),
    bind(Browse, &[Key::plain(KeyCode::Tab)], Action::FocusNext, "focus the next pane", Some("pane")),
    bind(Browse, &[Key::plain(KeyCode::BackTab), Key::shift(KeyCode::BackTab)], Action::FocusPrevious, "focus the previous pane", None),
    bind(Browse, &[Key::plain(KeyCode::Enter)], Action::Zoom, "show the selected item full-screen", Some("zoom")),
    bind(Browse, &[Key::plain(KeyCode::Esc)], Action::Back, "go back / clear the message", None),
    bind(Browse, &[Key::char('?')], Action::Help, "this help", Some("help")),
    bind(Browse, &[Key::char('q')], Action::Quit, "quit", Some("quit")),
    bind(Zoom, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::Down, "scroll down", Some("scroll")),
    bind(Zoom, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::Up, "scroll up", None),
    bind(Zoom, &[Key::plain(KeyCode::PageDown), Key::char(' ')], Action::PageDown, "page down", None),
    bind(Zoom, &[Key::plain(KeyCode::PageUp)], Action::PageUp, "page up", None),
    bind(Zoom, &[Key::char('g'), Key::plain(KeyCode::Home)], Action::Top, "top", None),
    bind(Zoom, &[Key::char('G'), Key::shift(KeyCode::Char('G')), Key::plain(KeyCode::End)], Action::Bottom, "bottom", None),
    bind(Zoom, &[Key::plain(KeyCode::Esc), Key::plain(KeyCode::Enter)], Action::Back, "back to the panes", Some("back")),
    bind(Zoom, &[Key::char('?')], Action::Help, "this help", Some("help")),
    bind(Zoom, &[Key::char('q')], Action::Quit, "quit", Some("quit")),
    bind(Help, &[Key::char('j'), Key::plain(KeyCode::Down)], Action::Down, "scroll down", Some("scroll")),
    bind(Help, &[Key::char('k'), Key::plain(KeyCode::Up)], Action::Up, "scroll up", None),
    bind(Help, &[Key::plain(KeyCode::PageDown), Key::char(' ')], Action::PageDown, "page down", None),
    bind(Help, &[Key::plain(KeyCode::PageUp)], Action::PageUp, "page up", None),
    bind(Help, &[Key::plain(KeyCode::Esc), Key::char('?'), Key::char('q')], Action::Back, "close the help", Some("close")),
];

/// The action a key press asks for in `mode`, if any. Full-width characters typed with a Chinese
/// input method (`？`, `／`, `ｑ` …) count as their ASCII twins.
pub fn action_for(mode: Mode, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    if event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    let pressed = normalise(event);
    Context::of(mode).iter().find_map(|context| {
        BINDINGS
            .iter()
            .filter(|binding| binding.context == *context)
            .find(|binding| binding.keys.iter().any(|key| matches(*key, pressed)))
            .map(|binding| binding.action)
    })
}

fn normalise(event: KeyEvent) -> Key {
    let (code, modifiers) = match event.code {
        KeyCode::Char(c) => (KeyCode::Char(half_width(c)), event.modifiers),
        // Two quick Escapes arrive as Alt+Esc; they still mean Esc.
        KeyCode::Esc => (KeyCode::Esc, event.modifiers - KeyModifiers::ALT),
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

/// `(keys, hint)` pairs for the footer in `mode`.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let contexts = Context::of(mode);
    let mut hints: Vec<(String, &'static str)> = Vec::new();
    for context in contexts {
        for binding in BINDINGS.iter().filter(|b| b.context == *context) {
            let Some(hint) = binding.hint else { continue };
            if hints.iter().any(|(_, h)| *h == hint) {
                continue;
            }
            hints.push((keys_label(binding), hint));
        }
    }
    hints
}

/// The keys of a binding as one label (`j/↓`), leaving out Shift twins.
pub fn keys_label(binding: &Binding) -> String {
    let mut labels: Vec<String> = Vec::new();
    for key in binding.keys {
        let label = key.label();
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join("/")
}

/// Sections of the help: a title and `(keys, description)` rows.
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    [Browse, Zoom, Help]
        .into_iter()
        .map(|context| {
            let rows = BINDINGS
                .iter()
                .filter(|b| b.context == context)
                .map(|b| (keys_label(b), b.help))
                .collect();
            (context.title(), rows)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn vim_keys_and_arrows_move() {
        for code in [KeyCode::Char('j'), KeyCode::Down] {
            assert_eq!(action_for(Mode::Browse, press(code)), Some(Action::Down));
        }
        let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Mode::Browse, shifted_g), Some(Action::Bottom));
    }

    #[test]
    fn full_width_characters_act_like_ascii() {
        assert_eq!(
            action_for(Mode::Browse, press(KeyCode::Char('？'))),
            Some(Action::Help)
        );
        assert_eq!(
            action_for(Mode::Browse, press(KeyCode::Char('ｑ'))),
            Some(Action::Quit)
        );
    }

    #[test]
    fn zoom_falls_back_to_browse_keys_and_help_has_its_own() {
        assert_eq!(
            action_for(Mode::Zoom, press(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(Mode::Zoom, press(KeyCode::Esc)),
            Some(Action::Back)
        );
        assert_eq!(
            action_for(Mode::Help, press(KeyCode::Char('q'))),
            Some(Action::Back)
        );
        assert_eq!(action_for(Mode::Help, press(KeyCode::Tab)), None);
    }

    #[test]
    fn alt_escape_from_a_double_press_is_escape() {
        let alt_esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::ALT);
        assert_eq!(action_for(Mode::Zoom, alt_esc), Some(Action::Back));
    }

    #[test]
    fn releases_are_ignored_and_ctrl_c_quits() {
        let mut release = press(KeyCode::Char('j'));
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(Mode::Browse, release), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::Help, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn hints_and_help_come_from_the_table() {
        let hints = hints(Mode::Browse);
        assert!(hints.contains(&("j/↓".to_string(), "move")), "{hints:?}");
        assert!(hints.contains(&("?".to_string(), "help")));
        let sections = help_sections();
        let total: usize = sections.iter().map(|(_, rows)| rows.len()).sum();
        assert_eq!(total, BINDINGS.len());
    }

    #[test]
    fn every_key_is_bound_once_per_context() {
        for a in BINDINGS {
            for b in BINDINGS {
                if std::ptr::eq(a, b) || a.context != b.context {
                    continue;
                }
                for key in a.keys {
                    assert!(
                        !b.keys.contains(key),
                        "{key:?} is bound twice in {:?}",
                        a.context
                    );
                }
            }
        }
    }
}
