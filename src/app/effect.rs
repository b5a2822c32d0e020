//! Work an update asks of the runtime: only the runtime touches the disk, the search worker and
//! git.

/// Work for the runtime to do after an update: only the runtime touches the disk.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Write this file's document to disk (checking first that nobody else changed it).
    Save { file: usize },
    /// Search for `query` in the index of data version `version` (built with `index` first when
    /// the runtime does not hold it yet); results come back as [`super::Event::SearchResults`].
    Search {
        generation: u64,
        query: String,
        version: u64,
        index: super::IndexSource,
    },
    /// Build the index of data version `version` in the background, unless it is there already.
    PrepareIndex {
        version: u64,
        index: super::IndexSource,
    },
    /// Commit these files' saved changes to their git repository, pull and push (on a thread of
    /// its own); stages come back as [`super::Event::SyncStage`], the end as [`super::Event::SyncFinished`].
    Sync { files: Vec<std::path::PathBuf> },
    /// Put this text on the terminal's clipboard (the terminal layer writes OSC 52).
    Copy { text: String },
    /// Hand the terminal to the user's editor on `text`; the result comes back as
    /// [`super::Event::Edited`].
    EditOutside {
        target: Box<super::EditTarget>,
        text: String,
    },
    /// Write a new text file `name` (a number is added if taken) in `folder`.
    WriteMinutes {
        folder: std::path::PathBuf,
        name: String,
        text: String,
    },
    /// Write a new report draft `name`.txt (a number is added if taken) in `folder`; `items` of
    /// the file's `of` items are in it.
    WriteReport {
        folder: std::path::PathBuf,
        name: String,
        text: String,
        items: usize,
        of: usize,
    },
}
