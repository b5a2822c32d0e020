//! Taking turns at changing a file, so two tally processes never both check a file and then
//! overwrite each other. A turn holds an exclusive lock on the file's folder when the system gives
//! one, and always one on the file itself: a user who may write files in a folder but not open it
//! (mode 733, some network shares) still takes turns with everyone else through the file. A save
//! replaces the file by renaming a new one over it, so a lock on the file is checked after it is
//! taken: when the name now names another file, that one is locked instead. When neither lock can
//! be had, the save is refused rather than made without one.

use std::fs::{self, File};
use std::io::ErrorKind;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::atomic::real_path;
use super::error::{SaveError, io_phrase};

/// How many times a file replaced while waiting for its lock is locked again before giving up.
const RELOCKS: usize = 1000;

/// The right to save one file: while it is held, no other tally process saves it.
pub struct SaveLock {
    folder: Option<File>,
    file: Option<File>,
}

impl SaveLock {
    /// Waits for the file at `path` (the target, when `path` is a symbolic link) to be free, then
    /// holds it until dropped. Fails when no lock at all can be taken on an existing file; a file
    /// that does not exist (yet) has only its folder's lock, when there is one.
    pub fn take(path: &Path) -> Result<SaveLock, SaveError> {
        let path = real_path(path);
        let folder = File::open(folder_of(&path))
            .ok()
            .filter(|folder| folder.lock().is_ok());
        let file = lock_file(&path);
        match (folder, file) {
            (folder, Ok(file)) => Ok(SaveLock { folder, file }),
            (_, Err(err)) => Err(SaveError::Io {
                path: path.clone(),
                message: crate::lang::Phrase::new("file.no_lock").with("problem", io_phrase(&err)),
            }),
        }
    }

    /// True when the folder is locked, so no other tally process is writing a temporary file
    /// there (and leftovers of killed saves may be removed).
    pub fn holds_folder(&self) -> bool {
        self.folder.is_some()
    }

    /// Ends the turn and hands back the file that was locked: after a save it is the replaced
    /// version, and this handle its last one (see [`Replaced`]).
    pub fn release(mut self) -> Replaced {
        if let Some(folder) = self.folder.take() {
            let _ = folder.unlock();
        }
        let file = self.file.take();
        if let Some(file) = &file {
            let _ = file.unlock();
        }
        Replaced { _file: file }
    }
}

/// The version of a file that a save replaced, still open. Closing the last handle of a file that
/// has no name any more makes the system free its cached pages, which takes milliseconds for every
/// ten megabytes: a caller with someone waiting for the save's outcome reports it first, then
/// drops this.
#[derive(Debug)]
pub struct Replaced {
    _file: Option<File>,
}

/// Locks the file `path` names, again and again while it is replaced under the lock's feet.
/// `Ok(None)` when there is no such file.
fn lock_file(path: &Path) -> std::io::Result<Option<File>> {
    for _ in 0..RELOCKS {
        let file = match File::open(path) {
            Ok(file) => file,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        };
        file.lock()?;
        let held = file.metadata()?;
        match fs::metadata(path) {
            Ok(now) if now.ino() == held.ino() && now.dev() == held.dev() => return Ok(Some(file)),
            Ok(_) => continue,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        }
    }
    Err(std::io::Error::other("the file kept being replaced"))
}

impl Drop for SaveLock {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            let _ = file.unlock();
        }
        if let Some(folder) = &self.folder {
            let _ = folder.unlock();
        }
    }
}

/// The folder a file is in (`.` for a bare file name).
pub(super) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locked_by_someone(path: &Path) -> bool {
        let other = File::open(path).expect("the file opens");
        other.try_lock().is_err()
    }

    #[test]
    fn a_released_turn_frees_the_file_while_the_replaced_version_stays_open() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("report.json");
        fs::write(&path, "{}").expect("the file is written");
        let lock = SaveLock::take(&path).expect("the file locks");
        assert!(locked_by_someone(&path));
        let replaced = lock.release();
        assert!(!locked_by_someone(&path));
        assert!(replaced._file.is_some());
        assert!(SaveLock::take(&path).is_ok());
    }
}
