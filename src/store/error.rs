//! What can go wrong reading or writing a file, always naming the file and, for bad content, the
//! line and column.

use std::fmt;
use std::path::{Path, PathBuf};

use super::parse::{Problem, line_col};

/// A file could not be loaded: missing, unreadable, too large, not UTF-8, or not format v1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    /// 1-based line and character column, when the problem is in the content.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl LoadError {
    pub fn new(path: &Path, message: impl Into<String>) -> LoadError {
        LoadError {
            path: path.to_path_buf(),
            position: None,
            message: message.into(),
        }
    }

    /// A content problem, placed by line and column in `text`.
    pub fn in_text(path: &Path, text: &str, problem: Problem) -> LoadError {
        LoadError {
            path: path.to_path_buf(),
            position: Some(line_col(text, problem.offset)),
            message: problem.message,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => {
                write!(
                    f,
                    "{}:{line}:{column}: {}",
                    self.path.display(),
                    self.message
                )
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// A file could not be saved. The document in memory is unchanged and can be saved again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// Someone else changed the file since it was read; writing now would lose their change.
    #[error("{}: changed on disk since it was read; not overwritten", .path.display())]
    ChangedOnDisk { path: PathBuf },
    /// The operating system refused (read-only, disk full, folder gone …).
    #[error("{}: could not save: {message}", .path.display())]
    Io { path: PathBuf, message: String },
    /// The target exists and overwriting was not asked for.
    #[error("{}: already exists (use --force to overwrite)", .path.display())]
    Exists { path: PathBuf },
}

/// An `io::Error` in words, without Rust's `(os error N)` suffix.
pub fn describe_io(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}
