//! Where the keys go: the full [`Screen`] with what belongs to it, the [`Overlay`] drawn over it
//! (if any), and the conflicts with changes on disk that wait above both. [`Mode`] is worked out
//! from these three, never stored, so it cannot disagree with them.

use super::dialog::{Confirm, HelpView, Overlay};
use super::form::Form;
use super::state::{Mode, State};
use super::triage::Triage;

/// A full screen, with what belongs to it alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Screen {
    /// The three panes.
    #[default]
    Browse,
    /// The selected item full-screen.
    Zoom,
    /// Every note and metric reading since a date, across items, with the selected entry.
    Since { cursor: usize },
    /// Counts, attention list, overdue items and metric totals, scrolled by `scroll` lines.
    Dashboard { scroll: usize },
    /// Walking the list one item at a time.
    Triage(Box<Triage>),
}

impl Screen {
    /// The mode that gives this screen the keys.
    pub fn mode(&self) -> Mode {
        match self {
            Screen::Browse => Mode::Browse,
            Screen::Zoom => Mode::Zoom,
            Screen::Since { .. } => Mode::Since,
            Screen::Dashboard { .. } => Mode::Dashboard,
            Screen::Triage(_) => Mode::Triage,
        }
    }
}

impl State {
    /// Who has the keys: a conflict with a change on disk, else the overlay, else the screen.
    pub fn mode(&self) -> Mode {
        if !self.conflicts.is_empty() {
            Mode::Conflict
        } else if let Some(overlay) = &self.overlay {
            overlay.mode()
        } else {
            self.screen.mode()
        }
    }

    /// Shows `screen`, closing any overlay.
    pub fn show(&mut self, screen: Screen) {
        self.screen = screen;
        self.overlay = None;
    }

    /// Opens an overlay (help, search, form, picker, question …) over the current screen.
    pub fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
    }

    /// Closes the overlay, back to the screen underneath.
    pub fn close_overlay(&mut self) {
        self.overlay = None;
    }

    /// The triage walk in progress (its summary included), if any.
    pub fn triage(&self) -> Option<&Triage> {
        match &self.screen {
            Screen::Triage(walk) => Some(walk),
            _ => None,
        }
    }

    pub fn triage_mut(&mut self) -> Option<&mut Triage> {
        match &mut self.screen {
            Screen::Triage(walk) => Some(walk),
            _ => None,
        }
    }

    /// The help's scroll and search, while it is open.
    pub fn help(&self) -> Option<&HelpView> {
        match &self.overlay {
            Some(Overlay::Help(help)) => Some(help),
            _ => None,
        }
    }

    /// Lines the help is scrolled by (0 when it is closed).
    pub fn help_scroll(&self) -> usize {
        self.help().map_or(0, |help| help.scroll)
    }

    /// The selected entry of the "since" screen (0 elsewhere).
    pub fn since_cursor(&self) -> usize {
        match &self.screen {
            Screen::Since { cursor } => *cursor,
            _ => 0,
        }
    }

    /// Lines the dashboard is scrolled by (0 elsewhere).
    pub fn dashboard_scroll(&self) -> usize {
        match &self.screen {
            Screen::Dashboard { scroll } => *scroll,
            _ => 0,
        }
    }

    /// The open form, if any.
    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Some(Overlay::Form(form)) => Some(form),
            _ => None,
        }
    }

    pub fn form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.overlay {
            Some(Overlay::Form(form)) => Some(form),
            _ => None,
        }
    }

    /// The open question, if any.
    pub fn confirm(&self) -> Option<&Confirm> {
        match &self.overlay {
            Some(Overlay::Confirm(confirm)) => Some(confirm),
            _ => None,
        }
    }
}
