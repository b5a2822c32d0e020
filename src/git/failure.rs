//! Reading git's messages when a command fails: offline, a password or key wanted, a refused
//! push, or else git's own first line — each one line for the footer.

use super::run::Output;
use super::sync::SyncError;

/// Names the failure from git's message: offline, a password wanted, a refused push, or else
/// git's own first line.
pub(crate) fn classify(step: &'static str, output: &Output) -> SyncError {
    let text = format!("{}\n{}", output.stderr, output.stdout);
    let has = |needle: &str| text.contains(needle);
    if has("terminal prompts disabled")
        || has("could not read Username")
        || has("could not read Password")
        || has("Permission denied (publickey")
        || has("Authentication failed")
        || has("Host key verification failed")
    {
        return SyncError::NeedsPassword;
    }
    let line = first_line(&text);
    if has("Could not resolve host")
        || has("Network is unreachable")
        || has("Connection refused")
        || has("Connection timed out")
        || has("Could not read from remote repository")
        || has("does not appear to be a git repository")
        || has("unable to access")
    {
        return SyncError::Offline(line);
    }
    if step == "push" && (has("[rejected]") || has("[remote rejected]") || has("failed to push")) {
        return SyncError::Rejected(rejection(&text).unwrap_or(line));
    }
    SyncError::Failed(step, line)
}

/// The remote's own reason for a refused push, when it gave one.
fn rejection(text: &str) -> Option<String> {
    let reason = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("remote:"))
        .map(str::trim)
        .find(|l| !l.is_empty());
    let why = text
        .lines()
        .find(|l| l.contains("[rejected]") || l.contains("[remote rejected]"))
        .and_then(|l| {
            l.rsplit_once('(')
                .map(|(_, r)| r.trim_end_matches(')').to_string())
        });
    reason.map(str::to_string).or(why)
}

/// git's first line that says something (without its `fatal:`/`error:` prefix).
fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("hint:"))
        .unwrap_or("no message");
    let line = ["fatal:", "error:"]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .unwrap_or(line);
    crate::text::clean_line(line.trim()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(stderr: &str) -> Output {
        Output {
            ok: false,
            stdout: String::new(),
            stderr: stderr.to_string(),
        }
    }

    #[test]
    fn failures_are_named_from_gits_message() {
        let offline = failed("fatal: unable to access 'https://x/': Could not resolve host: x\n");
        assert!(matches!(classify("pull", &offline), SyncError::Offline(_)));
        let password =
            failed("fatal: could not read Username for 'https://x': terminal prompts disabled\n");
        assert_eq!(classify("pull", &password), SyncError::NeedsPassword);
        let refused = failed(
            "remote: main is protected\nTo /r.git\n ! [remote rejected] main -> main \
             (pre-receive hook declined)\nerror: failed to push some refs to '/r.git'\n",
        );
        assert_eq!(
            classify("push", &refused),
            SyncError::Rejected("main is protected".into())
        );
        let other = failed("hint: x\nfatal: refusing to merge unrelated histories\n");
        assert_eq!(
            classify("pull", &other),
            SyncError::Failed("pull", "refusing to merge unrelated histories".into())
        );
    }
}
