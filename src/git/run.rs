//! Running git as a child process, the only way tally talks to git: never on the terminal (no
//! prompt for a password or a host key can appear on the screen), with messages in English so
//! failures can be recognised, and with the output captured.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one git command printed, and whether it succeeded.
#[derive(Debug, Clone)]
pub struct Output {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Standard output without the trailing line break.
    pub fn text(&self) -> &str {
        self.stdout.trim_end()
    }
}

/// git could not be started at all.
#[derive(Debug, Clone, thiserror::Error)]
#[error("git could not be run: {0}")]
pub struct NoGit(pub String);

/// A git command run in one folder.
pub struct Git {
    dir: PathBuf,
}

impl Git {
    /// git working in `dir` (a folder inside the repository).
    pub fn in_dir(dir: impl Into<PathBuf>) -> Git {
        Git { dir: dir.into() }
    }

    /// git working in the folder that holds `file`.
    pub fn for_file(file: &Path) -> Git {
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Git::in_dir(dir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs `git ARGS…` to the end.
    pub fn run<I, S>(&self, args: I) -> Result<Output, NoGit>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let output = safe_command(&self.dir)
            .args(args)
            .output()
            .map_err(|e| NoGit(e.to_string()))?;
        Ok(Output {
            ok: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }

    /// Runs `git ARGS…` and returns its output when it succeeded.
    pub fn value<I, S>(&self, args: I) -> Option<String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let output = self.run(args).ok()?;
        (output.ok && !output.text().is_empty()).then(|| output.text().to_string())
    }
}

/// `git -C DIR` that can never wait for someone to type: no terminal prompt, ssh in batch mode,
/// no editor, standard input closed; messages in English (they are read to explain failures).
pub fn safe_command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_SSH_COMMAND", ssh_command())
        .env("GIT_EDITOR", "true")
        .env("GIT_MERGE_AUTOEDIT", "no")
        .env("LC_ALL", "C")
        .env("LANGUAGE", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// The ssh command git uses: the user's own (from `GIT_SSH_COMMAND`) or plain ssh, in batch mode
/// so it fails instead of asking for a password or a passphrase.
fn ssh_command() -> String {
    let own = std::env::var("GIT_SSH_COMMAND")
        .ok()
        .filter(|c| !c.trim().is_empty());
    format!(
        "{} -o BatchMode=yes -o ConnectTimeout=15",
        own.as_deref().unwrap_or("ssh")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_is_never_allowed_to_prompt() {
        let command = safe_command(Path::new("."));
        let env: Vec<(String, String)> = command
            .get_envs()
            .filter_map(|(k, v)| Some((k.to_str()?.to_string(), v?.to_str()?.to_string())))
            .collect();
        let get = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        assert_eq!(get("GIT_TERMINAL_PROMPT"), Some("0"));
        assert!(get("GIT_SSH_COMMAND").is_some_and(|c| c.contains("-o BatchMode=yes")));
        assert_eq!(get("LC_ALL"), Some("C"));
    }

    #[test]
    fn a_file_without_a_folder_runs_git_here() {
        assert_eq!(Git::for_file(Path::new("a.json")).dir(), Path::new("."));
        assert_eq!(Git::for_file(Path::new("d/a.json")).dir(), Path::new("d"));
    }
}
