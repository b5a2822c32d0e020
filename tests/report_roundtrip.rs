//! An exported report imported again gives back the ids, goals, notes (text; the date where the
//! text names one, else the report's date) and metric readings as (value, unit) per item — on
//! the bundled sample through the command line, and on generated multi-item files.

#![allow(clippy::unwrap_used)]

mod common;

use common::{run_tally, sample_copy};
use synth::Rng;
use tally::import::{Options, import_report};
use tally::model;
use tally::model::{Date, Document, Header, Item, Metric, Note, Origin, Period, Point};
use tally::report::{DraftOptions, ReportPeriod, draft, published};
#[path = "common/synth.rs"]
mod synth;

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

/// What a report can carry of one item: (id, goal, notes as (date, text), readings as (value, unit)).
type Carried = (String, String, Vec<(Date, String)>, Vec<(String, String)>);

/// What the report of `doc` for `period`, dated `on`, should carry, worked out from the file:
/// notes in the period (a note dated on the day of publication counts as of the period's end),
/// without old point numbers, dated by the date their text names or else `on`; the latest
/// reading of each metric in the period.
fn expected(doc: &Document, period: ReportPeriod, on: Date) -> Vec<Carried> {
    let published = doc.header.published;
    let end = doc.header.period.as_ref().and_then(|p| p.end);
    let effective = |d: Date| match (published, end) {
        (Some(p), Some(e)) if d == p && e < p => e,
        _ => d,
    };
    let in_period = |d: Date| period.contains(effective(d));
    doc.items()
        .iter()
        .map(|item| {
            let notes = item
                .progress
                .iter()
                .filter(|n| in_period(n.date))
                .map(|n| {
                    let text = strip_number(&n.text.replace('\n', ""));
                    (named_date(&text, period.start.year()).unwrap_or(on), text)
                })
                .collect();
            let mut readings: Vec<(String, String)> = item
                .metrics
                .iter()
                .filter_map(|m| latest(m, published, &in_period))
                .collect();
            readings.sort();
            let goal = item.goal.clone().unwrap_or_else(|| item.title.clone());
            (item.id.clone(), goal, notes, readings)
        })
        .collect()
}

fn latest(
    m: &Metric,
    published: Option<Date>,
    in_period: &impl Fn(Date) -> bool,
) -> Option<(String, String)> {
    // the value is the reading of the last date in the history (or of publication, without one)
    let last = m.history.iter().max_by_key(|p| p.date);
    let value = match last {
        None => published
            .is_none_or(in_period)
            .then(|| m.value.to_string())?,
        Some(last) if in_period(last.date) => m.value.to_string(),
        Some(_) => {
            let p = m
                .history
                .iter()
                .filter(|p| in_period(p.date))
                .max_by_key(|p| p.date)?;
            p.value.to_string()
        }
    };
    Some((value, m.unit.clone().unwrap_or_default()))
}

/// What the imported file holds, in the same shape.
fn carried(doc: &Document) -> Vec<Carried> {
    doc.items()
        .iter()
        .map(|item| {
            let notes = item
                .progress
                .iter()
                .map(|n| (n.date, strip_number(&n.text)))
                .collect();
            let mut readings: Vec<(String, String)> = item
                .metrics
                .iter()
                .map(|m| (m.value.to_string(), m.unit.clone().unwrap_or_default()))
                .collect();
            readings.sort();
            (
                item.id.clone(),
                item.goal.clone().unwrap_or_default(),
                notes,
                readings,
            )
        })
        .collect()
}

fn strip_number(text: &str) -> String {
    let numerals = "一二三四五六七八九十";
    let digits: String = text.chars().take_while(|c| numerals.contains(*c)).collect();
    match text[digits.len()..].strip_prefix('是') {
        Some(rest) if !digits.is_empty() => rest.to_string(),
        _ => text.to_string(),
    }
}

/// The first `M月D日` a text names, in `year`.
fn named_date(text: &str, year: i32) -> Option<Date> {
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != '月' {
            continue;
        }
        let month: String = chars[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let day: String = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let after = chars.get(i + 1 + day.len());
        if month.is_empty() || day.is_empty() || after != Some(&'日') {
            continue;
        }
        let month: String = month.chars().rev().collect();
        return Date::from_ymd(year, month.parse().ok()?, day.parse().ok()?);
    }
    None
}

#[test]
fn the_sample_comes_back_from_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let report = dir.path().join("next.txt");
    let back = dir.path().join("back.json");
    for period in ["2023-01-01..2023-09-30", "2023-Q3"] {
        std::fs::remove_file(&report).ok();
        std::fs::remove_file(&back).ok();
        let f = file.to_str().unwrap();
        let r = report.to_str().unwrap();
        let exported = run_tally(
            &[
                "export",
                f,
                "--format",
                "report",
                "--period",
                period,
                "--date",
                "2023-10-07",
                "-o",
                r,
            ],
            dir.path(),
        );
        assert_eq!(exported.status.code(), Some(0), "{exported:?}");
        let imported = run_tally(&["import", r, "-o", back.to_str().unwrap()], dir.path());
        assert_eq!(imported.status.code(), Some(0), "{imported:?}");
        let stderr = String::from_utf8_lossy(&imported.stderr);
        assert!(!stderr.contains("warning"), "{stderr}");
        let original = tally::store::load(&file).unwrap().doc;
        let again = tally::store::load(&back).unwrap().doc;
        let period: ReportPeriod = period.parse().unwrap();
        assert_eq!(
            carried(&again),
            expected(&original, period, date("2023-10-07")),
            "{period}"
        );
        let label = again.header.period.and_then(|p| p.label);
        let words = if period.start.month() == 1 {
            "2023年前三季度"
        } else {
            "2023年第三季度"
        };
        assert_eq!(label.as_deref(), Some(words));
    }
}

/// The report cycle closed on the same file: the sample's own report merged back into it adds
/// nothing, though the sample's notes carry no point numbers and the report numbers them.
#[test]
fn the_samples_report_merged_back_into_it_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let report = dir.path().join("next.txt");
    let (f, r) = (file.to_str().unwrap(), report.to_str().unwrap());
    let before = std::fs::read(&file).unwrap();
    let exported = run_tally(&["export", f, "--format", "report", "-o", r], dir.path());
    assert_eq!(exported.status.code(), Some(0), "{exported:?}");
    let merged = run_tally(&["import", r, "--into", f], dir.path());
    assert_eq!(merged.status.code(), Some(0), "{merged:?}");
    let stdout = String::from_utf8_lossy(&merged.stdout);
    assert!(stdout.contains("Nothing new"), "{stdout}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the file is unchanged"
    );
}

const GOALS: &[&str] = &[
    "推进重点项目建设,提升服务水平。",
    "完善工作机制,加强统筹协调。",
    "扩大对外交流合作。",
    "优化营商环境。",
];
const NOUNS: &[&str] = &[
    "口袋公园",
    "示范项目",
    "服务站点",
    "培训班",
    "交流活动",
    "志愿服务队",
];
const UNITS: &[&str] = &["个", "家", "场", "人次", "项"];
const VERBS: &[&str] = &["统筹推进", "深入开展", "持续完善", "认真组织"];

fn day(rng: &mut Rng, month_from: u32, months: usize) -> Date {
    let month = month_from + u32::try_from(rng.below(months)).unwrap();
    Date::from_ymd(2025, month, 1 + u32::try_from(rng.below(28)).unwrap()).unwrap()
}

/// An item with notes in and after the first half of 2025, some with counts (and a metric for
/// each), some naming their date, some opening with an old point number.
fn generated_item(id: usize, rng: &mut Rng) -> Item {
    let mut item = Item::new(id.to_string(), format!("任务{id}"));
    if rng.chance(80) {
        item.goal = Some(rng.pick(GOALS).to_string());
    }
    let mut nouns: Vec<&str> = NOUNS.to_vec();
    for n in 0..rng.below(6) {
        let (when, later) = if rng.chance(80) {
            (day(rng, 1, 6), false)
        } else {
            (day(rng, 8, 4), true)
        };
        let text = match rng.below(3) {
            0 => format!("{}{}工作。", rng.pick(VERBS), rng.pick(NOUNS)),
            1 => format!(
                "{}月{}日召开{}推进会。",
                when.month(),
                when.day(),
                rng.pick(NOUNS)
            ),
            _ if nouns.is_empty() || later => "按计划推进。".to_string(),
            _ => {
                let noun = nouns.remove(rng.below(nouns.len()));
                let value = 1 + rng.below(900);
                let unit = *rng.pick(UNITS);
                item.metrics.push(metric(noun, unit, &[(when, value)]));
                format!("完成{noun}{value}{unit}。")
            }
        };
        let numbered = rng.chance(30);
        let text = if numbered {
            format!(
                "{}是{text}",
                tally::import::numerals::to_chinese(n as u32 + 1)
            )
        } else {
            text
        };
        item.progress.push(Note::new(when, text));
    }
    if let Some(noun) = nouns.pop().filter(|_| rng.chance(50)) {
        let readings = [
            (day(rng, 1, 3), 10 + rng.below(50)),
            (day(rng, 4, 6), 100 + rng.below(50)),
        ];
        let unit = *rng.pick(UNITS);
        item.metrics.push(metric(noun, unit, &readings));
    }
    item
}

fn metric(name: &str, unit: &str, readings: &[(Date, usize)]) -> Metric {
    let number = |v: usize| serde_json::Number::from(v as u64);
    let mut m = Metric::new(name, number(readings[readings.len() - 1].1));
    m.unit = Some(unit.to_string());
    m.history = readings
        .iter()
        .map(|&(date, v)| Point {
            date,
            value: number(v),
            origin: Origin::default(),
        })
        .collect();
    m
}

fn generated(seed: u64) -> Document {
    let mut rng = Rng::new(seed);
    let items = (1..=8 + rng.below(20))
        .map(|id| generated_item(id, &mut rng))
        .collect();
    let header = Header {
        format: Some(1),
        title: "测试单位2025年重点任务进展情况".into(),
        source: Some("测试单位".into()),
        published: Some(date("2025-07-03")),
        period: Some(Period {
            label: Some("2025年上半年".into()),
            start: Some(date("2025-01-01")),
            end: Some(date("2025-06-30")),
            origin: Origin::default(),
        }),
    };
    Document::from_parts(header, items, Origin::default(), None)
}

#[test]
fn generated_reports_come_back() {
    let on = date("2025-07-03");
    for seed in 1..=40 {
        let doc = generated(seed);
        let items: Vec<&Item> = doc.items().iter().collect();
        for period in ["2025-H1", "2025-Q2", "2025-03..2025-05"] {
            let period: ReportPeriod = period.parse().unwrap();
            let mut options = DraftOptions::dated(on);
            options.period = Some(period);
            let text = published(&draft(&doc, &items, &options));
            let imported = import_report(&text, &Options::default()).unwrap();
            assert!(
                imported.warnings.is_empty(),
                "seed {seed}: {:?}\n{text}",
                imported.warnings
            );
            assert_eq!(
                carried(&imported.doc),
                expected(&doc, period, on),
                "seed {seed} {period}\n{text}"
            );
            let label = imported.doc.header.period.and_then(|p| p.label);
            assert_eq!(
                label,
                Some(format!("2025年{}", period.words())),
                "seed {seed}"
            );
        }
    }
}

/// The benchmarks' synthetic files (notes cut from the sample's text, English among them, counts
/// the file does not track): ids, goals and notes come back; a lone note of several sentences
/// comes back one note per sentence, the same words in all.
#[test]
fn synthetic_files_keep_their_ids_goals_and_notes() {
    let on = date("2023-10-07");
    for seed in 1..=30 {
        let doc = synth::synthetic_document(30, seed);
        let items: Vec<&Item> = doc.items().iter().collect();
        let drafted = draft(&doc, &items, &DraftOptions::dated(on));
        let text = published(&drafted);
        let imported = import_report(&text, &Options::default()).unwrap();
        assert!(
            imported.warnings.is_empty(),
            "seed {seed}: {:?}",
            imported.warnings
        );
        let want = expected(&doc, drafted.period.unwrap(), on);
        let got = carried(&imported.doc);
        assert_eq!(want.len(), got.len());
        for (w, g) in want.iter().zip(&got) {
            assert_eq!((&w.0, &w.1), (&g.0, &g.1), "seed {seed}");
            if w.2.len() == 1 {
                // the blanks between sentences are trimmed off the pieces
                let words = |t: &str| t.split_whitespace().collect::<String>();
                let joined: String = g.2.iter().map(|(_, t)| words(t)).collect();
                assert_eq!(words(&w.2[0].1), joined, "seed {seed} item {}", w.0);
            } else {
                assert_eq!(w.2, g.2, "seed {seed} item {}", w.0);
            }
        }
    }
}
