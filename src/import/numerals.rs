//! Chinese numerals, as used to count points (`一是`, `十一是`) and, now and then, item numbers
//! (`第十二项`).

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The Chinese numeral for `n` as a report writes it when counting points: 1 → 一, 10 → 十,
/// 11 → 十一, 20 → 二十, 105 → 一百零五. Zero is 零.
pub fn to_chinese(n: u32) -> String {
    if n == 0 {
        return "零".to_string();
    }
    let units = [(10_000, '万'), (1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n;
    let mut pending_zero = false;
    for (size, name) in units {
        let count = rest / size;
        rest %= size;
        if count == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        // 十一, not 一十一, when the number starts with ten.
        if !(size == 10 && count == 1 && out.is_empty()) {
            out.push_str(&to_chinese_small(count));
        }
        out.push(name);
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

fn to_chinese_small(n: u32) -> String {
    if n < 10 {
        DIGITS[n as usize].to_string()
    } else {
        to_chinese(n)
    }
}

/// The value of a Chinese numeral (`十二`, `一百二十六`, `两百零五`, `三`), or `None` when the text
/// is not one. Accepts 〇 and 两 as well as the usual digits.
pub fn from_chinese(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut digit: Option<u64> = None;
    for c in text.chars() {
        if let Some(d) = digit_value(c) {
            if matches!(digit, Some(previous) if previous != 0) {
                return None;
            }
            digit = Some(d);
            continue;
        }
        let size = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            _ => return None,
        };
        if size == 10_000 {
            section = (section + digit.take().unwrap_or(0)).checked_mul(size)?;
            total = total.checked_add(section)?;
            section = 0;
        } else {
            let count = digit.take().unwrap_or(1);
            section = section.checked_add(count * size)?;
        }
    }
    total.checked_add(section)?.checked_add(digit.unwrap_or(0))
}

fn digit_value(c: char) -> Option<u64> {
    match c {
        '〇' | '零' => Some(0),
        '两' | '兩' => Some(2),
        _ => DIGITS.iter().position(|&d| d == c).map(|i| i as u64),
    }
}

/// True for the characters a Chinese numeral is made of.
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '百' | '千' | '万')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_points_the_way_reports_do() {
        let expected = [
            (1, "一"),
            (2, "二"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (126, "一百二十六"),
            (1001, "一千零一"),
        ];
        for (n, text) in expected {
            assert_eq!(to_chinese(n), text, "{n}");
            assert_eq!(from_chinese(text), Some(u64::from(n)), "{text}");
        }
    }

    #[test]
    fn reads_variants_and_rejects_other_text() {
        assert_eq!(from_chinese("两百零五"), Some(205));
        assert_eq!(from_chinese("一二"), None);
        assert_eq!(from_chinese("三万"), Some(30_000));
        assert_eq!(from_chinese("十万"), Some(100_000));
        assert_eq!(from_chinese("〇"), Some(0));
        assert_eq!(from_chinese(""), None);
        assert_eq!(from_chinese("第三"), None);
        assert_eq!(from_chinese("12"), None);
    }

    #[test]
    fn round_trips_the_first_thousand() {
        for n in 1..1000 {
            assert_eq!(from_chinese(&to_chinese(n)), Some(u64::from(n)));
        }
    }
}
