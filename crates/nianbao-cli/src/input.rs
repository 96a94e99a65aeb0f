//! Where reports come from: files, directories and standard input, and the one place
//! where the bytes of an input become a [`Report`].

use std::fs::File;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use nianbao::{Diagnostic, Error, Report, MAX_INPUT_BYTES};

/// File extensions picked up when a directory is walked (compared case-insensitively):
/// text (`txt`, `md`, `markdown`), HTML pages (`html`, `htm`), DOCX files (`docx`)
/// and PDF files (`pdf`). Whatever the extension, the input kind and the text
/// encoding are detected from the bytes by [`nianbao::parse_bytes`].
pub const WALK_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "docx", "pdf"];

/// Turn the bytes of one input into a report.
///
/// This is the single place where the CLI meets the parser: text in UTF-8, UTF-16 or
/// GBK/GB18030, HTML pages, DOCX and PDF files are all read by
/// [`nianbao::parse_bytes`].
pub fn parse_bytes(bytes: &[u8]) -> Result<Report, Error> {
    nianbao::parse_bytes(bytes)
}

/// Where one input is read from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
    /// An argument that could not be expanded (an unreadable or empty directory);
    /// the message says why. It is reported in its place like a file that failed.
    Unreadable(String),
}

/// One report to read, with the name it is reported under.
#[derive(Debug, Clone)]
pub struct Input {
    /// The name printed in messages and output: the path as given (or as found while
    /// walking a directory), or `-` for standard input.
    pub name: String,
    /// Where the bytes come from.
    pub source: Source,
}

/// Expand the command-line arguments into inputs, in order.
///
/// `-` is standard input; a directory is walked recursively and its files with one of
/// the [`WALK_EXTENSIONS`] are taken in sorted path order (hidden entries and symbolic
/// links to directories are skipped); anything else is taken as a file, so that a
/// missing file is reported when it is read.
pub fn expand(args: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::with_capacity(args.len());
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input {
                name: "-".into(),
                source: Source::Stdin,
            });
        } else if arg.is_dir() {
            let before = inputs.len();
            walk(arg, &mut inputs);
            if inputs.len() == before {
                inputs.push(Input {
                    name: arg.display().to_string(),
                    source: Source::Unreadable(format!(
                        "no .{} files in this directory",
                        WALK_EXTENSIONS.join("/.")
                    )),
                });
            }
        } else {
            inputs.push(Input {
                name: arg.display().to_string(),
                source: Source::File(arg.clone()),
            });
        }
    }
    inputs
}

/// Append the report files under `dir` to `out`, sorted by name at every level.
fn walk(dir: &Path, out: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Input {
                name: dir.display().to_string(),
                source: Source::Unreadable(format!("cannot read directory: {}", describe_io(&e))),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file()))
            && has_report_extension(&path)
        {
            out.push(Input {
                name: path.display().to_string(),
                source: Source::File(path),
            });
        }
    }
}

/// Whether the path ends in one of the [`WALK_EXTENSIONS`].
fn has_report_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WALK_EXTENSIONS.iter().any(|w| w.eq_ignore_ascii_case(e)))
}

/// Why an input produced no report.
#[derive(Debug)]
pub enum Failure {
    /// The input could not be read (missing file, permission, a directory that could
    /// not be walked).
    Io(String),
    /// The parser refused the input (empty, binary, too large, text in no known
    /// encoding, a PDF that is encrypted, scanned, damaged or beyond the limits, not a
    /// report, a report from before the 2019 template).
    Parse(Error),
    /// The parser panicked: a bug in nianbao, reported instead of aborting the run.
    Internal(String),
}

impl Failure {
    /// A stable machine-readable id: `io`, `internal`, or the parser's
    /// [`Error::code`] (`empty`, `binary`, `too_large`, `encoding`, `unsupported`,
    /// `not_a_report`, `pre_2019_template`, `encrypted`, `scanned_pdf`, `invalid_pdf`,
    /// `pdf_limit`).
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Io(_) => "io",
            Failure::Parse(e) => e.code(),
            Failure::Internal(_) => "internal",
        }
    }

    /// The message for people.
    pub fn message(&self) -> String {
        match self {
            Failure::Io(m) => m.clone(),
            Failure::Parse(e) => e.to_string(),
            Failure::Internal(m) => {
                format!(
                    "internal error, please report it with this file: the parser panicked ({m})"
                )
            }
        }
    }
}

/// Read one input and parse it.
pub fn load(input: &Input) -> Result<Report, Failure> {
    let bytes = read(input)?;
    guarded(|| parse_bytes(&bytes))
}

/// Read one input and give the text the parser reads for it ([`nianbao::to_text`]):
/// the decoded text, for HTML and DOCX the tab-cell text, for a PDF its text in
/// columns, which the line and column numbers of diagnostics refer to; with the
/// warnings the input gives of itself ([`nianbao::input_warnings`]: a PDF cut short).
pub fn load_text(input: &Input) -> Result<(String, Vec<Diagnostic>), Failure> {
    let bytes = read(input)?;
    guarded(|| Ok((nianbao::to_text(&bytes)?, nianbao::input_warnings(&bytes))))
}

/// Run the parser, turning a panic into [`Failure::Internal`] instead of aborting
/// the run.
fn guarded<T>(work: impl FnOnce() -> Result<T, Error>) -> Result<T, Failure> {
    match panic::catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result.map_err(Failure::Parse),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            Err(Failure::Internal(what))
        }
    }
}

/// The bytes of one input, at most [`MAX_INPUT_BYTES`] of them.
fn read(input: &Input) -> Result<Vec<u8>, Failure> {
    let limit = MAX_INPUT_BYTES as u64;
    let (bytes, size) = match &input.source {
        Source::Unreadable(message) => return Err(Failure::Io(message.clone())),
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .take(limit + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| {
                    Failure::Io(format!("cannot read standard input: {}", describe_io(&e)))
                })?;
            let size = bytes.len();
            (bytes, size)
        }
        Source::File(path) => {
            let cannot = |e: io::Error| Failure::Io(format!("cannot read: {}", describe_io(&e)));
            let file = File::open(path).map_err(cannot)?;
            let meta = file.metadata().map_err(cannot)?;
            if meta.is_dir() {
                return Err(Failure::Io("is a directory".into()));
            }
            if meta.len() > limit {
                return Err(too_large(usize::try_from(meta.len()).unwrap_or(usize::MAX)));
            }
            let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
            file.take(limit + 1)
                .read_to_end(&mut bytes)
                .map_err(cannot)?;
            let size = bytes.len();
            (bytes, size)
        }
    };
    if size > MAX_INPUT_BYTES {
        return Err(too_large(size));
    }
    Ok(bytes)
}

fn too_large(size: usize) -> Failure {
    Failure::Parse(Error::TooLarge {
        size,
        limit: MAX_INPUT_BYTES,
    })
}

/// An I/O error in words, without the `(os error N)` suffix.
fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_extensions_are_case_insensitive() {
        assert!(has_report_extension(Path::new("a/b.TXT")));
        assert!(has_report_extension(Path::new("b.md")));
        assert!(has_report_extension(Path::new("page.HTM")));
        assert!(has_report_extension(Path::new("page.html")));
        assert!(has_report_extension(Path::new("report.Docx")));
        assert!(has_report_extension(Path::new("report.PDF")));
        assert!(!has_report_extension(Path::new("report.doc")));
        assert!(!has_report_extension(Path::new("b.expected.json")));
        assert!(!has_report_extension(Path::new("txt")));
    }

    #[test]
    fn a_panic_in_the_parser_is_an_internal_failure() {
        let err = guarded(|| -> Result<(), Error> { panic!("boom") }).unwrap_err();
        assert_eq!(err.code(), "internal");
        assert!(err.message().contains("boom"), "{}", err.message());
        let err = guarded(|| -> Result<(), Error> { Err(Error::Empty) }).unwrap_err();
        assert_eq!(err.code(), "empty");
    }

    #[test]
    fn missing_file_is_an_io_failure() {
        let input = Input {
            name: "nope".into(),
            source: Source::File(PathBuf::from("/nonexistent/nianbao/report.txt")),
        };
        let err = load(&input).unwrap_err();
        assert_eq!(err.code(), "io");
        assert_eq!(err.message(), "cannot read: no such file or directory");
    }
}
