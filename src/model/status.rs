//! The six states an item can be in, their order and their short labels.

use std::fmt;
use std::str::FromStr;

/// Where an item stands. The serialised names are the file format's contract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Not started yet.
    #[default]
    Todo,
    /// Under way and on schedule.
    OnTrack,
    /// Under way but likely to slip.
    AtRisk,
    /// Cannot move until something else happens.
    Blocked,
    /// Finished.
    Done,
    /// Abandoned on purpose.
    Dropped,
}

impl Status {
    /// Every status, in the order people read them in a report.
    pub const ALL: [Status; 6] = [
        Status::Todo,
        Status::OnTrack,
        Status::AtRisk,
        Status::Blocked,
        Status::Done,
        Status::Dropped,
    ];

    /// The rank of a status when problems come first: blocked, at risk, on track, todo, done,
    /// dropped.
    pub fn attention(self) -> u8 {
        match self {
            Status::Blocked => 0,
            Status::AtRisk => 1,
            Status::OnTrack => 2,
            Status::Todo => 3,
            Status::Done => 4,
            Status::Dropped => 5,
        }
    }

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// A human label for headers and help.
    pub fn label(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::OnTrack => "on track",
            Status::AtRisk => "at risk",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// One ASCII letter, so a badge reads without colour and never has an ambiguous width.
    pub fn letter(self) -> char {
        match self {
            Status::Todo => 'T',
            Status::OnTrack => 'O',
            Status::AtRisk => 'R',
            Status::Blocked => 'B',
            Status::Done => 'D',
            Status::Dropped => 'X',
        }
    }

    /// The accepted names, for error messages.
    pub fn expected() -> String {
        Status::ALL
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of the six status names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status `{0}` (expected one of {list})", list = Status::expected())]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
        }
    }

    #[test]
    fn unknown_name_lists_the_choices() {
        let err = "ontrack".parse::<Status>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown status `ontrack` (expected one of todo, on_track, at_risk, blocked, done, dropped)"
        );
    }

    #[test]
    fn letters_are_distinct() {
        let mut letters: Vec<char> = Status::ALL.iter().map(|s| s.letter()).collect();
        letters.dedup();
        assert_eq!(letters.len(), Status::ALL.len());
    }
}
