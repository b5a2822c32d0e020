//! Colours and text attributes. Three themes — `dark` (the default), `light` (for light terminals
//! and projectors) and `high-contrast` — use only the 16 named ANSI colours, so they look the
//! same in 16 and 256-colour terminals. Every distinction colour makes is also made by a letter,
//! a symbol or an attribute, so `NO_COLOR` (or `--no-color`) loses nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

/// The themes a user can choose (`theme = "light"` in the config, `--theme light`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];

    /// The name as written in the config and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    /// The theme called `name` (`high_contrast` is accepted too).
    pub fn from_name(name: &str) -> Option<ThemeName> {
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        ThemeName::ALL
            .into_iter()
            .find(|theme| theme.name() == name)
    }
}

impl std::fmt::Display for ThemeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether the theme's colours are used at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    On,
    /// Monochrome: attributes only (`NO_COLOR`, `--no-color`).
    Off,
}

/// The styles of one run; built once at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub name: ThemeName,
}

impl Theme {
    /// `name` in colour, unless `NO_COLOR` is set to anything non-empty (see no-color.org).
    pub fn from_env_with(name: ThemeName) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let colour = if no_color { Colour::Off } else { Colour::On };
        Theme::new(name, colour)
    }

    /// The default theme, in colour unless `NO_COLOR` is set.
    pub fn from_env() -> Theme {
        Theme::from_env_with(ThemeName::Dark)
    }

    pub fn new(name: ThemeName, colour: Colour) -> Theme {
        Theme {
            color: colour == Colour::On,
            name,
        }
    }

    /// Monochrome.
    pub fn plain() -> Theme {
        Theme::new(ThemeName::Dark, Colour::Off)
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// The status badge: the status colour behind a contrasting letter, bold.
    pub fn badge(&self, status: Status) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if !self.color {
            return style;
        }
        let (fg, bg) = match self.name {
            ThemeName::Dark => (Color::Black, dark_status(status)),
            ThemeName::Light => light_badge(status),
            ThemeName::HighContrast => (Color::Black, bright_status(status)),
        };
        style.fg(fg).bg(bg)
    }

    /// Text in the status colour (header counts).
    pub fn status_text(&self, status: Status) -> Style {
        match self.name {
            ThemeName::Dark => self.fg(dark_status(status)),
            ThemeName::Light => self.fg(light_status(status)),
            ThemeName::HighContrast => self.fg(bright_status(status)).add_modifier(Modifier::BOLD),
        }
    }

    /// Characters a search matched: underlined and bold, so they show without colour too.
    pub fn highlight(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        style.patch(self.fg(self.pick(Color::Yellow, Color::Blue, Color::LightYellow)))
    }

    pub fn selected(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::REVERSED);
        match self.name {
            ThemeName::HighContrast => style.add_modifier(Modifier::BOLD),
            _ => style,
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Secondary text. High contrast keeps it in the normal colour (grey is hard to read).
    pub fn dim(&self) -> Style {
        match (self.color, self.name) {
            (false, _) => Style::new().add_modifier(Modifier::DIM),
            (true, ThemeName::HighContrast) => Style::new(),
            (true, _) => Style::new().fg(Color::DarkGray),
        }
    }

    pub fn date(&self) -> Style {
        self.fg(self.pick(Color::Cyan, Color::Blue, Color::LightCyan))
            .add_modifier(Modifier::BOLD)
    }

    pub fn marker(&self) -> Style {
        self.fg(self.pick(Color::Cyan, Color::Magenta, Color::LightCyan))
            .add_modifier(Modifier::BOLD)
    }

    pub fn gauge(&self) -> Style {
        self.fg(self.pick(Color::Green, Color::Green, Color::LightGreen))
    }

    pub fn key(&self) -> Style {
        self.fg(self.pick(Color::Yellow, Color::Blue, Color::LightYellow))
            .add_modifier(Modifier::BOLD)
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new()
                .fg(self.pick(Color::Cyan, Color::Blue, Color::LightCyan))
                .add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => self.dim(),
        }
    }

    pub fn error(&self) -> Style {
        self.fg(self.pick(Color::Red, Color::Red, Color::LightRed))
            .add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(self.pick(Color::Yellow, Color::Magenta, Color::LightYellow))
            .add_modifier(Modifier::BOLD)
    }

    /// The colour this theme uses for one role.
    fn pick(&self, dark: Color, light: Color, high_contrast: Color) -> Color {
        match self.name {
            ThemeName::Dark => dark,
            ThemeName::Light => light,
            ThemeName::HighContrast => high_contrast,
        }
    }
}

fn dark_status(status: Status) -> Color {
    match status {
        Status::Todo => Color::Gray,
        Status::OnTrack => Color::Green,
        Status::AtRisk => Color::Yellow,
        Status::Blocked => Color::Red,
        Status::Done => Color::Blue,
        Status::Dropped => Color::DarkGray,
    }
}

/// On a light background yellow and grey text fade away: darker colours stand in for them.
fn light_status(status: Status) -> Color {
    match status {
        Status::Todo => Color::Black,
        Status::OnTrack => Color::Green,
        Status::AtRisk => Color::Magenta,
        Status::Blocked => Color::Red,
        Status::Done => Color::Blue,
        Status::Dropped => Color::DarkGray,
    }
}

/// Light badges: white letters on a dark colour, black on yellow.
fn light_badge(status: Status) -> (Color, Color) {
    match status {
        Status::AtRisk => (Color::Black, Color::Yellow),
        other => (Color::White, light_status(other)),
    }
}

fn bright_status(status: Status) -> Color {
    match status {
        Status::Todo => Color::White,
        Status::OnTrack => Color::LightGreen,
        Status::AtRisk => Color::LightYellow,
        Status::Blocked => Color::LightRed,
        Status::Done => Color::LightBlue,
        Status::Dropped => Color::Gray,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for name in ThemeName::ALL {
            assert_eq!(ThemeName::from_name(name.name()), Some(name));
        }
        assert_eq!(
            ThemeName::from_name("High_Contrast"),
            Some(ThemeName::HighContrast)
        );
        assert_eq!(ThemeName::from_name("solarized"), None);
    }

    #[test]
    fn badges_keep_letter_and_background_apart() {
        for name in ThemeName::ALL {
            let theme = Theme::new(name, Colour::On);
            for status in Status::ALL {
                let style = theme.badge(status);
                assert_ne!(style.fg, style.bg, "{name} {status:?}");
                assert!(style.bg.is_some(), "{name} {status:?}");
            }
        }
    }

    #[test]
    fn light_text_avoids_yellow_and_light_grey() {
        let theme = Theme::new(ThemeName::Light, Colour::On);
        let mut styles: Vec<Style> = Status::ALL.map(|s| theme.status_text(s)).to_vec();
        styles.extend([
            theme.highlight(),
            theme.key(),
            theme.warning(),
            theme.date(),
        ]);
        for style in styles {
            assert!(
                !matches!(
                    style.fg,
                    Some(Color::Yellow | Color::LightYellow | Color::Gray | Color::White)
                ),
                "{style:?}"
            );
        }
    }

    #[test]
    fn monochrome_has_no_colour_in_any_theme() {
        for name in ThemeName::ALL {
            let theme = Theme::new(name, Colour::Off);
            for status in Status::ALL {
                assert_eq!(theme.badge(status).bg, None);
                assert_eq!(theme.status_text(status).fg, None);
            }
            for style in [theme.key(), theme.dim(), theme.error(), theme.border(true)] {
                assert_eq!((style.fg, style.bg), (None, None));
            }
        }
    }
}
