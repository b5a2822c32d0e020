//! Several files at once from the command line: `list --with-file` names each item's file, and
//! `show`, `note` and `set` take `FILE:ID` (or a folder and an id found in one file only).

mod common;

use std::path::Path;
use std::process::Output;

fn run(dir: &Path, args: &[&str]) -> Output {
    common::run_tally(args, dir)
}

fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn err(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A folder with the sample twice (`a.json`, `b.json`, the same ids) and a small third file.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.json"), tally::store::SAMPLE_JSON).expect("a");
    std::fs::write(dir.path().join("b.json"), tally::store::SAMPLE_JSON).expect("b");
    let c = dir.path().join("c.json").display().to_string();
    assert!(
        run(dir.path(), &["new", &c, "--title", "丙"])
            .status
            .success()
    );
    assert!(
        run(dir.path(), &["add", &c, "--title", "独有", "--id", "900"])
            .status
            .success()
    );
    dir
}

#[test]
fn with_file_puts_file_colon_id_first_and_without_it_nothing_changes() {
    let dir = workspace();
    let folder = dir.path().display().to_string();
    let plain = out(&run(dir.path(), &["list", &folder]));
    let first = plain.lines().next().unwrap_or_default();
    assert!(first.starts_with("10\ton_track\t"), "{first}");
    let with = out(&run(dir.path(), &["list", &folder, "--with-file"]));
    assert_eq!(with.lines().count(), plain.lines().count());
    let a = dir.path().join("a.json").display().to_string();
    let c = dir.path().join("c.json").display().to_string();
    assert!(
        with.lines()
            .next()
            .is_some_and(|l| l == format!("{a}:{first}"))
    );
    assert!(with.contains(&format!("{c}:900\ttodo\t独有\n")), "{with}");
}

#[test]
fn file_colon_id_from_the_list_works_in_show_note_and_set() {
    let dir = workspace();
    let folder = dir.path().display().to_string();
    let listed = out(&run(
        dir.path(),
        &["list", &folder, "--with-file", "-q", "id:13"],
    ));
    let refs: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(refs.len(), 2, "{listed}");
    let b13 = refs[1];
    assert!(b13.ends_with("b.json:13"), "{b13}");
    let shown = run(dir.path(), &["show", b13]);
    assert!(shown.status.success(), "{}", err(&shown));
    assert!(out(&shown).starts_with("13 · "));
    let noted = run(dir.path(), &["note", b13, "只在乙", "--by", "王芳"]);
    assert!(noted.status.success(), "{}", err(&noted));
    let set = run(dir.path(), &["set", b13, "status=done"]);
    assert!(set.status.success(), "{}", err(&set));
    let b = std::fs::read_to_string(dir.path().join("b.json")).expect("b");
    let a = std::fs::read_to_string(dir.path().join("a.json")).expect("a");
    assert!(b.contains("只在乙") && !a.contains("只在乙"));
    assert_eq!(a, tally::store::SAMPLE_JSON, "the other file is untouched");
}

#[test]
fn an_id_in_several_files_of_a_folder_is_an_error_listing_them() {
    let dir = workspace();
    let folder = dir.path().display().to_string();
    for args in [
        vec!["show", folder.as_str(), "13"],
        vec!["note", folder.as_str(), "13", "x"],
        vec!["set", folder.as_str(), "13", "status=done"],
    ] {
        let output = run(dir.path(), &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let text = err(&output);
        assert!(text.starts_with("id \"13\" is in 2 files: "), "{text}");
        assert!(
            text.contains("a.json:13") && text.contains("b.json:13"),
            "{text}"
        );
        assert!(text.contains("give FILE:ID"), "{text}");
    }
    // an id only one file has is found in the folder
    let unique = run(dir.path(), &["set", &folder, "900", "status=done"]);
    assert!(unique.status.success(), "{}", err(&unique));
    let c = out(&run(
        dir.path(),
        &["list", &dir.path().join("c.json").display().to_string()],
    ));
    assert_eq!(c, "900\tdone\t独有\n");
}

#[test]
fn a_reference_to_no_file_says_what_is_expected() {
    let dir = workspace();
    let output = run(dir.path(), &["show", "nowhere.json:13"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("no such file (give PATH ID, or FILE:ID)"));
    let a = dir.path().join("a.json").display().to_string();
    let output = run(dir.path(), &["show", &a]);
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("give the item's id too"));
}

#[test]
fn list_query_takes_the_file_filter() {
    let dir = workspace();
    let folder = dir.path().display().to_string();
    let output = run(
        dir.path(),
        &["list", &folder, "--with-file", "-q", "file:b.json id:13"],
    );
    let listed = out(&output);
    assert_eq!(listed.lines().count(), 1, "{listed}");
    assert!(listed.contains("b.json:13\t"), "{listed}");
    let others = out(&run(dir.path(), &["list", &folder, "-q", "!file:a.json"]));
    assert_eq!(others.lines().count(), 9, "b's eight and c's one: {others}");
}
