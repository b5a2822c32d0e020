//! End to end, as a person would: the user's config file, `--read-only` and `--no-mouse` with the
//! real binary in tmux on temporary copies of the sample.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Tmux, quote, sample_copy, tmux_available};

/// Writes `text` as the config file tally reads in the tmux helpers (`XDG_CONFIG_HOME` is the
/// data folder there).
fn write_config(folder: &std::path::Path, text: &str) {
    let dir = folder.join("tally");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

#[test]
fn a_configured_quit_key_replaces_q() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    write_config(dir.path(), "[keys]\nquit = [\"Q\"]\n");
    let tmux = Tmux::open(&file, 100, 30);
    let screen = tmux.wait_for("Q quit");
    assert!(!screen.contains("q quit"), "{screen}");
    // q does nothing now: the next key is still taken by the list.
    tmux.keys(&["q", "j"]);
    let screen = tmux.wait_for("Items 2/8");
    assert!(!screen.contains("EXITED"), "{screen}");
    tmux.keys(&["Q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn osc52_false_in_the_config_stops_y_copying() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    write_config(dir.path(), "osc52 = false\n");
    let tmux = Tmux::open_with_clipboard(&file, dir.path());
    tmux.keys(&["y"]);
    let screen = tmux.wait_for("copying is off");
    assert!(!screen.contains("copied item"), "{screen}");
    // Nothing reached tmux's clipboard buffer.
    let buffer = tmux.run(&["show-buffer"]);
    assert!(
        !String::from_utf8_lossy(&buffer.stdout).contains("主场外交"),
        "{buffer:?}"
    );
    tmux.quit();
}

#[test]
fn a_broken_config_is_shown_on_screen_and_the_defaults_apply() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    write_config(dir.path(), "[keys]\nquit = [\"Q\"\n");
    let tmux = Tmux::open(&file, 120, 30);
    tmux.wait_for("config.toml:2:");
    tmux.quit();
}

#[test]
fn read_only_refuses_edits_and_leaves_the_file_untouched() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let before = std::fs::read(&file).unwrap();
    let args = format!("--read-only {}", quote(&file.display().to_string()));
    let tmux = Tmux::tally(&args, dir.path(), 100, 30);
    tmux.wait_for("[read-only]");
    for key in ["s", "n", "e", "d", "J", "u"] {
        tmux.keys(&[key]);
        tmux.wait_for("Read-only: opened with --read-only");
        tmux.keys(&["Escape"]);
        tmux.wait_until("the message cleared", 10, |s| !s.contains("Read-only:"));
    }
    // The status picker never opened: `o` sorts instead of setting "on track".
    tmux.keys(&["o"]);
    tmux.wait_for("sort:");
    tmux.quit();
    assert_eq!(std::fs::read(&file).unwrap(), before, "byte for byte");
}

#[test]
fn a_file_without_write_permission_opens_read_only() {
    if !tmux_available() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let tmux = Tmux::open(&file, 100, 30);
    tmux.wait_for("Read-only: report.json is read-only (mode 444");
    tmux.keys(&["n"]);
    tmux.wait_for("so nothing can be changed");
    tmux.quit();
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn without_the_mouse_the_terminal_keeps_it() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let with = Tmux::open(&file, 100, 30);
    assert_eq!(with.format("#{mouse_any_flag}"), "1");
    with.quit();
    let args = format!("--no-mouse {}", quote(&file.display().to_string()));
    let without = Tmux::tally(&args, dir.path(), 100, 30);
    without.wait_for("Items 1/8");
    assert_eq!(without.format("#{mouse_any_flag}"), "0");
    without.quit();
    write_config(dir.path(), "mouse = false\n");
    let configured = Tmux::open(&file, 100, 30);
    assert_eq!(configured.format("#{mouse_any_flag}"), "0");
    configured.quit();
}
