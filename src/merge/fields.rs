//! The rule every merged value follows: the side that changed it wins, the same change on both
//! sides is one change, and different changes are a conflict.

/// The merged value, or `None` when both sides changed it differently. `base` is `None` when the
/// value did not exist before (then only equal values agree).
pub(super) fn three_way<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || base == Some(theirs) {
        Some(ours.clone())
    } else if base == Some(ours) {
        Some(theirs.clone())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_side_that_changed_wins() {
        assert_eq!(three_way(Some(&1), &1, &2), Some(2));
        assert_eq!(three_way(Some(&1), &3, &1), Some(3));
        assert_eq!(three_way(Some(&1), &4, &4), Some(4));
        assert_eq!(three_way(Some(&1), &3, &4), None);
        assert_eq!(three_way(None, &3, &4), None);
        assert_eq!(three_way(None, &3, &3), Some(3));
    }
}
