//! The renderer draws exactly the lines the layout counts: for every item of the sample (and one
//! item with everything long), at narrow and wide sizes, the styled lines of each scrolling view
//! number what `crate::layout` says, and each note and metric starts where it says.

use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{View, dashboard, metrics, timeline, triage, zoom};
use crate::app::State;
use crate::layout;
use crate::model::{DateStyle, Document, Item, Point, parse_number};
use crate::store::{Fingerprint, Loaded, parse_document};

const WIDTHS: [usize; 7] = [1, 12, 30, 43, 44, 70, 160];
const SCREENS: [(u16, u16); 5] = [(40, 12), (80, 24), (99, 30), (100, 30), (200, 60)];

/// The sample, with one more item whose goal, notes and metrics run long, reviewed part way.
fn document() -> Document {
    let mut doc = parse_document(crate::store::SAMPLE_JSON.into()).unwrap();
    let mut item = doc.item(0).unwrap().clone();
    item.id = "long".into();
    item.goal = Some("目标很长 ".repeat(400));
    item.reviewed = Some("2023-05-01".parse().unwrap());
    for note in &mut item.progress {
        note.text = format!("{}\n\n{}", note.text, "一句很长的进展说明 ".repeat(60)).into();
        note.by = Some("张三".into());
    }
    let mut huge = item.progress[0].clone();
    huge.text = "字".repeat(40_000).into();
    item.progress.push(huge);
    for metric in &mut item.metrics {
        metric.history.push(Point {
            date: "2023-06-30".parse().unwrap(),
            value: parse_number("1").unwrap(),
            origin: Default::default(),
        });
    }
    doc.push(item).unwrap();
    doc
}

fn state(screen: (u16, u16)) -> State {
    let loaded = Loaded {
        path: "sample.json".into(),
        doc: document(),
        fingerprint: Fingerprint::of_bytes(b"", None),
    };
    State::new(vec![loaded], Rect::new(0, 0, screen.0, screen.1))
}

fn items(state: &State) -> Vec<Item> {
    state.files[0].doc.items().to_vec()
}

fn text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The date formats the line counts are checked with: the default, a wider and a narrower one.
fn date_styles() -> [DateStyle; 3] {
    [
        DateStyle::default(),
        DateStyle::new(Some("%Y年%m月%d日".into())),
        DateStyle::new(Some("%m/%d".into())),
    ]
}

#[test]
fn timeline_and_metrics_have_the_lines_the_layout_counts() {
    for dates in date_styles() {
        let mut state = state((100, 30));
        state.settings.dates = dates.clone();
        timeline_and_metrics_counted(&state, &dates);
    }
}

fn timeline_and_metrics_counted(state: &State, dates: &DateStyle) {
    let view = View::plain(state);
    let doc = &state.files[0].doc;
    for item in items(state) {
        for width in WIDTHS {
            let drawn = timeline::lines(&view, &item, doc, width);
            assert_eq!(
                drawn.len(),
                layout::timeline_height(&item, width, dates),
                "{}",
                item.id
            );
            let starts = layout::note_starts(&item, width, dates);
            for (start, index) in starts.iter().zip(item.notes_by_date()) {
                let date = dates.show(item.progress[index].date);
                assert!(
                    text(&drawn[*start]).starts_with(&date),
                    "{} {width}",
                    item.id
                );
            }
            assert_eq!(starts.last().copied().unwrap_or(1), drawn.len());

            let drawn = metrics::lines(&view, &item, width);
            assert_eq!(drawn.len(), layout::metrics_height(&item), "{}", item.id);
            let starts = layout::metric_starts(&item);
            // headings cut the name only when the pane is too narrow for it
            let named = if width >= 70 { item.metrics.len() } else { 0 };
            for (start, metric) in starts.iter().zip(&item.metrics).take(named) {
                let name = crate::text::clean_line(&metric.name);
                let first = name.chars().next().unwrap_or(' ').to_string();
                assert!(text(&drawn[*start]).starts_with(&first), "{}", item.id);
            }
        }
    }
}

#[test]
fn zoom_and_triage_have_the_lines_the_layout_counts() {
    for (screen, dates) in SCREENS
        .into_iter()
        .flat_map(|s| date_styles().map(|d| (s, d)))
    {
        let mut state = state(screen);
        state.settings.dates = dates.clone();
        for (row, item) in items(&state).iter().enumerate() {
            state.list.selected = row;
            let view = View::plain(&state);
            let Some(selected) = state.selected_item() else {
                continue;
            };
            assert_eq!(
                zoom::height(&view),
                layout::zoom_height(selected, state.size, &dates),
                "{} {screen:?}",
                selected.id
            );
            let width = usize::from(screen.0.saturating_sub(4));
            assert_eq!(
                triage::lines(&view, item, width).len(),
                layout::triage_height(item, width, &dates),
                "{} {screen:?}",
                item.id
            );
        }
    }
}

#[test]
fn the_dashboard_has_the_lines_the_layout_counts() {
    let mut state = state((80, 24));
    let view = View::plain(&state);
    assert_eq!(
        dashboard::lines(&view, 76).len(),
        layout::dashboard_height(&state.screens.stats)
    );
    let mut stats = crate::report::stats([&state.files[0].doc], "2030-01-01".parse().unwrap());
    let first = stats.attention.first().cloned().unwrap();
    stats.attention = vec![first; 30];
    let due = "2023-01-01".parse().unwrap();
    stats.overdue = vec![(0, "1".to_string(), "title".to_string(), due); 13];
    state.screens.stats = std::sync::Arc::new(stats);
    let view = View::plain(&state);
    assert_eq!(
        dashboard::lines(&view, 76).len(),
        layout::dashboard_height(&state.screens.stats)
    );
}
