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
mod sample;
mod write;
mod written;

pub use atomic::{Saved, real_path, why_unwritable};
pub use config_file::{Overwrite, default_config_path, home_dir, read_config, write_config};
pub use decode::{TextEncoding, decode};
pub use error::{LoadError, SaveError};
pub use extras::{item_extras, with_item_extras};
pub use file::{
    Fingerprint, Loaded, MAX_FILE_BYTES, TEMP_SUFFIX, changed_since, fingerprint, json_files_in,
    load, load_all, looks_changed, read_any_text, read_text, save, save_bytes, save_in_turn,
    save_new, save_written, stat, temp_files_of, wait_for_writes, write_atomic, write_new,
};
pub use lock::Turn;
pub use parse::{Problem, line_col, parse_document};
pub use sample::{SAMPLE_FILE_NAME, SAMPLE_JSON, default_data_dir, prepare_data_dir};
pub use write::{write_document, write_item, write_pieces};
pub use written::Written;
