//! tally: a keyboard-first terminal tracker for JSON task files.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod cursor_writer;
pub mod git;
pub mod import;
pub mod keymap;
pub mod lang;
pub mod layout;
pub mod merge;
pub mod model;
pub mod report;
pub mod runtime;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;

// The interface's strings (`locales/*.toml`), looked up through `lang::tr`.
rust_i18n::i18n!("locales", fallback = "en");
