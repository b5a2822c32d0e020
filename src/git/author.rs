//! Who writes a note: the name given (`--by`), else the `TALLY_USER` variable, else git's
//! `user.name` when the file is in a git repository, else the login name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The variable that names the writer of notes, ahead of git's setting and the login name.
pub const USER_VARIABLE: &str = "TALLY_USER";

/// The name notes added to `file` are signed with.
pub fn author(given: Option<&str>, file: &Path) -> Option<String> {
    author_with(given, file, &mut |name| std::env::var(name).ok())
}

/// The author of each folder's files, by folder (a file's parent, or a folder given as one).
pub type ByFolder = HashMap<Option<PathBuf>, Option<String>>;

/// [`author`] for several files, asking git once per folder.
pub fn authors(files: &[PathBuf]) -> Vec<Option<String>> {
    authors_knowing(files, ByFolder::new())
}

/// The authors of the files in `paths` (files, or folders of files), asked of git ahead — on a
/// thread of its own while the files load, so git's start costs the first screen nothing.
pub fn ahead(paths: &[PathBuf]) -> ByFolder {
    let mut known = ByFolder::new();
    for path in paths {
        let folder = if path.is_dir() {
            Some(path.clone())
        } else {
            path.parent().map(Path::to_path_buf)
        };
        known.entry(folder).or_insert_with(|| {
            let inside = path.is_dir().then(|| path.join("report.json"));
            author(None, inside.as_deref().unwrap_or(path))
        });
    }
    known
}

/// [`authors`], taking the folders in `known` as already asked.
pub fn authors_knowing(files: &[PathBuf], known: ByFolder) -> Vec<Option<String>> {
    let mut per_folder = known;
    files
        .iter()
        .map(|file| {
            per_folder
                .entry(file.parent().map(Path::to_path_buf))
                .or_insert_with(|| author(None, file))
                .clone()
        })
        .collect()
}

fn author_with(
    given: Option<&str>,
    file: &Path,
    variable: &mut dyn FnMut(&str) -> Option<String>,
) -> Option<String> {
    let named = |name: Option<String>| name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    named(given.map(str::to_string))
        .or_else(|| named(variable(USER_VARIABLE)))
        .or_else(|| named(super::repo::user_name(file)))
        .or_else(|| named(variable("USER")))
        .or_else(|| named(variable("LOGNAME")))
        .or_else(|| named(variable("USERNAME")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> impl FnMut(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn the_given_name_comes_first_then_the_variable_then_the_login() {
        let outside = tempfile::tempdir().expect("temp dir");
        let file = outside.path().join("r.json");
        let mut vars = with(&[("TALLY_USER", "李四"), ("USER", "li")]);
        assert_eq!(
            author_with(Some("张三"), &file, &mut vars).as_deref(),
            Some("张三")
        );
        assert_eq!(author_with(None, &file, &mut vars).as_deref(), Some("李四"));
        assert_eq!(
            author_with(Some("  "), &file, &mut vars).as_deref(),
            Some("李四"),
            "a blank --by counts as none"
        );
        let mut login_only = with(&[("TALLY_USER", ""), ("LOGNAME", "li")]);
        assert_eq!(
            author_with(None, &file, &mut login_only).as_deref(),
            Some("li")
        );
        assert_eq!(author_with(None, &file, &mut with(&[])), None);
    }

    #[test]
    fn authors_asked_ahead_are_keyed_by_the_folder_the_loaded_files_are_in() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("report.json");
        std::fs::write(&file, "{}").expect("the file is written");
        for given in [dir.path().to_path_buf(), file.clone()] {
            let known = ahead(std::slice::from_ref(&given));
            assert_eq!(known.len(), 1);
            assert!(known.contains_key(&Some(dir.path().to_path_buf())));
            let answer = known.values().next().cloned().flatten();
            let mut poisoned = known;
            // a folder already asked is taken as known: a different answer shows it was used
            poisoned.insert(Some(dir.path().to_path_buf()), Some("known ahead".into()));
            assert_eq!(
                authors_knowing(std::slice::from_ref(&file), poisoned),
                [Some("known ahead".to_string())]
            );
            assert_eq!(authors(std::slice::from_ref(&file)), [answer]);
        }
    }
}
