//! The config's `[keys]` handed to the keymap, and what it refused turned into problems with
//! their places in the file.

use super::{KeyEntry, Problem};
use crate::keymap::{Culprit, Keymap, Override};

/// The session's keys: the defaults with `entries` applied, and what could not be.
pub fn keymap(entries: &[KeyEntry]) -> (Keymap, Vec<Problem>) {
    let overrides: Vec<Override> = entries
        .iter()
        .map(|entry| Override {
            mode: entry.mode.as_ref().map(|m| m.value.as_str()),
            action: &entry.action.value,
            keys: entry.keys.iter().map(|k| k.value.as_str()).collect(),
        })
        .collect();
    let (keymap, refusals) = Keymap::with(&overrides);
    let problems = refusals
        .into_iter()
        .filter_map(|refusal| {
            let entry = entries.get(refusal.entry)?;
            let at = match refusal.culprit {
                Culprit::Mode => entry.mode.as_ref().map(|m| m.at),
                Culprit::Action => Some(entry.action.at),
                Culprit::Key(i) => entry.keys.get(i).map(|k| k.at),
            };
            Some(if refusal.unknown {
                Problem::warning(at, refusal.phrase)
            } else {
                Problem::error(at, refusal.phrase)
            })
        })
        .collect();
    (keymap, problems)
}
