//! A document's new text as pieces: runs of the text it was read from, kept by reference, and
//! the new text between them. The interface makes one cheaply; a saving thread writes it out.

use std::ops::Range;
use std::sync::Arc;

/// A document written out: runs of the text it was read from and new text, in order.
#[derive(Clone, Debug, Default)]
pub struct TextToSave {
    source: Option<Arc<str>>,
    pieces: Vec<Piece>,
}

#[derive(Clone, Debug)]
enum Piece {
    Kept(Range<usize>),
    New(String),
}

impl TextToSave {
    pub(super) fn from_source(source: &Arc<str>) -> TextToSave {
        TextToSave {
            source: Some(Arc::clone(source)),
            pieces: Vec::new(),
        }
    }

    /// Adds a run of the source text (joined to the previous run when they touch).
    pub(super) fn kept(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        if let Some(Piece::Kept(last)) = self.pieces.last_mut()
            && last.end == range.start
        {
            last.end = range.end;
            return;
        }
        self.pieces.push(Piece::Kept(range));
    }

    /// The new text at the end, to add to.
    pub(super) fn new_text(&mut self) -> &mut String {
        if !matches!(self.pieces.last(), Some(Piece::New(_))) {
            self.pieces.push(Piece::New(String::new()));
        }
        match self.pieces.last_mut() {
            Some(Piece::New(text)) => text,
            _ => unreachable!("a new piece was just pushed"),
        }
    }

    /// The text, piece by piece.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        let source = self.source.as_deref().unwrap_or_default();
        self.pieces.iter().map(move |piece| match piece {
            Piece::Kept(range) => source.get(range.clone()).unwrap_or_default(),
            Piece::New(text) => text.as_str(),
        })
    }

    /// The length of the text in bytes.
    pub fn len(&self) -> usize {
        self.parts().map(str::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text as one string.
    pub fn into_string(self) -> String {
        let mut out = String::with_capacity(self.len());
        self.parts().for_each(|part| out.push_str(part));
        out
    }
}
