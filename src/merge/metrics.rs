//! Metrics merged three ways, matched by name. Readings are the union by date: both sides'
//! readings are kept, a reading deleted on one side and untouched on the other goes, and one date
//! read as two different values is a conflict. The value is the latest reading's when the readings
//! changed; unit, target and a value without readings are merged like any field.

use serde_json::{Number, Value};

use crate::model::{Conflict, Date, Metric, Point, three_way};

/// The merged metrics and the conflicts found in them.
pub(super) fn merge_metrics(
    base: &[Metric],
    ours: &[Metric],
    theirs: &[Metric],
) -> (Vec<Metric>, Vec<Conflict>) {
    let find = |list: &[Metric], name: &str| list.iter().find(|m| m.name == name).cloned();
    let mut merged = Vec::new();
    let mut conflicts = Vec::new();
    for mine in ours {
        let old = find(base, &mine.name);
        match (&old, find(theirs, &mine.name)) {
            (Some(old), None) if old == mine => {}
            (_, None) => merged.push(mine.clone()),
            (old, Some(other)) => {
                let (metric, mut found) = merge_metric(old.as_ref(), mine, &other);
                merged.push(metric);
                conflicts.append(&mut found);
            }
        }
    }
    for (index, other) in theirs.iter().enumerate() {
        if find(ours, &other.name).is_some() || find(base, &other.name).as_ref() == Some(other) {
            continue;
        }
        let after = theirs[..index]
            .iter()
            .rev()
            .find_map(|m| merged.iter().position(|k| k.name == m.name));
        merged.insert(after.map_or(0, |i| i + 1), other.clone());
    }
    (merged, conflicts)
}

fn merge_metric(base: Option<&Metric>, ours: &Metric, theirs: &Metric) -> (Metric, Vec<Conflict>) {
    if let Some(metric) = three_way(base, ours, theirs) {
        return (metric, Vec::new());
    }
    let mut conflicts = Vec::new();
    let mut metric = ours.clone();
    let name = ours.name.clone();
    let record = |field: &str, date: Option<Date>, o: Value, t: Value| Conflict {
        metric: Some(name.clone()),
        date,
        ..Conflict::field(field, o, t)
    };
    let old = |f: fn(&Metric) -> Option<Value>| base.and_then(f);
    for (field, get) in [
        (
            "unit",
            (|m: &Metric| m.unit.clone().map(Value::String)) as fn(&Metric) -> Option<Value>,
        ),
        ("target", |m: &Metric| m.target.clone().map(Value::Number)),
    ] {
        let (o, t) = (get(ours), get(theirs));
        let chosen = match three_way(Some(&old(get)), &o, &t) {
            Some(value) => value,
            None => {
                conflicts.push(record(field, None, json(&o), json(&t)));
                o
            }
        };
        match field {
            "unit" => metric.unit = chosen.and_then(|v| v.as_str().map(String::from)),
            _ => metric.target = chosen.and_then(|v| v.as_number().cloned()),
        }
    }
    let empty = Vec::new();
    let base_history = base.map_or(&empty, |m| &m.history);
    let (history, clashes) = merge_history(base_history, &ours.history, &theirs.history);
    for (date, o, t) in clashes {
        conflicts.push(record(
            "reading",
            Some(date),
            Value::Number(o),
            Value::Number(t),
        ));
    }
    let follows = |m: &Metric| latest(&m.history).is_none_or(|v| v == m.value);
    let readings_changed = history != ours.history;
    metric.history = history;
    metric.value = match latest(&metric.history) {
        Some(value) if readings_changed || (follows(ours) && follows(theirs)) => value,
        _ => match three_way(base.map(|m| &m.value), &ours.value, &theirs.value) {
            Some(value) => value,
            None => {
                let (o, t) = (ours.value.clone(), theirs.value.clone());
                conflicts.push(record(
                    "value",
                    None,
                    Value::Number(o.clone()),
                    Value::Number(t),
                ));
                o
            }
        },
    };
    (metric, conflicts)
}

fn json(value: &Option<Value>) -> Value {
    value.clone().unwrap_or(Value::Null)
}

/// The value of the reading with the latest date.
fn latest(history: &[Point]) -> Option<Number> {
    history
        .iter()
        .max_by_key(|p| p.date)
        .map(|p| p.value.clone())
}

/// The union of readings by date, in our order with theirs' new dates at their place, and the
/// dates both sides read differently: (date, ours, theirs).
fn merge_history(
    base: &[Point],
    ours: &[Point],
    theirs: &[Point],
) -> (Vec<Point>, Vec<(Date, Number, Number)>) {
    let at = |list: &[Point], date: Date| list.iter().find(|p| p.date == date).cloned();
    let value = |point: &Option<Point>| point.as_ref().map(|p| p.value.clone());
    let mut merged: Vec<Point> = Vec::new();
    let mut clashes = Vec::new();
    let mut dates: Vec<Date> = ours.iter().map(|p| p.date).collect();
    for point in theirs.iter().chain(base) {
        if !dates.contains(&point.date) {
            dates.push(point.date);
        }
    }
    for date in dates {
        let (b, o, t) = (at(base, date), at(ours, date), at(theirs, date));
        let (bv, ov, tv) = (value(&b), value(&o), value(&t));
        let chosen = if ov == tv || bv == tv {
            o
        } else if bv == ov {
            t
        } else {
            match (&o, &t) {
                (Some(mine), Some(other)) => {
                    clashes.push((date, mine.value.clone(), other.value.clone()));
                    o
                }
                // deleted on one side, changed on the other: the change is kept
                _ => o.or(t),
            }
        };
        if let Some(point) = chosen {
            let place = merged
                .iter()
                .rposition(|p| p.date <= point.date)
                .map_or(0, |i| i + 1);
            if ours.iter().any(|p| p.date == date) {
                merged.push(point);
            } else {
                merged.insert(place, point);
            }
        }
    }
    (merged, clashes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn point(date: &str, value: i64) -> Point {
        Point {
            date: date.parse().unwrap(),
            value: value.into(),
            origin: Origin::default(),
        }
    }

    fn metric(points: &[(&str, i64)]) -> Metric {
        let mut metric = Metric::new("完成数", 0.into());
        metric.history = points.iter().map(|(d, v)| point(d, *v)).collect();
        metric.value = latest(&metric.history).unwrap_or(0.into());
        metric
    }

    #[test]
    fn readings_on_different_dates_are_all_kept_and_the_latest_is_the_value() {
        let base = [metric(&[("2023-06-30", 1)])];
        let ours = [metric(&[("2023-06-30", 1), ("2023-09-30", 5)])];
        let theirs = [metric(&[
            ("2023-06-30", 1),
            ("2023-08-31", 3),
            ("2023-10-31", 7),
        ])];
        let (merged, conflicts) = merge_metrics(&base, &ours, &theirs);
        assert!(conflicts.is_empty());
        let dates: Vec<String> = merged[0]
            .history
            .iter()
            .map(|p| p.date.to_string())
            .collect();
        assert_eq!(
            dates,
            ["2023-06-30", "2023-08-31", "2023-09-30", "2023-10-31"]
        );
        assert_eq!(merged[0].value, 7.into());
    }

    #[test]
    fn one_date_read_two_ways_is_a_conflict_keeping_ours() {
        let base = [metric(&[])];
        let ours = [metric(&[("2023-09-30", 5)])];
        let theirs = [metric(&[("2023-09-30", 6)])];
        let (merged, conflicts) = merge_metrics(&base, &ours, &theirs);
        assert_eq!(merged[0].value, 5.into());
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].field, "reading");
        assert_eq!(conflicts[0].theirs, Value::from(6));
        assert_eq!(
            conflicts[0].date.map(|d| d.to_string()).as_deref(),
            Some("2023-09-30")
        );
    }
}
