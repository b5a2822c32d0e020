//! One file's worth of data: the report's header and its items, with the invariants the format
//! promises (ids unique and non-empty) kept by the only methods that change the item list.

use std::ops::Range;
use std::sync::Arc;

use super::{Date, Item, Origin};

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// The report-level fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    /// The `tally` version field as written; `None` when the file leaves it out (meaning 1).
    pub format: Option<u64>,
    pub title: String,
    /// The issuing body.
    pub source: Option<String>,
    pub published: Option<Date>,
    pub period: Option<Period>,
}

/// The stretch of time a report covers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Period {
    pub label: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub origin: Origin,
}

/// A loaded or new report: header plus items.
///
/// The items are shared: [`Document::shared_items`] hands out the list as it is now without
/// copying it (a search index is built from it on another thread), and the first change after
/// that copies it once, leaving the other holder's list as it was.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub header: Header,
    items: Arc<Vec<Item>>,
    /// The whole text the document was read from, when it was read.
    pub origin: Origin,
    /// Where the header and items sat in that text, so a writer can splice edits into it.
    pub layout: Option<Arc<Layout>>,
}

/// The shape of a loaded file's text: what a writer needs to change only the edited items' bytes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The header as it was read; when it still matches, the text around the items is kept.
    pub header: Header,
    /// Byte offset just after the items array's `[`.
    pub items_open: usize,
    /// Byte offset of the items array's `]`.
    pub items_close: usize,
    /// Where each item's text was.
    pub item_spans: Vec<Range<usize>>,
}

/// Why an item could not be added or renamed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ItemError {
    #[error("an item id cannot be empty")]
    EmptyId,
    #[error("id `{0}` is already used in this file")]
    DuplicateId(String),
    #[error("no item with id `{0}`")]
    NoSuchId(String),
}

impl Document {
    /// A new, empty report.
    pub fn new(title: impl Into<String>) -> Document {
        Document {
            header: Header {
                format: Some(FORMAT_VERSION),
                title: title.into(),
                ..Header::default()
            },
            ..Document::default()
        }
    }

    /// Builds a document from parts already checked by the loader.
    pub fn from_parts(
        header: Header,
        items: Vec<Item>,
        origin: Origin,
        layout: Option<Layout>,
    ) -> Document {
        Document {
            header,
            items: Arc::new(items),
            origin,
            layout: layout.map(Arc::new),
        }
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The item list as it is now, shared rather than copied; later changes do not reach it.
    pub fn shared_items(&self) -> Arc<Vec<Item>> {
        Arc::clone(&self.items)
    }

    /// The list for changing, copied first if someone still shares it.
    fn items_mut(&mut self) -> &mut Vec<Item> {
        Arc::make_mut(&mut self.items)
    }

    pub fn item(&self, index: usize) -> Option<&Item> {
        self.items.get(index)
    }

    /// The item for editing. Its id must stay unique: use [`Document::rename`] to change it.
    pub fn item_mut(&mut self, index: usize) -> Option<&mut Item> {
        let item = self.items_mut().get_mut(index)?;
        item.origin.mark_edited();
        Some(item)
    }

    /// The position of the item with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|item| item.id == id)
    }

    /// Inserts an item at `index` (clamped to the end), keeping ids unique.
    pub fn insert(&mut self, index: usize, item: Item) -> Result<usize, ItemError> {
        self.check_new_id(&item.id)?;
        let index = index.min(self.items.len());
        self.items_mut().insert(index, item);
        Ok(index)
    }

    /// Appends an item, keeping ids unique.
    pub fn push(&mut self, item: Item) -> Result<usize, ItemError> {
        self.insert(self.items.len(), item)
    }

    /// Removes and returns the item at `index`.
    pub fn remove(&mut self, index: usize) -> Option<Item> {
        (index < self.items.len()).then(|| self.items_mut().remove(index))
    }

    /// Swaps two items' places; out-of-range indices change nothing.
    pub fn swap(&mut self, a: usize, b: usize) -> bool {
        let ok = a < self.items.len() && b < self.items.len();
        if ok {
            self.items_mut().swap(a, b);
        }
        ok
    }

    /// Puts an item back exactly as it was (used by undo), replacing whatever is at `index`.
    pub fn replace(&mut self, index: usize, item: Item) -> Option<Item> {
        if index >= self.items.len() {
            return None;
        }
        Some(std::mem::replace(&mut self.items_mut()[index], item))
    }

    /// Changes an item's id, keeping ids unique.
    pub fn rename(&mut self, index: usize, id: &str) -> Result<(), ItemError> {
        let current = self.items.get(index).map(|item| item.id.as_str());
        if current != Some(id) {
            self.check_new_id(id)?;
        }
        let item = self
            .item_mut(index)
            .ok_or_else(|| ItemError::NoSuchId(id.to_string()))?;
        item.id = id.to_string();
        Ok(())
    }

    /// The smallest whole number above every numeric id, as text: the id people expect next.
    pub fn next_free_id(&self) -> String {
        let highest = self
            .items
            .iter()
            .filter_map(|item| item.id.trim().parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let mut candidate = highest.saturating_add(1);
        while self.position(&candidate.to_string()).is_some() {
            candidate = candidate.saturating_add(1);
        }
        candidate.to_string()
    }

    fn check_new_id(&self, id: &str) -> Result<(), ItemError> {
        if id.trim().is_empty() {
            return Err(ItemError::EmptyId);
        }
        if self.position(id).is_some() {
            return Err(ItemError::DuplicateId(id.to_string()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with(ids: &[&str]) -> Document {
        let mut doc = Document::new("t");
        for id in ids {
            doc.push(Item::new(*id, format!("item {id}"))).unwrap();
        }
        doc
    }

    #[test]
    fn ids_stay_unique() {
        let mut doc = doc_with(&["10", "11"]);
        assert_eq!(
            doc.push(Item::new("10", "again")),
            Err(ItemError::DuplicateId("10".into()))
        );
        assert_eq!(doc.push(Item::new(" ", "blank")), Err(ItemError::EmptyId));
        assert_eq!(
            doc.rename(0, "11"),
            Err(ItemError::DuplicateId("11".into()))
        );
        assert_eq!(doc.rename(0, "10"), Ok(()));
        assert_eq!(doc.items().len(), 2);
    }

    #[test]
    fn next_free_id_follows_the_highest_number() {
        assert_eq!(doc_with(&["10", "126", "第3项"]).next_free_id(), "127");
        assert_eq!(doc_with(&[]).next_free_id(), "1");
    }

    #[test]
    fn handing_out_an_item_marks_it_edited() {
        let mut doc = doc_with(&["1"]);
        doc.items_mut()[0].origin = Origin::new(std::sync::Arc::from("{}"), 0..2);
        assert!(doc.items()[0].origin.is_pristine());
        doc.item_mut(0).unwrap().title.push('!');
        assert!(!doc.items()[0].origin.is_pristine());
    }

    #[test]
    fn a_shared_list_keeps_its_items_when_the_document_changes() {
        let mut doc = doc_with(&["1", "2"]);
        let shared = doc.shared_items();
        doc.item_mut(0).unwrap().title = "changed".into();
        doc.remove(1);
        assert_eq!(shared.len(), 2);
        assert_ne!(shared[0].title, "changed");
        assert_eq!(doc.items().len(), 1);
        assert_eq!(doc.items()[0].title, "changed");
    }

    #[test]
    fn swap_and_remove_respect_bounds() {
        let mut doc = doc_with(&["1", "2"]);
        assert!(doc.swap(0, 1));
        assert!(!doc.swap(1, 2));
        assert_eq!(doc.items()[0].id, "2");
        assert_eq!(doc.remove(5), None);
        assert_eq!(doc.remove(0).map(|i| i.id), Some("2".to_string()));
    }
}
