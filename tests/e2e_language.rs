//! End to end: the interface's language as a person gets it — from the locale, overridden by
//! `--lang` — while the file and what scripts read stay the same in every language.

#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;

use common::{Tmux, item_in, quote, read_doc, sample_copy, tally_bin, tmux_available};

fn open_with(
    env: &str,
    args: &str,
    width: u16,
    height: u16,
) -> Option<(tempfile::TempDir, std::path::PathBuf, Tmux)> {
    if !tmux_available() {
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = sample_copy(dir.path());
    let args = format!("{args} {}", quote(&file.display().to_string()));
    let tmux = Tmux::tally_with_env(&args, dir.path(), env, width, height);
    Some((dir, file, tmux))
}

#[test]
fn a_chinese_locale_gives_chinese_panes_hints_and_help() {
    let Some((_dir, _file, tmux)) = open_with("LANG=zh_CN.UTF-8", "", 80, 24) else {
        return;
    };
    let screen = tmux.wait_until("the Chinese screen", 15, |s| {
        s.contains("事项 1/8") && s.contains("q 退出")
    });
    for word in [
        "进展",
        "指标",
        "正常推进 7",
        "有风险 1",
        "? 帮助",
        "q 退出",
        "j/↓ 移动",
    ] {
        assert!(screen.contains(word), "{word} missing:\n{screen}");
    }
    assert!(
        !screen.contains("Items") && !screen.contains("Timeline"),
        "{screen}"
    );
    tmux.keys(&["?"]);
    let help = tmux.wait_for("按键");
    assert!(help.contains("主界面任意位置"), "{help}");
    tmux.keys(&["Escape"]);
    tmux.wait_until("help closed", 10, |s| !s.contains("按键"));
    tmux.quit();
}

#[test]
fn the_lang_flag_overrides_the_locale() {
    let Some((_dir, _file, tmux)) = open_with("LANG=zh_CN.UTF-8", "--lang en", 80, 24) else {
        return;
    };
    // the whole first frame: from the header to the footer's last hint
    let screen = tmux.wait_until("the English screen", 15, |s| {
        s.contains("Items 1/8") && s.contains("q quit")
    });
    assert!(
        screen.contains("Timeline") && screen.contains("Metrics"),
        "{screen}"
    );
    assert!(!screen.contains("事项"), "{screen}");
    tmux.quit();
}

#[test]
fn lc_all_wins_over_lang_and_traditional_locales_get_chinese() {
    let Some((_dir, _file, english)) = open_with("LC_ALL=en_US.UTF-8 LANG=zh_CN.UTF-8", "", 80, 24)
    else {
        return;
    };
    english.wait_for("Items 1/8");
    english.quit();
    let Some((_dir, _file, chinese)) = open_with("LANG=zh_TW.UTF-8", "", 80, 24) else {
        return;
    };
    chinese.wait_for("事项 1/8");
    chinese.quit();
}

#[test]
fn a_status_set_in_chinese_is_written_as_the_file_format_says() {
    let Some((_dir, file, tmux)) = open_with("", "--lang zh", 80, 24) else {
        return;
    };
    tmux.wait_for("事项 1/8");
    tmux.keys(&["s"]);
    tmux.wait_for("已取消");
    tmux.keys(&["b"]);
    tmux.wait_for("受阻 1");
    common::wait_for_doc(&file, "item 10 blocked on disk", |doc| {
        item_in(doc, "10").is_some_and(|item| item["status"] == "blocked")
    });
    tmux.quit();
    assert_eq!(
        item_in(&read_doc(&file), "10").unwrap()["status"],
        "blocked"
    );
}

#[test]
fn list_and_json_output_do_not_change_with_the_locale() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = sample_copy(dir.path());
    let run = |lang: &str, args: &[&str]| {
        let output = Command::new(tally_bin())
            .args(args)
            .arg(&file)
            .env("TALLY_DATA_DIR", dir.path())
            .env("LC_ALL", lang)
            .env("LANG", lang)
            .output()
            .expect("run tally");
        assert!(output.status.success(), "{output:?}");
        output.stdout
    };
    for args in [&["list"][..], &["list", "--json"][..]] {
        let english = run("C.UTF-8", args);
        let chinese = run("zh_CN.UTF-8", args);
        assert_eq!(english, chinese, "tally {args:?}");
    }
    let listed = String::from_utf8(run("zh_CN.UTF-8", &["list"])).unwrap();
    assert!(
        listed.contains("\ton_track\t") && !listed.contains("正常推进"),
        "{listed}"
    );
}

#[test]
fn an_unknown_language_is_a_usage_error_naming_the_choices() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = sample_copy(dir.path());
    let output = Command::new(tally_bin())
        .args(["--lang", "fr"])
        .arg(&file)
        .env("TALLY_DATA_DIR", dir.path())
        .output()
        .expect("run tally");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("'fr'") && stderr.contains("en, zh"),
        "{stderr}"
    );
}

#[test]
fn a_chinese_session_has_no_english_left_in_the_header_row_sync_and_dashboard() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = sample_copy(dir.path());
    std::fs::create_dir_all(dir.path().join("tally")).unwrap();
    std::fs::write(
        dir.path().join("tally/config.toml"),
        "date_format = \"%Y年%m月%d日\"\n",
    )
    .unwrap();
    let args = quote(&file.display().to_string());
    let tmux = Tmux::tally_with_env(&args, dir.path(), "LANG=zh_CN.UTF-8", 120, 40);
    let screen = tmux.wait_for("事项 1/8");
    assert!(screen.contains("号 状态 事项"), "{screen}");
    assert!(
        screen.contains("2023年01月01日 – 2023年09月30日"),
        "{screen}"
    );
    assert!(
        !screen.contains("title") && !screen.contains("lead"),
        "{screen}"
    );
    // The sample's folder is no git repository: the sync says so in Chinese.
    tmux.keys(&["S"]);
    let screen = tmux.wait_for("同步失败：");
    assert!(screen.contains("不在 git 仓库中"), "{screen}");
    tmux.keys(&["v", "v"]);
    let screen = tmux.wait_for("总览");
    assert!(screen.contains("指标：12 项（2 项有目标值"), "{screen}");
    assert!(!screen.contains("with a target"), "{screen}");
    tmux.quit();
    // The file keeps its dates as the format says.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"2023-09-30\""), "{text}");
}

#[test]
fn a_save_the_file_system_refuses_says_why_in_chinese() {
    use std::os::unix::fs::PermissionsExt;
    let Some((_dir, file, tmux)) = open_with("LANG=zh_CN.UTF-8", "", 160, 30) else {
        return;
    };
    tmux.wait_for("事项 1/8");
    // Read-only from now on: the next save is refused (mode bits bind root too).
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    tmux.keys(&["s", "d"]);
    let screen = tmux.wait_until("the refusal in Chinese", 15, |s| {
        s.contains("未保存：") && s.contains("是只读的")
    });
    assert!(
        !screen.contains("could not save") && !screen.contains("read-only"),
        "{screen}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        tally::store::SAMPLE_JSON
    );
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    tmux.keys(&["C-s"]);
    common::wait_for_doc(&file, "the retried save", |doc| {
        item_in(doc, "10").is_some_and(|item| item["status"] == "done")
    });
    tmux.quit();
}

#[test]
fn a_file_opened_read_only_says_why_in_chinese() {
    use std::os::unix::fs::PermissionsExt;
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = sample_copy(dir.path());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let args = quote(&file.display().to_string());
    let tmux = Tmux::tally_with_env(&args, dir.path(), "LANG=zh_CN.UTF-8", 160, 30);
    let screen = tmux.wait_for("report.json 是只读的（权限 444，不可写）");
    assert!(!screen.contains("is read-only"), "{screen}");
    tmux.quit();
}
