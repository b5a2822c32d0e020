use super::*;
use crate::app::view::SortKey;
use crate::store::{Fingerprint, Loaded, parse_document};

fn sample_state(width: u16, height: u16) -> State {
    let doc = parse_document(crate::store::SAMPLE_JSON.into()).unwrap();
    let loaded = Loaded {
        path: "sample.json".into(),
        doc,
        fingerprint: Fingerprint::of_bytes(b"", None),
    };
    State::new(vec![loaded], Rect::new(0, 0, width, height))
}

fn press(state: &mut State, actions: &[Intent]) {
    for action in actions {
        update(state, action.clone());
    }
}

fn selected_id(state: &State) -> &str {
    &state.selected_item().unwrap().id
}

#[test]
fn moving_down_and_up_follows_the_list() {
    let mut state = sample_state(120, 40);
    press(
        &mut state,
        &[Intent::Down, Intent::Down, Intent::Down, Intent::Down],
    );
    assert_eq!(selected_id(&state), "14");
    press(&mut state, &[Intent::Up]);
    assert_eq!(selected_id(&state), "13");
    press(&mut state, &[Intent::Bottom]);
    assert_eq!(selected_id(&state), "126");
    press(&mut state, &[Intent::Down]);
    assert_eq!(selected_id(&state), "126", "stays on the last row");
    press(&mut state, &[Intent::Top, Intent::Up]);
    assert_eq!(selected_id(&state), "10");
}

#[test]
fn the_selection_stays_in_view_when_paging_a_short_window() {
    let mut state = sample_state(80, 12);
    let rows = state.panes().list_rows();
    assert!(
        rows < 8,
        "the window must be shorter than the list for this test"
    );
    press(&mut state, &[Intent::Bottom]);
    assert_eq!(state.list.offset, 8 - rows);
    press(&mut state, &[Intent::PageUp]);
    assert!(
        state.list.selected >= state.list.offset && state.list.selected < state.list.offset + rows
    );
    press(&mut state, &[Intent::Top]);
    assert_eq!(state.list.offset, 0);
}

#[test]
fn tab_cycles_focus_and_j_scrolls_the_focused_pane() {
    let mut state = sample_state(120, 30);
    press(&mut state, &[Intent::FocusNext]);
    assert_eq!(state.focus, Pane::Timeline);
    press(&mut state, &[Intent::Down, Intent::Down]);
    assert_eq!(state.details.note_cursor, 2, "j moves through the notes");
    assert_eq!(selected_id(&state), "10", "the list did not move");
    press(&mut state, &[Intent::Down, Intent::Down, Intent::Down]);
    assert_eq!(state.details.note_cursor, 2, "item 10 has three notes");
    press(&mut state, &[Intent::FocusNext, Intent::FocusNext]);
    assert_eq!(state.focus, Pane::Items);
    press(&mut state, &[Intent::FocusPrevious]);
    assert_eq!(state.focus, Pane::Metrics);
}

#[test]
fn scrolling_stops_at_the_end_of_the_content() {
    let mut state = sample_state(120, 30);
    press(
        &mut state,
        &[
            Intent::Down,
            Intent::Down,
            Intent::Down,
            Intent::Down,
            Intent::FocusNext,
        ],
    );
    for _ in 0..500 {
        update(&mut state, Intent::PageDown);
    }
    let stuck = state.details.timeline_scroll;
    assert!(stuck > 0 && stuck < 500, "{stuck}");
    press(&mut state, &[Intent::PageUp]);
    assert!(
        state.details.timeline_scroll < stuck,
        "one key brings it back"
    );
}

#[test]
fn changing_the_selection_resets_detail_scrolling() {
    let mut state = sample_state(120, 30);
    press(
        &mut state,
        &[
            Intent::FocusNext,
            Intent::Down,
            Intent::FocusPrevious,
            Intent::Down,
        ],
    );
    assert_eq!(state.details.timeline_scroll, 0);
}

#[test]
fn enter_zooms_and_escape_returns() {
    let mut state = sample_state(80, 24);
    press(&mut state, &[Intent::Down, Intent::Zoom]);
    assert_eq!(state.mode(), Mode::Zoom);
    press(&mut state, &[Intent::Down]);
    assert_eq!(state.details.zoom_scroll, 1);
    assert_eq!(selected_id(&state), "11", "j scrolls the zoomed item");
    press(&mut state, &[Intent::Back]);
    assert_eq!(state.mode(), Mode::Browse);
}

#[test]
fn help_opens_over_the_current_mode_and_closes_back_to_it() {
    let mut state = sample_state(80, 24);
    press(&mut state, &[Intent::Zoom, Intent::Help]);
    assert_eq!(state.mode(), Mode::Help);
    press(&mut state, &[Intent::Down]);
    assert_eq!(state.help_scroll(), 1);
    press(&mut state, &[Intent::Back]);
    assert_eq!(state.mode(), Mode::Zoom);
}

#[test]
fn q_quits() {
    let mut state = sample_state(80, 24);
    press(&mut state, &[Intent::Quit]);
    assert!(state.quit);
}

#[test]
fn clicking_a_row_selects_it_and_clicking_a_pane_focuses_it() {
    let mut state = sample_state(120, 40);
    let list = state.panes().list_body();
    press(
        &mut state,
        &[Intent::Click {
            column: list.x + 3,
            row: list.y + 4,
        }],
    );
    assert_eq!(selected_id(&state), "14");
    let metrics = state.panes().metrics.unwrap();
    press(
        &mut state,
        &[Intent::Click {
            column: metrics.x + 2,
            row: metrics.y + 2,
        }],
    );
    assert_eq!(state.focus, Pane::Metrics);
    assert_eq!(selected_id(&state), "14");
}

#[test]
fn the_wheel_scrolls_what_is_under_the_pointer() {
    // at 80×24 item 13's timeline is longer than its pane
    let mut state = sample_state(80, 24);
    let list = state.panes().list;
    press(
        &mut state,
        &[Intent::Scroll {
            column: list.x + 2,
            row: list.y + 2,
            down: true,
        }],
    );
    assert_eq!(state.list.selected, 3);
    let timeline = state.panes().timeline.unwrap();
    press(
        &mut state,
        &[Intent::Scroll {
            column: timeline.x + 2,
            row: timeline.y + 2,
            down: true,
        }],
    );
    assert_eq!(state.details.timeline_scroll, 3);
    assert_eq!(
        state.focus,
        Pane::Items,
        "the wheel does not move the focus"
    );
}

#[test]
fn an_empty_list_takes_every_key_without_panicking() {
    let mut state = State::new(Vec::new(), Rect::new(0, 0, 80, 24));
    let all = [
        Intent::Down,
        Intent::Up,
        Intent::PageDown,
        Intent::PageUp,
        Intent::Top,
        Intent::Bottom,
        Intent::FocusNext,
        Intent::FocusPrevious,
        Intent::Zoom,
        Intent::Back,
        Intent::Help,
        Intent::Back,
        Intent::Click { column: 3, row: 3 },
        Intent::Scroll {
            column: 3,
            row: 3,
            down: true,
        },
    ];
    press(&mut state, &all);
    assert_eq!(state.mode(), Mode::Browse);
    assert!(state.selected_item().is_none());
}

#[test]
fn small_screens_keep_focus_on_the_list() {
    let mut state = sample_state(40, 10);
    press(&mut state, &[Intent::FocusNext]);
    assert_eq!(state.focus, Pane::Items);
}

#[test]
fn s_asks_for_a_sync_of_every_open_file_and_a_second_s_waits() {
    let mut state = sample_state(120, 40);
    let effects = update(&mut state, Intent::Sync);
    let [Effect::Sync { files }] = effects.as_slice() else {
        panic!("expected one sync, got {effects:?}")
    };
    assert_eq!(files, &vec![std::path::PathBuf::from("sample.json")]);
    assert!(state.team.syncing);
    assert!(update(&mut state, Intent::Sync).is_empty());
    assert_eq!(
        state.message.as_ref().map(|m| m.text.as_str()),
        Some("a sync is already under way")
    );
    update(&mut state, Event::SyncStage("sync: pulling…".into()));
    assert_eq!(
        state.message.as_ref().map(|m| m.text.as_str()),
        Some("sync: pulling…")
    );
    update(
        &mut state,
        Event::SyncFinished(crate::app::Message::error("sync failed: x")),
    );
    assert!(!state.team.syncing);
    assert_eq!(
        state.message.as_ref().map(|m| m.level),
        Some(crate::app::Level::Error)
    );
    let effects = update(&mut state, Intent::Sync);
    assert!(
        matches!(effects.as_slice(), [Effect::Sync { .. }]),
        "a new sync may start"
    );
}

#[test]
fn s_with_an_edit_not_yet_on_disk_saves_first_and_syncs_when_saved() {
    let mut state = sample_state(120, 40);
    update(&mut state, Intent::PickStatus);
    update(&mut state, Intent::SetStatus(crate::model::Status::Done));
    assert!(state.has_unsaved());
    let effects = update(&mut state, Intent::Sync);
    assert!(
        matches!(effects.as_slice(), [Effect::Save { file: 0 }]),
        "{effects:?}"
    );
    assert!(!state.team.syncing && state.team.waiting_for_saves);
    let covered = state.files[0].unsaved.len();
    let effects = update(
        &mut state,
        Event::Saved {
            file: 0,
            fingerprint: Fingerprint::of_bytes(b"x", None),
            covered,
            notice: None,
        },
    );
    assert!(
        matches!(effects.as_slice(), [Effect::Sync { .. }]),
        "{effects:?}"
    );
    assert!(state.team.syncing);
}

#[test]
fn j_moves_an_item_in_a_list_sorted_by_file_name_since_each_file_shows_in_file_order() {
    let mut state = sample_state(120, 40);
    while state.list.sort != SortKey::Report {
        press(&mut state, &[Intent::SortNext]);
    }
    press(&mut state, &[Intent::Top, Intent::MoveItemDown]);
    let order: Vec<&str> = state.files[0]
        .doc
        .items()
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(order[..3], ["11", "10", "12"]);
    assert_eq!(selected_id(&state), "10", "the selection follows the item");
    assert_eq!(
        state.message.as_ref().map(|m| m.text.as_str()),
        Some("moved item 10 below item 11")
    );
}

#[test]
fn half_pages_move_half_as_far_as_pages() {
    let mut state = sample_state(120, 12);
    let page = state.panes().list_rows().max(1);
    press(&mut state, &[Intent::HalfPageDown]);
    let half = state.list.selected;
    assert_eq!(half, (page / 2).max(1));
    press(&mut state, &[Intent::HalfPageUp]);
    assert_eq!(state.list.selected, 0);
}

#[test]
fn copy_gives_the_focused_thing_as_text_unless_turned_off() {
    let mut state = sample_state(120, 40);
    press(
        &mut state,
        &[Intent::Down, Intent::Down, Intent::Down, Intent::Down],
    );
    let effects = update(&mut state, Intent::Copy);
    let [Effect::Copy { text }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(
        text.starts_with("14 网上国际服务平台和外语标识\nstatus: on track\n"),
        "{text}"
    );
    press(&mut state, &[Intent::FocusNext, Intent::FocusNext]);
    let effects = update(&mut state, Intent::Copy);
    let [Effect::Copy { text }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(text, "北京艺术中心外语标识: 531条");
    state.settings.copy_off = true;
    assert!(update(&mut state, Intent::Copy).is_empty());
    assert!(
        state
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("osc52 = false")
    );
}

#[test]
fn an_outside_edit_of_the_goal_is_an_ordinary_edit() {
    let mut state = sample_state(120, 40);
    let effects = update(&mut state, Intent::EditOutside);
    let [Effect::EditOutside { target, text }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        Some(text.as_str()),
        state.selected_item().unwrap().goal.as_deref()
    );
    let outcome = Ok("新目标\n".to_string());
    let effects = update(
        &mut state,
        Event::Edited {
            target: target.clone(),
            outcome,
        },
    );
    assert!(
        matches!(effects.as_slice(), [Effect::Save { file: 0 }]),
        "{effects:?}"
    );
    assert_eq!(
        state.selected_item().unwrap().goal.as_deref(),
        Some("新目标")
    );
    update(&mut state, Intent::Undo);
    assert_eq!(
        state.selected_item().unwrap().goal.as_deref(),
        Some(text.as_str())
    );
    let failed = Err("vi exited with 1".to_string());
    assert!(
        update(
            &mut state,
            Event::Edited {
                target: target.clone(),
                outcome: failed
            }
        )
        .is_empty()
    );
}

#[test]
fn a_copied_item_reads_in_the_interface_language() {
    let mut state = sample_state(120, 40);
    state.settings.lang = crate::lang::Lang::Zh;
    let effects = update(&mut state, Intent::Copy);
    let [Effect::Copy { text }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(
        text.starts_with("10 主场外交和重大国事活动服务保障\n状态：正常推进\n牵头人：市外办\n"),
        "{text}"
    );
    assert!(text.ends_with("\n接待党宾国宾团组：126个\n"), "{text}");
}

#[test]
fn a_failed_save_says_why_in_the_session_language() {
    use crate::lang::Lang;
    use crate::store::SaveError;
    let failed = |lang: Lang, errno: i32| {
        let mut state = sample_state(120, 40);
        state.settings.lang = lang;
        let error = SaveError::Io {
            path: "sample.json".into(),
            message: crate::store::io_phrase(&std::io::Error::from_raw_os_error(errno)),
        };
        update(
            &mut state,
            Event::SaveFailed {
                file: 0,
                error: error.phrase(),
            },
        );
        let said = state.message.map(|m| m.text).unwrap_or_default();
        (said, state.files[0].save_error.clone().unwrap_or_default())
    };
    let (english, kept) = failed(Lang::En, 28);
    assert!(
        english.starts_with("not saved: sample.json: could not save: No space left on device"),
        "{english}"
    );
    assert_eq!(kept, "sample.json: could not save: No space left on device");
    for (errno, words) in [
        (13, "没有权限"),
        (28, "磁盘已满"),
        (30, "文件系统只读"),
        (27, "文件过大"),
    ] {
        let (chinese, _) = failed(Lang::Zh, errno);
        assert!(
            chinese.starts_with("未保存：sample.json: 无法保存："),
            "{chinese}"
        );
        assert!(chinese.contains(words), "{errno}: {chinese}");
        assert!(!chinese.contains("could not save"), "{chinese}");
    }
}

#[test]
fn a_copy_writes_its_dates_as_the_interface_does() {
    let mut state = sample_state(120, 40);
    state.settings.dates = crate::model::DateStyle::new(Some("%Y年%-m月%-d日".into()));
    press(
        &mut state,
        &[Intent::Down, Intent::Down, Intent::Down, Intent::Down],
    );
    let copied = |state: &mut State| match update(state, Intent::Copy).as_slice() {
        [Effect::Copy { text }] => text.clone(),
        effects => panic!("{effects:?}"),
    };
    let item = copied(&mut state);
    assert!(item.contains("2023年"), "{item}");
    assert!(!item.contains("2023-"), "{item}");
    press(&mut state, &[Intent::FocusNext]);
    let note = copied(&mut state);
    assert!(note.starts_with("2023年"), "{note}");
    assert!(
        item.contains(&note),
        "the note copied is the item's: {note}"
    );
}
