//! Names as the config writes them: modes (`triage`, `form`) and keys (`Q`, `Ctrl-n`, `Down`),
//! read and written back. Intents are named by [`Intent::name`].

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Context, Key, half_width};
use crate::app::Intent;

/// The name of a mode section, `[keys.NAME]`.
pub fn mode_name(context: Context) -> &'static str {
    match context {
        Context::Browse => "browse",
        Context::Items => "items",
        Context::Timeline => "timeline",
        Context::Metrics => "metrics",
        Context::Zoom => "zoom",
        Context::Help => "help",
        Context::HelpSearch => "help_search",
        Context::Form => "form",
        Context::Picker => "picker",
        Context::Confirm => "confirm",
        Context::Conflict => "conflict",
        Context::Merge => "merge",
        Context::Triage => "triage",
        Context::Summary => "summary",
        Context::Since => "since",
        Context::Dashboard => "dashboard",
        Context::Search => "search",
    }
}

pub(super) fn context_named(name: &str) -> Option<Context> {
    let name = name.trim().to_ascii_lowercase();
    Context::ALL.into_iter().find(|c| mode_name(*c) == name)
}

/// The bindable intent called `name` (`-` and `_` alike, any case).
pub fn intent_named(name: &str) -> Option<Intent> {
    Intent::from_name(&name.trim().to_ascii_lowercase().replace('-', "_"))
}

impl Key {
    /// Reads a key as the config writes it: `Q`, `j`, `?`, `Ctrl-n`, `Alt-Enter`, `Down`,
    /// `PageDown`, `Space`, `Esc`, `Shift-Tab`, `F5` (also `C-n`, `M-x`, `ctrl+n`).
    pub fn parse(text: &str) -> Result<Key, crate::lang::Phrase> {
        let bad = || crate::lang::Phrase::new("config_file.not_a_key").arg("key", text);
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text.trim();
        while let Some((head, tail)) = rest.split_once(['-', '+']).filter(|(_, t)| !t.is_empty()) {
            match head.to_ascii_lowercase().as_str() {
                "ctrl" | "control" | "c" => modifiers |= KeyModifiers::CONTROL,
                "alt" | "meta" | "m" | "a" => modifiers |= KeyModifiers::ALT,
                "shift" | "s" => modifiers |= KeyModifiers::SHIFT,
                _ => return Err(bad()),
            }
            rest = tail;
        }
        let code = key_code(rest).ok_or_else(bad)?;
        Ok(finish(code, modifiers))
    }

    /// How the config writes the key (what [`Key::parse`] reads back).
    pub fn config_name(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => NAMED
                .iter()
                .find(|(_, code)| *code == other)
                .map_or_else(|| format!("{other:?}"), |(name, _)| name.to_string()),
        };
        let mut prefix = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            prefix.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            prefix.push_str("Alt-");
        }
        format!("{prefix}{name}")
    }
}

const NAMED: [(&str, KeyCode); 14] = [
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
];

fn key_code(text: &str) -> Option<KeyCode> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(match c {
            '↑' => KeyCode::Up,
            '↓' => KeyCode::Down,
            '←' => KeyCode::Left,
            '→' => KeyCode::Right,
            c => KeyCode::Char(half_width(c)),
        });
    }
    let lower = text.to_ascii_lowercase();
    let alias = match lower.as_str() {
        "space" => Some(KeyCode::Char(' ')),
        "return" => Some(KeyCode::Enter),
        "escape" => Some(KeyCode::Esc),
        "backtab" => Some(KeyCode::BackTab),
        "pgup" => Some(KeyCode::PageUp),
        "pgdn" => Some(KeyCode::PageDown),
        "del" => Some(KeyCode::Delete),
        _ => None,
    };
    let function = lower
        .strip_prefix('f')
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=12).contains(n))
        .map(KeyCode::F);
    alias.or(function).or_else(|| {
        NAMED
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text))
            .map(|(_, code)| *code)
    })
}

/// Shift-Tab is BackTab; Shift with a letter is the capital; Ctrl with a capital is Ctrl with the
/// small letter (terminals do not tell them apart).
fn finish(code: KeyCode, modifiers: KeyModifiers) -> Key {
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let modifiers = modifiers - KeyModifiers::SHIFT;
    let code = match code {
        KeyCode::Tab if shift => KeyCode::BackTab,
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        KeyCode::Char(c) if shift => KeyCode::Char(c.to_ascii_uppercase()),
        other => other,
    };
    Key { code, modifiers }
}
