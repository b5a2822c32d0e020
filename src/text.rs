//! Making text from files safe and tidy for a terminal: control characters, escape sequences and
//! bidirectional overrides are replaced by visible stand-ins before anything is drawn or printed,
//! and text is cut or wrapped by screen cells so wide (CJK) characters stay aligned.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// Replaces everything that could steer a terminal with a harmless visible character. Line breaks
/// and tabs become spaces, so the result is always one line.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_plain) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter_map(|c| stand_in(c, true)).collect())
}

/// Like [`clean_line`] but keeps line breaks (`\n`; `\r\n` counts as one).
pub fn clean_text(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| c == '\n' || is_plain(c)) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    Cow::Owned(text.chars().filter_map(|c| stand_in(c, false)).collect())
}

fn is_plain(c: char) -> bool {
    !(c.is_control() || is_format_hazard(c))
}

/// Characters that reorder or hide text (bidi controls, zero-width marks) and so can make what is
/// drawn differ from what is stored.
fn is_format_hazard(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// What a character is drawn as: itself, a visible stand-in, or nothing.
fn stand_in(c: char, one_line: bool) -> Option<char> {
    match c {
        '\n' if !one_line => Some('\n'),
        '\n' | '\t' | '\r' => Some(' '),
        // C0 controls become their Unicode "control picture" (␛ for ESC), DEL becomes ␡.
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32),
        '\u{7F}' => Some('\u{2421}'),
        // C1 controls (which some terminals obey like ESC sequences) and format hazards.
        _ if c.is_control() || is_format_hazard(c) => Some('\u{FFFD}'),
        _ => Some(c),
    }
}

/// How many terminal cells `text` takes.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` cells, ending with `…` when something was cut. A wide character
/// that would straddle the edge is left out, so the result never exceeds `max` cells.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// Pads `text` with spaces on the right to exactly `cells` cells (cutting it first if needed).
pub fn pad(text: &str, cells: usize) -> String {
    let cut = truncate(text, cells);
    let fill = cells.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// Pads on the left to `cells` cells (for numbers and ids).
pub fn pad_left(text: &str, cells: usize) -> String {
    let cut = truncate(text, cells);
    let fill = cells.saturating_sub(width(&cut));
    format!("{}{cut}", " ".repeat(fill))
}

/// Wraps cleaned text to `cells` cells per line, breaking between CJK characters and at spaces.
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    let clean = clean_text(text);
    let mut lines = Vec::new();
    for paragraph in clean.split('\n') {
        if paragraph.is_empty() {
            lines.push(String::new());
            continue;
        }
        let options = textwrap::Options::new(cells).break_words(true);
        lines.extend(
            textwrap::wrap(paragraph, options)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let hostile = "a\u{1b}]2;title\u{7}b\u{1b}[2Jc\u{9b}31m\u{202e}d";
        let clean = clean_line(hostile);
        assert!(!clean.chars().any(|c| c.is_control()), "{clean:?}");
        assert_eq!(clean, "a␛]2;title␇b␛[2Jc\u{FFFD}31m\u{FFFD}d");
    }

    #[test]
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(clean_line("外语标识 531 条"), Cow::Borrowed(_)));
        assert!(matches!(clean_text("一是…\n二是…"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_breaks_are_spaces_on_one_line_and_kept_in_text() {
        assert_eq!(clean_line("a\nb\tc\r\n"), "a b c  ");
        assert_eq!(clean_text("a\r\nb\u{1b}"), "a\nb␛");
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("外语标识台账", 7), "外语标…");
        assert_eq!(width(&truncate("外语标识台账", 7)), 7);
        assert_eq!(truncate("外语标识台账", 6), "外语…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(pad("外语", 5), "外语 ");
        assert_eq!(pad_left("14", 4), "  14");
    }

    #[test]
    fn wrapping_breaks_chinese_text_within_the_width() {
        let lines = wrap("指导建立三大文化设施外语标识台账,包括北京艺术中心531条", 10);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(width(line) <= 10, "{line:?} is too wide");
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            "指导建立三大文化设施外语标识台账,包括北京艺术中心531条"
        );
    }
}
