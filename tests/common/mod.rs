//! Helpers for end-to-end tests: the real `tally` binary in a real terminal (tmux), driven by
//! keys and read back from the screen, against temporary copies of data files.

#![allow(dead_code)]

pub mod git;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The binary under test.
pub fn tally_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tally"))
}

/// The bundled sample, copied into `dir`.
pub fn sample_copy(dir: &Path) -> PathBuf {
    let path = dir.join("report.json");
    std::fs::write(&path, tally::store::SAMPLE_JSON).expect("write sample copy");
    path
}

/// Runs `tally ARGS…` to completion with its own data folder.
pub fn run_tally(args: &[&str], data_dir: &Path) -> Output {
    Command::new(tally_bin())
        .args(args)
        .env("TALLY_DATA_DIR", data_dir)
        // No config file of the user's: `tally/config.toml` under the data folder, which has none.
        .env("XDG_CONFIG_HOME", data_dir)
        .env_remove("TALLY_CONFIG")
        .env("NO_COLOR", "1")
        .output()
        .expect("run tally")
}

/// Runs tally like [`run_tally`] and returns its exit code, stdout and stderr as text.
pub fn run_tally_text(args: &[&str], data_dir: &Path) -> (i32, String, String) {
    let output = run_tally(args, data_dir);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// True when tmux can be used. Without it the end-to-end tests are skipped with a message,
/// except under CI (the `CI` variable set), where a missing tmux is a failure.
pub fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required for the end-to-end tests (apt-get install -y tmux)"
        );
        eprintln!("SKIPPED: tmux is not installed; end-to-end terminal tests did not run");
    }
    found
}

/// A temporary copy of the sample open in tally in tmux, its eight items listed: the folder
/// (removed on drop), the file and the terminal. `None` when tmux is missing (the test is skipped).
pub fn open_sample(width: u16, height: u16) -> Option<(tempfile::TempDir, PathBuf, Tmux)> {
    if !tmux_available() {
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = sample_copy(dir.path());
    let tmux = Tmux::open(&file, width, height);
    tmux.wait_for("Items 1/8");
    Some((dir, file, tmux))
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A tmux server of its own running one shell command in a window of a fixed size.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` (a shell command line) in a `width`×`height` terminal.
    pub fn start(command: &str, width: u16, height: u16) -> Tmux {
        let socket = format!(
            "tally-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let tmux = Tmux { socket };
        let status = tmux
            .command()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "main"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg(command)
            .status()
            .expect("start tmux");
        assert!(status.success(), "tmux did not start");
        tmux
    }

    /// Starts tally on `args` (already shell-quoted), then keeps the pane open after it exits and
    /// prints its exit status and the terminal modes, so tests can check what it left behind.
    pub fn tally(args: &str, data_dir: &Path, width: u16, height: u16) -> Tmux {
        Tmux::tally_with_env(args, data_dir, "", width, height)
    }

    /// Like [`Tmux::tally`], with extra `NAME=value` environment settings. The locale is set to
    /// `C.UTF-8` first (so the interface speaks English whatever the machine's locale), and
    /// `env` can set it otherwise.
    pub fn tally_with_env(args: &str, data_dir: &Path, env: &str, width: u16, height: u16) -> Tmux {
        let command = format!(
            "env -u TALLY_CONFIG TALLY_DATA_DIR={0} XDG_CONFIG_HOME={0} NO_COLOR=1 LC_ALL= LC_MESSAGES= LANG=C.UTF-8 {env} {1} {args}; echo EXITED:$?; stty -a | tr -s ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 600",
            quote(&data_dir.display().to_string()),
            quote(&tally_bin().display().to_string()),
        );
        Tmux::start(&command, width, height)
    }

    /// Starts tally on one file, with the file's folder as its data folder, and returns once the
    /// item list is on screen.
    pub fn open(file: &Path, width: u16, height: u16) -> Tmux {
        let folder = file.parent().expect("the file is in a folder");
        let tmux = Tmux::tally(&quote(&file.display().to_string()), folder, width, height);
        tmux.wait_for("Items 1/");
        tmux
    }

    /// Starts tally on `file` at 100×30 outside any outer tmux, with this server passing OSC 52
    /// copies to its own clipboard, and returns once the list and its footer are on screen.
    pub fn open_with_clipboard(file: &Path, data_dir: &Path) -> Tmux {
        let args = quote(&file.display().to_string());
        let tmux = Tmux::tally_with_env(&args, data_dir, "TMUX=", 100, 30);
        tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
        tmux.wait_until("the list drawn", 15, |s| {
            s.contains("Items 1/8") && s.contains(" quit")
        });
        tmux
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket]);
        command
    }

    /// Runs any tmux command on this server (for example `list-buffers` or `resize-window`).
    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("tmux")
    }

    /// Types keys (tmux key names like `Enter`, `Escape`, `Down`, or literal text with `literal`).
    pub fn keys(&self, keys: &[&str]) {
        let status = self
            .command()
            .args(["send-keys", "-t", "main"])
            .args(keys)
            .status()
            .expect("send-keys");
        assert!(status.success());
    }

    /// Types text exactly as given (no key-name interpretation).
    pub fn literal(&self, text: &str) {
        let status = self
            .command()
            .args(["send-keys", "-t", "main", "-l", text])
            .status()
            .expect("send-keys -l");
        assert!(status.success());
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        let output = self
            .command()
            .args(["capture-pane", "-p", "-t", "main"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// A tmux format value for the pane (e.g. `#{alternate_on}`).
    pub fn format(&self, format: &str) -> String {
        let output = self
            .command()
            .args(["display-message", "-p", "-t", "main", format])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    /// Waits until the screen satisfies `ready`, failing with the screen after `seconds`.
    pub fn wait_until(&self, what: &str, seconds: u64, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Waits until `text` is on screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, 15, |screen| screen.contains(text))
    }

    /// The pid of the tally process running in the pane (a child of the pane's shell).
    pub fn tally_pid(&self) -> Option<u32> {
        let shell = self.format("#{pane_pid}");
        let output = Command::new("pgrep")
            .args(["-P", &shell, "-x", "tally"])
            .output()
            .ok()?;
        String::from_utf8_lossy(&output.stdout)
            .trim()
            .lines()
            .next()?
            .parse()
            .ok()
    }

    /// Ends the terminal itself, as a dropped SSH connection or a closed window does.
    pub fn kill_terminal(&self) {
        let _ = self.command().arg("kill-server").status();
    }

    /// Presses `q` and checks that tally quit cleanly (every save finished).
    pub fn quit(&self) {
        self.keys(&["q"]);
        self.assert_exited_cleanly(0);
    }

    /// Checks that tally exited with `code` and left the terminal as it found it: main screen,
    /// no mouse reporting, line editing and echo back on.
    pub fn assert_exited_cleanly(&self, code: i32) {
        let screen = self.wait_for("EXITED:");
        assert!(
            screen.contains(&format!("EXITED:{code}")),
            "exit status; screen:\n{screen}"
        );
        assert_eq!(
            self.format("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(
            self.format("#{mouse_any_flag}"),
            "0",
            "mouse reporting left on"
        );
        let modes = self.wait_until("terminal modes", 5, |s| s.contains("icanon"));
        assert!(
            modes.contains(" icanon") || modes.contains("\nicanon"),
            "raw mode left on:\n{modes}"
        );
        assert!(
            !modes.contains("-icanon") && !modes.contains("-echo "),
            "raw mode left on:\n{modes}"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

/// The JSON document in `file`, as it is on disk now.
/// An interface state over `text` (as if read from `name`), in `lang`, at `width`×`height`,
/// with today fixed at 2023-11-20 and item 13 selected: no disk, no terminal.
pub fn state_on_13(
    name: &str,
    text: &str,
    lang: tally::lang::Lang,
    (width, height): (u16, u16),
) -> tally::app::State {
    use tally::app::{Intent, State, update};
    let loaded = tally::store::Loaded {
        path: name.into(),
        doc: tally::store::parse_document(text.into()).expect("a valid document"),
        fingerprint: tally::store::Fingerprint::of_bytes(b"", None),
    };
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let mut state = State::new(vec![loaded], area);
    state.settings.lang = lang;
    state.today = Some("2023-11-20".parse().expect("a date"));
    update(&mut state, Intent::Top);
    while state.selected_item().map(|i| i.id.as_str()) != Some("13") {
        update(&mut state, Intent::Down);
    }
    state
}

pub fn read_doc(file: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(file).expect("read the file");
    serde_json::from_str(&text).expect("the file is JSON")
}

/// Item `id` of a document, if it has one.
pub fn item_in<'a>(doc: &'a serde_json::Value, id: &str) -> Option<&'a serde_json::Value> {
    doc["items"]
        .as_array()
        .expect("an items array")
        .iter()
        .find(|i| i["id"] == id)
}

/// The ids of a document's items, in file order.
pub fn ids_in(doc: &serde_json::Value) -> Vec<String> {
    doc["items"]
        .as_array()
        .expect("an items array")
        .iter()
        .map(|i| i["id"].as_str().expect("a string id").to_string())
        .collect()
}

/// Waits until the document in `file` satisfies `done` (a background save landed) and returns
/// it, failing with `what` and the document after 15 seconds.
pub fn wait_for_doc(
    file: &Path,
    what: &str,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let doc = read_doc(file);
        if done(&doc) {
            return doc;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}: {doc}"
        );
        std::thread::sleep(Duration::from_millis(40));
    }
}

/// Single-quotes a string for sh.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// `LINE:COL` of the first `needle` in `text` (columns in characters, from 1).
pub fn position_of(text: &str, needle: &str) -> String {
    let offset = text.find(needle).expect("the needle is in the text");
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    format!("{line}:{column}")
}
