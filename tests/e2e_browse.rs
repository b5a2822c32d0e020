//! End to end, as a person would: the real binary in tmux on a temporary copy of the sample.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Tmux, open_sample, quote, sample_copy, tmux_available};

#[test]
fn moves_to_item_14_sees_its_metrics_and_quits_cleanly() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = sample_copy(dir.path());
    let before = std::fs::read(&file).expect("read copy");
    let tmux = Tmux::open(&file, 120, 40);
    tmux.wait_for("Items 1/8");
    tmux.keys(&["j", "j", "j", "Down"]);
    let screen = tmux.wait_until("item 14 with its metrics", 15, |s| {
        s.contains("Items 5/8") && s.contains("531 条")
    });
    assert!(screen.contains("北京艺术中心外语标识"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
    assert_eq!(
        std::fs::read(&file).expect("read copy"),
        before,
        "browsing never writes"
    );
}

#[test]
fn zoom_help_and_small_terminal() {
    let Some((_dir, _file, tmux)) = open_sample(80, 24) else {
        return;
    };
    tmux.keys(&["G", "Enter"]);
    tmux.wait_for("126 · 深化京港");
    tmux.keys(&["?"]);
    tmux.wait_for("Keys");
    tmux.keys(&["Escape"]);
    tmux.wait_until("help closed", 10, |s| !s.contains("Keys"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("Items 8/8");
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn first_run_copies_the_sample_into_the_data_folder() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let tmux = Tmux::tally("", &data, 100, 30);
    let screen = tmux.wait_for("First run: a sample report was copied to");
    assert!(screen.contains("Items 1/8"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
    assert!(data.join("beijing-fao-2023-q3.json").is_file());
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    if !tmux_available() {
        return;
    }
    for signal in ["TERM", "HUP"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = sample_copy(dir.path());
        let tmux = Tmux::open(&file, 100, 30);
        tmux.wait_for("Items 1/8");
        let shell = tmux.format("#{pane_pid}");
        let status = std::process::Command::new("pkill")
            .args([&format!("-{signal}"), "-P", &shell, "-x", "tally"])
            .status()
            .expect("pkill");
        assert!(status.success(), "pkill -{signal}");
        tmux.assert_exited_cleanly(0);
    }
}

#[test]
fn a_panic_restores_the_terminal_and_reports_the_cause() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = sample_copy(dir.path());
    let before = std::fs::read(&file).expect("read copy");
    let args = format!(
        "{} 2>{}",
        quote(&file.display().to_string()),
        quote(&dir.path().join("err.txt").display().to_string())
    );
    let tmux = Tmux::tally_with_env(&args, dir.path(), "TALLY_TEST_PANIC_KEY=1", 100, 30);
    tmux.wait_for("Items 1/8");
    tmux.keys(&["F12"]);
    tmux.assert_exited_cleanly(101);
    let stderr = std::fs::read_to_string(dir.path().join("err.txt")).expect("stderr file");
    assert!(stderr.contains("deliberate panic"), "{stderr}");
    assert_eq!(std::fs::read(&file).expect("read copy"), before);
}

#[test]
fn a_vanished_terminal_ends_tally_instead_of_leaving_it_spinning() {
    let Some((_dir, file, tmux)) = open_sample(100, 30) else {
        return;
    };
    let pid = tmux.tally_pid().expect("tally is running");
    tmux.kill_terminal();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.split_whitespace().nth(2) == Some("Z") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "tally {pid} is still running after its terminal went away"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        tally::store::SAMPLE_JSON
    );
}
