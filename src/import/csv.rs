//! Items to and from a spreadsheet as CSV, one item a row under the header
//! `id,title,goal,lead,status,due,tags`. Tags share one cell, separated by `;`. The writer quotes
//! as RFC 4180 says; the reader accepts either line ending, a byte-order mark, quoted fields over
//! several lines, columns in any order, and Chinese column names (编号, 标题, 目标, 牵头, 状态,
//! 截止, 标签).

use super::header::parse_loose_date;
use super::{ImportError, Warning};
use crate::model::{Date, Item, Status, TAG_COMMAS, split_tags};

/// The columns, in the order the writer puts them.
pub const COLUMNS: [&str; 7] = ["id", "title", "goal", "lead", "status", "due", "tags"];

/// A UTF-8 byte-order mark: put before CSV saved to a file, so spreadsheet programs read its
/// Chinese text as UTF-8.
pub const BOM: &str = "\u{feff}";

/// The items as CSV text, header row first, lines ending in CRLF as RFC 4180 has it.
pub fn write_items(items: &[Item]) -> String {
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    for item in items {
        let due = item.due.map(|d| d.to_string()).unwrap_or_default();
        let cells = [
            item.id.as_str(),
            item.title.as_str(),
            item.goal.as_deref().unwrap_or(""),
            item.lead.as_deref().unwrap_or(""),
            item.status.as_str(),
            due.as_str(),
            &tags_cell(&item.tags),
        ];
        let row: Vec<String> = cells.iter().map(|c| quote(&neutralise(c))).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The characters that make a spreadsheet read a cell as a formula (or a control that starts one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell a spreadsheet would run as a formula, with a `'` before it so it is shown as text.
/// Plain numbers (`-12.5`) are left as they are. A cell that already starts with `'`s followed by
/// a formula character gets one more, so [`restore`] gives back exactly what was written.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_mark(cell) && !is_plain_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The text of a cell read from a CSV: a leading `'` is taken off only where `'`s and then a
/// formula character follow it (what [`neutralise`] adds); any other `'` is the text's own.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_mark(rest) => rest,
        _ => cell,
    }
}

fn needs_mark(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// `-12`, `+3.5`, `.5`: a number a spreadsheet reads as a number, not a formula.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let mut points = 0;
    let mut seen_digit = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => seen_digit = true,
            '.' => points += 1,
            _ => return false,
        }
    }
    seen_digit && points <= 1
}

fn quote(cell: &str) -> String {
    let plain = !cell.contains([',', '"', '\r', '\n']) && cell.trim() == cell;
    if plain {
        cell.to_string()
    } else {
        format!("\"{}\"", cell.replace('"', "\"\""))
    }
}

/// One row as read: `None` for an empty cell or a column the file does not have.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub line: usize,
    pub id: Option<String>,
    pub title: Option<String>,
    pub goal: Option<String>,
    pub lead: Option<String>,
    pub status: Option<Status>,
    pub due: Option<Date>,
    pub tags: Option<Vec<String>>,
    /// A status cell that is not a status, as written.
    pub unread_status: Option<String>,
    /// A due cell that is not a date, as written.
    pub unread_due: Option<String>,
}

/// Reads the rows of a CSV file. Fails when the text is not CSV tally can read: no header with an
/// `id` column, or a quote that never closes. Cells it cannot read become warnings.
pub fn read_rows(text: &str) -> Result<(Vec<Row>, Vec<Warning>), ImportError> {
    let records = records(text.strip_prefix('\u{feff}').unwrap_or(text))?;
    let mut records = records.into_iter();
    let (header_line, header) = records.next().ok_or(ImportError::Csv {
        line: 1,
        message: crate::lang::Phrase::new("import.csv_empty"),
    })?;
    let mut warnings = Vec::new();
    let columns: Vec<Option<usize>> = header
        .iter()
        .map(|name| {
            let column = column_index(name);
            if column.is_none() && !name.trim().is_empty() {
                warnings.push(Warning::new(
                    header_line,
                    format!("column `{}` is not one tally knows; ignored", name.trim()),
                ));
            }
            column
        })
        .collect();
    if !columns.contains(&Some(0)) {
        return Err(ImportError::Csv {
            line: header_line,
            message: crate::lang::Phrase::new("import.csv_no_id"),
        });
    }
    let mut rows = Vec::new();
    for (line, cells) in records {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push(read_row(line, &cells, &columns, &mut warnings));
    }
    Ok((rows, warnings))
}

fn column_index(name: &str) -> Option<usize> {
    const ALIASES: [&[&str]; 7] = [
        &["id", "编号", "序号", "项"],
        &["title", "标题", "名称"],
        &["goal", "目标", "任务", "内容"],
        &["lead", "牵头", "牵头部门", "牵头单位", "责任单位"],
        &["status", "状态"],
        &["due", "截止", "截止日期", "期限"],
        &["tags", "标签"],
    ];
    let name = name.trim().to_lowercase();
    ALIASES
        .iter()
        .position(|names| names.contains(&name.as_str()))
}

fn read_row(
    line: usize,
    cells: &[String],
    columns: &[Option<usize>],
    warnings: &mut Vec<Warning>,
) -> Row {
    let mut row = Row {
        line,
        ..Row::default()
    };
    for (cell, column) in cells.iter().zip(columns) {
        let value = restore(cell.trim());
        if value.trim().is_empty() {
            continue;
        }
        let text = Some(value.to_string());
        match column {
            Some(0) => row.id = text,
            Some(1) => row.title = text,
            Some(2) => row.goal = text,
            Some(3) => row.lead = text,
            Some(4) => {
                row.status = read_status(value);
                row.unread_status = row.status.is_none().then(|| value.to_string());
            }
            Some(5) => {
                row.due = read_date(value);
                row.unread_due = row.due.is_none().then(|| value.to_string());
            }
            Some(6) => row.tags = Some(split_tags(value)),
            _ => {}
        }
    }
    if cells.len() > columns.len() {
        warnings.push(Warning::new(
            line,
            "more cells than header columns; the extra ones are ignored",
        ));
    }
    row
}

fn read_status(value: &str) -> Option<Status> {
    Status::from_word(value).ok()
}

fn read_date(value: &str) -> Option<Date> {
    let normalised: String = value.chars().map(super::text::normalize).collect();
    parse_loose_date(&normalised)
}

/// The tags in one cell, separated by `;`. When a tag holds a comma or `、`, the cell ends in `;`
/// so that [`split_tags`] splits it at semicolons only.
fn tags_cell(tags: &[String]) -> String {
    let mut cell = tags.join(";");
    if tags.iter().any(|t| t.contains(TAG_COMMAS)) {
        cell.push(';');
    }
    cell
}

/// Splits CSV text into records of cells, each with the line it starts on.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    let mut out = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut line, mut start_line) = (1, 1);
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut quote_line = 1;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
                quote_line = line;
            }
            '\r' | '\n' if !quoted => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cells.push(std::mem::take(&mut cell));
                out.push((start_line, std::mem::take(&mut cells)));
                line += 1;
                start_line = line;
            }
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            _ => {
                if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                    line += 1;
                }
                cell.push(c);
            }
        }
    }
    if quoted {
        return Err(ImportError::Csv {
            line: quote_line,
            message: crate::lang::Phrase::new("import.csv_unclosed"),
        });
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        out.push((start_line, cells));
    }
    Ok(out)
}

pub use super::csv_rows::{merge_rows, rows_to_document};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn item(id: &str, title: &str) -> Item {
        Item::new(id, title)
    }

    #[test]
    fn writes_quoted_cells_and_reads_them_back() {
        let mut a = item("10", "主场外交, \"国事\"活动");
        a.goal = Some("第一行\n第二行".into());
        a.lead = Some("市外办".into());
        a.status = Status::AtRisk;
        a.due = Some("2023-12-31".parse().unwrap());
        a.tags = vec!["国事活动".into(), "服务保障".into()];
        let b = item("11", " 前后有空格 ");
        let text = format!("{BOM}{}", write_items(&[a.clone(), b.clone()]));
        assert!(text.starts_with("\u{feff}id,title,goal,lead,status,due,tags\r\n"));
        let (rows, warnings) = read_rows(&text).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let (doc, _) = rows_to_document(&rows, "t");
        assert_eq!(doc.items()[0], a);
        assert_eq!(doc.items()[1].title, "前后有空格");
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn reads_loose_spreadsheets() {
        let text = "编号,标题,状态,截止,备注\n1,甲,on track,2023/9/30,x\n,乙,进行,2023-02-30,\n\n";
        let (rows, warnings) = read_rows(text).unwrap();
        let (doc, more) = rows_to_document(&rows, "t");
        assert_eq!(doc.items().len(), 2);
        assert_eq!(doc.items()[0].status, Status::OnTrack);
        assert_eq!(
            doc.items()[0].due.map(|d| d.to_string()).as_deref(),
            Some("2023-09-30")
        );
        assert_eq!(doc.items()[1].id, "2");
        let lines: Vec<usize> = warnings.iter().chain(&more).map(|w| w.line).collect();
        assert_eq!(lines, [1, 3, 3, 3]);
    }

    #[test]
    fn unreadable_files_are_errors() {
        assert!(matches!(
            read_rows(""),
            Err(ImportError::Csv { line: 1, .. })
        ));
        assert!(matches!(
            read_rows("title\nx"),
            Err(ImportError::Csv { line: 1, .. })
        ));
        assert!(matches!(
            read_rows("id\n\"1"),
            Err(ImportError::Csv { line: 2, .. })
        ));
    }

    #[test]
    fn merging_rows_updates_filled_cells_and_adds_new_rows() {
        let mut doc = Document::new("t");
        let mut one = item("1", "甲");
        one.lead = Some("市外办".into());
        doc.push(one).unwrap();
        doc.push(item("2", "乙")).unwrap();
        let (rows, _) =
            read_rows("id,title,lead,status\n1,甲改,,done\n2,乙,,\n3,丙,,\n,丁,,").unwrap();
        let report = merge_rows(&mut doc, &rows);
        assert_eq!(report.updated_items, ["1"]);
        assert_eq!(report.added_items, ["3", "4"]);
        assert_eq!(doc.items()[0].title, "甲改");
        assert_eq!(doc.items()[0].lead.as_deref(), Some("市外办"));
        assert_eq!(doc.items()[0].status, Status::Done);
        assert!(merge_rows(&mut doc, &rows[..3]).is_empty());
    }
}
