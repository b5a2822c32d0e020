//! "What changed since the last meeting": every progress note and metric reading after a date,
//! across all items, newest first.

use crate::model::{Date, Document, Item};

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Note {
        text: String,
        by: Option<String>,
    },
    /// A metric reading; `previous` is the reading before it, when there was one.
    Metric {
        name: String,
        previous: Option<String>,
        value: String,
        unit: Option<String>,
    },
}

impl Change {
    /// In words, one line: `note text (by)` or `name: 531 → 560 条`, each piece of file text passed
    /// through `clean` (which makes it safe for where it goes).
    pub fn describe(&self, clean: impl Fn(&str) -> String) -> String {
        match self {
            Change::Note { text, by } => {
                let by = by
                    .as_deref()
                    .map(|b| format!(" ({})", clean(b)))
                    .unwrap_or_default();
                format!("{}{by}", clean(text))
            }
            Change::Metric {
                name,
                previous,
                value,
                unit,
            } => {
                let unit = unit
                    .as_deref()
                    .map(|u| format!(" {}", clean(u)))
                    .unwrap_or_default();
                let from = previous.as_deref().unwrap_or("–");
                format!("{}: {from} → {value}{unit}", clean(name))
            }
        }
    }
}

/// One dated change of one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub date: Date,
    /// Index of the file among those given.
    pub file: usize,
    pub id: String,
    pub title: String,
    pub change: Change,
}

/// Every note and metric reading dated after `since` (or everything, without a date), newest
/// first; same-day entries keep file and item order.
pub fn entries<'a>(
    docs: impl IntoIterator<Item = &'a Document>,
    since: Option<Date>,
) -> Vec<Entry> {
    let after = |date: Date| since.is_none_or(|since| date > since);
    let mut out = Vec::new();
    for (file, doc) in docs.into_iter().enumerate() {
        for item in doc.items() {
            item_entries(file, item, &after, &mut out);
        }
    }
    out.sort_by_key(|entry| std::cmp::Reverse(entry.date));
    out
}

fn item_entries(file: usize, item: &Item, after: &impl Fn(Date) -> bool, out: &mut Vec<Entry>) {
    let entry = |date, change| Entry {
        date,
        file,
        id: item.id.clone(),
        title: item.title.clone(),
        change,
    };
    for index in item.notes_by_date() {
        let note = &item.progress[index];
        if after(note.date) {
            out.push(entry(
                note.date,
                Change::Note {
                    text: note.text.to_string(),
                    by: note.by.clone(),
                },
            ));
        }
    }
    for metric in &item.metrics {
        let mut points: Vec<_> = metric.history.iter().collect();
        points.sort_by_key(|p| p.date);
        for (i, point) in points.iter().enumerate() {
            if !after(point.date) {
                continue;
            }
            let previous = i.checked_sub(1).map(|j| points[j].value.to_string());
            out.push(entry(
                point.date,
                Change::Metric {
                    name: metric.name.clone(),
                    previous,
                    value: point.value.to_string(),
                    unit: metric.unit.clone(),
                },
            ));
        }
    }
}

/// The date "since" starts from by default: the latest review date in the files, or else the
/// start of the report period.
pub fn default_since<'a>(docs: impl IntoIterator<Item = &'a Document> + Clone) -> Option<Date> {
    let reviewed = docs
        .clone()
        .into_iter()
        .flat_map(|d| d.items())
        .filter_map(|i| i.reviewed)
        .max();
    reviewed.or_else(|| {
        docs.into_iter()
            .filter_map(|d| d.header.period.as_ref().and_then(|p| p.start))
            .min()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{SAMPLE_JSON, parse_document};

    #[test]
    fn notes_after_the_date_come_newest_first() {
        let doc = parse_document(SAMPLE_JSON.into()).unwrap();
        let all = entries([&doc], "2023-07-01".parse().ok());
        assert!(all.windows(2).all(|w| w[0].date >= w[1].date));
        assert_eq!(
            all.last().map(|e| e.date.to_string()),
            Some("2023-07-28".into())
        );
        let later = entries([&doc], "2023-09-30".parse().ok());
        assert!(later.iter().all(|e| e.date.to_string() == "2023-10-07"));
        assert!(later.len() < all.len());
    }

    #[test]
    fn metric_readings_show_the_previous_value() {
        let mut doc = parse_document(SAMPLE_JSON.into()).unwrap();
        let index = doc.position("14").unwrap();
        let item = doc.item_mut(index).unwrap();
        crate::model::record_reading(
            &mut item.metrics[0],
            "2023-11-20".parse().unwrap(),
            crate::model::parse_number("560").unwrap(),
            "2023-10-07".parse().ok(),
            crate::model::SameDate::Replace,
        );
        let found = entries([&doc], "2023-11-01".parse().ok());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].change,
            Change::Metric {
                name: "北京艺术中心外语标识".into(),
                previous: Some("531".into()),
                value: "560".into(),
                unit: Some("条".into())
            }
        );
    }

    #[test]
    fn the_default_date_is_the_last_review_or_the_period_start() {
        let mut doc = parse_document(SAMPLE_JSON.into()).unwrap();
        assert_eq!(
            default_since([&doc]).map(|d| d.to_string()),
            Some("2023-01-01".into())
        );
        doc.item_mut(2).unwrap().reviewed = "2023-09-15".parse().ok();
        assert_eq!(
            default_since([&doc]).map(|d| d.to_string()),
            Some("2023-09-15".into())
        );
    }
}
