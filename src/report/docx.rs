//! A [`Draft`] as a Word document (docx), as such reports circulate for review: A4, SimSun
//! (宋体) for Chinese text, the title as the first-level heading, a second-level heading per item, then the goal, the
//! progress and any readings as paragraphs.

use docx_rs::{AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Style, StyleType};

use super::draft::Draft;
use super::published::{PROGRESS_LABEL, readings_line};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// 2.54 cm margins.
const MARGIN: i32 = 1440;
/// Sizes in half-points: 三号 title, 四号 headings, 小四 text (the sizes of Chinese officialdom).
const TITLE_SIZE: usize = 32;
const HEADING_SIZE: usize = 28;
const TEXT_SIZE: usize = 24;

/// The style ids of the headings.
pub const TITLE_STYLE: &str = "Heading1";
pub const HEADING_STYLE: &str = "Heading2";

/// The document, packed; fails only if writing into memory fails.
pub fn docx(draft: &Draft) -> std::io::Result<Vec<u8>> {
    let fonts = RunFonts::new()
        .east_asia("SimSun")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman");
    // dated by the report, so the same draft gives the same file
    let stamp = format!("{}T00:00:00Z", draft.date);
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_fonts(fonts)
        .default_size(TEXT_SIZE)
        .created_at(&stamp)
        .updated_at(&stamp)
        .add_style(heading(TITLE_STYLE, "heading 1", TITLE_SIZE, 0).align(AlignmentType::Center))
        .add_style(heading(HEADING_STYLE, "heading 2", HEADING_SIZE, 1))
        .add_paragraph(styled(TITLE_STYLE, &draft.title))
        .add_paragraph(plain(&format!("日期:{}", draft.date)));
    if let Some(source) = &draft.source {
        doc = doc.add_paragraph(plain(&format!("来源:{source}")));
    }
    for section in &draft.sections {
        doc = doc
            .add_paragraph(styled(HEADING_STYLE, &section.heading))
            .add_paragraph(plain(&section.goal))
            .add_paragraph(plain(&format!("{PROGRESS_LABEL}:{}", section.progress)));
        if let Some(line) = readings_line(&section.readings) {
            doc = doc.add_paragraph(plain(&line));
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|err| std::io::Error::other(err.to_string()))?;
    Ok(out.into_inner())
}

fn heading(id: &str, name: &str, size: usize, level: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .size(size)
        .bold()
        .outline_lvl(level)
}

fn styled(style: &str, text: &str) -> Paragraph {
    plain(text).style(style)
}

fn plain(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{DraftOptions, draft};
    use crate::store::{SAMPLE_JSON, parse_document};

    fn sample_docx(date: &str) -> Vec<u8> {
        let doc = parse_document(SAMPLE_JSON.into()).unwrap();
        let items: Vec<_> = doc.items().iter().collect();
        let options = DraftOptions::dated(date.parse().unwrap());
        docx(&draft(&doc, &items, &options)).unwrap()
    }

    #[test]
    fn the_same_draft_gives_the_same_file() {
        let first = sample_docx("2023-10-07");
        assert_eq!(first, sample_docx("2023-10-07"));
        assert_ne!(first, sample_docx("2023-10-08"));
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(first)).unwrap();
        let mut core = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("docProps/core.xml").unwrap(),
            &mut core,
        )
        .unwrap();
        assert!(
            core.contains(">2023-10-07T00:00:00Z</dcterms:modified>"),
            "{core}"
        );
    }
}
