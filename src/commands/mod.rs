//! The scriptable subcommands. Each writes to the given output, so tests can read what a user
//! would see; failures come back as [`Failure`] and `main` turns them into exit codes.

mod config;
mod edit;
mod export;
mod generate;
mod import;
mod list;
mod merge;
mod new;
mod show;
mod sync;
mod target;
mod validate;

use std::io::Write;

use crate::cli::Command;
use crate::text::clean_line;

pub use export::export;
pub use import::import;
pub use list::list;
pub use show::show;
pub use target::split_file_id;
pub use validate::validate;

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The user's input was wrong (bad file, unknown id …): exit code 2.
    User(String),
    /// Something else failed (for example writing to a closed pipe): exit code 1.
    Internal(String),
    /// A merge left conflicts for a person to settle (git stops on it): exit code 1.
    Conflict(String),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::User(_) => 2,
            Failure::Internal(_) | Failure::Conflict(_) => 1,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Failure::User(m) | Failure::Internal(m) | Failure::Conflict(m) => m,
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Failure {
        Failure::Internal(err.to_string())
    }
}

impl From<crate::store::LoadError> for Failure {
    fn from(err: crate::store::LoadError) -> Failure {
        Failure::User(clean_line(&err.to_string()).into_owned())
    }
}

/// Runs a subcommand, writing its normal output to `out`.
pub fn run(
    command: &Command,
    settings: &crate::config::Settings,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match command {
        Command::Validate(args) => validate(&args.paths, out),
        Command::List(args) => list(args, out),
        Command::Show(args) => show(args, out),
        Command::Note(args) => edit::note(args, out),
        Command::Set(args) => edit::set(args, out),
        Command::Metric(args) => edit::metric(args, out),
        Command::Add(args) => edit::add(args, out),
        Command::Rm(args) => edit::rm(args, out),
        Command::Import(args) => import(args, out),
        Command::Export(args) => export(args, out),
        Command::MergeDriver(args) => merge::merge_driver(args, out),
        Command::Resolve(args) => merge::resolve(args, out),
        Command::GitSetup(args) => merge::git_setup(args, out),
        Command::Sync(args) => sync::sync(args, out),
        Command::Config(args) => config::config(args, settings, out),
        Command::Keys => config::keys(settings, out),
        Command::Completions(args) => generate::completions(args.shell, out),
        Command::Man => generate::man(out),
        Command::New(args) => new::new(args, out),
    }
}
