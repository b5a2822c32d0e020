//! What can go wrong reading or writing a file, always naming the file and, for bad content, the
//! line and column.

use std::fmt;
use std::path::{Path, PathBuf};

use super::parse::{Problem, line_col};
use crate::lang::Phrase;

/// A file could not be loaded: missing, unreadable, too large, not UTF-8, or not format v1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    /// 1-based line and character column, when the problem is in the content.
    pub position: Option<(usize, usize)>,
    pub message: Phrase,
}

impl LoadError {
    pub fn new(path: &Path, message: impl Into<Phrase>) -> LoadError {
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
            message: content(problem.message),
        }
    }

    /// The error in words for any language: `PATH:LINE:COL: …` or `PATH: …`, the place first
    /// and written the same in every language.
    pub fn phrase(&self) -> Phrase {
        let path = crate::text::clean_line(&self.path.display().to_string()).into_owned();
        let place = match self.position {
            Some((line, column)) => format!("{path}:{line}:{column}"),
            None => path,
        };
        Phrase::new("file.at")
            .arg("place", place)
            .with_line("problem", self.message.clone())
    }
}

/// A problem in a file's content: its own phrase, or English words (the less common problems,
/// as the reader or serde_json says them) behind a lead-in in the reader's language.
fn content(problem: Phrase) -> Phrase {
    if problem.is_plain() {
        let words = crate::text::clean_line(&problem.to_string()).into_owned();
        Phrase::new("file.content").arg("problem", words)
    } else {
        problem
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
    Io { path: PathBuf, message: Phrase },
    /// The target exists and overwriting was not asked for.
    #[error("{}: already exists (use --force to overwrite)", .path.display())]
    Exists { path: PathBuf },
}

impl SaveError {
    /// The error in words for any language (its English text is its `Display`).
    pub fn phrase(&self) -> Phrase {
        let (key, path) = match self {
            SaveError::ChangedOnDisk { path } => ("file.changed_on_disk", path),
            SaveError::Io { path, .. } => ("file.could_not_save", path),
            SaveError::Exists { path } => ("file.exists", path),
        };
        let phrase = Phrase::new(key).arg("path", path.display());
        match self {
            SaveError::Io { message, .. } => phrase.with("problem", message.clone()),
            _ => phrase,
        }
    }
}

/// An `io::Error` in words, without Rust's `(os error N)` suffix.
pub fn describe_io(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// An `io::Error` in words for any language: the common refusals (no permission, no such file,
/// disk full, read-only file system, file too large) have their own phrase; in English each
/// reads exactly as the system said it, and any other error is the system's text in every
/// language.
pub fn io_phrase(err: &std::io::Error) -> Phrase {
    use std::io::ErrorKind;
    // Linux numbers, for errors made before the standard library named their kind.
    const EFBIG: i32 = 27;
    const ENOSPC: i32 = 28;
    const EROFS: i32 = 30;
    let key = match (err.kind(), err.raw_os_error()) {
        (ErrorKind::StorageFull, _) | (_, Some(ENOSPC)) => "io.disk_full",
        (ErrorKind::ReadOnlyFilesystem, _) | (_, Some(EROFS)) => "io.read_only_file_system",
        (ErrorKind::FileTooLarge, _) | (_, Some(EFBIG)) => "io.file_too_large",
        (ErrorKind::PermissionDenied, _) => "io.permission_denied",
        (ErrorKind::NotFound, _) => "io.not_found",
        _ => return Phrase::plain(describe_io(err)),
    };
    Phrase::new(key).arg("system", describe_io(err))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use std::io::{Error, ErrorKind};

    #[test]
    fn common_io_errors_read_in_chinese_and_as_the_system_said_in_english() {
        let cases = [
            (
                Error::from_raw_os_error(13),
                "Permission denied",
                "没有权限",
            ),
            (
                Error::from_raw_os_error(2),
                "No such file or directory",
                "文件或文件夹不存在",
            ),
            (
                Error::from_raw_os_error(28),
                "No space left on device",
                "磁盘已满",
            ),
            (
                Error::from_raw_os_error(30),
                "Read-only file system",
                "文件系统只读",
            ),
            (Error::from_raw_os_error(27), "File too large", "文件过大"),
        ];
        for (err, english, chinese) in cases {
            let phrase = io_phrase(&err);
            assert_eq!(phrase.text(Lang::En), english);
            assert_eq!(phrase.text(Lang::En), describe_io(&err));
            assert!(
                phrase.text(Lang::Zh).contains(chinese),
                "{}",
                phrase.text(Lang::Zh)
            );
        }
    }

    #[test]
    fn kinds_without_a_system_number_are_mapped_too() {
        let err = Error::new(ErrorKind::StorageFull, "quota reached");
        assert_eq!(io_phrase(&err).text(Lang::En), "quota reached");
        assert!(io_phrase(&err).text(Lang::Zh).contains("磁盘已满"));
        let err = Error::new(ErrorKind::PermissionDenied, "nope");
        assert!(io_phrase(&err).text(Lang::Zh).contains("没有权限"));
    }

    #[test]
    fn other_errors_keep_the_system_text_in_every_language() {
        let err = Error::from_raw_os_error(16); // EBUSY
        let text = describe_io(&err);
        assert_eq!(io_phrase(&err).text(Lang::En), text);
        assert_eq!(io_phrase(&err).text(Lang::Zh), text);
    }

    #[test]
    fn a_failed_save_reads_in_either_language_with_the_path_first() {
        let err = SaveError::Io {
            path: PathBuf::from("/data/r.json"),
            message: io_phrase(&Error::from_raw_os_error(28)),
        };
        assert_eq!(
            err.phrase().text(Lang::En),
            "/data/r.json: could not save: No space left on device"
        );
        assert_eq!(err.phrase().text(Lang::En), err.to_string());
        let chinese = err.phrase().text(Lang::Zh);
        assert!(chinese.starts_with("/data/r.json: "), "{chinese}");
        assert!(chinese.contains("磁盘已满"), "{chinese}");
    }
}
