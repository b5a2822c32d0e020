//! `tally list`: one line per item, `ID<TAB>STATUS<TAB>TITLE` (`FILE:ID` first with
//! `--with-file`), or a JSON array with `--json`.

use std::io::Write;

use super::Failure;
use crate::cli::ListArgs;
use crate::lang::{Lang, Phrase};
use crate::model::Item;
use crate::search::{SearchIndex, rank};
use crate::store::{self, Loaded};
use crate::text::{clean_line, escape_json_hazards};

pub fn list(args: &ListArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let files = store::load_all(&args.files.paths)?;
    let all: Vec<(&Loaded, &Item)> = files
        .iter()
        .flat_map(|file| file.doc.items().iter().map(move |item| (file, item)))
        .collect();
    let ordered = match &args.query {
        Some(query) => ranked(&all, query)?,
        None => all,
    };
    let rows = ordered
        .into_iter()
        .filter(|(_, item)| args.status.is_none_or(|s| item.status == s));
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
        let text = serde_json::to_string_pretty(&array)
            .map_err(|e| Failure::Internal(e.to_string().into()))?;
        writeln!(out, "{}", escape_json_hazards(&text))?;
        return Ok(());
    }
    let mut buffer = String::new();
    for (file, item) in rows {
        if args.with_file {
            buffer.push_str(&clean_line(&file.path.display().to_string()));
            buffer.push(':');
        }
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

/// The items matching `query`, best first — the order the interface shows for the same query.
fn ranked<'a>(
    all: &[(&'a Loaded, &'a Item)],
    query: &str,
) -> Result<Vec<(&'a Loaded, &'a Item)>, Failure> {
    // each item with its file's place, for `file:` (a file's items come one after another)
    let mut names: Vec<String> = Vec::new();
    let mut last: Option<&Loaded> = None;
    let numbered: Vec<(&Item, usize)> = all
        .iter()
        .map(|&(file, item)| {
            if !last.is_some_and(|seen| std::ptr::eq(seen, file)) {
                let name = file.path.file_name().map(|n| n.to_string_lossy());
                names.push(name.unwrap_or_default().into_owned());
                last = Some(file);
            }
            (item, names.len().saturating_sub(1))
        })
        .collect();
    let index = SearchIndex::build_in_files(numbered, names);
    let hits = rank(&index, query).map_err(|e| {
        Failure::User(Phrase::new("cli.bad_query").with("problem", e.phrase(Lang::En)))
    })?;
    Ok(hits
        .iter()
        .filter_map(|hit| all.get(hit.index).copied())
        .collect())
}
