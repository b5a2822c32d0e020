//! Case and width folding, applied alike to the indexed text and to the query, so that `Budget`,
//! `BUDGET` and full-width `ＢＵＤＧＥＴ` all find `budget`. Folding maps every char to exactly one
//! char, so char positions in folded text are char positions in the original. Width folding itself
//! is [`crate::text::half_width`].

use crate::text::half_width;

/// The folded form of one char.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        // CJK punctuation, kana and ideographs have no case: the common path for Chinese text.
        '\u{3001}'..='\u{9FFF}' => c,
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

/// Appends the folded form of `text` to `out`; returns the number of chars written.
pub fn fold_into(text: &str, out: &mut String) -> usize {
    let mut chars = 0;
    for c in text.chars() {
        out.push(fold_char(c));
        chars += 1;
    }
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
    fn bits_cover_their_chars() {
        let bits = char_bits("外语abc");
        for c in "外语abc".chars() {
            assert_ne!(bits & char_bit(c), 0);
        }
        assert_eq!(bits & char_bit('z'), 0);
    }
}
