//! Cutting a report into items at `第N项`, and each item into its goal, lead, title and progress.

use std::ops::Range;

use super::numerals::{from_chinese, is_numeral_char};
use super::text::{Line, Text, is_blank};

/// One item's text as found: its number, the line it starts on, and everything up to the next
/// item, as paragraphs separated by `\n` (the lines of a paragraph joined).
#[derive(Clone, Debug)]
pub struct RawItem {
    pub id: String,
    pub line: usize,
    pub body: Text,
}

/// Splits the lines into the header lines (before the first item) and the items.
pub fn split_items(lines: &[Line]) -> (&[Line], Vec<RawItem>) {
    let first = lines
        .iter()
        .position(|line| item_start(&line.text).is_some())
        .unwrap_or(lines.len());
    let mut items: Vec<RawItem> = Vec::new();
    let mut in_paragraph = false;
    for line in &lines[first..] {
        let text = &line.text;
        // Inside a paragraph only a heading with a mark after it (`第2项:`) starts an item, so a
        // sentence that begins by naming another item (`第2项提到的…`) stays in its paragraph.
        let heading = item_start(text)
            .filter(|&(_, body_start)| !in_paragraph || heading_marked(text, body_start));
        if let Some((id, body_start)) = heading {
            let mut body = Text::default();
            let rest = text.trim(body_start..text.len());
            body.push_text(&text.slice(rest.clone()));
            in_paragraph = !rest.is_empty();
            items.push(RawItem {
                id,
                line: line.number,
                body,
            });
            continue;
        }
        let Some(item) = items.last_mut() else {
            continue;
        };
        let span = text.trimmed();
        if span.is_empty() {
            in_paragraph = false;
            continue;
        }
        let piece = text.slice(span);
        if in_paragraph {
            join_lines(&mut item.body, &piece, line.number);
        } else if !item.body.is_empty() {
            item.body.push_char('\n', line.number);
        }
        item.body.push_text(&piece);
        in_paragraph = true;
    }
    (&lines[..first], items)
}

/// Joins a wrapped line to the one before: nothing between Chinese text, a space between words.
fn join_lines(body: &mut Text, next: &Text, line: usize) {
    let last = body.at(body.len().wrapping_sub(1));
    let first = next.at(0);
    if last.is_some_and(|c| c.is_ascii_alphanumeric())
        && first.is_some_and(|c| c.is_ascii_alphanumeric())
    {
        body.push_char(' ', line);
    }
}

/// `第10项`, `第 10 项:`, `第十项、` at the start of a line: the id and where the item's text begins.
pub fn item_start(text: &Text) -> Option<(String, usize)> {
    let span = text.trimmed();
    let mut i = span.start;
    if text.at(i) != Some('第') {
        return None;
    }
    i = skip_blanks(text, i + 1);
    let number_start = i;
    while text
        .at(i)
        .is_some_and(|c| c.is_ascii_digit() || is_numeral_char(c))
    {
        i += 1;
    }
    let number = text.norm_string(number_start..i);
    i = skip_blanks(text, i);
    if text.at(i) != Some('项') {
        return None;
    }
    let id = if number.chars().all(|c| c.is_ascii_digit()) {
        let trimmed = number.trim_start_matches('0');
        if trimmed.is_empty() && !number.is_empty() {
            "0".to_string()
        } else {
            trimmed.to_string()
        }
    } else {
        from_chinese(&number)?.to_string()
    };
    if id.is_empty() || id.len() > 12 {
        return None;
    }
    i = skip_blanks(text, i + 1);
    if matches!(text.at(i), Some(':' | '、' | '.' | '。' | ',')) {
        i = skip_blanks(text, i + 1);
    }
    Some((id, i))
}

/// True when the heading that ends at `body_start` is followed by a mark (a colon, a list comma,
/// a full stop, a space) or nothing, not straight by words.
fn heading_marked(text: &Text, body_start: usize) -> bool {
    let Some(last) = body_start.checked_sub(1).and_then(|i| text.at(i)) else {
        return true;
    };
    last != '项' || body_start >= text.len()
}

fn skip_blanks(text: &Text, mut i: usize) -> usize {
    while text.at(i).is_some_and(is_blank) {
        i += 1;
    }
    i
}

/// Where the `进展情况` label is: the label's start and where the progress text after it begins.
pub fn find_label(body: &Text) -> Option<(usize, usize)> {
    const MAIN: &str = "进展情况";
    const OTHERS: &[&str] = &["完成情况", "推进情况", "工作进展", "进展"];
    let mut from = 0;
    while let Some(at) = body.find(MAIN, from) {
        let after = after_label(body, at + MAIN.chars().count());
        if starts_paragraph(body, at) || follows_sentence(body, at) || after.1 {
            return Some((at, after.0));
        }
        from = at + 1;
    }
    for label in OTHERS {
        let mut from = 0;
        while let Some(at) = body.find(label, from) {
            let after = after_label(body, at + label.chars().count());
            if starts_paragraph(body, at) && after.1 {
                return Some((at, after.0));
            }
            from = at + 1;
        }
    }
    None
}

/// Skips blanks and a colon after a label; says whether there was a colon.
fn after_label(body: &Text, at: usize) -> (usize, bool) {
    let mut i = skip_blanks(body, at);
    let colon = matches!(body.at(i), Some(':' | '】' | ']'));
    if colon {
        i += 1;
        if body.at(i - 1) != Some(':') && body.at(i) == Some(':') {
            i += 1;
        }
    }
    (skip_blanks(body, i), colon)
}

/// At the start of the text, a paragraph or a line.
fn starts_paragraph(body: &Text, at: usize) -> bool {
    match body.prev_visible(at) {
        None => true,
        Some(i) => {
            matches!(body.at(i), Some('\n' | '【' | '[')) || body.line_at(i) != body.line_at(at)
        }
    }
}

fn follows_sentence(body: &Text, at: usize) -> bool {
    body.prev_visible(at)
        .is_some_and(|i| matches!(body.at(i), Some('。' | ';' | '!' | '?')))
}

const LEAD_KEYS: &[&str] = &[
    "牵头部门",
    "牵头单位",
    "责任单位",
    "责任部门",
    "主责单位",
    "主责部门",
    "牵头",
];

/// Finds a lead in a goal: a trailing `(牵头部门:X)`, or a last paragraph `责任单位:X`. Returns
/// the lead and the goal's text with it taken out.
pub fn split_lead(goal: &Text, range: Range<usize>) -> (Option<String>, String) {
    let range = goal.trim(range);
    if let Some((lead, cut)) = lead_in_parens(goal, range.clone()) {
        let text = goal.orig_string(range.start..cut.start) + &goal.orig_string(cut.end..range.end);
        return (Some(lead), text.trim().to_string());
    }
    let last_paragraph = last_line_start(goal, range.clone());
    if let Some((key_end, value)) = lead_field(goal, last_paragraph..range.end)
        && key_end > last_paragraph
    {
        let lead = goal.orig_string(value);
        let text = goal.orig_string(range.start..last_paragraph);
        return ((!lead.is_empty()).then_some(lead), text.trim().to_string());
    }
    (None, goal.orig_string(range))
}

/// Where the last line (or paragraph) of `range` starts.
fn last_line_start(text: &Text, range: Range<usize>) -> usize {
    let Some(last) = range.end.checked_sub(1).filter(|&l| l >= range.start) else {
        return range.start;
    };
    let line = text.line_at(last);
    let mut start = last;
    while start > range.start && text.line_at(start - 1) == line && text.at(start - 1) != Some('\n')
    {
        start -= 1;
    }
    start
}

/// A `(KEY:X)` that ends the goal, perhaps before a final full stop: the lead and the span to cut.
fn lead_in_parens(goal: &Text, range: Range<usize>) -> Option<(String, Range<usize>)> {
    let mut end = range.end;
    while end > range.start && matches!(goal.at(end - 1), Some('。' | '.' | ';')) {
        end -= 1;
    }
    end = goal.trim(range.start..end).end;
    if end == range.start || goal.at(end - 1) != Some(')') {
        return None;
    }
    let open = goal.rfind("(", end - 1)?;
    if open < range.start {
        return None;
    }
    let (_, value) = lead_field(goal, open + 1..end - 1)?;
    let lead = goal.orig_string(value);
    (!lead.is_empty()).then_some((lead, open..end))
}

/// `KEY:VALUE` where KEY is one of the lead keys: where the key ends and the value's range.
fn lead_field(text: &Text, range: Range<usize>) -> Option<(usize, Range<usize>)> {
    let range = text.trim(range);
    let key = text.match_any(range.start, LEAD_KEYS)?;
    let key_end = range.start + key.chars().count();
    let colon = skip_blanks(text, key_end);
    if !matches!(text.at(colon), Some(':')) {
        return None;
    }
    Some((key_end, text.trim(colon + 1..range.end)))
}

const TITLE_MAX: usize = 24;
const ADVERBS: &[&str] = &[
    "抓紧",
    "积极",
    "大力",
    "加快",
    "进一步",
    "持续",
    "全面",
    "扎实",
    "着力",
    "切实",
    "深入",
    "不断",
    "继续",
    "努力",
    "认真",
];

/// For `建设全场景服务、全渠道融合的一体化网上国际服务平台`: the verb and what follows the last `的`
/// (`建设一体化网上国际服务平台`), when a list before the `的` is what makes the clause long.
fn verb_and_head_noun(chars: &[char]) -> Option<String> {
    let de = chars.iter().rposition(|&c| c == '的')?;
    let listed = chars[..de].contains(&'、');
    let head: String = chars[..2].iter().chain(&chars[de + 1..]).collect();
    let len = head.chars().count();
    (listed && (6..=TITLE_MAX).contains(&len)).then_some(head)
}

/// A short name from the first clause of a text: leading adverbs dropped, long lists cut to their
/// first members with `等` (or to a verb and the noun after a long list and `的`), anything else still too long cut with `…`.
pub fn short_title(text: &str) -> String {
    let clause: String = text
        .chars()
        .skip_while(|&c| is_blank(c))
        .take_while(|&c| {
            !matches!(
                super::text::normalize(c),
                ',' | '。' | ';' | ':' | '!' | '?' | '\n'
            )
        })
        .collect();
    let mut clause = clause.trim().to_string();
    if clause.chars().count() <= TITLE_MAX {
        return clause;
    }
    for adverb in ADVERBS {
        if let Some(rest) = clause.strip_prefix(adverb)
            && rest.chars().count() >= 4
        {
            clause = rest.to_string();
            break;
        }
    }
    let chars: Vec<char> = clause.chars().collect();
    if chars.len() <= TITLE_MAX {
        return clause;
    }
    if let Some(title) = verb_and_head_noun(&chars) {
        return title;
    }
    let cut_at = |stops: &[char]| (6..TITLE_MAX).rev().find(|&i| stops.contains(&chars[i]));
    if let Some(i) = cut_at(&['、']).or_else(|| cut_at(&['与', '和', '及'])) {
        return chars[..i].iter().collect::<String>() + "等";
    }
    chars[..TITLE_MAX - 2].iter().collect::<String>() + "…"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    fn start(line: &str) -> Option<(String, usize)> {
        item_start(&Text::new(line, 1))
    }

    #[test]
    fn item_starts_in_all_spellings() {
        assert_eq!(start("第10项\u{ff1a}健全"), Some(("10".into(), 5)));
        assert_eq!(start("第10项:健全"), Some(("10".into(), 5)));
        assert_eq!(start("第10项健全"), Some(("10".into(), 4)));
        assert_eq!(start("  第 126 项 : 深化"), Some(("126".into(), 12)));
        assert_eq!(start("第10項:健全"), Some(("10".into(), 5)));
        assert_eq!(start("第十二项、推进"), Some(("12".into(), 5)));
        assert_eq!(start("第10项"), Some(("10".into(), 4)));
        assert_eq!(start("第三届论坛"), None);
        assert_eq!(start("进展情况:第10项"), None);
        assert_eq!(start("第项"), None);
    }

    #[test]
    fn bodies_are_paragraphs() {
        let input = "标题\n第1项:目标一\n目标续\n\n进展情况:\n一是甲。\n\n二是乙。\n第2项 目标二";
        let all = lines(input);
        let (header, items) = split_items(&all);
        assert_eq!(header.len(), 1);
        assert_eq!(items.len(), 2);
        let body = &items[0].body;
        assert_eq!(
            body.norm_string(0..body.len()),
            "目标一目标续\n进展情况:一是甲。\n二是乙。"
        );
        assert_eq!(items[1].id, "2");
        assert_eq!(items[1].line, 9);
    }

    #[test]
    fn labels_with_and_without_colon() {
        for (body, at) in [
            ("目标。\n进展情况:一是", Some((4, 9))),
            ("目标。进展情况一是", Some((3, 7))),
            ("目标\n進展情況:甲", Some((3, 8))),
            ("目标。\n完成情况:甲", Some((4, 9))),
            ("了解进展情况和问题", None),
        ] {
            assert_eq!(find_label(&Text::new(body, 1)), at, "{body}");
        }
    }

    #[test]
    fn leads_are_taken_out_of_goals() {
        let cases = [
            ("推进建设(牵头部门:市外办)", Some("市外办"), "推进建设"),
            (
                "推进建设。(责任单位:市发展改革委、市商务局)",
                Some("市发展改革委、市商务局"),
                "推进建设。",
            ),
            ("推进建设(责任单位:市外办)。", Some("市外办"), "推进建设。"),
            ("推进建设\n牵头单位:市外办", Some("市外办"), "推进建设"),
            ("推进建设,牵头单位:市外办", None, "推进建设,牵头单位:市外办"),
            ("推进建设(一期)", None, "推进建设(一期)"),
        ];
        for (goal, lead, rest) in cases {
            let text = Text::new(goal, 1);
            let (found, goal_text) = split_lead(&text, 0..text.len());
            assert_eq!(found.as_deref(), lead, "{goal}");
            assert_eq!(goal_text, rest, "{goal}");
        }
    }

    #[test]
    fn titles_are_short() {
        assert_eq!(
            short_title("优化国际化环境和服务,落实首都"),
            "优化国际化环境和服务"
        );
        assert_eq!(short_title("积极拓展友城交往,办好"), "积极拓展友城交往");
        assert_eq!(
            short_title("抓紧推进新国展二期、第四使馆区、大兴国际机场会展中心建设,推动"),
            "推进新国展二期、第四使馆区等"
        );
        assert_eq!(
            short_title("健全完善元首外交综合服务保障与重大国事活动服务保障常态化工作机制"),
            "健全完善元首外交综合服务保障等"
        );
        assert_eq!(
            short_title("建设全场景服务、全渠道融合的一体化网上国际服务平台,提高"),
            "建设一体化网上国际服务平台"
        );
        assert_eq!(
            short_title("加大对国际组织、机构总部及分支机构落地支持,积极"),
            "加大对国际组织、机构总部及分支机构落地支持"
        );
        assert_eq!(
            short_title("一二三四五六七八九十一二三四五六七八九十一二三四五"),
            "一二三四五六七八九十一二三四五六七八九十一二…"
        );
        assert_eq!(short_title(""), "");
    }
}
