//! The files load on a thread of their own while the interface shows how far it has got: the
//! first frame is up within a few milliseconds however large the files are. Keys typed meanwhile
//! are kept and applied once the files are in; Ctrl-C (or a termination signal) gives up.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use super::{Interface, RunError};
use crate::lang::Lang;
use crate::store::{self, LoadError, Progress};
use crate::ui::loading::{self, Loading};

/// How long the files get to load before the loading frame is drawn: a small file's list then
/// comes up first, without a loading frame flashing by.
const GRACE: Duration = Duration::from_millis(40);
/// How often the loading frame is drawn again, and the terminal's events looked at.
const REFRESH: Duration = Duration::from_millis(20);

/// How the loading ended.
pub enum Loaded<T> {
    /// The files were read (or one of them could not be).
    Done(T),
    /// The user or a signal asked to stop first.
    Stopped,
}

/// What the loading thread last reported, for the next frame.
type Shared = Arc<Mutex<Option<(String, usize, usize, Progress)>>>;

impl Interface {
    /// Loads `paths` (files, or folders of `*.json` files) on a thread of its own, showing in
    /// `lang` which file and how far it has got until they are in.
    pub fn load_files(
        &mut self,
        paths: Vec<PathBuf>,
        lang: Lang,
    ) -> Result<Loaded<Result<Vec<store::Loaded>, LoadError>>, RunError> {
        let shared: Shared = Arc::new(Mutex::new(None));
        let (done, outcome) = mpsc::channel();
        let reports = Arc::clone(&shared);
        std::thread::spawn(move || {
            let loaded = store::load_all_with(&paths, &mut |step| {
                if let Ok(mut last) = reports.lock() {
                    let path = step.path.display().to_string();
                    *last = Some((path, step.number, step.of, step.progress));
                }
            });
            let _ = done.send(loaded);
        });
        let started = Instant::now();
        let mut wait = GRACE;
        loop {
            match outcome.recv_timeout(wait) {
                Ok(loaded) => return Ok(Loaded::Done(loaded)),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(RunError::Terminal(std::io::Error::other(
                        "the files stopped loading",
                    )));
                }
                Err(RecvTimeoutError::Timeout) => wait = REFRESH,
            }
            if self.signals.stop.load(Ordering::Relaxed) || self.take_events()? {
                return Ok(Loaded::Stopped);
            }
            let last = shared.lock().ok().and_then(|last| last.clone());
            if let Some((path, number, of, progress)) = last {
                let shown = Loading {
                    path,
                    number,
                    of,
                    progress,
                    elapsed: started.elapsed(),
                };
                let theme = self.session.looks.theme;
                self.terminal
                    .draw(|frame| loading::render(frame, &shown, lang, theme))?;
            }
        }
    }

    /// Reads the terminal's waiting events: a resize is followed at once, Ctrl-C asks to stop
    /// (true), anything else is kept for when the files are in.
    fn take_events(&mut self) -> Result<bool, RunError> {
        while event::poll(Duration::ZERO)? {
            match event::read()? {
                Event::Resize(width, height) => {
                    self.terminal.backend_mut().resized(width, height);
                }
                Event::Key(key)
                    if key.code == KeyCode::Char('c')
                        && key.modifiers.contains(KeyModifiers::CONTROL)
                        && key.kind != KeyEventKind::Release =>
                {
                    return Ok(true);
                }
                other => self.typed_ahead.push(other),
            }
        }
        Ok(false)
    }
}
