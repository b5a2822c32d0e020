//! Screen layout with no styling: where each pane sits for a terminal size, which words go on
//! which line of a pane, and so how many lines a pane has and where each note or metric starts.
//! Rendering (ui) styles these lines; the update function (app) measures with them to page,
//! scroll and keep a cursor in view. Both read the same layout, so they always agree, and app
//! never needs the renderer.

mod heights;
mod lines;
mod panes;

pub use heights::{
    DASHBOARD_LIST, dashboard_height, metric_starts, metrics_height, note_starts, timeline_height,
    triage_height, zoom_height,
};
pub use lines::{
    LATEST_NOTES, TRIAGE_DATE, TimelineNote, goal_lines, sparkline_values, timeline_note,
    timeline_note_dated, triage_goal, triage_note,
};
pub use panes::{
    Arrangement, MIN_SPLIT_COLUMNS, MIN_SPLIT_ROWS, Panes, WIDE_COLUMNS, has_list_header,
    list_body, zoom_columns,
};
