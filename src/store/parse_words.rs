//! The precise reader's problems in words for any language: where (a [`Place`]), what kind of
//! value was found, and serde_json's own messages, the common ones as phrases of their own.

use serde_json::value::RawValue;

use super::super::entries::kind_of;
use super::super::place::Place;
use crate::lang::Phrase;

/// `PLACE: PROBLEM`, in words for any language.
pub(super) fn at(place: &Place, problem: Phrase) -> Phrase {
    Phrase::new("parse.at")
        .with("place", place.phrase())
        .with("problem", problem)
}

/// `PLACE must be KIND, found KIND`: `key` names the kind expected.
pub(super) fn must_be(key: &'static str, place: &Place, raw: &RawValue) -> Phrase {
    let found = match kind_of(raw) {
        "a string" => "parse.found_string",
        "an object" => "parse.found_object",
        "an array" => "parse.found_array",
        "a boolean" => "parse.found_boolean",
        "null" => "parse.found_null",
        _ => "parse.found_number",
    };
    Phrase::new(key)
        .with("place", place.phrase())
        .with("found", Phrase::new(found))
}

/// serde_json's message without its position, in words a person editing the file understands:
/// the common ones as phrases of their own, the rest as serde_json says them. `next`: the first
/// character from the problem on; `after_comma`: whether a comma comes right before it.
pub(super) fn describe_json_error(
    err: &serde_json::Error,
    wrong_kind: &dyn std::fmt::Display,
    next: Option<char>,
    after_comma: bool,
) -> Phrase {
    let full = err.to_string();
    let reason = match full.rfind(" at line ") {
        Some(cut) => &full[..cut],
        None => full.as_str(),
    };
    if reason.starts_with("EOF while parsing") {
        return Phrase::new("parse.truncated").arg("reason", reason);
    }
    if reason.starts_with("invalid type") {
        return Phrase::plain(format!("{wrong_kind} ({reason})"));
    }
    if reason.starts_with("control character") {
        return Phrase::new("parse.control_character").arg("reason", reason);
    }
    Phrase::new(match reason {
        "expected value" if after_comma && matches!(next, Some(']' | '}')) => {
            "parse.trailing_comma"
        }
        "expected value" => "parse.expected_value",
        "trailing comma" => "parse.trailing_comma",
        "key must be a string" if after_comma && next == Some('}') => "parse.trailing_comma",
        "key must be a string" => "parse.key_not_string",
        "trailing characters" => "parse.trailing_characters",
        "expected `,` or `}`" => "parse.comma_or_brace",
        "expected `,` or `]`" => "parse.comma_or_bracket",
        "expected `:`" => "parse.colon",
        "invalid escape" => "parse.invalid_escape",
        "invalid number" => "parse.invalid_number",
        _ => return Phrase::plain(reason),
    })
}
