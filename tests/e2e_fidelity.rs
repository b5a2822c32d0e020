//! End to end: what the interface writes is what the user saw and asked for. Each test drives
//! the real binary in tmux and checks the screen and the file on disk.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{ids_in, item_in, open_sample, read_doc, wait_for_doc};

fn ids_on_disk(file: &Path) -> Vec<String> {
    ids_in(&read_doc(file))
}

/// The screen rows holding an id from `ids`, top to bottom, as the ids they hold.
fn list_order(screen: &str, ids: &[&str]) -> Vec<String> {
    screen
        .lines()
        .filter_map(|line| {
            let first = line
                .trim_start_matches(['│', ' ', '>', '▶', '▸'])
                .split_whitespace()
                .next()?;
            ids.contains(&first).then(|| first.to_string())
        })
        .collect()
}

#[test]
fn capital_j_in_a_grouped_list_moves_past_the_item_shown_next_and_sorted_lists_refuse() {
    let Some((_dir, file, tmux)) = open_sample(120, 30) else {
        return;
    };
    let original = ids_on_disk(&file);
    tmux.keys(&["z"]);
    tmux.wait_for("at risk");
    // Select item 12: in the on-track group it is followed by 14 (13 is in the at-risk group).
    tmux.keys(&["/"]);
    tmux.literal("id:12");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Items 1/1");
    tmux.keys(&["Escape"]);
    tmux.wait_until("all items back", 15, |s| {
        s.contains("Items") && s.contains("/8")
    });
    let screen = tmux.screen();
    assert!(screen.contains("12"), "{screen}");
    tmux.keys(&["J"]);
    let screen = tmux.wait_for("saved report.json");
    assert!(
        screen.contains("moved item 12 below item 14; in the file it swapped places with item 14"),
        "{screen}"
    );
    let order = list_order(&screen, &["10", "11", "12", "14", "16"]);
    assert_eq!(order, ["10", "11", "14", "12", "16"], "{screen}");
    assert_eq!(
        ids_on_disk(&file),
        ["10", "11", "14", "13", "12", "16", "17", "126"]
    );

    // Sorted by id, J would change the file and nothing on screen: refused.
    tmux.keys(&["z", "z", "o"]);
    tmux.wait_for("by id");
    let before = ids_on_disk(&file);
    tmux.keys(&["J"]);
    tmux.wait_for("J/K move items in file order; the list is sorted by id");
    assert_eq!(ids_on_disk(&file), before);
    assert_ne!(before, original);
    tmux.quit();
}

fn item_on_disk(file: &Path, id: &str) -> serde_json::Value {
    item_in(&read_doc(file), id).unwrap().clone()
}

/// Waits until item `id` on disk satisfies `done` and returns it.
fn wait_on_disk(
    file: &Path,
    id: &str,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let doc = wait_for_doc(file, &format!("item {id} on disk"), |doc| {
        done(item_in(doc, id).unwrap())
    });
    item_in(&doc, id).unwrap().clone()
}

#[test]
fn shift_tab_focuses_the_previous_pane_and_the_previous_form_field() {
    let Some((_dir, file, tmux)) = open_sample(100, 30) else {
        return;
    };
    // Tab to the timeline, Shift-Tab (ESC [ Z) back to the list: j then moves the selection.
    tmux.keys(&["Tab"]);
    tmux.keys(&["BTab"]);
    tmux.keys(&["j"]);
    tmux.wait_for("Items 2/8");
    // In the edit form: Tab to the goal, Shift-Tab back to the title, and type there.
    tmux.keys(&["e"]);
    tmux.wait_for("Edit item 11");
    tmux.keys(&["Tab"]);
    tmux.keys(&["BTab"]);
    tmux.keys(&["End"]);
    tmux.literal("X");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved report.json");
    let item = item_on_disk(&file, "11");
    assert_eq!(item["title"], "推进新国展二期、第四使馆区建设X");
    assert!(!item["goal"].as_str().unwrap().contains('X'));
    tmux.quit();
}

#[test]
fn after_undoing_add_metric_the_selected_metric_is_one_that_exists() {
    let Some((_dir, file, tmux)) = open_sample(100, 30) else {
        return;
    };
    tmux.keys(&["Tab", "Tab", "a"]);
    tmux.wait_for("New metric on item 10");
    tmux.literal("新指标");
    tmux.keys(&["Tab"]);
    tmux.literal("5");
    tmux.keys(&["Enter"]);
    tmux.wait_until("metric added", 15, |s| {
        s.contains("Metrics 2") && s.contains("saved")
    });
    tmux.keys(&["j"]);
    tmux.keys(&["u"]);
    tmux.wait_until("undo", 15, |s| {
        s.contains("Metrics 1") && s.contains("undid")
    });
    // d acts on the metric the pane shows selected: the one left.
    tmux.keys(&["d"]);
    tmux.wait_for("Delete metric \"接待党宾国宾团组\" of item 10?");
    tmux.keys(&["y"]);
    let item = wait_on_disk(&file, "10", |item| {
        item.get("metrics")
            .is_none_or(|m| m.as_array().is_some_and(Vec::is_empty))
    });
    assert_eq!(item["progress"].as_array().unwrap().len(), 3);
    tmux.quit();
}

#[test]
fn a_bracketed_paste_with_cr_line_ends_keeps_its_lines_in_a_note_and_the_goal() {
    let Some((_dir, file, tmux)) = open_sample(100, 30) else {
        return;
    };
    // tmux pastes lines ending in CR, as terminals do.
    let paste = |text: &str| {
        assert!(tmux.run(&["set-buffer", "--", text]).status.success());
        assert!(
            tmux.run(&["paste-buffer", "-p", "-t", "main"])
                .status
                .success()
        );
    };
    tmux.keys(&["n"]);
    tmux.wait_for("New note on item 10");
    paste("第一行\n第二行\n第三行");
    tmux.wait_for("第三行");
    tmux.keys(&["Enter"]);
    let item = wait_on_disk(&file, "10", |item| {
        item["progress"].as_array().unwrap().len() == 4
    });
    assert_eq!(item["progress"][3]["text"], "第一行\n第二行\n第三行");

    tmux.keys(&["e"]);
    tmux.wait_for("Edit item 10");
    tmux.keys(&["Tab", "C-End"]);
    paste("\n补充一\n补充二");
    tmux.wait_for("补充二");
    tmux.keys(&["Enter"]);
    let item = wait_on_disk(&file, "10", |item| {
        item["goal"].as_str().unwrap().contains("补充二")
    });
    assert!(
        item["goal"]
            .as_str()
            .unwrap()
            .ends_with("服务保障。\n补充一\n补充二"),
        "{}",
        item["goal"]
    );
    tmux.quit();
}

#[test]
fn full_width_digits_are_numbers_in_number_fields() {
    let Some((_dir, file, tmux)) = open_sample(100, 30) else {
        return;
    };
    tmux.keys(&["m"]);
    tmux.wait_for("Metric 接待党宾国宾团组");
    tmux.keys(&["C-u"]);
    tmux.literal("５４０");
    tmux.keys(&["Tab"]);
    tmux.literal("３.５");
    tmux.keys(&["Enter"]);
    let item = wait_on_disk(&file, "10", |item| item["metrics"][0]["value"] != 126);
    assert_eq!(item["metrics"][0]["value"], 540, "{item}");
    assert_eq!(item["metrics"][0]["target"], 3.5, "{item}");
    tmux.quit();
}

#[test]
fn a_delete_question_with_a_long_title_keeps_its_answer_line_in_the_dialog() {
    let Some((_dir, file, tmux)) = open_sample(100, 30) else {
        return;
    };
    let text = std::fs::read_to_string(&file).unwrap();
    let long = "很长的标题".repeat(30);
    let text = text.replacen("主场外交和重大国事活动服务保障\"", &format!("{long}\""), 1);
    std::fs::write(&file, text).unwrap();
    tmux.wait_for("很长的标题");
    tmux.keys(&["d"]);
    // The footer repeats the keys; the dialog's own line is the one between borders. A capture
    // can catch a frame half drawn, so wait for the whole dialog rather than its title.
    let in_dialog = |line: &str| line.contains('│') && line.contains("y yes");
    let screen = tmux.wait_until("the dialog's y / n line", 15, |screen| {
        screen.lines().any(in_dialog)
    });
    let answer = screen
        .lines()
        .find(|line| in_dialog(line))
        .unwrap_or_else(|| panic!("no y / n line in the dialog:\n{screen}"));
    assert!(answer.contains("n/Esc no"), "{screen}");
    tmux.keys(&["y"]);
    wait_on_disk_gone(&file, "10");
    tmux.quit();
}

fn wait_on_disk_gone(file: &Path, id: &str) {
    wait_for_doc(file, &format!("item {id} gone from disk"), |doc| {
        item_in(doc, id).is_none()
    });
}

#[test]
fn one_item_is_1_item_in_the_header_and_the_search_line() {
    if !common::tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.json");
    std::fs::write(
        &file,
        r#"{"tally": 1, "title": "一项", "items": [{"id": "1", "title": "甲", "status": "todo"}]}"#,
    )
    .unwrap();
    let tmux = common::Tmux::open(&file, 80, 12);
    let screen = tmux.wait_for(" 1 item ");
    assert!(!screen.contains("1 items"), "{screen}");
    tmux.keys(&["/"]);
    let screen = tmux.wait_until("search line", 15, |s| {
        s.lines().last().is_some_and(|l| l.starts_with("/ "))
    });
    assert!(!screen.contains("1 items"), "{screen}");
    assert!(
        screen
            .lines()
            .last()
            .unwrap()
            .trim_end()
            .ends_with("1 item"),
        "{screen}"
    );
    tmux.keys(&["Escape", "q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn a_narrow_header_cuts_its_counts_line_with_a_mark() {
    let Some((_dir, _file, tmux)) = open_sample(40, 12) else {
        return;
    };
    tmux.keys(&["z", "o"]);
    let screen = tmux.wait_until("sorted and grouped", 15, |s| {
        s.lines()
            .nth(1)
            .is_some_and(|l| l.trim_end().ends_with('…'))
    });
    let second = screen.lines().nth(1).unwrap();
    assert!(second.starts_with(" 8 items"), "{screen}");
    tmux.quit();
}

#[test]
fn the_edit_form_at_40_by_12_shows_every_field_and_leaves_the_footer() {
    let Some((_dir, file, tmux)) = open_sample(40, 12) else {
        return;
    };
    tmux.keys(&["e"]);
    // The frame reaches the terminal in pieces: wait for the whole form (its title, every
    // field and the footer on the last line), not just its first line, so a capture taken
    // mid-frame under load is waited past rather than judged. Times out with the screen
    // when a field is missing or the footer is covered.
    let labels = ["title", "goal", "lead", "status", "due", "tags"];
    tmux.wait_until("the whole edit form and its footer", 15, |screen| {
        let lines: Vec<&str> = screen.lines().collect();
        let last = lines.iter().rev().find(|l| !l.trim().is_empty());
        screen.contains("Edit item 10")
            && labels
                .iter()
                .all(|label| lines.iter().any(|l| l.contains(&format!("│ {label}"))))
            && last.is_some_and(|l| l.starts_with(" Enter save"))
    });
    // The last field takes typing: tags.
    for _ in 0..5 {
        tmux.keys(&["Tab"]);
    }
    tmux.keys(&["C-e"]);
    tmux.literal(", 新标签");
    tmux.keys(&["Enter"]);
    let item = wait_on_disk(&file, "10", |item| {
        item["tags"].as_array().unwrap().len() == 4
    });
    assert_eq!(item["tags"][3], "新标签");
    tmux.quit();
}

#[test]
fn a_query_problem_shows_whole_at_120_columns_and_no_match_is_indented() {
    let Some((_dir, _file, tmux)) = open_sample(120, 20) else {
        return;
    };
    tmux.keys(&["/"]);
    tmux.literal("status:foo");
    let screen = tmux.wait_for("bad status");
    let last = screen.lines().last().unwrap();
    assert!(last.contains("dropped)"), "the whole problem:\n{screen}");
    tmux.keys(&["C-u"]);
    tmux.literal("xyzzyplugh");
    let screen = tmux.wait_for("No items match.");
    assert!(screen.contains("│ No items match."), "{screen}");
    tmux.keys(&["Escape", "q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn the_first_escape_clears_a_message_and_does_its_job() {
    let Some((_dir, _file, tmux)) = open_sample(100, 20) else {
        return;
    };
    tmux.keys(&["/"]);
    tmux.literal("xyzzyplugh");
    tmux.wait_for("No items match.");
    tmux.keys(&["Enter"]);
    tmux.keys(&["u"]);
    tmux.wait_for("nothing to undo");
    tmux.keys(&["Escape"]);
    // One Esc both clears the filter (all eight items back) and the message. A capture can catch
    // the list redrawn before the footer, so wait for both rather than judging the first frame;
    // a message left standing times out and fails with the screen.
    tmux.wait_until("the whole list and no message", 15, |screen| {
        screen.contains("Items 1/8")
            && screen.contains("126")
            && !screen.contains("nothing to undo")
    });
    tmux.quit();
}

#[test]
fn add_in_an_empty_data_folder_says_what_to_do() {
    if !common::tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tmux = common::Tmux::tally("", dir.path(), 100, 10);
    tmux.wait_for("No report here yet");
    // The folder named, not an empty path.
    let shown = dir.path().display().to_string();
    tmux.wait_for(&format!(
        "No .json files in {}",
        &shown[..shown.len().min(20)]
    ));
    tmux.keys(&["a"]);
    tmux.wait_for("no file to add an item to: quit (q), run `tally new FILE.json");
    tmux.quit();
}

#[test]
fn x_writes_the_minutes_once_while_nothing_changes() {
    let Some((dir, _file, tmux)) = open_sample(120, 20) else {
        return;
    };
    let minutes = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("minutes")
            })
            .count()
    };
    tmux.keys(&["x"]);
    tmux.wait_for("minutes written to");
    assert_eq!(minutes(), 1);
    tmux.keys(&["x"]);
    tmux.wait_for("no new minutes written");
    assert_eq!(minutes(), 1);
    // After an edit there is something new to write.
    tmux.keys(&["s", "b"]);
    tmux.wait_for("saved report.json");
    tmux.keys(&["x"]);
    tmux.wait_for("minutes written to");
    assert_eq!(minutes(), 2);
    tmux.quit();
}
