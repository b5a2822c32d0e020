//! The interface language: which one a session speaks, and its strings.
//!
//! Strings live in `locales/en.toml` and `locales/zh.toml`, one file per language, compiled in by
//! rust-i18n and looked up by key (`pane.items`). The language is carried in the state and passed
//! to every lookup — never set for the whole process — so a test, or a second screen, can render
//! in its own language whatever the machine's locale.

use std::borrow::Cow;

/// A language the interface is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// English, the default when nothing asks for another.
    #[default]
    En,
    /// Simplified Chinese (also used for Traditional locales until a Traditional table exists).
    Zh,
}

/// The environment variables that name the user's locale for messages, strongest first.
pub const LOCALE_VARIABLES: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

impl Lang {
    /// Every language, in the order `--lang` lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code of the language's strings file (`locales/CODE.toml`) and of `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// A language named by `--lang` or the config file's `language`: `en`, `zh`, or a tag
    /// such as `zh-CN`, `zh_TW`, `en-GB` (case does not matter).
    pub fn parse(name: &str) -> Option<Lang> {
        let name = name.trim().to_ascii_lowercase();
        let primary = name.split(['-', '_', '.']).next().unwrap_or_default();
        match primary {
            "en" | "english" => Some(Lang::En),
            "zh" | "chinese" | "中文" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The language of a POSIX locale value (`zh_CN.UTF-8`, `en_US.UTF-8`, `C`): Chinese for any
    /// `zh` locale, English for every other one. `None` when the value is empty (unset).
    pub fn from_locale(value: &str) -> Option<Lang> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let chinese = value
            .get(..2)
            .is_some_and(|head| head.eq_ignore_ascii_case("zh"));
        Some(if chinese { Lang::Zh } else { Lang::En })
    }

    /// The session's language: `--lang` first, then the config file's `language`, then the
    /// first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (read through `env`), else English.
    /// A configured name that is not a known language is passed over.
    pub fn choose(
        flag: Option<Lang>,
        configured: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Lang {
        flag.or_else(|| configured.and_then(Lang::parse))
            .or_else(|| {
                LOCALE_VARIABLES
                    .iter()
                    .find_map(|name| env(name).as_deref().and_then(Lang::from_locale))
            })
            .unwrap_or_default()
    }

    /// [`Lang::choose`] with this process's environment.
    pub fn for_session(flag: Option<Lang>, configured: Option<&str>) -> Lang {
        Lang::choose(flag, configured, |name| std::env::var(name).ok())
    }
}

/// The string `key` in `lang`; English where the language lacks it, the key itself where
/// English does too.
pub fn tr(lang: Lang, key: &str) -> Cow<'static, str> {
    Cow::Owned(rust_i18n::t!(key, locale = lang.code()).into_owned())
}

/// The string `key` in `lang`, or `None` where no language has it (for keys made from data,
/// such as a field's name in a file).
pub fn try_tr(lang: Lang, key: &str) -> Option<Cow<'static, str>> {
    let text = tr(lang, key);
    (text != key).then_some(text)
}

/// The string `key` in `lang` with each `%{name}` replaced by its value from `args`.
pub fn trf(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let names: Vec<&str> = args.iter().map(|(name, _)| *name).collect();
    let values: Vec<String> = args.iter().map(|(_, value)| value.to_string()).collect();
    rust_i18n::replace_patterns(&tr(lang, key), &names, &values)
}

/// A count in `lang`: `KEY.one` when `n` is 1, else `KEY.other`, with `%{n}` filled in
/// (`1 item`, `3 items`; Chinese has one form, written twice).
pub fn trn(lang: Lang, key: &str, n: usize) -> String {
    let form = if n == 1 { "one" } else { "other" };
    trf(lang, &format!("{key}.{form}"), &[("n", &n)])
}

/// Words to be shown later in whatever language the reader has then: a key and its arguments.
/// Displayed (`{}`), they read in English.
///
/// An argument is either text, put in as it is, or another phrase, read in the same language as
/// this one — so an error can be built where it happens (`item 13: <why>`) and read once, at the
/// top, in the language of whoever sees it. Text that has no translation (what the operating
/// system or git said) travels as [`Phrase::plain`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// What a phrase's placeholder stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Arg {
    Text(String),
    Phrase(Phrase),
    /// A phrase kept on one line (control characters and line breaks replaced) once read.
    Line(Phrase),
}

/// The key of a phrase that is only its text, the same in every language.
const PLAIN: &str = "said.plain";

impl Phrase {
    pub fn new(key: &'static str) -> Phrase {
        Phrase {
            key,
            args: Vec::new(),
        }
    }

    /// Words that read the same in every language (a message from outside, or one not
    /// translated).
    pub fn plain(text: impl Into<String>) -> Phrase {
        Phrase::new(PLAIN).arg("text", text.into())
    }

    /// True for a [`Phrase::plain`] one.
    pub fn is_plain(&self) -> bool {
        self.key == PLAIN
    }

    /// The phrase with `%{name}` standing for `value`.
    pub fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Phrase {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// The phrase with `%{name}` standing for `part`, read in the same language.
    pub fn with(mut self, name: &'static str, part: Phrase) -> Phrase {
        self.args.push((name, Arg::Phrase(part)));
        self
    }

    /// [`Phrase::with`] for a part that quotes a file's content: once read, it is kept on one
    /// line, so it cannot pass for a line of its own.
    pub fn with_line(mut self, name: &'static str, part: Phrase) -> Phrase {
        self.args.push((name, Arg::Line(part)));
        self
    }

    /// Several phrases, one a line.
    pub fn lines(parts: Vec<Phrase>) -> Phrase {
        parts
            .into_iter()
            .reduce(|first, rest| {
                Phrase::new("said.lines")
                    .with("first", first)
                    .with("rest", rest)
            })
            .unwrap_or_else(|| Phrase::plain(""))
    }

    /// The phrase in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let values: Vec<String> = self
            .args
            .iter()
            .map(|(_, value)| match value {
                Arg::Text(text) => text.clone(),
                Arg::Phrase(part) => part.text(lang),
                Arg::Line(part) => crate::text::clean_line(&part.text(lang)).into_owned(),
            })
            .collect();
        let args: Vec<(&str, &dyn std::fmt::Display)> = self
            .args
            .iter()
            .zip(&values)
            .map(|((name, _), value)| (*name, value as &dyn std::fmt::Display))
            .collect();
        trf(lang, self.key, &args)
    }
}

impl From<String> for Phrase {
    fn from(text: String) -> Phrase {
        Phrase::plain(text)
    }
}

impl From<&str> for Phrase {
    fn from(text: &str) -> Phrase {
        Phrase::plain(text)
    }
}

impl std::fmt::Display for Phrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// The strings files, so a change to them rebuilds the crate (rust-i18n reads them at build
/// time) and tests can check them.
pub const SOURCES: [(&str, &str); 2] = [
    ("en", include_str!("../locales/en.toml")),
    ("zh", include_str!("../locales/zh.toml")),
];

#[cfg(test)]
#[path = "lang_tests.rs"]
mod tests;
