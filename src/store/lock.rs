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
