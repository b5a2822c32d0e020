//! The config file from the command line: where it is, writing the default, problems reported
//! with their place on stderr for every command, and `tally keys` showing the user's keys.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::{sample_copy, tally_bin};

/// Runs tally with a config folder of its own (`XDG_CONFIG_HOME`) and no other config.
fn tally(args: &[&str], home: &Path) -> Output {
    Command::new(tally_bin())
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .env("TALLY_DATA_DIR", home.join("data"))
        .env_remove("TALLY_CONFIG")
        .env("NO_COLOR", "1")
        .output()
        .expect("run tally")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_path_is_in_the_config_folder_and_init_writes_it_once() {
    let home = tempfile::tempdir().unwrap();
    let expected = home.path().join("config").join("tally").join("config.toml");
    let path = tally(&["config", "path"], home.path());
    assert!(path.status.success());
    assert_eq!(text(&path.stdout).trim(), expected.display().to_string());

    let init = tally(&["config", "init"], home.path());
    assert!(init.status.success(), "{}", text(&init.stderr));
    let written = std::fs::read_to_string(&expected).unwrap();
    assert!(written.contains("# theme = \"dark\""), "{written}");

    std::fs::write(&expected, "theme = \"light\"\n").unwrap();
    let again = tally(&["config", "init"], home.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&expected).unwrap(),
        "theme = \"light\"\n"
    );

    let forced = tally(&["config", "init", "--force"], home.path());
    assert!(forced.status.success());
    assert_eq!(std::fs::read_to_string(&expected).unwrap(), written);
}

#[test]
fn another_file_can_be_named() {
    let home = tempfile::tempdir().unwrap();
    let other = home.path().join("elsewhere.toml");
    let by_option = tally(
        &["config", "path", "--config", other.to_str().unwrap()],
        home.path(),
    );
    assert_eq!(text(&by_option.stdout).trim(), other.display().to_string());
    let by_variable = Command::new(tally_bin())
        .args(["config", "path"])
        .env("TALLY_CONFIG", &other)
        .output()
        .unwrap();
    assert_eq!(
        text(&by_variable.stdout).trim(),
        other.display().to_string()
    );
}

#[test]
fn a_broken_config_is_reported_with_its_place_and_commands_still_run() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("tally");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "theme = \"light\"\nmouse = tru\n",
    )
    .unwrap();
    let file = sample_copy(home.path());
    let list = tally(&["list", file.to_str().unwrap()], home.path());
    assert!(list.status.success());
    assert_eq!(text(&list.stdout).lines().count(), 8);
    let stderr = text(&list.stderr);
    let place = format!("{}:2:9: error:", config.join("config.toml").display());
    assert!(stderr.starts_with(&place), "{stderr}");
}

#[test]
fn unknown_settings_and_actions_warn_once() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("tally");
    std::fs::create_dir_all(&config).unwrap();
    let toml = "colour = \"red\"\n[keys]\nfly = \"f\"\n";
    std::fs::write(config.join("config.toml"), toml).unwrap();
    let out = tally(&["keys"], home.path());
    assert!(out.status.success());
    let stderr = text(&out.stderr);
    assert_eq!(stderr.matches("warning:").count(), 2, "{stderr}");
    assert!(
        stderr.contains(":1:1: warning: unknown setting `colour`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(":3:1: warning: unknown action `fly`"),
        "{stderr}"
    );
}

#[test]
fn keys_lists_the_actions_with_the_users_keys() {
    let home = tempfile::tempdir().unwrap();
    let defaults = text(&tally(&["keys"], home.path()).stdout);
    assert!(defaults.contains("[keys.browse]"));
    let quit = |listing: &str| {
        listing
            .lines()
            .find(|l| l.starts_with("quit "))
            .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
    };
    assert_eq!(
        quit(&defaults).as_deref(),
        Some("quit               = [\"q\"]")
    );

    let config = home.path().join("config").join("tally");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[keys]\nquit = [\"Q\", \"Ctrl-q\"]\n",
    )
    .unwrap();
    let custom = text(&tally(&["keys"], home.path()).stdout);
    assert_eq!(
        quit(&custom).as_deref(),
        Some("quit               = [\"Q\", \"Ctrl-q\"]")
    );
    // Every name listed reads back as a [keys] line without complaint.
    let names: Vec<&str> = custom
        .lines()
        .filter(|l| !l.starts_with('[') && !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.len() > 40, "{names:?}");
}
