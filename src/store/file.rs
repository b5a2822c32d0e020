//! Reading and writing files on disk: size limit, UTF-8 check, atomic replace, and the fingerprint
//! that tells whether someone else changed a file since tally read it.

use std::fs::{self, File, Metadata};
use std::io::{Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::atomic::{Saved, check_replaceable, real_path, write_atomic_parts};
use super::decode::{TextEncoding, decode};
use super::error::{LoadError, SaveError, io_phrase};
use super::lock::{Replaced, SaveLock, folder_of};
use super::parse::parse_document;
use super::progress::Progress;
use super::read::{Whole, read_shared};
use super::text_to_save::TextToSave;
use super::write::write_document;
use crate::lang::Phrase;
use crate::model::Document;

/// Files above this size are refused instead of read (see docs/format.md).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// What a file looked like when tally last read or wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
    /// Which file on disk it is and when its inode last changed, when known (see [`Stamp`]).
    pub stamp: Option<Stamp>,
}

/// A file's device and inode numbers and its status-change time (ctime): a file renamed over it
/// has other numbers, and any write, `touch` or change of mode moves the ctime, which no program
/// can set back (unlike the modification time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub device: u64,
    pub inode: u64,
    pub changed: (i64, i64),
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Stamp {
        Stamp {
            device: meta.dev(),
            inode: meta.ino(),
            changed: (meta.ctime(), meta.ctime_nsec()),
        }
    }

    fn same_inode(&self, meta: &Metadata) -> bool {
        (self.device, self.inode) == (meta.dev(), meta.ino())
    }
}

impl Fingerprint {
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
            stamp: None,
        }
    }

    /// The fingerprint of the text made of `parts` one after the other.
    pub fn of_parts(parts: &[&[u8]], modified: Option<SystemTime>) -> Fingerprint {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        parts.iter().for_each(|part| hasher.update(part));
        Fingerprint {
            len: parts.iter().map(|part| part.len() as u64).sum(),
            modified,
            hash: hasher.digest(),
            stamp: None,
        }
    }

    /// This fingerprint with the times and inode of the file `meta` describes.
    pub fn at(self, meta: &Metadata) -> Fingerprint {
        Fingerprint {
            modified: meta.modified().ok(),
            stamp: Some(Stamp::of(meta)),
            ..self
        }
    }

    /// True when `meta` shows the very file this fingerprint was taken of, untouched since: the
    /// same inode, size, modification and status-change times (all known). Kernels since 6.13
    /// give a change that follows a look at the file a time of its own, so even a write right
    /// after tally's save moves the times (ext4, XFS, Btrfs, tmpfs).
    pub fn same_file(&self, meta: &Metadata) -> bool {
        self.stamp == Some(Stamp::of(meta))
            && self.len == meta.len()
            && self.modified.is_some()
            && meta.modified().ok() == self.modified
    }
}

/// A document with the path it came from and how the file looked then.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub doc: Document,
    pub fingerprint: Fingerprint,
}

/// Reads and parses one file (the outcome goes to the diagnostics log).
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    load_with(path, &mut |_| {})
}

/// [`load`], telling `progress` how far it has got.
pub fn load_with(path: &Path, progress: &mut dyn FnMut(Progress)) -> Result<Loaded, LoadError> {
    let loaded = load_quietly(path, progress);
    match &loaded {
        Ok(file) => {
            tracing::info!(path = %path.display(), items = file.doc.items().len(), "loaded")
        }
        Err(err) => tracing::warn!(path = %path.display(), "cannot load: {err}"),
    }
    loaded
}

/// [`load`] as an outline (see [`super::parse_outline`]): every item checked, only those with an
/// id in `whole` read whole. For a command that changes a few items and saves.
pub fn load_outline(path: &Path, whole: &[&str]) -> Result<Loaded, LoadError> {
    let loaded = read_and_parse(path, &mut |_| {}, |text| super::parse_outline(text, whole));
    if let Err(err) = &loaded {
        tracing::warn!(path = %path.display(), "cannot load: {err}");
    }
    loaded
}

fn load_quietly(path: &Path, progress: &mut dyn FnMut(Progress)) -> Result<Loaded, LoadError> {
    read_and_parse(path, progress, parse_document)
}

fn read_and_parse(
    path: &Path,
    progress: &mut dyn FnMut(Progress),
    parse: impl FnOnce(Arc<str>) -> Result<Document, super::Problem>,
) -> Result<Loaded, LoadError> {
    let (text, meta) = read_whole(path, progress)?;
    progress(Progress::Parsing { total: meta.len() });
    let fingerprint = Fingerprint::of_bytes(text.as_bytes(), None).at(&meta);
    let doc = parse(text.clone()).map_err(|p| LoadError::in_text(path, &text, p))?;
    Ok(Loaded {
        path: path.to_path_buf(),
        doc,
        fingerprint,
    })
}

/// Reads a UTF-8 text file with the same size limit and UTF-8 check as [`load`].
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let (bytes, _) = read_limited(path)?;
    String::from_utf8(bytes)
        .map_err(|err| not_utf8(path, err.as_bytes(), err.utf8_error().valid_up_to()))
}

/// The whole text of a file, read once into a buffer of its size and shared.
fn read_whole(
    path: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Arc<str>, Metadata), LoadError> {
    let io_error = |e: std::io::Error| LoadError::new(path, io_phrase(&e));
    let (mut file, meta) = open_limited(path)?;
    let len = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    let total = meta.len();
    let mut reading = |done: usize| {
        let done = done as u64;
        progress(Progress::Reading { done, total })
    };
    match read_shared(&mut file, len, &mut reading).map_err(io_error)? {
        Whole::Text(text) => Ok((text, meta)),
        Whole::NotUtf8 { bytes, valid_up_to } => Err(not_utf8(path, &bytes, valid_up_to)),
        Whole::Moved => {
            let (bytes, meta) = read_limited(path)?;
            let text = String::from_utf8(bytes)
                .map_err(|err| not_utf8(path, err.as_bytes(), err.utf8_error().valid_up_to()))?;
            Ok((Arc::from(text), meta))
        }
    }
}

/// Reads a text file from elsewhere, such as a report or spreadsheet to import, with the same size
/// limit as [`load`]: UTF-8, UTF-16 with a byte-order mark, or GB18030 (see [`super::decode`]).
pub fn read_any_text(path: &Path) -> Result<(String, TextEncoding), LoadError> {
    let (bytes, _) = read_limited(path)?;
    decode(&bytes).ok_or_else(|| LoadError {
        path: path.to_path_buf(),
        position: None,
        message: Phrase::new("file.unknown_encoding"),
    })
}

/// Loads every path given: a file, or each `*.json` file in a folder, in name order.
pub fn load_all(paths: &[PathBuf]) -> Result<Vec<Loaded>, LoadError> {
    super::progress::load_all_with(paths, &mut |_| {})
}

/// The `*.json` files directly inside a folder, sorted by name.
pub fn json_files_in(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let entries = fs::read_dir(dir).map_err(|e| LoadError::new(dir, io_phrase(&e)))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json") && path.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Opens a file to read, refusing folders and files above the size limit.
fn open_limited(path: &Path) -> Result<(File, Metadata), LoadError> {
    let io_error = |e: std::io::Error| LoadError::new(path, io_phrase(&e));
    let file = File::open(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if meta.is_dir() {
        return Err(LoadError::new(path, Phrase::new("file.is_folder")));
    }
    if meta.len() > MAX_FILE_BYTES {
        let message = Phrase::new("file.too_large")
            .arg("size", meta.len() / (1024 * 1024))
            .arg("limit", MAX_FILE_BYTES / (1024 * 1024));
        return Err(LoadError::new(path, message));
    }
    Ok((file, meta))
}

fn read_limited(path: &Path) -> Result<(Vec<u8>, Metadata), LoadError> {
    let io_error = |e: std::io::Error| LoadError::new(path, io_phrase(&e));
    let (file, meta) = open_limited(path)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::new(path, Phrase::new("file.grew")));
    }
    Ok((bytes, meta))
}

fn not_utf8(path: &Path, bytes: &[u8], valid: usize) -> LoadError {
    let before = String::from_utf8_lossy(&bytes[..valid]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    LoadError {
        path: path.to_path_buf(),
        position: Some((line, column)),
        message: Phrase::new("file.not_utf8").arg("byte", format!("{:02X}", bytes[valid])),
    }
}

/// How the file on disk looks now, or `None` when it is gone. The file is hashed a chunk at a
/// time, never held whole in memory.
pub fn fingerprint(path: &Path) -> Option<Fingerprint> {
    const CHUNK: usize = 1 << 20;
    let (file, meta) = open_limited(path).ok()?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = vec![0; CHUNK];
    let mut len = 0u64;
    let mut reader = file.take(MAX_FILE_BYTES + 1);
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buffer[..n]);
                len += n as u64;
            }
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    (len <= MAX_FILE_BYTES).then(|| {
        Fingerprint {
            len,
            modified: None,
            hash: hasher.digest(),
            stamp: None,
        }
        .at(&meta)
    })
}

/// True when the file at `path` still holds what `seen` describes: at once when it is the same
/// file with the same size and time, else by hashing its content (a `touch`, or a copy of the
/// same text renamed over it, is no change).
pub fn unchanged_on_disk(path: &Path, seen: &Fingerprint) -> bool {
    match fs::metadata(path) {
        Err(_) => false,
        Ok(meta) if meta.len() != seen.len => false,
        Ok(meta) if seen.same_file(&meta) => true,
        Ok(_) => fingerprint(path).is_some_and(|now| now.len == seen.len && now.hash == seen.hash),
    }
}

/// The size and modification time of a file, if it exists.
pub fn stat(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

/// True when the file's size or time differ from `seen` (or it cannot be looked at): whether the
/// content changed is for [`changed_since`] to say. Never reads the file.
pub fn looks_changed(path: &Path, seen: &Fingerprint) -> bool {
    match fs::metadata(path) {
        Err(_) => true,
        Ok(meta) => {
            meta.len() != seen.len
                || meta.modified().ok() != seen.modified
                || seen.stamp.is_some_and(|stamp| !stamp.same_inode(&meta))
        }
    }
}

/// True when the file on disk is no longer what `seen` describes. Cheap when nothing changed:
/// size, time and inode are compared first, and the content is hashed only when they moved.
pub fn changed_since(path: &Path, seen: &Fingerprint) -> bool {
    let Ok(meta) = fs::metadata(path) else {
        return true;
    };
    if meta.len() != seen.len {
        return true;
    }
    let same_inode = seen.stamp.is_none_or(|stamp| stamp.same_inode(&meta));
    if same_inode && meta.modified().ok() == seen.modified {
        return false;
    }
    fingerprint(path).is_none_or(|now| now.hash != seen.hash)
}

/// Writes a document over the file it was read from, unless someone else changed that file since
/// `seen`: the same file with the same size and time is taken as unchanged without reading it,
/// otherwise the content is compared. Saves by tally processes to the same
/// folder take turns, so two of them cannot both pass the check and then overwrite each other.
/// A file that is gone, or is now a folder, is not recreated. Returns the new fingerprint.
pub fn save(path: &Path, doc: &Document, seen: &Fingerprint) -> Result<Saved, SaveError> {
    save_text(path, &super::write_pieces(doc), seen)
}

/// [`save`] for a document already written out (so the writing can happen on another thread).
pub fn save_bytes(path: &Path, text: &[u8], seen: &Fingerprint) -> Result<Saved, SaveError> {
    let lock = SaveLock::take(path)?;
    write_locked(&lock, path, &[text], seen)
}

/// [`save`] for a document written out as pieces ([`super::write_pieces`]): the pieces go to the
/// file one after the other, so the whole text is never put together in memory.
pub fn save_text(path: &Path, text: &TextToSave, seen: &Fingerprint) -> Result<Saved, SaveError> {
    save_text_keeping_old(path, text, seen).map(|(saved, _replaced)| saved)
}

/// [`save_text`], handing back the replaced version still open, for the caller to close once it
/// has reported the save: on a large file the close is a good part of the save's time.
pub fn save_text_keeping_old(
    path: &Path,
    text: &TextToSave,
    seen: &Fingerprint,
) -> Result<(Saved, Replaced), SaveError> {
    let parts: Vec<&[u8]> = text.parts().map(str::as_bytes).collect();
    let lock = SaveLock::take(path)?;
    let saved = write_locked(&lock, path, &parts, seen)?;
    Ok((saved, lock.release()))
}

/// [`save`] for a caller that already holds the file's save lock.
pub fn save_locked(
    lock: &SaveLock,
    path: &Path,
    doc: &Document,
    seen: &Fingerprint,
) -> Result<Saved, SaveError> {
    let text = super::write_pieces(doc);
    let parts: Vec<&[u8]> = text.parts().map(str::as_bytes).collect();
    write_locked(lock, path, &parts, seen)
}

fn write_locked(
    lock: &SaveLock,
    path: &Path,
    text: &[&[u8]],
    seen: &Fingerprint,
) -> Result<Saved, SaveError> {
    let path = &real_path(path);
    still_there(path)?;
    check_replaceable(path)?;
    if !unchanged_on_disk(path, seen) {
        return Err(SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    remove_stale_temp_files(lock, path);
    write_atomic_parts(path, text)
}

/// Fails with a clear reason when the file to save over has disappeared or became a folder.
fn still_there(path: &Path) -> Result<(), SaveError> {
    let gone = |message: Phrase| SaveError::Io {
        path: path.to_path_buf(),
        message,
    };
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(gone(Phrase::new("file.now_a_folder"))),
        Ok(_) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let folder = folder_of(path);
            if folder.is_dir() {
                Err(gone(Phrase::new("file.gone")))
            } else {
                Err(gone(
                    Phrase::new("file.folder_gone").arg("folder", folder.display()),
                ))
            }
        }
        Err(err) => Err(gone(io_phrase(&err))),
    }
}

/// The suffix of tally's temporary files; a file `NAME` is written through `.NAME.XXXXXX.tally-tmp`.
pub const TEMP_SUFFIX: &str = ".tally-tmp";

/// Removes temporary files that an earlier save of `path` left behind when it was killed
/// mid-write. Only while the folder is locked: every tally save that can lock it does so before
/// it creates its temporary file, so none of them is still being written.
fn remove_stale_temp_files(lock: &SaveLock, path: &Path) {
    if !lock.holds_folder() {
        return;
    }
    for stale in temp_files_of(path) {
        let _ = fs::remove_file(stale);
    }
}

/// Temporary files of `path` in its folder (`.NAME.*.tally-tmp`), left by interrupted saves.
pub fn temp_files_of(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let file_name = entry.file_name();
            let file_name = file_name.to_string_lossy();
            // `.NAME.` + random letters and digits + `.tally-tmp`, and nothing else (so the
            // temporary files of `NAME.json` are not taken for those of `NAME`).
            let random = file_name
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX));
            random.is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric()))
                && entry.file_type().is_ok_and(|t| t.is_file())
        })
        .map(|entry| entry.path())
        .collect()
}

/// Writes a new file; refuses to replace an existing one unless `overwrite`.
pub fn save_new(path: &Path, doc: &Document, overwrite: bool) -> Result<Saved, SaveError> {
    let lock = SaveLock::take(path)?;
    if !overwrite && path.exists() {
        return Err(SaveError::Exists {
            path: path.to_path_buf(),
        });
    }
    check_replaceable(&real_path(path))?;
    remove_stale_temp_files(&lock, path);
    write_atomic_parts(path, &[write_document(doc).as_bytes()])
}

/// Writes a new file `NAME.EXT` in `folder` — or `NAME-2.EXT`, `NAME-3.EXT` … when taken — never
/// replacing anything. Returns the path written.
pub fn write_new(folder: &Path, name: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf, SaveError> {
    for n in 1..1000 {
        let file = if n == 1 {
            format!("{name}.{ext}")
        } else {
            format!("{name}-{n}.{ext}")
        };
        let path = folder.join(file);
        let created = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        match created {
            Ok(mut out) => {
                let written = out.write_all(bytes).and_then(|()| out.sync_all());
                if written.is_err() {
                    // A full disk or a size limit: leave no half-written file behind.
                    drop(out);
                    let _ = fs::remove_file(&path);
                }
                return written.map(|()| path.clone()).map_err(|e| SaveError::Io {
                    path,
                    message: io_phrase(&e),
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(SaveError::Io {
                    path,
                    message: io_phrase(&e),
                });
            }
        }
    }
    Err(SaveError::Exists {
        path: folder.join(format!("{name}.{ext}")),
    })
}

/// Held while a file is being replaced, so a process that must stop (a hung-up terminal) can wait
/// for the write in progress to finish instead of cutting it short.
static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Waits until no file is being written by this process, and keeps it so while the guard lives.
pub fn wait_for_writes() -> std::sync::MutexGuard<'static, ()> {
    WRITING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Replaces `path` with `bytes` all at once: a temporary file in the same folder (the target's,
/// for a link) is written and flushed to disk, given the old file's mode, group and owner where
/// permitted, renamed over the old file, and the folder is flushed, so a crash leaves either the
/// old or the new file, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Saved, SaveError> {
    check_replaceable(&real_path(path))?;
    write_atomic_parts(path, &[bytes])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_in(dir: &Path) -> (PathBuf, Loaded) {
        let path = dir.join("report.json");
        fs::write(&path, crate::store::SAMPLE_JSON).unwrap();
        let loaded = load(&path).unwrap();
        (path, loaded)
    }

    #[test]
    fn a_save_in_pieces_writes_the_whole_text_and_fingerprints_what_is_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut loaded) = sample_in(dir.path());
        loaded.doc.item_mut(4).unwrap().lead = Some("市外办、市文旅局".into());
        let pieces = crate::store::write_pieces(&loaded.doc);
        assert!(pieces.parts().count() > 1);
        let saved = save_text(&path, &pieces, &loaded.fingerprint).unwrap();
        let on_disk = fs::read(&path).unwrap();
        assert_eq!(on_disk, write_document(&loaded.doc).as_bytes());
        let read = fingerprint(&path).unwrap();
        assert_eq!(
            (saved.fingerprint.len, saved.fingerprint.hash),
            (read.len, read.hash)
        );
    }

    #[test]
    fn a_save_removes_temp_files_left_by_a_killed_save_of_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let (path, loaded) = sample_in(dir.path());
        let stale = dir.path().join(".report.json.a1B2c3.tally-tmp");
        fs::write(&stale, "{\"half\": ").unwrap();
        let other = dir.path().join(".other.json.a1B2c3.tally-tmp");
        fs::write(&other, "{").unwrap();
        let longer = dir.path().join(".report.json.bak.a1B2c3.tally-tmp");
        fs::write(&longer, "{").unwrap();
        assert_eq!(temp_files_of(&path), vec![stale.clone()]);
        save(&path, &loaded.doc, &loaded.fingerprint).unwrap();
        assert!(!stale.exists(), "the stale temp file of this file is gone");
        assert!(other.exists(), "another file's temp file is left alone");
        assert!(longer.exists(), "so is that of report.json.bak");
        assert_eq!(
            json_files_in(dir.path()).unwrap(),
            vec![path],
            "temp files are never loaded"
        );
    }

    #[test]
    fn an_untouched_file_is_known_unchanged_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let (path, loaded) = sample_in(dir.path());
        // A fingerprint with the wrong hash but the file's own inode, size and times: only a
        // check that never reads the file can take it for unchanged.
        let wrong_hash = Fingerprint {
            hash: loaded.fingerprint.hash ^ 1,
            ..loaded.fingerprint
        };
        assert!(unchanged_on_disk(&path, &wrong_hash));
        assert!(unchanged_on_disk(&path, &loaded.fingerprint));
    }

    #[test]
    fn a_touched_or_replaced_file_is_compared_by_content() {
        let dir = tempfile::tempdir().unwrap();
        let (path, loaded) = sample_in(dir.path());
        let seen = loaded.fingerprint;
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(unchanged_on_disk(&path, &seen), "a touch is no change");
        let wrong_hash = Fingerprint {
            hash: seen.hash ^ 1,
            ..seen
        };
        assert!(
            !unchanged_on_disk(&path, &wrong_hash),
            "the content was read"
        );
        // the same text renamed over it, with the old time: another inode, so compared
        let copy = dir.path().join("copy.json");
        fs::copy(&path, &copy).unwrap();
        let modified = seen.modified.unwrap();
        File::options()
            .write(true)
            .open(&copy)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        fs::rename(&copy, &path).unwrap();
        assert!(unchanged_on_disk(&path, &seen));
        assert!(!unchanged_on_disk(&path, &wrong_hash));
    }

    #[test]
    fn a_change_of_the_same_size_with_the_old_time_put_back_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (path, loaded) = sample_in(dir.path());
        let text = fs::read_to_string(&path).unwrap();
        let changed = text.replacen("2023-10-07", "2023-10-08", 1);
        assert_ne!(changed, text);
        let mut file = File::options().write(true).open(&path).unwrap();
        file.write_all(changed.as_bytes()).unwrap();
        file.set_modified(loaded.fingerprint.modified.unwrap())
            .unwrap();
        drop(file);
        let meta = fs::metadata(&path).unwrap();
        assert_eq!(meta.len(), loaded.fingerprint.len);
        assert_eq!(meta.modified().ok(), loaded.fingerprint.modified);
        assert!(!unchanged_on_disk(&path, &loaded.fingerprint));
        let err = save(&path, &loaded.doc, &loaded.fingerprint).unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
    }

    #[test]
    fn a_save_keeps_the_fingerprint_of_what_it_wrote_and_the_next_save_needs_no_read() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut loaded) = sample_in(dir.path());
        loaded.doc.item_mut(4).unwrap().lead = Some("市外办".into());
        let saved = save(&path, &loaded.doc, &loaded.fingerprint).unwrap();
        let on_disk = fingerprint(&path).unwrap();
        assert_eq!(saved.fingerprint, on_disk);
        let meta = fs::metadata(&path).unwrap();
        assert!(saved.fingerprint.same_file(&meta));
        loaded.doc.item_mut(4).unwrap().lead = Some("国际处".into());
        save(&path, &loaded.doc, &saved.fingerprint).unwrap();
        assert!(fs::read_to_string(&path).unwrap().contains("国际处"));
    }

    #[test]
    fn a_file_that_is_gone_or_a_folder_is_not_recreated() {
        let dir = tempfile::tempdir().unwrap();
        let (path, loaded) = sample_in(dir.path());
        fs::remove_file(&path).unwrap();
        let err = save(&path, &loaded.doc, &loaded.fingerprint).unwrap_err();
        assert!(err.to_string().contains("the file is gone"), "{err}");
        assert!(!path.exists());
        fs::create_dir(&path).unwrap();
        let err = save(&path, &loaded.doc, &loaded.fingerprint).unwrap_err();
        assert!(err.to_string().contains("is now a folder"), "{err}");
        let gone = dir.path().join("sub").join("report.json");
        let err = save(&gone, &loaded.doc, &loaded.fingerprint).unwrap_err();
        assert!(err.to_string().contains("its folder"), "{err}");
        assert!(temp_files_of(&path).is_empty());
    }
}
