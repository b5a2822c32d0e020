//! End to end: Ctrl-Z and SIGTSTP suspend tally to a real shell with the terminal as it was
//! (main screen, no mouse reporting, line mode), and `fg` sets it up again and redraws everything.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Tmux, quote, sample_copy, tally_bin, tmux_available};

fn suspended(tmux: &Tmux, how: &str, stopped_lines: usize) {
    tmux.wait_until(&format!("{how}: the shell's prompt"), 15, |s| {
        s.matches("Stopped").count() >= stopped_lines
    });
    tmux.wait_until(&format!("{how}: the main screen"), 15, |_| {
        tmux.format("#{alternate_on}") == "0"
    });
    assert_eq!(
        tmux.format("#{mouse_any_flag}"),
        "0",
        "{how}: mouse reporting off"
    );
    // Line mode: the shell reads and runs a whole line.
    tmux.literal("echo shell-$((6*7))");
    tmux.keys(&["Enter"]);
    tmux.wait_for("shell-42");
}

fn resumed(tmux: &Tmux, items: &str) {
    tmux.literal("fg");
    tmux.keys(&["Enter"]);
    tmux.wait_until("redrawn after fg", 15, |s| {
        s.contains(items) && !s.contains("shell-42")
    });
    assert_eq!(tmux.format("#{alternate_on}"), "1");
    assert_eq!(
        tmux.format("#{mouse_any_flag}"),
        "1",
        "mouse reporting on again"
    );
}

#[test]
fn ctrl_z_and_sigtstp_give_the_terminal_back_and_fg_redraws_everything() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let tmux = Tmux::start("env PS1='$ ' bash --norc --noprofile -i", 100, 30);
    tmux.literal(&format!(
        "TALLY_DATA_DIR={} NO_COLOR=1 {} {}",
        quote(&dir.path().display().to_string()),
        quote(&tally_bin().display().to_string()),
        quote(&file.display().to_string())
    ));
    tmux.keys(&["Enter"]);
    tmux.wait_for("Items 1/8");

    tmux.keys(&["C-z"]);
    suspended(&tmux, "Ctrl-Z", 1);
    resumed(&tmux, "Items 1/8");
    // Raw mode again: one key moves the selection, no Enter needed.
    tmux.keys(&["j"]);
    tmux.wait_for("Items 2/8");

    let pid = tmux.tally_pid().unwrap().to_string();
    let status = std::process::Command::new("kill")
        .args(["-TSTP", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    suspended(&tmux, "SIGTSTP", 2);
    resumed(&tmux, "Items 2/8");

    tmux.keys(&["q"]);
    tmux.wait_until("back at the prompt", 15, |_| {
        tmux.format("#{alternate_on}") == "0" && tmux.tally_pid().is_none()
    });
    tmux.literal("echo exit-$?");
    tmux.keys(&["Enter"]);
    tmux.wait_for("exit-0");
}
