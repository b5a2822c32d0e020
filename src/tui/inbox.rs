//! Everything that wakes the interface's loop comes down one channel: the terminal's events,
//! read on a thread of their own, and word from the threads that save and search that an outcome
//! is waiting. The loop sleeps on that channel, so a key or a search result is drawn as soon as it
//! arrives instead of at the next poll. While another program has the terminal (an outside
//! editor) the reading thread is paused, so it never takes that program's keys.

use std::io;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

/// How long the reading thread waits for input before it looks whether it should pause; a pause
/// takes at most this long.
const READ_SLICE: Duration = Duration::from_millis(100);

/// Why the loop woke up.
#[derive(Debug)]
pub enum Wake {
    /// An event from the terminal.
    Terminal(Event),
    /// Reading the terminal failed; nothing more will come from it.
    Failed(io::Error),
    /// A thread has an outcome waiting (a save, a reload, an index, search results).
    Ready,
}

/// The loop's one channel, and the thread that reads the terminal into it.
pub struct Inbox {
    wakes: Receiver<Wake>,
    sender: Sender<Wake>,
    pause: Arc<Pause>,
}

/// Whether the reading thread is asked to pause, and whether it has.
#[derive(Default)]
struct Pause {
    state: Mutex<Paused>,
    changed: Condvar,
}

#[derive(Default)]
struct Paused {
    asked: bool,
    /// The reading thread is waiting (or has ended) and reads nothing.
    idle: bool,
}

impl Inbox {
    /// Starts reading the terminal.
    pub fn start() -> Inbox {
        let inbox = Inbox::without_terminal();
        let (events, control) = (inbox.sender.clone(), Arc::clone(&inbox.pause));
        control.set(|paused| paused.idle = false);
        std::thread::spawn(move || {
            read_terminal(&events, &control);
            control.set(|paused| paused.idle = true);
        });
        inbox
    }

    /// The channel alone, with nothing reading the terminal.
    fn without_terminal() -> Inbox {
        let (sender, wakes) = mpsc::channel();
        let pause = Arc::new(Pause::default());
        pause.set(|paused| paused.idle = true);
        Inbox {
            wakes,
            sender,
            pause,
        }
    }

    /// Something for other threads to call when they have an outcome waiting.
    pub fn waker(&self) -> impl Fn() + Send + Sync + 'static {
        let sender = self.sender.clone();
        move || {
            let _ = sender.send(Wake::Ready);
        }
    }

    /// The next reason to wake, waiting at most `timeout` (None when nothing came).
    pub fn wait(&self, timeout: Duration) -> Option<Wake> {
        self.wakes.recv_timeout(timeout).ok()
    }

    /// The next reason to wake already waiting, if any.
    pub fn next(&self) -> Option<Wake> {
        self.wakes.try_recv().ok()
    }

    /// Stops reading the terminal (before another program takes it); returns once the reading
    /// thread reads nothing more.
    pub fn pause(&self) {
        let mut state = self.pause.lock();
        state.asked = true;
        while !state.idle {
            state = self
                .pause
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Reads the terminal again after [`Inbox::pause`].
    pub fn resume(&self) {
        self.pause.set(|paused| paused.asked = false);
    }
}

impl Pause {
    fn lock(&self) -> std::sync::MutexGuard<'_, Paused> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn set(&self, change: impl FnOnce(&mut Paused)) {
        change(&mut self.lock());
        self.changed.notify_all();
    }

    /// Waits while a pause is asked for, saying that nothing is read meanwhile.
    fn wait_while_asked(&self) {
        let mut state = self.lock();
        if !state.asked {
            return;
        }
        state.idle = true;
        self.changed.notify_all();
        while state.asked {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.idle = false;
    }

    fn asked(&self) -> bool {
        self.lock().asked
    }
}

/// The reading thread: the terminal's events into the channel, until the channel or the
/// terminal closes.
fn read_terminal(events: &Sender<Wake>, pause: &Pause) {
    loop {
        pause.wait_while_asked();
        let wake = match event::poll(READ_SLICE) {
            Ok(false) => continue,
            // the input may be for the program the terminal is being handed to
            Ok(true) if pause.asked() => continue,
            Ok(true) => match event::read() {
                Ok(event) => Wake::Terminal(event),
                Err(err) => Wake::Failed(err),
            },
            Err(err) => Wake::Failed(err),
        };
        let failed = matches!(wake, Wake::Failed(_));
        if events.send(wake).is_err() || failed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waker_wakes_the_loop_at_once() {
        let inbox = Inbox::without_terminal();
        assert!(inbox.wait(Duration::from_millis(10)).is_none());
        let wake = inbox.waker();
        std::thread::spawn(wake);
        let woken = inbox.wait(Duration::from_secs(10));
        assert!(matches!(woken, Some(Wake::Ready)), "{woken:?}");
        assert!(inbox.next().is_none());
    }

    #[test]
    fn a_pause_returns_and_reading_resumes() {
        let inbox = Inbox::start();
        // without a terminal the reading thread ends at once (and so reads nothing): either
        // way a pause must return
        inbox.pause();
        assert!(inbox.pause.lock().idle);
        inbox.resume();
        assert!(!inbox.pause.lock().asked);
    }
}
