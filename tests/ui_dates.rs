//! `date_format` from config.toml in the interface: every date the screens show follows it (the
//! header's period, the timeline, details, triage, the dashboard, the since view, a metric's
//! readings), while files and what the command line prints keep `YYYY-MM-DD`.

#![allow(clippy::unwrap_used)]

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use tally::app::{Event, Intent, State, update};
use tally::keymap::Keymap;
use tally::lang::Lang;
use tally::model::DateStyle;
use tally::store::SAMPLE_JSON;
use tally::ui::{self, Looks, Theme};

const FORMAT: &str = "%d.%m.%Y";

/// The sample with item 13 due, reviewed and its first metric read on a few dates.
fn dated_state(lang: Lang) -> State {
    let mut doc: serde_json::Value = serde_json::from_str(SAMPLE_JSON).unwrap();
    let items = doc["items"].as_array_mut().unwrap();
    let item = items.iter_mut().find(|i| i["id"] == "13").unwrap();
    item["due"] = "2023-06-30".into();
    item["reviewed"] = "2023-05-01".into();
    item["metrics"][0]["history"] = serde_json::json!([
        {"date": "2023-03-31", "value": 0},
        {"date": "2023-08-15", "value": 2}
    ]);
    item["metrics"][0]["value"] = 2.into();
    common::state_on_13("dated.json", &doc.to_string(), lang, (120, 40))
}

fn shown(state: &State, format: Option<&str>) -> String {
    let mut state = state.clone();
    state.settings.dates = DateStyle::new(format.map(str::to_string));
    let looks = Looks {
        theme: Theme::plain(),
        keys: Keymap::defaults().clone(),
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| ui::render_with(frame, &state, &looks))
        .unwrap();
    terminal.backend().to_string()
}

/// Each screen shows `dates` in the user's format and none of them as `YYYY-MM-DD`.
fn assert_formatted(state: &State, screen: &str, dates: &[&str]) {
    let with = shown(state, Some(FORMAT));
    let without = shown(state, None);
    for date in dates {
        let (y, rest) = date.split_at(4);
        let (m, d) = (&rest[1..3], &rest[4..6]);
        let formatted = format!("{d}.{m}.{y}");
        assert!(
            without.contains(date),
            "{screen}: {date} shown by default:\n{without}"
        );
        assert!(
            with.contains(&formatted),
            "{screen}: {formatted} missing:\n{with}"
        );
        assert!(
            !with.contains(date),
            "{screen}: {date} left as it was:\n{with}"
        );
    }
}

#[test]
fn every_screen_shows_dates_in_the_configured_format() {
    for lang in [Lang::En, Lang::Zh] {
        let mut state = dated_state(lang);
        // The header's period, the timeline's axis and notes.
        assert_formatted(&state, "main", &["2023-01-01", "2023-09-30", "2023-10-07"]);
        update(&mut state, Intent::Zoom);
        assert_formatted(&state, "zoom", &["2023-06-30", "2023-05-01", "2023-03-31"]);
        update(&mut state, Intent::Back);
        update(&mut state, Intent::StartTriage);
        assert_formatted(
            &state,
            "triage",
            &["2023-06-30", "2023-05-01", "2023-08-15"],
        );
        update(&mut state, Intent::Back);
        update(&mut state, Intent::Back);
        update(&mut state, Intent::ViewNext);
        assert_formatted(&state, "since", &["2023-10-07"]);
        update(&mut state, Intent::ViewNext);
        assert_formatted(&state, "dashboard", &["2023-06-30"]);
    }
}

#[test]
fn a_chinese_format_with_wide_characters_keeps_the_timeline_in_its_pane() {
    let mut state = dated_state(Lang::Zh);
    let screen = shown(&state, Some("%Y年%m月%d日"));
    assert!(screen.contains("2023年10月07日"), "{screen}");
    // The axis fits between the pane's borders: its last date ends just before the right one.
    assert!(screen.contains("│ 2023年01月01日 ─"), "{screen}");
    assert!(screen.contains("█ 2023年10月07日 │\""), "{screen}");
    // Triage at 80 columns wraps each note beside its wider date: every word stays in sight.
    state.settings.dates = DateStyle::new(Some("%Y年%m月%d日".into()));
    update(
        &mut state,
        Event::Resize {
            width: 80,
            height: 40,
        },
    );
    update(&mut state, Intent::StartTriage);
    let mut terminal = Terminal::new(TestBackend::new(80, 40)).unwrap();
    terminal
        .draw(|frame| ui::render(frame, &state, Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let rows: String = (0..40)
        .map(|y| (1..79).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("")
        .replace(' ', "");
    assert!(rows.contains("▌2023年10月07日举办"), "{rows}");
    assert!(
        rows.replace('▌', "").contains("丰富在京外籍人士文体生活;"),
        "the note's end was cut: {rows}"
    );
}

#[test]
fn files_and_the_command_line_keep_iso_dates() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::sample_copy(dir.path());
    let config = dir.path().join("tally");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!("date_format = \"{FORMAT}\"\n"),
    )
    .unwrap();
    let path = file.display().to_string();
    let run = |args: &[&str]| {
        let output = std::process::Command::new(common::tally_bin())
            .args(args)
            .env("XDG_CONFIG_HOME", dir.path())
            .env_remove("TALLY_CONFIG")
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let shown = run(&["show", &path, "10"]);
    assert!(shown.contains("2023-10-07"), "{shown}");
    assert!(!shown.contains("07.10.2023"), "{shown}");
    let json = run(&["list", &path, "--json"]);
    assert!(
        !json.contains("07.10.2023") && !json.contains("30.09.2023"),
        "{json}"
    );
    run(&["set", &path, "13", "due=2023-12-31"]);
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("\"due\": \"2023-12-31\""), "{saved}");
}
