//! `E`: editing a goal or note in the user's editor — `$VISUAL`, else `$EDITOR`, else `vi`, else
//! `nano` — on a temporary file. The caller hands the terminal over first and takes it back after.

use std::io::Write;
use std::process::Command;

use crate::lang::{Lang, trf};

/// The exit status a shell gives for a command it cannot find.
const NOT_FOUND: i32 = 127;

/// The editors to try, in order.
fn editors() -> Vec<String> {
    let set = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    match set("VISUAL").or_else(|| set("EDITOR")) {
        Some(editor) => vec![editor],
        None => vec!["vi".into(), "nano".into()],
    }
}

/// Opens `text` in the editor and returns the text the file holds when it closes. The editor
/// command may hold arguments (`code -w`), so the shell runs it, with the file as its last
/// argument. What went wrong is said in `lang`.
pub fn edit(text: &str, lang: Lang) -> Result<String, String> {
    let failed = |key: &str, error: &dyn std::fmt::Display| trf(lang, key, &[("error", error)]);
    let mut file = tempfile::Builder::new()
        .prefix("tally-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| failed("editor.no_temp_file", &e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| failed("editor.cannot_write", &e))?;
    let path = file.path().to_path_buf();
    let mut tried = Vec::new();
    for editor in editors() {
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(&path)
            .status()
            .map_err(|e| failed("editor.cannot_run", &e))?;
        match status.code() {
            Some(0) => {
                return std::fs::read_to_string(&path)
                    .map_err(|e| failed("editor.cannot_read", &e));
            }
            Some(NOT_FOUND) => tried.push(editor),
            _ => {
                let args: [(&str, &dyn std::fmt::Display); 2] =
                    [("editor", &editor), ("status", &status)];
                return Err(trf(lang, "editor.exited", &args));
            }
        }
    }
    Err(trf(lang, "editor.none", &[("tried", &tried.join(", "))]))
}
