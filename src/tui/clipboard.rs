//! Copying to the clipboard with OSC 52: the terminal (the local one, through SSH) puts the
//! base64-encoded text on its clipboard. Inside tmux the sequence is wrapped for passthrough, so
//! it reaches the terminal tmux runs in.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Whether the sequence must be wrapped for tmux.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    Plain,
    Tmux,
}

impl Wrap {
    /// Tmux when `$TMUX` is set.
    pub fn from_env() -> Wrap {
        match std::env::var_os("TMUX") {
            Some(value) if !value.is_empty() => Wrap::Tmux,
            _ => Wrap::Plain,
        }
    }
}

/// The escape sequence that sets the clipboard to `text`.
pub fn osc52(text: &str, wrap: Wrap) -> String {
    let sequence = format!("\x1b]52;c;{}\x07", STANDARD.encode(text));
    match wrap {
        Wrap::Plain => sequence,
        // tmux passes a DCS `tmux;` payload through, with every ESC in it doubled
        Wrap::Tmux => format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text an OSC 52 sequence carries, as a terminal would read it.
    fn decoded(sequence: &str) -> String {
        let body = sequence
            .strip_prefix("\x1b]52;c;")
            .and_then(|rest| rest.strip_suffix('\x07'))
            .expect("an OSC 52 sequence");
        String::from_utf8(STANDARD.decode(body).expect("base64")).expect("UTF-8")
    }

    #[test]
    fn the_sequence_carries_the_text_base64_encoded() {
        let text = "14 网上国际服务平台和外语标识\nstatus: on track\n";
        let sequence = osc52(text, Wrap::Plain);
        assert!(sequence.is_ascii());
        assert_eq!(decoded(&sequence), text);
    }

    #[test]
    fn inside_tmux_the_sequence_is_wrapped_for_passthrough() {
        let text = "外语标识 531 条";
        let wrapped = osc52(text, Wrap::Tmux);
        let inner = wrapped
            .strip_prefix("\x1bPtmux;")
            .and_then(|rest| rest.strip_suffix("\x1b\\"))
            .expect("a tmux passthrough");
        assert!(inner.starts_with("\x1b\x1b]52;c;"));
        assert_eq!(decoded(&inner.replace("\x1b\x1b", "\x1b")), text);
    }
}
