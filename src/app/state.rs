//! Everything the interface knows at one moment: the open files and their unsaved changes, which
//! items the list shows and in what order, what is selected and focused, scroll positions, the
//! open form or dialog, undo history, and the footer message.

use std::path::PathBuf;

use ratatui::layout::Rect;

use super::dialog::ConflictView;
pub use super::dialog::Overlay;
use super::history::History;
pub use super::screen::Screen;
use super::triage::Toward;
use super::view::{GroupBy, Row, SortKey, build_rows, item_row_near};
use crate::layout::Panes;
use crate::model::{Change, Document, Item, Status};
use crate::store::{Fingerprint, Loaded};

/// Which item a list row shows: a file and an item position in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemRef {
    pub file: usize,
    pub item: usize,
}

/// An open file: its document, how the file looked when last read or written, and the changes
/// made since then that are not on disk yet.
#[derive(Debug, Clone)]
pub struct OpenFile {
    pub path: PathBuf,
    pub doc: Document,
    pub fingerprint: Fingerprint,
    /// Changes applied in memory but not yet saved, oldest first.
    pub unsaved: Vec<Change>,
    /// Why the last save failed, while it still has not succeeded.
    pub save_error: Option<String>,
    /// The name new notes are signed with (worked out before the session starts).
    pub author: Option<String>,
}

impl From<Loaded> for OpenFile {
    fn from(loaded: Loaded) -> OpenFile {
        OpenFile {
            path: loaded.path,
            doc: loaded.doc,
            fingerprint: loaded.fingerprint,
            unsaved: Vec::new(),
            save_error: None,
            author: None,
        }
    }
}

impl OpenFile {
    /// The file's name for messages.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    /// The folder the file is in, and its name without the extension: where documents made
    /// from it (minutes, report drafts) are written and what they are called after.
    pub fn folder_and_stem(&self) -> (PathBuf, String) {
        let folder = self
            .path
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        (folder, stem)
    }
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

/// Where the keys go: the screen's or the overlay's mode, or `Conflict` (see [`State::mode`];
/// derived, never stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The three panes.
    #[default]
    Browse,
    /// The selected item full-screen.
    Zoom,
    /// Every note and metric reading since a date, across items.
    Since,
    /// Counts, attention list, overdue items and metric totals.
    Dashboard,
    /// The key help over the current screen.
    Help,
    /// A form takes the keys.
    Form,
    /// The one-key status picker.
    StatusPicker,
    /// A yes/no question.
    Confirm,
    /// A change on disk collided with an unsaved edit (`state.conflicts`).
    Conflict,
    /// The one-key choice for the selected item's first merge conflict.
    MergeConflict,
    /// The search line has the keys.
    Search,
    /// Walking the list one item at a time.
    Triage,
    /// The summary at the end of a triage walk.
    Summary,
}

impl Mode {
    /// Full screens (as opposed to overlays drawn over one).
    pub fn is_screen(self) -> bool {
        matches!(
            self,
            Mode::Browse | Mode::Zoom | Mode::Triage | Mode::Since | Mode::Dashboard
        )
    }
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

impl Message {
    pub fn info(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            level: Level::Info,
        }
    }

    pub fn warning(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            level: Level::Warning,
        }
    }

    pub fn error(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            level: Level::Error,
        }
    }
}

/// The whole interface state. Changed only by [`crate::app::update`].
#[derive(Debug, Clone, Default)]
pub struct State {
    pub files: Vec<OpenFile>,
    /// The item list: its rows, order, filter, selection and window.
    pub list: List,
    pub focus: Pane,
    /// The full screen, with what belongs to it (the triage walk, the since cursor …).
    pub screen: Screen,
    /// Cursors and scroll positions in the selected item's details.
    pub details: Details,
    /// The terminal's size, as last reported.
    pub size: Rect,
    pub message: Option<Message>,
    /// What is drawn over the screen and has the keys (help, search line, a form, a question,
    /// the status picker …), with what it acts on.
    pub overlay: Option<Overlay>,
    /// The search line and filter.
    pub search: super::search::SearchState,
    /// Grows whenever any document changes (edits, undo, reloads), so derived data knows when it
    /// is out of date.
    pub data_version: u64,
    /// Collisions between unsaved edits and changes on disk, waiting for a choice, first shown;
    /// while there are any, they have the keys (over any form or question, which waits).
    pub conflicts: Vec<ConflictView>,
    pub history: History,
    /// Today's date as the session sees it (set by the runtime; fixed in tests).
    pub today: Option<crate::model::Date>,
    /// The date of the since screen, and what it and the dashboard show (see `screens::refresh`).
    pub screens: super::screens::ScreenData,
    /// The clock, as of the last tick.
    pub now: Option<std::time::Instant>,
    /// Triage's timebox and the minutes last written.
    pub meeting: Meeting,
    /// Syncing with the files' git repository, and the commits waiting to be pulled or pushed.
    pub team: super::team::Team,
    pub quit: bool,
    /// The interface language, and what the session may do (edit, copy).
    pub settings: Settings,
    /// Ctrl-Z was pressed: the terminal is to be handed back to the shell until `fg`.
    pub suspend: bool,
}

/// The item list as shown.
#[derive(Debug, Clone, Default)]
pub struct List {
    /// The rows, in display order (derived: see [`State::rebuild_rows`]).
    pub rows: Vec<Row>,
    /// The order and grouping.
    pub sort: SortKey,
    pub group: GroupBy,
    /// The items a search left, best first; `None` shows every item.
    pub filter: Option<Vec<ItemRef>>,
    /// Index into `rows`.
    pub selected: usize,
    /// The first row drawn.
    pub offset: usize,
    /// Derived from the files and rows whenever the rows are rebuilt, so a frame does not count.
    item_rows: usize,
    status_counts: [usize; Status::ALL.len()],
    /// The widest id, in cells (so the id column does not shift while scrolling or filtering).
    id_cells: usize,
    /// The data version the counts above were made for.
    counted_for: Option<u64>,
}

/// Where the selected item's details are: cursors and scroll positions, which start from the top
/// whenever another item is selected.
#[derive(Debug, Clone, Default)]
pub struct Details {
    /// The item (file, id) the positions below belong to.
    pub of: Option<(usize, String)>,
    /// The selected note (in date order) and metric, used when their pane has focus.
    pub note_cursor: usize,
    pub metric_cursor: usize,
    /// Lines scrolled in the timeline, metrics and the full-screen item (zoom, triage).
    pub timeline_scroll: usize,
    pub metrics_scroll: usize,
    pub zoom_scroll: usize,
}

/// How the session was started: its language, and whether it may edit and copy.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The language of the interface's words (the data is shown as it is).
    pub lang: crate::lang::Lang,
    /// Why no edit is allowed (`--read-only`, or a file tally may not write); `None` allows them.
    pub read_only: Option<String>,
    /// `y` does not copy (`osc52 = false` in the config).
    pub copy_off: bool,
}

/// What a meeting carries from one triage walk to the next.
#[derive(Debug, Clone, Default)]
pub struct Meeting {
    /// The per-item timebox triage walks use.
    pub timebox: Option<std::time::Duration>,
    /// The text of the minutes last written (or being written) and where they went, so `x` with
    /// nothing new does not write the same minutes again.
    pub last_minutes: Option<(String, Option<PathBuf>)>,
}

impl State {
    /// A state showing every item of `files` in file order.
    pub fn new(files: Vec<Loaded>, size: Rect) -> State {
        let files: Vec<OpenFile> = files.into_iter().map(OpenFile::from).collect();
        let mut state = State {
            files,
            size,
            ..State::default()
        };
        state.rebuild_rows(None);
        state
    }

    /// Recomputes the list from the files, filter, sort and grouping, keeping the selection on
    /// the item `keep` = (file, id) when given, otherwise near the same row.
    pub fn rebuild_rows(&mut self, keep: Option<(usize, &str)>) {
        let items = match &self.list.filter {
            Some(hits) => hits.clone(),
            None => all_rows(&self.files),
        };
        self.list.rows = build_rows(&self.files, items, self.list.sort, self.list.group);
        self.list.item_rows = self.list.rows.iter().filter(|r| r.item().is_some()).count();
        self.count_items();
        let wanted = keep.and_then(|(file, id)| {
            let index = self.document(file)?.position(id)?;
            let target = ItemRef { file, item: index };
            self.list
                .rows
                .iter()
                .position(|row| row.item() == Some(target))
        });
        self.list.selected = wanted
            .or_else(|| item_row_near(&self.list.rows, self.list.selected, Toward::Next))
            .unwrap_or(0);
    }

    /// Counts statuses and measures ids once per change of the data (not again when only the
    /// filter, sort or grouping changed).
    fn count_items(&mut self) {
        if self.list.counted_for == Some(self.data_version) {
            return;
        }
        self.list.counted_for = Some(self.data_version);
        self.list.status_counts = [0; Status::ALL.len()];
        self.list.id_cells = 0;
        for item in self.files.iter().flat_map(|f| f.doc.items()) {
            self.list.status_counts[item.status as usize] += 1;
            self.list.id_cells = self.list.id_cells.max(id_cells(&item.id));
        }
    }

    /// The selected item as (file, id), to find it again after the list changes.
    pub fn selection_key(&self) -> Option<(usize, String)> {
        let row = self.selected_ref()?;
        Some((row.file, self.item(row)?.id.clone()))
    }

    /// How many item rows the list has (group headers not counted).
    pub fn item_count(&self) -> usize {
        self.list.item_rows
    }

    /// The widest id of all the items, in screen cells (filtered or not, the column stays put).
    pub fn id_cells(&self) -> usize {
        self.list.id_cells
    }

    /// How many items of all the files have each status, indexed by `Status as usize`.
    pub fn status_counts(&self) -> &[usize; Status::ALL.len()] {
        &self.list.status_counts
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

    /// The selected item's place, if the list is not empty.
    pub fn selected_ref(&self) -> Option<ItemRef> {
        self.list.rows.get(self.list.selected).and_then(Row::item)
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.selected_ref().and_then(|row| self.item(row))
    }

    /// The file the selected item belongs to (or the first file).
    pub fn selected_file(&self) -> usize {
        self.selected_ref().map_or(0, |row| row.file)
    }

    pub fn selected_document(&self) -> Option<&Document> {
        self.document(self.selected_file())
    }

    /// Every item across all files.
    pub fn total_items(&self) -> usize {
        self.files.iter().map(|f| f.doc.items().len()).sum()
    }

    /// True when some file has changes that are not on disk.
    pub fn has_unsaved(&self) -> bool {
        self.files.iter().any(|f| !f.unsaved.is_empty())
    }

    pub fn panes(&self) -> Panes {
        Panes::new(self.size)
    }

    /// The date the "since" view starts after.
    pub fn since_date(&self) -> Option<crate::model::Date> {
        self.screens
            .since
            .or_else(|| crate::report::default_since(self.files.iter().map(|f| &f.doc)))
    }

    /// Who new notes in `file` are by.
    pub fn author(&self, file: usize) -> Option<String> {
        self.files.get(file).and_then(|f| f.author.clone())
    }

    /// The selected item's file label, when several files are open (see [`super::view::file_labels`]).
    pub fn selected_file_label(&self) -> Option<String> {
        if self.files.len() < 2 {
            return None;
        }
        super::view::file_labels(&self.files)
            .into_iter()
            .nth(self.selected_file())
    }

    /// Today for new notes and readings.
    pub fn today(&self) -> crate::model::Date {
        self.today.unwrap_or_else(crate::model::Date::today)
    }
}

/// One row per item, files in order, items in file order.
pub fn all_rows(files: &[OpenFile]) -> Vec<ItemRef> {
    files
        .iter()
        .enumerate()
        .flat_map(|(file, open)| {
            (0..open.doc.items().len()).map(move |item| ItemRef { file, item })
        })
        .collect()
}

/// An id's width on screen (most ids are short ASCII, counted without a closer look).
fn id_cells(id: &str) -> usize {
    if id.is_ascii() && id.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        id.len()
    } else {
        crate::text::width(&crate::text::clean_line(id))
    }
}
