//! Bytes as users have them → the text the grammar reads.
//!
//! [`crate::parse_bytes`] recognises what it was given: text in UTF-8 (with or
//! without BOM), UTF-16 or GBK/GB18030 (detected, not assumed; feature `gbk`), an
//! HTML page (feature `html`), a DOCX file (feature `docx`) or a PDF file (feature
//! `pdf`). HTML and DOCX are turned into the tab-cell layout (one cell a line behind
//! a tab, a blank line between rows) that the same grammar reads for DOCX-to-text;
//! a PDF's positioned characters into that layout for its ruled tables and into the
//! space-aligned layout of `pdftotext -layout` for the rest, so a new input kind is a
//! new adapter, never a second parser. Line and
//! column numbers of diagnostics then refer to that text, which [`crate::to_text`]
//! returns.

#[cfg(feature = "docx")]
pub(crate) mod docx;
pub(crate) mod encoding;
#[cfg(feature = "html")]
pub(crate) mod html;
#[cfg(any(feature = "html", feature = "docx"))]
pub(crate) mod markup;
#[cfg(feature = "pdf")]
pub(crate) mod pdf;

use std::borrow::Cow;

use crate::{codes, Diagnostic, Error, Report, MAX_INPUT_BYTES};

/// What kind of input some bytes are.
///
/// ```
/// assert_eq!(nianbao::InputKind::detect(b"PK\x03\x04rest"), nianbao::InputKind::Docx);
/// assert_eq!(nianbao::InputKind::detect("<p>一、总体情况</p>".as_bytes()), nianbao::InputKind::Html);
/// assert_eq!(nianbao::InputKind::detect("一、总体情况".as_bytes()), nianbao::InputKind::Text);
/// assert_eq!(nianbao::InputKind::detect(b"%PDF-1.7\n"), nianbao::InputKind::Pdf);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Plain text in some encoding.
    Text,
    /// An HTML page or fragment.
    Html,
    /// A DOCX (Office Open XML) document.
    Docx,
    /// A PDF file.
    Pdf,
}

impl InputKind {
    /// Tell the kind from the first bytes (and, for HTML, the first tags).
    pub fn detect(bytes: &[u8]) -> InputKind {
        if bytes.starts_with(b"PK\x03\x04") {
            return InputKind::Docx;
        }
        // `%PDF-` within the first KB: some files carry junk before it
        let head = &bytes[..bytes.len().min(1024)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            return InputKind::Pdf;
        }
        if looks_like_html(&bytes[..bytes.len().min(4096)]) {
            InputKind::Html
        } else {
            InputKind::Text
        }
    }
}

/// Whether text is HTML: it starts with a tag and has the tags of a page among its
/// first 4096 characters. Read from the bytes (the tags are ASCII, in UTF-8 as in
/// GBK), so that a text is told by its first byte without decoding it.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let mut t = bytes;
    while let Some(rest) = t
        .strip_prefix("\u{feff}".as_bytes())
        .or_else(|| t.strip_prefix(b" "))
        .or_else(|| t.strip_prefix(b"\t"))
        .or_else(|| t.strip_prefix(b"\r"))
        .or_else(|| t.strip_prefix(b"\n"))
    {
        t = rest;
    }
    if t.first() != Some(&b'<') {
        return false;
    }
    // the first 4096 characters are at least the first 4096 bytes (or all of them):
    // a page's tags are found there, and only a text that starts with `<` without
    // them has the rest of its first 4096 characters read
    let quick = &t[..t.len().min(4096)];
    if has_page_tag(quick) {
        return true;
    }
    if quick.len() == t.len() {
        return false;
    }
    // up to the 4097th byte that starts a character
    let end = t
        .iter()
        .enumerate()
        .filter(|(_, b)| (**b & 0xC0) != 0x80)
        .nth(4096)
        .map_or(t.len(), |(i, _)| i);
    has_page_tag(&t[..end])
}

/// Whether `head` holds one of the tags of a page, in any case (`<TABLE`).
fn has_page_tag(head: &[u8]) -> bool {
    const TAGS: [&[u8]; 12] = [
        b"<html",
        b"<!doctype",
        b"<body",
        b"<p",
        b"<div",
        b"<table",
        b"<span",
        b"<br",
        b"<h1",
        b"<h2",
        b"<meta",
        b"<head",
    ];
    memchr::memchr_iter(b'<', head).any(|p| {
        TAGS.iter().any(|tag| {
            head[p..]
                .get(..tag.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(tag))
        })
    })
}

/// The text of a report given as bytes, in the layout the grammar reads, and for a
/// PDF the line each page starts on.
pub(crate) struct Read<'a> {
    /// The text: UTF-8 bytes borrowed as they are, anything else converted.
    pub text: Cow<'a, str>,
    /// The 1-based line each page starts on (PDF input only).
    pub page_starts: Option<Vec<u32>>,
    /// A PDF that does not end as a PDF does: its last pages are probably missing.
    pub cut_short: bool,
}

impl Read<'_> {
    /// The 1-based page of a 1-based line, where the input had pages.
    pub(crate) fn page_of(&self, line: u32) -> Option<u32> {
        let starts = self.page_starts.as_ref()?;
        let n = starts.partition_point(|s| *s <= line);
        u32::try_from(n).ok().filter(|n| *n > 0)
    }

    /// An error of the grammar, with what the input knows of its cause: no report
    /// found in a PDF cut short is said to be probably its missing pages.
    pub(crate) fn explain(&self, err: Error) -> Error {
        match err {
            Error::NotAReport(why) if self.cut_short => Error::NotAReport(format!(
                "the PDF is cut short (it does not end with %%EOF), and its last pages are probably missing: check that it was downloaded completely. In the pages left, {why}"
            )),
            err => err,
        }
    }

    /// What the input says of a report read from it: the page of each place, and a
    /// warning ([`codes::INPUT_TRUNCATED`], among the warnings first) for a PDF cut short.
    pub(crate) fn annotate(&self, report: &mut Report) {
        if self.page_starts.is_some() {
            report.set_pages(|line| self.page_of(line));
        }
        for warning in input_warnings(self.cut_short) {
            let at = report
                .diagnostics
                .partition_point(|d| d.severity < warning.severity);
            report.diagnostics.insert(at, warning);
        }
    }
}

/// The warnings an input gives of itself: [`codes::INPUT_TRUNCATED`] for a PDF cut
/// short. One list for a report read from the input and for [`warnings`].
fn input_warnings(cut_short: bool) -> Vec<Diagnostic> {
    if !cut_short {
        return Vec::new();
    }
    vec![codes::diagnostic(
        codes::INPUT_TRUNCATED,
        "PDF 文件不完整：文件末尾没有结束标记 %%EOF，可能在下载或复制时被截断，其后的页面可能缺失；请确认文件完整".into(),
    )]
}

/// The warnings the bytes of an input give of themselves, whatever their text, told
/// from the end of the bytes without reading them (see [`crate::input_warnings`]).
pub(crate) fn warnings(bytes: &[u8]) -> Vec<Diagnostic> {
    input_warnings(read_as_pdf(bytes) && pdf_cut_short(bytes))
}

/// Whether the bytes are read as a PDF: a PDF within the size limit (a larger one is
/// refused as too large before it is read).
fn read_as_pdf(bytes: &[u8]) -> bool {
    InputKind::detect(bytes) == InputKind::Pdf && bytes.len() <= MAX_INPUT_BYTES
}

#[cfg(feature = "pdf")]
fn pdf_cut_short(bytes: &[u8]) -> bool {
    pdf::cut_short(bytes)
}

#[cfg(not(feature = "pdf"))]
fn pdf_cut_short(_: &[u8]) -> bool {
    false
}

/// Read bytes into the text the grammar reads (see [`to_text`]), with page starts
/// for a PDF.
pub(crate) fn read(bytes: &[u8]) -> Result<Read<'_>, Error> {
    if read_as_pdf(bytes) {
        return pdf_read(bytes);
    }
    Ok(Read {
        text: text_of(bytes)?,
        page_starts: None,
        cut_short: false,
    })
}

#[cfg(feature = "pdf")]
fn pdf_read(bytes: &[u8]) -> Result<Read<'static>, Error> {
    pdf::read(bytes).map(|p| Read {
        text: Cow::Owned(p.text),
        page_starts: Some(p.page_starts),
        cut_short: p.cut_short,
    })
}

#[cfg(not(feature = "pdf"))]
fn pdf_read(_: &[u8]) -> Result<Read<'static>, Error> {
    Err(Error::Unsupported(
        "PDF input (this build of nianbao was made without the `pdf` feature)".into(),
    ))
}

/// The text of a report given as bytes, in the layout the grammar reads.
pub(crate) fn to_text(bytes: &[u8]) -> Result<String, Error> {
    text_of(bytes).map(Cow::into_owned)
}

/// [`to_text`], borrowing text in UTF-8 as it is.
fn text_of(bytes: &[u8]) -> Result<Cow<'_, str>, Error> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    match InputKind::detect(bytes) {
        InputKind::Docx => docx_text(bytes).map(Cow::Owned),
        InputKind::Pdf => pdf_read(bytes).map(|r| r.text),
        kind => {
            let text = encoding::decode(bytes)?;
            // the bytes told an HTML page already; text in UTF-16 is told once decoded
            if kind == InputKind::Html || looks_like_html(text.as_bytes()) {
                html_text(&text).map(Cow::Owned)
            } else {
                Ok(text)
            }
        }
    }
}

#[cfg(feature = "docx")]
fn docx_text(bytes: &[u8]) -> Result<String, Error> {
    docx::to_text(bytes)
}

#[cfg(not(feature = "docx"))]
fn docx_text(_: &[u8]) -> Result<String, Error> {
    Err(Error::Unsupported(
        "DOCX input (this build of nianbao was made without the `docx` feature)".into(),
    ))
}

#[cfg(feature = "html")]
fn html_text(text: &str) -> Result<String, Error> {
    Ok(html::to_text(text))
}

#[cfg(not(feature = "html"))]
fn html_text(_: &str) -> Result<String, Error> {
    Err(Error::Unsupported(
        "HTML input (this build of nianbao was made without the `html` feature)".into(),
    ))
}

/// Lines of text from the paragraphs and tables of a document, shared by the HTML and
/// DOCX adapters: paragraphs become lines, a table becomes tab cells one per line
/// with a blank line between rows (the DOCX-to-text layout).
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
#[derive(Default)]
pub(crate) struct TextOut {
    out: String,
}

/// A table being read: its rows of cells, whose texts are kept one after another in
/// one buffer (a page has hundreds of cells: a string for each, and a vector for each
/// row, made most of the reader's allocations).
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
#[derive(Debug, Default)]
pub(crate) struct Grid {
    /// The texts of the cells, one after another.
    text: String,
    /// The closed cells, row by row.
    cells: Vec<GridCell>,
    /// Where each row starts in `cells`.
    rows: Vec<usize>,
    /// The cell being read, whose text is `text[open.start..]`.
    open: Option<GridCell>,
}

/// One cell of a [`Grid`]: where its text lies in the grid's buffer, and its spans.
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
#[derive(Debug, Clone, Copy)]
pub(crate) struct GridCell {
    start: usize,
    end: usize,
    pub colspan: usize,
    pub rowspan: usize,
    /// A continuation of the cell above (DOCX `vMerge`): rendered empty.
    pub merged: bool,
}

#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
impl Grid {
    /// Start a row (a cell being read stays open; see [`Grid::close`]).
    pub(crate) fn row(&mut self) {
        self.rows.push(self.cells.len());
    }

    /// Whether the grid has a row.
    #[cfg(feature = "html")]
    pub(crate) fn has_rows(&self) -> bool {
        !self.rows.is_empty()
    }

    /// Open a cell with these spans; a cell still open is dropped (its text stays in
    /// the buffer, read by no cell).
    pub(crate) fn open(&mut self, colspan: usize, rowspan: usize) {
        self.open = Some(GridCell {
            start: self.text.len(),
            end: self.text.len(),
            colspan,
            rowspan,
            merged: false,
        });
    }

    /// Whether a cell is being read.
    #[cfg(feature = "html")]
    pub(crate) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The cell being read.
    #[cfg(feature = "docx")]
    pub(crate) fn open_cell(&mut self) -> Option<&mut GridCell> {
        self.open.as_mut()
    }

    /// Where the text of the cell being read goes, if a cell is open.
    pub(crate) fn text(&mut self) -> Option<&mut String> {
        self.open.is_some().then_some(&mut self.text)
    }

    /// Close the cell being read, if any: it joins the last row (the first, if there
    /// is none).
    pub(crate) fn close(&mut self) {
        if let Some(mut cell) = self.open.take() {
            cell.end = self.text.len();
            if self.rows.is_empty() {
                self.row();
            }
            self.cells.push(cell);
        }
    }

    /// The rows of closed cells.
    fn rows(&self) -> impl Iterator<Item = &[GridCell]> {
        let ends = self.rows.iter().skip(1).copied().chain([self.cells.len()]);
        self.rows.iter().zip(ends).map(|(&a, z)| &self.cells[a..z])
    }

    /// The text of a cell of this grid.
    fn text_of(&self, cell: &GridCell) -> &str {
        &self.text[cell.start..cell.end]
    }

    /// The texts of the closed cells, row by row.
    #[cfg(any(feature = "html", feature = "docx"))]
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.cells.iter().map(|c| self.text_of(c))
    }
}

#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
impl TextOut {
    /// A text out with room for `bytes` bytes.
    #[cfg(feature = "html")]
    pub(crate) fn with_capacity(bytes: usize) -> TextOut {
        TextOut {
            out: String::with_capacity(bytes),
        }
    }

    /// Whether nothing was written yet.
    #[cfg(feature = "html")]
    pub(crate) fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// Append a line as it is.
    #[cfg(feature = "html")]
    pub(crate) fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Append a paragraph (white space collapsed) as its own line.
    #[cfg(any(feature = "html", feature = "docx"))]
    pub(crate) fn paragraph(&mut self, text: &str) {
        let start = self.out.len();
        collapse_into(&mut self.out, text);
        if self.out.len() > start {
            self.out.push('\n');
        }
    }

    /// Append a table: rows of cells with their spans. A cell covered by a row span
    /// from above is an empty cell; a column span gives one cell.
    pub(crate) fn table(&mut self, grid: &Grid) {
        self.out.push('\n');
        // columns still covered by a rowspan from above: (column, rows left)
        let mut covered: Vec<usize> = Vec::new();
        for row in grid.rows() {
            let mut col = 0;
            let out = &mut self.out;
            let mut cells = row.iter();
            let mut next = cells.next();
            loop {
                if covered.get(col).copied().unwrap_or(0) > 0 {
                    out.push_str("\t\n");
                    col += 1;
                    continue;
                }
                let Some(cell) = next else { break };
                out.push('\t');
                if !cell.merged {
                    collapse_into(out, grid.text_of(cell));
                }
                out.push('\n');
                let span = cell.colspan.max(1);
                if covered.len() < col + span {
                    covered.resize(col + span, 0);
                }
                for c in covered.iter_mut().skip(col).take(span) {
                    *c = cell.rowspan.max(1);
                }
                col += span;
                next = cells.next();
            }
            for c in covered.iter_mut() {
                *c = c.saturating_sub(1);
            }
            self.out.push('\n');
        }
    }

    /// Put a table that has ended (HTML, DOCX): inside a cell of the table around it,
    /// its cells' texts join that cell's text, each after a space; else the table.
    #[cfg(any(feature = "html", feature = "docx"))]
    pub(crate) fn table_ended(&mut self, table: &Grid, outer: Option<&mut Grid>) {
        match outer.and_then(Grid::text) {
            Some(cell) => {
                for c in table.texts() {
                    cell.push(' ');
                    cell.push_str(c);
                }
            }
            None => self.table(table),
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// [`collapse_into`] a new string.
#[cfg(all(test, any(feature = "html", feature = "docx", feature = "pdf")))]
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(&mut out, s);
    out
}

/// Append `s` to `out` with white space (including NBSP and ideographic spaces)
/// collapsed to single spaces, dropped at its ends and between CJK characters where a
/// converter broke a line.
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
pub(crate) fn collapse_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    // whether a white-space character starts at `i`: an ASCII one by its byte; the
    // others by their bytes where their lead byte is one that can start one, so that
    // Chinese punctuation (、。“” share those lead bytes) stays in a run
    let space_at =
        |i: usize| MAY_SPACE[usize::from(b[i])] && (b[i].is_ascii() || wide_space_at(b, i));
    let start = out.len();
    let mut pending_space = false;
    let mut i = 0;
    while i < b.len() {
        if !pending_space && !space_at(i) {
            // a run without white space is copied as it is
            let mut from = i + 1;
            let end = loop {
                match next_may_space(b, from) {
                    Some(n) if space_at(n) => break n,
                    Some(n) => from = n + 1,
                    None => break b.len(),
                }
            };
            out.push_str(&s[i..end]);
            i = end;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        collapse_char(out, start, c, &mut pending_space);
    }
}

/// The first byte at or after `from` that may start white space ([`MAY_SPACE`]),
/// read eight bytes at a time: prose is long runs of Chinese characters, whose bytes
/// are none of these.
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
fn next_may_space(b: &[u8], from: usize) -> Option<usize> {
    use crate::swar::{below, eq, zeros};
    // bytes below 0x21, C2, and E0–E3 (C0 controls and E0 start no white space)
    crate::swar::find(b, from, &MAY_SPACE, |x| {
        below(x, 0x21) | eq(x, 0xC2) | zeros((x & 0xFCFC_FCFC_FCFC_FCFC) ^ 0xE0E0_E0E0_E0E0_E0E0)
    })
}

/// The bytes that may start white space: ASCII's, and the lead bytes of the others.
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
static MAY_SPACE: [bool; 256] = crate::text::byte_table!(
    |b| matches!(b, b'\t'..=b'\r' | b' ') || crate::text::is_space_lead(b)
);

/// Whether the UTF-8 of a white-space character beyond ASCII ([`is_collapsed_space`])
/// starts at `i`, told by its bytes: U+0085, U+00A0 (C2 85, C2 A0), U+1680 (E1 9A
/// 80), U+2000–U+200A, U+2028, U+2029, U+202F (E2 80 80–8A, A8, A9, AF), U+205F (E2
/// 81 9F) and U+3000 (E3 80 80).
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
fn wide_space_at(b: &[u8], i: usize) -> bool {
    matches!(
        b.get(i..).unwrap_or_default(),
        [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// The white space [`collapse_into`] collapses: Unicode's, the no-break space and the
/// ideographic space among it.
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
fn is_collapsed_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}'
}

/// One character of [`collapse_into`] (whose text is `out[start..]`): white space
/// becomes a pending space, written before the next character only where that or
/// the one before it is an ASCII letter or digit.
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
fn collapse_char(out: &mut String, start: usize, c: char, pending_space: &mut bool) {
    if is_collapsed_space(c) {
        *pending_space = out.len() > start;
        return;
    }
    if *pending_space {
        let prev_ascii = out
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_alphanumeric());
        if prev_ascii || c.is_ascii_alphanumeric() {
            out.push(' ');
        }
        *pending_space = false;
    }
    out.push(c);
}

#[cfg(all(test, any(feature = "html", feature = "docx", feature = "pdf")))]
mod tests {
    use super::*;

    #[test]
    fn tables_become_tab_cells_with_spans() {
        let cell = |grid: &mut Grid, t: &str, c: usize, r: usize| {
            grid.open(c, r);
            grid.text().unwrap().push_str(t);
            grid.close();
        };
        let mut grid = Grid::default();
        cell(&mut grid, "三、本年度办理结果", 1, 2);
        cell(&mut grid, "（一）予以公开", 1, 1);
        cell(&mut grid, "1", 1, 1);
        grid.row();
        cell(&mut grid, "（二）部分公开", 1, 1);
        cell(&mut grid, "0", 1, 1);
        let mut o = TextOut::default();
        o.table(&grid);
        assert_eq!(
            o.finish(),
            "\n\t三、本年度办理结果\n\t（一）予以公开\n\t1\n\n\t\n\t（二）部分公开\n\t0\n\n"
        );
    }

    #[test]
    fn collapse_by_runs_agrees_with_collapse_by_characters() {
        let by_chars = |s: &str| {
            let (mut out, mut pending) = (String::new(), false);
            s.chars()
                .for_each(|c| collapse_char(&mut out, 0, c, &mut pending));
            out
        };
        // every text of up to 4 characters over white space of every kind, letters,
        // CJK and characters that share a lead byte with white space
        let texts = crate::text::all_texts(
            " \t\n\u{b}\u{85}\u{a0}\u{1680}\u{2003}\u{205f}\u{3000}a2字…「\u{c3}",
            4,
        );
        for t in &texts {
            assert_eq!(collapse(t), by_chars(t), "{t:?}");
        }
    }

    #[test]
    fn the_next_byte_that_may_start_space_is_the_tables() {
        // texts of up to three characters over bytes the eight-byte test flags
        // (C0 controls, C2, E0–E3 leads) and others, behind pads that put them at
        // every place of a word
        let texts = crate::text::all_texts("\u{1}\t a字、“\u{a0}\u{800}\u{3000}\u{1680}é", 3);
        for pad in ["", "a", "abc", "字字", "abcdefg", "字字字字字"] {
            for t in &texts {
                let s = format!("{pad}{t}{pad}");
                let b = s.as_bytes();
                for from in 0..=b.len() {
                    let by_table = b[from..]
                        .iter()
                        .position(|&x| MAY_SPACE[usize::from(x)])
                        .map(|n| from + n);
                    assert_eq!(next_may_space(b, from), by_table, "{s:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn wide_white_space_is_told_by_its_bytes() {
        // every character from U+0080 to U+FFFF and two beyond, and each cut short
        for c in ('\u{80}'..='\u{ffff}').chain(['\u{10000}', '\u{1f600}']) {
            let s = format!("{c}a");
            assert_eq!(
                wide_space_at(s.as_bytes(), 0),
                is_collapsed_space(c),
                "{c:?}"
            );
            let cut = &s.as_bytes()[..c.len_utf8() - 1];
            assert!(!wide_space_at(cut, 0), "{c:?} cut short");
        }
    }

    #[test]
    fn collapse_spaces() {
        assert_eq!(collapse(" 商业\n 企业 "), "商业企业");
        assert_eq!(collapse("2023 年"), "2023 年");
        assert_eq!(collapse("\u{a0}"), "");
    }
}
