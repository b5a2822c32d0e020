//! Undo and redo for every edit of the session, across files.

use crate::model::Change;

/// One undoable step: a change to one file, with words for the footer.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub file: usize,
    pub change: Change,
    pub label: String,
}

/// The undo and redo stacks. A new edit clears the redo stack.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    pub fn record(&mut self, step: Step) {
        self.undo.push(step);
        self.redo.clear();
    }

    /// The step to undo; call [`History::undone`] once it was applied.
    pub fn last(&self) -> Option<&Step> {
        self.undo.last()
    }

    pub fn undone(&mut self) {
        if let Some(step) = self.undo.pop() {
            self.redo.push(step);
        }
    }

    /// The step to redo; call [`History::redone`] once it was applied.
    pub fn next(&self) -> Option<&Step> {
        self.redo.last()
    }

    pub fn redone(&mut self) {
        if let Some(step) = self.redo.pop() {
            self.undo.push(step);
        }
    }

    /// A new item of `file` was renumbered from `from` to `to`: its steps follow it, so undo
    /// finds it.
    pub fn renamed(&mut self, file: usize, from: &str, to: &str) {
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            if step.file == file {
                step.change = step.change.renamed(from, to);
            }
        }
    }

    /// The steps in effect (done and not undone), oldest first.
    pub fn steps(&self) -> &[Step] {
        &self.undo
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Item;

    fn step(id: &str) -> Step {
        Step {
            file: 0,
            change: Change::Insert {
                index: 0,
                item: Item::new(id, "t"),
            },
            label: id.into(),
        }
    }

    #[test]
    fn undo_then_redo_walks_back_and_forth() {
        let mut history = History::default();
        history.record(step("1"));
        history.record(step("2"));
        assert_eq!(history.last().unwrap().label, "2");
        history.undone();
        assert_eq!(history.last().unwrap().label, "1");
        assert_eq!(history.next().unwrap().label, "2");
        history.redone();
        assert_eq!(history.last().unwrap().label, "2");
        assert!(history.next().is_none());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut history = History::default();
        history.record(step("1"));
        history.undone();
        history.record(step("3"));
        assert!(history.next().is_none());
    }
}
