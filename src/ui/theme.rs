//! Colours and text attributes. Only the 16 basic colours are used, and every distinction that
//! colour makes is also made by a letter, a symbol or an attribute, so `NO_COLOR` loses nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

/// The styles of one run; built once from the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (see no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn plain() -> Theme {
        Theme { color: false }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// The status badge: black on the status colour, bold.
    pub fn badge(&self, status: Status) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if !self.color {
            return style;
        }
        style.fg(Color::Black).bg(status_color(status))
    }

    /// Text in the status colour (header counts).
    pub fn status_text(&self, status: Status) -> Style {
        self.fg(status_color(status))
    }

    /// Characters a search matched: underlined and bold, so they show without colour too.
    pub fn highlight(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        if self.color {
            style.fg(Color::Yellow)
        } else {
            style
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn date(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn marker(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn gauge(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => self.dim(),
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}

fn status_color(status: Status) -> Color {
    match status {
        Status::Todo => Color::Gray,
        Status::OnTrack => Color::Green,
        Status::AtRisk => Color::Yellow,
        Status::Blocked => Color::Red,
        Status::Done => Color::Blue,
        Status::Dropped => Color::DarkGray,
    }
}
