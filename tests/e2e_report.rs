//! End to end: `R` writes the next progress report of what the list shows, from the list and from
//! the dashboard, in the real binary; the file is on disk and the footer says where.

#![allow(clippy::unwrap_used)]

mod common;

use common::open_sample;

fn headings(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.starts_with('第'))
        .filter_map(|l| l.split(':').next())
        .collect()
}

#[test]
fn r_writes_the_report_beside_the_file_from_the_list_and_the_dashboard() {
    let Some((dir, _file, tmux)) = open_sample(120, 30) else {
        return;
    };
    let today = tally::model::Date::today();
    // sorted by status: the item at risk (13) comes first
    tmux.keys(&["o", "o"]);
    tmux.wait_for("sort: status");
    tmux.keys(&["R"]);
    let screen = tmux.wait_for("report written to");
    let first = dir.path().join(format!("report-report-{today}.txt"));
    assert!(
        screen.contains(&format!("report-report-{today}.txt (8 items)")),
        "{screen}"
    );
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(
        text.starts_with("北京市人民政府外事办公室2023年市政府工作报告重点任务前三季度进展情况\n"),
        "{text}"
    );
    assert_eq!(headings(&text)[0], "第13项", "{text}");
    assert_eq!(headings(&text).len(), 8);

    // the dashboard writes it too, as a new file beside the first
    tmux.keys(&["v", "v"]);
    tmux.wait_for("Dashboard");
    tmux.keys(&["R"]);
    let screen = tmux.wait_for(&format!("report-report-{today}-2.txt"));
    assert!(screen.contains("report written to"), "{screen}");
    let second = dir.path().join(format!("report-report-{today}-2.txt"));
    assert_eq!(std::fs::read_to_string(second).unwrap(), text);
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}
