//! Case, width and script folding, applied alike to the indexed text and to the query, so that
//! `Budget`, `BUDGET` and full-width `ＢＵＤＧＥＴ` all find `budget`, and Traditional `國際` finds
//! Simplified `国际` and the reverse (both fold to Simplified, one character at a time, with the
//! `fast2s` table). Folding maps every char to exactly one char, so char positions in folded text
//! are char positions in the original. Width folding itself is [`crate::text::half_width`].

use std::sync::OnceLock;

use crate::text::half_width;

/// The ideographs the Traditional → Simplified table covers: CJK Extension A and the Unified
/// Ideographs block, where every Traditional character with a Simplified form lives.
const HAN_FIRST: u32 = 0x3400;
const HAN_LAST: u32 = 0x9FFF;

/// The Simplified form of each char from [`HAN_FIRST`] to [`HAN_LAST`], built on first use.
static SIMPLIFIED: OnceLock<Box<[char]>> = OnceLock::new();

/// Looks every covered char up once: one conversion of all of them, each standing alone (a space
/// on both sides), so no phrase rule applies and the result is a plain char-to-char table.
fn simplified_table() -> Box<[char]> {
    let chars: Vec<char> = (HAN_FIRST..=HAN_LAST).filter_map(char::from_u32).collect();
    let mut text = String::with_capacity(chars.len() * 4);
    for &c in &chars {
        text.push(c);
        text.push(' ');
    }
    let converted: Vec<char> = fast2s::convert(&text).chars().step_by(2).collect();
    if converted.len() == chars.len() {
        converted.into_boxed_slice()
    } else {
        chars.into_boxed_slice()
    }
}

/// The Simplified form of a Han character (the char itself when it has none).
#[inline]
pub fn simplified(c: char) -> char {
    let at = (c as u32).wrapping_sub(HAN_FIRST) as usize;
    SIMPLIFIED
        .get_or_init(simplified_table)
        .get(at)
        .copied()
        .unwrap_or(c)
}

/// The folded form of one char.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        // ideographs have no case; Traditional ones fold to Simplified
        '\u{3400}'..='\u{9FFF}' => simplified(c),
        // CJK punctuation and kana have no case
        '\u{3001}'..='\u{33FF}' => c,
        // general punctuation (quotes, dashes, ellipses) has no case either
        '\u{2000}'..='\u{206F}' => c,
        '\u{3000}' | '\u{FF01}'..='\u{FF5E}' => half_width(c).to_ascii_lowercase(),
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(single), None) => single,
                _ => c,
            }
        }
    }
}

/// Appends the folded form of `text` to `out`; returns the number of chars written. Runs of chars
/// that fold to themselves (most of a Chinese text) are copied whole.
pub fn fold_into(text: &str, out: &mut String) -> usize {
    out.reserve(text.len());
    let mut chars = 0;
    let mut run = 0;
    for (at, c) in text.char_indices() {
        let folded = fold_char(c);
        if folded != c {
            out.push_str(&text[run..at]);
            out.push(folded);
            run = at + c.len_utf8();
        }
        chars += 1;
    }
    out.push_str(&text[run..]);
    chars
}

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// A 128-bit set of the chars in a text, for rejecting texts that lack one of a term's chars
/// before any real matching. Printable ASCII has a bit of its own; other chars share bits by hash.
#[inline]
pub fn char_bit(c: char) -> u128 {
    let code = c as u32;
    let bit = if code < 128 {
        code
    } else {
        code.wrapping_mul(0x9E37_79B1) >> 25
    };
    1u128 << bit
}

/// A 128-bit char set folded to 64 bits: still a superset test, half the size, for per-field use.
#[inline]
pub fn fold_bits(bits: u128) -> u64 {
    (bits as u64) | ((bits >> 64) as u64)
}

#[cfg(test)]
fn char_bits(text: &str) -> u128 {
    text.chars().fold(0, |bits, c| bits | char_bit(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_width_keeping_length() {
        assert_eq!(fold("Budget ＢＵＤＧＥＴ　预算Ä"), "budget budget 预算ä");
        for text in ["İstanbul", "ß", "ﬁ", "Straße", "ǅ", "预算"] {
            assert_eq!(fold(text).chars().count(), text.chars().count(), "{text}");
        }
        assert_eq!(fold("：＃！＜＞"), ":#!<>");
    }

    #[test]
    fn traditional_and_simplified_fold_alike() {
        assert_eq!(fold("國際會議"), "国际会议");
        assert_eq!(fold("国际会议"), "国际会议");
        assert_eq!(fold("臺灣 發展 進展"), fold("台湾 发展 进展"));
        assert_eq!(fold("乾隆"), fold("干隆"), "char by char, no phrase rules");
        assert_eq!(fold("外語標識"), "外语标识");
        for text in ["國際", "龜", "\u{3400}", "\u{9FFF}", "一"] {
            assert_eq!(fold(text).chars().count(), text.chars().count(), "{text}");
        }
        assert_eq!(simplified('a'), 'a');
        assert_eq!(simplified('。'), '。');
    }

    #[test]
    fn bits_cover_their_chars() {
        let bits = char_bits("外语abc");
        for c in "外语abc".chars() {
            assert_ne!(bits & char_bit(c), 0);
        }
        assert_eq!(bits & char_bit('z'), 0);
    }
}
