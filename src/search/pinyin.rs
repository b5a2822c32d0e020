//! Pinyin matching: a query of ASCII letters finds Chinese text by full pinyin (`shijiejuyuan`),
//! initials (`sjjylm`) or a mix of both (`shijjylm`), with every reading of a polyphonic character
//! (银行 → `yh` and `yx`, 重庆 → `cq` and `zq`). A match is a run of consecutive Chinese characters.
//!
//! The readings come from `ib-matcher`'s pinyin dictionary, flattened once per process into a
//! table indexed by code point, so matching one text is a single decoding pass plus table reads.

use std::collections::HashMap;
use std::sync::OnceLock;

use ib_matcher::pinyin::{PinyinData, PinyinNotation};

/// The longest query term that is tried as pinyin (in letters).
pub const MAX_PATTERN: usize = 63;

/// First code point in the table: CJK Extension A, then 〇 and the unified ideographs follow.
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

/// One reading, as ASCII letters without tone (`zhong`), packed little-endian into a word so
/// that comparing it with the query is one masked compare.
#[derive(Clone, Copy)]
struct Reading {
    value: u64,
    len: u8,
}

impl Reading {
    #[cfg(test)]
    fn as_string(&self) -> String {
        let bytes = self.value.to_le_bytes();
        String::from_utf8_lossy(&bytes[..self.len as usize]).into_owned()
    }
}

/// The low `len` bytes of a word.
#[inline]
fn mask(len: usize) -> u64 {
    if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    }
}

/// A letters-only query term prepared for pinyin matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    bytes: Vec<u8>,
    /// `windows[i]`: bytes `i..i + 8` as a little-endian word, zero past the end.
    windows: Vec<u64>,
}

impl Pattern {
    /// The pattern for a folded term, when it can be pinyin (see [`is_pattern`]).
    pub fn new(term: &str) -> Option<Pattern> {
        if !is_pattern(term) {
            return None;
        }
        let bytes = term.as_bytes().to_vec();
        let windows = (0..bytes.len())
            .map(|i| {
                let mut word = [0u8; 8];
                let end = (i + 8).min(bytes.len());
                word[..end - i].copy_from_slice(&bytes[i..end]);
                u64::from_le_bytes(word)
            })
            .collect();
        Some(Pattern { bytes, windows })
    }

    /// The bit its first letter must have in a text's initials (see [`Table::encode`]) for the
    /// pattern to have any chance of matching there.
    pub fn first_letter_bit(&self) -> u32 {
        letter_bit(self.bytes[0])
    }
}

/// The distinct readings of a group of characters that read alike.
#[derive(Clone, Copy)]
struct ReadingSet {
    /// Bit `n` is set when some reading starts with letter `n` (`a` = 0).
    initials: u32,
    first: u32,
    count: u32,
}

/// Readings of every character from U+3400 to U+9FFF.
pub struct Table {
    /// Per code point: index into `sets`, 0 when the character has no reading.
    ids: Vec<u16>,
    sets: Vec<ReadingSet>,
    readings: Vec<Reading>,
}

/// The process-wide table, built on first use (a few milliseconds).
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(Table::build)
}

impl Table {
    fn build() -> Table {
        let data = PinyinData::new(PinyinNotation::Ascii);
        let mut table = Table {
            ids: vec![0; (LAST - FIRST + 1) as usize],
            sets: vec![ReadingSet {
                initials: 0,
                first: 0,
                count: 0,
            }],
            readings: Vec::new(),
        };
        let mut interned: HashMap<Vec<[u8; 6]>, u16> = HashMap::new();
        let mut found: Vec<[u8; 6]> = Vec::new();
        for code in FIRST..=LAST {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            found.clear();
            data.get_pinyins_and_for_each(c, |pinyin| {
                if let Some(ascii) = pinyin.notation(PinyinNotation::Ascii)
                    && let Some(bytes) = reading_bytes(ascii)
                {
                    found.push(bytes);
                }
            });
            if found.is_empty() {
                continue;
            }
            found.sort_unstable();
            found.dedup();
            let next_id = table.sets.len();
            let id = match interned.get(&found) {
                Some(&id) => id,
                None => {
                    let Ok(id) = u16::try_from(next_id) else {
                        continue;
                    };
                    table.add_set(&found);
                    interned.insert(found.clone(), id);
                    id
                }
            };
            table.ids[(code - FIRST) as usize] = id;
        }
        table
    }

    fn add_set(&mut self, readings: &[[u8; 6]]) {
        let first = self.readings.len() as u32;
        let mut initials = 0;
        // longer readings first, so that a full-pinyin query is consumed greedily
        let mut sorted: Vec<Reading> = readings
            .iter()
            .map(|bytes| {
                let mut word = [0u8; 8];
                word[..6].copy_from_slice(bytes);
                Reading {
                    value: u64::from_le_bytes(word),
                    len: bytes.iter().take_while(|&&b| b != 0).count() as u8,
                }
            })
            .collect();
        sorted.sort_by(|a, b| b.len.cmp(&a.len).then(a.value.cmp(&b.value)));
        for reading in &sorted {
            initials |= letter_bit(reading.value as u8);
        }
        self.readings.extend(sorted);
        self.sets.push(ReadingSet {
            initials,
            first,
            count: readings.len() as u32,
        });
    }

    /// The reading set of a character, 0 for none.
    #[inline]
    pub fn id(&self, c: char) -> u16 {
        let code = c as u32;
        if (FIRST..=LAST).contains(&code) {
            self.ids[(code - FIRST) as usize]
        } else {
            0
        }
    }

    /// True when the character has at least one reading.
    #[inline]
    pub fn has_reading(&self, c: char) -> bool {
        self.id(c) != 0
    }

    #[inline]
    fn initials(&self, id: u16) -> u32 {
        self.sets[id as usize].initials
    }

    fn readings(&self, id: u16) -> &[Reading] {
        let set = &self.sets[id as usize];
        &self.readings[set.first as usize..(set.first + set.count) as usize]
    }

    /// The readings of a character.
    #[cfg(test)]
    pub fn readings_of(&self, c: char) -> Vec<String> {
        self.readings(self.id(c))
            .iter()
            .map(Reading::as_string)
            .collect()
    }
}

fn reading_bytes(ascii: &str) -> Option<[u8; 6]> {
    let mut bytes = [0u8; 6];
    if ascii.is_empty() || ascii.len() > 6 || !ascii.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    bytes[..ascii.len()].copy_from_slice(ascii.as_bytes());
    Some(bytes)
}

#[inline]
fn letter_bit(letter: u8) -> u32 {
    1u32 << (letter.wrapping_sub(b'a') & 31)
}

/// True when a (folded) term can be matched as pinyin: ASCII letters only, not too long.
pub fn is_pattern(term: &str) -> bool {
    !term.is_empty() && term.len() <= MAX_PATTERN && term.bytes().all(|b| b.is_ascii_lowercase())
}

/// Per-thread scratch space, reused between texts so matching allocates nothing.
#[derive(Default)]
pub struct Scratch {
    ids: Vec<u16>,
}

/// Finds the leftmost pinyin match of `pattern` in `text`. Returns the matched characters as a
/// char range.
pub fn find(
    table: &Table,
    pattern: &Pattern,
    text: &str,
    scratch: &mut Scratch,
) -> Option<(usize, usize)> {
    let first = pattern.first_letter_bit();
    let ids = &mut scratch.ids;
    ids.clear();
    let mut any = false;
    for c in text.chars() {
        let id = table.id(c);
        any |= table.initials(id) & first != 0;
        ids.push(id);
    }
    if any {
        find_in(table, pattern, ids)
    } else {
        None
    }
}

impl Table {
    /// Appends the reading set of each char of `text` (0 for none); returns the OR of their
    /// initials (see [`Pattern::first_letter_bit`]).
    pub fn encode(&self, text: &str, out: &mut Vec<u16>) -> u32 {
        let mut initials = 0;
        for c in text.chars() {
            let id = self.id(c);
            initials |= self.initials(id);
            out.push(id);
        }
        initials
    }
}

/// Like [`find`], over a text already encoded with [`Table::encode`].
pub fn find_in(table: &Table, pattern: &Pattern, ids: &[u16]) -> Option<(usize, usize)> {
    let first_bit = pattern.first_letter_bit();
    // Failed states are remembered by (pattern position, char): by the char's position in the
    // text when the text is short enough for one word of bits, else by its distance from the
    // start being tried (each char takes at least one letter, so that stays below 64).
    let absolute = ids.len() <= 64;
    let mut failed = [0u64; MAX_PATTERN + 1];
    let mut search = Search {
        table,
        pattern,
        ids,
        base: 0,
    };
    for (start, &id) in ids.iter().enumerate() {
        if table.initials(id) & first_bit == 0 {
            continue;
        }
        if !absolute {
            search.base = start;
            failed[..=pattern.bytes.len()].fill(0);
        }
        if let Some(end) = search.from(start, 0, &mut failed) {
            return Some((start, end));
        }
    }
    None
}

struct Search<'a> {
    table: &'a Table,
    pattern: &'a Pattern,
    ids: &'a [u16],
    /// Subtracted from a char's position to key `failed`.
    base: usize,
}

impl Search<'_> {
    /// Matches `pattern[at..]` from character `pos` on; returns the char after the match.
    /// `failed` remembers states already known to fail, which keeps the search polynomial
    /// however many readings the characters have.
    fn from(&self, pos: usize, at: usize, failed: &mut [u64; MAX_PATTERN + 1]) -> Option<usize> {
        let bytes = &self.pattern.bytes;
        if at == bytes.len() {
            return Some(pos);
        }
        let id = *self.ids.get(pos)?;
        let key = pos - self.base;
        if id == 0 || key >= 64 || failed[at] & (1 << key) != 0 {
            return None;
        }
        let rest = bytes.len() - at;
        let window = self.pattern.windows[at];
        let readings = self.table.readings(id);
        for reading in readings {
            let len = reading.len as usize;
            if rest >= len {
                if window & mask(len) == reading.value
                    && let Some(end) = self.from(pos + 1, at + len, failed)
                {
                    return Some(end);
                }
            } else if reading.value & mask(rest) == window {
                // the query ends inside this reading: `shij` finds 世界
                return Some(pos + 1);
            }
        }
        // a two-letter initial: `zhq` finds 重庆
        if rest >= 2
            && bytes[at + 1] == b'h'
            && matches!(bytes[at], b'z' | b'c' | b's')
            && readings.iter().any(|r| r.value & 0xFFFF == window & 0xFFFF)
            && let Some(end) = self.from(pos + 1, at + 2, failed)
        {
            return Some(end);
        }
        if self.table.initials(id) & letter_bit(bytes[at]) != 0
            && let Some(end) = self.from(pos + 1, at + 1, failed)
        {
            return Some(end);
        }
        failed[at] |= 1 << key;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_str(pattern: &str, text: &str) -> Option<String> {
        let mut scratch = Scratch::default();
        let pattern = Pattern::new(pattern).expect("letters");
        find(table(), &pattern, text, &mut scratch)
            .map(|(s, e)| text.chars().skip(s).take(e - s).collect())
    }

    #[test]
    fn full_pinyin_and_initials() {
        let title = "推动世界剧院联盟等国际组织落户";
        assert_eq!(find_str("sjjylm", title).as_deref(), Some("世界剧院联盟"));
        assert_eq!(find_str("shijiejuyuan", title).as_deref(), Some("世界剧院"));
        assert_eq!(find_str("shijjylm", title).as_deref(), Some("世界剧院联盟"));
        assert_eq!(
            find_str("ydyl", "做好第三届“一带一路”国际合作").as_deref(),
            Some("一带一路")
        );
        assert_eq!(find_str("gjzz", title).as_deref(), Some("国际组织"));
        assert_eq!(find_str("xyz", title), None);
    }

    #[test]
    fn polyphonic_characters() {
        for q in ["yh", "yx", "yinhang", "yinxing"] {
            assert_eq!(find_str(q, "中国银行").as_deref(), Some("银行"), "{q}");
        }
        for q in ["cq", "zq", "chongqing", "zhongqing", "zhq"] {
            assert_eq!(find_str(q, "重庆市").as_deref(), Some("重庆"), "{q}");
        }
        assert!(table().readings_of('行').contains(&"hang".to_string()));
    }

    #[test]
    fn partial_last_syllable_and_runs() {
        assert_eq!(find_str("sh", "世界").as_deref(), Some("世"));
        assert_eq!(find_str("shij", "世界").as_deref(), Some("世界"));
        // a match never crosses a non-Chinese character
        assert_eq!(find_str("sj", "世 界"), None);
        assert_eq!(find_str("wy", "abc外语").as_deref(), Some("外语"));
    }

    #[test]
    fn pathological_patterns_finish() {
        let text = "啊".repeat(200);
        let pattern = "a".repeat(63);
        assert!(find_str(&pattern, &text).is_some());
        let pattern = format!("{}z", "a".repeat(62));
        assert_eq!(find_str(&pattern, &text), None);
    }
}
