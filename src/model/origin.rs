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
///
/// Every item, note, metric and history point has one, so it is kept small (24 bytes): the place
/// as two 32-bit offsets, the edited mark in the top bit of the end. Files are far smaller than
/// the 2 GiB this allows (tally reads files up to 512 MiB); an object past that is taken as new.
#[derive(Clone, Default)]
pub struct Origin {
    text: Option<Arc<str>>,
    start: u32,
    /// The end of the span, and [`EDITED`].
    end: u32,
}

/// The bit of [`Origin::end`] that marks an object handed out for editing.
const EDITED: u32 = 1 << 31;

impl Origin {
    /// An object read from `text[span]`.
    pub fn new(text: Arc<str>, span: Range<usize>) -> Origin {
        debug_assert!(text.get(span.clone()).is_some());
        match (u32::try_from(span.start), u32::try_from(span.end)) {
            (Ok(start), Ok(end)) if end < EDITED => Origin {
                text: Some(text),
                start,
                end,
            },
            _ => Origin::default(),
        }
    }

    fn span(&self) -> Range<usize> {
        self.start as usize..(self.end & !EDITED) as usize
    }

    /// The exact text the object was read from, if it was read at all.
    pub fn text(&self) -> Option<&str> {
        self.text.as_ref().and_then(|text| text.get(self.span()))
    }

    /// The whole file text and the object's place in it.
    pub fn parts(&self) -> Option<(&Arc<str>, Range<usize>)> {
        self.text.as_ref().map(|text| (text, self.span()))
    }

    /// The same origin holding a copy of the object's own text only, not the whole file's: for an
    /// object kept beyond its file's version (undo steps, edits waiting to be saved), so that
    /// version's text can go once the file was read again.
    pub fn detached(&self) -> Origin {
        let Some(text) = self.text() else {
            return self.clone();
        };
        let mut origin = Origin::new(Arc::from(text), 0..text.len());
        origin.end |= self.end & EDITED;
        origin
    }

    /// Records that the object may differ from its text, so a writer must compare before reusing it.
    pub fn mark_edited(&mut self) {
        self.end |= EDITED;
    }

    /// True when the object was read from text and has not been handed out for editing since.
    pub fn is_pristine(&self) -> bool {
        self.text.is_some() && self.end & EDITED == 0
    }
}

impl PartialEq for Origin {
    fn eq(&self, _: &Origin) -> bool {
        true
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(_) => write!(
                f,
                "Origin({:?}, edited: {})",
                self.span(),
                self.end & EDITED != 0
            ),
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
    fn an_origin_is_small_and_keeps_its_place_when_edited() {
        assert_eq!(std::mem::size_of::<Origin>(), 24);
        let text: Arc<str> = Arc::from("x".repeat(100));
        let mut origin = Origin::new(text, 7..93);
        origin.mark_edited();
        assert_eq!(origin.parts().map(|(_, span)| span), Some(7..93));
        assert!(!origin.is_pristine());
    }

    #[test]
    fn new_objects_have_no_text() {
        let origin = Origin::default();
        assert_eq!(origin.text(), None);
        assert!(!origin.is_pristine());
        assert_eq!(origin, Origin::new(Arc::from("x"), 0..1));
    }
}
