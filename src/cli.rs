//! The command line: clap's definition of every subcommand and option. `main` dispatches on it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::model::Status;

/// A keyboard-first terminal tracker for JSON task files.
///
/// With no subcommand, opens the files (or every *.json in a folder) in the interface. With no
/// path, opens the data folder (created on first run with a sample report).
#[derive(Debug, Parser)]
#[command(name = "tally", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders to open.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The folder opened when no path is given [default: the OS data folder, e.g. ~/.local/share/tally]
    #[arg(long, env = "TALLY_DATA_DIR", value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files against the format; prints `ok PATH: N items` for each good file.
    Validate(PathsArgs),
    /// Print one line per item: ID<TAB>STATUS<TAB>TITLE, in file order.
    List(ListArgs),
    /// Print one item in full.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct PathsArgs {
    /// Files or folders (every *.json inside).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub files: PathsArgs,

    /// Only items with this status.
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    pub status: Option<Status>,

    /// Print a JSON array instead of lines.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The file (or folder) holding the item.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// The item's id.
    #[arg(value_name = "ID")]
    pub id: String,

    /// Print the item as JSON, with every field the file has.
    #[arg(long)]
    pub json: bool,
}

fn parse_status(text: &str) -> Result<Status, String> {
    text.parse::<Status>().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn paths_without_a_subcommand_open_the_interface() {
        let cli = Cli::try_parse_from(["tally", "a.json", "dir"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.paths.len(), 2);
    }

    #[test]
    fn list_takes_a_status_filter() {
        let cli = Cli::try_parse_from(["tally", "list", "a.json", "--status", "at_risk"]).unwrap();
        let Some(Command::List(args)) = cli.command else {
            panic!("not list")
        };
        assert_eq!(args.status, Some(Status::AtRisk));
        assert!(Cli::try_parse_from(["tally", "list", "a.json", "--status", "late"]).is_err());
    }
}
