//! End to end: an interface with nothing changing on screen sends the terminal nothing, with
//! the list shown and with the search line open (its cursor shown); a change is still drawn.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{open_sample, quote};

/// The bytes tally writes to its terminal over `span` (tmux copies the pane's output to a file).
fn bytes_written(tmux: &common::Tmux, dir: &std::path::Path, span: Duration) -> Vec<u8> {
    let out = dir.join("pane.bytes");
    let _ = std::fs::remove_file(&out);
    let pipe = format!("cat > {}", quote(&out.display().to_string()));
    assert!(
        tmux.run(&["pipe-pane", "-t", "main", "-o", &pipe])
            .status
            .success()
    );
    std::thread::sleep(span);
    assert!(tmux.run(&["pipe-pane", "-t", "main"]).status.success());
    // the copy ends when its `cat` has read everything
    std::thread::sleep(Duration::from_millis(200));
    std::fs::read(&out).unwrap_or_default()
}

#[test]
fn nothing_is_sent_to_the_terminal_while_nothing_changes() {
    let Some((dir, _file, tmux)) = open_sample(120, 40) else {
        return;
    };
    // the first quiet moment prepares the search index; let it pass
    std::thread::sleep(Duration::from_millis(500));
    let idle = bytes_written(&tmux, dir.path(), Duration::from_millis(1500));
    assert_eq!(String::from_utf8_lossy(&idle), "", "idle, the list shown");
    tmux.keys(&["/"]);
    tmux.wait_for("8 items");
    std::thread::sleep(Duration::from_millis(300));
    let idle = bytes_written(&tmux, dir.path(), Duration::from_millis(1500));
    assert_eq!(
        String::from_utf8_lossy(&idle),
        "",
        "idle, the search line open"
    );
    // a keystroke still reaches the screen, and the check above could see bytes
    let out = dir.path().join("pane.bytes");
    let pipe = format!("cat > {}", quote(&out.display().to_string()));
    assert!(
        tmux.run(&["pipe-pane", "-t", "main", "-o", &pipe])
            .status
            .success()
    );
    tmux.literal("外语");
    tmux.wait_for(" of 8");
    std::thread::sleep(Duration::from_millis(300));
    assert!(tmux.run(&["pipe-pane", "-t", "main"]).status.success());
    std::thread::sleep(Duration::from_millis(200));
    assert!(!std::fs::read(&out).unwrap_or_default().is_empty());
    tmux.keys(&["Escape", "Escape"]);
    tmux.quit();
}
