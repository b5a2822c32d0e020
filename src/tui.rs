//! The interactive session: sets the terminal up, always puts it back (normal exit, error, panic,
//! SIGTERM, SIGHUP), turns terminal events into intents and events and runs the draw–read–update loop.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::crossterm::{execute, terminal};

mod clipboard;
mod editor;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Effect, Event as AppEvent, Intent, State, update};
use crate::cursor_writer::CursorWriter;
use crate::keymap::{Keymap, Press};
use crate::runtime::Runtime;
use crate::ui::{self, Looks};

/// How long the loop waits for input before checking signals again.
const TICK: Duration = Duration::from_millis(200);
/// The wait while results are due from another thread (search results, a save's outcome).
const QUICK_TICK: Duration = Duration::from_millis(25);
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

/// Whether tally takes the mouse from the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    /// Clicks and the wheel go to tally.
    Capture,
    /// The terminal keeps the mouse, so its own text selection works.
    Leave,
}

/// How the session looks and what it takes from the terminal.
#[derive(Debug, Clone)]
pub struct Session {
    pub looks: Looks,
    pub mouse: Mouse,
}

/// Runs the interface until the user quits or a termination signal arrives.
pub fn run(mut state: State, session: Session) -> Result<(), RunError> {
    let Session { looks, mouse } = session;
    let keys = &looks.keys;
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(RunError::NotATerminal);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let finished = Arc::new(AtomicBool::new(false));
    watch_signals(Arc::clone(&stop), Arc::clone(&finished))?;
    let suspend_signal = Arc::new(AtomicBool::new(false));
    let resumed = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTSTP, Arc::clone(&suspend_signal))?;
    signal_hook::flag::register(signal_hook::consts::SIGCONT, Arc::clone(&resumed))?;
    install_panic_cleanup();
    // the help overlay scrolls as far as the renderer draws it
    state.screens.help_height = crate::app::HelpHeight(crate::ui::help_height);
    let mut terminal = init_terminal()?;
    let _restore = Restore;
    set_up_terminal(mouse)?;
    let size = terminal.size()?;
    let resize = AppEvent::Resize {
        width: size.width,
        height: size.height,
    };
    update(&mut state, resize);
    let mut runtime = Runtime::interactive();
    let mut git = crate::git::worker::Worker::spawn();
    let mut last_check = Instant::now();
    let mut search_prepared = false;
    while !state.quit && !stop.load(Ordering::Relaxed) {
        if std::mem::take(&mut state.suspend) || suspend_signal.swap(false, Ordering::SeqCst) {
            suspend()?;
            resumed.store(true, Ordering::SeqCst);
        }
        if resumed.swap(false, Ordering::SeqCst) {
            // Back from a stop: the terminal may have been used by others meanwhile.
            set_up_terminal(mouse)?;
            terminal.clear()?;
        }
        update(&mut state, AppEvent::Tick(Instant::now()));
        terminal.draw(|frame| ui::render_with(frame, &state, &looks))?;
        // Search results and save outcomes arrive from other threads: look for them often
        // while some are due.
        let tick = if state.search.line.is_some() || runtime.saving() || state.team.syncing {
            QUICK_TICK
        } else {
            TICK
        };
        if event::poll(tick)? {
            // Take every event already waiting before drawing again, so a burst of keys over a
            // slow link costs one frame, not one per key.
            loop {
                handle(&mut state, &mut runtime, keys, event::read()?);
                if state.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        } else if !std::mem::replace(&mut search_prepared, true) {
            // The first quiet tick: the screen is up and nobody is typing, so the search index
            // is built now, in the background, ready for the first `/`.
            let effects = update(&mut state, AppEvent::PrepareSearch);
            runtime.run(&mut state, effects);
        }
        // while a sync runs, git rewrites the files: they are read again once it is done
        let check_files = last_check.elapsed() >= WATCH_EVERY && !state.team.syncing;
        runtime.poll(&mut state, check_files);
        if check_files {
            last_check = Instant::now();
        }
        let terminal_work = run_git(&mut state, &mut runtime, &mut git);
        for effect in terminal_work {
            outside_terminal(&mut state, &mut runtime, (&mut terminal, mouse), effect)?;
        }
    }
    runtime.finish(&mut state);
    finished.store(true, Ordering::SeqCst);
    Ok(())
}

/// Hands syncs to the git thread, applies what it reports, and lets it fetch when one is due.
/// Returns the work that needs the terminal itself (copying, an outside editor).
fn run_git(
    state: &mut State,
    runtime: &mut Runtime,
    git: &mut crate::git::worker::Worker,
) -> Vec<Effect> {
    let (mut terminal_work, syncs) = for_terminal(runtime.take_outside());
    git.run(syncs);
    for event in git.poll() {
        let effects = update(state, event);
        runtime.run(state, effects);
    }
    let (more, syncs) = for_terminal(runtime.take_outside());
    terminal_work.extend(more);
    git.run(syncs);
    git.tick(Instant::now(), || {
        state.files.iter().map(|f| f.path.clone()).collect()
    });
    terminal_work
}

/// Splits effects into those for the terminal and the rest.
fn for_terminal(effects: Vec<Effect>) -> (Vec<Effect>, Vec<Effect>) {
    effects
        .into_iter()
        .partition(|e| matches!(e, Effect::Copy { .. } | Effect::EditOutside { .. }))
}

/// Copies with OSC 52, or hands the terminal to the editor (as a suspend does) and applies what
/// comes back.
fn outside_terminal(
    state: &mut State,
    runtime: &mut Runtime,
    (terminal, mouse): (&mut Screen, Mouse),
    effect: Effect,
) -> io::Result<()> {
    match effect {
        Effect::Copy { text } => {
            let mut out = io::stdout();
            out.write_all(clipboard::osc52(&text, clipboard::Wrap::from_env()).as_bytes())?;
            out.flush()
        }
        Effect::EditOutside { target, text } => {
            let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
            ratatui::restore();
            let outcome = editor::edit(&text);
            set_up_terminal(mouse)?;
            terminal.clear()?;
            let effects = update(state, AppEvent::Edited { target, outcome });
            runtime.run(state, effects);
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Set to `1` to make F12 panic on purpose, so tests can check the terminal is restored after a
/// crash. Not a user feature; not in the help.
const PANIC_HOOK_VARIABLE: &str = "TALLY_TEST_PANIC_KEY";

/// Applies a terminal event: what it asks for, and the work that leads to.
fn handle(state: &mut State, runtime: &mut Runtime, keys: &Keymap, event: Event) {
    match event {
        Event::Key(key) => handle_key(state, runtime, keys, key),
        Event::Resize(width, height) => apply(state, runtime, AppEvent::Resize { width, height }),
        Event::Paste(text) => apply(state, runtime, Intent::Paste(text)),
        Event::Mouse(mouse) => {
            if let Some(intent) = mouse_intent(mouse) {
                apply(state, runtime, intent);
            }
        }
        _ => {}
    }
}

/// Looks a key up once in the keymap and applies what it stands for.
fn handle_key(state: &mut State, runtime: &mut Runtime, keys: &Keymap, key: KeyEvent) {
    if key.code == KeyCode::F(12) && panic_key_enabled() {
        panic!("deliberate panic ({PANIC_HOOK_VARIABLE} is set)")
    }
    let help_typing = state.help().is_some_and(|help| help.typing);
    let press = if help_typing {
        keys.press_in_help_search(key)
    } else {
        keys.press(state.mode(), state.focus, key)
    };
    match press {
        Press::Intent(intent) => apply(state, runtime, intent),
        Press::EscThen(key) => {
            let escape = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
            handle_key(state, runtime, keys, escape);
            handle_key(state, runtime, keys, key);
        }
        Press::Nothing => {}
    }
}

fn apply(state: &mut State, runtime: &mut Runtime, msg: impl Into<crate::app::Msg>) {
    let effects = update(state, msg);
    runtime.run(state, effects);
}

/// The intent of a mouse event, if any.
fn mouse_intent(mouse: MouseEvent) -> Option<Intent> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Intent::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Intent::Scroll {
            column,
            row,
            down: true,
        }),
        MouseEventKind::ScrollUp => Some(Intent::Scroll {
            column,
            row,
            down: false,
        }),
        _ => None,
    }
}

fn panic_key_enabled() -> bool {
    std::env::var_os(PANIC_HOOK_VARIABLE).is_some_and(|v| v == "1")
}

/// How long a stopping process waits for saves already handed to the saver.
const SAVE_PATIENCE: Duration = Duration::from_secs(10);
/// How long the loop gets to notice a termination signal before the process leaves by itself.
const STOP_GRACE: Duration = Duration::from_secs(1);

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT end the session. The loop is asked to stop (it checks
/// between events); when it does not within [`STOP_GRACE`] — reading a hung-up terminal can block
/// it for good — this thread waits for any save in progress, restores what it can of the
/// terminal and exits. Every edit is already on disk by then.
fn watch_signals(stop: Arc<AtomicBool>, finished: Arc<AtomicBool>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_none() {
            return;
        }
        stop.store(true, Ordering::SeqCst);
        let deadline = Instant::now() + STOP_GRACE;
        while Instant::now() < deadline {
            if finished.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let patience = Instant::now() + SAVE_PATIENCE;
        while crate::runtime::saves_pending() && Instant::now() < patience {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _no_save_in_progress = crate::store::wait_for_writes();
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        ratatui::restore();
        std::process::exit(0);
    });
    Ok(())
}

/// ratatui's `try_init` (its panic hook, raw mode, the alternate screen) with the frames written
/// through a [`CursorWriter`], which leaves out the cursor moves the terminal does not need.
/// The terminal tally draws on: crossterm through a writer that keeps the cursor's real column.
type Screen = Terminal<CrosstermBackend<CursorWriter<io::Stdout>>>;

fn init_terminal() -> io::Result<Screen> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        previous(info);
    }));
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen)?;
    Terminal::new(CrosstermBackend::new(CursorWriter::new(io::stdout())))
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

/// Raw mode, the alternate screen, bracketed paste and (unless left to the terminal) mouse
/// reporting: the terminal as the interface needs it (again, after a suspend).
fn set_up_terminal(mouse: Mouse) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    if mouse == Mouse::Capture {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Ctrl-Z or SIGTSTP: hands the terminal back as it was before tally started, stops the process
/// as the shell expects, and returns after `fg`; the loop then sets the terminal up again and
/// redraws everything.
fn suspend() -> io::Result<()> {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
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
