//! `tally completions SHELL` and `tally man`: the shell completion scripts and the manual page,
//! generated from the command-line definition so they always list what the binary accepts.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Failure;
use crate::cli::Cli;

/// Writes the completion script for `shell`. The script is made in memory first: the generator
/// cannot report a failed write (a closed pipe), `write_all` can.
pub fn completions(shell: Shell, out: &mut dyn Write) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "tally", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Writes the manual page, in roff, for `man -l -` or a man1 folder: the program's synopsis and
/// options, then a COMMANDS section with each subcommand's synopsis, description and arguments.
pub fn man(out: &mut dyn Write) -> Result<(), Failure> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let page = clap_mangen::Man::new(command.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in command.get_subcommands() {
        let name = format!("tally {}", sub.get_name());
        writeln!(out, ".SS \"{name}\"")?;
        let sub = clap_mangen::Man::new(sub.clone().bin_name(&name));
        let mut body = Vec::new();
        sub.render_synopsis_section(&mut body)?;
        sub.render_description_section(&mut body)?;
        sub.render_options_section(&mut body)?;
        out.write_all(without_headings(&String::from_utf8_lossy(&body)).as_bytes())?;
    }
    page.render_version_section(out)?;
    Ok(())
}

/// Roff for a subsection: each part's section heading becomes a paragraph break, and the
/// preamble each part repeats is left out.
fn without_headings(roff: &str) -> String {
    roff.lines()
        .filter(|line| !line.starts_with(".ie ") && !line.starts_with(".el "))
        .map(|line| match line.starts_with(".SH ") {
            true => ".PP\n".to_string(),
            false => format!("{line}\n"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(write: impl FnOnce(&mut Vec<u8>) -> Result<(), Failure>) -> String {
        let mut out = Vec::new();
        assert!(write(&mut out).is_ok());
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn every_shell_gets_a_script_naming_the_subcommands() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
            let script = text(|out| completions(shell, out));
            for word in [
                "tally",
                "validate",
                "import",
                "export",
                "completions",
                "status",
            ] {
                assert!(script.contains(word), "{shell}: no {word}");
            }
        }
    }

    #[test]
    fn the_manual_page_is_roff_with_every_subcommand() {
        let page = text(|out| man(out));
        assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..80]);
        assert!(page.contains(".TH tally 1"));
        assert!(page.contains(".SH COMMANDS"));
        for name in [
            "validate",
            "list",
            "set",
            "merge-driver",
            "completions",
            "man",
        ] {
            assert!(page.contains(&format!(".SS \"tally {name}\"")), "no {name}");
        }
        assert!(page.contains("FIELD=VALUE"));
        assert!(page.contains("有风险"), "the status words are described");
        assert_eq!(page.matches(".TH ").count(), 1);
    }
}
