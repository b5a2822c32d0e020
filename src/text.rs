//! Making text from files safe and tidy for a terminal: control characters, escape sequences and
//! bidirectional overrides are replaced by visible stand-ins before anything is drawn or printed,
//! and text is cut or wrapped by screen cells so wide (CJK) characters stay aligned. Full-width
//! ASCII forms typed by a Chinese input method are folded to ASCII here ([`half_width`]), for keys,
//! search and numbers alike.
//!
//! The display policy (docs/RELIABILITY.md explains it with the measurements behind it):
//!
//! - C0 controls become their Unicode "control picture" (`␛` for ESC), DEL becomes `␡`, C1 controls
//!   become `�`; tabs and carriage returns become spaces, and line and paragraph separators
//!   (U+2028, U+2029) count as line breaks.
//! - Invisible characters that reorder or hide text — bidirectional controls, zero-width spaces,
//!   word joiners, the byte order mark, interlinear annotations, tag characters, Hangul fillers —
//!   and code points that are unassigned or noncharacters become a visible `�`, so what is drawn
//!   cannot differ from what is stored without showing it.
//! - Characters that only change how their neighbours are drawn are dropped: zero-width joiners
//!   and non-joiners, variation selectors, emoji skin-tone modifiers, the soft hyphen, and the tag
//!   characters that spell a subdivision flag. Terminals disagree about the width of the joined
//!   forms (an emoji family, `❤️`, `👍🏽`); without them every emoji draws as its own characters,
//!   whose widths terminals agree on.
//! - Regional indicators, which pair into flags, are shown as their letters (`🇨🇳` as `CN`), and
//!   halfwidth katakana sound marks (`ﾞ`, `ﾟ`) as the standalone `゛` and `゜`.
//! - Characters counted wider than two cells (only `៘` today) become `�`: terminals draw them
//!   narrower, which would shift everything after them.
//! - Combining marks stay attached to their base character. East Asian ambiguous characters
//!   (`…`, `“`, `①`) take one cell, as in tmux, xterm and most terminals by default.
//!
//! Widths are counted per grapheme cluster exactly as ratatui places them in its buffer, so a line
//! padded here fills exactly the cells ratatui gives it.

use std::borrow::Cow;

use finl_unicode::categories::CharacterCategories;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What a character is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// Itself.
    Keep,
    /// Nothing at all.
    Drop,
    /// A line break.
    Break,
    /// Another, harmless character.
    As(char),
}

/// The stand-in for characters that could hide or reorder text.
pub const STAND_IN: char = '\u{FFFD}';

/// The cancel tag that ends a subdivision flag's tag sequence, and the flag it follows.
const TAG_FLAG: char = '\u{1F3F4}';

fn shown(c: char) -> Shown {
    if c.is_ascii() {
        return match c {
            '\n' => Shown::Break,
            '\t' | '\r' => Shown::As(' '),
            '\u{0}'..='\u{1F}' => Shown::As(char::from_u32(0x2400 + c as u32).unwrap_or(STAND_IN)),
            '\u{7F}' => Shown::As('\u{2421}'),
            _ => Shown::Keep,
        };
    }
    match c {
        '\u{2028}' | '\u{2029}' => Shown::Break,
        // Regional indicators pair into flags that some terminals draw in one cell of two and
        // others in two cells of one, so what ratatui overwrites is not what the terminal erases:
        // each is shown as its letter (🇨🇳 as `CN`).
        '\u{1F1E6}'..='\u{1F1FF}' => {
            Shown::As(char::from_u32(u32::from('A') + (c as u32 - 0x1F1E6)).unwrap_or(STAND_IN))
        }
        // Joiners, selectors and modifiers: they only change how neighbours are drawn.
        '\u{00AD}'
        | '\u{200C}'
        | '\u{200D}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{E0100}'..='\u{E01EF}'
        | '\u{1F3FB}'..='\u{1F3FF}' => Shown::Drop,
        // Halfwidth katakana sound marks join the character before them, and ratatui counts the
        // pair one cell wider than terminals draw it: the standalone marks draw the same everywhere.
        '\u{FF9E}' => Shown::As('\u{309B}'),
        '\u{FF9F}' => Shown::As('\u{309C}'),
        // Fillers that draw as blank space of a width terminals disagree about.
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => Shown::As(STAND_IN),
        _ if c.is_control() || c.is_format() || c.is_unassigned() => Shown::As(STAND_IN),
        // Characters counted wider than two cells (only `៘` today): terminals draw them in
        // one or two, so nothing after them would stand where ratatui put it.
        _ if unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 2 => Shown::As(STAND_IN),
        _ => Shown::Keep,
    }
}

fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0020}'..='\u{E007F}')
}

/// True when `c` is drawn as itself (and is not a line break).
fn is_plain(c: char) -> bool {
    shown(c) == Shown::Keep
}

/// Maps every character by the display policy; `one_line` turns line breaks into spaces.
fn cleaned(text: &str, one_line: bool) -> String {
    let text = if text.contains("\r\n") {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let mut out = String::with_capacity(text.len());
    // Inside a subdivision flag (🏴 followed by tag letters), the tags are dropped.
    let mut in_flag = false;
    for c in text.chars() {
        if is_tag(c) && in_flag {
            continue;
        }
        in_flag = c == TAG_FLAG || (in_flag && is_tag(c));
        match shown(c) {
            Shown::Keep => out.push(c),
            Shown::Drop => {}
            Shown::Break if one_line => out.push(' '),
            Shown::Break => out.push('\n'),
            Shown::As(other) => out.push(other),
        }
    }
    out
}

/// A full-width ASCII form (U+FF01–U+FF5E: `５`, `．`, `：`, `ａ`, as a Chinese input method types
/// them) as its ASCII char, and the ideographic space U+3000 as a space; any other char as it is.
/// The one place width is folded: keys, search text, queries and numbers all go through it.
#[inline]
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Full-width ASCII forms (`５４０`, `３．５`, `－２`) as ASCII, and the ideographic space as a space,
/// as a Chinese input method may type them.
pub fn fold_width(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| half_width(c) == c) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(half_width).collect())
    }
}

/// `1 item`, `2 items`: a count and a noun that takes `s` in the plural.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Every line end (`\r\n`, a lone `\r` as terminals send in a paste, or `\n`) as `\n`.
pub fn unix_line_ends(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Replaces everything that could steer a terminal with a harmless visible character. Line breaks
/// and tabs become spaces, so the result is always one line.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_plain) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(cleaned(text, true))
}

/// For text written into a document (Markdown minutes and exports) rather than drawn: one line,
/// with control characters and the bidirectional controls that could reorder what a reader sees
/// replaced as [`clean_line`] does, and everything else kept as written — emoji sequences,
/// variation selectors and flags included, since no terminal cell has to line up with them.
pub fn clean_for_document(text: &str) -> Cow<'_, str> {
    let hazard = |c: char| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{061C}' | '\u{200E}' | '\u{200F}'
            )
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hazard) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\t' | '\r' | '\u{2028}' | '\u{2029}' => ' ',
                c if hazard(c) => match shown(c) {
                    Shown::As(other) => other,
                    _ => STAND_IN,
                },
                c => c,
            })
            .collect(),
    )
}

/// Like [`clean_line`] but keeps line breaks (`\n`; `\r\n` counts as one).
pub fn clean_text(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| c == '\n' || is_plain(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(cleaned(text, false))
}

/// True when `text` is drawn as it is: nothing in it is replaced, dropped or breaks a line.
pub fn is_clean_line(text: &str) -> bool {
    text.chars().all(is_plain)
}

/// The cells one grapheme cluster takes, counted the way ratatui's buffer counts them.
fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.len() == 1 {
        return 1;
    }
    // Halfwidth katakana sound marks draw as cells of their own in terminals (as ratatui counts).
    let marks = grapheme
        .chars()
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count();
    UnicodeWidthStr::width(grapheme) + marks
}

/// How many terminal cells `text` takes (one line of cleaned text).
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// Cuts `text` to at most `max` cells, ending with `…` when something was cut. A wide character
/// that would straddle the edge is left out, so the result never exceeds `max` cells; a character
/// is never cut from its combining marks.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme_width(grapheme);
        if used + w > max - 1 {
            break;
        }
        out.push_str(grapheme);
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
/// No line is wider than `cells`, however the text is made.
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    let clean = clean_text(text);
    let mut lines = Vec::new();
    for paragraph in clean.split('\n') {
        if paragraph.is_empty() {
            lines.push(String::new());
            continue;
        }
        let mut options = textwrap::Options::new(cells).break_words(true);
        if paragraph.chars().any(needs_dictionary) {
            // Line breaking in these scripts needs dictionaries tally does not carry; without them
            // the breaker (in debug builds) prints a warning over the screen. Spaces and the
            // width limit break them instead.
            options = options.word_separator(textwrap::WordSeparator::AsciiSpace);
        }
        for line in textwrap::wrap(paragraph, options) {
            split_to_width(&line, cells, &mut lines);
        }
    }
    lines
}

/// Like [`wrap`], but at most `max_lines` lines, and only as much of `text` is looked at as those
/// lines can hold — a 10 MB note costs no more than a screenful. The flag is true when `text` goes
/// on past the lines returned.
pub fn wrap_at_most(text: &str, cells: usize, max_lines: usize) -> (Vec<String>, bool) {
    // A line holds at most `cells` graphemes; twice that in characters leaves room for combining
    // marks, and one extra line tells whether there is more.
    let budget = (max_lines + 1)
        .saturating_mul(cells.max(1))
        .saturating_mul(2);
    let (part, cut) = match text.char_indices().nth(budget) {
        Some((end, _)) => (&text[..end], true),
        None => (text, false),
    };
    let mut lines = wrap(part, cells);
    let more = cut || lines.len() > max_lines;
    lines.truncate(max_lines);
    (lines, more)
}

/// Thai, Lao, Myanmar and Khmer: scripts written without spaces between words, whose line breaks
/// come from dictionaries.
fn needs_dictionary(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}'
        | '\u{19E0}'..='\u{19FF}' | '\u{A9E0}'..='\u{A9FF}' | '\u{AA60}'..='\u{AA7F}')
}

/// Pushes `line` as pieces of at most `cells` cells (one grapheme per piece where a single one is
/// wider), cutting only between grapheme clusters.
fn split_to_width(line: &str, cells: usize, out: &mut Vec<String>) {
    if width(line) <= cells {
        out.push(line.to_string());
        return;
    }
    let mut piece = String::new();
    let mut used = 0;
    for grapheme in line.graphemes(true) {
        let w = grapheme_width(grapheme);
        if used + w > cells && !piece.is_empty() {
            out.push(std::mem::take(&mut piece));
            used = 0;
        }
        piece.push_str(grapheme);
        used += w;
    }
    if !piece.is_empty() {
        out.push(piece);
    }
}

/// Makes one cell of a drawn frame safe to send to a terminal, keeping the number of cells it
/// covers. Returns `None` when the symbol is already safe. This is the last line of defence: every
/// text is cleaned before it is laid out, but widgets that draw a user's raw input (the form's text
/// fields) go through here too.
pub fn safe_cell_symbol(symbol: &str) -> Option<String> {
    if symbol.chars().all(is_plain) {
        return None;
    }
    let cells = grapheme_width(symbol).max(1);
    let clean = cleaned(symbol, true);
    let mut out = String::new();
    let mut used = 0;
    for grapheme in clean.graphemes(true) {
        let w = grapheme_width(grapheme);
        if used + w > cells {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push_str(&" ".repeat(cells - used));
    Some(out)
}

/// Escapes, in JSON text, every character that could steer a terminal (C1 controls, bidirectional
/// and other invisible format characters) as `\uXXXX`. JSON's own escaping covers only C0 controls;
/// this keeps JSON output valid and equal in meaning, and safe to print.
pub fn escape_json_hazards(json: &str) -> Cow<'_, str> {
    let safe = |c: char| matches!(c, '\n' | '\t' | '\r') || is_plain(c);
    if json.chars().all(safe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if safe(c) {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_wider_than_two_cells_are_replaced() {
        assert_eq!(clean_line("a៘b"), "a\u{FFFD}b");
        for cells in 0..4 {
            for line in wrap("៘៘", cells) {
                assert!(width(&line) <= cells.max(2), "{line:?} in {cells}");
            }
        }
    }

    #[test]
    fn documents_keep_emoji_sequences_and_lose_what_steers_a_terminal_or_reorders_text() {
        for kept in [
            "👍🏽 好",
            "👨\u{200d}👩\u{200d}👧",
            "❤\u{fe0f}",
            "🇨🇳",
            "第一项",
        ] {
            assert_eq!(clean_for_document(kept), kept);
        }
        let hostile = "a\u{1b}]2;PWNED\u{7}b\u{202e}c\nd";
        let cleaned = clean_for_document(hostile);
        assert!(
            !cleaned.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{cleaned:?}"
        );
        assert!(
            cleaned.contains("PWNED"),
            "the text itself stays readable: {cleaned:?}"
        );
    }

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
        assert_eq!(clean_line("a\nb\tc\r\n"), "a b c ");
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

    #[test]
    fn joiners_selectors_and_modifiers_are_dropped_so_emoji_draw_one_by_one() {
        assert_eq!(clean_line("👨\u{200d}👩\u{200d}👧"), "👨👩👧");
        assert_eq!(width(&clean_line("👨\u{200d}👩\u{200d}👧")), 6);
        assert_eq!(clean_line("❤\u{fe0f}"), "❤");
        assert_eq!(width(&clean_line("❤\u{fe0f}")), 1);
        assert_eq!(clean_line("👍\u{1f3fd}"), "👍");
        assert_eq!(clean_line("soft\u{ad}hyphen"), "softhyphen");
        let scotland = "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        assert_eq!(clean_line(scotland), "🏴");
        assert_eq!(
            clean_line("a\u{e0041}b"),
            "a\u{FFFD}b",
            "a stray tag is shown"
        );
    }

    #[test]
    fn hiding_characters_become_visible() {
        for hidden in [
            '\u{200b}', '\u{200e}', '\u{202e}', '\u{2066}', '\u{feff}', '\u{3164}', '\u{115f}',
            '\u{fff9}', '\u{378}', '\u{ffff}', '\u{9b}', '\u{85}', '\u{180e}',
        ] {
            let text = format!("a{hidden}b");
            assert_eq!(clean_line(&text), "a\u{FFFD}b", "{:?}", hidden);
            assert_eq!(width(&clean_line(&text)), 3);
        }
        assert_eq!(clean_text("a\u{2028}b\u{2029}c"), "a\nb\nc");
        assert_eq!(clean_line("a\u{2028}b"), "a b");
    }

    #[test]
    fn combining_marks_stay_with_their_base_and_widths_follow_graphemes() {
        assert_eq!(clean_line("e\u{301}"), "e\u{301}");
        assert_eq!(width("e\u{301}x"), 2);
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        // Lam-alef: two cells in terminals (and in ratatui), whatever a whole-string width says.
        assert_eq!(width("لا"), 2);
        assert_eq!(width("外语…“①”"), 8);
        assert_eq!(width("🇨🇳"), 2);
        assert_eq!(clean_line("🇨🇳 cn"), "CN cn");
        assert_eq!(clean_line("ｶﾞ"), "ｶ゛");
        assert_eq!(width(&clean_line("ｶﾞ")), 3);
    }

    #[test]
    fn wrapped_lines_never_exceed_the_width() {
        let text = "👨\u{200d}👩\u{200d}👧外语e\u{301}\u{301}لا🇨🇳x\u{1b}[2J".repeat(7);
        for cells in 1..12 {
            for line in wrap(&text, cells) {
                assert!(width(&line) <= cells.max(2), "{line:?} at {cells}");
            }
        }
    }

    #[test]
    fn wrapping_at_most_looks_only_at_what_it_shows() {
        let huge = "外语标识台账,".repeat(1_000_000);
        let started = std::time::Instant::now();
        let (lines, more) = wrap_at_most(&huge, 40, 400);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(lines.len(), 400);
        assert!(more);
        let (lines, more) = wrap_at_most("一\n二\n三", 40, 3);
        assert_eq!((lines.len(), more), (3, false));
        let (lines, more) = wrap_at_most("一\n二\n三", 40, 2);
        assert_eq!((lines.len(), more), (2, true));
    }

    #[test]
    fn unsafe_cells_are_replaced_by_symbols_of_the_same_width() {
        assert_eq!(safe_cell_symbol("a"), None);
        assert_eq!(safe_cell_symbol("外"), None);
        assert_eq!(safe_cell_symbol("\u{1b}").as_deref(), Some("␛"));
        assert_eq!(safe_cell_symbol("a\u{202e}").as_deref(), Some("a"));
        assert_eq!(safe_cell_symbol("👨\u{200d}👩").as_deref(), Some("👨"));
        assert_eq!(safe_cell_symbol("❤\u{fe0f}").as_deref(), Some("❤ "));
        assert_eq!(safe_cell_symbol("\u{200b}").as_deref(), Some("\u{FFFD}"));
    }

    #[test]
    fn json_output_escapes_terminal_hazards_and_stays_equal() {
        let value = serde_json::json!({"t": "a\u{9b}31m\u{202e}b\u{1b}外"});
        let text = serde_json::to_string(&value).unwrap();
        let safe = escape_json_hazards(&text);
        assert!(
            !safe.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
