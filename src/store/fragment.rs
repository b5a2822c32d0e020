//! A JSON value ready to print: pieces of original text kept verbatim, new values encoded, laid out
//! in the file's own indentation style.

/// A value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Fragment<'a> {
    /// Original text, written exactly as it was.
    Raw(&'a str),
    /// An encoded scalar (`"text"`, `12`, `true`).
    Scalar(String),
    Array(Vec<Fragment<'a>>),
    /// Members with their keys already encoded.
    Object(Vec<(String, Fragment<'a>)>),
}

impl Fragment<'_> {
    /// A JSON string. Non-ASCII text stays unescaped.
    pub fn string(text: &str) -> Fragment<'static> {
        Fragment::Scalar(quote(text))
    }

    /// A member list from plain key names.
    #[cfg(test)]
    pub fn object<'a>(members: Vec<(&str, Fragment<'a>)>) -> Fragment<'a> {
        Fragment::Object(members.into_iter().map(|(k, v)| (quote(k), v)).collect())
    }
}

/// Encodes text as a JSON string literal.
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""))
}

/// How a file lays out its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    /// One level of indentation; `None` writes everything on one line.
    pub indent: Option<String>,
    pub newline: &'static str,
}

impl Default for Style {
    /// Two spaces and `\n`, as tally writes new files.
    fn default() -> Style {
        Style {
            indent: Some("  ".into()),
            newline: "\n",
        }
    }
}

impl Style {
    /// Reads the layout of an existing file from its first indented line.
    pub fn detect(text: &str) -> Style {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let indent = text.split('\n').skip(1).find_map(|line| {
            let line = line.trim_end_matches('\r');
            let width = line.len() - line.trim_start_matches([' ', '\t']).len();
            (width > 0 && width < line.len()).then(|| line[..width].to_string())
        });
        match indent {
            Some(indent) => Style {
                indent: Some(indent),
                newline,
            },
            None if text.trim_end().contains('\n') => Style {
                indent: Some(String::new()),
                newline,
            },
            None => Style {
                indent: None,
                newline,
            },
        }
    }

    /// Writes `fragment` as if it started on a line indented by `base`, at `depth` levels below it.
    pub fn render(&self, fragment: &Fragment, base: &str, out: &mut String) {
        self.render_at(fragment, base, 0, out);
    }

    fn render_at(&self, fragment: &Fragment, base: &str, depth: usize, out: &mut String) {
        match fragment {
            Fragment::Raw(text) => out.push_str(text),
            Fragment::Scalar(text) => out.push_str(text),
            Fragment::Array(elements) if elements.is_empty() => out.push_str("[]"),
            Fragment::Object(members) if members.is_empty() => out.push_str("{}"),
            Fragment::Array(elements) => {
                out.push('[');
                for (i, element) in elements.iter().enumerate() {
                    self.separate(i, base, depth + 1, out);
                    self.render_at(element, base, depth + 1, out);
                }
                self.break_line(base, depth, out);
                out.push(']');
            }
            Fragment::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    self.separate(i, base, depth + 1, out);
                    out.push_str(key);
                    out.push_str(if self.indent.is_some() { ": " } else { ":" });
                    self.render_at(value, base, depth + 1, out);
                }
                self.break_line(base, depth, out);
                out.push('}');
            }
        }
    }

    fn separate(&self, index: usize, base: &str, depth: usize, out: &mut String) {
        if index > 0 {
            out.push(',');
        }
        self.break_line(base, depth, out);
    }

    fn break_line(&self, base: &str, depth: usize, out: &mut String) {
        if let Some(indent) = &self.indent {
            out.push_str(self.newline);
            out.push_str(base);
            for _ in 0..depth {
                out.push_str(indent);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Fragment<'static> {
        Fragment::object(vec![
            ("id", Fragment::string("14")),
            ("tags", Fragment::Array(vec![Fragment::string("外语标识")])),
            ("empty", Fragment::Array(vec![])),
            ("kept", Fragment::Raw("{\"x\": 1.50}")),
        ])
    }

    #[test]
    fn pretty_output_matches_serde_json() {
        let mut out = String::new();
        Style::default().render(&sample(), "", &mut out);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let expected = serde_json::to_string_pretty(&value).unwrap();
        let expected = expected.replace("{\n    \"x\": 1.50\n  }", "{\"x\": 1.50}");
        assert_eq!(
            out, expected,
            "raw text is kept verbatim, the rest is laid out like serde_json"
        );
    }

    #[test]
    fn compact_style_has_no_whitespace() {
        let mut out = String::new();
        let style = Style {
            indent: None,
            newline: "\n",
        };
        style.render(&sample(), "", &mut out);
        assert_eq!(
            out,
            r#"{"id":"14","tags":["外语标识"],"empty":[],"kept":{"x": 1.50}}"#
        );
    }

    #[test]
    fn detects_indentation_and_line_endings() {
        assert_eq!(
            Style::detect("{\n    \"a\": 1\n}\n").indent.as_deref(),
            Some("    ")
        );
        assert_eq!(
            Style::detect("{\n\t\"a\": 1\n}").indent.as_deref(),
            Some("\t")
        );
        assert_eq!(Style::detect("{\"a\": 1}").indent, None);
        assert_eq!(Style::detect("{\r\n  \"a\": 1\r\n}").newline, "\r\n");
    }

    #[test]
    fn nested_lines_start_at_the_base_indent() {
        let mut out = String::new();
        let fragment = Fragment::object(vec![("a", Fragment::Array(vec![Fragment::string("b")]))]);
        Style::default().render(&fragment, "    ", &mut out);
        assert_eq!(out, "{\n      \"a\": [\n        \"b\"\n      ]\n    }");
    }
}
