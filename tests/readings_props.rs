//! Property test of the reading rules: readings recorded in any date order leave a history sorted
//! by date with one point per date and the value equal to the latest reading, and what is saved
//! loads back as the same series, numbers spelled alike.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use proptest::prelude::*;
use serde_json::Number;

use tally::model::{
    Date, Document, Item, Metric, SameDate, parse_number, record_reading, same_number,
};
use tally::store::{parse_document, write_document};

/// A number as a person might type it: small and large integers, negative zero, decimals.
fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        (-5i64..5).prop_map(|n| n.to_string()),
        any::<u128>().prop_map(|n| format!("{n}{n}")),
        Just("-0".to_string()),
        (0u32..1000, 1u32..99).prop_map(|(a, b)| format!("{a}.{b}")),
    ]
    .prop_map(|text| parse_number(&text).unwrap())
}

fn day(offset: u8) -> Date {
    Date::from_ymd(2023, 1, 1)
        .unwrap()
        .add_days(i64::from(offset))
}

fn series(metric: &Metric) -> Vec<(Date, String)> {
    metric
        .history
        .iter()
        .map(|p| (p.date, p.value.to_string()))
        .collect()
}

proptest! {
    #[test]
    fn readings_in_any_order_make_a_sorted_series_whose_value_is_the_latest(
        start in number(),
        published in proptest::option::of(0u8..60),
        readings in prop::collection::vec((0u8..60, number()), 1..25),
    ) {
        let published = published.map(day);
        let mut metric = Metric::new("m", start.clone());
        // The series as a plain map: a reading replaces its date's, and one equal to the reading
        // before it is no change.
        let mut expected: BTreeMap<Date, Number> = BTreeMap::new();
        if let Some(own) = published {
            expected.insert(own, start.clone());
        }
        for (offset, value) in &readings {
            record_reading(&mut metric, day(*offset), value.clone(), published, SameDate::Replace);
            let date = day(*offset);
            let before = expected.range(..date).next_back().map(|(_, v)| v.clone());
            let unchanged = match &before {
                Some(before) => same_number(before, value),
                None => expected.is_empty() && same_number(&start, value),
            };
            if expected.contains_key(&date) || !unchanged {
                expected.insert(date, value.clone());
            }
        }
        let dates: Vec<Date> = metric.history.iter().map(|p| p.date).collect();
        prop_assert!(dates.windows(2).all(|w| w[0] < w[1]), "sorted, one point per date: {dates:?}");
        let latest = expected.values().next_back().unwrap_or(&start);
        prop_assert!(same_number(&metric.value, latest), "{} vs {latest}", metric.value);
        if metric.history.is_empty() {
            prop_assert!(expected.len() <= 1);
        } else {
            let want: Vec<(Date, String)> =
                expected.iter().map(|(d, v)| (*d, v.to_string())).collect();
            prop_assert_eq!(series(&metric), want);
        }

        let mut doc = Document::new("t");
        doc.header.published = published;
        let mut item = Item::new("1", "one");
        item.metrics = vec![metric.clone()];
        doc.push(item).unwrap();
        let text = write_document(&doc);
        let loaded = parse_document(Arc::from(text.as_str())).unwrap();
        let back = &loaded.items()[0].metrics[0];
        prop_assert_eq!(back.value.to_string(), metric.value.to_string());
        prop_assert_eq!(series(back), series(&metric));
        prop_assert_eq!(write_document(&loaded), text);
    }
}
