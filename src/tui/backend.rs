//! The backend tally draws through: ratatui's backend with what it would send for nothing left
//! out. ratatui ends every frame, changed or not, by resetting the colours and hiding (or showing
//! and placing) the cursor, and asks the terminal for its size before every frame (crossterm
//! opens `/dev/tty` for that each time). This wrapper sends nothing for a frame with no changed
//! cell, repeats no cursor command whose effect is already in place, and answers the size from
//! what it was last told (at start, on a resize event, after the terminal was handed away).

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// A backend that writes only what changes the terminal's state, and keeps its size.
#[derive(Debug)]
pub struct QuietBackend<B: Backend> {
    inner: B,
    size: Size,
    /// Whether the cursor is shown, when known.
    shown: Option<bool>,
    /// Where the cursor was last placed, while nothing has been drawn since.
    placed: Option<Position>,
}

impl<B: Backend> QuietBackend<B> {
    /// Wraps `inner`, asking it for the terminal's size once.
    pub fn new(inner: B) -> Result<QuietBackend<B>, B::Error> {
        let size = inner.size()?;
        Ok(QuietBackend::with_size(inner, size))
    }

    /// Wraps `inner` for a terminal of `size`.
    pub fn with_size(inner: B, size: Size) -> QuietBackend<B> {
        QuietBackend {
            inner,
            size,
            shown: None,
            placed: None,
        }
    }

    /// The terminal now has `width` × `height` cells (from a resize event).
    pub fn resized(&mut self, width: u16, height: u16) {
        self.size = Size { width, height };
    }

    /// Someone else used the terminal (a suspend, an outside editor): the cursor's state is
    /// unknown and the size is asked again.
    pub fn forget(&mut self) -> Result<(), B::Error> {
        self.shown = None;
        self.placed = None;
        self.size = self.inner.size()?;
        Ok(())
    }

    /// The backend underneath.
    pub fn inner(&self) -> &B {
        &self.inner
    }
}

impl<B: Backend> Backend for QuietBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        if content.peek().is_none() {
            return Ok(());
        }
        self.placed = None;
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.placed = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        if self.shown == Some(false) {
            return Ok(());
        }
        self.inner.hide_cursor()?;
        self.shown = Some(false);
        Ok(())
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        if self.shown == Some(true) {
            return Ok(());
        }
        self.inner.show_cursor()?;
        self.shown = Some(true);
        Ok(())
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        let position = position.into();
        if self.placed == Some(position) {
            return Ok(());
        }
        self.inner.set_cursor_position(position)?;
        self.placed = Some(position);
        Ok(())
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.placed = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.placed = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::io::Write;
    use std::rc::Rc;

    use ratatui::Terminal;
    use ratatui::backend::{CrosstermBackend, TestBackend};
    use ratatui::text::Line;

    use super::*;

    /// What the terminal was sent, kept where the test can read it.
    #[derive(Clone, Default)]
    struct Sent(Rc<RefCell<Vec<u8>>>);

    impl Write for Sent {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Sent {
        fn take(&self) -> Vec<u8> {
            std::mem::take(&mut self.0.borrow_mut())
        }
    }

    fn terminal(sent: &Sent) -> Terminal<QuietBackend<CrosstermBackend<Sent>>> {
        let backend = CrosstermBackend::new(sent.clone());
        Terminal::new(QuietBackend::with_size(backend, Size::new(40, 5))).unwrap()
    }

    fn draw(terminal: &mut Terminal<QuietBackend<CrosstermBackend<Sent>>>, text: &str) {
        let cursor = Position::new(3, 2);
        terminal
            .draw(|frame| {
                frame.render_widget(Line::from(text.to_string()), frame.area());
                if text.contains('|') {
                    frame.set_cursor_position(cursor);
                }
            })
            .unwrap();
    }

    #[test]
    fn a_frame_that_changes_nothing_sends_nothing() {
        let sent = Sent::default();
        let mut terminal = terminal(&sent);
        draw(&mut terminal, "北京外办 items");
        assert!(!sent.take().is_empty());
        for _ in 0..3 {
            draw(&mut terminal, "北京外办 items");
            assert_eq!(sent.take(), b"", "an unchanged frame, cursor hidden");
        }
        draw(&mut terminal, "search|");
        let changed = String::from_utf8(sent.take()).unwrap();
        assert!(changed.contains("search") && changed.contains("\x1b[?25h"));
        for _ in 0..3 {
            draw(&mut terminal, "search|");
            assert_eq!(sent.take(), b"", "an unchanged frame, cursor shown");
        }
    }

    #[test]
    fn a_change_is_drawn_and_the_cursor_put_back() {
        let sent = Sent::default();
        let mut terminal = terminal(&sent);
        draw(&mut terminal, "search|");
        sent.take();
        draw(&mut terminal, "search|x");
        let changed = String::from_utf8(sent.take()).unwrap();
        assert!(changed.contains('x'), "{changed:?}");
        assert!(changed.ends_with("\x1b[3;4H"), "{changed:?}");
        assert!(!changed.contains("\x1b[?25h"), "{changed:?}");
        draw(&mut terminal, "plain");
        assert!(
            String::from_utf8(sent.take())
                .unwrap()
                .contains("\x1b[?25l")
        );
    }

    #[test]
    fn the_size_comes_from_resize_events_not_from_the_terminal() {
        let backend = QuietBackend::with_size(TestBackend::new(80, 25), Size::new(30, 4));
        let mut terminal = Terminal::new(backend).unwrap();
        let frame = terminal.draw(|frame| assert_eq!(frame.area().width, 30));
        assert_eq!(frame.unwrap().area.height, 4);
        terminal.backend_mut().resized(50, 6);
        let area = terminal.draw(|_| {}).unwrap().area;
        assert_eq!((area.width, area.height), (50, 6));
        terminal.backend_mut().forget().unwrap();
        let area = terminal.draw(|_| {}).unwrap().area;
        assert_eq!((area.width, area.height), (80, 25), "asked again");
    }
}
