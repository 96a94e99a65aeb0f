//! The error type of [`crate::parse_report`].

/// Why a text could not be turned into a [`crate::Report`].
///
/// Every variant says what is wrong and what to do about it; [`Error::code`] gives a
/// stable machine-readable id for bindings and scripts.
///
/// ```
/// let err = nianbao::parse_report("").unwrap_err();
/// assert_eq!(err.code(), "empty");
/// assert!(err.to_string().contains("empty"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input holds no text at all (or only white space).
    #[error("the input is empty: pass the text of a 政府信息公开工作年度报告")]
    Empty,
    /// The input contains control bytes that never occur in text (a binary file).
    #[error(
        "the input looks binary ({0}); pass the report as text (UTF-8), or extract its text first"
    )]
    Binary(String),
    /// The input is larger than the parser accepts.
    #[error("the input is {size} bytes, more than the limit of {limit} bytes; an annual report is 10–60 KB of text, so this is probably not a single report")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes ([`crate::MAX_INPUT_BYTES`]).
        limit: usize,
    },
    /// The text is not a 政府信息公开工作年度报告 in either national template.
    #[error("the text is not a 政府信息公开工作年度报告: {0}")]
    NotAReport(String),
    /// The report predates the 2019 national template (free-form, its own 统计表).
    #[error("the report{} predates the 2019 national template (国办公开办函〔2019〕60号): its statistics table is free-form and is not read; only 2019 and 2021 template reports are supported", year.map(|y| format!(" for {y}")).unwrap_or_default())]
    PreTemplate {
        /// The year reported on, when the text gives it.
        year: Option<i32>,
    },
    /// An input kind this build was made without (see the crate's features).
    #[error("this input kind is not supported: {0}")]
    Unsupported(String),
    /// A CSV table given to [`crate::audit`] (aliases, hierarchy) that cannot be read.
    #[error("the {what} CSV, line {line}: {message}")]
    Csv {
        /// Which table (`aliases`, `hierarchy`).
        what: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong there and what to write instead.
        message: String,
    },
    /// Bytes that could not be decoded as text.
    #[error("the input is not valid {encoding}: {detail}")]
    Encoding {
        /// The encoding that was tried.
        encoding: String,
        /// Where decoding failed.
        detail: String,
    },
    /// A PDF that opens only with a password (one that merely restricts editing,
    /// with an empty user password, is read).
    #[error("the PDF is encrypted: {0}; open it with its password and save or print it as a PDF without one, then pass that file")]
    Encrypted(String),
    /// A PDF without a text layer: a scan, which must be OCR'd first.
    #[error("the PDF has no text layer ({pages} page(s), {images} image(s)): it is a scan, which must be OCR'd first (for example with `ocrmypdf`) to give it a text layer; then pass the OCR'd file")]
    ScannedPdf {
        /// Pages in the file.
        pages: usize,
        /// Images drawn on its pages.
        images: usize,
    },
    /// A file that starts like a PDF but cannot be read as one (damaged, truncated).
    #[error("the file is not a readable PDF: {0}; check that it was downloaded completely, or open it in a PDF viewer and save it again")]
    InvalidPdf(String),
    /// A PDF beyond the reader's safety limits (pages, objects, decompressed size,
    /// drawing operations): a PDF bomb, or not a single report.
    #[error("the PDF exceeds a safety limit: {0}")]
    PdfLimit(String),
}

impl Error {
    /// A stable, machine-readable id of the error kind: `empty`, `binary`, `too_large`,
    /// `not_a_report`, `pre_2019_template`, `encoding`, `unsupported`; for PDF files
    /// `encrypted`, `scanned_pdf`, `invalid_pdf` and `pdf_limit`; `csv` for a table
    /// given to [`crate::audit`] that cannot be read.
    ///
    /// ```
    /// assert_eq!(nianbao::Error::Empty.code(), "empty");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::Binary(_) => "binary",
            Error::TooLarge { .. } => "too_large",
            Error::NotAReport(_) => "not_a_report",
            Error::PreTemplate { .. } => "pre_2019_template",
            Error::Encoding { .. } => "encoding",
            Error::Unsupported(_) => "unsupported",
            Error::Csv { .. } => "csv",
            Error::Encrypted(_) => "encrypted",
            Error::ScannedPdf { .. } => "scanned_pdf",
            Error::InvalidPdf(_) => "invalid_pdf",
            Error::PdfLimit(_) => "pdf_limit",
        }
    }
}
