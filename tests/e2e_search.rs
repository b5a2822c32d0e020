//! End to end: searching in the real binary in tmux, with Chinese typed as an input method sends it.

#![allow(clippy::unwrap_used)]

mod common;

use common::open_sample;

#[test]
fn typing_a_chinese_search_shows_item_14_alone_and_esc_shows_all_eight() {
    let Some((_dir, _file, tmux)) = open_sample(120, 40) else {
        return;
    };
    tmux.keys(&["/"]);
    tmux.literal("外语");
    let screen = tmux.wait_until("one result", 15, |s| {
        s.contains("Items 1/1") && s.contains("1 of 8")
    });
    assert!(screen.contains("网上国际服务平台和外语标识"), "{screen}");
    assert!(
        !screen.contains("主场外交"),
        "other items are gone:\n{screen}"
    );
    tmux.keys(&["Escape"]);
    let ids = ["10 ", "11 ", "12 ", "13 ", "14 ", "16 ", "17 ", "126 "];
    let listed = |screen: &str, id: &str| {
        screen.contains(&format!("│{id}")) || screen.contains(&format!("│ {id}"))
    };
    tmux.wait_until("all eight items", 15, |s| {
        s.contains("Items 1/8") && ids.iter().all(|id| listed(s, id))
    });
    tmux.keys(&["／"]);
    tmux.literal("ydyl");
    tmux.wait_until("pinyin result", 15, |s| s.contains("Items 1/1"));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("filter: ydyl");
    assert!(
        screen.contains("│ 10  O  主场外交"),
        "一带一路 is in item 10:\n{screen}"
    );
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn edits_under_a_kept_filter_are_saved_and_the_list_follows_them() {
    let Some((_dir, file, tmux)) = open_sample(120, 40) else {
        return;
    };
    tmux.keys(&["/"]);
    tmux.literal("国际");
    tmux.wait_until("seven hits", 15, |s| s.contains("Items 1/7"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("filter: 国际");
    // the top hit is 13: block it, then delete the next one (12)
    tmux.keys(&["s", "b"]);
    tmux.wait_until("13 blocked and saved", 15, |s| {
        s.contains("│ 13  B  优化国际化环境和服务") && s.contains("saved")
    });
    tmux.keys(&["j", "d", "y"]);
    let screen = tmux.wait_until("12 gone from the filtered list", 15, |s| {
        s.contains("Items 2/6") && !s.contains("雁栖湖")
    });
    assert!(screen.contains("│ 13  B "), "13 is still listed:\n{screen}");
    tmux.wait_until("saved", 15, |s| s.contains("saved"));
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let items = doc["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["10", "11", "13", "14", "16", "17", "126"]);
    assert_eq!(items[2]["status"], "blocked");
}
