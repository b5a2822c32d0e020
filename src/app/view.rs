//! Which items the list shows and how: the search filter's hits (or everything), sorted by the
//! chosen key, optionally grouped by status or lead under header rows with counts.

use std::cmp::Ordering;

use super::state::{ItemRef, OpenFile};
use super::triage::Toward;
use crate::model::{Item, Status};

/// One line of the item list.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A group's header: its label and how many items follow.
    Group {
        label: String,
        count: usize,
        status: Option<Status>,
    },
    Item(ItemRef),
}

impl Row {
    pub fn item(&self) -> Option<ItemRef> {
        match self {
            Row::Item(item) => Some(*item),
            Row::Group { .. } => None,
        }
    }
}

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// As in the files (or by search rank while searching).
    #[default]
    File,
    Id,
    /// Problems first: blocked, at risk, on track, todo, done, dropped.
    Status,
    /// Soonest first; items without a due date last.
    Due,
    Lead,
    /// Most recently updated first.
    Updated,
    /// Least progress towards targets first; items without targets last.
    Progress,
    /// By file label (see [`file_labels`]), then in file order.
    Report,
}

impl SortKey {
    pub const ALL: [SortKey; 8] = [
        SortKey::File,
        SortKey::Id,
        SortKey::Status,
        SortKey::Due,
        SortKey::Lead,
        SortKey::Updated,
        SortKey::Progress,
        SortKey::Report,
    ];

    pub fn next(self) -> SortKey {
        let index = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(index + 1) % SortKey::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::File => "file order",
            SortKey::Id => "id",
            SortKey::Status => "status",
            SortKey::Due => "due date",
            SortKey::Lead => "lead",
            SortKey::Updated => "last update",
            SortKey::Progress => "progress",
            SortKey::Report => "file name",
        }
    }
}

/// How the list is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    None,
    Status,
    Lead,
    /// By file (see [`file_labels`]).
    File,
}

impl GroupBy {
    pub fn next(self) -> GroupBy {
        match self {
            GroupBy::None => GroupBy::Status,
            GroupBy::Status => GroupBy::Lead,
            GroupBy::Lead => GroupBy::File,
            GroupBy::File => GroupBy::None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            GroupBy::None => "none",
            GroupBy::Status => "status",
            GroupBy::Lead => "lead",
            GroupBy::File => "file",
        }
    }
}

/// Builds the list rows from `items` (already filtered, in base order).
pub fn build_rows(
    files: &[OpenFile],
    mut items: Vec<ItemRef>,
    sort: SortKey,
    group: GroupBy,
) -> Vec<Row> {
    let item = |r: &ItemRef| files.get(r.file).and_then(|f| f.doc.item(r.item));
    let labels = if sort == SortKey::Report || group == GroupBy::File {
        file_labels(files)
    } else {
        Vec::new()
    };
    let label = |file: usize| labels.get(file).map_or("", String::as_str);
    if sort == SortKey::Report {
        items.sort_by(|a, b| (label(a.file), a.file, a.item).cmp(&(label(b.file), b.file, b.item)));
    } else if sort != SortKey::File {
        items.sort_by(|a, b| match (item(a), item(b)) {
            (Some(x), Some(y)) => compare(sort, x, y),
            _ => Ordering::Equal,
        });
    }
    if group == GroupBy::None {
        return items.into_iter().map(Row::Item).collect();
    }
    let key = |r: &ItemRef| match group {
        GroupBy::File => (0, label(r.file).to_string()),
        _ => group_key(group, item(r)),
    };
    items.sort_by_key(|a| key(a));
    let mut rows = Vec::with_capacity(items.len() + 8);
    let mut start = 0;
    while start < items.len() {
        let current = key(&items[start]);
        let end = items[start..]
            .iter()
            .position(|r| key(r) != current)
            .map_or(items.len(), |n| start + n);
        let status = (group == GroupBy::Status)
            .then(|| item(&items[start]).map(|i| i.status))
            .flatten();
        rows.push(Row::Group {
            label: current.1.clone(),
            count: end - start,
            status,
        });
        rows.extend(items[start..end].iter().copied().map(Row::Item));
        start = end;
    }
    rows
}

/// A short label for each open file, to tell their items apart: the file's name without
/// `.json`, with its folder's name before it when two open files share a name.
pub fn file_labels(files: &[OpenFile]) -> Vec<String> {
    let stem = |open: &OpenFile| {
        open.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| open.name())
    };
    let stems: Vec<String> = files.iter().map(stem).collect();
    files
        .iter()
        .zip(&stems)
        .map(|(open, name)| {
            let shared = stems.iter().filter(|s| *s == name).count() > 1;
            let folder = open
                .path
                .parent()
                .and_then(|p| p.file_name())
                .map(|f| f.to_string_lossy().into_owned());
            match folder {
                Some(folder) if shared => format!("{folder}/{name}"),
                _ => name.clone(),
            }
        })
        .collect()
}

/// Sort key of a group: a rank (so "no lead" comes last) and the label.
fn group_key(group: GroupBy, item: Option<&Item>) -> (u8, String) {
    let Some(item) = item else {
        return (9, String::new());
    };
    match group {
        GroupBy::Status => (item.status.attention(), item.status.label().to_string()),
        GroupBy::Lead => match &item.lead {
            Some(lead) => (0, lead.clone()),
            None => (1, "(no lead)".to_string()),
        },
        GroupBy::None | GroupBy::File => (0, String::new()),
    }
}

fn compare(sort: SortKey, a: &Item, b: &Item) -> Ordering {
    match sort {
        SortKey::File | SortKey::Report => Ordering::Equal,
        SortKey::Id => natural(&a.id, &b.id),
        SortKey::Status => a.status.attention().cmp(&b.status.attention()),
        SortKey::Due => last_if_none(a.due, b.due, |x, y| x.cmp(y)),
        SortKey::Lead => last_if_none(a.lead.as_ref(), b.lead.as_ref(), |x, y| x.cmp(y)),
        SortKey::Updated => last_if_none(a.last_update(), b.last_update(), |x, y| y.cmp(x)),
        SortKey::Progress => last_if_none(a.completion(), b.completion(), |x, y| x.total_cmp(y)),
    }
}

fn last_if_none<T>(a: Option<T>, b: Option<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => cmp(&a, &b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Numbers as numbers ("9" before "10"), other ids as text after them.
pub fn natural(a: &str, b: &str) -> Ordering {
    match (a.trim().parse::<u64>(), b.trim().parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        (Ok(_), Err(_)) => Ordering::Less,
        (Err(_), Ok(_)) => Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

/// The nearest item row at or after `from` going `down` (or before, going up), if any.
pub fn item_row_near(rows: &[Row], from: usize, prefer: Toward) -> Option<usize> {
    if rows.is_empty() {
        return None;
    }
    let from = from.min(rows.len() - 1);
    let forward = (from..rows.len()).find(|&i| rows[i].item().is_some());
    let backward = (0..=from).rev().find(|&i| rows[i].item().is_some());
    if prefer == Toward::Next {
        forward.or(backward)
    } else {
        backward.or(forward)
    }
}

impl super::State {
    /// Selects the item `id` of the file at `path` (of the first file that has it when `path` is
    /// `None`), as `tally FILE --item ID` opens; false when no open file has it.
    pub fn select_id(&mut self, path: Option<&std::path::Path>, id: &str) -> bool {
        let same = |a: &std::path::Path, b: &std::path::Path| {
            a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
        };
        let file = self.files.iter().position(|open| {
            path.is_none_or(|p| same(p, &open.path)) && open.doc.position(id).is_some()
        });
        let Some(file) = file else {
            return false;
        };
        self.rebuild_rows(Some((file, id)));
        self.selected_item().is_some_and(|item| item.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_puts_numbers_first_and_in_value_order() {
        let mut ids = vec!["126", "14", "第3项", "9", "a"];
        ids.sort_by(|a, b| natural(a, b));
        assert_eq!(ids, ["9", "14", "126", "a", "第3项"]);
    }

    #[test]
    fn the_nearest_item_row_skips_headers() {
        let group = || Row::Group {
            label: "g".into(),
            count: 1,
            status: None,
        };
        let item = |n| Row::Item(ItemRef { file: 0, item: n });
        let rows = vec![group(), item(0), group(), item(1)];
        assert_eq!(item_row_near(&rows, 0, Toward::Next), Some(1));
        assert_eq!(item_row_near(&rows, 2, Toward::Next), Some(3));
        assert_eq!(item_row_near(&rows, 2, Toward::Previous), Some(1));
        assert_eq!(item_row_near(&[group()], 0, Toward::Next), None);
    }
}
