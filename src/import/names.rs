//! Names for counts, from the words around the number: `完成126个党宾国宾团组的接待任务` →
//! `党宾国宾团组`, `8月22日将北京艺术中心23条增补外语标识的终审意见` → `北京艺术中心增补外语标识`.

use std::ops::Range;

use super::text::Text;

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
/// The clause before `at`: back to punctuation, a bracket or quote, at most 24 characters.
pub fn clause_before(text: &Text, at: usize, limit: usize) -> Range<usize> {
    let mut start = at;
    while start > limit && at - start < 24 && !is_name_boundary(text.at(start - 1)) {
        start -= 1;
    }
    start..at
}

/// The clause after `at`: up to punctuation, a bracket or quote, at most 24 characters.
pub fn clause_after(text: &Text, at: usize, limit: usize) -> Range<usize> {
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
pub fn name_for(text: &Text, before: Range<usize>, after: Range<usize>) -> String {
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
        if let Some(at) = text.rfind_in(word, start..before.end) {
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

/// Related names are looked for only among this many metrics of an item; real items have a
/// handful, and the search compares every pair.
pub const RELATED_LIMIT: usize = 256;

/// Two names for the same thing: one holds the other, they share four characters in a row, or
/// the shorter is the longer with words left out from its middle (`首批组织`, `首批入驻国际科技组织`).
pub fn related_names(a: &str, b: &str) -> bool {
    let long_enough = a.chars().count() >= 2 && b.chars().count() >= 2;
    (long_enough && (a.contains(b) || b.contains(a)))
        || common_run(a, b) >= 4
        || shortened(a, b)
        || shortened(b, a)
}

/// True when `short` (four characters or more) begins and ends as `long` does and its characters
/// stand in `long` in the same order.
fn shortened(short: &str, long: &str) -> bool {
    let (short, long): (Vec<char>, Vec<char>) = (short.chars().collect(), long.chars().collect());
    if short.len() < 4 || short.len() >= long.len() {
        return false;
    }
    if short.first() != long.first() || short.last() != long.last() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l == c))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_words_left_out_of_its_middle_is_related() {
        assert!(related_names("首批组织", "首批入驻国际科技组织"));
        assert!(related_names("首批入驻国际科技组织", "首批组织"));
        assert!(!related_names("北京艺术中心", "北京城市图书馆"));
        assert!(
            !related_names("友城", "友好城市"),
            "two characters are too few to tell"
        );
        assert!(
            !related_names("首批组织", "首批入驻国际科技组织机构"),
            "the ends differ"
        );
    }

    #[test]
    fn related_names_share_words() {
        assert!(related_names("接待党宾国宾团组", "党宾国宾团组"));
        assert!(related_names("口袋公园", "新建口袋公园"));
        assert!(related_names("北京城市图书馆外语标识", "北京城市图书馆"));
        assert!(!related_names("甲", "甲乙"));
        assert_eq!(
            common_run("友城及友好交流城市领导", "举办交流活动的友城及友好交流城市"),
            9
        );
    }
}
