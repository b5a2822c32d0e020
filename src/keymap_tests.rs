use super::*;

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn browse(code: KeyCode) -> Option<Intent> {
    intent_for(Mode::Browse, Pane::Items, press(code))
}

#[test]
fn vim_keys_and_arrows_move() {
    for code in [KeyCode::Char('j'), KeyCode::Down] {
        assert!(matches!(browse(code), Some(Intent::Down)));
    }
    let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert!(matches!(
        intent_for(Mode::Browse, Pane::Items, shifted_g),
        Some(Intent::Bottom)
    ));
}

#[test]
fn full_width_characters_act_like_ascii() {
    assert!(matches!(browse(KeyCode::Char('？')), Some(Intent::Help)));
    assert!(matches!(browse(KeyCode::Char('ｑ')), Some(Intent::Quit)));
}

#[test]
fn the_focused_pane_decides_what_enter_and_d_do() {
    assert!(matches!(browse(KeyCode::Enter), Some(Intent::Zoom)));
    let timeline = intent_for(Mode::Browse, Pane::Timeline, press(KeyCode::Enter));
    assert!(matches!(timeline, Some(Intent::Edit)));
    let metrics = intent_for(Mode::Browse, Pane::Metrics, press(KeyCode::Char('d')));
    assert!(matches!(metrics, Some(Intent::Delete)));
    let common = intent_for(Mode::Browse, Pane::Metrics, press(KeyCode::Char('u')));
    assert!(matches!(common, Some(Intent::Undo)));
}

#[test]
fn forms_type_unbound_keys_and_bind_the_rest() {
    let typed = intent_for(Mode::Form, Pane::Items, press(KeyCode::Char('q')));
    assert!(matches!(typed, Some(Intent::Input(_))));
    let typed = intent_for(Mode::Form, Pane::Items, press(KeyCode::Char('外')));
    assert!(matches!(typed, Some(Intent::Input(_))));
    assert!(matches!(
        intent_for(Mode::Form, Pane::Items, press(KeyCode::Enter)),
        Some(Intent::Submit)
    ));
    let alt_enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT);
    assert!(matches!(
        intent_for(Mode::Form, Pane::Items, alt_enter),
        Some(Intent::Newline)
    ));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(matches!(
        intent_for(Mode::Form, Pane::Items, ctrl_c),
        Some(Intent::Back)
    ));
}

#[test]
fn the_picker_has_one_key_per_status() {
    for status in Status::ALL {
        let key = press(KeyCode::Char(status.letter().to_ascii_lowercase()));
        let action = intent_for(Mode::StatusPicker, Pane::Items, key);
        assert!(
            matches!(action, Some(Intent::SetStatus(s)) if s == status),
            "{status:?}"
        );
    }
}

#[test]
fn a_fast_escape_then_a_key_is_two_presses() {
    let alt_t = KeyEvent::new(KeyCode::Char('t'), KeyModifiers::ALT);
    let keys = super::press(Mode::Form, Pane::Items, alt_t);
    assert_eq!(keys, Press::EscThen(press(KeyCode::Char('t'))));
    let alt_enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT);
    assert_eq!(
        super::press(Mode::Form, Pane::Items, alt_enter),
        Press::Intent(Intent::Newline),
        "a bound Alt key stays"
    );
}

#[test]
fn a_full_width_slash_opens_search_and_the_line_takes_text() {
    assert!(matches!(browse(KeyCode::Char('／')), Some(Intent::Search)));
    let typed = intent_for(Mode::Search, Pane::Items, press(KeyCode::Char('外')));
    assert!(matches!(typed, Some(Intent::Input(_))));
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert!(matches!(
        intent_for(Mode::Search, Pane::Items, ctrl_n),
        Some(Intent::Down)
    ));
}

#[test]
fn alt_escape_from_a_double_press_is_escape() {
    let alt_esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::ALT);
    assert!(matches!(
        intent_for(Mode::Zoom, Pane::Items, alt_esc),
        Some(Intent::Back)
    ));
}

#[test]
fn releases_are_ignored_and_ctrl_c_quits() {
    let mut release = press(KeyCode::Char('j'));
    release.kind = KeyEventKind::Release;
    assert!(intent_for(Mode::Browse, Pane::Items, release).is_none());
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(matches!(
        intent_for(Mode::Help, Pane::Items, ctrl_c),
        Some(Intent::Quit)
    ));
}

#[test]
fn hints_and_help_come_from_the_table() {
    let hints = hints(Mode::Browse, Pane::Items);
    assert!(hints.contains(&("j/↓".to_string(), "move")), "{hints:?}");
    assert!(hints.contains(&("?".to_string(), "help")));
    let sections = help_sections();
    let total: usize = sections.iter().map(|(_, rows)| rows.len()).sum();
    assert_eq!(total, BINDINGS.len());
}

#[test]
fn keys_that_share_a_hint_are_shown_together_once() {
    let triage = hints(Mode::Triage, Pane::Items);
    let status: Vec<_> = triage.iter().filter(|(_, h)| *h == "status").collect();
    assert_eq!(
        status,
        [&("t/o/r/b/d/x".to_string(), "status")],
        "{triage:?}"
    );
    let timeline = hints(Mode::Browse, Pane::Timeline);
    let edit: Vec<_> = timeline.iter().filter(|(_, h)| *h == "edit").collect();
    assert_eq!(
        edit.len(),
        1,
        "another context's hint is not repeated: {timeline:?}"
    );
}

#[test]
fn no_key_is_bound_twice_where_both_bindings_apply() {
    for (mode, focus) in super::user::VIEWS {
        let contexts = Context::of(mode, focus);
        for context in contexts {
            let same: Vec<&Binding> = BINDINGS.iter().filter(|b| b.context == *context).collect();
            for (i, a) in same.iter().enumerate() {
                for b in &same[i + 1..] {
                    for key in a.keys.iter() {
                        assert!(!b.keys.contains(key), "{key:?} bound twice in {context:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn every_description_hint_and_title_is_translated() {
    use crate::lang::{Lang, tr};
    let mut keys: Vec<String> = Vec::new();
    for binding in BINDINGS {
        keys.push(format!("keys.{}", binding.help));
        if let Some(hint) = binding.hint {
            keys.push(format!("hint.{hint}"));
        }
    }
    keys.extend(Context::ALL.iter().map(|c| format!("help.{}", c.title())));
    for key in keys {
        for lang in Lang::ALL {
            // A missing key comes back as the key itself.
            assert_ne!(tr(lang, &key), key, "{} lacks {key}", lang.code());
        }
        assert_ne!(
            tr(Lang::Zh, &key),
            tr(Lang::En, &key),
            "{key} is not translated"
        );
    }
}

#[test]
fn every_bound_intent_has_a_name() {
    for binding in BINDINGS {
        let name = binding.intent.name();
        assert_eq!(
            Intent::from_name(name).as_ref(),
            Some(&binding.intent),
            "{:?} is bound but cannot be named",
            binding.intent
        );
    }
}

#[test]
fn h_and_l_move_between_panes_and_ctrl_d_u_half_pages() {
    assert!(matches!(
        browse(KeyCode::Char('l')),
        Some(Intent::FocusNext)
    ));
    assert!(matches!(
        browse(KeyCode::Char('h')),
        Some(Intent::FocusPrevious)
    ));
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    for mode in [
        Mode::Browse,
        Mode::Zoom,
        Mode::Since,
        Mode::Dashboard,
        Mode::Help,
    ] {
        assert!(matches!(
            intent_for(mode, Pane::Items, ctrl('d')),
            Some(Intent::HalfPageDown)
        ));
        assert!(matches!(
            intent_for(mode, Pane::Items, ctrl('u')),
            Some(Intent::HalfPageUp)
        ));
    }
    assert!(matches!(browse(KeyCode::Char('y')), Some(Intent::Copy)));
    assert!(matches!(
        browse(KeyCode::Char('E')),
        Some(Intent::EditOutside)
    ));
}

#[test]
fn the_help_search_keeps_matching_rows_and_types_other_keys() {
    let all: usize = help_sections().iter().map(|(_, rows)| rows.len()).sum();
    let found = help_sections_matching("CLIPBOARD", |_, t| t.to_string());
    let rows: Vec<&str> = found
        .iter()
        .flat_map(|(_, r)| r.iter().map(|(_, h)| *h))
        .collect();
    assert!(!rows.is_empty() && rows.len() < all, "{rows:?}");
    assert!(
        rows.iter().all(|h| h.to_lowercase().contains("clipboard")),
        "{rows:?}"
    );
    assert!(help_sections_matching("no such words", |_, t| t.to_string()).is_empty());
    assert_eq!(
        help_sections_matching("  ", |_, t| t.to_string()).len(),
        help_sections().len()
    );
    assert_eq!(
        press_in_help_search(press(KeyCode::Char('q'))),
        Press::Intent(Intent::Input(press(KeyCode::Char('q'))))
    );
    assert_eq!(
        press_in_help_search(press(KeyCode::Esc)),
        Press::Intent(Intent::Back)
    );
    assert_eq!(
        press_in_help_search(press(KeyCode::Enter)),
        Press::Intent(Intent::Submit)
    );
}
