//! The user's keys: the default table with the config's `[keys]` applied (actions, modes and
//! keys by their names in `keymap_names.rs`). A key left bound to two actions where both apply
//! is refused.

use std::borrow::Cow;

use ratatui::crossterm::event::KeyEvent;

use super::names::{context_named, intent_named, mode_name};
use super::{BINDINGS, Binding, Context, Key};
use crate::app::{Intent, Mode, Pane};

/// The key bindings of a session: the defaults, or the defaults changed by the user.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

/// One `action = [keys]` line of the config, in `mode` (a `[keys.MODE]` section) or everywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override<'a> {
    pub mode: Option<&'a str>,
    pub action: &'a str,
    pub keys: Vec<&'a str>,
}

/// The part of an override that is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Culprit {
    Mode,
    Action,
    /// The key at this index of the override's list.
    Key(usize),
}

/// Why an override was not (or not wholly) applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The override's index in the list given.
    pub entry: usize,
    pub culprit: Culprit,
    pub text: String,
    /// True for names tally does not know (a warning); false for errors.
    pub unknown: bool,
}

impl Keymap {
    /// The default keys, made once.
    pub fn defaults() -> &'static Keymap {
        static DEFAULTS: std::sync::LazyLock<Keymap> = std::sync::LazyLock::new(Keymap::default);
        &DEFAULTS
    }

    /// The defaults with `overrides` applied in order (mode sections after the plain ones, so
    /// they win). An override that names no known mode or action, has a key that is not a key,
    /// or leaves a key bound to two actions is left out and reported.
    pub fn with(overrides: &[Override]) -> (Keymap, Vec<Refusal>) {
        let mut refusals = Vec::new();
        let mut order: Vec<usize> = (0..overrides.len()).collect();
        order.sort_by_key(|&i| overrides[i].mode.is_some());
        let mut accepted: Vec<Accepted> = Vec::new();
        for i in order {
            match resolve(&overrides[i]) {
                Ok((context, action, keys)) => accepted.push(Accepted {
                    entry: i,
                    context,
                    action,
                    keys,
                }),
                Err((culprit, text, unknown)) => refusals.push(Refusal {
                    entry: i,
                    culprit,
                    text,
                    unknown,
                }),
            }
        }
        loop {
            let (keymap, changed_by) = apply(&accepted);
            let Some(clash) = keymap.first_clash(&changed_by) else {
                refusals.sort_by_key(|r| r.entry);
                return (keymap, refusals);
            };
            let (entry, key_index, text) = clash;
            refusals.push(Refusal {
                entry,
                culprit: Culprit::Key(key_index),
                text,
                unknown: false,
            });
            accepted.retain(|a| a.entry != entry);
        }
    }

    /// The action a key press asks for in `mode` with `focus` (see [`super::action_for`]).
    pub fn intent_for(&self, mode: Mode, focus: Pane, event: KeyEvent) -> Option<Intent> {
        super::lookup(&self.bindings, mode, focus, event)
    }

    /// What a key event stands for, looked up once (see [`super::press`]).
    pub fn press(&self, mode: Mode, focus: Pane, event: KeyEvent) -> super::Press {
        super::press_in(&self.bindings, mode, focus, event)
    }

    /// What a key means while a search in the help is typed (see
    /// [`super::press_in_help_search`]).
    pub fn press_in_help_search(&self, event: KeyEvent) -> super::Press {
        super::help_search_in(&self.bindings, event)
    }

    /// Footer hints (see [`super::hints_where`]).
    pub fn hints_where(
        &self,
        mode: Mode,
        focus: Pane,
        applies: impl Fn(&Intent) -> bool,
    ) -> Vec<(String, &'static str)> {
        super::hints_in(&self.bindings, mode, focus, applies)
    }

    pub fn hints(&self, mode: Mode, focus: Pane) -> Vec<(String, &'static str)> {
        self.hints_where(mode, focus, |_| true)
    }

    /// The help's sections (see [`super::help_sections`]).
    pub fn help_sections(&self) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        super::help_in(&self.bindings)
    }

    /// The help's sections that match `query` (see [`super::help_sections_matching`]).
    pub fn help_sections_matching<W: AsRef<str>>(
        &self,
        query: &str,
        words: impl Fn(&str, &str) -> W,
    ) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        super::sections_matching(self.help_sections(), query, words)
    }

    /// Every binding, in the help's order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The first key bound to two different actions where both apply, among the bindings an
    /// override changed: (the override, the key's index in it, what is wrong).
    fn first_clash(
        &self,
        changed_by: &[Option<(usize, Vec<usize>)>],
    ) -> Option<(usize, usize, String)> {
        for (mode, focus) in VIEWS {
            let contexts = Context::of(mode, focus);
            let live: Vec<usize> = (0..self.bindings.len())
                .filter(|&i| contexts.contains(&self.bindings[i].context))
                .collect();
            for (n, &a) in live.iter().enumerate() {
                for &b in &live[n + 1..] {
                    let (first, second) = (&self.bindings[a], &self.bindings[b]);
                    if first.intent == second.intent {
                        continue;
                    }
                    let Some(key) = first.keys.iter().find(|k| second.keys.contains(k)) else {
                        continue;
                    };
                    let (culprit, position) = [b, a].into_iter().find_map(|i| {
                        let (entry, indices) = changed_by[i].as_ref()?;
                        let at = self.bindings[i].keys.iter().position(|k| k == key)?;
                        Some((*entry, indices.get(at).copied().unwrap_or(0)))
                    })?;
                    let text = format!(
                        "`{}` is bound to both `{}` and `{}` in {}",
                        key.config_name(),
                        first.intent.name(),
                        second.intent.name(),
                        mode_name(contexts[0]),
                    );
                    return Some((culprit, position, text));
                }
            }
        }
        None
    }
}

/// Every screen and overlay with the pane that changes its keys.
pub(crate) const VIEWS: [(Mode, Pane); 15] = [
    (Mode::Browse, Pane::Items),
    (Mode::Browse, Pane::Timeline),
    (Mode::Browse, Pane::Metrics),
    (Mode::Zoom, Pane::Items),
    (Mode::Help, Pane::Items),
    (Mode::Form, Pane::Items),
    (Mode::StatusPicker, Pane::Items),
    (Mode::Confirm, Pane::Items),
    (Mode::Conflict, Pane::Items),
    (Mode::MergeConflict, Pane::Items),
    (Mode::Triage, Pane::Items),
    (Mode::Summary, Pane::Items),
    (Mode::Since, Pane::Items),
    (Mode::Dashboard, Pane::Items),
    (Mode::Search, Pane::Items),
];

/// The defaults with the accepted overrides applied; for each binding, the override that changed
/// it and, for each of its keys, the index of that key in the override's list.
type ChangedBy = Vec<Option<(usize, Vec<usize>)>>;

/// An override that names a known mode and action and real keys.
struct Accepted {
    entry: usize,
    context: Option<Context>,
    action: Intent,
    /// Each key with its index in the override's list.
    keys: Vec<(Key, usize)>,
}

fn apply(accepted: &[Accepted]) -> (Keymap, ChangedBy) {
    let mut bindings: Vec<Binding> = BINDINGS.to_vec();
    let mut changed_by: ChangedBy = vec![None; bindings.len()];
    let mut dropped = vec![false; bindings.len()];
    for Accepted {
        entry,
        context,
        action,
        keys,
    } in accepted
    {
        let mut seen: Vec<Context> = Vec::new();
        for (i, binding) in bindings.iter_mut().enumerate() {
            let applies = context.is_none_or(|c| c == binding.context);
            if !applies || binding.intent != *action {
                continue;
            }
            // A second binding of the action in the same mode (Enter and Ctrl-S both save a
            // form) gives way: the user's list is the whole set of keys there.
            if seen.contains(&binding.context) {
                dropped[i] = true;
                continue;
            }
            seen.push(binding.context);
            binding.keys = Cow::Owned(keys.iter().map(|(key, _)| *key).collect());
            dropped[i] = false;
            changed_by[i] = Some((*entry, keys.iter().map(|(_, at)| *at).collect()));
        }
    }
    let mut kept = Vec::new();
    let mut kept_changes = Vec::new();
    for ((binding, change), gone) in bindings.into_iter().zip(changed_by).zip(dropped) {
        if !gone {
            kept.push(binding);
            kept_changes.push(change);
        }
    }
    (Keymap { bindings: kept }, kept_changes)
}

type Resolved = (Option<Context>, Intent, Vec<(Key, usize)>);

/// An override's mode, action and keys, or what is wrong with it.
fn resolve(entry: &Override) -> Result<Resolved, (Culprit, String, bool)> {
    let context = match entry.mode {
        None => None,
        Some(mode) => Some(context_named(mode).ok_or_else(|| {
            let names: Vec<&str> = Context::ALL.iter().map(|c| mode_name(*c)).collect();
            let text = format!(
                "unknown mode `[keys.{mode}]` (ignored; modes: {})",
                names.join(", ")
            );
            (Culprit::Mode, text, true)
        })?),
    };
    let action = intent_named(entry.action).ok_or_else(|| {
        let text = format!(
            "unknown action `{}` (ignored; `tally keys` lists them)",
            entry.action
        );
        (Culprit::Action, text, true)
    })?;
    if let Some(context) = context
        && !BINDINGS
            .iter()
            .any(|b| b.context == context && b.intent == action)
    {
        let text = format!(
            "`{}` does nothing in {} (ignored; `tally keys` shows where each action works)",
            entry.action,
            mode_name(context)
        );
        return Err((Culprit::Action, text, false));
    }
    let mut keys = Vec::new();
    for (i, text) in entry.keys.iter().enumerate() {
        let key = Key::parse(text).map_err(|why| (Culprit::Key(i), why, false))?;
        if !keys.iter().any(|(k, _)| *k == key) {
            keys.push((key, i));
        }
    }
    Ok((context, action, keys))
}

#[cfg(test)]
#[path = "keymap_user_tests.rs"]
mod tests;
