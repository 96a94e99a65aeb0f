//! # nianbao
//!
//! Parse Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告, "年报") into a typed, checked model.
//!
//! One function does the work: [`parse_report`] takes the text of a report as any
//! common converter delivers it (DOCX-to-text with tab cells, pipe rows, one cell per
//! paragraph, markdown tables, `pdftotext -layout`, flattened portal pages with glued
//! digits) and returns a [`Report`]: the metadata, the six parts, the three tables of
//! the 2019 or 2021 national template cell by cell, and [`Diagnostic`]s for every
//! place where the report contradicts itself. The codes are listed in [`codes`].
//!
//! ```
//! let text = std::fs::read_to_string(concat!(
//!     env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/kaizhou-gongan-2021.txt"
//! )).unwrap();
//! let report = nianbao::parse_report(&text)?;
//! assert_eq!(report.agency.as_deref(), Some("重庆市开州区公安局"));
//! assert_eq!(report.year, Some(2021));
//! assert!(!report.has_errors());
//! # Ok::<(), nianbao::Error>(())
//! ```
//!
//! [`parse_bytes`] takes files as users have them — text in UTF-8, UTF-16 or
//! GBK/GB18030, HTML pages, DOCX files, PDF files — and reads them with the same
//! grammar. The input kinds are cargo features (`html`, `docx`, `gbk`, `pdf`, on by
//! default).
//!
//! ```
//! let pdf = std::fs::read(concat!(
//!     env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/hongze-quzhengfu-2023.pdf"
//! )).unwrap();
//! let report = nianbao::parse_bytes(&pdf)?;
//! assert_eq!(report.agency.as_deref(), Some("洪泽区人民政府"));
//! // the report prints 0 as the 总计 of 行政复议 (10 + 1): flagged, on its page
//! let error = report.diagnostics_of(nianbao::Severity::Error).next().unwrap();
//! assert_eq!((error.code.as_str(), error.page), ("reviews.group_total", Some(4)));
//! # Ok::<(), nianbao::Error>(())
//! ```
//!
//! [`audit`] checks sets of parsed reports against each other: a body's reports across
//! the years (上年结转 against last year's 结转下年度, 现行有效件数, text copied from last
//! year, missing years, two reports for one year), publication deadlines, and parents
//! against the sum of their children; it renders a readable HTML audit report.
//!
//! Data flows one way: bytes → text (the `input` adapters) → lines and cells (one small adapter per layout, in
//! `layout`) → tokens (nom combinators, in `lex`) → the template grammar (in
//! `grammar`) → the typed [`Report`] → the checks.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod audit;
mod checks;
pub mod codes;
mod error;
pub mod flat;
mod grammar;
mod input;
mod layout;
mod lex;
mod model;
mod report;
mod swar;
mod text;
mod trad;

pub use error::Error;
pub use input::InputKind;
pub use model::*;

/// The largest input [`parse_report`] accepts, in bytes (64 MiB).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Parse the text of a 政府信息公开工作年度报告.
///
/// Returns the report with its [`Report::diagnostics`], or an [`Error`] when the text
/// is empty, binary, too large, not such a report, or a report from before the 2019
/// template.
///
/// ```
/// let text = std::fs::read_to_string(concat!(
///     env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt"
/// )).unwrap();
/// let report = nianbao::parse_report(&text).unwrap();
/// assert_eq!(report.title.as_deref(), Some("重庆市綦江区公安局2024年政府信息公开工作年度报告"));
///
/// assert_eq!(nianbao::parse_report("  \n").unwrap_err().code(), "empty");
/// ```
pub fn parse_report(text: &str) -> Result<Report, Error> {
    report::parse(text)
}

/// Parse a report given as bytes, as users have it: text in UTF-8 (with or without
/// BOM), UTF-16 or GBK/GB18030 (detected, not assumed), an HTML page, a DOCX file, or
/// a PDF file with a text layer.
///
/// HTML and DOCX are read into the tab-cell text layout first, a PDF into the text of
/// its pages (see [`to_text`]); the `line` / `column` of diagnostics refer to that
/// text, and for a PDF their `page` (and that of [`Report::cell_position`]) to its
/// pages. Each input kind is a cargo feature (`html`, `docx`, `gbk`, `pdf`, all on by
/// default); a kind left out of the build gives [`Error::Unsupported`]. A PDF that
/// needs a password, has no text layer, is damaged or exceeds the reader's limits
/// gives [`Error::Encrypted`], [`Error::ScannedPdf`], [`Error::InvalidPdf`] or
/// [`Error::PdfLimit`]. A PDF cut short (no `%%EOF` at its end) is read as far as its
/// pages go, with the warning [`codes::INPUT_TRUNCATED`]; if no text is left in it,
/// it is [`Error::InvalidPdf`], and if no table is, the [`Error::NotAReport`] says it
/// is cut short.
///
/// ```
/// let text = std::fs::read_to_string(concat!(
///     env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/kaizhou-gongan-2021.txt"
/// )).unwrap();
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter()
///     .chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
/// let report = nianbao::parse_bytes(&utf16).unwrap();
/// assert_eq!(report, nianbao::parse_report(&text).unwrap());
///
/// assert_eq!(nianbao::parse_bytes(b"PK\x03\x04junk").unwrap_err().code(), "not_a_report");
/// ```
pub fn parse_bytes(bytes: &[u8]) -> Result<Report, Error> {
    let read = input::read(bytes)?;
    let mut report = report::parse(&read.text).map_err(|e| read.explain(e))?;
    read.annotate(&mut report);
    Ok(report)
}

/// The text [`parse_bytes`] reads for some bytes: decoded text as it is, HTML and
/// DOCX converted to the tab-cell layout (one cell a line behind a tab, a blank line
/// between rows); a PDF as the text of its pages — the tables it draws with borders in
/// the tab-cell layout, the rest laid out as `pdftotext -layout` does (columns apart
/// by two or more spaces), each page followed by a line holding only a form feed.
/// Diagnostics' line numbers refer to this text.
///
/// ```
/// let text = nianbao::to_text("<p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table>".as_bytes()).unwrap();
/// assert_eq!(text, "一、总体情况\n\n\t规章\n\t0\n\n");
/// ```
pub fn to_text(bytes: &[u8]) -> Result<String, Error> {
    input::to_text(bytes)
}

/// The warnings the bytes of an input give of themselves, apart from their text:
/// those [`parse_bytes`] puts first among a report's warnings, for a tool that shows
/// [`to_text`]'s text to say them beside it. One today: [`codes::INPUT_TRUNCATED`]
/// for a PDF that does not end with `%%EOF` (cut short, its last pages probably
/// missing; none in a build without the `pdf` feature). Only the end of the bytes is
/// read.
///
/// ```
/// let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n";
/// let warnings = nianbao::input_warnings(pdf);
/// # #[cfg(feature = "pdf")]
/// assert_eq!(warnings[0].code, nianbao::codes::INPUT_TRUNCATED);
/// assert!(nianbao::input_warnings("一、总体情况".as_bytes()).is_empty());
/// ```
pub fn input_warnings(bytes: &[u8]) -> Vec<Diagnostic> {
    input::warnings(bytes)
}
