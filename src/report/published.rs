//! A [`Draft`] as plain text in the published style that `tally import` reads: the title,
//! `日期:` and `来源:`, then per item `第N项:` with the goal and `进展情况:` with the points, and
//! a `主要指标:` line for readings the points do not state.

use super::draft::Draft;

/// The label of the progress paragraph.
pub const PROGRESS_LABEL: &str = "进展情况";

/// The whole report as text, lines ending in `\n`.
pub fn published(draft: &Draft) -> String {
    let mut out = format!("{}\n日期:{}\n", draft.title, draft.date);
    if let Some(source) = &draft.source {
        out.push_str(&format!("来源:{source}\n"));
    }
    for section in &draft.sections {
        out.push_str(&format!("\n{}:{}\n", section.heading, section.goal));
        out.push_str(&format!("\n{PROGRESS_LABEL}:{}\n", section.progress));
        if let Some(line) = readings_line(&section.readings) {
            out.push_str(&format!("\n{line}\n"));
        }
    }
    out
}

/// `主要指标:名称531条;名称203条。`, or nothing without readings.
pub fn readings_line(readings: &[String]) -> Option<String> {
    (!readings.is_empty()).then(|| {
        format!(
            "{}:{}。",
            crate::import::readings::READINGS_LABEL,
            readings.join(";")
        )
    })
}
