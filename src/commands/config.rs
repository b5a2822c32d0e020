//! `tally config path`, `tally config init` and `tally keys`: the config file and the keys it sets.

use std::io::Write;

use super::Failure;
use crate::cli::{ConfigAction, ConfigArgs};
use crate::config::{DEFAULT_TOML, Settings};
use crate::lang::Phrase;
use crate::store::{self, Overwrite};
use crate::text::clean_line;

/// Prints where the config file is, or writes the commented default there.
pub fn config(args: &ConfigArgs, settings: &Settings, out: &mut dyn Write) -> Result<(), Failure> {
    let path = settings
        .path
        .clone()
        .ok_or_else(|| Failure::User(Phrase::new("cli.no_config_folder")))?;
    let shown = clean_line(&path.display().to_string()).into_owned();
    match args.action {
        ConfigAction::Path => writeln!(out, "{shown}")?,
        ConfigAction::Init { force } => {
            let overwrite = if force {
                Overwrite::Replace
            } else {
                Overwrite::Refuse
            };
            store::write_config(&path, DEFAULT_TOML, overwrite).map_err(Failure::User)?;
            writeln!(out, "wrote {shown}")?;
        }
    }
    Ok(())
}

/// Prints every mode with its actions, their keys as the config writes them, and what they do.
pub fn keys(settings: &Settings, out: &mut dyn Write) -> Result<(), Failure> {
    use crate::keymap::{Context, mode_name};
    let bindings = settings.keymap.bindings();
    for context in Context::ALL {
        let rows: Vec<_> = bindings.iter().filter(|b| b.context == context).collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(out, "[keys.{}]  # {}", mode_name(context), context.title())?;
        for binding in rows {
            let name = binding.intent.name();
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| {
                    format!(
                        "\"{}\"",
                        k.config_name().replace('\\', "\\\\").replace('"', "\\\"")
                    )
                })
                .collect();
            let keys = format!("[{}]", keys.join(", "));
            writeln!(out, "{name:<18} = {keys:<28} # {}", binding.help)?;
        }
        writeln!(out)?;
    }
    Ok(())
}
