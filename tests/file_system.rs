//! The file system's promises, checked with the real binary on real files: a save through a
//! symbolic link writes its target, a file with several hard links or without write permission is
//! not saved (exit 1, a message), mode, group and owner are kept, another user's save that must
//! change the owner says so once, and many writers in a folder they cannot lock lose nothing.
//!
//! The tests that need a second user create one (`useradd`), so they run as root (as CI does);
//! elsewhere they are skipped with a notice.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::{sample_copy, tally_bin};

const USER: &str = "tally-fs-test";
const TEAM: &str = "tally-fs-team";

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `tally note FILE 14 TEXT`, run as `user` when given.
fn note_as(user: Option<&TestUser>, file: &Path, text: &str) -> Output {
    note_command(user, file, text).output().unwrap()
}

/// `tally note FILE 14 TEXT` as `user` (root when `None`), its home and data folder the file's.
fn note_command(user: Option<&TestUser>, file: &Path, text: &str) -> Command {
    let mut command = match user {
        Some(user) => {
            let mut command = Command::new("setpriv");
            command
                .arg(format!("--reuid={}", user.uid))
                .arg(format!("--regid={}", user.gid))
                .arg("--init-groups")
                .arg(&user.binary);
            command
        }
        None => Command::new(tally_bin()),
    };
    command
        .args([
            "note",
            file.to_str().unwrap(),
            "14",
            text,
            "--date",
            "2023-11-20",
        ])
        .env("HOME", file.parent().unwrap())
        .env("TALLY_DATA_DIR", file.parent().unwrap());
    command
}

fn notes_on_14(file: &Path) -> Vec<String> {
    let doc = tally::store::load(file).unwrap().doc;
    let item = &doc.items()[doc.position("14").unwrap()];
    item.progress.iter().map(|n| n.text.to_string()).collect()
}

/// The save was refused: exit 1, `message` on stderr, the file still the sample as copied.
fn assert_refused(output: &Output, message: &str, file: &Path) {
    assert_eq!(code(output), 1);
    assert!(stderr(output).contains(message), "{}", stderr(output));
    assert_unchanged(file);
}

fn assert_unchanged(file: &Path) {
    assert_eq!(fs::read_to_string(file).unwrap(), tally::store::SAMPLE_JSON);
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_save_through_a_symbolic_link_writes_the_target_in_its_own_folder() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    fs::create_dir(&real).unwrap();
    let target = sample_copy(&real);
    let links = dir.path().join("links");
    fs::create_dir(&links).unwrap();
    let link = links.join("report.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let output = note_as(None, &link, "经由链接保存");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(notes_on_14(&target).contains(&"经由链接保存".to_string()));
    assert_eq!(
        fs::read_dir(&links).unwrap().count(),
        1,
        "nothing else in the link's folder"
    );
}

#[test]
fn a_file_with_several_hard_links_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let other = dir.path().join("other-name.json");
    fs::hard_link(&file, &other).unwrap();
    let output = note_as(None, &file, "不应写入");
    assert_refused(&output, "has 2 hard links", &file);
    assert_eq!(
        fs::metadata(&file).unwrap().nlink(),
        2,
        "the links are not split"
    );
}

#[test]
fn a_file_without_write_permission_is_not_saved_even_by_root() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    chmod(&file, 0o444);
    let output = note_as(None, &file, "不应写入");
    assert_refused(&output, "read-only", &file);
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn in_the_interface_a_read_only_file_keeps_the_edit_until_it_may_be_written() {
    if !common::tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    // Read-only once open (a file read-only from the start opens read-only: see e2e_config).
    let tmux = common::Tmux::open(&file, 120, 40);
    chmod(&file, 0o444);
    tmux.keys(&["s", "d"]);
    tmux.wait_for("read-only");
    assert_unchanged(&file);
    chmod(&file, 0o640);
    tmux.keys(&["C-s"]);
    tmux.wait_for("saved report.json");
    let doc = tally::store::load(&file).unwrap().doc;
    assert_eq!(doc.items()[0].status, tally::model::Status::Done);
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o640
    );
    tmux.keys(&["q"]);
    tmux.assert_exited_cleanly(0);
}

#[test]
fn mode_group_and_owner_are_kept_where_permitted() {
    let Some(user) = test_user() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o777);
    let file = sample_copy(dir.path());
    std::os::unix::fs::chown(&file, Some(user.uid), Some(user.team)).unwrap();
    chmod(&file, 0o2664);
    // Root saving another user's file: the owner, group and mode stay.
    let output = note_as(None, &file, "根用户保存");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "nothing to say");
    let meta = fs::metadata(&file).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (user.uid, user.team));
    assert_eq!(meta.permissions().mode() & 0o7777, 0o2664);
    // The owner saving: the same.
    let output = note_as(Some(&user), &file, "本人保存");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let meta = fs::metadata(&file).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (user.uid, user.team));
    assert_eq!(meta.permissions().mode() & 0o7777, 0o2664);
    assert_eq!(notes_on_14(&file).len(), 6);
}

#[test]
fn another_users_save_changes_the_owner_says_so_once_and_keeps_mode_and_group() {
    let Some(user) = test_user() else {
        return;
    };
    let (_dir, file) = roots_file_in_a_shared_folder(&user);
    let output = note_as(Some(&user), &file, "组员保存");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let said = stderr(&output);
    assert!(
        said.contains(&format!("now belongs to {USER} (was root)"))
            && said.contains("mode and group are kept"),
        "{said}"
    );
    let meta = fs::metadata(&file).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (user.uid, user.team));
    assert_eq!(
        meta.permissions().mode() & 0o777,
        0o664,
        "the team can still write"
    );
    let again = note_as(Some(&user), &file, "再次保存");
    assert_eq!(code(&again), 0);
    assert_eq!(stderr(&again), "", "said once");
    assert_eq!(notes_on_14(&file).len(), 6);
}

#[test]
fn in_the_interface_another_users_save_says_once_that_the_owner_changed() {
    let Some(user) = test_user() else {
        return;
    };
    if !common::tmux_available() {
        return;
    }
    let (dir, file) = roots_file_in_a_shared_folder(&user);
    let command = format!(
        "setpriv --reuid={} --regid={} --init-groups env HOME={dir} TALLY_DATA_DIR={dir} NO_COLOR=1 {} {}; sleep 600",
        user.uid,
        user.gid,
        common::quote(&user.binary.display().to_string()),
        common::quote(&file.display().to_string()),
        dir = common::quote(&dir.path().display().to_string()),
    );
    let tmux = common::Tmux::start(&command, 140, 40);
    tmux.wait_for("Items 1/8");
    tmux.keys(&["s", "d"]);
    tmux.wait_for(&format!("now belongs to {USER} (was root)"));
    // The next save is the owner's own: nothing more to say.
    tmux.keys(&["j", "s", "b"]);
    tmux.wait_until("the second save", 15, |s| {
        s.contains("saved report.json") && !s.contains("now belongs to")
    });
    let meta = fs::metadata(&file).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (user.uid, user.team));
    assert_eq!(meta.permissions().mode() & 0o777, 0o664);
    let doc = tally::store::load(&file).unwrap().doc;
    assert_eq!(doc.items()[0].status, tally::model::Status::Done);
    assert_eq!(doc.items()[1].status, tally::model::Status::Blocked);
    tmux.keys(&["q"]);
}

#[test]
fn forty_writers_in_a_folder_they_cannot_lock_keep_every_note() {
    let Some(user) = test_user() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    chmod(&file, 0o666);
    chmod(dir.path(), 0o733);
    const WRITERS: usize = 40;
    let children: Vec<_> = (0..WRITERS)
        .map(|n| {
            let file = file.clone();
            let user = user.clone();
            std::thread::spawn(move || note_as(Some(&user), &file, &format!("并发 {n}")))
        })
        .collect();
    for child in children {
        let output = child.join().unwrap();
        assert_eq!(code(&output), 0, "{}", stderr(&output));
    }
    let notes = notes_on_14(&file);
    for n in 0..WRITERS {
        assert!(notes.contains(&format!("并发 {n}")), "note {n} was lost");
    }
    assert_eq!(notes.len(), 4 + WRITERS);
}

#[test]
fn with_no_lock_to_be_had_the_edit_fails_with_exit_1() {
    let Some(user) = test_user() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    // Writable but not readable by the user, in a folder the user cannot open: nothing to lock.
    chmod(&file, 0o622);
    chmod(dir.path(), 0o733);
    let output = note_as(Some(&user), &file, "无锁");
    assert_refused(&output, "could not lock", &file);
}

/// A second user, a member of a second group, with a copy of the binary it may run.
#[derive(Clone)]
struct TestUser {
    uid: u32,
    gid: u32,
    team: u32,
    binary: PathBuf,
}

/// The test user, created on first use; `None` (with a notice) when not root outside CI.
fn test_user() -> Option<TestUser> {
    static USER_: OnceLock<Option<TestUser>> = OnceLock::new();
    USER_.get_or_init(make_user).clone()
}

fn make_user() -> Option<TestUser> {
    let root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if !root {
        assert!(
            std::env::var_os("CI").is_none(),
            "the tests with a second user run as root on CI"
        );
        eprintln!("SKIPPED: not root; the tests with a second user did not run");
        return None;
    }
    let run = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !run("getent", &["group", TEAM]) {
        assert!(run("groupadd", &[TEAM]), "groupadd {TEAM}");
    }
    if !run("id", &["-u", USER]) {
        assert!(
            run(
                "useradd",
                &["--no-create-home", "--shell", "/usr/sbin/nologin", USER]
            ),
            "useradd {USER}"
        );
    }
    assert!(run("usermod", &["-a", "-G", TEAM, USER]), "usermod");
    let id = |flag: &str, name: &str| -> u32 {
        let output = Command::new("id").args([flag, name]).output().unwrap();
        String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .unwrap()
    };
    let team = Command::new("getent")
        .args(["group", TEAM])
        .output()
        .unwrap();
    let team = String::from_utf8_lossy(&team.stdout);
    let team: u32 = team.split(':').nth(2).unwrap().parse().unwrap();
    // The build folder may sit where the user cannot reach (a home folder); run a copy, and
    // remove the copies earlier runs left.
    let prefix = "tally-fs-test-bin-";
    for entry in fs::read_dir(std::env::temp_dir()).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with(prefix) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
    let place = std::env::temp_dir().join(format!("{prefix}{}", std::process::id()));
    fs::create_dir_all(&place).unwrap();
    chmod(&place, 0o755);
    let binary = place.join("tally");
    fs::copy(tally_bin(), &binary).unwrap();
    chmod(&binary, 0o755);
    Some(TestUser {
        uid: id("-u", USER),
        gid: id("-g", USER),
        team,
        binary,
    })
}

#[test]
fn the_owner_notice_reads_in_the_session_language() {
    let Some(user) = test_user() else {
        return;
    };
    let (_dir, file) = roots_file_in_a_shared_folder(&user);
    let output = note_command(Some(&user), &file, "组员保存")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let said = stderr(&output);
    assert_eq!(
        said,
        format!("tally: report.json 现在归保存者 {USER} 所有（原为 root）；权限和所属组保持不变\n")
    );
}

/// The sample in a folder everyone may write in, owned by root and writable by `user`'s group.
fn roots_file_in_a_shared_folder(user: &TestUser) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o777);
    let file = sample_copy(dir.path());
    std::os::unix::fs::chown(&file, Some(0), Some(user.team)).unwrap();
    chmod(&file, 0o664);
    (dir, file)
}
