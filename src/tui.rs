//! The interactive session: sets the terminal up, always puts it back (normal exit, error, panic,
//! SIGTERM, SIGHUP), turns terminal events into actions and runs the draw–read–update loop.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::{Action, State, update};
use crate::keymap;
use crate::runtime::{Watcher, run_effects};
use crate::ui::{self, Theme};

/// How long the loop waits for input before checking signals again.
const TICK: Duration = Duration::from_millis(200);
/// How often the open files are checked for changes made by others.
const WATCH_EVERY: Duration = Duration::from_millis(1000);

/// Why the interface could not run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(
        "tally's interface needs a terminal (stdin and stdout are not both terminals); \
         use `tally list`, `tally show` or `tally validate` in scripts"
    )]
    NotATerminal,
    #[error("terminal error: {0}")]
    Terminal(#[from] io::Error),
}

/// Runs the interface until the user quits or a termination signal arrives.
pub fn run(mut state: State, theme: Theme) -> Result<(), RunError> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(RunError::NotATerminal);
    }
    let stop = stop_flag()?;
    install_panic_cleanup();
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    let size = terminal.size()?;
    let resize = Action::Resize {
        width: size.width,
        height: size.height,
    };
    update(&mut state, resize);
    let mut watcher = Watcher::default();
    let mut last_check = Instant::now();
    let watchdog = Watchdog::start(Arc::clone(&stop));
    while !state.quit && !stop.load(Ordering::Relaxed) {
        watchdog.beat();
        update(&mut state, Action::Tick(Instant::now()));
        terminal.draw(|frame| ui::render(frame, &state, theme))?;
        if event::poll(TICK)? {
            // Take every event already waiting before drawing again, so a burst of keys over a
            // slow link costs one frame, not one per key.
            loop {
                watchdog.beat();
                if let Some(action) = action_for(&state, event::read()?) {
                    let effects = update(&mut state, action);
                    run_effects(&mut state, effects);
                }
                if state.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if last_check.elapsed() >= WATCH_EVERY {
            watcher.check(&mut state);
            last_check = Instant::now();
        }
    }
    Ok(())
}

/// How long the loop may go without a beat, once a stop was asked for or the terminal is gone,
/// before the watchdog ends the process.
const STUCK_AFTER: Duration = Duration::from_secs(5);

/// Ends tally when its terminal is gone for good. When an SSH link drops, the terminal hangs up:
/// reading it then fails at once, forever, and crossterm retries inside `poll`/`read` without
/// returning, so the loop never sees the SIGHUP flag and tally would spin at full speed. The
/// watchdog notices the loop went quiet while a stop was asked for (or the terminal cannot be
/// opened any more), restores what it can and exits. Every completed edit is already saved.
struct Watchdog {
    started: Instant,
    last_beat_ms: Arc<AtomicU64>,
    ended: Arc<AtomicBool>,
}

impl Watchdog {
    fn start(stop: Arc<AtomicBool>) -> Watchdog {
        let started = Instant::now();
        let last_beat_ms = Arc::new(AtomicU64::new(0));
        let ended = Arc::new(AtomicBool::new(false));
        let (beat, done) = (Arc::clone(&last_beat_ms), Arc::clone(&ended));
        let _ = std::thread::Builder::new()
            .name("tally-watchdog".into())
            .spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(500));
                    let last = Duration::from_millis(beat.load(Ordering::Relaxed));
                    let quiet = started.elapsed().saturating_sub(last);
                    if quiet >= STUCK_AFTER
                        && !done.load(Ordering::Relaxed)
                        && (stop.load(Ordering::Relaxed) || !terminal_present())
                    {
                        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
                        ratatui::restore();
                        std::process::exit(0);
                    }
                }
            });
        Watchdog {
            started,
            last_beat_ms,
            ended,
        }
    }

    /// The loop is alive.
    fn beat(&self) {
        let now = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_beat_ms.store(now, Ordering::Relaxed);
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.ended.store(true, Ordering::Relaxed);
    }
}

/// False once the controlling terminal has hung up (it can no longer be opened).
fn terminal_present() -> bool {
    std::fs::File::open("/dev/tty").is_ok()
}

/// Set to `1` to make F12 panic on purpose, so tests can check the terminal is restored after a
/// crash. Not a user feature; not in the help.
const PANIC_HOOK_VARIABLE: &str = "TALLY_TEST_PANIC_KEY";

/// The action a terminal event asks for, if any.
fn action_for(state: &State, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.code == KeyCode::F(12) && panic_key_enabled() => {
            panic!("deliberate panic ({PANIC_HOOK_VARIABLE} is set)")
        }
        Event::Key(key) => keymap::action_for(state.mode, state.focus, key),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollDown => Some(Action::Scroll {
                    column,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::Scroll {
                    column,
                    row,
                    down: false,
                }),
                _ => None,
            }
        }
        _ => None,
    }
}

fn panic_key_enabled() -> bool {
    std::env::var_os(PANIC_HOOK_VARIABLE).is_some_and(|v| v == "1")
}

/// A flag raised by SIGTERM, SIGHUP, SIGINT or SIGQUIT, so the loop ends and the terminal is restored.
fn stop_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// Turns mouse reporting and bracketed paste off when a panic unwinds through the session;
/// ratatui's own hook (installed after this one) restores the rest.
fn install_panic_cleanup() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
}

/// Restores the terminal when the session ends, however it ends.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        ratatui::restore();
        let _ = io::stdout().flush();
    }
}
