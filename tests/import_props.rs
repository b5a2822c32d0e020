//! Whatever text it is given, the importer never panics, and what it produces is a valid file that
//! merging into itself leaves unchanged.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use proptest::prelude::*;
use tally::import::csv::{read_rows, rows_to_document};
use tally::import::{Options, import_report, merge};
use tally::store::{parse_document, write_document};

/// Pieces real reports are made of, to build text that reaches deep into the parser.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "第",
        "项",
        "項",
        ":",
        ":",
        "、",
        "进展情况",
        "進展情況",
        "一是",
        "二是",
        "三是",
        "十一是",
        "是",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "。",
        ";",
        ";",
        ",",
        ",",
        "月",
        "日",
        "年",
        "号",
        "%",
        "%",
        "个",
        "家",
        "条",
        "亿元",
        "万",
        "余",
        "第16届",
        "(",
        ")",
        "(",
        ")",
        "牵头部门",
        "责任单位",
        "“",
        "”",
        "《",
        "》",
        "日期:",
        "来源:",
        "前三季度",
        "上半年",
        "1-11月份",
        "已完成",
        "正在",
        "\u{feff}",
        "\u{3000}",
        " ",
        "以",
        "为",
        "等",
        "完成",
        "的",
        "2023",
        "7月28日",
        "2月30日",
        "十",
        "百",
        "零",
        "2,400",
        "1.5",
        "-",
        ".",
        "9999999999999999999999",
    ]);
    prop_oneof![
        fixed.prop_map(str::to_string),
        "[0-9]{1,6}",
        "[\\u4e00-\\u4e2f]{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn pieces(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max).prop_map(|pieces| pieces.concat())
}

/// An item: a `第N项` line in one of its spellings, then report-like text, maybe with a label.
fn item() -> impl Strategy<Value = String> {
    let start = prop_oneof![
        (0u32..200).prop_map(|n| format!("第{n}项:")),
        (0u32..200).prop_map(|n| format!("第{n}项")),
        (0u32..200).prop_map(|n| format!("第 {n} 項 :")),
        Just("第十二项、".to_string()),
    ];
    let label = prop::sample::select(vec![
        "",
        "\n进展情况:",
        "\n\n进展情况",
        "進展情況:",
        "。进展情况",
    ]);
    (start, pieces(20), label, pieces(30))
        .prop_map(|(start, goal, label, progress)| format!("{start}{goal}{label}{progress}"))
}

fn report_text() -> impl Strategy<Value = String> {
    (pieces(12), prop::collection::vec(item(), 0..6), pieces(6))
        .prop_map(|(header, items, tail)| format!("{header}\n{}\n{tail}", items.join("\n")))
}

fn options() -> Options {
    Options {
        year: None,
        fallback_date: "2024-01-01".parse().ok(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_never_panics(text in any::<String>()) {
        let _ = import_report(&text, &options());
        let _ = import_report(&text, &Options::default());
        let _ = read_rows(&text);
    }

    #[test]
    fn report_like_text_imports_to_a_valid_file(text in report_text()) {
        let imported = import_report(&text, &options());
        let has_item = text.lines().any(|l| l.trim_start().starts_with('第') && (l.contains('项') || l.contains('項')));
        let Ok(imported) = imported else {
            return Ok(());
        };
        prop_assert!(has_item);
        let written = write_document(&imported.doc);
        let reread = parse_document(Arc::from(written.as_str()));
        prop_assert!(reread.is_ok(), "{:?}\n{}", reread.err(), written);
        let mut file = reread.unwrap_or_default();
        let report = merge(&mut file, &imported.doc, imported.report_date);
        prop_assert!(report.is_empty(), "{:?}", report);
        prop_assert_eq!(write_document(&file), written);
    }

    #[test]
    fn report_like_text_with_a_year_never_panics(text in report_text(), year in -300_000i32..300_000) {
        let options = Options { year: Some(year), fallback_date: None };
        let _ = import_report(&text, &options);
    }

    #[test]
    fn csv_like_text_never_panics(cells in prop::collection::vec(
        prop_oneof![Just("\"".to_string()), Just(",".to_string()), Just("\n".to_string()),
                    Just("\r\n".to_string()), Just("id".to_string()), Just("status".to_string()),
                    Just("due".to_string()), Just("tags".to_string()), Just("done".to_string()),
                    Just("2023-02-30".to_string()), "[a-z0-9;、]{0,5}"],
        0..60,
    )) {
        let text = cells.concat();
        if let Ok((rows, _)) = read_rows(&text) {
            let (doc, _) = rows_to_document(&rows, "t");
            let written = write_document(&doc);
            prop_assert!(parse_document(Arc::from(written.as_str())).is_ok(), "{}", written);
        }
    }
}
