//! The report text as the parser sees it: every character twice, once as written and once
//! normalised (full-width forms folded to ASCII, a few traditional characters mapped to simplified),
//! with the line it came from. Matching happens on the normalised side and everything kept is cut
//! from the original side at the same positions, so notes and goals stay exactly as written.

use std::ops::Range;

/// A run of report text with its normalised twin and line numbers, one entry per character.
#[derive(Clone, Debug, Default)]
pub struct Text {
    orig: Vec<char>,
    norm: Vec<char>,
    lines: Vec<usize>,
}

/// One line of the input with its 1-based number.
#[derive(Clone, Debug)]
pub struct Line {
    pub number: usize,
    pub text: Text,
}

/// Splits input into lines (`\n`, `\r\n` or a lone `\r`), dropping a leading byte-order mark.
pub fn lines(input: &str) -> Vec<Line> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            let number = out.len() + 1;
            out.push(Line {
                number,
                text: Text::new(&current, number),
            });
            current.clear();
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        let number = out.len() + 1;
        out.push(Line {
            number,
            text: Text::new(&current, number),
        });
    }
    out
}

impl Text {
    /// A text whose characters all come from line `line`.
    pub fn new(orig: &str, line: usize) -> Text {
        let orig: Vec<char> = orig.chars().collect();
        let norm = orig.iter().map(|&c| normalize(c)).collect();
        let lines = vec![line; orig.len()];
        Text { orig, norm, lines }
    }

    pub fn len(&self) -> usize {
        self.norm.len()
    }

    pub fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    /// The normalised characters.
    pub fn norm(&self) -> &[char] {
        &self.norm
    }

    /// The normalised character at `i`, if any.
    pub fn at(&self, i: usize) -> Option<char> {
        self.norm.get(i).copied()
    }

    /// The line the character at `i` came from (the last line for positions past the end).
    pub fn line_at(&self, i: usize) -> usize {
        self.lines
            .get(i)
            .or(self.lines.last())
            .copied()
            .unwrap_or(0)
    }

    /// The normalised text of `range`, as a string.
    pub fn norm_string(&self, range: Range<usize>) -> String {
        self.norm[clamp(range, self.len())].iter().collect()
    }

    /// The original text of `range`, without line breaks.
    pub fn orig_string(&self, range: Range<usize>) -> String {
        self.orig[clamp(range, self.len())]
            .iter()
            .filter(|&&c| c != '\n')
            .collect()
    }

    /// A copy of `range`.
    pub fn slice(&self, range: Range<usize>) -> Text {
        let range = clamp(range, self.len());
        Text {
            orig: self.orig[range.clone()].to_vec(),
            norm: self.norm[range.clone()].to_vec(),
            lines: self.lines[range].to_vec(),
        }
    }

    /// Appends another text.
    pub fn push_text(&mut self, other: &Text) {
        self.orig.extend_from_slice(&other.orig);
        self.norm.extend_from_slice(&other.norm);
        self.lines.extend_from_slice(&other.lines);
    }

    /// Appends one character, the same on both sides.
    pub fn push_char(&mut self, c: char, line: usize) {
        self.orig.push(c);
        self.norm.push(c);
        self.lines.push(line);
    }

    /// True when the normalised text at `at` spells `pattern`.
    pub fn matches_at(&self, at: usize, pattern: &str) -> bool {
        (at..)
            .zip(pattern.chars())
            .all(|(i, p)| self.norm.get(i) == Some(&p))
    }

    /// The first position at or after `from` where `pattern` occurs.
    pub fn find(&self, pattern: &str, from: usize) -> Option<usize> {
        (from..self.len()).find(|&i| self.matches_at(i, pattern))
    }

    /// The last position before `before` where `pattern` starts.
    pub fn rfind(&self, pattern: &str, before: usize) -> Option<usize> {
        self.rfind_in(pattern, 0..before)
    }

    /// The last position in `range` where `pattern` starts.
    pub fn rfind_in(&self, pattern: &str, range: Range<usize>) -> Option<usize> {
        clamp(range, self.len())
            .rev()
            .find(|&i| self.matches_at(i, pattern))
    }

    /// The longest of `patterns` spelled at `at`, if any.
    pub fn match_any<'p>(&self, at: usize, patterns: &[&'p str]) -> Option<&'p str> {
        patterns
            .iter()
            .filter(|p| !p.is_empty() && self.matches_at(at, p))
            .max_by_key(|p| p.chars().count())
            .copied()
    }

    /// `range` without blank characters at either end.
    pub fn trim(&self, range: Range<usize>) -> Range<usize> {
        let range = clamp(range, self.len());
        let mut start = range.start;
        let mut end = range.end;
        while start < end && is_blank(self.norm[start]) {
            start += 1;
        }
        while end > start && is_blank(self.norm[end - 1]) {
            end -= 1;
        }
        start..end
    }

    /// The whole text, trimmed.
    pub fn trimmed(&self) -> Range<usize> {
        self.trim(0..self.len())
    }

    /// True when the text holds nothing but blanks.
    pub fn is_blank(&self) -> bool {
        self.trimmed().is_empty()
    }

    /// The position of the nearest non-blank character before `at`, if any.
    pub fn prev_visible(&self, at: usize) -> Option<usize> {
        (0..at.min(self.len()))
            .rev()
            .find(|&i| !is_blank(self.norm[i]) || self.norm[i] == '\n')
    }
}

fn clamp(range: Range<usize>, len: usize) -> Range<usize> {
    let end = range.end.min(len);
    range.start.min(end)..end
}

/// Whitespace of any width, and the invisible marks that come with copied web text.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{00a0}')
}

/// True for the characters that end a sentence or clause in either width.
pub fn is_clause_end(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '!' | '?' | '。' | '、' | '\n')
}

/// The normalised form of one character: full-width ASCII folded to ASCII, the ideographic space
/// to a space, and the traditional forms of the characters the parser looks for to simplified.
pub fn normalize(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        '﹕' | '︰' => ':',
        '﹔' => ';',
        '﹐' => ',',
        '﹪' => '%',
        _ => simplify(c),
    }
}

/// Traditional → simplified for the characters that carry structure: labels, counters, verbs the
/// metric and status rules look for. Every pair is one character to one character.
const PAIRS: &[(char, char)] = &[
    ('項', '项'),
    ('進', '进'),
    ('況', '况'),
    ('牽', '牵'),
    ('頭', '头'),
    ('責', '责'),
    ('單', '单'),
    ('門', '门'),
    ('來', '来'),
    ('號', '号'),
    ('於', '于'),
    ('將', '将'),
    ('對', '对'),
    ('個', '个'),
    ('條', '条'),
    ('億', '亿'),
    ('萬', '万'),
    ('場', '场'),
    ('處', '处'),
    ('臺', '台'),
    ('輛', '辆'),
    ('種', '种'),
    ('類', '类'),
    ('冊', '册'),
    ('戶', '户'),
    ('間', '间'),
    ('張', '张'),
    ('隻', '只'),
    ('屆', '届'),
    ('週', '周'),
    ('歲', '岁'),
    ('點', '点'),
    ('畝', '亩'),
    ('噸', '吨'),
    ('兩', '两'),
    ('與', '与'),
    ('為', '为'),
    ('會', '会'),
    ('議', '议'),
    ('設', '设'),
    ('實', '实'),
    ('現', '现'),
    ('達', '达'),
    ('計', '计'),
    ('總', '总'),
    ('組', '组'),
    ('織', '织'),
    ('導', '导'),
    ('舉', '举'),
    ('辦', '办'),
    ('開', '开'),
    ('參', '参'),
    ('簽', '签'),
    ('協', '协'),
    ('託', '托'),
    ('擁', '拥'),
    ('務', '务'),
    ('體', '体'),
    ('業', '业'),
    ('營', '营'),
    ('運', '运'),
    ('備', '备'),
    ('籌', '筹'),
    ('續', '续'),
    ('穩', '稳'),
    ('積', '积'),
    ('極', '极'),
    ('緊', '紧'),
    ('並', '并'),
    ('經', '经'),
    ('過', '过'),
    ('審', '审'),
    ('劃', '划'),
    ('規', '规'),
    ('標', '标'),
    ('識', '识'),
    ('訪', '访'),
    ('華', '华'),
    ('內', '内'),
    ('區', '区'),
    ('際', '际'),
    ('國', '国'),
    ('級', '级'),
    ('專', '专'),
    ('長', '长'),
    ('東', '东'),
    ('餘', '余'),
    ('約', '约'),
    ('礎', '础'),
    ('數', '数'),
    ('據', '据'),
    ('資', '资'),
    ('貨', '货'),
    ('額', '额'),
    ('價', '价'),
    ('員', '员'),
    ('團', '团'),
    ('隊', '队'),
    ('聯', '联'),
    ('贊', '赞'),
    ('這', '这'),
    ('們', '们'),
    ('後', '后'),
    ('從', '从'),
    ('時', '时'),
    ('歷', '历'),
    ('曆', '历'),
];

/// The simplified form of a traditional character in [`PAIRS`], else the character.
fn simplify(c: char) -> char {
    PAIRS
        .iter()
        .find(|(traditional, _)| *traditional == c)
        .map_or(c, |&(_, simplified)| simplified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_kind_of_line_end_and_drops_a_bom() {
        let found = lines("\u{feff}a\r\nb\rc\n\nd");
        let texts: Vec<String> = found
            .iter()
            .map(|l| l.text.orig_string(0..l.text.len()))
            .collect();
        assert_eq!(texts, ["a", "b", "c", "", "d"]);
        assert_eq!(found[4].number, 5);
    }

    #[test]
    fn matching_is_width_and_script_blind_but_text_is_kept() {
        let text = Text::new("第10項\u{ff1a}進展情況", 3);
        assert!(text.matches_at(0, "第10项:"));
        assert_eq!(text.find("进展情况", 0), Some(5));
        assert_eq!(text.orig_string(0..5), "第10項\u{ff1a}");
        assert_eq!(text.line_at(4), 3);
    }

    #[test]
    fn trims_any_width_of_space() {
        let text = Text::new("\u{3000} 甲乙 \t", 1);
        assert_eq!(text.trimmed(), 2..4);
    }

    #[test]
    fn longest_match_wins() {
        let text = Text::new("5批次", 1);
        assert_eq!(text.match_any(1, &["批", "批次"]), Some("批次"));
        assert_eq!(text.match_any(0, &["批"]), None);
    }
}
