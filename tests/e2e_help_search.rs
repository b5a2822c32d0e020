//! End to end: `?` then `/` searches the help: typed words (q and j included) narrow the list of
//! keys, Esc clears the search, a second Esc closes the help.

#![allow(clippy::unwrap_used)]

mod common;

use common::open_sample;

#[test]
fn slash_in_the_help_narrows_it_to_matching_keys() {
    let Some((_dir, _file, tmux)) = open_sample(100, 30) else {
        return;
    };
    tmux.keys(&["?"]);
    tmux.wait_until("the help", 15, |s| {
        s.contains("Keys") && s.contains("undo the last edit")
    });
    tmux.keys(&["/"]);
    tmux.literal("clipboard");
    tmux.wait_until("only the copy keys", 15, |s| {
        s.contains("/clipboard") && s.contains("copy the item") && !s.contains("undo the last edit")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_until("the whole help again", 15, |s| {
        !s.contains("/clipboard") && s.contains("undo the last edit")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_until("the help closed", 15, |s| !s.contains("undo the last edit"));
    tmux.quit();
}
