//! PDF files → text in the layout of `pdftotext -layout` (feature `pdf`).
//!
//! The file is parsed by `hayro-syntax` (objects, streams, cross-reference tables
//! and streams, decryption with the empty user password — the usual "editing
//! restricted" PDFs); the text comes from this module's own content stream reader
//! ([`content`], which hands unusual streams to `hayro-syntax`'s), interpreter
//! ([`interp`]), fonts ([`font`], [`cmap`]) and layout ([`layout`]).
//! Each page's text ends with a line holding only a form feed, and the line each
//! page starts on is kept, so that diagnostics can name their page.
//!
//! Bad files get clear errors: a real password → [`Error::Encrypted`]; no text at
//! all (a scan) → [`Error::ScannedPdf`]; a file that is not a readable PDF, or one
//! cut short in which no text is left → [`Error::InvalidPdf`]; beyond the [`Limits`]
//! (pages, objects, decompressed bytes, operations, characters) → [`Error::PdfLimit`].
//! A file cut short whose pages still give text is read, and says so
//! ([`PdfText::cut_short`]: the caller adds a warning, or a hint to its error).

mod cmap;
mod compat;
mod content;
mod font;
mod interp;
mod layout;
mod stream;
mod table;

use hayro_syntax::{LoadPdfError, Pdf};

use crate::Error;

/// Bounds on what one PDF may make the reader do.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    /// Pages read (an annual report has 5–30).
    pub pages: usize,
    /// Objects in the file.
    pub objects: usize,
    /// Bytes one stream may decompress to.
    pub stream_bytes: usize,
    /// Bytes all streams together may decompress to.
    pub total_bytes: usize,
    /// Content stream operations, all pages and forms together.
    pub operators: usize,
    /// Characters shown, all pages together.
    pub glyphs: usize,
    /// Forms nested in forms.
    pub form_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            pages: 1000,
            objects: 500_000,
            stream_bytes: 64 * 1024 * 1024,
            total_bytes: 256 * 1024 * 1024,
            operators: 20_000_000,
            glyphs: 1_000_000,
            form_depth: 16,
        }
    }
}

/// The text of a PDF and where its pages start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PdfText {
    pub text: String,
    /// The 1-based line each page starts on, in page order.
    pub page_starts: Vec<u32>,
    /// The file does not end as a PDF does (see [`cut_short`]).
    pub cut_short: bool,
}

/// Whether a PDF ends before its end: no `%%EOF` marker in its last 1,024 bytes
/// (trailing white space and NUL padding left aside), where the format puts it and
/// readers look for it. A download or copy broken off leaves the file without it; the
/// reader still finds the pages whose objects are there (the cross-reference table at
/// the end is rebuilt by a scan), and the pages after them are missing.
pub(crate) fn cut_short(bytes: &[u8]) -> bool {
    let end = bytes
        .iter()
        .rposition(|&b| !content::is_white(b))
        .map_or(0, |i| i + 1);
    memchr::memmem::rfind(&bytes[end.saturating_sub(1024)..end], b"%%EOF").is_none()
}

/// The error for a file cut short in which no text is left.
fn cut_short_error(pages: usize) -> Error {
    let left = match pages {
        0 => "no page is left in it".to_string(),
        n => format!("the {n} page(s) left in it hold no text"),
    };
    Error::InvalidPdf(format!(
        "it is cut short (it does not end with %%EOF), and {left}"
    ))
}

/// Read the text of a PDF.
pub(crate) fn read(bytes: &[u8]) -> Result<PdfText, Error> {
    read_with(bytes, &Limits::default())
}

pub(crate) fn read_with(bytes: &[u8], limits: &Limits) -> Result<PdfText, Error> {
    stream::preflight(bytes, limits)?;
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(d) => match d {
            hayro_syntax::DecryptionError::PasswordProtected => {
                Error::Encrypted("it opens only with a password".into())
            }
            hayro_syntax::DecryptionError::UnsupportedAlgorithm => {
                Error::Encrypted("it is encrypted with a method this reader does not know".into())
            }
            hayro_syntax::DecryptionError::MissingIDEntry
            | hayro_syntax::DecryptionError::InvalidEncryption => {
                Error::InvalidPdf("its encryption dictionary is damaged".into())
            }
        },
        LoadPdfError::Invalid => Error::InvalidPdf(
            "no page tree or cross-reference table could be read (a damaged or truncated file)"
                .into(),
        ),
    })?;
    if pdf.len() > limits.objects {
        return Err(Error::PdfLimit(format!(
            "the PDF has {} objects, more than the limit of {}",
            pdf.len(),
            limits.objects
        )));
    }
    let pages = pdf.pages();
    if pages.len() > limits.pages {
        return Err(Error::PdfLimit(format!(
            "the PDF has {} pages, more than the limit of {}; an annual report has 5–30",
            pages.len(),
            limits.pages
        )));
    }
    let cut = cut_short(bytes);
    if pages.is_empty() {
        return Err(if cut {
            cut_short_error(0)
        } else {
            Error::InvalidPdf("it has no pages".into())
        });
    }
    let mut doc = interp::Doc {
        limits,
        budget: stream::Budget::default(),
        fonts: interp::Fonts::default(),
        operators: 0,
        glyphs: 0,
    };
    let mut text = String::new();
    let mut page_starts = Vec::with_capacity(pages.len());
    let mut line = 1u32;
    let (mut shown, mut unknown, mut images) = (0usize, 0usize, 0usize);
    let mut unknown_fonts: Vec<String> = Vec::new();
    for page in pages.iter() {
        let content = interp::page(page, &mut doc)?;
        shown += content
            .glyphs
            .iter()
            .filter(|g| !g.ch.is_whitespace())
            .count();
        unknown += content.unknown;
        images += content.images;
        for f in content.unknown_fonts {
            if !unknown_fonts.contains(&f) {
                unknown_fonts.push(f);
            }
        }
        let page_text = layout::page_text(&content.glyphs, &content.rules);
        page_starts.push(line);
        // the page's lines, then a line holding only a form feed (pdftotext puts the
        // form feed at the start of the next page's first line, where it would be
        // read as a cell of that line)
        line += page_text.matches('\n').count() as u32 + 2;
        text.push_str(&page_text);
        text.push_str("\n\u{c}\n");
        if text.len() > crate::MAX_INPUT_BYTES {
            return Err(Error::TooLarge {
                size: text.len(),
                limit: crate::MAX_INPUT_BYTES,
            });
        }
    }
    // no text at all, or a few characters over page images (a stamp on a scan)
    if shown == 0 || (shown < 10 * pages.len() && images >= pages.len()) {
        if cut {
            return Err(cut_short_error(pages.len()));
        }
        return Err(Error::ScannedPdf {
            pages: pages.len(),
            images,
        });
    }
    if unknown * 2 > shown {
        return Err(Error::Unsupported(format!(
            "a PDF whose text cannot be decoded: {unknown} of {shown} characters are in fonts with no Unicode map ({}); OCR its pages as for a scan, or export the report to PDF again with its fonts' text embedded",
            unknown_fonts.join(", ")
        )));
    }
    Ok(PdfText {
        text,
        page_starts,
        cut_short: cut,
    })
}
