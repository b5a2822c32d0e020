//! Replacing a file all at once while keeping what its name means to the system: a temporary file
//! is written in the folder of the real file (a symbolic link's target, so the link stays a link),
//! given the old file's mode, group and — where the system permits (root, or the owner saving) —
//! owner, flushed, and renamed over it. A file with several hard links is refused, since the
//! rename would leave the other names with the old text; so is a file without write permission
//! for the one saving, which a rename could otherwise replace.

use std::fs::{self, File, Metadata};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::error::{SaveError, io_phrase};
use super::file::{Fingerprint, TEMP_SUFFIX, wait_for_writes};
use super::lock::folder_of;
use crate::lang::Phrase;

/// A file written: how it looks now, and anything the user should hear about it (a save by
/// another user that had to make the file theirs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub fingerprint: Fingerprint,
    /// What the user should hear about the save (the file changed owner), in any language.
    pub notice: Option<Phrase>,
}

/// The file a save of `path` replaces: the final target when `path` is a symbolic link (a link
/// that leads nowhere is left as it is, and the save then says the file is gone).
pub fn real_path(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Why tally could not save over `path`, if it could not: no write permission, or several hard
/// links (checked without changing anything), as `NAME REASON`.
pub fn why_unwritable(path: &Path) -> Option<Phrase> {
    let path = real_path(path);
    let reason = refusal(&path)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Some(
        Phrase::new("file.named")
            .arg("name", name)
            .with("reason", reason),
    )
}

/// Refuses to replace a file the rename would not replace faithfully.
pub(super) fn check_replaceable(path: &Path) -> Result<(), SaveError> {
    match refusal(path) {
        None => Ok(()),
        Some(reason) => {
            let message = if reason.key == "file.hard_links" {
                reason
            } else {
                Phrase::new("file.nothing_written").with("problem", reason)
            };
            Err(SaveError::Io {
                path: path.to_path_buf(),
                message,
            })
        }
    }
}

/// Why a file may not be replaced: several hard links, no write permission for anyone, or the
/// system refusing this user.
fn refusal(path: &Path) -> Option<Phrase> {
    let meta = fs::metadata(path).ok()?;
    if meta.nlink() > 1 {
        return Some(Phrase::new("file.hard_links").arg("n", meta.nlink()));
    }
    let mode = meta.permissions().mode();
    if mode & 0o222 == 0 {
        let mode = format!("{:o}", mode & 0o7777);
        return Some(Phrase::new("file.read_only_mode").arg("mode", mode));
    }
    // Whether this user may write it, as the system decides (the file is opened, not changed).
    fs::OpenOptions::new()
        .write(true)
        .open(path)
        .err()
        .map(|err| io_phrase(&err))
}

/// Replaces `path` (its target, when a link) with `parts` one after the other, all at once.
pub(super) fn write_atomic_parts(path: &Path, parts: &[&[u8]]) -> Result<Saved, SaveError> {
    let path = &real_path(path);
    let fail = |e: std::io::Error| SaveError::Io {
        path: path.to_path_buf(),
        message: io_phrase(&e),
    };
    let dir = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let _writing = wait_for_writes();
    let old = fs::metadata(path).ok();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    builder.permissions(match &old {
        Some(meta) => meta.permissions(),
        // A new file: read and write for everyone less the umask, like any program's new files.
        None => fs::Permissions::from_mode(0o666),
    });
    let mut temp = builder.tempfile_in(&dir).map_err(fail)?;
    let hash = write_hashing(temp.as_file_mut(), parts).map_err(fail)?;
    let notice = match &old {
        Some(meta) => keep_owner_and_mode(temp.as_file(), meta, path).map_err(fail)?,
        None => None,
    };
    temp.as_file().sync_all().map_err(fail)?;
    let written = temp.as_file().metadata().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    if let Ok(folder) = File::open(&dir) {
        let _ = folder.sync_all();
    }
    // The fingerprint of what was written, with the times and inode of the file now at `path`
    // (the rename moved its status-change time) if it is still the one written. When someone
    // else's file is already there, the times are left unknown, so the next save compares
    // contents and finds their change.
    let fingerprint = Fingerprint {
        len: parts.iter().map(|part| part.len() as u64).sum(),
        modified: written.modified().ok(),
        hash,
        stamp: None,
    };
    let fingerprint = match fs::metadata(path) {
        Ok(now) if (now.dev(), now.ino()) == (written.dev(), written.ino()) => fingerprint.at(&now),
        _ => fingerprint,
    };
    Ok(Saved {
        fingerprint,
        notice,
    })
}

/// Below this many bytes the text is hashed before it is written rather than beside it.
const HASH_BESIDE_BYTES: usize = 1 << 20;

/// The most bytes handed to the system in one write. One write of a whole 268 MB text took
/// anywhere from 80 ms to over a second here, the same text in writes of a megabyte 80–100 ms
/// every time.
const WRITE_CHUNK_BYTES: usize = 1 << 20;

/// Writes `parts` to `file` and returns the hash of what was written (for the fingerprint). A large
/// text is hashed on a second thread while this one writes it, so the hash costs no time of its
/// own (on the 268 MB file, a tenth of the save).
fn write_hashing(file: &mut File, parts: &[&[u8]]) -> std::io::Result<u64> {
    let hash = || {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        parts.iter().for_each(|part| hasher.update(part));
        hasher.digest()
    };
    let write = |file: &mut File| {
        parts
            .iter()
            .flat_map(|part| part.chunks(WRITE_CHUNK_BYTES))
            .try_for_each(|chunk| file.write_all(chunk))
    };
    if parts.iter().map(|part| part.len()).sum::<usize>() < HASH_BESIDE_BYTES {
        write(file)?;
        return Ok(hash());
    }
    std::thread::scope(|scope| {
        let hashing = std::thread::Builder::new()
            .name("tally-hash".into())
            .spawn_scoped(scope, hash);
        write(file)?;
        // without a second thread (or if it failed), hash here
        Ok(hashing
            .ok()
            .and_then(|thread| thread.join().ok())
            .unwrap_or_else(hash))
    })
}

/// Gives the new file the old one's owner and group where permitted, then its mode (set last, as
/// a change of owner clears the set-id bits). Says so when the owner or group could not be kept.
fn keep_owner_and_mode(new: &File, old: &Metadata, path: &Path) -> std::io::Result<Option<Phrase>> {
    use std::os::unix::fs::fchown;
    if fchown(new, Some(old.uid()), Some(old.gid())).is_err() {
        let _ = fchown(new, None, Some(old.gid()));
    }
    new.set_permissions(old.permissions())?;
    let now = new.metadata()?;
    let owner = (now.uid() != old.uid()).then(|| {
        Phrase::new("file.owner_now")
            .arg("now", user_name(now.uid()))
            .arg("was", user_name(old.uid()))
    });
    let group = (now.gid() != old.gid()).then(|| {
        Phrase::new("file.group_now")
            .arg("now", group_name(now.gid()))
            .arg("was", group_name(old.gid()))
    });
    let kept = if group.is_none() {
        "file.mode_and_group_kept"
    } else {
        "file.mode_kept"
    };
    let said = match (owner, group) {
        (None, None) => return Ok(None),
        (Some(owner), Some(group)) => Phrase::new("file.and")
            .with("first", owner)
            .with("second", group),
        (Some(one), None) | (None, Some(one)) => one,
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    Ok(Some(
        Phrase::new("file.owner_notice")
            .arg("name", name)
            .with("said", said)
            .with("kept", Phrase::new(kept)),
    ))
}

fn user_name(uid: u32) -> String {
    name_in("/etc/passwd", uid).unwrap_or_else(|| format!("user {uid}"))
}

fn group_name(gid: u32) -> String {
    name_in("/etc/group", gid).unwrap_or_else(|| format!("group {gid}"))
}

/// The name with numeric id `id` in a passwd-style file (`name:x:id:…`).
fn name_in(table: &str, id: u32) -> Option<String> {
    let text = fs::read_to_string(table).ok()?;
    text.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let found = fields.nth(1)?.parse::<u32>().ok()? == id;
        found.then(|| crate::text::clean_line(name).into_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_through_a_link_writes_the_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real_dir = dir.path().join("real");
        fs::create_dir(&real_dir).unwrap();
        let target = real_dir.join("report.json");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic_parts(&link, &[b"new"]).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn hard_links_and_files_without_write_bits_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        fs::write(&file, "x").unwrap();
        assert!(check_replaceable(&file).is_ok());
        fs::hard_link(&file, dir.path().join("b.json")).unwrap();
        let err = check_replaceable(&file).unwrap_err().to_string();
        assert!(err.contains("has 2 hard links"), "{err}");
        fs::remove_file(dir.path().join("b.json")).unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
        let err = check_replaceable(&file).unwrap_err().to_string();
        assert!(err.contains("read-only"), "{err}");
    }

    #[test]
    fn a_large_text_is_hashed_beside_the_write_and_fingerprinted_as_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        fs::write(&file, "x").unwrap();
        let big = "进展".repeat(HASH_BESIDE_BYTES / 3);
        let parts = [b"{".as_slice(), big.as_bytes(), b"}".as_slice()];
        let saved = write_atomic_parts(&file, &parts).unwrap();
        let on_disk = crate::store::fingerprint(&file).unwrap();
        assert_eq!(saved.fingerprint, on_disk);
        assert_eq!(on_disk.len as usize, big.len() + 2);
    }

    #[test]
    fn the_mode_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        fs::write(&file, "x").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        let saved = write_atomic_parts(&file, &[b"y"]).unwrap();
        assert_eq!(saved.notice, None);
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640);
    }
}
