//! `tally merge-driver`, `tally resolve` and `tally git-setup`: task files merged by git item by
//! item, files git left with conflict markers merged again, and a repository set up for both.

use std::io::Write;
use std::path::Path;

use super::Failure;
use crate::cli::{GitSetupArgs, MergeDriverArgs, ResolveArgs};
use crate::git;
use crate::lang::Phrase;
use crate::merge::{Labels, MergeError, Outcome, merge_texts};
use crate::store::{self, line_col};
use crate::text::clean_line;

/// Merges git's three versions of a file into `%A`. A file that is not a task file is merged line
/// by line as git would.
pub fn merge_driver(args: &MergeDriverArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let shown = args.path.as_deref().unwrap_or(&args.ours);
    let read = |path: &Path| store::read_text(path).map_err(Failure::from);
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let labels = Labels {
        ours: label(args.ours_name.as_deref()),
        theirs: label(args.theirs_name.as_deref()),
    };
    match merge_texts(&base, &ours, &theirs, &labels) {
        Ok((text, outcome)) => {
            write(&args.ours, &text)?;
            finish(shown, &outcome, out)
        }
        Err(MergeError::Invalid { which, problem }) => {
            let clean =
                git::line_merge(&args.base, &args.ours, &args.theirs).map_err(Failure::Internal)?;
            if clean {
                return Ok(());
            }
            let text = match which {
                "base" => &base,
                "ours" => &ours,
                _ => &theirs,
            };
            let (line, col) = line_col(text, problem.offset);
            Err(Failure::Conflict(
                Phrase::new("cli.merged_by_line")
                    .arg("path", display(shown))
                    .arg("which", which)
                    .arg("line", line)
                    .arg("col", col)
                    .with("problem", problem.message),
            ))
        }
    }
}

/// Merges a file git left in conflict from its three index stages, and stages it when clean.
pub fn resolve(args: &ResolveArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let stages = git::stages(&args.path).map_err(Failure::User)?;
    let labels = Labels {
        ours: Some("ours".into()),
        theirs: Some("theirs".into()),
    };
    let (text, outcome) = merge_texts(&stages.base, &stages.ours, &stages.theirs, &labels)
        .map_err(|MergeError::Invalid { which, problem }| {
            let text = match which {
                "base" => &stages.base,
                "ours" => &stages.ours,
                _ => &stages.theirs,
            };
            let (line, col) = line_col(text, problem.offset);
            Failure::User(
                Phrase::new("cli.stage_invalid")
                    .arg("path", display(&args.path))
                    .arg("which", which)
                    .arg("line", line)
                    .arg("col", col)
                    .with("problem", problem.message),
            )
        })?;
    write(&args.path, &text)?;
    if !outcome.needs_attention() {
        git::add(&args.path).map_err(Failure::Internal)?;
    }
    finish(&args.path, &outcome, out)?;
    writeln!(out, "{}: merged", display(&args.path))?;
    Ok(())
}

/// Adds the `.gitattributes` line and the driver entry, saying what was already there.
pub fn git_setup(args: &GitSetupArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let here = std::env::current_dir()?;
    let setup = git::git_setup(&here, &args.pattern, &program()).map_err(Failure::User)?;
    let attributes = setup.root.join(".gitattributes");
    let verb = |changed| if changed { "added to" } else { "already in" };
    writeln!(
        out,
        "{} {}: {}",
        verb(setup.added_attributes),
        display(&attributes),
        clean_line(&setup.attributes_line)
    )?;
    let verb = if setup.set_driver {
        "set"
    } else {
        "already set"
    };
    writeln!(
        out,
        "{verb} in the repository's config: merge.tally.driver = {}",
        clean_line(&setup.driver)
    )?;
    Ok(())
}

/// How git should call this tally: `tally` when that is the one on PATH, else its full path.
fn program() -> String {
    let exe = std::env::current_exe().and_then(|p| p.canonicalize()).ok();
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("tally"))
            .find(|candidate| candidate.is_file())
            .and_then(|found| found.canonicalize().ok())
    });
    match exe {
        Some(exe) if on_path.as_ref() != Some(&exe) => shell_word(&exe.to_string_lossy()),
        _ => "tally".to_string(),
    }
}

fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+".contains(c);
    if text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// git passes `%X`/`%Y` through unchanged when it is too old to fill them in.
fn label(name: Option<&str>) -> Option<String> {
    name.filter(|n| !n.is_empty() && !n.starts_with('%'))
        .map(String::from)
}

fn write(path: &Path, text: &str) -> Result<(), Failure> {
    store::write_atomic(path, text.as_bytes())
        .map(|_| ())
        .map_err(|e| Failure::Internal(e.phrase()))
}

fn display(path: &Path) -> String {
    clean_line(&path.display().to_string()).into_owned()
}

/// Tells what the merge did; conflicts fail (exit 1) with how to settle them.
fn finish(path: &Path, outcome: &Outcome, out: &mut dyn Write) -> Result<(), Failure> {
    let shown = display(path);
    for line in outcome.lines() {
        writeln!(out, "{shown}: {}", clean_line(&line))?;
    }
    if !outcome.needs_attention() {
        return Ok(());
    }
    let mut ids: Vec<&str> = outcome
        .conflicts
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    ids.dedup();
    let count = outcome.conflicts.len() + outcome.header_conflicts.len();
    let key = if count == 1 {
        "cli.conflicts_kept.one"
    } else {
        "cli.conflicts_kept.other"
    };
    Err(Failure::Conflict(
        Phrase::new(key)
            .arg("path", shown)
            .arg("n", count)
            .arg("ids", clean_line(&ids.join(", "))),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_program_names_are_safe_for_git_and_the_shell() {
        assert_eq!(label(Some("%X")), None);
        assert_eq!(label(Some("origin/main")), Some("origin/main".into()));
        assert_eq!(shell_word("/usr/bin/tally"), "/usr/bin/tally");
        assert_eq!(shell_word("/a b/it's"), r"'/a b/it'\''s'");
    }
}
