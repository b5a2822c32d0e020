//! End to end: metric readings typed in the `m` form, in browsing and in triage, land in the file
//! as a time series — back-dated readings in date order, the value the latest, a new metric with
//! the date it was given.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Tmux, open_sample, quote, sample_copy, tmux_available};
use serde_json::Value;

fn metric(file: &std::path::Path, item: usize, metric: usize) -> Value {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    doc["items"][item]["metrics"][metric].clone()
}

/// Fills the open metric form's value (focused) and date fields.
fn value_and_date(tmux: &Tmux, value: &str, date: &str) {
    tmux.keys(&["C-u"]);
    tmux.literal(value);
    tmux.keys(&["Tab", "Tab", "Tab", "C-u"]);
    tmux.literal(date);
    tmux.keys(&["Enter"]);
}

#[test]
fn a_back_dated_reading_in_the_form_joins_the_history_and_says_the_value_stays() {
    let Some((_dir, file, tmux)) = open_sample(120, 40) else {
        return;
    };
    tmux.keys(&["m"]);
    tmux.wait_for("Metric 接待党宾国宾团组 of item 10");
    value_and_date(&tmux, "130", "2023-05-01");
    tmux.wait_until("the footer says so", 15, |s| {
        s.contains("the value stays 126") && !s.contains("Metric 接待")
    });
    tmux.wait_until("saved", 15, |_| {
        metric(&file, 0, 0)["history"]
            .as_array()
            .is_some_and(|h| h.len() == 2)
    });
    let m = metric(&file, 0, 0);
    assert_eq!(m["value"], 126);
    assert_eq!(
        m["history"],
        serde_json::json!([
            {"date": "2023-05-01", "value": 130},
            {"date": "2023-10-07", "value": 126}
        ])
    );

    // A new metric (item 11 has none) keeps the date it was given.
    tmux.keys(&["j", "m"]);
    tmux.wait_for("New metric on item 11");
    tmux.literal("新指标");
    tmux.keys(&["Tab"]);
    tmux.literal("3");
    tmux.keys(&["Tab", "Tab", "Tab", "C-u"]);
    tmux.literal("2023-11-01");
    tmux.keys(&["Enter"]);
    tmux.wait_until("saved", 15, |_| !metric(&file, 1, 0).is_null());
    assert_eq!(
        metric(&file, 1, 0)["history"],
        serde_json::json!([{"date": "2023-11-01", "value": 3}])
    );
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn a_reading_in_triage_on_a_date_that_has_one_replaces_it_and_says_so() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let tmux = Tmux::tally(&quote(&file.display().to_string()), dir.path(), 120, 40);
    tmux.wait_for("Items 1/8");
    tmux.keys(&["t"]);
    tmux.wait_for("Triage 1/8");
    tmux.keys(&["m"]);
    tmux.wait_for("Metric 接待党宾国宾团组 of item 10");
    value_and_date(&tmux, "127", "2023-10-07");
    tmux.wait_for("replaced (126 → 127)");
    tmux.wait_until("saved", 15, |_| metric(&file, 0, 0)["value"] == 127);
    assert_eq!(
        metric(&file, 0, 0)["history"],
        serde_json::json!([{"date": "2023-10-07", "value": 127}])
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("Triage summary");
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}
