//! The two things a report written by `tally export --format report` adds to the published style:
//! a `主要指标:` line after an item's progress, whose counts are metric readings but no note, and
//! the placeholder `暂无新进展` for an item without progress, which is not a note either.

use std::ops::Range;

use super::text::Text;

/// The label of the line that lists an item's metric readings.
pub const READINGS_LABEL: &str = "主要指标";

/// Progress texts that say there is no progress (with or without a full stop).
pub const PLACEHOLDERS: &[&str] = &["暂无新进展", "暂无进展"];

/// Splits progress text into the notes part and, when a line starts with `主要指标:`, the
/// readings after its colon.
pub fn split(progress: &Text) -> (Range<usize>, Option<Range<usize>>) {
    let label = READINGS_LABEL.chars().count();
    let mut from = 0;
    while let Some(at) = progress.find(READINGS_LABEL, from) {
        let line_start = progress.prev_visible(at).is_none_or(|i| {
            progress.at(i) == Some('\n') || progress.line_at(i) != progress.line_at(at)
        });
        if line_start && progress.at(at + label) == Some(':') {
            return (0..at, Some(at + label + 1..progress.len()));
        }
        from = at + 1;
    }
    (0..progress.len(), None)
}

/// True when `range` of the progress says only that there is no progress.
pub fn is_placeholder(progress: &Text, range: Range<usize>) -> bool {
    let range = progress.trim(range);
    let text = progress.norm_string(range);
    let text = text.trim_end_matches(['。', '.']);
    PLACEHOLDERS.contains(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    fn text(input: &str) -> Text {
        let mut out = Text::default();
        for (i, line) in lines(input).iter().enumerate() {
            if i > 0 {
                out.push_char('\n', line.number);
            }
            out.push_text(&line.text);
        }
        out
    }

    #[test]
    fn the_readings_line_starts_a_line() {
        let progress = text("一是甲。二是乙。\n\n主要指标:甲5个。");
        let (notes, readings) = split(&progress);
        assert_eq!(
            progress.orig_string(progress.trim(notes)),
            "一是甲。二是乙。"
        );
        assert_eq!(
            readings.map(|r| progress.orig_string(r)).as_deref(),
            Some("甲5个。")
        );
        let inline = text("一是提出主要指标:甲5个。");
        assert_eq!(split(&inline).1, None);
    }

    #[test]
    fn placeholders_are_recognised() {
        let progress = text("暂无新进展。");
        assert!(is_placeholder(&progress, 0..progress.len()));
        let real = text("暂无新进展的原因已查明。");
        assert!(!is_placeholder(&real, 0..real.len()));
    }
}
