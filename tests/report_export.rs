//! `tally export --format report` and `--format docx`: the text compared with golden files
//! (`UPDATE_GOLDEN=1 cargo test --test report_export` rewrites them after a deliberate change),
//! and the Word document read back as a zip and, when pandoc is installed, by pandoc.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::{run_tally, sample_copy};

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

fn points_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report/points.json")
}

/// Runs `tally export FILE --format report ARGS…` and compares standard output with the golden
/// file `name`.
fn assert_golden(file: &Path, args: &[&str], name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["export", file.to_str().unwrap(), "--format", "report"];
    all.extend_from_slice(args);
    let output = run_tally(&all, dir.path());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let path = golden(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, expected, "differs from {}", path.display());
}

#[test]
fn the_sample_over_its_whole_period() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    assert_golden(&file, &["--date", "2023-10-07"], "sample-report.txt");
}

#[test]
fn the_sample_over_part_of_its_period() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    assert_golden(
        &file,
        &["--period", "2023-H1", "--date", "2023-07-10"],
        "sample-report-2023-h1.txt",
    );
    assert_golden(
        &file,
        &["--period", "2023-07-01..2023-09-30", "--date", "2023-10-08"],
        "sample-report-2023-q3.txt",
    );
}

#[test]
fn twenty_points_items_without_progress_and_a_placeholder_of_ones_own() {
    let file = points_fixture();
    assert_golden(
        &file,
        &["--period", "2024-H1", "--date", "2024-07-05"],
        "points-2024-h1.txt",
    );
    assert_golden(
        &file,
        &[
            "--period",
            "2024-Q3",
            "--date",
            "2024-10-08",
            "--title",
            "示例单位第三季度报告",
            "--placeholder",
            "本季度无进展。",
        ],
        "points-2024-q3.txt",
    );
}

#[test]
fn report_options_belong_to_report_formats() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let f = file.to_str().unwrap();
    let refused = [
        vec!["export", f, "--format", "csv", "--period", "2023"],
        vec!["export", f, "--format", "markdown", "--placeholder", "无"],
        vec!["export", f, "--format", "docx"],
    ];
    for args in refused {
        let output = run_tally(&args, dir.path());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    let bad = run_tally(
        &["export", f, "--format", "report", "--period", "2023-Q5"],
        dir.path(),
    );
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("2024-Q3"), "{stderr}");
}

#[test]
fn a_report_file_is_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let out = dir.path().join("next.txt");
    let args = [
        "export",
        file.to_str().unwrap(),
        "--format",
        "report",
        "-o",
        out.to_str().unwrap(),
    ];
    let first = run_tally(&args, dir.path());
    assert_eq!(first.status.code(), Some(0));
    let said = String::from_utf8_lossy(&first.stdout);
    assert!(
        said.contains("Wrote the report of 8 items for 2023-01-01..2023-09-30 to"),
        "{said}"
    );
    assert!(std::fs::read_to_string(&out).unwrap().contains("第126项:"));
    let again = run_tally(&args, dir.path());
    assert_eq!(again.status.code(), Some(2));
}

/// The docx written for the sample, and its `word/document.xml`.
fn sample_docx(dir: &Path) -> (PathBuf, String) {
    let file = sample_copy(dir);
    let out = dir.join("next.docx");
    let output = run_tally(
        &[
            "export",
            file.to_str().unwrap(),
            "--format",
            "docx",
            "--date",
            "2023-10-07",
            "-o",
            out.to_str().unwrap(),
        ],
        dir,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    (out, xml)
}

#[test]
fn the_docx_holds_the_headings_and_text_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (_, xml) = sample_docx(dir.path());
    let in_order = [
        "Heading1",
        "北京市人民政府外事办公室2023年市政府工作报告重点任务前三季度进展情况",
        "日期:2023-10-07",
        "来源:北京外办",
        "Heading2",
        "第10项",
        "健全完善元首外交综合服务保障",
        "进展情况:一是做好第三届“一带一路”国际合作高峰论坛服务保障工作。二是做好党宾国宾接待工作。",
        "第13项",
        "主要指标:提升高品质人才社区0个;国际医疗服务试点医院8家。",
        "第126项",
        "三是配合开展京港洽谈会筹备工作。",
    ];
    let mut from = 0;
    for text in in_order {
        let at = xml[from..]
            .find(text)
            .unwrap_or_else(|| panic!("`{text}` missing or out of order"));
        from += at + text.len();
    }
    assert_eq!(
        xml.matches("w:val=\"Heading2\"").count(),
        8,
        "one heading per item"
    );
    // A4, and SimSun for East Asian text
    assert!(
        xml.contains("w:w=\"11906\"") && xml.contains("w:h=\"16838\""),
        "{xml}"
    );
}

#[test]
fn the_docx_styles_use_simsun() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = sample_docx(dir.path());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut styles = String::new();
    archive
        .by_name("word/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("w:eastAsia=\"SimSun\""), "{styles}");
    assert!(styles.contains("w:styleId=\"Heading2\""), "{styles}");
}

/// pandoc is large and not installed for CI; where it is, it reads the document independently.
#[test]
fn pandoc_reads_the_docx() {
    let found = std::process::Command::new("pandoc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("pandoc is not installed: skipping the independent reading of the docx");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = sample_docx(dir.path());
    let output = std::process::Command::new("pandoc")
        .args(["-f", "docx", "-t", "markdown", "--wrap=none"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let in_order = [
        "# 北京市人民政府外事办公室2023年市政府工作报告重点任务前三季度进展情况",
        "日期:2023-10-07",
        "## 第10项",
        "健全完善元首外交综合服务保障",
        "## 第11项",
        "## 第126项",
        "进展情况:一是扎实推动京港合作会议第五次会议筹备工作。",
    ];
    let mut from = 0;
    for line in in_order {
        let at = text[from..]
            .find(line)
            .unwrap_or_else(|| panic!("`{line}` missing or out of order in\n{text}"));
        from += at + line.len();
    }
}
