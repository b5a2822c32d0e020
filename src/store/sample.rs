//! The bundled sample report and the user's data folder, where it is placed on first run.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::io_phrase;
use super::file::write_atomic;
use crate::lang::Phrase;

/// The sample report, compiled into the binary.
pub const SAMPLE_JSON: &str = include_str!("../../data/beijing-fao-2023-q3.json");
/// The name the sample gets in the data folder.
pub const SAMPLE_FILE_NAME: &str = "beijing-fao-2023-q3.json";

/// The default data folder for this user (for example `~/.local/share/tally`).
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "tally").map(|dirs| dirs.data_dir().to_path_buf())
}

/// Makes sure the data folder exists. A folder created now gets a copy of the sample report, so a
/// first run has something to show. Returns true when the folder was created.
pub fn prepare_data_dir(dir: &Path) -> Result<bool, Phrase> {
    if dir.is_dir() {
        return Ok(false);
    }
    fs::create_dir_all(dir).map_err(|e| {
        Phrase::new("file.at")
            .arg("place", dir.display())
            .with("problem", io_phrase(&e))
    })?;
    write_atomic(&dir.join(SAMPLE_FILE_NAME), SAMPLE_JSON.as_bytes()).map_err(|e| e.phrase())?;
    Ok(true)
}
