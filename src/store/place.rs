//! Naming a place in a document for error messages, without building text until it is needed.

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
