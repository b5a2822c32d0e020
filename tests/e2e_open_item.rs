//! End to end: `tally FILE --item ID` and `tally FILE:ID` open with that item selected, an unknown
//! id is refused before the screen is touched, and `--log FILE` writes diagnostics to the file and
//! nothing to the screen.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Tmux, quote, run_tally, sample_copy, tmux_available};

#[test]
fn item_flag_and_file_colon_id_select_the_item() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let shown = quote(&file.display().to_string());

    let tmux = Tmux::tally(&format!("{shown} --item 14"), dir.path(), 100, 30);
    tmux.wait_until("item 14 selected", 15, |s| {
        s.contains("Items 5/8") && s.contains("网上国际服务平台和外语标识")
    });
    tmux.quit();

    let colon = quote(&format!("{}:16", file.display()));
    let tmux = Tmux::tally(&colon, dir.path(), 100, 30);
    tmux.wait_until("item 16 selected", 15, |s| {
        s.contains("Items 6/8") && s.contains("积极拓展友城交往")
    });
    tmux.quit();
}

#[test]
fn an_unknown_item_is_a_user_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let output = run_tally(&[file.to_str().unwrap(), "--item", "999"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("no item \"999\""), "{err}");
}

#[test]
fn the_log_gets_loads_and_saves_and_the_screen_gets_none() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let log = dir.path().join("tally.log");
    let args = format!(
        "{} --log {}",
        quote(&file.display().to_string()),
        quote(&log.display().to_string())
    );
    let tmux = Tmux::tally(&args, dir.path(), 100, 30);
    tmux.wait_until("the list drawn", 15, |s| {
        s.contains("Items 1/8") && s.contains(" quit")
    });
    tmux.keys(&["s", "r"]);
    common::wait_for_doc(&file, "the status saved", |doc| {
        common::item_in(doc, "10").is_some_and(|item| item["status"] == "at_risk")
    });
    let screen = tmux.screen();
    tmux.quit();
    assert!(!screen.contains(" INFO "), "{screen}");
    let text = std::fs::read_to_string(&log).unwrap();
    let shown = file.display().to_string();
    assert!(text.contains("tally started"), "{text}");
    assert!(
        text.contains(&format!(
            "INFO tally::store::file: loaded path={shown} items=8"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("saved path={shown} edits=1")),
        "{text}"
    );

    let env_log = dir.path().join("env.log");
    let by_env = std::process::Command::new(common::tally_bin())
        .args(["list", file.to_str().unwrap()])
        .env("TALLY_LOG", &env_log)
        .output()
        .unwrap();
    assert_eq!(by_env.status.code(), Some(0));
    assert!(by_env.stderr.is_empty());
    let text = std::fs::read_to_string(&env_log).unwrap();
    assert!(
        text.contains(&format!("loaded path={shown} items=8")),
        "{text}"
    );
}
