//! The terminal's output stream with the cursor moves it does not need taken out. ratatui's
//! crossterm backend moves the cursor before every cell that does not follow the one drawn just
//! before it, and so after each double-width character (which covers two cells): for Chinese
//! text that is one `ESC [ row ; col H` per character, 42% of a frame. This writer follows where
//! the terminal's cursor really is (each printed character moves it by its width) and drops a
//! move to the place the cursor already is. Anything it does not follow (control characters,
//! escape sequences other than colours and moves, characters whose width terminals disagree on)
//! makes the position unknown, and the next move is then always sent.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

/// A writer to the terminal that drops cursor moves to where the cursor already is. Bytes are
/// kept until `flush`, which sends them, filtered, in one write.
#[derive(Debug)]
pub struct CursorWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
    out: Vec<u8>,
    /// Where the terminal's cursor is (row, column, counted from 0), when known.
    cursor: Option<(u32, u32)>,
}

impl<W: Write> CursorWriter<W> {
    pub fn new(inner: W) -> CursorWriter<W> {
        CursorWriter {
            inner,
            pending: Vec::new(),
            out: Vec::new(),
            cursor: None,
        }
    }

    /// The writer underneath.
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    /// Forgets where the cursor is (after something else wrote to the terminal).
    pub fn forget_cursor(&mut self) {
        self.cursor = None;
    }

    /// Filters `pending` into `out`.
    fn filter(&mut self) {
        let bytes = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == 0x1b {
                i = self.escape(&bytes, i);
            } else {
                i = self.text(&bytes, i);
            }
        }
        self.pending = bytes;
        self.pending.clear();
    }

    /// An escape sequence at `start`; returns where the next thing starts.
    fn escape(&mut self, bytes: &[u8], start: usize) -> usize {
        let Some(b'[') = bytes.get(start + 1) else {
            self.cursor = None;
            let end = (start + 2).min(bytes.len());
            self.out.extend_from_slice(&bytes[start..end]);
            return end;
        };
        // CSI: parameters and intermediates up to a final byte in 0x40..=0x7E
        let Some(offset) = bytes[start + 2..]
            .iter()
            .position(|b| (0x40..=0x7e).contains(b))
        else {
            self.cursor = None;
            self.out.extend_from_slice(&bytes[start..]);
            return bytes.len();
        };
        let end = start + 2 + offset + 1;
        let sequence = &bytes[start..end];
        match bytes[end - 1] {
            b'm' => self.out.extend_from_slice(sequence),
            b'H' => {
                let target = move_target(&bytes[start + 2..end - 1]);
                if target.is_none() || target != self.cursor {
                    self.out.extend_from_slice(sequence);
                }
                self.cursor = target;
            }
            _ => {
                self.cursor = None;
                self.out.extend_from_slice(sequence);
            }
        }
        end
    }

    /// Printed text at `start`, up to the next escape; returns where it ends.
    fn text(&mut self, bytes: &[u8], start: usize) -> usize {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == 0x1b)
            .map_or(bytes.len(), |offset| start + offset);
        let run = &bytes[start..end];
        self.out.extend_from_slice(run);
        match std::str::from_utf8(run) {
            Ok(text) => text.chars().for_each(|c| self.advance(c)),
            Err(_) => self.cursor = None,
        }
        end
    }

    /// Moves the known cursor past a printed character.
    fn advance(&mut self, c: char) {
        let Some((row, column)) = self.cursor else {
            return;
        };
        self.cursor = match c.width() {
            _ if c.is_control() => None,
            Some(1) => Some((row, column + 1)),
            Some(2) if surely_wide(c) => Some((row, column + 2)),
            _ => None,
        };
    }
}

/// `row;col` (1-based) of a cursor move, as a 0-based (row, column); `None` for any other form.
fn move_target(parameters: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(parameters).ok()?;
    let (row, column) = text.split_once(';')?;
    let row: u32 = row.parse().ok()?;
    let column: u32 = column.parse().ok()?;
    Some((row.checked_sub(1)?, column.checked_sub(1)?))
}

/// Characters every terminal draws two cells wide: CJK ideographs and punctuation, kana, hangul
/// and full-width forms (not emoji, whose width terminals disagree on).
fn surely_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

impl<W: Write> Write for CursorWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.filter();
        if !self.out.is_empty() {
            let result = self.inner.write_all(&self.out);
            self.out.clear();
            if result.is_err() {
                self.cursor = None;
            }
            result?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for CursorWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(bytes: &[u8]) -> Vec<u8> {
        let mut writer = CursorWriter::new(Vec::new());
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
        writer.inner.clone()
    }

    #[test]
    fn a_move_to_where_the_cursor_is_after_wide_characters_is_dropped() {
        let out = through("\x1b[1;1H北京\x1b[1;5H外办\x1b[2;1Hx".as_bytes());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\x1b[1;1H北京外办\x1b[2;1Hx"
        );
    }

    #[test]
    fn colours_keep_the_position_and_other_sequences_forget_it() {
        let out = through("\x1b[1;1H北\x1b[31m\x1b[1;3H京\x1b[2J\x1b[1;5Hx".as_bytes());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\x1b[1;1H北\x1b[31m京\x1b[2J\x1b[1;5Hx"
        );
    }

    #[test]
    fn moves_after_characters_of_uncertain_width_are_kept() {
        let out = through("\x1b[1;1H😀\x1b[1;3Hx\x1b[1;4H\ty\x1b[1;6Hz".as_bytes());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\x1b[1;1H😀\x1b[1;3Hx\ty\x1b[1;6Hz"
        );
    }

    #[test]
    fn a_move_split_across_writes_is_read_whole() {
        let mut writer = CursorWriter::new(Vec::new());
        writer.write_all("\x1b[1;1H北".as_bytes()).unwrap();
        writer.write_all(b"\x1b[1;").unwrap();
        writer.write_all(b"3Hx").unwrap();
        writer.flush().unwrap();
        assert_eq!(
            String::from_utf8(writer.inner.clone()).unwrap(),
            "\x1b[1;1H北x"
        );
    }
}
