use super::*;
use crate::model::{Header, Note, Origin, Period, Point, parse_number};

fn date(text: &str) -> Date {
    text.parse().expect("a date")
}

fn doc_with(items: Vec<Item>) -> Document {
    let header = Header {
        format: Some(1),
        title: "某单位2024年重点任务上半年进展情况".into(),
        source: Some("某单位".into()),
        published: Some(date("2024-07-05")),
        period: Some(Period {
            label: Some("2024年上半年".into()),
            start: Some(date("2024-01-01")),
            end: Some(date("2024-06-30")),
            origin: Origin::default(),
        }),
    };
    Document::from_parts(header, items, Origin::default(), None)
}

fn drafted(doc: &Document, period: Option<&str>) -> Draft {
    let items: Vec<&Item> = doc.items().iter().collect();
    let mut options = DraftOptions::dated(date("2024-10-08"));
    options.period = period.map(|p| p.parse().expect("a period"));
    draft(doc, &items, &options)
}

#[test]
fn points_are_numbered_past_ten_and_old_numbers_replaced() {
    let mut item = Item::new("3", "三");
    for n in 1..=20u32 {
        let text = if n == 2 {
            "五是第二件事。".to_string()
        } else {
            format!("第{n}件事。")
        };
        item.progress.push(Note::new(date("2024-03-01"), text));
    }
    let doc = doc_with(vec![item]);
    let progress = &drafted(&doc, None).sections[0].progress;
    assert!(
        progress.starts_with("一是第1件事。二是第二件事。三是第3件事。"),
        "{progress}"
    );
    assert!(
        progress.contains("十是第10件事。十一是第11件事。"),
        "{progress}"
    );
    assert!(
        progress.ends_with("十九是第19件事。二十是第20件事。"),
        "{progress}"
    );
    assert!(!progress.contains("五是第二"), "{progress}");
}

#[test]
fn one_note_has_no_number_and_an_empty_period_a_placeholder() {
    let mut item = Item::new("4", "四");
    item.goal = Some("完成四件事。".into());
    item.progress
        .push(Note::new(date("2024-02-01"), "一是已完成第一件\n事"));
    item.progress
        .push(Note::new(date("2024-08-01"), "已完成第二件。"));
    let doc = doc_with(vec![item]);
    let first_half = drafted(&doc, Some("2024-H1"));
    assert_eq!(first_half.sections[0].progress, "已完成第一件事");
    assert_eq!(first_half.sections[0].heading, "第4项");
    assert_eq!(first_half.sections[0].goal, "完成四件事。");
    let later = drafted(&doc, Some("2024-Q4"));
    assert_eq!(later.sections[0].progress, DEFAULT_PLACEHOLDER);
}

#[test]
fn readings_stated_in_a_note_are_not_repeated() {
    let mut item = Item::new("5", "五");
    item.progress
        .push(Note::new(date("2024-03-01"), "建成口袋公园32个。"));
    let mut parks = Metric::new("口袋公园", parse_number("32").expect("n"));
    parks.unit = Some("个".into());
    let mut roads = Metric::new("道路", parse_number("20").expect("n"));
    roads.unit = Some("公里".into());
    roads.history = vec![
        Point {
            date: date("2024-02-01"),
            value: parse_number("5").expect("n"),
            origin: Origin::default(),
        },
        Point {
            date: date("2024-05-01"),
            value: parse_number("12").expect("n"),
            origin: Origin::default(),
        },
        Point {
            date: date("2024-09-01"),
            value: parse_number("20").expect("n"),
            origin: Origin::default(),
        },
    ];
    item.metrics = vec![parks, roads];
    let doc = doc_with(vec![item]);
    // the parks' reading is dated by publication (2024-07-05), which counts as of June 30
    assert_eq!(
        drafted(&doc, Some("2024-H1")).sections[0].readings,
        ["道路12公里"]
    );
    assert_eq!(
        drafted(&doc, Some("2024-Q3")).sections[0].readings,
        ["道路20公里"]
    );
    assert!(
        drafted(&doc, Some("2024-Q4")).sections[0]
            .readings
            .is_empty()
    );
}

#[test]
fn the_title_names_the_new_period() {
    let period = |text: &str| text.parse::<ReportPeriod>().expect("a period");
    let title = "北京市人民政府外事办公室2023年市政府工作报告重点任务前三季度进展情况";
    assert_eq!(
        retitle(title, period("2023")),
        "北京市人民政府外事办公室2023年市政府工作报告重点任务全年进展情况"
    );
    assert_eq!(
        retitle(title, period("2024-H1")),
        "北京市人民政府外事办公室2024年市政府工作报告重点任务上半年进展情况"
    );
    assert_eq!(
        retitle(title, period("2024-Q2")),
        "北京市人民政府外事办公室2024年市政府工作报告重点任务第二季度进展情况"
    );
    assert_eq!(
        retitle("2023年1-11月份进展", period("2023-03..2023-05")),
        "2023年3月至5月进展"
    );
    assert_eq!(
        retitle("重点任务进展情况", period("2024")),
        "重点任务全年进展情况"
    );
    assert_eq!(retitle("Report", period("2024")), "Report");
}

#[test]
fn the_default_period_runs_to_the_last_entry() {
    let mut item = Item::new("6", "六");
    item.progress
        .push(Note::new(date("2024-07-05"), "已完成。"));
    let doc = doc_with(vec![item.clone()]);
    let whole = drafted(&doc, None);
    assert_eq!(
        whole.period.map(|p| p.to_string()).as_deref(),
        Some("2024-01-01..2024-06-30")
    );
    assert_eq!(whole.title, "某单位2024年重点任务上半年进展情况");
    item.progress
        .push(Note::new(date("2024-11-02"), "又完成。"));
    let later = drafted(&doc_with(vec![item]), None);
    assert_eq!(
        later.period.map(|p| p.to_string()).as_deref(),
        Some("2024-01-01..2024-11-02")
    );
    assert_eq!(later.title, "某单位2024年重点任务1月至11月进展情况");
    assert_eq!(later.sections[0].progress, "一是已完成。二是又完成。");
}

#[test]
fn ids_that_are_not_numbers_are_written_as_they_are() {
    let doc = doc_with(vec![Item::new("A-3", "甲乙")]);
    let section = &drafted(&doc, None).sections[0];
    assert_eq!(
        (section.heading.as_str(), section.goal.as_str()),
        ("A-3", "甲乙")
    );
}

#[test]
fn a_point_ending_in_a_full_stop_or_quote_is_closed_for_the_next_number() {
    let mut item = Item::new("7", "七");
    for text in ["Plan circulated.", "举办“北京日”", "完成验收;"] {
        item.progress.push(Note::new(date("2024-03-01"), text));
    }
    let doc = doc_with(vec![item]);
    assert_eq!(
        drafted(&doc, None).sections[0].progress,
        "一是Plan circulated.二是举办“北京日”。三是完成验收;"
    );
}

#[test]
fn control_characters_do_not_reach_the_report() {
    let mut item = Item::new("8", "八");
    item.goal = Some("目标\u{1b}[31m红色\u{202e}反向".into());
    item.progress
        .push(Note::new(date("2024-03-01"), "进展\u{7}响铃。"));
    let doc = doc_with(vec![item]);
    let section = &drafted(&doc, None).sections[0];
    for text in [&section.goal, &section.progress] {
        assert!(
            !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{text:?}"
        );
    }
    assert!(section.goal.starts_with("目标") && section.goal.ends_with("反向"));
}
