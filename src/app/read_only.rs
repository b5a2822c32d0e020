//! Read-only sessions (`--read-only`, or a file tally may not write): every action that would
//! change a file is refused with a message saying why, before anything changes.

use super::{Intent, Message, State};

/// Refuses `intent` when the session is read-only and the intent edits; true when refused.
pub fn refused(state: &mut State, intent: &Intent) -> bool {
    let Some(reason) = &state.settings.read_only else {
        return false;
    };
    if !edits(intent) {
        return false;
    }
    state.message = Some(Message::warning(format!(
        "Read-only: {reason}, so nothing can be changed"
    )));
    true
}

/// The intents that change a file (or start a form or choice that would).
fn edits(intent: &Intent) -> bool {
    matches!(
        intent,
        Intent::Edit
            | Intent::PickStatus
            | Intent::SetStatus(_)
            | Intent::AddNote
            | Intent::EditMetrics
            | Intent::Add
            | Intent::Delete
            | Intent::MoveItemDown
            | Intent::MoveItemUp
            | Intent::Undo
            | Intent::Redo
            | Intent::Save
            | Intent::ReviewedNext
            | Intent::EditLead
            | Intent::EditDue
            | Intent::Sync
            | Intent::SettleConflicts
            | Intent::Settle(_)
            | Intent::SettleByEdit
            | Intent::KeepMine
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Mode, update};
    use crate::store::{Fingerprint, Loaded, SAMPLE_JSON, parse_document};

    fn read_only_state() -> State {
        let loaded = Loaded {
            path: "report.json".into(),
            doc: parse_document(SAMPLE_JSON.into()).unwrap(),
            fingerprint: Fingerprint::of_bytes(b"", None),
        };
        let mut state = State::new(vec![loaded], ratatui::layout::Rect::new(0, 0, 100, 30));
        state.settings.read_only = Some("opened with --read-only".into());
        state
    }

    #[test]
    fn edits_are_refused_with_the_reason() {
        for intent in [
            Intent::Edit,
            Intent::PickStatus,
            Intent::AddNote,
            Intent::Delete,
            Intent::Add,
            Intent::MoveItemDown,
            Intent::StartTriage,
            Intent::ReviewedNext,
        ] {
            let mut state = read_only_state();
            let before = format!("{:?}", state.files[0].doc.items());
            let name = format!("{intent:?}");
            let effects = update(&mut state, intent);
            assert!(effects.is_empty(), "{name}: {effects:?}");
            assert!(state.files[0].unsaved.is_empty(), "{name}");
            assert_eq!(
                format!("{:?}", state.files[0].doc.items()),
                before,
                "{name}"
            );
            assert!(
                matches!(state.mode(), Mode::Browse | Mode::Triage),
                "{name}: {:?}",
                state.mode()
            );
            if name != "StartTriage" {
                let message = state
                    .message
                    .as_ref()
                    .map(|m| m.text.as_str())
                    .unwrap_or("");
                assert!(message.contains("--read-only"), "{name}: {message}");
            }
        }
    }

    #[test]
    fn looking_around_still_works() {
        let mut state = read_only_state();
        update(&mut state, Intent::Down);
        assert_eq!(state.list.selected, 1);
        update(&mut state, Intent::Zoom);
        assert_eq!(state.mode(), Mode::Zoom);
        assert!(state.message.is_none());
    }
}
