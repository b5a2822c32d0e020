//! Reading a JSON object as an ordered list of (key, raw value) pairs, borrowed from the text, so the
//! loader knows where every value sits and the writer can reuse values nobody changed.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// An object's members in written order. Duplicate keys are rejected while reading.
pub struct Entries<'a>(pub Vec<(String, &'a RawValue)>);

/// An array's elements, raw.
pub struct Elements<'a>(pub Vec<&'a RawValue>);

impl<'a> Entries<'a> {
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries: Vec<(String, &'de RawValue)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let value: &'de RawValue = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Entries(entries))
    }
}

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EntriesVisitor)
    }
}

struct ElementsVisitor;

impl<'de> Visitor<'de> for ElementsVisitor {
    type Value = Elements<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut elements = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(value) = seq.next_element::<&'de RawValue>()? {
            elements.push(value);
        }
        Ok(Elements(elements))
    }
}

impl<'de> Deserialize<'de> for Elements<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(ElementsVisitor)
    }
}

/// What kind of JSON value a raw text holds, in words for error messages.
pub fn kind_of(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_raw_text() {
        let text = r#"{"b": [1, 2], "a": "x", "c": {"d": 1.50}}"#;
        let entries: Entries = serde_json::from_str(text).unwrap();
        let keys: Vec<&str> = entries.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a", "c"]);
        assert_eq!(entries.get("c").unwrap().get(), r#"{"d": 1.50}"#);
    }

    #[test]
    fn rejects_duplicate_keys() {
        let err = serde_json::from_str::<Entries>(r#"{"a": 1, "a": 2}"#)
            .err()
            .unwrap();
        assert!(err.to_string().contains("duplicate key `a`"), "{err}");
    }

    #[test]
    fn names_kinds() {
        let raw: Elements = serde_json::from_str(r#"["s", {}, [], true, null, 1]"#).unwrap();
        let kinds: Vec<&str> = raw.0.iter().map(|r| kind_of(r)).collect();
        assert_eq!(
            kinds,
            [
                "a string",
                "an object",
                "an array",
                "a boolean",
                "null",
                "a number"
            ]
        );
    }
}
