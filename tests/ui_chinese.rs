//! The interface in Chinese and English, rendered into ratatui's TestBackend: every screen's words
//! in the state's language, CJK widths right (nothing cut mid-character), footer hints that fit,
//! and each test fixing its own language whatever the machine's locale.

#![allow(clippy::unwrap_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use tally::app::{Intent, Mode, State, update};
use tally::lang::Lang;
use tally::store::{Fingerprint, Loaded, SAMPLE_JSON, parse_document};
use tally::ui::{self, Theme};

fn state_in(lang: Lang, width: u16, height: u16) -> State {
    let doc = parse_document(SAMPLE_JSON.into()).expect("sample parses");
    let loaded = Loaded {
        path: "beijing-fao-2023-q3.json".into(),
        doc,
        fingerprint: Fingerprint::of_bytes(b"", None),
    };
    let mut state = State::new(vec![loaded], Rect::new(0, 0, width, height));
    state.settings.lang = lang;
    state.today = Some("2023-11-20".parse().unwrap());
    state
}

fn draw(state: &State) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(state.size.width, state.size.height)).expect("backend");
    terminal
        .draw(|frame| ui::render(frame, state, Theme::plain()))
        .expect("draw");
    terminal
}

fn text(state: &State) -> String {
    draw(state).backend().to_string()
}

fn select(state: &mut State, id: &str) {
    update(state, Intent::Top);
    while state.selected_item().map(|i| i.id.as_str()) != Some(id) {
        update(state, Intent::Down);
    }
}

/// No wide character sits in the last column or has its second half drawn over.
fn assert_no_split_characters(state: &State) {
    let terminal = draw(state);
    let buffer = terminal.backend().buffer();
    let (width, height) = (state.size.width, state.size.height);
    for y in 0..height {
        for x in 0..width {
            if unicode_width::UnicodeWidthStr::width(buffer[(x, y)].symbol()) == 2 {
                assert!(
                    x + 1 < width,
                    "{width}x{height}: wide char at the right edge"
                );
                let next = buffer[(x + 1, y)].symbol();
                assert!(
                    next.is_empty() || next == " ",
                    "{width}x{height}: ({x},{y}) overlapped by {next:?}"
                );
            }
        }
    }
}

/// The footer (last row) as text, trailing blanks dropped.
fn footer(state: &State) -> String {
    let terminal = draw(state);
    let buffer = terminal.backend().buffer();
    let y = state.size.height - 1;
    let mut line = String::new();
    let mut x = 0;
    while x < state.size.width {
        let symbol = buffer[(x, y)].symbol();
        line.push_str(symbol);
        // A wide character's second cell is a blank placeholder, not a space on screen.
        x += u16::try_from(unicode_width::UnicodeWidthStr::width(symbol).max(1)).unwrap();
    }
    line.trim_end().to_string()
}

#[test]
fn the_main_screen_in_chinese_at_80_by_24() {
    let mut state = state_in(Lang::Zh, 80, 24);
    select(&mut state, "13");
    let screen = text(&state);
    insta::assert_snapshot!("zh_main_80x24_item_13", screen);
    for word in [
        "事项 4/8",
        "进展 3",
        "指标 2",
        "正常推进 7",
        "有风险 1",
        "8 项",
    ] {
        assert!(screen.contains(word), "{word} missing:\n{screen}");
    }
    for word in ["Items", "Timeline", "Metrics", "on track", "help", "quit"] {
        assert!(!screen.contains(word), "{word} left in English:\n{screen}");
    }
    assert_no_split_characters(&state);
}

#[test]
fn the_main_screen_in_chinese_at_120_by_40() {
    let mut state = state_in(Lang::Zh, 120, 40);
    select(&mut state, "14");
    let screen = text(&state);
    insta::assert_snapshot!("zh_main_120x40_item_14", screen);
    assert!(screen.contains("事项 5/8") && screen.contains("进展") && screen.contains("指标"));
    assert_no_split_characters(&state);
}

#[test]
fn the_same_screen_in_english_keeps_its_english_words() {
    let mut state = state_in(Lang::En, 80, 24);
    select(&mut state, "13");
    let screen = text(&state);
    for word in [
        "Items 4/8",
        "Timeline 3",
        "Metrics 2",
        "on track 7",
        "8 items",
    ] {
        assert!(screen.contains(word), "{word} missing:\n{screen}");
    }
    assert!(
        !screen.contains("事项 4/8") && !screen.contains("正常推进"),
        "{screen}"
    );
}

#[test]
fn footer_hints_fit_and_keep_help_and_quit_in_both_languages() {
    for lang in Lang::ALL {
        for (width, height) in [(80, 24), (120, 40), (60, 20), (40, 12)] {
            let state = state_in(lang, width, height);
            let line = footer(&state);
            let cells = unicode_width::UnicodeWidthStr::width(line.as_str());
            assert!(cells <= usize::from(width), "{lang:?} {width}: {line}");
            let (help, quit) = match lang {
                Lang::En => ("? help", "q quit"),
                Lang::Zh => ("? 帮助", "q 退出"),
            };
            if width >= 60 {
                assert!(
                    line.contains(help) && line.contains(quit),
                    "{lang:?} {width}: {line}"
                );
            }
            assert_no_split_characters(&state);
        }
    }
}

#[test]
fn zoom_help_and_the_status_picker_in_chinese() {
    let mut state = state_in(Lang::Zh, 80, 24);
    select(&mut state, "14");
    update(&mut state, Intent::Zoom);
    let zoom = text(&state);
    insta::assert_snapshot!("zh_zoom_80x24_item_14", zoom);
    assert!(zoom.contains("牵头人") && zoom.contains("进展") && zoom.contains("正常推进"));
    update(&mut state, Intent::Help);
    let help = text(&state);
    insta::assert_snapshot!("zh_help_over_zoom_80x24", help);
    assert!(
        help.contains("按键") && help.contains("主界面任意位置") && help.contains("撤销上一次修改")
    );
    assert_no_split_characters(&state);
    update(&mut state, Intent::Back);
    update(&mut state, Intent::PickStatus);
    let picker = text(&state);
    for word in [
        "状态",
        "未开始",
        "正常推进",
        "有风险",
        "受阻",
        "已完成",
        "已取消",
        "当前",
        "Esc 取消",
    ] {
        assert!(picker.contains(word), "{word} missing:\n{picker}");
    }
    for letter in [" T ", " O ", " R ", " B ", " D ", " X "] {
        assert!(picker.contains(letter), "badge {letter} missing:\n{picker}");
    }
}

#[test]
fn the_edit_form_and_a_question_in_chinese() {
    let mut state = state_in(Lang::Zh, 120, 40);
    select(&mut state, "14");
    update(&mut state, Intent::Edit);
    assert_eq!(state.mode(), Mode::Form);
    let form = text(&state);
    insta::assert_snapshot!("zh_edit_form_120x40_item_14", form);
    for word in [
        "编辑事项 14",
        "标题",
        "目标",
        "牵头人",
        "状态",
        "截止",
        "标签",
        "保存",
        "取消",
    ] {
        assert!(form.contains(word), "{word} missing:\n{form}");
    }
    assert_no_split_characters(&state);
    update(&mut state, Intent::Back);
    update(&mut state, Intent::Delete);
    assert_eq!(state.mode(), Mode::Confirm);
    let question = text(&state);
    assert!(
        question.contains("确认") && question.contains("y 是") && question.contains("否"),
        "{question}"
    );
}

#[test]
fn since_dashboard_and_triage_in_chinese() {
    let mut state = state_in(Lang::Zh, 80, 24);
    update(&mut state, Intent::ViewNext);
    let since = text(&state);
    assert!(
        since.contains("自 2023-01-01 以来") && since.contains("最新在前"),
        "{since}"
    );
    update(&mut state, Intent::ViewNext);
    let dashboard = text(&state);
    insta::assert_snapshot!("zh_dashboard_80x24", dashboard);
    assert!(
        dashboard.contains("总览") && dashboard.contains("各状态事项（共 8 项）"),
        "{dashboard}"
    );
    assert_no_split_characters(&state);
    update(&mut state, Intent::Back);
    update(&mut state, Intent::StartTriage);
    let triage = text(&state);
    assert!(
        triage.contains("过会 1/8") && triage.contains("最新进展"),
        "{triage}"
    );
    assert_no_split_characters(&state);
}

#[test]
fn two_languages_render_side_by_side_without_a_global_locale() {
    let threads: Vec<_> = [Lang::En, Lang::Zh, Lang::En, Lang::Zh]
        .into_iter()
        .map(|lang| {
            std::thread::spawn(move || {
                let state = state_in(lang, 80, 24);
                let want = if lang == Lang::Zh {
                    "事项 1/8"
                } else {
                    "Items 1/8"
                };
                for _ in 0..20 {
                    let screen = text(&state);
                    assert!(screen.contains(want), "{lang:?}:\n{screen}");
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
}

#[test]
fn a_new_state_speaks_english_whatever_the_locale() {
    // State::new never reads LANG: tests and scripts get English unless a language is chosen.
    let state = state_in(Lang::En, 80, 24);
    assert_eq!(State::default().settings.lang, Lang::En);
    assert!(text(&state).contains("Items 1/8"));
}

fn message(state: &State) -> String {
    state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn messages_questions_and_form_refusals_follow_the_language() {
    let mut state = state_in(Lang::Zh, 80, 24);
    update(&mut state, Intent::Undo);
    assert_eq!(message(&state), "没有可撤销的修改");
    select(&mut state, "14");
    update(&mut state, Intent::Delete);
    let question = text(&state);
    assert!(question.contains("删除事项 14"), "{question}");
    update(&mut state, Intent::Back);
    update(&mut state, Intent::PickStatus);
    update(&mut state, Intent::SetStatus(tally::model::Status::Blocked));
    assert_eq!(
        state.selected_item().unwrap().status,
        tally::model::Status::Blocked
    );
    update(&mut state, Intent::Undo);
    assert_eq!(message(&state), "已撤销：事项 14：状态改为受阻");
    update(&mut state, Intent::SortNext);
    assert_eq!(message(&state), "排序：编号 · 分组：不分组");

    let mut english = state_in(Lang::En, 80, 24);
    update(&mut english, Intent::Undo);
    assert_eq!(message(&english), "nothing to undo");
    select(&mut english, "14");
    update(&mut english, Intent::PickStatus);
    update(
        &mut english,
        Intent::SetStatus(tally::model::Status::Blocked),
    );
    update(&mut english, Intent::Undo);
    assert_eq!(message(&english), "undid status blocked on item 14");
}

#[test]
fn a_refused_form_says_why_in_chinese() {
    let mut state = state_in(Lang::Zh, 80, 24);
    select(&mut state, "14");
    update(&mut state, Intent::AddNote);
    assert_eq!(state.mode(), Mode::Form);
    update(&mut state, Intent::Submit);
    let form = state.form().unwrap();
    assert_eq!(form.error.as_deref(), Some("内容：进展为空"));
    let screen = text(&state);
    assert!(
        screen.contains("为事项 14 添加进展") && screen.contains("内容：进展为空"),
        "{screen}"
    );
}
