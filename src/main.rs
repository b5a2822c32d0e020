//! The `tally` binary: parses the command line, runs a subcommand or opens the interface, and maps
//! failures to exit codes (2 for the user's mistakes, 1 for anything else).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use tally::app::{Level, Message, State};
use tally::cli::Cli;
use tally::commands::{self, Failure};
use tally::config::{Settings, Severity};
use tally::lang::{Lang, Phrase, tr, trf};
use tally::model::DateStyle;
use tally::store;
use tally::text::{clean_line, clean_text};
use tally::tui::{self, RunError};
use tally::ui::{Colour, Looks, Theme};

fn main() -> ExitCode {
    one_memory_arena();
    survive_file_size_limit();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    let settings = Settings::load(cli.config.as_deref());
    // Every message is read in the session's language, as the interface would speak it.
    let lang = Lang::for_session(cli.lang, settings.config.language.as_deref());
    if let Err(failure) = start_log(&cli) {
        return report(&failure, lang);
    }
    for problem in &settings.problems {
        // The config's text is quoted in messages: cleaned, like file content.
        let message = settings.message_in(problem, lang);
        let _ = writeln!(io::stderr(), "{}", clean_text(&message));
    }
    let result = match &cli.command {
        Some(command) => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            commands::run(command, &settings, lang, &mut out)
                .and_then(|()| out.flush().map_err(Failure::from))
        }
        None => open_interface(&cli, &settings, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) if failure.is_broken_pipe() => ExitCode::SUCCESS,
        Err(failure) => report(&failure, lang),
    }
}

/// Prints why the command failed, in `lang`, and gives its exit code. Messages quote paths, ids
/// and file content: cleaned, so they cannot steer the terminal.
fn report(failure: &Failure, lang: Lang) -> ExitCode {
    let _ = writeln!(io::stderr(), "{}", clean_text(&failure.message(lang)));
    ExitCode::from(failure.exit_code())
}

/// Every thread allocates from one arena of the C allocator instead of one each. The files load on
/// threads other than the first, whose arenas grow a page at a time (4,000 system calls for a
/// 27 MB file); with one arena the list of a 10,000-item file was up 15% sooner, and the peak
/// memory a little lower.
fn one_memory_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: sets one of glibc's tunables; called first thing, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// A file-size limit (`ulimit -f`) makes the kernel send SIGXFSZ on a write past it, which would
/// kill tally mid-save. With the signal handled instead, the write fails with an error: the save
/// is reported as failed, the temporary file removed and the edit kept.
fn survive_file_size_limit() {
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, seen);
}

/// Help and version go to stdout as clap prints them; a usage error goes to stderr, cleaned (it
/// quotes the arguments given), with exit code 2.
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = err.print();
        return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
    }
    let text = err.render().to_string();
    let _ = write!(io::stderr(), "{}", clean_text(&text));
    ExitCode::from(2)
}

/// With `--log FILE` (or `TALLY_LOG`), diagnostics at info level and above are appended to FILE,
/// without colours; without it nothing is logged anywhere.
fn start_log(cli: &Cli) -> Result<(), Failure> {
    let Some(path) = &cli.log else {
        return Ok(());
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|err| {
            Failure::User(
                Phrase::new("cli.no_log")
                    .arg("path", clean_line(&path.display().to_string()))
                    .arg("error", err),
            )
        })?;
    let subscriber = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let _ = tracing::subscriber::set_global_default(subscriber);
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "tally started");
    Ok(())
}

/// The paths to open and the item to select: `--item ID`, or a path written `FILE:ID` (a path
/// that does not exist as written, but does before its last `:`s).
fn paths_and_item(cli: &Cli) -> (Vec<PathBuf>, Option<(Option<PathBuf>, String)>) {
    let mut wanted = cli.item.clone().map(|id| (None, id));
    let paths = cli
        .paths
        .iter()
        .map(|path| {
            let split = path
                .to_str()
                .filter(|_| !path.exists())
                .and_then(commands::split_file_id);
            match split {
                Some((file, id)) => {
                    wanted.get_or_insert((Some(file.clone()), id));
                    file
                }
                None => path.clone(),
            }
        })
        .collect();
    (paths, wanted)
}

/// Selects the wanted item, or says it is not there (before the screen is touched).
fn select_item(
    state: &mut State,
    wanted: Option<(Option<PathBuf>, String)>,
) -> Result<(), Failure> {
    let Some((file, id)) = wanted else {
        return Ok(());
    };
    if state.select_id(file.as_deref(), &id) {
        return Ok(());
    }
    let place = match &file {
        Some(path) => Phrase::plain(clean_line(&path.display().to_string())),
        None => Phrase::new("cli.the_files_opened"),
    };
    Err(Failure::User(
        Phrase::new("cli.no_item_in")
            .arg("id", clean_line(&id))
            .with("place", place),
    ))
}

/// Takes the terminal, loads the files behind a loading frame, then runs the interface. A file
/// that cannot be read puts the terminal back before its problem is printed; without a terminal
/// the files are read first all the same, so their problems are reported before that one.
fn open_interface(cli: &Cli, settings: &Settings, lang: Lang) -> Result<(), Failure> {
    let (given, wanted) = paths_and_item(cli);
    let (paths, message) = if given.is_empty() {
        let dir = data_dir(cli, settings)?;
        let created = store::prepare_data_dir(&dir).map_err(Failure::User)?;
        let shown = clean_line(&dir.display().to_string()).into_owned();
        let key = if created {
            "start.first_run"
        } else {
            "start.files_in"
        };
        let text = trf(lang, key, &[("folder", &shown)]);
        (vec![dir], Some(text))
    } else {
        (given, None)
    };
    let start = Start {
        lang,
        wanted,
        message,
        authors: Default::default(),
    };
    let mut interface = match tui::Interface::start(session(cli, settings)) {
        Ok(interface) => interface,
        Err(RunError::NotATerminal) => {
            let files = store::load_all(&paths)?;
            first_state(cli, settings, files, &paths, start)?;
            return Err(Failure::User(Phrase::new("cli.not_a_terminal")));
        }
        Err(err) => return Err(Failure::Internal(err.to_string().into())),
    };
    let authors = {
        let paths = paths.clone();
        std::thread::spawn(move || tally::git::author::ahead(&paths))
    };
    let files = match interface.load_files(paths.clone(), lang) {
        Ok(tui::Loaded::Done(files)) => files?,
        Ok(tui::Loaded::Stopped) => return Ok(()),
        Err(err) => return Err(Failure::Internal(err.to_string().into())),
    };
    let start = Start {
        authors: authors.join().unwrap_or_default(),
        ..start
    };
    let state = first_state(cli, settings, files, &paths, start)?;
    interface
        .run(state)
        .map_err(|err| Failure::Internal(err.to_string().into()))
}

/// What the session starts with besides the files: its language, the item to select, and the
/// message about the data folder.
struct Start {
    lang: Lang,
    wanted: Option<(Option<PathBuf>, String)>,
    message: Option<String>,
    /// Authors already asked of git, by folder (see `tally::git::author::ahead`).
    authors: tally::git::author::ByFolder,
}

/// The state the interface starts in: the files loaded, the wanted item selected, and the first
/// message (the data folder, read-only, or a problem with the config file).
fn first_state(
    cli: &Cli,
    settings: &Settings,
    files: Vec<store::Loaded>,
    paths: &[PathBuf],
    start: Start,
) -> Result<State, Failure> {
    let Start {
        lang,
        wanted,
        message,
        authors,
    } = start;
    let mut state = State::new(files, Default::default());
    state.settings.lang = lang;
    select_item(&mut state, wanted)?;
    state.meeting.timebox = cli.timebox;
    state.settings.copy_off = settings.config.osc52 == Some(false);
    state.settings.dates = DateStyle::new(settings.config.date_format.clone());
    let file_paths: Vec<PathBuf> = state.files.iter().map(|f| f.path.clone()).collect();
    let authors = tally::git::author::authors_knowing(&file_paths, authors);
    for (open, author) in state.files.iter_mut().zip(authors) {
        open.author = author;
    }
    if state.files.is_empty() {
        let folder = paths
            .first()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        state.message = Some(Message {
            text: trf(lang, "start.no_files", &[("folder", &clean_line(&folder))]),
            level: Level::Warning,
        });
    } else if let Some(text) = message {
        state.message = Some(Message {
            text,
            level: Level::Info,
        });
    }
    state.settings.read_only = read_only_reason(cli, &state, lang);
    if let Some(reason) = state
        .settings
        .read_only
        .as_ref()
        .filter(|_| !cli.looks.read_only)
    {
        let text = trf(lang, "msg.read_only", &[("reason", &clean_line(reason))]);
        state.message = Some(Message::warning(text));
    }
    if let Some(problem) = settings.problems.first() {
        let mut text = clean_line(&settings.message_in(problem, lang)).into_owned();
        if settings.problems.len() > 1 {
            let more = settings.problems.len() - 1;
            text.push_str(&trf(lang, "msg.config_more", &[("n", &more)]));
        }
        state.message = Some(match problem.severity {
            Severity::Error => Message::error(text),
            Severity::Warning => Message::warning(text),
        });
    }
    Ok(state)
}

/// Why the session may not edit: `--read-only`, or a file tally could not save over.
fn read_only_reason(cli: &Cli, state: &State, lang: Lang) -> Option<String> {
    if cli.looks.read_only {
        return Some(tr(lang, "msg.opened_read_only").into_owned());
    }
    state
        .files
        .iter()
        .find_map(|file| store::why_unwritable(&file.path))
        .map(|reason| reason.text(lang))
}

/// How the interface looks and behaves: the command line first, then the config file.
fn session(cli: &Cli, settings: &Settings) -> tui::Session {
    let looks = &cli.looks;
    let name = looks.theme.or(settings.config.theme).unwrap_or_default();
    let theme = if looks.no_color {
        Theme::new(name, Colour::Off)
    } else {
        Theme::from_env_with(name)
    };
    let mouse = match looks.mouse().or(settings.config.mouse) {
        Some(false) => tui::Mouse::Leave,
        _ => tui::Mouse::Capture,
    };
    let looks = Looks {
        theme,
        keys: settings.keymap.clone(),
    };
    tui::Session { looks, mouse }
}

fn data_dir(cli: &Cli, settings: &Settings) -> Result<PathBuf, Failure> {
    cli.data_dir
        .clone()
        .or_else(|| settings.config.data_dir.clone())
        .or_else(store::default_data_dir)
        .ok_or_else(|| Failure::User(Phrase::new("cli.no_home")))
}
