//! Short figures read the same on screen and in exported reports: an item's progress and a
//! report's period as one line of text.

use crate::lang::{Lang, trf};
use crate::model::{Document, Item};
use crate::text::clean_line;

/// The share of targets reached (`60%`), or `-` when no metric has a target.
pub fn progress_figure(item: &Item) -> String {
    match item.completion() {
        Some(ratio) => format!("{:.0}%", ratio * 100.0),
        None => String::from("-"),
    }
}

/// `2023年前三季度 2023-01-01 – 2023-09-30`, from whatever parts the file gives.
pub fn period_text(doc: &Document) -> Option<String> {
    period_text_in(doc, Lang::En)
}

/// [`period_text`] with its words (`from`, `until`) in `lang`.
pub fn period_text_in(doc: &Document, lang: Lang) -> Option<String> {
    period_text_shown(doc, lang, &|date| date.to_string())
}

/// [`period_text_in`] with its dates written by `show` (the interface's date format).
pub fn period_text_shown(
    doc: &Document,
    lang: Lang,
    show: &dyn Fn(crate::model::Date) -> String,
) -> Option<String> {
    let period = doc.header.period.as_ref()?;
    let mut parts: Vec<String> = Vec::new();
    if let Some(label) = &period.label {
        parts.push(clean_line(label).into_owned());
    }
    match (period.start, period.end) {
        (Some(start), Some(end)) => parts.push(format!("{} – {}", show(start), show(end))),
        (Some(start), None) => parts.push(trf(lang, "header.from", &[("date", &show(start))])),
        (None, Some(end)) => parts.push(trf(lang, "header.until", &[("date", &show(end))])),
        (None, None) => {}
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}
