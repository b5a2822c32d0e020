//! The command line: clap's definition of every subcommand and option. `main` dispatches on it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{Date, Period, Status};
use crate::report::ReportPeriod;
use crate::ui::ThemeName;

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

    /// A time per item in triage mode (`t`), like 3m, 90s or 2m30s; the clock turns amber, then red.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timebox: Option<std::time::Duration>,

    /// The language of the interface and of messages: en or zh [default: the config file's
    /// `language`, else LC_ALL / LC_MESSAGES / LANG (zh_* gives Chinese), else en]
    #[arg(long, value_name = "LANG", value_parser = lang_parser(), global = true)]
    pub lang: Option<crate::lang::Lang>,

    /// The folder opened when no path is given [default: `data_dir` in the config, else the OS
    /// data folder, e.g. ~/.local/share/tally]
    #[arg(long, env = "TALLY_DATA_DIR", value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Open with this item selected (`tally FILE:ID` does the same).
    #[arg(long, value_name = "ID")]
    pub item: Option<String>,

    /// Append diagnostics (files loaded, saved, read again after a change by someone else, and
    /// what became of unsaved edits) to this file; nothing is ever logged to the screen.
    #[arg(long, env = "TALLY_LOG", value_name = "FILE", global = true)]
    pub log: Option<PathBuf>,

    /// Read this config file instead of config.toml in the config folder (`tally config path`).
    #[arg(long, env = "TALLY_CONFIG", value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    #[command(flatten)]
    pub looks: LooksArgs,
}

/// How the interface looks and what it may do.
#[derive(Debug, Args, Default)]
pub struct LooksArgs {
    /// Colours: dark, light (for light terminals and projectors) or high-contrast [default: `theme`
    /// in the config, else dark].
    #[arg(long, value_name = "THEME", value_parser = parse_theme)]
    pub theme: Option<ThemeName>,

    /// No colours (like NO_COLOR): statuses keep their letters.
    #[arg(long)]
    pub no_color: bool,

    /// Open the files without allowing any edit (also when a file is not writable).
    #[arg(long)]
    pub read_only: bool,

    /// Use the mouse: clicks and the wheel [default: `mouse` in the config, else on].
    #[arg(long, overrides_with = "no_mouse")]
    pub mouse: bool,

    /// Leave the mouse to the terminal, so its text selection works.
    #[arg(long, overrides_with = "mouse")]
    pub no_mouse: bool,
}

impl LooksArgs {
    /// The mouse as the command line asks for it, if it says anything.
    pub fn mouse(&self) -> Option<bool> {
        match (self.mouse, self.no_mouse) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files against the format; prints `ok PATH: N items` for each good file.
    Validate(PathsArgs),
    /// Print one line per item: ID<TAB>STATUS<TAB>TITLE, in file order.
    List(ListArgs),
    /// Print one item in full.
    #[command(override_usage = "tally show [OPTIONS] PATH ID\n       tally show [OPTIONS] FILE:ID")]
    Show(ShowArgs),
    /// Add a progress note to an item (dated today unless --date).
    #[command(
        override_usage = "tally note [OPTIONS] PATH ID TEXT\n       tally note [OPTIONS] FILE:ID TEXT"
    )]
    Note(NoteArgs),
    /// Set item fields: title, goal, lead, status, due, tags (an empty value clears the field).
    #[command(
        override_usage = "tally set PATH ID FIELD=VALUE...\n       tally set FILE:ID FIELD=VALUE..."
    )]
    Set(SetArgs),
    /// Set a metric's value (creating the metric if needed); a changed value is added to its history.
    Metric(MetricArgs),
    /// Add an item (the next free id unless --id).
    Add(AddArgs),
    /// Remove an item.
    Rm(RmArgs),
    /// Read a plain-text progress report (or a CSV of items) into a new file, or merge it into one.
    Import(ImportArgs),
    /// Write a file's items in another format, or the next progress report (text or Word).
    Export(ExportArgs),
    /// Merge two versions of a task file item by item (git runs this; see `tally git-setup`).
    /// Exits 1 when conflicts were recorded in items, leaving a valid file.
    MergeDriver(MergeDriverArgs),
    /// Merge a task file git left with `<<<<<<<` markers, from git's three versions of it.
    Resolve(ResolveArgs),
    /// Make git merge task files with tally: adds `PATTERN merge=tally` to .gitattributes and
    /// the `merge.tally.driver` entry to the repository's config (running it again changes nothing).
    GitSetup(GitSetupArgs),
    /// Create an empty report (to `add` items to, or open).
    New(NewArgs),
    /// Commit the files' saved changes to their git repository, pull (merging) and push.
    Sync(PathsArgs),
    /// The config file: where it is, or write a commented default.
    Config(ConfigArgs),
    /// Every action name with its keys in each mode (as `[keys]` in the config file sets them).
    Keys,
    /// Print a shell completion script: `tally completions bash > ~/.local/share/bash-completion/completions/tally`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `tally man > ~/.local/share/man/man1/tally.1`.
    Man,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: ConfigAction,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the config file's path (it need not exist yet).
    Path,
    /// Write a commented default config file.
    Init {
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The file to create (it must not exist yet).
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The report's title.
    #[arg(long, value_name = "TITLE")]
    pub title: String,
    /// The time the report covers: 2024, 2024-H1, 2024-Q3, 2024-03, or START..END
    /// (like 2024-01-01..2024-06-30).
    #[arg(long, value_name = "PERIOD", value_parser = parse_file_period)]
    pub period: Option<Period>,
}

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (git's %O).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our version (git's %A); the result is written here.
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their version (git's %B).
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// The file's path in the repository (git's %P), for messages.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// What our side is called (git's %X), recorded with conflicts.
    #[arg(value_name = "OURS_NAME")]
    pub ours_name: Option<String>,
    /// What their side is called (git's %Y).
    #[arg(value_name = "THEIRS_NAME")]
    pub theirs_name: Option<String>,
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The task file in conflict.
    #[arg(value_name = "FILE")]
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// Which files git merges with tally, as a .gitattributes pattern.
    #[arg(value_name = "PATTERN", default_value = "*.json")]
    pub pattern: String,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The file (or a folder) holding the item, followed by its id; or FILE:ID in one word.
    #[arg(value_name = "PATH|FILE:ID")]
    pub target: String,
    /// The item's id (unless given as FILE:ID), then the note's text.
    #[arg(value_name = "ID TEXT", num_args = 1..=2, required = true)]
    pub rest: Vec<String>,
    /// The note's date [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
    /// Who wrote the note [default: $TALLY_USER, else git's user.name when the file is in a git
    /// repository, else the login name].
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The file (or a folder) holding the item, followed by its id; or FILE:ID in one word.
    #[arg(value_name = "PATH|FILE:ID")]
    pub target: String,
    /// The item's id (unless given as FILE:ID), then the fields to set, like `status=at_risk`
    /// (or `status=有风险`) `lead=国际处` `tags=外事,会展` `due=`.
    #[arg(value_name = "ID FIELD=VALUE", required = true)]
    pub rest: Vec<String>,
}

#[derive(Debug, Args)]
pub struct MetricArgs {
    /// The task file.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The item's id.
    #[arg(value_name = "ID")]
    pub id: String,
    /// The metric's name.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The new value (a number).
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    pub value: String,
    /// The value the metric should reach.
    #[arg(long, value_name = "NUMBER", allow_hyphen_values = true)]
    pub target: Option<String>,
    /// The unit the value is counted in, like 个, 万元 or %.
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// The date of the reading [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The task file to add the item to.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The item's title.
    #[arg(long, value_name = "TITLE")]
    pub title: String,
    /// The new item's id [default: the next free number].
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// What the item is to achieve.
    #[arg(long, value_name = "TEXT")]
    pub goal: Option<String>,
    /// Who leads it (a person or a department, like 国际处).
    #[arg(long, value_name = "NAME")]
    pub lead: Option<String>,
    /// Its status: todo, on_track, at_risk, blocked, done, dropped, or 未开始, 正常推进, 有风险,
    /// 受阻, 已完成, 已取消 [default: todo].
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    pub status: Option<Status>,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// The task file.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The id of the item to remove.
    #[arg(value_name = "ID")]
    pub id: String,
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

    /// Only items with this status (on_track, at_risk … or 正常推进, 有风险 …).
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    pub status: Option<Status>,

    /// Only items matching this search, best first (the same ranking as `/` in the interface):
    /// words or pinyin, and filters like status:at_risk lead:国际处 #tag id:14 due<2023-12-31.
    #[arg(long, short, value_name = "QUERY")]
    pub query: Option<String>,

    /// Print a JSON array instead of lines.
    #[arg(long)]
    pub json: bool,

    /// Start each line with FILE:ID instead of ID (what show, note and set accept).
    #[arg(long)]
    pub with_file: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The file (or folder) holding the item; or FILE:ID in one word.
    #[arg(value_name = "PATH|FILE:ID")]
    pub target: String,

    /// The item's id (unless given as FILE:ID).
    #[arg(value_name = "ID")]
    pub id: Option<String>,

    /// Print the item as JSON, with every field the file has.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The report: plain text (`第N项 … 进展情况 …`), or with --format csv a CSV of items.
    #[arg(value_name = "REPORT")]
    pub input: PathBuf,

    /// Write a new file here [default: REPORT with the extension .json].
    #[arg(short, long, value_name = "OUT.json", conflicts_with = "into")]
    pub output: Option<PathBuf>,

    /// Merge into this file instead: new items, notes and readings are added, nothing is removed.
    #[arg(long, value_name = "EXISTING.json")]
    pub into: Option<PathBuf>,

    /// The year of dates written without one [default: from the title, else the date line].
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i32).range(1900..=2200))]
    pub year: Option<i32>,

    /// What REPORT is [default: csv for *.csv files, text otherwise].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ImportFormat>,

    /// Replace OUT if it exists.
    #[arg(long)]
    pub force: bool,

    /// Print what would be imported without writing anything.
    #[arg(long)]
    pub dry_run: bool,
}

/// The kinds of input `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A plain-text progress report.
    Text,
    /// A CSV file with a header row (`id,title,goal,lead,status,due,tags`).
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The file to export.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,

    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Replace OUT if it exists.
    #[arg(long)]
    pub force: bool,

    /// Markdown only: notes and readings after this date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<Date>,

    /// Report and docx: the period reported, like 2024, 2024-H1, 2024-Q3, 2024-03 or
    /// 2024-01-01..2024-06-30 [default: the file's period, up to its latest entry].
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    pub period: Option<ReportPeriod>,

    /// Report and docx: the title [default: the file's title with the period's words].
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Report and docx: the report's date [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,

    /// Report and docx: the progress of an item with nothing in the period [default: 暂无新进展].
    #[arg(long, value_name = "TEXT")]
    pub placeholder: Option<String>,
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per item: id,title,goal,lead,status,due,tags (what `import --format csv` reads),
    /// UTF-8 with a byte-order mark so spreadsheet programs show Chinese correctly.
    Csv,
    /// Minutes: a status table, then per item the notes and readings (since --since).
    Markdown,
    /// The items as they are in the file, every field kept.
    Json,
    /// The next progress report in the published style `import` reads (第N项, 进展情况, 一是…),
    /// with the notes and readings of --period.
    Report,
    /// The same report as a Word document (needs -o).
    Docx,
}

fn parse_theme(text: &str) -> Result<ThemeName, String> {
    ThemeName::from_name(text).ok_or_else(|| {
        let names: Vec<&str> = ThemeName::ALL.iter().map(|t| t.name()).collect();
        format!("`{text}` is not a theme ({})", names.join(", "))
    })
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::from_word(text).map_err(|e| e.to_string())
}

/// `en` or `zh`, listed as the possible values in help and completions.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = crate::lang::Lang> {
    use crate::lang::Lang;
    let codes = Lang::ALL.map(Lang::code);
    clap::builder::TypedValueParser::map(
        clap::builder::PossibleValuesParser::new(codes),
        |code: String| Lang::parse(&code).unwrap_or_default(),
    )
}

/// `3m`, `90s`, `2m30s`, `1h`; a bare number counts minutes.
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let bad = || format!("`{text}` is not a duration (examples: 3m, 90s, 2m30s)");
    let text = text.trim();
    if let Ok(minutes) = text.parse::<u64>() {
        return Ok(std::time::Duration::from_secs(minutes.saturating_mul(60)));
    }
    let mut total = 0u64;
    let mut number = String::new();
    for c in text.chars() {
        match c {
            '0'..='9' => number.push(c),
            'h' | 'm' | 's' => {
                let value: u64 = number.parse().map_err(|_| bad())?;
                let unit = match c {
                    'h' => 3600,
                    'm' => 60,
                    _ => 1,
                };
                total = total.saturating_add(value.saturating_mul(unit));
                number.clear();
            }
            _ => return Err(bad()),
        }
    }
    if !number.is_empty() || total == 0 {
        return Err(bad());
    }
    Ok(std::time::Duration::from_secs(total))
}

fn parse_file_period(text: &str) -> Result<Period, String> {
    crate::model::parse_period(text).map_err(|e| e.to_string())
}

fn parse_period(text: &str) -> Result<ReportPeriod, String> {
    text.parse::<ReportPeriod>().map_err(|e| e.to_string())
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>().map_err(|e| e.to_string())
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
    fn every_argument_of_every_subcommand_is_described() {
        let command = Cli::command();
        let mut missing = Vec::new();
        for sub in command.get_subcommands() {
            for arg in sub.get_arguments() {
                if arg.get_help().is_none() && !arg.is_hide_set() {
                    missing.push(format!("{} {}", sub.get_name(), arg.get_id()));
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new());
    }

    #[test]
    fn help_wraps_chinese_text_by_its_display_width() {
        let mut command = Cli::command().term_width(40);
        command.build();
        let help = command
            .find_subcommand_mut("set")
            .expect("set")
            .render_help()
            .to_string();
        let widest = help
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        assert!(help.contains("有风险"), "{help}");
        assert!(widest <= 40, "a line is {widest} columns wide:\n{help}");
    }

    #[test]
    fn paths_without_a_subcommand_open_the_interface() {
        let cli = Cli::try_parse_from(["tally", "a.json", "dir"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.paths.len(), 2);
    }

    #[test]
    fn looks_and_config_options_are_read() {
        let cli =
            Cli::try_parse_from(["tally", "--theme", "light", "--no-mouse", "a.json"]).unwrap();
        assert_eq!(cli.looks.theme, Some(ThemeName::Light));
        assert_eq!(cli.looks.mouse(), Some(false));
        let cli = Cli::try_parse_from(["tally", "--no-mouse", "--mouse", "--read-only"]).unwrap();
        assert_eq!(cli.looks.mouse(), Some(true));
        assert!(cli.looks.read_only);
        assert!(Cli::try_parse_from(["tally", "--theme", "neon"]).is_err());
        let cli = Cli::try_parse_from(["tally", "config", "init", "--force"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Config(ConfigArgs {
                action: ConfigAction::Init { force: true }
            }))
        ));
    }

    #[test]
    fn durations_read_like_people_write_them() {
        let secs = |t: &str| parse_duration(t).map(|d| d.as_secs());
        assert_eq!(secs("3m"), Ok(180));
        assert_eq!(secs("90s"), Ok(90));
        assert_eq!(secs("2m30s"), Ok(150));
        assert_eq!(secs("5"), Ok(300));
        assert!(secs("3 minutes").is_err());
        assert!(secs("m").is_err());
        assert!(secs("0s").is_err());
    }

    #[test]
    fn import_takes_either_an_output_or_a_file_to_merge_into() {
        let cli = Cli::try_parse_from(["tally", "import", "r.txt", "--year", "2023"]).unwrap();
        let Some(Command::Import(args)) = cli.command else {
            panic!("not import")
        };
        assert_eq!(
            (args.year, args.output, args.into),
            (Some(2023), None, None)
        );
        let both = [
            "tally", "import", "r.txt", "-o", "a.json", "--into", "b.json",
        ];
        assert!(Cli::try_parse_from(both).is_err());
        assert!(Cli::try_parse_from(["tally", "import", "r.txt", "--year", "23"]).is_err());
        let csv = ["tally", "import", "--format", "csv", "r.csv"];
        assert!(Cli::try_parse_from(csv).is_ok());
    }

    #[test]
    fn export_needs_a_format() {
        assert!(Cli::try_parse_from(["tally", "export", "a.json"]).is_err());
        assert!(Cli::try_parse_from(["tally", "export", "--format", "csv", "a.json"]).is_ok());
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
