//! A first guess at an item's status from its progress text: `done` when the text says the work is
//! complete and nothing in it is still under way, otherwise `on_track`. People correct the rest.

use crate::model::Status;

/// Phrases that say the work is finished.
const DONE: &[&str] = &[
    "已完成",
    "全面完成",
    "全部完成",
    "圆满完成",
    "顺利完成",
    "提前完成",
    "超额完成",
    "已竣工",
    "竣工验收",
    "竣工投用",
    "已建成",
    "建成投用",
    "建成投入使用",
    "已投入使用",
    "已投用",
];
/// Phrases that say some of it is still going on, or not done.
const ONGOING: &[&str] = &[
    "正在",
    "正按",
    "正开展",
    "正办理",
    "正全面",
    "正持续",
    "正加快",
    "正抓紧",
    "正有序",
    "正积极",
    "正推进",
    "正进行",
    "正组织",
    "正深化",
    "正研究",
    "正编制",
    "正筹备",
    "正协调",
    "正加紧",
    "稳步推进",
    "持续推进",
    "加快推进",
    "有序推进",
    "继续推进",
    "推进中",
    "进行中",
    "筹备",
    "基本完成",
    "尚未",
    "未完成",
    "下一步",
    "将继续",
    "收尾",
];
const NEGATIONS: &[char] = &['未', '没', '不', '无'];

/// The status progress text (normalised) suggests; `todo` when there is none.
pub fn guess_status(progress: &str) -> Status {
    if progress.trim().is_empty() {
        return Status::Todo;
    }
    let ongoing = ONGOING.iter().any(|w| progress.contains(w));
    if !ongoing && says_done(progress) {
        Status::Done
    } else {
        Status::OnTrack
    }
}

/// A completion phrase not directly negated (`尚未全面完成`).
fn says_done(text: &str) -> bool {
    DONE.iter().any(|phrase| {
        text.match_indices(phrase).any(|(at, _)| {
            let before: Vec<char> = text[..at].chars().rev().take(2).collect();
            !before.iter().any(|c| NEGATIONS.contains(c))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_work_is_done() {
        assert_eq!(guess_status("项目已全面完成并投入使用。"), Status::Done);
        assert_eq!(guess_status("工程于9月底竣工验收。"), Status::Done);
        assert_eq!(guess_status("已完成全部评审工作。"), Status::Done);
    }

    #[test]
    fn work_still_under_way_is_on_track() {
        for text in [
            "三期配套居住项目已完成地上主体结构施工,正开展室内外装修。",
            "栖湖饭店施工已基本完成,正办理竣工验收手续。",
            "尚未全面完成。",
            "做好党宾国宾接待工作。",
        ] {
            assert_eq!(guess_status(text), Status::OnTrack, "{text}");
        }
        assert_eq!(guess_status("  "), Status::Todo);
    }
}
