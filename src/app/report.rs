//! `R`: the next progress report drafted from what the list shows — its filter and order — in
//! the published style, for the runtime to write next to the data file.

use super::view::Row;
use super::{Effect, Message, State};
use crate::lang::{Lang, tr, trf, trn};
use crate::model::Item;
use crate::report::{DraftOptions, draft, published};

/// The report of the selected item's file, with the items of that file the list shows, in the
/// list's order.
pub(crate) fn write_report(state: &mut State) -> Vec<Effect> {
    let index = state.selected_file();
    let Some(file) = state.files.get(index) else {
        state.message = Some(Message::warning(tr(
            state.settings.lang,
            "msg.no_file_open",
        )));
        return Vec::new();
    };
    let items: Vec<&Item> = state
        .list
        .rows
        .iter()
        .filter_map(Row::item)
        .filter(|row| row.file == index)
        .filter_map(|row| file.doc.items().get(row.item))
        .collect();
    if items.is_empty() {
        state.message = Some(Message::warning(tr(
            state.settings.lang,
            "msg.nothing_to_report",
        )));
        return Vec::new();
    }
    let today = state.today();
    let text = published(&draft(&file.doc, &items, &DraftOptions::dated(today)));
    let (folder, stem) = file.folder_and_stem();
    vec![Effect::WriteReport {
        folder,
        name: format!("{stem}-report-{today}"),
        text,
        items: items.len(),
        of: file.doc.items().len(),
    }]
}

/// The footer's word on a written report: where, and how much of the file it covers.
pub(crate) fn written(lang: Lang, path: &std::path::Path, items: usize, of: usize) -> String {
    let shown = crate::text::clean_line(&path.display().to_string()).into_owned();
    let all = trn(lang, "count.items", of);
    if items == of {
        trf(
            lang,
            "msg.report_written",
            &[("path", &shown), ("of", &all)],
        )
    } else {
        let args: [(&str, &dyn std::fmt::Display); 3] =
            [("path", &shown), ("items", &items), ("of", &all)];
        trf(lang, "msg.report_written_part", &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::view::SortKey;
    use crate::app::{Event, Intent, ItemRef, update};
    use crate::store::{Fingerprint, Loaded, parse_document};

    fn sample_state() -> State {
        let doc = parse_document(crate::store::SAMPLE_JSON.into()).unwrap();
        let loaded = Loaded {
            path: "data/sample.json".into(),
            doc,
            fingerprint: Fingerprint::of_bytes(b"", None),
        };
        let mut state = State::new(vec![loaded], ratatui::layout::Rect::new(0, 0, 120, 40));
        state.today = "2023-10-08".parse().ok();
        state
    }

    fn headings(text: &str) -> Vec<&str> {
        text.lines()
            .filter(|l| l.starts_with('第'))
            .filter_map(|l| l.split(':').next())
            .collect()
    }

    #[test]
    fn the_report_follows_the_list_filter_and_order() {
        let mut state = sample_state();
        // items 14, 13 and 126 as a search left them, sorted by status (at risk first)
        state.list.filter = Some(
            [4, 3, 7]
                .into_iter()
                .map(|item| ItemRef { file: 0, item })
                .collect(),
        );
        state.list.sort = SortKey::Status;
        state.rebuild_rows(None);
        let effects = update(&mut state, Intent::WriteReport);
        let [
            Effect::WriteReport {
                folder,
                name,
                text,
                items,
                of,
            },
        ] = effects.as_slice()
        else {
            panic!("{effects:?}");
        };
        assert_eq!(folder, std::path::Path::new("data"));
        assert_eq!(name, "sample-report-2023-10-08");
        assert_eq!((*items, *of), (3, 8));
        assert_eq!(headings(text), ["第13项", "第14项", "第126项"]);
        assert!(text.starts_with("北京市人民政府外事办公室2023年市政府工作报告重点任务前三季度进展情况\n日期:2023-10-08\n"));
        update(
            &mut state,
            Event::ReportWritten {
                path: "data/sample-report-2023-10-08.txt".into(),
                items: 3,
                of: 8,
            },
        );
        let message = state
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert_eq!(
            message,
            "report written to data/sample-report-2023-10-08.txt (3 of 8 items, as listed)"
        );
    }

    #[test]
    fn the_dashboard_writes_the_report_too() {
        let mut state = sample_state();
        state.show(crate::app::Screen::Dashboard { scroll: 0 });
        let effects = update(&mut state, Intent::WriteReport);
        let [Effect::WriteReport { text, items, .. }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(*items, 8);
        assert_eq!(headings(text).len(), 8);
        update(
            &mut state,
            Event::ReportFailed {
                error: "disk full".into(),
            },
        );
        let message = state
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert_eq!(message, "report not written: disk full");
    }
}
