//! DOCX files → text: paragraphs and `w:tbl` tables with `gridSpan` / `vMerge`, read
//! from `word/document.xml` with the `zip` crate and [`markup::Scanner`]. Archives that
//! decompress beyond a sane bound (a zip bomb) are refused. The formatting elements,
//! about half of the document's tags, are passed over to their end tags unread.

use std::borrow::Cow;
use std::io::Read;

use super::markup::{self, local, Dialect, Item, Scanner};
use super::{Grid, TextOut};
use crate::Error;

/// The largest `word/document.xml` read, uncompressed (a report's is well under 2 MB).
pub(crate) const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;

/// The most memory reserved up front from `word/document.xml`'s declared size.
const PRESIZE_LIMIT: usize = 8 * 1024 * 1024;

fn bad(detail: impl std::fmt::Display) -> Error {
    Error::NotAReport(format!(
        "the file is a ZIP archive but not a readable DOCX document: {detail}"
    ))
}

/// Read the text of a DOCX file in the layout the grammar reads.
pub(crate) fn to_text(bytes: &[u8]) -> Result<String, Error> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    if let Some(xml) = document_xml_at_once(bytes, &mut zip) {
        return document_text(&xml);
    }
    let mut file = zip
        .by_name("word/document.xml")
        .map_err(|_| bad("it has no word/document.xml"))?;
    if file.size() > MAX_DOCUMENT_XML {
        return Err(Error::TooLarge {
            size: usize::try_from(file.size()).unwrap_or(usize::MAX),
            limit: MAX_DOCUMENT_XML as usize,
        });
    }
    // sized to the declared size up to a bound (what a lying header can make us
    // reserve), so that the reader fills it without growing it
    let declared = usize::try_from(file.size()).unwrap_or(usize::MAX);
    let mut xml = Vec::with_capacity(declared.min(PRESIZE_LIMIT) + 1);
    // never trust the declared size: stop reading past the bound (a zip bomb)
    (&mut file)
        .take(MAX_DOCUMENT_XML + 1)
        .read_to_end(&mut xml)
        .map_err(bad)?;
    if xml.len() as u64 > MAX_DOCUMENT_XML {
        return Err(Error::TooLarge {
            size: xml.len(),
            limit: MAX_DOCUMENT_XML as usize,
        });
    }
    document_text(&xml)
}

/// `word/document.xml` of a well-made file, read in one step: its compressed bytes
/// taken where they lie in `bytes` and inflated in one call into a buffer of the size
/// the archive declares (or borrowed as they are, when stored), then checked against
/// the declared checksum. The reader of the `zip` crate copies the same bytes
/// through a buffer of its own into one it has zeroed first, which cost about half
/// as much again as the inflating.
///
/// `None` for anything else (no such part, encrypted, another compression method, a
/// declared size beyond the bounds or not the true one, damaged data): the `zip`
/// crate's reader then reads the part, and says what is wrong.
fn document_xml_at_once<'a>(
    bytes: &'a [u8],
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
) -> Option<Cow<'a, [u8]>> {
    let index = zip.index_for_name("word/document.xml")?;
    let file = zip.by_index_raw(index).ok()?;
    if file.encrypted() || file.size() > PRESIZE_LIMIT as u64 {
        return None;
    }
    let start = usize::try_from(file.data_start()?).ok()?;
    let len = usize::try_from(file.compressed_size()).ok()?;
    let data = bytes.get(start..start.checked_add(len)?)?;
    let declared = usize::try_from(file.size()).ok()?;
    let xml = match file.compression() {
        zip::CompressionMethod::Stored if len == declared => Cow::Borrowed(data),
        zip::CompressionMethod::Deflated => {
            let mut xml = vec![0; declared];
            let n = miniz_oxide::inflate::decompress_slice_iter_to_slice(
                &mut xml,
                std::iter::once(data),
                false,
                true,
            )
            .ok()?;
            (n == declared).then_some(Cow::Owned(xml))?
        }
        _ => return None,
    };
    (crc32fast::hash(&xml) == file.crc32()).then_some(xml)
}

/// Convert `word/document.xml` to text.
pub(crate) fn document_text(xml: &[u8]) -> Result<String, Error> {
    let xml = super::encoding::utf8_str(xml)
        .map_err(|e| bad(format!("word/document.xml is not UTF-8: {e}")))?;
    let mut out = TextOut::default();
    let mut para = String::new();
    let mut tables: Vec<Grid> = Vec::new();
    let mut in_text = false;
    let mut deleted = 0usize;
    let mut items = Scanner::new(xml, Dialect::Xml);
    while let Some(item) = items.next() {
        match item {
            Item::Start { name, attrs, empty } => {
                let val = || markup::attr(attrs, "val", Dialect::Xml);
                match local(name) {
                    // elements whose content the text does not need, about half of a
                    // document's tags, passed over to their end tag: the properties of
                    // runs, paragraphs, rows and tables, the borders, shading and
                    // margins of cells, the section's layout, and the properties before
                    // a tracked change (a cell's `tcPrChange` holds the `gridSpan` and
                    // `vMerge` it had, not those it has)
                    "rPr" | "pPr" | "trPr" | "tblPr" | "tblPrEx" | "tblGrid" | "tcBorders"
                    | "tcMar" | "shd" | "sectPr" | "tcPrChange" | "trPrChange" | "tblPrChange"
                    | "tblGridChange"
                        if !empty =>
                    {
                        items.skip_element()
                    }
                    "tbl" if !empty => tables.push(Grid::default()),
                    "tr" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.row();
                        }
                    }
                    "tc" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.open(1, 1);
                        }
                    }
                    "gridSpan" => {
                        if let Some(cell) = tables.last_mut().and_then(Grid::open_cell) {
                            cell.colspan = val()
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1usize)
                                .clamp(1, 1000);
                        }
                    }
                    "vMerge" => {
                        if let Some(cell) = tables.last_mut().and_then(Grid::open_cell) {
                            cell.merged = val().is_none_or(|v| v == "continue");
                        }
                    }
                    "t" if !empty => in_text = deleted == 0,
                    "del" if !empty => deleted += 1,
                    "tab" => para.push(' '),
                    "br" | "cr" => para.push('\n'),
                    _ => {}
                }
            }
            Item::End { name } => match local(name) {
                "t" => in_text = false,
                "del" => deleted = deleted.saturating_sub(1),
                "p" => {
                    match tables.last_mut().and_then(Grid::text) {
                        // paragraphs inside a cell are one cell text
                        Some(cell) => cell.push_str(&para),
                        None => out.paragraph(&para),
                    }
                    para.clear();
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.close();
                    }
                }
                "tbl" => {
                    if let Some(t) = tables.pop() {
                        out.table_ended(&t, tables.last_mut());
                    }
                }
                _ => {}
            },
            Item::Text(t) if in_text => markup::decode_xml(&mut para, t),
            Item::Raw(t) if in_text => para.push_str(t),
            _ => {}
        }
    }
    if let Some(e) = items.error() {
        return Err(bad(format!("word/document.xml is not well-formed: {e}")));
    }
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_merged_cells() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>三、本年度办理结果</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>（一）予以公开</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>（二）部分</w:t></w:r></w:p><w:p><w:r><w:t>公开</w:t></w:r></w:p></w:tc>
            <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
        assert_eq!(
            document_text(xml.as_bytes()).unwrap(),
            "一、总体情况\n\n\t三、本年度办理结果\n\t（一）予以公开\n\t\n\n\t\n\t（二）部分公开\n\t0\n\n"
        );
    }

    #[test]
    fn properties_are_passed_over() {
        let doc = |tc_pr: &str| {
            format!(
                r#"<w:document xmlns:w="w"><w:body><w:p><w:pPr><w:tabs><w:tab w:pos="720"/></w:tabs><w:rPr><w:b/></w:rPr><w:pPrChange w:id="2"><w:pPr><w:jc w:val="left"/></w:pPr></w:pPrChange></w:pPr><w:r><w:rPr><w:sz w:val="32"/><w:rPrChange w:id="3"><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrChange></w:rPr><w:t>一、总体情况</w:t></w:r></w:p>
                <w:tbl><w:tblPr><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>
                <w:tr><w:trPr><w:trHeight w:val="1"/></w:trPr><w:tc><w:tcPr><w:tcBorders><w:left w:val="nil"/></w:tcBorders></w:tcPr><w:p><w:r><w:t>申请</w:t></w:r></w:p></w:tc>
                <w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>
                <w:tr><w:tc><w:tcPr>{tc_pr}</w:tcPr><w:p><w:r><w:t>（一）</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:sectPr><w:pgSz w:w="1"/></w:sectPr></w:body></w:document>"#
            )
        };
        let text = |tc_pr: &str| document_text(doc(tc_pr).as_bytes()).unwrap();
        // a tab stop of the paragraph's properties is no text; the properties before a
        // tracked change, inside the properties, are passed over with them
        assert_eq!(text(""), "一、总体情况\n\n\t申请\n\t1\n\n\t（一）\n\t2\n\n");
        // a cell's merge before a tracked change is not its merge
        let merged = text(r#"<w:vMerge/>"#);
        assert_eq!(merged, "一、总体情况\n\n\t申请\n\t1\n\n\t\n\t2\n\n");
        assert_eq!(
            text(r#"<w:tcPrChange w:id="1"><w:tcPr><w:vMerge/></w:tcPr></w:tcPrChange>"#),
            text("")
        );
        assert_eq!(
            text(r#"<w:vMerge/><w:tcPrChange w:id="1"><w:tcPr/></w:tcPrChange>"#),
            merged
        );
    }
}
