//! Text that is either a run of the file it was read from, shared with it, or a string of its own.
//! A note's text is most of a report's bytes; kept as a run of the file's text, which stays in
//! memory anyway (saves copy unchanged runs from it), it costs no second copy.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A string, read as `&str` (it derefs to one). Equal to another when the text is, wherever it
/// lives.
#[derive(Clone)]
pub struct SharedText(Inner);

#[derive(Clone)]
enum Inner {
    Own(Box<str>),
    /// `source[start..start + len]`, on character boundaries (checked when made).
    Run {
        source: Arc<str>,
        start: u32,
        len: u32,
    },
}

impl SharedText {
    /// The run `range` of `source`, shared with it (a copy when it lies past 4 GiB, too far in for
    /// the compact form). Empty when `range` is not on character boundaries of `source`: callers
    /// pass the bounds of a string they just read from it.
    pub fn run_of(source: &Arc<str>, range: Range<usize>) -> SharedText {
        let Some(text) = source.get(range.clone()) else {
            return SharedText::default();
        };
        match (u32::try_from(range.start), u32::try_from(text.len())) {
            (Ok(start), Ok(len)) => SharedText(Inner::Run {
                source: Arc::clone(source),
                start,
                len,
            }),
            _ => SharedText::from(text),
        }
    }

    /// A copy that shares nothing with the file's text (see [`crate::model::Origin::detached`]).
    pub fn detached(&self) -> SharedText {
        match &self.0 {
            Inner::Own(_) => self.clone(),
            Inner::Run { .. } => SharedText::from(self.as_str()),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Inner::Own(text) => text,
            Inner::Run { source, start, len } => {
                let start = *start as usize;
                source.get(start..start + *len as usize).unwrap_or_default()
            }
        }
    }
}

impl Default for SharedText {
    fn default() -> SharedText {
        SharedText(Inner::Own(Box::from("")))
    }
}

impl Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> SharedText {
        SharedText(Inner::Own(text.into_boxed_str()))
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> SharedText {
        SharedText(Inner::Own(Box::from(text)))
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_reads_as_its_part_of_the_source_and_equals_the_same_text_of_its_own() {
        let source: Arc<str> = Arc::from("{\"text\": \"一是接待来访\"}");
        let start = source.find('一').expect("the note is there");
        let run = SharedText::run_of(&source, start..source.len() - 2);
        assert_eq!(run.as_str(), "一是接待来访");
        assert_eq!(run, SharedText::from("一是接待来访"));
        assert_eq!(run, "一是接待来访");
        assert_eq!(format!("{run}|{run:?}"), "一是接待来访|\"一是接待来访\"");
        assert_eq!(Arc::strong_count(&source), 2);
    }

    #[test]
    fn a_range_off_the_character_boundaries_makes_no_run() {
        let source: Arc<str> = Arc::from("一二");
        assert_eq!(SharedText::run_of(&source, 1..3), "");
        assert_eq!(SharedText::run_of(&source, 3..6), "二");
    }
}
