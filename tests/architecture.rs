//! Imports run one way: a module may use its own layer and the layers below it, never one above.
//! The test reads every source file of the library and the binary (following `mod` declarations
//! from `src/lib.rs` and `src/main.rs`, `#[path]` included), finds every path that names another
//! top-level module — `crate::x`, `crate::{x, y}`, and `super::` climbing out to the crate root —
//! in code (not in comments or strings), and fails naming `file:line` of each upward one.
//!
//! docs/ARCHITECTURE.md explains the layers.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. A top-level module not listed here fails the test, so a new module
/// has to be placed deliberately.
const LAYERS: &[&[&str]] = &[
    &["text", "lang"],
    &["model"],
    &["store", "search", "import", "merge"],
    &["report", "layout"],
    &["app"],
    &["ui", "keymap", "runtime", "config", "i18n", "cursor_writer"],
    &["commands", "cli", "tui", "git"],
    &["main", "lib"],
];

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&top))
}

/// One source file and the module it is.
struct Source {
    file: PathBuf,
    module: Vec<String>,
}

/// Every file of the crate, from its roots through `mod name;` declarations.
fn sources(src: &Path) -> Vec<Source> {
    let mut found = Vec::new();
    let mut pending = vec![
        (src.join("lib.rs"), vec!["lib".to_string()]),
        (src.join("main.rs"), vec!["main".to_string()]),
    ];
    while let Some((file, module)) = pending.pop() {
        let text = fs::read_to_string(&file)
            .unwrap_or_else(|err| panic!("{}: cannot read: {err}", file.display()));
        for (name, path) in declared_modules(&strip(&text)) {
            let child_file = child_file(&file, &name, path.as_deref());
            let mut child = if module[0] == "lib" || module[0] == "main" {
                Vec::new()
            } else {
                module.clone()
            };
            child.push(name);
            pending.push((child_file, child));
        }
        found.push(Source { file, module });
    }
    found
}

/// Where `mod name;` declared in `parent` lives.
fn child_file(parent: &Path, name: &str, path: Option<&str>) -> PathBuf {
    let dir = parent.parent().expect("a source file has a folder");
    if let Some(path) = path {
        return dir.join(path);
    }
    let stem = parent.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let base = if matches!(stem, "mod" | "lib" | "main") {
        dir.to_path_buf()
    } else {
        dir.join(stem)
    };
    let flat = base.join(format!("{name}.rs"));
    if flat.exists() {
        flat
    } else {
        base.join(name).join("mod.rs")
    }
}

/// `mod name;` declarations (not inline modules), each with its `#[path = "…"]` when it has one.
/// Works on stripped text, where string contents are blanked, so the path is read from the
/// original positions: `strip` keeps every byte offset.
fn declared_modules(code: &Code) -> Vec<(String, Option<String>)> {
    let tokens = &code.tokens;
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.text != "mod" {
            continue;
        }
        let (Some(name), Some(end)) = (tokens.get(i + 1), tokens.get(i + 2)) else {
            continue;
        };
        if end.text != ";" {
            continue;
        }
        let path = path_attribute(tokens, i);
        out.push((name.text.clone(), path));
    }
    out
}

/// The `#[path = "…"]` just before the token at `at` (attributes and visibility between).
fn path_attribute(tokens: &[Token], at: usize) -> Option<String> {
    let mut i = at;
    while i > 0 {
        i -= 1;
        let text = tokens[i].text.as_str();
        if text == "path" && tokens.get(i + 1).is_some_and(|t| t.text == "=") {
            return tokens.get(i + 2).and_then(|t| t.literal.clone());
        }
        if text == ";" || text == "}" || text == "{" {
            return None;
        }
    }
    None
}

/// A token of Rust code: an identifier, a punctuation character, or a string literal (its
/// contents kept in `literal`, for `#[path]`).
#[derive(Debug)]
struct Token {
    text: String,
    line: usize,
    literal: Option<String>,
}

struct Code {
    tokens: Vec<Token>,
}

/// Splits source text into tokens, dropping comments and keeping string literals as one token.
fn strip(text: &str) -> Code {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i = skip_block_comment(&chars, i, &mut line);
        } else if c == '"' || (c == 'r' || c == 'b') && starts_string(&chars, i) {
            let start_line = line;
            let (end, literal) = read_string(&chars, i, &mut line);
            tokens.push(Token {
                text: "\"\"".into(),
                line: start_line,
                literal: Some(literal),
            });
            i = end;
        } else if c == '\'' {
            i = skip_char_or_lifetime(&chars, i);
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token {
                text: chars[start..i].iter().collect(),
                line,
                literal: None,
            });
        } else {
            tokens.push(Token {
                text: c.to_string(),
                line,
                literal: None,
            });
            i += 1;
        }
    }
    Code { tokens }
}

fn skip_block_comment(chars: &[char], mut i: usize, line: &mut usize) -> usize {
    let mut depth = 0;
    while i < chars.len() {
        if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            if chars[i] == '\n' {
                *line += 1;
            }
            i += 1;
        }
    }
    i
}

/// True when `r"`, `r#"`, `b"`, `br"`, `br#"` starts at `i` (and is not the end of a name).
fn starts_string(chars: &[char], i: usize) -> bool {
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') {
        return false;
    }
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) == Some(&'r') {
        j += 1;
        while chars.get(j) == Some(&'#') {
            j += 1;
        }
    }
    j > i && chars.get(j) == Some(&'"')
}

/// Reads a string literal starting at `i`; returns the index after it and its contents.
fn read_string(chars: &[char], mut i: usize, line: &mut usize) -> (usize, String) {
    if chars[i] == 'b' {
        i += 1;
    }
    let raw = chars[i] == 'r';
    let mut hashes = 0;
    if raw {
        i += 1;
        while chars[i] == '#' {
            hashes += 1;
            i += 1;
        }
    }
    i += 1; // the opening quote
    let mut literal = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            *line += 1;
        }
        if !raw && c == '\\' {
            if chars.get(i + 1) == Some(&'\n') {
                *line += 1;
            }
            i += 2;
            continue;
        }
        if c == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#')) {
            return (i + 1 + hashes, literal);
        }
        literal.push(c);
        i += 1;
    }
    (i, literal)
}

/// Skips a char literal (`'a'`, `'\n'`, `'\u{1F600}'`) or a lifetime (`'a`).
fn skip_char_or_lifetime(chars: &[char], i: usize) -> usize {
    if chars.get(i + 1) == Some(&'\\') {
        let mut j = i + 2;
        while j < chars.len() && chars[j] != '\'' {
            j += 1;
        }
        return j + 1;
    }
    if chars.get(i + 2) == Some(&'\'') {
        return i + 3;
    }
    i + 1
}

/// A path from one file naming another top-level module.
#[derive(Debug)]
struct Import {
    line: usize,
    top: String,
    path: String,
}

/// Every top-level module the code of `module` names: through `crate::` and through `super::`
/// chains that climb out to the crate root. Inline modules (`mod tests { … }`) add a level for
/// `super::` inside them.
fn imports(code: &Code, module: &[String]) -> Vec<Import> {
    let tokens = &code.tokens;
    let mut out = Vec::new();
    // Brace depths at which inline modules opened, innermost last.
    let mut inline: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let text = tokens[i].text.as_str();
        match text {
            "{" => {
                if i >= 2 && tokens[i - 2].text == "mod" {
                    inline.push(depth);
                }
                depth += 1;
            }
            "}" => {
                depth = depth.saturating_sub(1);
                if inline.last() == Some(&depth) {
                    inline.pop();
                }
            }
            "crate" if is_path_start(tokens, i) && followed_by_path(tokens, i) => {
                named_after(tokens, i + 3, "crate", &mut out);
            }
            "super" if is_path_start(tokens, i) && followed_by_path(tokens, i) => {
                let mut climbs = 1;
                let mut j = i + 3;
                while tokens.get(j).is_some_and(|t| t.text == "super")
                    && followed_by_path(tokens, j)
                {
                    climbs += 1;
                    j += 3;
                }
                let level = module.len() + inline.len();
                if climbs >= level {
                    named_after(tokens, j, "super", &mut out);
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// True unless the token before `at` joins it to a longer path (`foo::crate` cannot occur, but
/// `$crate` and `pub(crate)` must not count).
fn is_path_start(tokens: &[Token], at: usize) -> bool {
    at == 0 || !(tokens[at - 1].text == "$" || tokens[at - 1].text == ":")
}

/// True when the token at `at` is followed by `::`.
fn followed_by_path(tokens: &[Token], at: usize) -> bool {
    tokens.get(at + 1).is_some_and(|t| t.text == ":")
        && tokens.get(at + 2).is_some_and(|t| t.text == ":")
}

/// The top-level modules named from `at` on: one name, or each entry of a `{…}` group.
fn named_after(tokens: &[Token], at: usize, root: &str, out: &mut Vec<Import>) {
    let Some(first) = tokens.get(at) else {
        return;
    };
    if first.text != "{" {
        out.push(Import {
            line: first.line,
            top: first.text.clone(),
            path: format!("{root}::{}", first.text),
        });
        return;
    }
    let mut depth = 0;
    let mut expect_name = true;
    for token in &tokens[at..] {
        match token.text.as_str() {
            "{" => {
                depth += 1;
                if depth > 1 {
                    expect_name = false;
                }
                continue;
            }
            "}" => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
                continue;
            }
            "," if depth == 1 => {
                expect_name = true;
                continue;
            }
            _ => {}
        }
        if expect_name && depth == 1 {
            if token.text != "self" {
                out.push(Import {
                    line: token.line,
                    top: token.text.clone(),
                    path: format!("{root}::{}", token.text),
                });
            }
            expect_name = false;
        }
    }
}

#[test]
fn imports_run_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut upward = Vec::new();
    let mut unplaced = BTreeMap::new();
    for source in sources(&src) {
        let own = &source.module[0];
        let Some(own_layer) = layer_of(own) else {
            unplaced.insert(own.clone(), source.file.clone());
            continue;
        };
        let text = fs::read_to_string(&source.file).expect("read again");
        let shown = source
            .file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(&source.file);
        for import in imports(&strip(&text), &source.module) {
            match layer_of(&import.top) {
                Some(layer) if layer > own_layer => upward.push(format!(
                    "{}:{}: `{own}` imports `{}` from a higher layer ({})",
                    shown.display(),
                    import.line,
                    import.top,
                    import.path
                )),
                Some(_) => {}
                None => {
                    unplaced.insert(import.top.clone(), source.file.clone());
                }
            }
        }
    }
    upward.sort();
    assert!(
        upward.is_empty() && unplaced.is_empty(),
        "{} upward imports:\n{}\ntop-level modules with no layer (add them to LAYERS): {unplaced:?}",
        upward.len(),
        upward.join("\n")
    );
}

/// The longest a function in src/ may be, in lines from `fn` to its closing brace.
const MAX_FUNCTION_LINES: usize = 80;

/// Each function of `code` with a body: its name, first line and number of lines.
fn functions(code: &Code) -> Vec<(String, usize, usize)> {
    let tokens = &code.tokens;
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let named = tokens
            .get(i + 1)
            .is_some_and(|t| t.text.chars().all(|c| c.is_alphanumeric() || c == '_'));
        if token.text != "fn" || !named {
            continue;
        }
        let mut depth = 0usize;
        for later in &tokens[i + 2..] {
            match later.text.as_str() {
                ";" if depth == 0 => break,
                "{" => depth += 1,
                "}" => {
                    depth -= 1;
                    if depth == 0 {
                        let lines = later.line - token.line + 1;
                        out.push((tokens[i + 1].text.clone(), token.line, lines));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn no_function_is_longer_than_eighty_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for source in sources(&src) {
        let text = fs::read_to_string(&source.file).expect("read");
        let shown = source
            .file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(&source.file);
        for (name, line, lines) in functions(&strip(&text)) {
            if lines > MAX_FUNCTION_LINES {
                long.push(format!(
                    "{}:{line}: `{name}` has {lines} lines",
                    shown.display()
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines (split them):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_function_counter_measures_bodies_only() {
    let code = "trait T { fn a(&self); }\nfn b(f: fn(u8) -> u8) -> u8 {\n    let c = || { 1 };\n    f(c())\n}\n";
    assert_eq!(functions(&strip(code)), vec![("b".to_string(), 2, 4)]);
}

/// Every `.rs` file under src/ is part of the crate, so none escapes the check above.
#[test]
fn every_source_file_is_checked() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let reached: Vec<PathBuf> = sources(&src).into_iter().map(|s| s.file).collect();
    let mut missed = Vec::new();
    let mut folders = vec![src];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("read src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !reached.contains(&path) {
                missed.push(path);
            }
        }
    }
    assert!(missed.is_empty(), "files no `mod` reaches: {missed:?}");
}

/// The checker itself: it sees paths in code, in groups and through `super::`, and not in
/// comments or strings.
#[test]
fn the_checker_finds_upward_paths_in_code_only() {
    let code = r#"
use crate::model::Item;
use crate::{store::load, ui::{self, Theme}};
// use crate::commands::run;
/* crate::cli */
const S: &str = "crate::tui::x";
pub(crate) fn f() { let _ = crate::keymap::presses; let c = 'a'; let l: &'static str = ""; }
mod tests { use super::super::super::git::Sync; use super::super::x; }
"#;
    let module = vec!["app".to_string(), "update".to_string()];
    let found: Vec<(usize, String)> = imports(&strip(code), &module)
        .into_iter()
        .map(|i| (i.line, i.top))
        .collect();
    assert_eq!(
        found,
        vec![
            (2, "model".to_string()),
            (3, "store".to_string()),
            (3, "ui".to_string()),
            (7, "keymap".to_string()),
            (8, "git".to_string()),
        ]
    );
}
