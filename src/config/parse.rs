//! `config.toml` text to [`Config`]: toml's parser and serde read it, with the place of every
//! value kept so each problem can say where it is.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

use super::{Config, KeyEntry, Located, Position, Problem};
use crate::lang::Phrase;
use crate::ui::ThemeName;

/// The settings tally knows, at the top of the file.
const KNOWN: [&str; 7] = [
    "language",
    "theme",
    "date_format",
    "data_dir",
    "mouse",
    "osc52",
    "keys",
];

/// The file as serde reads it, places kept.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Raw {
    language: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    date_format: Option<Spanned<String>>,
    data_dir: Option<Spanned<String>>,
    mouse: Option<bool>,
    osc52: Option<bool>,
    keys: Option<Entries<KeysValue>>,
}

/// A table's entries in file order, keys with their places.
#[derive(Debug)]
struct Entries<T>(Vec<(Spanned<String>, Spanned<T>)>);

/// A value under `[keys]`: an action's keys, or a mode's own table of them.
#[derive(Debug)]
enum KeysValue {
    Keys(KeyList),
    Mode(Entries<KeyList>),
}

/// One key (placed by the value around it) or a list of keys.
#[derive(Debug)]
enum KeyList {
    One(String),
    Many(Vec<Spanned<String>>),
}

/// Reads the text of a config file. A file toml cannot read, or with a value of the wrong type,
/// gives the defaults and an error; a value tally cannot use drops that setting alone.
pub fn parse(text: &str) -> (Config, Vec<Problem>) {
    let mut problems = Vec::new();
    let top = match toml::de::DeTable::parse(text) {
        Ok(table) => table,
        Err(err) => return (Config::default(), vec![toml_problem(text, &err)]),
    };
    for (key, _) in top.get_ref().iter() {
        if !KNOWN.contains(&key.get_ref().as_ref()) {
            let at = Some(position(text, key.span().start));
            let name = key.get_ref().as_ref();
            problems.push(Problem::warning(
                at,
                Phrase::new("config_file.unknown_setting").arg("name", name),
            ));
        }
    }
    let raw: Raw = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(err) => return (Config::default(), vec![toml_problem(text, &err)]),
    };
    let config = Config {
        language: raw
            .language
            .and_then(|name| language(text, name, &mut problems)),
        theme: raw.theme.and_then(|name| theme(text, &name, &mut problems)),
        date_format: raw
            .date_format
            .and_then(|format| date_format(text, format, &mut problems)),
        data_dir: raw.data_dir.map(|dir| super::expand_home(dir.get_ref())),
        mouse: raw.mouse,
        osc52: raw.osc52,
        keys: raw.keys.map(|k| key_entries(text, k)).unwrap_or_default(),
    };
    (config, problems)
}

/// A language tally speaks (`en`, `zh`).
fn language(text: &str, name: Spanned<String>, problems: &mut Vec<Problem>) -> Option<String> {
    if crate::lang::Lang::parse(name.get_ref()).is_some() {
        return Some(name.into_inner());
    }
    problems.push(Problem::error(
        Some(position(text, name.span().start)),
        Phrase::new("config_file.unknown_language").arg("name", name.get_ref()),
    ));
    None
}

fn theme(text: &str, name: &Spanned<String>, problems: &mut Vec<Problem>) -> Option<ThemeName> {
    let theme = ThemeName::from_name(name.get_ref());
    if theme.is_none() {
        let known: Vec<&str> = ThemeName::ALL.iter().map(|t| t.name()).collect();
        problems.push(Problem::error(
            Some(position(text, name.span().start)),
            Phrase::new("config_file.unknown_theme")
                .arg("name", name.get_ref())
                .arg("known", known.join(", ")),
        ));
    }
    theme
}

/// A strftime pattern chrono can use.
fn date_format(text: &str, format: Spanned<String>, problems: &mut Vec<Problem>) -> Option<String> {
    use chrono::format::{Item, StrftimeItems};
    let bad = StrftimeItems::new(format.get_ref()).any(|item| matches!(item, Item::Error));
    if bad || format.get_ref().is_empty() {
        problems.push(Problem::error(
            Some(position(text, format.span().start)),
            Phrase::new("config_file.not_a_date_format").arg("format", format.get_ref()),
        ));
        return None;
    }
    Some(format.into_inner())
}

fn key_entries(text: &str, keys: Entries<KeysValue>) -> Vec<KeyEntry> {
    let at = |offset: usize| position(text, offset);
    let located = |s: Spanned<String>| Located {
        at: at(s.span().start),
        value: s.into_inner(),
    };
    let list = |keys: KeyList, start: usize| match keys {
        KeyList::One(key) => vec![Located {
            value: key,
            at: at(start),
        }],
        KeyList::Many(keys) => keys.into_iter().map(located).collect(),
    };
    let mut entries = Vec::new();
    for (name, value) in keys.0 {
        let start = value.span().start;
        match value.into_inner() {
            KeysValue::Keys(keys) => entries.push(KeyEntry {
                mode: None,
                action: located(name),
                keys: list(keys, start),
            }),
            KeysValue::Mode(table) => {
                let mode = located(name);
                for (action, keys) in table.0 {
                    let start = keys.span().start;
                    entries.push(KeyEntry {
                        mode: Some(mode.clone()),
                        action: located(action),
                        keys: list(keys.into_inner(), start),
                    });
                }
            }
        }
    }
    entries
}

fn toml_problem(text: &str, err: &toml::de::Error) -> Problem {
    let at = err.span().map(|span| position(text, span.start));
    let message = err.message().trim().replace('\n', " ");
    Problem::error(
        at,
        Phrase::new("config_file.whole_file_ignored").arg("message", message),
    )
}

/// The line and column (from 1, in characters) of a byte offset.
pub fn position(text: &str, offset: usize) -> Position {
    let (line, column) = crate::store::line_col(text, offset);
    Position { line, column }
}

/// The entries of a table, in file order.
fn entries<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    mut map: A,
) -> Result<Entries<T>, A::Error> {
    let mut entries = Vec::new();
    while let Some(key) = map.next_key::<Spanned<String>>()? {
        entries.push((key, map.next_value::<Spanned<T>>()?));
    }
    Ok(Entries(entries))
}

/// The elements of a list of keys.
fn key_list<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<KeyList, A::Error> {
    let mut keys = Vec::new();
    while let Some(key) = seq.next_element::<Spanned<String>>()? {
        keys.push(key);
    }
    Ok(KeyList::Many(keys))
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for EntriesVisitor<T> {
            type Value = Entries<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                entries(map)
            }
        }
        deserializer.deserialize_map(EntriesVisitor(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyListVisitor;
        impl<'de> Visitor<'de> for KeyListVisitor {
            type Value = KeyList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key or a list of keys, like \"Q\" or [\"j\", \"Down\"]")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
                Ok(KeyList::One(key.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                key_list(seq)
            }
        }
        deserializer.deserialize_any(KeyListVisitor)
    }
}

impl<'de> Deserialize<'de> for KeysValue {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = KeysValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key, a list of keys, or a [keys.MODE] table")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
                Ok(KeysValue::Keys(KeyList::One(key.to_string())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                key_list(seq).map(KeysValue::Keys)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                entries(map).map(KeysValue::Mode)
            }
        }
        deserializer.deserialize_any(KeysVisitor)
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
