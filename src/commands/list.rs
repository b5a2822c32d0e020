//! `tally list`: one line per item, `ID<TAB>STATUS<TAB>TITLE`, or a JSON array with `--json`.

use std::io::Write;

use super::Failure;
use crate::cli::ListArgs;
use crate::store;
use crate::text::{clean_line, escape_json_hazards};

pub fn list(args: &ListArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let files = store::load_all(&args.files.paths)?;
    let rows = files.iter().flat_map(|file| {
        file.doc
            .items()
            .iter()
            .filter(|item| args.status.is_none_or(|s| item.status == s))
            .map(move |item| (file, item))
    });
    if args.json {
        let array: Vec<serde_json::Value> = rows
            .map(|(file, item)| {
                serde_json::json!({
                    "file": file.path.display().to_string(),
                    "id": item.id,
                    "status": item.status.as_str(),
                    "title": item.title,
                })
            })
            .collect();
        let text =
            serde_json::to_string_pretty(&array).map_err(|e| Failure::Internal(e.to_string()))?;
        writeln!(out, "{}", escape_json_hazards(&text))?;
        return Ok(());
    }
    let mut buffer = String::new();
    for (_, item) in rows {
        buffer.push_str(&clean_line(&item.id));
        buffer.push('\t');
        buffer.push_str(item.status.as_str());
        buffer.push('\t');
        buffer.push_str(&clean_line(&item.title));
        buffer.push('\n');
    }
    out.write_all(buffer.as_bytes())?;
    Ok(())
}
