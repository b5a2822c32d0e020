//! All disk IO and the file format's text: loading and validating files, writing them back
//! atomically with minimal change, and noticing when someone else changed a file.

mod atomic;
mod config_file;
mod decode;
mod entries;
mod error;
mod extras;
mod file;
mod fragment;
mod lock;
mod parse;
mod place;
mod progress;
mod read;
mod sample;
mod text_to_save;
mod write;

pub use atomic::{Saved, real_path, why_unwritable};
pub use config_file::{Overwrite, default_config_path, home_dir, read_config, write_config};
pub use decode::{TextEncoding, decode};
pub use error::{LoadError, SaveError, io_phrase};
pub use extras::{item_extras, with_item_extras};
pub use file::{
    Fingerprint, Loaded, MAX_FILE_BYTES, Stamp, TEMP_SUFFIX, changed_since, fingerprint,
    json_files_in, load, load_all, load_outline, load_with, looks_changed, read_any_text,
    read_text, save, save_bytes, save_locked, save_new, save_text, save_text_keeping_old, stat,
    temp_files_of, unchanged_on_disk, wait_for_writes, write_atomic, write_new,
};
pub use lock::{Replaced, SaveLock};
pub use parse::{Problem, line_col, parse_document, parse_outline};
pub use progress::{Progress, Step, load_all_with};
pub use sample::{SAMPLE_FILE_NAME, SAMPLE_JSON, default_data_dir, prepare_data_dir};
pub use text_to_save::TextToSave;
pub use write::{write_document, write_item, write_pieces};
