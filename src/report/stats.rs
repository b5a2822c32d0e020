//! The dashboard's figures: items per status, what needs attention, what is overdue, and each
//! metric's progress toward its target (values of different metrics are never added up).

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
    /// Every metric: those with a target first, furthest from it first; then the others in file
    /// order.
    pub progress: Vec<MetricProgress>,
}

/// One metric's value against its target.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MetricProgress {
    pub file: usize,
    /// The item's id.
    pub item: String,
    pub name: String,
    /// The value and the target as the file writes them.
    pub value: String,
    pub target: Option<String>,
    pub unit: Option<String>,
    /// value / target, clamped to 0..=1, when the target is positive.
    pub ratio: Option<f64>,
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
                s.progress.push(MetricProgress {
                    file,
                    item: item.id.clone(),
                    name: metric.name.clone(),
                    value: metric.value.to_string(),
                    target: metric.target.as_ref().map(ToString::to_string),
                    unit: metric.unit.clone(),
                    ratio: metric.ratio(),
                });
            }
        }
    }
    s.attention
        .sort_by_key(|(_, _, _, status)| status.attention());
    s.overdue.sort_by_key(|(_, _, _, due)| *due);
    // stable: equal ratios, and metrics without a target, keep file order
    s.progress.sort_by(|a, b| match (a.ratio, b.ratio) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
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
        assert_eq!(s.progress.len(), s.metrics);
        let ratios: Vec<Option<f64>> = s.progress.iter().map(|p| p.ratio).collect();
        let with_target = ratios.iter().take_while(|r| r.is_some()).count();
        assert_eq!(with_target, s.with_target, "targets first: {ratios:?}");
        assert!(
            ratios[..with_target].windows(2).all(|w| w[0] <= w[1]),
            "furthest from the target first: {ratios:?}"
        );
        let signs = s.progress.iter().find(|p| p.value == "531").unwrap();
        assert_eq!(
            (signs.item.as_str(), signs.unit.as_deref()),
            ("14", Some("条"))
        );
    }
}
