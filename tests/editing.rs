//! Editing from the keyboard, end to end below the terminal: real key events go through the keymap
//! and the update function, saves go to real files in a temporary folder.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use tally::app::{Mode, Msg, State, update};
use tally::keymap::intent_for;
use tally::model::{Date, Status};
use tally::runtime::{Runtime, run_effects};
use tally::store;

struct Session {
    state: State,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Session {
    fn open() -> Session {
        let dir = tempfile::tempdir().unwrap();
        let path = common::sample_copy(dir.path());
        let loaded = store::load(&path).unwrap();
        let mut state = State::new(vec![loaded], Rect::new(0, 0, 120, 40));
        state.today = Some("2023-11-20".parse().unwrap());
        Session {
            state,
            path,
            _dir: dir,
        }
    }

    fn act(&mut self, action: impl Into<Msg>) {
        let effects = update(&mut self.state, action);
        run_effects(&mut self.state, effects);
    }

    /// Presses keys written like `j`, `<Enter>`, `<Esc>`, `<Tab>`, `<C-r>`, `<M-Enter>`, `<Down>`.
    fn keys(&mut self, keys: &str) {
        for key in parse_keys(keys) {
            if let Some(action) = intent_for(self.state.mode(), self.state.focus, key) {
                self.act(action);
            }
        }
    }

    /// Types text as key presses (so it also works in forms).
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            let action = intent_for(self.state.mode(), self.state.focus, key).unwrap();
            self.act(action);
        }
    }

    fn select(&mut self, id: &str) {
        self.keys("g");
        while self.state.selected_item().unwrap().id != id {
            self.keys("j");
        }
    }

    fn disk(&self) -> String {
        fs::read_to_string(&self.path).unwrap()
    }

    fn on_disk(&self) -> tally::model::Document {
        store::load(&self.path).unwrap().doc
    }
}

fn parse_keys(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            out.push(named_key(&rest[1..end]));
            rest = &rest[end + 1..];
            continue;
        }
        out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn named_key(name: &str) -> KeyEvent {
    let (mods, name) = match name.split_once('-') {
        Some(("C", key)) => (KeyModifiers::CONTROL, key),
        Some(("M", key)) => (KeyModifiers::ALT, key),
        _ => (KeyModifiers::NONE, name),
    };
    let code = match name {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "BS" => KeyCode::Backspace,
        other => KeyCode::Char(other.chars().next().unwrap()),
    };
    KeyEvent::new(code, mods)
}

/// Lines that differ between two texts with the same number of lines.
fn changed_lines(before: &str, after: &str) -> Vec<usize> {
    before
        .lines()
        .zip(after.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| i + 1)
        .collect()
}

fn item_span(text: &str, id: &str) -> (usize, usize) {
    let doc = store::parse_document(text.into()).unwrap();
    let index = doc.position(id).unwrap();
    let span = doc.layout.as_ref().unwrap().item_spans[index].clone();
    let line = |offset: usize| text[..offset].matches('\n').count() + 1;
    (line(span.start), line(span.end))
}

#[test]
fn the_status_picker_saves_at_once_and_only_the_item_changes() {
    let mut s = Session::open();
    let before = s.disk();
    s.select("14");
    s.keys("sr");
    assert_eq!(s.state.mode(), Mode::Browse);
    let after = s.disk();
    let (first, last) = item_span(&before, "14");
    let lines = changed_lines(&before, &after);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0] >= first && lines[0] <= last);
    assert_eq!(s.on_disk().items()[4].status, Status::AtRisk);
    assert!(s.state.message.as_ref().unwrap().text.starts_with("saved"));
}

#[test]
fn a_chinese_note_is_added_with_todays_date() {
    let mut s = Session::open();
    s.select("14");
    s.keys("n");
    assert_eq!(s.state.mode(), Mode::Form);
    s.type_text("完成北京城市图书馆外语标识安装");
    s.keys("<M-Enter>");
    s.type_text("二期待验收");
    s.keys("<Enter>");
    assert_eq!(s.state.mode(), Mode::Browse);
    let doc = s.on_disk();
    let note = doc.items()[4].progress.last().unwrap();
    assert_eq!(note.text, "完成北京城市图书馆外语标识安装\n二期待验收");
    assert_eq!(note.date, "2023-11-20".parse::<Date>().unwrap());
    assert!(
        s.disk().contains("完成北京城市图书馆外语标识安装"),
        "Chinese is written unescaped"
    );
}

#[test]
fn a_note_added_from_the_keyboard_is_signed_with_the_sessions_author() {
    let mut s = Session::open();
    s.state.files[0].author = Some("王芳".to_string());
    s.select("14");
    s.keys("n");
    s.type_text("已联系");
    s.keys("<Enter>");
    let doc = s.on_disk();
    let note = doc.items()[4].progress.last().unwrap();
    assert_eq!(note.text, "已联系");
    assert_eq!(note.by.as_deref(), Some("王芳"));
}

#[test]
fn a_form_refuses_bad_values_and_keeps_them_for_correction() {
    let mut s = Session::open();
    s.keys("n");
    s.type_text("note");
    s.keys("<Tab><C-u>");
    s.type_text("2023-02-30");
    s.keys("<Enter>");
    assert_eq!(s.state.mode(), Mode::Form, "the form stays open");
    let error = s.state.form().unwrap().error.clone().unwrap();
    assert!(error.contains("invalid date `2023-02-30`"), "{error}");
    assert_eq!(s.disk(), tally::store::SAMPLE_JSON, "nothing was written");
    s.keys("<C-u>");
    s.type_text("2023-02-28");
    s.keys("<Enter>");
    assert_eq!(s.on_disk().items()[0].progress.last().unwrap().text, "note");
}

#[test]
fn editing_a_metric_value_appends_it_to_the_history() {
    let mut s = Session::open();
    s.select("14");
    s.keys("m");
    let form = s.state.form().unwrap();
    assert_eq!(form.value("name"), "北京艺术中心外语标识");
    s.keys("<C-u>");
    s.type_text("554");
    s.keys("<Tab><C-u>");
    s.type_text("600");
    s.keys("<Enter>");
    let doc = s.on_disk();
    let metric = &doc.items()[4].metrics[0];
    assert_eq!(metric.value.to_string(), "554");
    assert_eq!(metric.target.as_ref().unwrap().to_string(), "600");
    let history: Vec<(String, String)> = metric
        .history
        .iter()
        .map(|p| (p.date.to_string(), p.value.to_string()))
        .collect();
    assert_eq!(
        history,
        [
            ("2023-10-07".to_string(), "531".to_string()),
            ("2023-11-20".into(), "554".into())
        ]
    );
    assert!(
        s.disk().contains("\"value\": 554,"),
        "integers stay integers"
    );
}

#[test]
fn undo_to_the_start_gives_back_the_original_bytes() {
    let mut s = Session::open();
    s.select("14");
    s.keys("sb");
    s.keys("n");
    s.type_text("第一条");
    s.keys("<Enter>");
    s.select("10");
    s.keys("dy");
    s.keys("J");
    s.keys("a");
    s.type_text("新的任务");
    s.keys("<Enter>");
    assert_eq!(s.on_disk().items().len(), 8, "one deleted, one added");
    assert_ne!(s.disk(), tally::store::SAMPLE_JSON);
    for _ in 0..5 {
        s.keys("u");
    }
    assert_eq!(s.disk(), tally::store::SAMPLE_JSON, "every undo was saved");
    s.keys("u");
    assert_eq!(s.state.message.as_ref().unwrap().text, "nothing to undo");
    s.keys("<C-r><C-r>");
    let doc = s.on_disk();
    assert_eq!(doc.items()[4].status, Status::Blocked);
    assert_eq!(doc.items()[4].progress.last().unwrap().text, "第一条");
}

#[test]
fn add_proposes_the_next_free_id_and_delete_asks_first() {
    let mut s = Session::open();
    s.keys("a");
    assert_eq!(s.state.form().unwrap().value("id"), "127");
    s.keys("<Enter>");
    assert_eq!(
        s.state.form().unwrap().error.as_deref(),
        Some("title: a title is needed")
    );
    s.type_text("筹办第17届长城友谊奖");
    s.keys("<Tab><Tab><Tab>x");
    s.keys("<Enter>");
    let doc = s.on_disk();
    let added = doc.items().last().unwrap();
    assert_eq!((added.id.as_str(), added.status), ("127", Status::Dropped));
    assert_eq!(
        s.state.selected_item().unwrap().id,
        "127",
        "the new item is selected"
    );
    s.keys("d");
    assert_eq!(s.state.mode(), Mode::Confirm);
    s.keys("n");
    assert_eq!(s.on_disk().items().len(), 9, "no deletes nothing");
    s.keys("dy");
    assert_eq!(s.on_disk().items().len(), 8);
}

#[test]
fn j_and_k_in_capitals_reorder_items_in_the_file() {
    let mut s = Session::open();
    s.keys("JJ");
    let ids: Vec<String> = s.on_disk().items().iter().map(|i| i.id.clone()).collect();
    assert_eq!(&ids[..3], ["11", "12", "10"]);
    assert_eq!(
        s.state.selected_item().unwrap().id,
        "10",
        "the selection follows the item"
    );
    s.keys("K");
    assert_eq!(s.on_disk().items()[1].id, "10");
}

#[test]
fn notes_and_metrics_are_edited_and_deleted_from_their_panes() {
    let mut s = Session::open();
    s.select("14");
    s.keys("<Tab>");
    s.keys("<Enter>");
    let form = s.state.form().unwrap();
    assert!(
        form.value("text").starts_with("三是"),
        "the first note in date order"
    );
    s.keys("<Esc>dy");
    let doc = s.on_disk();
    assert_eq!(doc.items()[4].progress.len(), 3);
    assert!(
        doc.items()[4]
            .progress
            .iter()
            .all(|n| !n.text.starts_with("三是"))
    );
    s.keys("<Tab>jj");
    assert_eq!(s.state.details.metric_cursor, 2);
    s.keys("dy");
    let names: Vec<String> = s.on_disk().items()[4]
        .metrics
        .iter()
        .map(|m| m.name.clone())
        .collect();
    assert!(
        !names.contains(&"北京大运河博物馆外语标识".to_string()),
        "{names:?}"
    );
    s.keys("a");
    s.type_text("新增外语标识");
    s.keys("<Tab>");
    s.type_text("12");
    s.keys("<Tab><Tab>");
    s.type_text("条");
    s.keys("<Enter>");
    let metric = s.on_disk().items()[4].metrics.last().unwrap().clone();
    assert_eq!(
        (
            metric.name.as_str(),
            metric.value.to_string(),
            metric.unit.as_deref()
        ),
        ("新增外语标识", "12".into(), Some("条"))
    );
}

#[test]
fn an_outside_change_to_another_item_is_merged_with_an_edit() {
    let mut s = Session::open();
    // Someone else changes item 10 on disk.
    let mut doc = s.on_disk();
    let theirs = doc.position("10").unwrap();
    doc.item_mut(theirs).unwrap().status = Status::Done;
    fs::write(&s.path, store::write_document(&doc)).unwrap();
    // This session edits item 14 without having seen that.
    s.select("14");
    s.keys("sb");
    let on_disk = s.on_disk();
    assert_eq!(
        on_disk.items()[0].status,
        Status::Done,
        "their change is kept"
    );
    assert_eq!(
        on_disk.items()[4].status,
        Status::Blocked,
        "my change is re-applied"
    );
    assert!(s.state.files[0].unsaved.is_empty());
    assert_eq!(
        s.state.document(0).unwrap().items()[0].status,
        Status::Done,
        "the view shows theirs"
    );
}

#[test]
fn a_conflict_is_shown_and_nothing_is_overwritten_until_chosen() {
    for keep_mine in [true, false] {
        let mut s = Session::open();
        let mut doc = s.on_disk();
        let theirs = doc.item_mut(4).unwrap();
        theirs.title = "他们的标题".into();
        theirs.status = Status::Blocked;
        fs::write(&s.path, store::write_document(&doc)).unwrap();
        let theirs_text = s.disk();
        s.select("14");
        s.keys("sd");
        assert_eq!(s.state.mode(), Mode::Conflict);
        let conflict = &s.state.conflicts[0];
        assert_eq!(conflict.theirs.as_ref().unwrap().title, "他们的标题");
        assert_eq!(conflict.mine.as_ref().unwrap().status, Status::Done);
        let fields: Vec<&str> = conflict.clashes.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["status"], "only the field both changed");
        assert_eq!(s.disk(), theirs_text, "nothing written while undecided");
        s.keys(if keep_mine { "m" } else { "t" });
        assert_eq!(s.state.mode(), Mode::Browse);
        let item = s.on_disk().items()[4].clone();
        let status = if keep_mine {
            Status::Done
        } else {
            Status::Blocked
        };
        assert_eq!(
            (item.title.as_str(), item.status),
            ("他们的标题", status),
            "their title is kept either way"
        );
        if !keep_mine {
            assert_eq!(s.disk(), theirs_text);
        }
    }
}

#[test]
fn outside_changes_appear_without_an_edit() {
    let mut s = Session::open();
    let mut doc = s.on_disk();
    doc.item_mut(0).unwrap().title = "外部修改".into();
    fs::write(&s.path, store::write_document(&doc)).unwrap();
    Runtime::default().check_files(&mut s.state);
    assert_eq!(s.state.selected_item().unwrap().title, "外部修改");
    assert!(
        s.state
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("changed on disk; reloaded")
    );
}

#[test]
fn a_broken_outside_change_is_reported_and_never_overwritten() {
    let mut s = Session::open();
    fs::write(&s.path, "{\"title\": ").unwrap();
    let mut watcher = Runtime::default();
    watcher.check_files(&mut s.state);
    assert!(
        s.state
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("cannot be read")
    );
    s.keys("sd");
    assert_eq!(
        s.disk(),
        "{\"title\": ",
        "a file that does not parse is never written"
    );
    assert!(s.state.files[0].save_error.is_some());
    assert_eq!(
        s.state.files[0].unsaved.len(),
        1,
        "the edit is kept in memory"
    );
}

#[cfg(unix)]
#[test]
fn a_failed_save_keeps_the_edit_and_ctrl_s_retries() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        eprintln!(
            "SKIPPED: permissions do not bind root; the tmpfs/ulimit tests cover failed saves"
        );
        return;
    }
    let mut s = Session::open();
    let dir = s.path.parent().unwrap().to_path_buf();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    s.keys("sd");
    assert!(s.state.files[0].save_error.is_some());
    assert_eq!(s.disk(), tally::store::SAMPLE_JSON);
    s.keys("q");
    assert_eq!(
        s.state.mode(),
        Mode::Confirm,
        "quitting with unsaved edits asks first"
    );
    s.keys("n");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    s.keys("<C-s>");
    assert!(s.state.files[0].save_error.is_none());
    assert_eq!(s.on_disk().items()[0].status, Status::Done);
}

#[test]
fn a_failed_save_into_a_missing_folder_keeps_the_edit() {
    let mut s = Session::open();
    let dir = s.path.parent().unwrap().to_path_buf();
    let moved = dir.with_extension("moved");
    fs::rename(&dir, &moved).unwrap();
    s.keys("sd");
    assert!(
        s.state.files[0].save_error.is_some(),
        "{:?}",
        s.state.message
    );
    assert_eq!(s.state.files[0].unsaved.len(), 1);
    assert_eq!(
        s.state.selected_item().unwrap().status,
        Status::Done,
        "the edit stays on screen"
    );
    s.keys("q");
    assert_eq!(s.state.mode(), Mode::Confirm);
    s.keys("y");
    assert!(s.state.quit);
    fs::rename(&moved, &dir).unwrap();
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn editing_a_metric_from_the_list_leaves_the_list_focused() {
    let mut s = Session::open();
    s.select("14");
    s.keys("m");
    assert_eq!(s.state.mode(), Mode::Form);
    s.keys("<Esc>");
    assert_eq!(s.state.focus, tally::app::Pane::Items);
    s.keys("a");
    let form = s.state.form().unwrap();
    assert!(
        matches!(form.kind, tally::app::FormKind::AddItem { .. }),
        "a adds an item, as the list's footer says: {}",
        form.title
    );
}

#[test]
fn a_note_added_to_an_item_someone_else_changed_joins_their_version() {
    let mut s = Session::open();
    let mut doc = s.on_disk();
    let theirs = doc.position("14").unwrap();
    let item = doc.item_mut(theirs).unwrap();
    item.title = "他们改的标题".into();
    let mut their_note = item.progress[0].clone();
    their_note.text = "他们的备注".into();
    item.progress.push(their_note);
    fs::write(&s.path, store::write_document(&doc)).unwrap();
    s.select("14");
    s.keys("n");
    s.type_text("我的备注");
    s.keys("<Enter>");
    assert_eq!(s.state.mode(), Mode::Browse, "no conflict to choose");
    let on_disk = s.on_disk();
    let item = &on_disk.items()[on_disk.position("14").unwrap()];
    assert_eq!(item.title, "他们改的标题", "their change is kept");
    let texts: Vec<&str> = item.progress.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(&texts[texts.len() - 2..], ["他们的备注", "我的备注"]);
    assert!(s.state.files[0].unsaved.is_empty());
}

#[test]
fn a_status_change_to_an_item_someone_else_changed_merges_field_by_field() {
    let mut s = Session::open();
    let mut doc = s.on_disk();
    let theirs = doc.position("14").unwrap();
    doc.item_mut(theirs).unwrap().progress.pop();
    let notes = doc.items()[theirs].progress.len();
    fs::write(&s.path, store::write_document(&doc)).unwrap();
    s.select("14");
    s.keys("sb");
    assert_eq!(s.state.mode(), Mode::Browse, "nothing to choose");
    let on_disk = s.on_disk();
    let item = &on_disk.items()[theirs];
    assert_eq!((item.status, item.progress.len()), (Status::Blocked, notes));
}

#[test]
fn undoing_a_note_that_joined_another_version_is_refused_with_a_message() {
    let mut s = Session::open();
    let mut doc = s.on_disk();
    let theirs = doc.position("14").unwrap();
    doc.item_mut(theirs).unwrap().title = "他们改的标题".into();
    fs::write(&s.path, store::write_document(&doc)).unwrap();
    s.select("14");
    s.keys("n");
    s.type_text("我的备注");
    s.keys("<Enter>");
    let before_undo = s.disk();
    s.keys("u");
    let message = s.state.message.as_ref().unwrap().text.clone();
    assert!(message.contains("cannot undo"), "{message}");
    assert_eq!(s.disk(), before_undo, "nothing is guessed");
}

/// Someone else's version of the file, changed by `edit` and written over it.
fn change_on_disk(s: &Session, edit: impl FnOnce(&mut tally::model::Document)) {
    let mut doc = s.on_disk();
    edit(&mut doc);
    fs::write(&s.path, store::write_document(&doc)).unwrap();
}

#[test]
fn an_open_form_takes_untouched_fields_from_disk_and_names_a_field_both_changed() {
    let mut s = Session::open();
    s.select("12");
    s.keys("e<Tab><Tab>");
    s.type_text("甲");
    change_on_disk(&s, |doc| {
        let at = doc.position("12").unwrap();
        let item = doc.item_mut(at).unwrap();
        item.title = "新标题".into();
        item.lead = Some("外事处".into());
    });
    Runtime::default().check_files(&mut s.state);
    assert_eq!(s.state.mode(), Mode::Form, "the form stays open");
    let form = s.state.form().unwrap();
    assert_eq!(
        form.value("title"),
        "新标题",
        "an untouched field takes theirs"
    );
    assert_eq!(form.value("lead"), "市外办甲", "a typed field keeps mine");
    let notice = form.notice.clone().unwrap();
    assert!(
        notice.contains("外事处") && notice.contains("市外办甲"),
        "{notice}"
    );
    s.keys("<Enter>");
    let on_disk = s.on_disk();
    let item = &on_disk.items()[on_disk.position("12").unwrap()];
    assert_eq!(item.title, "新标题");
    assert_eq!(item.lead.as_deref(), Some("市外办甲"));
}

#[test]
fn a_metric_deletion_deletes_the_metric_it_named() {
    let mut s = Session::open();
    s.select("14");
    s.keys("<Tab><Tab>j");
    assert_eq!(s.state.focus, tally::app::Pane::Metrics);
    s.keys("d");
    assert_eq!(s.state.mode(), Mode::Confirm);
    change_on_disk(&s, |doc| {
        let at = doc.position("14").unwrap();
        doc.item_mut(at).unwrap().metrics.remove(0);
    });
    Runtime::default().check_files(&mut s.state);
    s.keys("y");
    let on_disk = s.on_disk();
    let names: Vec<String> = on_disk.items()[on_disk.position("14").unwrap()]
        .metrics
        .iter()
        .map(|m| m.name.clone())
        .collect();
    assert_eq!(
        names,
        ["北京大运河博物馆外语标识", "北京艺术中心增补外语标识"]
    );
}

#[test]
fn a_question_whose_metric_is_gone_closes_and_says_so() {
    let mut s = Session::open();
    s.select("14");
    s.keys("<Tab><Tab>d");
    change_on_disk(&s, |doc| {
        let at = doc.position("14").unwrap();
        doc.item_mut(at).unwrap().metrics.remove(0);
    });
    let before = s.on_disk();
    Runtime::default().check_files(&mut s.state);
    assert_eq!(s.state.mode(), Mode::Browse);
    let message = s.state.message.clone().unwrap().text;
    assert!(message.contains("nothing deleted"), "{message}");
    s.keys("y");
    assert_eq!(s.on_disk().items(), before.items());
}

#[test]
fn a_new_item_renumbered_because_its_id_was_taken_is_undone_under_its_new_id() {
    let mut s = Session::open();
    s.keys("a");
    s.type_text("我的新项");
    change_on_disk(&s, |doc| {
        doc.push(tally::model::Item::new("127", "他们的新项"))
            .unwrap();
    });
    s.keys("<Enter>");
    let on_disk = s.on_disk();
    let title = |doc: &tally::model::Document, id: &str| {
        doc.position(id).map(|at| doc.items()[at].title.clone())
    };
    assert_eq!(title(&on_disk, "127").as_deref(), Some("他们的新项"));
    assert_eq!(title(&on_disk, "128").as_deref(), Some("我的新项"));
    let message = s.state.message.clone().unwrap().text;
    assert!(message.contains("128"), "the footer says so: {message}");
    s.keys("u");
    let on_disk = s.on_disk();
    assert_eq!(title(&on_disk, "127").as_deref(), Some("他们的新项"));
    assert_eq!(
        title(&on_disk, "128"),
        None,
        "undo removed mine, not theirs"
    );
}

#[test]
fn a_note_edited_on_disk_while_its_form_is_open_is_a_conflict_not_gone() {
    let mut s = Session::open();
    s.select("10");
    s.keys("<Tab>je");
    assert_eq!(s.state.mode(), Mode::Form);
    s.type_text("（我改）");
    change_on_disk(&s, |doc| {
        let at = doc.position("10").unwrap();
        let note = &mut doc.item_mut(at).unwrap().progress[1];
        note.date = "2023-10-08".parse().unwrap();
        note.by = Some("丙".into());
    });
    Runtime::default().check_files(&mut s.state);
    assert_eq!(s.state.mode(), Mode::Form, "the form follows the note");
    assert_eq!(s.state.form().unwrap().value("by"), "丙");
    s.keys("<Enter>");
    let on_disk = s.on_disk();
    let notes = &on_disk.items()[on_disk.position("10").unwrap()].progress;
    assert_eq!(notes.len(), 3);
    assert!(notes[1].text.starts_with("二是") && notes[1].text.ends_with("（我改）"));
    assert_eq!(notes[1].date.to_string(), "2023-10-08", "their date kept");
    assert_eq!(notes[1].by.as_deref(), Some("丙"));
}
