//! How far the loading of the files given has got, reported as it goes so that the interface can
//! show a loading line while a large file is read and parsed.

use std::path::{Path, PathBuf};

use super::error::LoadError;
use super::file::{Loaded, json_files_in, load_with};

/// How far the loading of one file has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// `done` of the file's `total` bytes are read.
    Reading { done: u64, total: u64 },
    /// The whole file (`total` bytes) is read and being parsed.
    Parsing { total: u64 },
}

/// Where the loading of several files has got: file `number` (from 1) of `of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step<'a> {
    pub path: &'a Path,
    pub number: usize,
    pub of: usize,
    pub progress: Progress,
}

/// Loads every path given — a file, or each `*.json` file in a folder, in name order — telling
/// `report` how far it has got.
pub fn load_all_with(
    paths: &[PathBuf],
    report: &mut dyn FnMut(Step),
) -> Result<Vec<Loaded>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(json_files_in(path)?);
        } else {
            files.push(path.clone());
        }
    }
    let of = files.len();
    let mut loaded = Vec::with_capacity(of);
    for (index, path) in files.iter().enumerate() {
        let mut progress = |progress| {
            report(Step {
                path,
                number: index + 1,
                of,
                progress,
            })
        };
        loaded.push(load_with(path, &mut progress)?);
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_reports_reading_then_parsing_in_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.json", "a.json"] {
            std::fs::write(dir.path().join(name), super::super::SAMPLE_JSON).unwrap();
        }
        let mut steps = Vec::new();
        let loaded = load_all_with(&[dir.path().to_path_buf()], &mut |step| {
            let name = step
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            steps.push((name, step.number, step.of, step.progress));
        })
        .unwrap();
        assert_eq!(loaded.len(), 2);
        let total = super::super::SAMPLE_JSON.len() as u64;
        let start = Progress::Reading { done: 0, total };
        let reading = Progress::Reading { done: total, total };
        let parsing = Progress::Parsing { total };
        let expected = [
            ("a.json".to_string(), 1, 2, start),
            ("a.json".to_string(), 1, 2, reading),
            ("a.json".to_string(), 1, 2, parsing),
            ("b.json".to_string(), 2, 2, start),
            ("b.json".to_string(), 2, 2, reading),
            ("b.json".to_string(), 2, 2, parsing),
        ];
        assert_eq!(steps, expected);
    }

    #[test]
    fn a_bad_file_stops_the_loading_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.json");
        std::fs::write(&path, "{\"title\": \"t\", \"items\": [{\"id\": \"1\"}]}").unwrap();
        let err = load_all_with(&[path], &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("bad.json:1:26:"), "{err}");
    }
}
