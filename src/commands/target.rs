//! Naming an item on the command line: `PATH ID` (a file, or a folder whose files are searched)
//! or `FILE:ID` in one word, as `tally list --with-file` prints it. The longest prefix before a
//! `:` that names an existing file is the file; an id found in several files of a folder is an
//! error listing them.

use std::path::{Path, PathBuf};

use super::{Failure, shown};
use crate::lang::Phrase;
use crate::text::clean_line;

/// An item's file and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    pub id: String,
}

/// `first` is a path followed by the id in `rest`, or `FILE:ID`; returns the item and the
/// arguments after it. A path that names nothing, followed by an id and the `after` arguments
/// the command needs, is taken as `PATH ID` (so loading it says what is wrong with it).
pub fn locate<'a>(
    first: &str,
    rest: &'a [String],
    after: usize,
) -> Result<(Target, &'a [String]), Failure> {
    let path = Path::new(first);
    let split = if path.exists() {
        None
    } else {
        split_file_id(first)
    };
    if split.is_none() && (path.exists() || rest.len() > after) {
        let Some((id, rest)) = rest.split_first() else {
            return Err(Failure::User(
                Phrase::new("cli.give_id").arg("path", shown(path)),
            ));
        };
        return Ok((in_path(path, id)?, rest));
    }
    match split {
        Some((path, id)) => Ok((Target { path, id }, rest)),
        None => Err(Failure::User(
            Phrase::new("cli.no_such_target").arg("path", clean_line(first)),
        )),
    }
}

/// `FILE:ID` split where the longest prefix before a `:` names an existing file.
pub fn split_file_id(text: &str) -> Option<(PathBuf, String)> {
    text.char_indices()
        .filter(|&(_, c)| c == ':')
        .map(|(at, _)| at)
        .rev()
        .find(|&at| Path::new(&text[..at]).is_file())
        .map(|at| (PathBuf::from(&text[..at]), text[at + 1..].to_string()))
        .filter(|(_, id)| !id.is_empty())
}

/// The item `id` under `path`: the file itself, or the one file of a folder that has it.
fn in_path(path: &Path, id: &str) -> Result<Target, Failure> {
    if !path.is_dir() {
        return Ok(Target {
            path: path.to_path_buf(),
            id: id.to_string(),
        });
    }
    let files = crate::store::load_all(&[path.to_path_buf()])?;
    let holders: Vec<PathBuf> = files
        .iter()
        .filter(|file| file.doc.position(id).is_some())
        .map(|file| file.path.clone())
        .collect();
    match holders.as_slice() {
        [only] => Ok(Target {
            path: only.clone(),
            id: id.to_string(),
        }),
        [] => Err(Failure::User(
            Phrase::new("cli.not_in_folder")
                .arg("path", shown(path))
                .arg("id", clean_line(id)),
        )),
        several => {
            let names: Vec<String> = several
                .iter()
                .map(|p| format!("{}:{}", shown(p), clean_line(id)))
                .collect();
            Err(Failure::User(
                Phrase::new("cli.id_in_several")
                    .arg("id", clean_line(id))
                    .arg("n", several.len())
                    .arg("names", names.join(", ")),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_prefix_naming_a_file_is_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let plain = dir.path().join("r.json");
        let colon = dir.path().join("r.json:a");
        std::fs::write(&plain, "{}").expect("write");
        std::fs::write(&colon, "{}").expect("write");
        let text = |rest: &str| format!("{}{rest}", plain.display());
        assert_eq!(
            split_file_id(&text(":14")),
            Some((plain.clone(), "14".to_string()))
        );
        assert_eq!(
            split_file_id(&text(":a:14")),
            Some((colon, "14".to_string()))
        );
        assert_eq!(split_file_id(&text(":")), None, "no id");
        assert_eq!(split_file_id("missing.json:14"), None);
        assert_eq!(
            split_file_id(&text(":x:y")),
            Some((plain, "x:y".to_string())),
            "an id may hold a colon"
        );
    }
}
