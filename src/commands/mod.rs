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
use crate::lang::{Lang, Phrase};
use crate::text::clean_line;

pub use export::export;
pub use import::import;
pub use list::list;
pub use show::show;
pub use target::split_file_id;
pub use validate::validate;

/// Why a command did not succeed, as a [`Phrase`]: built where the problem is found, in no
/// language yet, and read once by `main` in the session's language (`--lang`, the config's
/// `language`, the locale) just before it is printed. So no command needs to know the language,
/// English reads exactly as it always has, and what the system or git said travels as
/// [`Phrase::plain`]. Phrases that start with a place (`PATH:LINE:COL: …`) keep it first in
/// every language, for scripts that read it.
#[derive(Debug)]
pub enum Failure {
    /// The user's input was wrong (bad file, unknown id …): exit code 2.
    User(Phrase),
    /// Something else failed (for example writing to a closed pipe): exit code 1.
    Internal(Phrase),
    /// A merge left conflicts for a person to settle (git stops on it): exit code 1.
    Conflict(Phrase),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::User(_) => 2,
            Failure::Internal(_) | Failure::Conflict(_) => 1,
        }
    }

    /// What went wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.phrase().text(lang)
    }

    pub fn phrase(&self) -> &Phrase {
        match self {
            Failure::User(p) | Failure::Internal(p) | Failure::Conflict(p) => p,
        }
    }

    /// True when the output was closed early (`tally list | head`): not a failure to report.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Failure::Internal(p) if p.is_plain() && p.to_string().contains("Broken pipe"))
    }
}

impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Failure {
        Failure::Internal(Phrase::plain(err.to_string()))
    }
}

impl From<crate::store::LoadError> for Failure {
    fn from(err: crate::store::LoadError) -> Failure {
        Failure::User(err.phrase())
    }
}

impl From<crate::store::SaveError> for Failure {
    /// The system refused the write (full disk, size limit, read-only folder, file gone): exit
    /// code 1; the input was at fault otherwise (the file exists, or changed meanwhile): 2.
    fn from(err: crate::store::SaveError) -> Failure {
        match err {
            crate::store::SaveError::Io { .. } => Failure::Internal(err.phrase()),
            _ => Failure::User(err.phrase()),
        }
    }
}

/// A path as messages show it: on one line, without control characters.
pub(crate) fn shown(path: &std::path::Path) -> String {
    clean_line(&path.display().to_string()).into_owned()
}

/// Runs a subcommand, writing its normal output to `out`. `lang` is only for what a command
/// says on stderr while it works (the stages of `sync`, a notice about a save); its failure is
/// read in it by the caller.
pub fn run(
    command: &Command,
    settings: &crate::config::Settings,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match command {
        Command::Validate(args) => validate(&args.paths, out),
        Command::List(args) => list(args, out),
        Command::Show(args) => show(args, out),
        Command::Note(args) => edit::note(args, lang, out),
        Command::Set(args) => edit::set(args, lang, out),
        Command::Metric(args) => edit::metric(args, lang, out),
        Command::Add(args) => edit::add(args, lang, out),
        Command::Rm(args) => edit::rm(args, lang, out),
        Command::Import(args) => import(args, out),
        Command::Export(args) => export(args, out),
        Command::MergeDriver(args) => merge::merge_driver(args, out),
        Command::Resolve(args) => merge::resolve(args, out),
        Command::GitSetup(args) => merge::git_setup(args, out),
        Command::Sync(args) => sync::sync(args, lang, out),
        Command::Config(args) => config::config(args, settings, out),
        Command::Keys => config::keys(settings, out),
        Command::Completions(args) => generate::completions(args.shell, out),
        Command::Man => generate::man(out),
        Command::New(args) => new::new(args, out),
    }
}
