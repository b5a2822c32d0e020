//! Reading a file into memory once: one buffer of the size the file's metadata gives, filled by
//! reads straight from the file, checked as UTF-8 with a SIMD validator and shared as the
//! `Arc<str>` that a document's origins keep, without copying the text again. The bytes read so
//! far are reported as the reading goes (for a loading screen).

use std::fs::File;
use std::io::Read;
use std::mem::MaybeUninit;
use std::sync::Arc;

/// What [`read_shared`] found in the file.
pub(super) enum Whole {
    /// The whole file, valid UTF-8.
    Text(Arc<str>),
    /// The file's bytes, not valid UTF-8 from byte `valid_up_to` on.
    NotUtf8 {
        bytes: Arc<[u8]>,
        valid_up_to: usize,
    },
    /// The file's size moved while it was read: read it again the ordinary way.
    Moved,
}

/// How much is read between two reports of progress.
const REPORT_EVERY: usize = 8 << 20;

/// Reads the `len` bytes of `file` (its size when opened) into one shared buffer, telling
/// `progress` how many bytes are in after every few megabytes.
pub(super) fn read_shared(
    file: &mut File,
    len: usize,
    progress: &mut dyn FnMut(usize),
) -> std::io::Result<Whole> {
    // said before the buffer is made: on a large file that alone takes a while
    progress(0);
    let mut buffer = zeroed(len);
    let Some(bytes) = Arc::get_mut(&mut buffer) else {
        return Ok(Whole::Moved);
    };
    let mut filled = 0;
    while filled < len {
        let end = len.min(filled + REPORT_EVERY);
        match file.read(&mut bytes[filled..end]) {
            Ok(0) => return Ok(Whole::Moved),
            Ok(n) => {
                filled += n;
                progress(filled);
            }
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    let mut probe = [0u8; 1];
    if file.read(&mut probe)? != 0 {
        return Ok(Whole::Moved);
    }
    if simdutf8::basic::from_utf8(&buffer).is_err() {
        // the standard check says where the first bad byte is
        let valid_up_to =
            std::str::from_utf8(&buffer).map_or_else(|err| err.valid_up_to(), str::len);
        return Ok(Whole::NotUtf8 {
            bytes: buffer,
            valid_up_to,
        });
    }
    // SAFETY: `str` has the layout of `[u8]`, and the bytes were just checked to be UTF-8 (by
    // the SIMD validator, which accepts exactly what `std::str::from_utf8` accepts).
    let text = unsafe { Arc::from_raw(Arc::into_raw(buffer) as *const str) };
    Ok(Whole::Text(text))
}

/// `len` zero bytes, shared.
fn zeroed(len: usize) -> Arc<[u8]> {
    let mut buffer: Arc<[MaybeUninit<u8>]> = Arc::new_uninit_slice(len);
    if let Some(bytes) = Arc::get_mut(&mut buffer) {
        bytes.fill(MaybeUninit::new(0));
    }
    // SAFETY: a fresh `Arc` is never shared, so `get_mut` gave every byte its zero above.
    unsafe { buffer.assume_init() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read(bytes: &[u8]) -> Whole {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        let len = file.metadata().unwrap().len() as usize;
        let mut file = file;
        std::io::Seek::rewind(&mut file).unwrap();
        read_shared(&mut file, len, &mut |_| {}).unwrap()
    }

    #[test]
    fn a_utf8_file_is_read_whole() {
        let text = "{\"title\": \"北京外办\"}\n".repeat(1000);
        match read(text.as_bytes()) {
            Whole::Text(read) => assert_eq!(&*read, text),
            _ => panic!("not read as text"),
        }
    }

    #[test]
    fn invalid_utf8_is_found_where_it_starts() {
        let mut bytes = "北京".repeat(100).into_bytes();
        bytes.push(0xFF);
        bytes.extend_from_slice(b"tail");
        match read(&bytes) {
            Whole::NotUtf8 { valid_up_to, .. } => assert_eq!(valid_up_to, 600),
            _ => panic!("taken for text"),
        }
    }

    #[test]
    fn a_file_longer_or_shorter_than_its_size_said_is_read_again() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"abcdef").unwrap();
        std::io::Seek::rewind(&mut file).unwrap();
        assert!(matches!(
            read_shared(&mut file, 4, &mut |_| {}).unwrap(),
            Whole::Moved
        ));
        std::io::Seek::rewind(&mut file).unwrap();
        assert!(matches!(
            read_shared(&mut file, 8, &mut |_| {}).unwrap(),
            Whole::Moved
        ));
    }

    #[test]
    fn progress_is_reported_as_the_file_is_read() {
        let bytes = vec![b'x'; REPORT_EVERY * 2 + 5];
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&bytes).unwrap();
        std::io::Seek::rewind(&mut file).unwrap();
        let mut seen = Vec::new();
        let whole = read_shared(&mut file, bytes.len(), &mut |n| seen.push(n)).unwrap();
        assert!(matches!(whole, Whole::Text(text) if text.len() == bytes.len()));
        assert_eq!(seen, [0, REPORT_EVERY, REPORT_EVERY * 2, bytes.len()]);
    }
}
