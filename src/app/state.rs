//! Everything the interface knows at one moment: the loaded files, which items the list shows and
//! in what order, what is selected and focused, scroll positions, and the footer message.

use std::path::PathBuf;

use ratatui::layout::Rect;

use crate::layout::Panes;
use crate::model::{Document, Item};
use crate::store::Loaded;

/// Which item a list row shows: a file and an item position in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemRef {
    pub file: usize,
    pub item: usize,
}

/// The panes that take keyboard focus, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Items,
    Timeline,
    Metrics,
}

impl Pane {
    pub fn next(self) -> Pane {
        match self {
            Pane::Items => Pane::Timeline,
            Pane::Timeline => Pane::Metrics,
            Pane::Metrics => Pane::Items,
        }
    }

    pub fn previous(self) -> Pane {
        self.next().next()
    }
}

/// What the screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The three panes.
    #[default]
    Browse,
    /// The selected item full-screen.
    Zoom,
    /// The key help over the current screen.
    Help,
}

/// A line for the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// The whole interface state. Changed only by [`crate::app::update`].
#[derive(Debug, Clone, Default)]
pub struct State {
    pub files: Vec<Loaded>,
    /// The rows of the item list, in display order.
    pub rows: Vec<ItemRef>,
    /// Index into `rows`.
    pub selected: usize,
    /// The first row drawn in the list.
    pub list_offset: usize,
    pub focus: Pane,
    pub mode: Mode,
    /// The mode to return to when help closes.
    pub help_return: Mode,
    /// Lines scrolled in the timeline, metrics, zoom and help views.
    pub timeline_scroll: usize,
    pub metrics_scroll: usize,
    pub zoom_scroll: usize,
    pub help_scroll: usize,
    /// The terminal's size, as last reported.
    pub screen: Rect,
    pub message: Option<Message>,
    pub quit: bool,
}

impl State {
    /// A state showing every item of `files` in file order.
    pub fn new(files: Vec<Loaded>, screen: Rect) -> State {
        let rows = all_rows(&files);
        State {
            files,
            rows,
            screen,
            ..State::default()
        }
    }

    pub fn document(&self, file: usize) -> Option<&Document> {
        self.files.get(file).map(|f| &f.doc)
    }

    pub fn path(&self, file: usize) -> Option<&PathBuf> {
        self.files.get(file).map(|f| &f.path)
    }

    /// The item a row shows.
    pub fn item(&self, row: ItemRef) -> Option<&Item> {
        self.document(row.file)?.item(row.item)
    }

    /// The selected row, if the list is not empty.
    pub fn selected_ref(&self) -> Option<ItemRef> {
        self.rows.get(self.selected).copied()
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.selected_ref().and_then(|row| self.item(row))
    }

    /// The file the selected item belongs to (or the first file).
    pub fn selected_document(&self) -> Option<&Document> {
        let file = self.selected_ref().map_or(0, |row| row.file);
        self.document(file)
    }

    /// Every item across all files.
    pub fn total_items(&self) -> usize {
        self.files.iter().map(|f| f.doc.items().len()).sum()
    }

    pub fn panes(&self) -> Panes {
        Panes::new(self.screen)
    }
}

/// One row per item, files in order, items in file order.
pub fn all_rows(files: &[Loaded]) -> Vec<ItemRef> {
    files
        .iter()
        .enumerate()
        .flat_map(|(file, loaded)| {
            (0..loaded.doc.items().len()).map(move |item| ItemRef { file, item })
        })
        .collect()
}
