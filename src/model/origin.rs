//! Where a loaded JSON object came from: its exact text, so an object nobody edited is written back
//! byte for byte, and an edited one keeps its unknown fields, key order and number spellings.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// The text an object was read from, shared with the rest of its file.
///
/// Two origins always compare equal: an object's *value* is what equality is about, and where it
/// was read from does not change that. This lets the data types derive `PartialEq` while carrying
/// their origin along.
#[derive(Clone, Default)]
pub struct Origin {
    source: Option<(Arc<str>, Range<usize>)>,
    edited: bool,
}

impl Origin {
    /// An object read from `text[span]`.
    pub fn new(text: Arc<str>, span: Range<usize>) -> Origin {
        debug_assert!(text.get(span.clone()).is_some());
        Origin {
            source: Some((text, span)),
            edited: false,
        }
    }

    /// The exact text the object was read from, if it was read at all.
    pub fn text(&self) -> Option<&str> {
        self.source
            .as_ref()
            .and_then(|(text, span)| text.get(span.clone()))
    }

    /// The whole file text and the object's place in it.
    pub fn parts(&self) -> Option<(&Arc<str>, Range<usize>)> {
        self.source
            .as_ref()
            .map(|(text, span)| (text, span.clone()))
    }

    /// Records that the object may differ from its text, so a writer must compare before reusing it.
    pub fn mark_edited(&mut self) {
        self.edited = true;
    }

    /// True when the object was read from text and has not been handed out for editing since.
    pub fn is_pristine(&self) -> bool {
        self.source.is_some() && !self.edited
    }
}

impl PartialEq for Origin {
    fn eq(&self, _: &Origin) -> bool {
        true
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Some((_, span)) => write!(f, "Origin({span:?}, edited: {})", self.edited),
            None => f.write_str("Origin(new)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposes_its_text_and_tracks_edits() {
        let text: Arc<str> = Arc::from("[{\"a\": 1}]");
        let mut origin = Origin::new(text, 1..9);
        assert_eq!(origin.text(), Some("{\"a\": 1}"));
        assert!(origin.is_pristine());
        origin.mark_edited();
        assert!(!origin.is_pristine());
        assert_eq!(origin.text(), Some("{\"a\": 1}"));
    }

    #[test]
    fn new_objects_have_no_text() {
        let origin = Origin::default();
        assert_eq!(origin.text(), None);
        assert!(!origin.is_pristine());
        assert_eq!(origin, Origin::new(Arc::from("x"), 0..1));
    }
}
