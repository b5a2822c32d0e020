//! Counted results in report text → metrics: a number, a counter word or unit after it, and a name
//! from the words around it (`完成126个党宾国宾团组的接待任务` → 党宾国宾团组, 126 个). Ordinals,
//! dates, durations and codes are not counts.

use std::ops::Range;

use serde_json::Number;

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
/// Words a name starts after: the last of these before the number ends the part that is not
/// the name (`完成`, `包括`, the `等` closing a list).
const CUT_AFTER: &[&str] = &[
    "完成",
    "包括",
    "其中",
    "累计",
    "共计",
    "达到",
    "新增",
    "新建",
    "建成",
    "提升",
    "推动",
    "推进",
    "支持",
    "指导",
    "接待",
    "举办",
    "签署",
    "引进",
    "培育",
    "打造",
    "实现",
    "开展",
    "组织了",
    "超过",
    "会同",
    "拥有",
    "涉及",
    "覆盖",
    "惠及",
    "等",
];
/// Single characters dropped from the start of a name (prepositions) and from its end (particles).
const PREFIX_CHARS: &[char] = &[
    '将', '在', '于', '对', '向', '把', '以', '为', '共', '约', '近', '超', '逾', '达', '已', '有',
    '与', '和', '及', '从', '经', '由', '各',
];
const SUFFIX_CHARS: &[char] = &[
    '的', '共', '达', '约', '近', '超', '逾', '了', '计', '有', '为', '是', '各',
];
/// Words a name does not run past after the counter word.
const STOPS: &[&str] = &[
    "的", "开展", "举办", "参加", "参与", "出席", "入驻", "落地", "访京", "访华", "来京", "来华",
    "为", "进行", "完成", "实现", "提供", "签署", "签约", "开工", "建成", "投用", "上线", "参观",
    "获得", "得到", "纳入", "通过", "达到", "累计", "同比", "增长", "下降", "提高", "以上", "左右",
    "等",
];
const NAME_MAX: usize = 20;

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

/// The clause before `at`: back to punctuation, a bracket or quote, at most 24 characters.
fn clause_before(text: &Text, at: usize, limit: usize) -> Range<usize> {
    let mut start = at;
    while start > limit && at - start < 24 && !is_name_boundary(text.at(start - 1)) {
        start -= 1;
    }
    start..at
}

/// The clause after `at`: up to punctuation, a bracket or quote, at most 24 characters.
fn clause_after(text: &Text, at: usize, limit: usize) -> Range<usize> {
    let mut end = at;
    while end < limit && end - at < 24 && !is_name_boundary(text.at(end)) {
        end += 1;
    }
    at..end
}

fn is_name_boundary(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        super::text::is_clause_end(c)
            || matches!(
                c,
                '(' | ')'
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '《'
                    | '》'
                    | '「'
                    | '」'
                    | '【'
                    | '】'
                    | '"'
                    | '.'
            )
    })
}

/// The name of a count: the noun phrase before the number (after any date or verb) joined to the
/// one after the counter word (up to `的` or a verb).
fn name_for(text: &Text, before: Range<usize>, after: Range<usize>) -> String {
    let (head, subject) = name_head(text, before.clone());
    let tail = name_tail(text, after);
    let mut name = format!("{}{}", text.orig_string(head), text.orig_string(tail));
    if name.trim().is_empty() {
        name = subject.map(|s| text.orig_string(s)).unwrap_or_default();
    }
    if name.trim().is_empty() {
        name = text.orig_string(text.trim(before));
    }
    let name: String = name.trim().chars().take(NAME_MAX).collect();
    if name.is_empty() {
        "数量".to_string()
    } else {
        name
    }
}

/// The name part before the number: after any date and after the last lead-in word (`完成`,
/// `包括`, `等` …). Also what precedes a verb lead-in, for when nothing else names the count
/// (`签约率达到35%`).
fn name_head(text: &Text, before: Range<usize>) -> (Range<usize>, Option<Range<usize>>) {
    let mut start = before.start;
    for i in before.clone() {
        let after_digit = i > before.start && text.at(i - 1).is_some_and(|c| c.is_ascii_digit());
        if after_digit && matches!(text.at(i), Some('年' | '月' | '日' | '号')) {
            start = i + 1;
        }
    }
    let clause_start = start;
    let mut cut: Option<(usize, &str)> = None;
    for word in CUT_AFTER {
        if let Some(at) = text.rfind(word, before.end)
            && at >= start
        {
            start = (at + word.chars().count()).min(before.end);
            cut = Some((at, word));
        }
    }
    let subject = match cut {
        Some((at, word)) if word != "等" => Some(strip_particles(text, clause_start..at)),
        _ => None,
    };
    (strip_particles(text, start..before.end), subject)
}

/// Drops prepositions from the start and particles from the end of a name.
fn strip_particles(text: &Text, range: Range<usize>) -> Range<usize> {
    let mut range = text.trim(range);
    while !range.is_empty()
        && text
            .at(range.start)
            .is_some_and(|c| PREFIX_CHARS.contains(&c))
    {
        range = text.trim(range.start + 1..range.end);
    }
    while !range.is_empty()
        && text
            .at(range.end - 1)
            .is_some_and(|c| SUFFIX_CHARS.contains(&c))
    {
        range = text.trim(range.start..range.end - 1);
    }
    range
}

fn name_tail(text: &Text, after: Range<usize>) -> Range<usize> {
    let end = after
        .clone()
        .find(|&i| text.match_any(i, STOPS).is_some())
        .unwrap_or(after.end);
    text.trim(after.start..end)
}

/// Two names for the same thing: one holds the other, or they share four characters in a row.
pub fn related_names(a: &str, b: &str) -> bool {
    let long_enough = a.chars().count() >= 2 && b.chars().count() >= 2;
    (long_enough && (a.contains(b) || b.contains(a))) || common_run(a, b) >= 4
}

/// The length of the longest run of characters two names share.
pub fn common_run(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut best = 0;
    let mut previous = vec![0; b.len() + 1];
    for x in &a {
        let mut current = vec![0; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                current[j + 1] = previous[j] + 1;
                best = best.max(current[j + 1]);
            }
        }
        previous = current;
    }
    best
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
    fn related_names_share_words() {
        assert!(related_names("接待党宾国宾团组", "党宾国宾团组"));
        assert!(related_names("口袋公园", "新建口袋公园"));
        assert!(related_names("北京城市图书馆外语标识", "北京城市图书馆"));
        assert!(!related_names("首批入驻国际科技组织", "首批组织"));
        assert!(!related_names("甲", "甲乙"));
        assert_eq!(
            common_run("友城及友好交流城市领导", "举办交流活动的友城及友好交流城市"),
            9
        );
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
