//! Syncing with the team's git repository, as the interface sees it: `S` asks the runtime for a
//! sync (once every edit is on disk), its stages and outcome arrive as actions and show in the
//! footer, and background checks keep a mark of the commits waiting to be pulled or pushed.

use super::Effect;
use super::state::{Message, State};
use crate::lang::tr;

/// Where the files stand with their repository.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Team {
    /// A sync is running (another `S` waits for it).
    pub syncing: bool,
    /// `S` was pressed while edits were still being saved: the sync starts once they are on disk.
    pub waiting_for_saves: bool,
    /// Commits to push and to pull, as of the last check (`None`: no repository or no upstream).
    pub mark: Option<Mark>,
    /// The last sync's outcome, so a reload it causes adds to the message instead of hiding it.
    pub outcome: Option<Message>,
}

/// Commits here and not on the remote (`ahead`), and there and not here (`behind`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mark {
    pub ahead: usize,
    pub behind: usize,
}

impl Mark {
    /// `↑2 ↓1` for the status bar; empty when in step.
    pub fn label(self) -> String {
        let mut parts = Vec::new();
        if self.ahead > 0 {
            parts.push(format!("↑{}", self.ahead));
        }
        if self.behind > 0 {
            parts.push(format!("↓{}", self.behind));
        }
        parts.join(" ")
    }
}

/// `S`: sync now, or as soon as the edits being saved are on disk.
pub(crate) fn start(state: &mut State) -> Vec<Effect> {
    if state.team.syncing || state.team.waiting_for_saves {
        state.message = Some(Message::info(tr(state.settings.lang, "msg.sync_under_way")));
        return Vec::new();
    }
    if state.files.is_empty() {
        state.message = Some(Message::warning(tr(
            state.settings.lang,
            "msg.sync_no_file",
        )));
        return Vec::new();
    }
    if state.has_unsaved() {
        state.team.waiting_for_saves = true;
        state.message = Some(Message::info(tr(state.settings.lang, "msg.sync_saving")));
        return (0..state.files.len())
            .filter(|&file| !state.files[file].unsaved.is_empty())
            .map(|file| Effect::Save { file })
            .collect();
    }
    begin(state)
}

fn begin(state: &mut State) -> Vec<Effect> {
    state.team.syncing = true;
    state.team.waiting_for_saves = false;
    state.message = Some(Message::info(tr(state.settings.lang, "msg.sync_starting")));
    vec![Effect::Sync {
        files: state.files.iter().map(|f| f.path.clone()).collect(),
    }]
}

/// A save finished: a sync waiting for it starts when nothing is left to save.
pub(crate) fn after_save(state: &mut State) -> Vec<Effect> {
    if state.team.waiting_for_saves && !state.has_unsaved() {
        return begin(state);
    }
    Vec::new()
}

/// A save failed: a sync waiting for it is called off (it would not include the edit).
pub(crate) fn save_failed(state: &mut State) {
    state.team.waiting_for_saves = false;
}

/// The sync reached a stage (committing, pulling, pushing).
pub(crate) fn stage(state: &mut State, text: String) {
    if state.team.syncing {
        state.message = Some(Message::info(text));
    }
}

/// The sync ended: its one-line outcome goes to the footer.
pub(crate) fn finished(state: &mut State, outcome: Message) {
    state.team.syncing = false;
    state.team.outcome = Some(outcome.clone());
    state.message = Some(outcome);
}

/// The footer's message after a reload: when the sync's outcome is still showing (its pull
/// brought the change), the reload is added to it.
pub(crate) fn after_reload(state: &State, reload: Message) -> Message {
    match (&state.message, &state.team.outcome) {
        (Some(shown), Some(outcome))
            if shown == outcome || shown.text.starts_with(&outcome.text) =>
        {
            Message {
                text: format!("{} · {}", shown.text, reload.text),
                level: shown.level,
            }
        }
        _ => reload,
    }
}

/// A background check of the repository.
pub(crate) fn marked(state: &mut State, mark: Option<Mark>) {
    state.team.mark = mark;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_names_both_directions_only_when_needed() {
        assert_eq!(
            Mark {
                ahead: 2,
                behind: 1
            }
            .label(),
            "↑2 ↓1"
        );
        assert_eq!(
            Mark {
                ahead: 0,
                behind: 3
            }
            .label(),
            "↓3"
        );
        assert_eq!(Mark::default().label(), "");
    }
}
