//! Counted results in report text → metrics: a number, a counter word or unit after it, and a name
//! from the words around it (`完成126个党宾国宾团组的接待任务` → 党宾国宾团组, 126 个). Ordinals,
//! dates, durations and codes are not counts.

use std::ops::Range;

use serde_json::Number;

use super::names::{clause_after, clause_before, name_for};
use super::text::Text;
use crate::model::parse_number;

/// A metric as found, before it is attached to an item.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub name: String,
    pub value: Number,
    pub unit: String,
    /// 100 for a share of completion (`完成整体进度的60%`).
    pub target: Option<Number>,
    /// The count describes things already there (`以8家试点医院为抓手`: with the 8 pilot hospitals
    /// as the lever), not an amount still to reach.
    pub existing: bool,
    pub line: usize,
}

/// Counter words and units, after an optional scale (`万`, `亿` …).
const UNITS: &[&str] = &[
    "个",
    "家",
    "条",
    "项",
    "件",
    "次",
    "人",
    "名",
    "位",
    "批",
    "批次",
    "人次",
    "场",
    "场次",
    "所",
    "座",
    "处",
    "套",
    "台",
    "辆",
    "架",
    "艘",
    "种",
    "类",
    "篇",
    "份",
    "册",
    "部",
    "本",
    "户",
    "间",
    "张",
    "支",
    "只",
    "株",
    "棵",
    "期",
    "轮",
    "组",
    "队",
    "吨",
    "亩",
    "公顷",
    "米",
    "千米",
    "公里",
    "平方米",
    "平方公里",
    "元",
    "美元",
    "欧元",
    "倍",
    "%",
    "‰",
    "个百分点",
    "百分点",
    "千瓦",
    "兆瓦",
    "床",
    "张床",
];
const SCALES: &[&str] = &["万", "亿", "千万", "百万", "万亿"];
/// Words after a number that make it a date, an age, a duration or an ordinal, not a count.
const NOT_COUNTS: &[&str] = &[
    "年",
    "月",
    "日",
    "号",
    "时",
    "点",
    "分",
    "秒",
    "届",
    "周年",
    "周岁",
    "岁",
    "个月",
    "个工作日",
    "天",
    "小时",
    "分钟",
    "周",
    "世纪",
    "年代",
    "楼",
    "层",
    "路",
    "号线",
];

/// Every count in `range` of `text`.
pub fn find_metrics(text: &Text, range: Range<usize>) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if !text.at(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let number_end = number_end(text, i, range.end);
        if let Some(metric) = count_at(text, i..number_end, range.clone()) {
            found.push(metric);
        }
        i = number_end;
    }
    found
}

/// Where the number starting at `start` ends: digits, `1,234` thousands groups, one decimal point.
fn number_end(text: &Text, start: usize, end: usize) -> usize {
    let digit = |i: usize| i < end && text.at(i).is_some_and(|c| c.is_ascii_digit());
    let mut i = start;
    while digit(i) {
        i += 1;
    }
    loop {
        let group = text.at(i) == Some(',') && (1..=3).all(|k| digit(i + k)) && !digit(i + 4);
        if !group {
            break;
        }
        i += 4;
    }
    if text.at(i) == Some('.') && digit(i + 1) {
        i += 1;
        while digit(i) {
            i += 1;
        }
    }
    i
}

/// The count made by the number at `number`, if the words around it make it one.
fn count_at(text: &Text, number: Range<usize>, clause_limit: Range<usize>) -> Option<Found> {
    if !stands_alone(text, number.clone()) {
        return None;
    }
    let (unit, unit_range) = unit_after(text, number.end)?;
    let digits: String = text
        .norm_string(number.clone())
        .chars()
        .filter(|&c| c != ',')
        .collect();
    let value = parse_number(&digits)?;
    let before = clause_before(text, number.start, clause_limit.start);
    let after = clause_after(text, unit_range.end, clause_limit.end);
    let existing = text
        .prev_visible(number.start)
        .is_some_and(|i| text.at(i) == Some('以'))
        && text.norm()[after.clone()].contains(&'为');
    let name = name_for(text, before.clone(), after);
    let target =
        (unit == "%" && is_progress_share(&text.norm_string(before))).then(|| Number::from(100));
    Some(Found {
        name,
        value,
        unit: text.orig_string(unit_range),
        target,
        existing,
        line: text.line_at(number.start),
    })
}

/// False for ordinals (`第16届`), codes and parts of dates or ranges (`G20`, `5G`, `2023-10-07`,
/// `1-11月`).
fn stands_alone(text: &Text, number: Range<usize>) -> bool {
    let before = number.start.checked_sub(1).and_then(|i| text.at(i));
    let glued_before = before.is_some_and(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | ':' | '_' | '#' | '~' | '第')
    });
    let ordinal = text
        .prev_visible(number.start)
        .is_some_and(|i| text.at(i) == Some('第'));
    let after = text.at(number.end);
    let next_digit = text.at(number.end + 1).is_some_and(|c| c.is_ascii_digit());
    let glued_after = after.is_some_and(|c| c.is_ascii_alphabetic())
        || (matches!(after, Some('-' | '/' | ':' | '—' | '~' | '.')) && next_digit);
    !(glued_before || ordinal || glued_after)
}

/// The unit after a number (`个`, `亿元`, `%`), skipping blanks and `余`/`多`; `None` when the word
/// there makes the number a date, duration or ordinal, or there is no unit.
fn unit_after(text: &Text, at: usize) -> Option<(String, Range<usize>)> {
    let mut i = at;
    while text.at(i) == Some(' ') {
        i += 1;
    }
    if matches!(text.at(i), Some('余' | '多')) {
        i += 1;
    }
    let scale = text.match_any(i, SCALES).unwrap_or("");
    let base_at = i + scale.chars().count();
    let base = text.match_any(base_at, UNITS).unwrap_or("");
    let excluded = text.match_any(i, NOT_COUNTS).unwrap_or("");
    let unit_len = scale.chars().count() + base.chars().count();
    if unit_len == 0 || excluded.chars().count() >= unit_len.max(1) {
        return None;
    }
    if !scale.is_empty() && base.is_empty() && text.match_any(base_at, NOT_COUNTS).is_some() {
        return None;
    }
    let unit = format!("{scale}{base}");
    Some((unit, i..i + unit_len))
}

/// A percentage of work done (`完成整体进度的60%`), as opposed to a rate (`增长5%`).
fn is_progress_share(before: &str) -> bool {
    ["进度", "完成", "完工", "建成", "完成率"]
        .iter()
        .any(|w| before.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics(text: &str) -> Vec<(String, String, String)> {
        let text = Text::new(text, 1);
        find_metrics(&text, 0..text.len())
            .into_iter()
            .map(|m| (m.name, m.value.to_string(), m.unit))
            .collect()
    }

    fn m(name: &str, value: &str, unit: &str) -> (String, String, String) {
        (name.into(), value.into(), unit.into())
    }

    #[test]
    fn counts_from_the_seed_report() {
        assert_eq!(
            metrics("完成126个党宾国宾团组的接待任务,做好"),
            [m("党宾国宾团组", "126", "个")]
        );
        assert_eq!(
            metrics("包括北京艺术中心531条,北京城市图书馆203条,北京大运河博物馆169条。"),
            [
                m("北京艺术中心", "531", "条"),
                m("北京城市图书馆", "203", "条"),
                m("北京大运河博物馆", "169", "条")
            ]
        );
        assert_eq!(
            metrics("8月22日将北京艺术中心23条增补外语标识的终审意见反馈市文旅局"),
            [m("北京艺术中心增补外语标识", "23", "条")]
        );
        assert_eq!(
            metrics("接待乌兰巴托、莫斯科等5批次友好城市代表团访京。"),
            [m("友好城市代表团", "5", "批次")]
        );
        assert_eq!(
            metrics("指导支持117家社会组织和行业协会商会开展民间对外交往。"),
            [m("社会组织和行业协会商会", "117", "家")]
        );
    }

    #[test]
    fn ordinals_dates_and_codes_are_not_counts() {
        for text in [
            "有序开展第16届北京市“长城友谊奖”评选工作",
            "7月28日将终审意见反馈",
            "出席2023年金砖国家民间社会论坛",
            "与首尔结好30周年",
            "第 3 批",
            "5G基站",
            "G20峰会",
            "1-11月份",
            "历时3个月",
            "2023-10-07",
            "拨打12345热线",
            "十余家社会组织",
        ] {
            assert_eq!(metrics(text), [], "{text}");
        }
    }

    #[test]
    fn units_scales_and_shares() {
        assert_eq!(metrics("完成投资80亿元"), [m("投资", "80", "亿元")]);
        assert_eq!(metrics("服务1.2万人次"), [m("服务", "1.2", "万人次")]);
        assert_eq!(metrics("首批8家组织入驻"), [m("首批组织", "8", "家")]);
        assert_eq!(
            metrics("以8家国际医疗服务试点医院为抓手"),
            [m("国际医疗服务试点医院", "8", "家")]
        );
        assert_eq!(
            metrics("南非豪登省等8个友城及友好交流城市领导,签署"),
            [m("友城及友好交流城市领导", "8", "个")]
        );
        assert_eq!(metrics("在5个友城举办活动"), [m("友城", "5", "个")]);
        assert_eq!(metrics("签约项目1,200个"), [m("签约项目", "1200", "个")]);
        assert_eq!(metrics("引进200余家企业"), [m("企业", "200", "家")]);
        let text = Text::new("工程完成整体进度的60%", 1);
        let found = find_metrics(&text, 0..text.len());
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].name.as_str(), found[0].unit.as_str()),
            ("整体进度", "%")
        );
        assert_eq!(found[0].target, Some(Number::from(100)));
        let text = Text::new("同比增长5.2%", 1);
        let found = find_metrics(&text, 0..text.len());
        assert_eq!(found[0].target, None);
        assert_eq!(found[0].value.to_string(), "5.2");
    }

    #[test]
    fn counts_the_goal_says_exist_already() {
        let text = Text::new("以8家国际医疗服务试点医院为抓手,提升8个社区", 1);
        let found = find_metrics(&text, 0..text.len());
        let existing: Vec<bool> = found.iter().map(|f| f.existing).collect();
        assert_eq!(existing, [true, false]);
    }

    #[test]
    fn full_width_digits_and_traditional_counters() {
        assert_eq!(
            metrics("完成\u{ff11}\u{ff12}\u{ff16}個團組"),
            [m("團組", "126", "個")]
        );
    }
}
