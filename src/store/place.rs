//! Naming a place in a document for error messages, without building text until it is needed.

use crate::lang::Phrase;

/// Where in the document something is, for messages; written out only when there is a problem,
/// so loading a large file builds no message text.
#[derive(Clone, Copy)]
pub(super) enum Place<'a> {
    /// Fixed words, like "`title`".
    Text(&'static str),
    /// "item 3" (by position, before the id is known).
    Item(usize),
    /// `item "14"`.
    Id(&'a str),
    /// "{place}: `key`".
    Field(&'a Place<'a>, &'static str),
    /// "{place}: progress note 2".
    Nth(&'a Place<'a>, &'static str, usize),
    /// "{place} entry".
    Entry(&'a Place<'a>),
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Text(text) => f.write_str(text),
            Place::Item(index) => write!(f, "item {}", index + 1),
            Place::Id(id) => write!(f, "item \"{id}\""),
            Place::Field(place, key) => write!(f, "{place}: `{key}`"),
            Place::Nth(place, what, index) => write!(f, "{place}: {what} {}", index + 1),
            Place::Entry(place) => write!(f, "{place} entry"),
        }
    }
}

impl Place<'_> {
    /// The place in words for any language (its English text is its `Display`).
    pub(super) fn phrase(&self) -> Phrase {
        match self {
            Place::Text(text) => match *text {
                "note" => Phrase::new("place.note"),
                "metric" => Phrase::new("place.metric"),
                "entry" => Phrase::new("place.entry_alone"),
                "conflict" => Phrase::new("place.conflict"),
                "`tally` (the format version)" => Phrase::new("place.format_version"),
                code => Phrase::plain(code),
            },
            Place::Item(index) => Phrase::new("place.item").arg("n", index + 1),
            Place::Id(id) => Phrase::new("place.id").arg("id", crate::text::clean_line(id)),
            Place::Field(place, key) => Phrase::new("place.field")
                .with("place", place.phrase())
                .arg("key", key),
            Place::Nth(place, what, index) => {
                let key = match *what {
                    "progress note" => "place.nth_note",
                    "metric" => "place.nth_metric",
                    "history entry" => "place.nth_history",
                    "conflict" => "place.nth_conflict",
                    _ => return Phrase::plain(self.to_string()),
                };
                Phrase::new(key)
                    .with("place", place.phrase())
                    .arg("n", index + 1)
            }
            Place::Entry(place) => Phrase::new("place.entry").with("place", place.phrase()),
        }
    }
}
