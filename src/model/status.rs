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

    /// [`Status::label`] in the interface language `lang` (`有风险` for at risk in Chinese).
    pub fn label_in(self, lang: crate::lang::Lang) -> std::borrow::Cow<'static, str> {
        crate::lang::tr(lang, &format!("status.{}", self.as_str()))
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

    /// The Chinese word for the status, as reports write it.
    pub fn chinese(self) -> &'static str {
        self.words()[0]
    }

    /// The Chinese words accepted for the status: the full word, the short forms people type, and
    /// their Traditional spellings.
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Status::Todo => &["未开始", "未開始"],
            Status::OnTrack => &["正常推进", "正常", "正常推進"],
            Status::AtRisk => &["有风险", "风险", "有風險", "風險"],
            Status::Blocked => &["受阻"],
            Status::Done => &["已完成", "完成"],
            Status::Dropped => &["已取消", "取消"],
        }
    }

    /// A status as people type it: the file name in any case, with `-` or a space for `_`
    /// (`at_risk`, `At-Risk`, `on track`), or a Chinese word ([`Status::words`]). Leading and
    /// trailing spaces are ignored. The file format itself only takes [`Status::as_str`].
    pub fn from_word(text: &str) -> Result<Status, UnknownStatusWord> {
        let text = text.trim();
        let english = text.to_lowercase().replace([' ', '-'], "_");
        Status::ALL
            .into_iter()
            .find(|s| s.as_str() == english || s.words().contains(&text))
            .ok_or_else(|| UnknownStatusWord(text.to_string()))
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

impl UnknownStatus {
    /// The error in words for any language (its English text is its `Display`).
    pub fn phrase(&self) -> crate::lang::Phrase {
        crate::lang::Phrase::new("error.unknown_status_name")
            .arg("text", &self.0)
            .arg("list", Status::expected())
    }
}

/// The text was neither a status name nor one of the Chinese status words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown status `{0}` (expected one of {list}, or {chinese})",
    list = Status::expected(),
    chinese = Status::ALL.map(Status::chinese).join(", ")
)]
pub struct UnknownStatusWord(pub String);

impl UnknownStatusWord {
    /// The error in words for any language (its English text is its `Display`).
    pub fn phrase(&self) -> crate::lang::Phrase {
        crate::lang::Phrase::new("error.unknown_status")
            .arg("text", &self.0)
            .arg("list", Status::expected())
            .arg("chinese", Status::ALL.map(Status::chinese).join(", "))
    }
}

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
    fn words_people_type_are_statuses() {
        let word = |text: &str| Status::from_word(text).ok();
        assert_eq!(word("有风险"), Some(Status::AtRisk));
        assert_eq!(word(" 风险 "), Some(Status::AtRisk));
        assert_eq!(word("有風險"), Some(Status::AtRisk));
        assert_eq!(word("正常"), Some(Status::OnTrack));
        assert_eq!(word("正常推进"), Some(Status::OnTrack));
        assert_eq!(word("未开始"), Some(Status::Todo));
        assert_eq!(word("受阻"), Some(Status::Blocked));
        assert_eq!(word("完成"), Some(Status::Done));
        assert_eq!(word("已取消"), Some(Status::Dropped));
        assert_eq!(word("取消"), Some(Status::Dropped));
        assert_eq!(word("On Track"), Some(Status::OnTrack));
        assert_eq!(word("AT-RISK"), Some(Status::AtRisk));
        assert_eq!(word("风"), None);
        assert_eq!(word(""), None);
    }

    #[test]
    fn every_status_has_its_chinese_word_first() {
        let words: Vec<&str> = Status::ALL.iter().map(|s| s.chinese()).collect();
        assert_eq!(
            words,
            ["未开始", "正常推进", "有风险", "受阻", "已完成", "已取消"]
        );
        for status in Status::ALL {
            for word in status.words() {
                assert_eq!(Status::from_word(word), Ok(status), "{word}");
            }
        }
    }

    #[test]
    fn an_unknown_word_lists_both_languages() {
        let err = Status::from_word("late").unwrap_err().to_string();
        assert!(err.starts_with("unknown status `late` (expected one of todo, on_track"));
        assert!(
            err.ends_with("or 未开始, 正常推进, 有风险, 受阻, 已完成, 已取消)"),
            "{err}"
        );
    }

    #[test]
    fn letters_are_distinct() {
        let mut letters: Vec<char> = Status::ALL.iter().map(|s| s.letter()).collect();
        letters.dedup();
        assert_eq!(letters.len(), Status::ALL.len());
    }

    #[test]
    fn errors_of_the_model_read_as_their_display_in_english_and_in_chinese_otherwise() {
        use crate::lang::{Lang, Phrase};
        use crate::model::{BadDate, ChangeError, ResolveError, UnknownStatus, UnknownStatusWord};
        let errors: Vec<(String, Phrase)> = vec![
            (
                UnknownStatus("late".into()).to_string(),
                UnknownStatus("late".into()).phrase(),
            ),
            (
                UnknownStatusWord("late".into()).to_string(),
                UnknownStatusWord("late".into()).phrase(),
            ),
            (
                BadDate("x".into()).to_string(),
                BadDate("x".into()).phrase(),
            ),
            {
                let err = ChangeError::Changed {
                    id: "14".into(),
                    theirs: None,
                };
                (err.to_string(), err.phrase())
            },
            {
                let err = ChangeError::Exists {
                    id: "14".into(),
                    theirs: None,
                };
                (err.to_string(), err.phrase())
            },
            {
                let err = ChangeError::Missing { id: "14".into() };
                (err.to_string(), err.phrase())
            },
            {
                let err = ResolveError::NoSuchConflict(2);
                (err.to_string(), err.phrase())
            },
            {
                let err = ResolveError::BadValue("due".into());
                (err.to_string(), err.phrase())
            },
            {
                let err = ResolveError::UnknownField("colour".into());
                (err.to_string(), err.phrase())
            },
        ];
        for (english, phrase) in errors {
            assert_eq!(phrase.text(Lang::En), english);
            let chinese = phrase.text(Lang::Zh);
            assert_ne!(chinese, english);
            assert!(
                chinese
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{chinese}"
            );
        }
    }
}
