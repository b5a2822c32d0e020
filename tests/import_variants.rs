//! Reports that differ from the seed in the ways real ones do: no colons, leads in parentheses,
//! traditional characters, percentages, a truncated last item, Windows line endings, a byte-order
//! mark, full-width forms, Chinese item numbers.

#![allow(clippy::unwrap_used)]

use tally::import::{ImportError, Imported, Options, import_report};
use tally::model::{Document, Item, Status};

const SEED: &str = include_str!("fixtures/import/beijing-fao-2023-q3.txt");
const TRADITIONAL: &str = include_str!("fixtures/import/traditional.txt");
const VARIANTS: &str = include_str!("fixtures/import/variants.txt");

fn import(text: &str) -> Imported {
    import_report(text, &Options::default()).unwrap()
}

fn item<'a>(doc: &'a Document, id: &str) -> &'a Item {
    &doc.items()[doc.position(id).unwrap()]
}

fn readings(item: &Item) -> Vec<(String, String, Option<String>, Option<String>)> {
    item.metrics
        .iter()
        .map(|m| {
            (
                m.name.clone(),
                m.value.to_string(),
                m.unit.clone(),
                m.target.as_ref().map(|t| t.to_string()),
            )
        })
        .collect()
}

fn reading(
    name: &str,
    value: &str,
    unit: &str,
    target: Option<&str>,
) -> (String, String, Option<String>, Option<String>) {
    (
        name.into(),
        value.into(),
        Some(unit.into()),
        target.map(Into::into),
    )
}

fn dates(item: &Item) -> Vec<String> {
    item.progress.iter().map(|n| n.date.to_string()).collect()
}

#[test]
fn windows_line_endings_and_a_bom_change_nothing() {
    let plain = import(SEED);
    let windows = import(&format!("\u{feff}{}", SEED.replace('\n', "\r\n")));
    assert_eq!(windows.doc.header, plain.doc.header);
    assert_eq!(windows.doc.items(), plain.doc.items());
    let old_mac = import(&SEED.replace('\n', "\r"));
    assert_eq!(old_mac.doc.items(), plain.doc.items());
}

#[test]
fn colons_are_optional() {
    let plain = import(SEED);
    let bare = SEED.replace("项:", "项").replace("进展情况:", "进展情况");
    assert_ne!(bare, SEED);
    assert_eq!(import(&bare).doc.items(), plain.doc.items());
}

#[test]
fn full_width_forms_read_like_ascii_and_are_kept_as_written() {
    let plain = import(SEED);
    let wide = SEED
        .replace("项:", "项\u{ff1a}")
        .replace("日期:", "日期\u{ff1a}")
        .replace("126个", "\u{ff11}\u{ff12}\u{ff16}个")
        .replace(';', "\u{ff1b}");
    let wide = import(&wide);
    assert_eq!(wide.doc.header.published, plain.doc.header.published);
    for (a, b) in wide.doc.items().iter().zip(plain.doc.items()) {
        assert_eq!(dates(a), dates(b), "item {}", a.id);
        assert_eq!(a.metrics.len(), b.metrics.len(), "item {}", a.id);
    }
    let first = item(&wide.doc, "10");
    assert_eq!(first.metrics[0].value.to_string(), "126");
    assert!(
        first.progress[1]
            .text
            .contains("\u{ff11}\u{ff12}\u{ff16}个")
    );
    assert!(item(&wide.doc, "11").progress[0].text.ends_with('\u{ff1b}'));
}

#[test]
fn traditional_characters_work_the_same() {
    let imported = import(TRADITIONAL);
    let doc = &imported.doc;
    assert_eq!(doc.header.source.as_deref(), Some("北京外辦"));
    let period = doc.header.period.as_ref().unwrap();
    assert_eq!(period.label.as_deref(), Some("2023年上半年"));
    assert_eq!(
        period.end.map(|d| d.to_string()).as_deref(),
        Some("2023-06-30")
    );
    let first = item(doc, "10");
    assert_eq!(first.lead.as_deref(), Some("市外辦"));
    assert!(first.goal.as_deref().unwrap().ends_with("服務保障。"));
    assert_eq!(first.progress.len(), 2);
    assert_eq!(dates(first), ["2023-07-10", "2023-06-28"]);
    assert_eq!(
        readings(first),
        [reading("黨賓國賓團組", "126", "個", None)]
    );
    let second = item(doc, "11");
    assert_eq!(second.lead.as_deref(), Some("市發展改革委、市商務局"));
    assert_eq!(second.goal.as_deref(), Some("抓緊推進新國展二期建設。"));
    assert_eq!(second.progress.len(), 2);
    assert_eq!(second.status, Status::OnTrack);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn variations_in_one_report() {
    let imported = import(VARIANTS);
    let doc = &imported.doc;
    let ids: Vec<&str> = doc.items().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "12", "13", "14"]);
    let period = doc.header.period.as_ref().unwrap();
    assert_eq!(period.label.as_deref(), Some("2024年第一季度"));
    assert_eq!(
        period.end.map(|d| d.to_string()).as_deref(),
        Some("2024-03-31")
    );

    let parks = item(doc, "1");
    assert_eq!(parks.lead.as_deref(), Some("区园林绿化局"));
    assert_eq!(
        parks.goal.as_deref(),
        Some("新建50个口袋公园,改善居民休闲环境")
    );
    assert_eq!(dates(parks), ["2024-04-08", "2024-03-12"]);
    assert_eq!(
        readings(parks),
        [
            reading("口袋公园", "32", "个", Some("50")),
            reading("种植苗木", "1.2", "万株", None)
        ]
    );

    let hospital = item(doc, "2");
    assert_eq!(hospital.lead.as_deref(), Some("区卫生健康委"));
    assert_eq!(
        readings(hospital),
        [
            reading("整体进度", "60", "%", Some("80")),
            reading("门诊量同比增长", "5.5", "%", None)
        ]
    );
    assert_eq!(hospital.status, Status::OnTrack);

    let doctors = item(doc, "12");
    assert_eq!(
        readings(doctors),
        [
            reading("签约居民", "2400", "人", None),
            reading("签约率", "35", "%", None),
            reading("社区卫生服务中心", "3", "家", Some("3"))
        ]
    );

    let online = item(doc, "13");
    assert_eq!(online.goal, None);
    assert_eq!(online.title, "实现政务服务事项全程网办");
    assert_eq!(dates(online), ["2024-04-08", "2024-03-31"]);
    assert_eq!(online.status, Status::Done);

    let games = item(doc, "14");
    assert_eq!(games.progress.len(), 2);
    assert_eq!(games.progress[1].text, "二是于5月开幕");
    assert!(games.metrics.is_empty(), "{:?}", games.metrics);

    let lines: Vec<usize> = imported.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [16], "{:?}", imported.warnings);
}

#[test]
fn a_truncated_report_keeps_what_is_there() {
    let cut = SEED.find("二是积极开展京澳").unwrap() + "二是积极开展京澳".len();
    let imported = import(&SEED[..cut]);
    let last = item(&imported.doc, "126");
    assert_eq!(last.progress.len(), 2);
    assert_eq!(last.progress[1].text, "二是积极开展京澳");

    let cut = SEED.find("第126项:").unwrap() + "第126项:".len();
    let imported = import(&SEED[..cut]);
    assert_eq!(imported.doc.items().len(), 8);
    let last = item(&imported.doc, "126");
    assert!(last.progress.is_empty());
    assert_eq!(last.title, "第126项");
    assert_eq!(last.status, Status::Todo);
    let warning = imported.warnings.last().unwrap();
    assert_eq!(warning.line, SEED[..cut].lines().count());
}

#[test]
fn the_year_comes_from_the_option_the_title_or_the_date() {
    let report = "重点任务第一季度进展情况\n日期:2024-04-08\n第1项:甲\n进展情况:3月5日启动。";
    let from_date = import(report);
    assert_eq!(dates(item(&from_date.doc, "1")), ["2024-03-05"]);
    let options = Options {
        year: Some(2023),
        ..Options::default()
    };
    let forced = import_report(report, &options).unwrap();
    assert_eq!(dates(item(&forced.doc, "1")), ["2023-03-05"]);
    let period = forced.doc.header.period.unwrap();
    assert_eq!(period.label.as_deref(), Some("2023年第一季度"));
}

#[test]
fn a_report_without_a_date_uses_the_period_end_or_the_fallback() {
    let report = "2023年上半年进展情况\n第1项:甲\n进展情况:乙。";
    let imported = import(report);
    assert_eq!(dates(item(&imported.doc, "1")), ["2023-06-30"]);
    assert_eq!(imported.warnings.len(), 1);
    let undated = "进展情况\n第1项:甲\n进展情况:乙。";
    assert_eq!(
        import_report(undated, &Options::default()).err(),
        Some(ImportError::NoDate)
    );
    let options = Options {
        fallback_date: Some("2024-02-01".parse().unwrap()),
        ..Options::default()
    };
    let imported = import_report(undated, &options).unwrap();
    assert_eq!(dates(item(&imported.doc, "1")), ["2024-02-01"]);
}

#[test]
fn a_lead_on_its_own_line_under_the_goal() {
    let report = "标题\n日期:2023-10-07\n第1项:推进建设。\n责任单位:市外办\n进展情况:乙。";
    let imported = import(report);
    let first = item(&imported.doc, "1");
    assert_eq!(first.lead.as_deref(), Some("市外办"));
    assert_eq!(first.goal.as_deref(), Some("推进建设。"));
}

#[test]
fn stray_lines_are_reported_with_their_numbers() {
    let report = "标题\n日期:2023-10-07\n今年以来,我办认真落实各项任务。\n第1项:甲\n进展情况:乙。";
    let imported = import(report);
    assert_eq!(imported.warnings.len(), 1);
    assert_eq!(imported.warnings[0].line, 3);
    assert_eq!(
        imported.warnings[0].to_string(),
        "line 3: text before the first item is not part of any item; ignored"
    );
}

#[test]
fn huge_reports_import_without_slowing_to_a_crawl() {
    let mut report = String::from("标题\n日期:2023-10-07\n");
    for id in 1..=5_000 {
        report.push_str(&format!("第{id}项:甲\n进展情况:乙{id}。\n"));
    }
    report.push_str("第5001项:甲\n进展情况:");
    report.push_str(&"接待1批次,".repeat(5_000));
    let imported = import(&report);
    assert_eq!(imported.summary.items, 5_001);
    let last = imported.doc.items().last().unwrap();
    assert_eq!(last.metrics.len(), 5_000);
    assert_eq!(last.metrics[4_999].name, "接待(5000)");
    let mut file = imported.doc.clone();
    let report = tally::import::merge(&mut file, &imported.doc, imported.report_date);
    assert!(report.is_empty());
}
