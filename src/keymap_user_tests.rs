use super::super::names::intent_named;
use super::*;
use crate::model::Status;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn keymap(overrides: &[Override]) -> Keymap {
    let (keymap, refusals) = Keymap::with(overrides);
    assert_eq!(refusals, vec![]);
    keymap
}

fn plain<'a>(action: &'a str, keys: &[&'a str]) -> Override<'a> {
    Override {
        mode: None,
        action,
        keys: keys.to_vec(),
    }
}

#[test]
fn keys_are_read_as_people_write_them() {
    let key = |t: &str| Key::parse(t).map(|k| (k.code, k.modifiers));
    assert_eq!(key("Q"), Ok((KeyCode::Char('Q'), KeyModifiers::NONE)));
    assert_eq!(
        key("Ctrl-n"),
        Ok((KeyCode::Char('n'), KeyModifiers::CONTROL))
    );
    assert_eq!(key("C-N"), Ok((KeyCode::Char('n'), KeyModifiers::CONTROL)));
    assert_eq!(
        key("ctrl+s"),
        Ok((KeyCode::Char('s'), KeyModifiers::CONTROL))
    );
    assert_eq!(key("Alt-Enter"), Ok((KeyCode::Enter, KeyModifiers::ALT)));
    assert_eq!(key("Down"), Ok((KeyCode::Down, KeyModifiers::NONE)));
    assert_eq!(key("pgdn"), Ok((KeyCode::PageDown, KeyModifiers::NONE)));
    assert_eq!(key("Space"), Ok((KeyCode::Char(' '), KeyModifiers::NONE)));
    assert_eq!(key("Shift-Tab"), Ok((KeyCode::BackTab, KeyModifiers::NONE)));
    assert_eq!(key("F5"), Ok((KeyCode::F(5), KeyModifiers::NONE)));
    assert_eq!(key("-"), Ok((KeyCode::Char('-'), KeyModifiers::NONE)));
    assert_eq!(key("？"), Ok((KeyCode::Char('?'), KeyModifiers::NONE)));
    assert!(key("Hyper-x").is_err());
    assert!(key("Downn").is_err());
    assert!(key("").is_err());
}

#[test]
fn config_names_read_back() {
    for binding in BINDINGS {
        for key in binding.keys.iter() {
            assert_eq!(Key::parse(&key.config_name()), Ok(*key), "{key:?}");
        }
    }
}

#[test]
fn every_bound_intent_has_a_name_that_reads_back() {
    for binding in BINDINGS {
        let name = binding.intent.name();
        assert_eq!(intent_named(name).as_ref(), Some(&binding.intent), "{name}");
    }
    assert_eq!(
        intent_named("Status-Done"),
        Some(Intent::SetStatus(Status::Done))
    );
    assert!(intent_named("fly").is_none());
}

#[test]
fn the_defaults_have_no_clash() {
    let (keymap, refusals) = Keymap::with(&[]);
    assert_eq!(refusals, vec![]);
    let all_changed: ChangedBy = vec![Some((0, vec![0; 4])); keymap.bindings.len()];
    assert_eq!(keymap.first_clash(&all_changed), None);
}

#[test]
fn a_plain_override_replaces_the_keys_everywhere() {
    let keymap = keymap(&[plain("quit", &["Q"])]);
    for mode in [Mode::Browse, Mode::Zoom, Mode::Since, Mode::Dashboard] {
        let q = keymap.intent_for(mode, Pane::Items, press(KeyCode::Char('q')));
        assert!(q.is_none(), "{mode:?}: {q:?}");
        let big_q = keymap.intent_for(mode, Pane::Items, press(KeyCode::Char('Q')));
        assert!(matches!(big_q, Some(Intent::Quit)), "{mode:?}");
    }
    // Leaving triage with q is `back`, not `quit`: it stays.
    let leave = keymap.intent_for(Mode::Triage, Pane::Items, press(KeyCode::Char('q')));
    assert!(matches!(leave, Some(Intent::Back)));
    let hints = keymap.hints(Mode::Browse, Pane::Items);
    assert!(hints.contains(&("Q".to_string(), "quit")), "{hints:?}");
}

#[test]
fn a_mode_section_changes_only_that_mode_and_wins() {
    let keymap = keymap(&[
        Override {
            mode: Some("triage"),
            action: "next",
            keys: vec!["Ctrl-n"],
        },
        plain("next", &["Ctrl-j", "Down"]),
    ]);
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let down = |mode, key| {
        matches!(
            keymap.intent_for(mode, Pane::Items, key),
            Some(Intent::Down)
        )
    };
    assert!(down(Mode::Triage, ctrl('n')));
    assert!(!down(Mode::Triage, ctrl('j')));
    assert!(!down(Mode::Triage, press(KeyCode::Down)));
    assert!(down(Mode::Browse, ctrl('j')));
    assert!(down(Mode::Browse, press(KeyCode::Down)));
    assert!(!down(Mode::Browse, ctrl('n')));
    assert!(!down(Mode::Browse, press(KeyCode::Char('j'))));
}

#[test]
fn several_default_bindings_become_the_users_list() {
    let keymap = keymap(&[Override {
        mode: Some("form"),
        action: "submit",
        keys: vec!["Ctrl-s"],
    }]);
    let enter = keymap.intent_for(Mode::Form, Pane::Items, press(KeyCode::Enter));
    assert!(matches!(enter, Some(Intent::Input(_))), "{enter:?}");
    let hints = keymap.hints(Mode::Form, Pane::Items);
    assert!(hints.contains(&("C-s".to_string(), "save")), "{hints:?}");
}

#[test]
fn a_key_bound_to_two_actions_is_refused_naming_both() {
    let (keymap, refusals) = Keymap::with(&[plain("quit", &["Q"]), plain("undo", &["x", "j"])]);
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert_eq!(refusals[0].entry, 1);
    assert_eq!(refusals[0].culprit, Culprit::Key(1));
    assert!(!refusals[0].unknown);
    let text = &refusals[0].text;
    assert!(
        text.contains("`j`") && text.contains("undo") && text.contains("next"),
        "{text}"
    );
    // The refused line is left out; the other applies.
    assert!(matches!(
        keymap.intent_for(Mode::Browse, Pane::Items, press(KeyCode::Char('u'))),
        Some(Intent::Undo)
    ));
    assert!(matches!(
        keymap.intent_for(Mode::Browse, Pane::Items, press(KeyCode::Char('Q'))),
        Some(Intent::Quit)
    ));
}

#[test]
fn a_key_hiding_a_general_binding_is_a_clash_too() {
    let (_, refusals) = Keymap::with(&[Override {
        mode: Some("items"),
        action: "zoom",
        keys: vec!["e"],
    }]);
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert!(refusals[0].text.contains("edit"), "{}", refusals[0].text);
}

#[test]
fn swapping_two_keys_is_fine() {
    let keymap = keymap(&[plain("next", &["k"]), plain("prev", &["j"])]);
    assert!(matches!(
        keymap.intent_for(Mode::Browse, Pane::Items, press(KeyCode::Char('k'))),
        Some(Intent::Down)
    ));
}

#[test]
fn unknown_names_and_bad_keys_are_reported() {
    let (_, refusals) = Keymap::with(&[
        plain("fly", &["f"]),
        Override {
            mode: Some("nowhere"),
            action: "quit",
            keys: vec!["Q"],
        },
        plain("quit", &["Q", "Hyper-q"]),
        Override {
            mode: Some("form"),
            action: "quit",
            keys: vec!["Q"],
        },
    ]);
    let found: Vec<(usize, Culprit, bool)> = refusals
        .iter()
        .map(|r| (r.entry, r.culprit, r.unknown))
        .collect();
    assert_eq!(
        found,
        vec![
            (0, Culprit::Action, true),
            (1, Culprit::Mode, true),
            (2, Culprit::Key(1), false),
            (3, Culprit::Action, false),
        ]
    );
}

#[test]
fn help_shows_the_users_keys() {
    let keymap = keymap(&[plain("quit", &["Q"])]);
    let sections = keymap.help_sections();
    let rows: Vec<&(String, &str)> = sections.iter().flat_map(|(_, rows)| rows).collect();
    assert!(
        rows.iter()
            .any(|(keys, help)| keys == "Q" && help.starts_with("quit"))
    );
    assert!(
        !rows
            .iter()
            .any(|(keys, help)| keys == "q" && help.starts_with("quit"))
    );
}
