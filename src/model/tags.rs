//! An item's tags as people type them in one line of text: in a form, on the command line, in a
//! spreadsheet cell.

/// Separators that win when present, so a tag may hold a comma: `;` and the full-width `；`.
const SEMICOLONS: [char; 2] = [';', '\u{ff1b}'];
/// Separators used when there is no semicolon: `,`, the full-width `，` and the Chinese
/// enumeration comma `、`.
pub const TAG_COMMAS: [char; 3] = [',', '\u{ff0c}', '、'];

/// Tags from text: split at semicolons when it has any, else at commas (ASCII or full-width) and
/// `、`; each trimmed, empty ones dropped.
pub fn split_tags(text: &str) -> Vec<String> {
    let semicolons = text.contains(SEMICOLONS);
    text.split(|c: char| SEMICOLONS.contains(&c) || (!semicolons && TAG_COMMAS.contains(&c)))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::split_tags;

    #[test]
    fn commas_of_every_kind_separate() {
        assert_eq!(split_tags("a, b，c、 d"), ["a", "b", "c", "d"]);
        assert_eq!(split_tags(" , 外语标识 ,, "), ["外语标识"]);
        assert!(split_tags("").is_empty());
    }

    #[test]
    fn semicolons_win_so_a_tag_may_hold_a_comma() {
        assert_eq!(
            split_tags("北京, 上海；会展; x"),
            ["北京, 上海", "会展", "x"]
        );
        assert_eq!(split_tags("a,b;"), ["a,b"]);
    }
}
