//! The dashboard's figures: items per status, what needs attention, what is overdue, and metric
//! totals.

use crate::model::{Date, Document, Status};

/// Figures over a set of documents.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stats {
    pub total: usize,
    /// Count per status, in `Status::ALL` order.
    pub by_status: [usize; 6],
    /// (file, id, title, status) of blocked and at-risk items, blocked first.
    pub attention: Vec<(usize, String, String, Status)>,
    /// (file, id, title, due) of open items whose due date has passed, oldest first.
    pub overdue: Vec<(usize, String, String, Date)>,
    pub metrics: usize,
    pub with_target: usize,
    /// Average share of targets reached, over metrics with a target.
    pub average_completion: Option<f64>,
    /// Sum of metric values per unit ("" for metrics without one), largest first.
    pub totals: Vec<(String, f64, usize)>,
}

pub fn stats<'a>(docs: impl IntoIterator<Item = &'a Document>, today: Date) -> Stats {
    let mut s = Stats::default();
    let mut ratios = Vec::new();
    for (file, doc) in docs.into_iter().enumerate() {
        for item in doc.items() {
            s.total += 1;
            s.by_status[item.status as usize] += 1;
            if matches!(item.status, Status::Blocked | Status::AtRisk) {
                s.attention
                    .push((file, item.id.clone(), item.title.clone(), item.status));
            }
            let open = !matches!(item.status, Status::Done | Status::Dropped);
            if let Some(due) = item.due.filter(|due| open && *due < today) {
                s.overdue
                    .push((file, item.id.clone(), item.title.clone(), due));
            }
            for metric in &item.metrics {
                s.metrics += 1;
                if let Some(ratio) = metric.ratio() {
                    s.with_target += 1;
                    ratios.push(ratio);
                }
                let unit = metric.unit.clone().unwrap_or_default();
                match s.totals.iter_mut().find(|(u, ..)| *u == unit) {
                    Some(total) => {
                        total.1 += metric.value_f64();
                        total.2 += 1;
                    }
                    None => s.totals.push((unit, metric.value_f64(), 1)),
                }
            }
        }
    }
    s.attention
        .sort_by_key(|(_, _, _, status)| status.attention());
    s.overdue.sort_by_key(|(_, _, _, due)| *due);
    s.totals.sort_by(|a, b| b.1.total_cmp(&a.1));
    s.average_completion =
        (!ratios.is_empty()).then(|| ratios.iter().sum::<f64>() / ratios.len() as f64);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{SAMPLE_JSON, parse_document};

    #[test]
    fn the_sample_in_figures() {
        let mut doc = parse_document(SAMPLE_JSON.into()).unwrap();
        doc.item_mut(0).unwrap().due = "2023-09-30".parse().ok();
        doc.item_mut(1).unwrap().status = Status::Blocked;
        let s = stats([&doc], "2023-11-20".parse().unwrap());
        assert_eq!(s.total, 8);
        assert_eq!(s.by_status[Status::AtRisk as usize], 1);
        assert_eq!(s.by_status[Status::Blocked as usize], 1);
        let attention: Vec<&str> = s.attention.iter().map(|a| a.1.as_str()).collect();
        assert_eq!(attention, ["11", "13"], "blocked before at risk");
        assert_eq!(s.overdue.len(), 1);
        let signs = s.totals.iter().find(|(unit, ..)| unit == "条").unwrap();
        assert_eq!((signs.1, signs.2), (926.0, 4));
    }
}
