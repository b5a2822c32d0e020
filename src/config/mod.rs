//! The user's settings (`config.toml`): what they are, where they come from, and what is wrong
//! with them. A broken file is reported — `PATH:LINE:COL: what` — and tally runs on defaults; a
//! setting it does not know is a warning, given once.

mod keys;
mod parse;

use std::path::{Path, PathBuf};

use crate::keymap::Keymap;
use crate::lang::{Lang, Phrase, trf};
use crate::store;
use crate::ui::ThemeName;

pub use parse::parse;

/// The commented default `tally config init` writes.
pub const DEFAULT_TOML: &str = include_str!("default.toml");

/// The variable that points tally at another config file.
pub const CONFIG_VARIABLE: &str = "TALLY_CONFIG";

/// What the config file asks for; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub language: Option<String>,
    pub theme: Option<ThemeName>,
    pub date_format: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub mouse: Option<bool>,
    pub osc52: Option<bool>,
    /// `[keys]` entries in file order, checked when the keymap is built.
    pub keys: Vec<KeyEntry>,
}

/// One `action = keys` line of `[keys]` or `[keys.MODE]`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyEntry {
    /// The mode section (`triage` for `[keys.triage]`); `None` for plain `[keys]`.
    pub mode: Option<Located<String>>,
    pub action: Located<String>,
    pub keys: Vec<Located<String>>,
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub at: Position,
}

/// A line and column in the file, both from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// How serious a problem is: an error drops the setting (or the file), a warning drops nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Something wrong in the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Option<Position>,
    pub severity: Severity,
    /// What is wrong, in English (as printed on stderr); `phrase` says it in any language.
    pub text: String,
    pub phrase: Phrase,
}

impl Problem {
    pub fn error(at: Option<Position>, phrase: Phrase) -> Problem {
        Problem {
            at,
            severity: Severity::Error,
            text: phrase.to_string(),
            phrase,
        }
    }

    pub fn warning(at: Option<Position>, phrase: Phrase) -> Problem {
        Problem {
            at,
            severity: Severity::Warning,
            text: phrase.to_string(),
            phrase,
        }
    }
}

/// The config as read at start, with the file it came from and what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub path: Option<PathBuf>,
    pub config: Config,
    /// The defaults with the config's `[keys]` applied.
    pub keymap: Keymap,
    pub problems: Vec<Problem>,
}

impl Settings {
    /// Reads the config: `explicit` (from `--config` or `TALLY_CONFIG`) when given, else
    /// `config.toml` in the user's config folder. No file means the defaults.
    pub fn load(explicit: Option<&Path>) -> Settings {
        let path = explicit
            .map(Path::to_path_buf)
            .or_else(store::default_config_path);
        let Some(path) = path else {
            return Settings::default();
        };
        match store::read_config(&path) {
            Ok(Some(text)) => Settings::from_text(Some(path), &text),
            Ok(None) if explicit.is_some() => Settings {
                problems: vec![Problem::warning(
                    None,
                    Phrase::new("config_file.no_such_file"),
                )],
                path: Some(path),
                ..Settings::default()
            },
            Ok(None) => Settings {
                path: Some(path),
                ..Settings::default()
            },
            Err(text) => Settings {
                problems: vec![Problem::error(
                    None,
                    Phrase::new("config_file.unreadable").with("error", text),
                )],
                ..Settings::default()
            },
        }
    }

    /// The settings a config file's text makes, `path` naming it in messages.
    pub fn from_text(path: Option<PathBuf>, text: &str) -> Settings {
        let (config, mut problems) = parse(text);
        let (keymap, key_problems) = keys::keymap(&config.keys);
        problems.extend(key_problems);
        problems.sort_by_key(|p| p.at.map(|at| (at.line, at.column)));
        Settings {
            path,
            config,
            keymap,
            problems,
        }
    }

    /// Each problem as a line: `PATH:LINE:COL: error: what`.
    pub fn messages(&self) -> Vec<String> {
        self.problems.iter().map(|p| self.message(p)).collect()
    }

    /// One problem as a line: `PATH:LINE:COL: error: what`.
    pub fn message(&self, problem: &Problem) -> String {
        self.message_in(problem, Lang::En)
    }

    /// [`Settings::message`] in `lang`, for the interface (the place stays as it is).
    pub fn message_in(&self, problem: &Problem, lang: Lang) -> String {
        let place = match (&self.path, problem.at) {
            (Some(path), Some(at)) => format!("{}:{}:{}: ", path.display(), at.line, at.column),
            (Some(path), None) => format!("{}: ", path.display()),
            (None, _) => String::new(),
        };
        let kind = match problem.severity {
            Severity::Error => "config_file.error",
            Severity::Warning => "config_file.warning",
        };
        let what = problem.phrase.text(lang);
        format!("{place}{}", trf(lang, kind, &[("what", &what)]))
    }
}

/// `~/` at the start of a path means the home folder.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), store::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if path == "~" => store::home_dir().unwrap_or_else(|| PathBuf::from(path)),
        _ => PathBuf::from(path),
    }
}
