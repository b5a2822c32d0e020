//! The user's configuration file on disk: where it lives, reading it, and writing a new one. What
//! it means is the `config` module's business.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::error::io_phrase;
use super::file::write_atomic;
use crate::lang::Phrase;

/// `PATH: PROBLEM`, in words for any language.
fn at(path: &Path, problem: Phrase) -> Phrase {
    Phrase::new("file.at")
        .arg(
            "place",
            crate::text::clean_line(&path.display().to_string()),
        )
        .with("problem", problem)
}

/// `config.toml` in the user's config folder (`$XDG_CONFIG_HOME/tally`, else
/// `~/.config/tally` on Linux; the platform's usual place elsewhere).
pub fn default_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "tally")
        .map(|dirs| dirs.config_dir().join("config.toml"))
}

/// The user's home folder, for `~/` in paths the config names.
pub fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf())
}

/// The config file's text; `None` when there is no such file.
pub fn read_config(path: &Path) -> Result<Option<String>, Phrase> {
    match fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| at(path, Phrase::new("config_file.not_utf8"))),
        Err(err) if err.kind() == ErrorKind::NotFound => Ok(None),
        Err(err) => Err(at(path, io_phrase(&err))),
    }
}

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    Refuse,
    Replace,
}

/// Writes `text` to `path` (creating its folder), atomically. An existing file is left alone
/// unless `overwrite` says otherwise.
pub fn write_config(path: &Path, text: &str, overwrite: Overwrite) -> Result<(), Phrase> {
    if overwrite == Overwrite::Refuse && path.exists() {
        let shown = crate::text::clean_line(&path.display().to_string()).into_owned();
        return Err(Phrase::new("config_file.exists").arg("path", shown));
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(folder).map_err(|e| at(folder, io_phrase(&e)))?;
    }
    write_atomic(path, text.as_bytes())
        .map(|_| ())
        .map_err(|e| e.phrase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_no_config() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_config(&dir.path().join("config.toml")), Ok(None));
    }

    #[test]
    fn an_existing_file_is_kept_unless_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tally").join("config.toml");
        write_config(&path, "a = 1\n", Overwrite::Refuse).unwrap();
        let refused = write_config(&path, "a = 2\n", Overwrite::Refuse).unwrap_err();
        assert!(refused.to_string().contains("--force"), "{refused}");
        assert_eq!(read_config(&path).unwrap().as_deref(), Some("a = 1\n"));
        write_config(&path, "a = 2\n", Overwrite::Replace).unwrap();
        assert_eq!(read_config(&path).unwrap().as_deref(), Some("a = 2\n"));
    }
}
