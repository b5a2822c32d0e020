//! The frame shown while the files are loading: which file, and how far reading and parsing have
//! got. It appears within a few milliseconds of start, at any size (the lines are cut to fit).

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::lang::{Lang, trf};
use crate::store::Progress;
use crate::text::{clean_line, truncate};

/// Where the loading has got, as the loading frame shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    /// The file being loaded, as it was named.
    pub path: String,
    /// Its number (from 1) among the `of` files given.
    pub number: usize,
    pub of: usize,
    pub progress: Progress,
    /// Time since the loading started.
    pub elapsed: Duration,
}

/// Draws the loading frame: the file's name, then how far the loading has got.
pub fn render(frame: &mut Frame, loading: &Loading, lang: Lang, theme: Theme) {
    let area = frame.area();
    let room = usize::from(area.width).saturating_sub(2);
    let [_, first, second] = Layout::vertical([
        Constraint::Length(area.height.saturating_sub(2) / 2),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let name = clean_line(&loading.path);
    let mut opening = trf(lang, "loading.opening", &[("name", &name)]);
    if loading.of > 1 {
        let which = trf(
            lang,
            "loading.file_of",
            &[("number", &loading.number), ("of", &loading.of)],
        );
        opening = format!("{opening} ({which})");
    }
    let line = |text: &str| Line::from(truncate(text, room).into_owned()).centered();
    let title = Paragraph::new(line(&opening)).style(theme.title());
    frame.render_widget(title, first);
    frame.render_widget(Paragraph::new(line(&how_far(loading, lang))), second);
}

/// "reading 12.0 MB of 273.1 MB, 1.2 s", or "parsing …, 1.2 s" once the file is read.
fn how_far(loading: &Loading, lang: Lang) -> String {
    let seconds = format!("{:.1}", loading.elapsed.as_secs_f64());
    match loading.progress {
        Progress::Reading { done, total } => trf(
            lang,
            "loading.reading",
            &[
                ("done", &size(done)),
                ("total", &size(total)),
                ("seconds", &seconds),
            ],
        ),
        Progress::Parsing { total } => trf(
            lang,
            "loading.parsing",
            &[("total", &size(total)), ("seconds", &seconds)],
        ),
    }
}

/// A file size in kilobytes below a megabyte, else in megabytes with one decimal.
fn size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn screen(loading: &Loading, lang: Lang, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| render(frame, loading, lang, Theme::plain()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let mut text = String::new();
        for y in 0..height {
            for x in 0..width {
                text.push_str(buffer[(x, y)].symbol());
            }
            text.push('\n');
        }
        text
    }

    fn loading(progress: Progress) -> Loading {
        Loading {
            path: "/tmp/big/report.json".into(),
            number: 1,
            of: 1,
            progress,
            elapsed: Duration::from_millis(1250),
        }
    }

    #[test]
    fn the_frame_names_the_file_and_how_far_it_has_got() {
        let reading = loading(Progress::Reading {
            done: 12_000_000,
            total: 273_100_000,
        });
        let text = screen(&reading, Lang::En, 80, 10);
        assert!(text.contains("Opening /tmp/big/report.json"), "{text}");
        assert!(
            text.contains("reading 12.0 MB of 273.1 MB, 1.2 s"),
            "{text}"
        );
        let parsing = loading(Progress::Parsing { total: 27_000 });
        let text = screen(&parsing, Lang::En, 80, 10);
        assert!(text.contains("reading the items (27 KB), 1.2 s"), "{text}");
    }

    #[test]
    fn in_chinese_with_several_files() {
        let mut parsing = loading(Progress::Parsing { total: 5_500_000 });
        (parsing.number, parsing.of) = (2, 3);
        let text = screen(&parsing, Lang::Zh, 80, 6).replace(' ', "");
        assert!(
            text.contains("正在打开/tmp/big/report.json(第2个文件，共3个)"),
            "{text}"
        );
        assert!(text.contains("正在解析事项（5.5MB），已用1.2秒"), "{text}");
    }

    #[test]
    fn a_tiny_terminal_gets_what_fits() {
        let reading = loading(Progress::Reading { done: 0, total: 1 });
        let text = screen(&reading, Lang::En, 12, 1);
        assert!(text.starts_with(" Opening"), "{text:?}");
        let text = screen(&reading, Lang::En, 1, 1);
        assert_eq!(text, " \n");
    }

    #[test]
    fn control_characters_in_the_name_are_not_drawn() {
        let mut reading = loading(Progress::Reading { done: 0, total: 1 });
        reading.path = "a\u{1b}[2Jb.json".into();
        let text = screen(&reading, Lang::En, 60, 4);
        assert!(!text.contains('\u{1b}'), "{text}");
    }
}
