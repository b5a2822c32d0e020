//! Everything a person (or the terminal) can ask of the interface, as data. Keys, mouse events and
//! resizes all become an [`Action`] before anything changes.

/// One request to change the interface state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Next row in the list, or scroll the focused pane down.
    Down,
    /// Previous row, or scroll up.
    Up,
    PageDown,
    PageUp,
    /// First row / top of the pane.
    Top,
    /// Last row / end of the pane.
    Bottom,
    /// Focus the next pane (Items → Timeline → Metrics).
    FocusNext,
    FocusPrevious,
    /// Show the selected item full-screen.
    Zoom,
    /// Leave the current view (zoom, help) or clear the message.
    Back,
    /// Open or close the key help.
    Help,
    Quit,
    /// The terminal changed size.
    Resize {
        width: u16,
        height: u16,
    },
    /// A mouse click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel over a screen cell (`down` is toward later rows).
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
}
