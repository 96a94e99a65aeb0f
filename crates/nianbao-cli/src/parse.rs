//! `nianbao parse`: reports as JSON, JSON lines or CSV.

use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::Args;
use nianbao::Report;
use serde::Serialize;

use crate::input::{self, Failure, Input};
use crate::run::{self, closed_pipe_is_fine, Status};

/// Arguments of `nianbao parse`.
#[derive(Debug, Args)]
#[command(after_help = PARSE_AFTER_HELP)]
pub struct ParseArgs {
    /// The report: a file (text in UTF-8/UTF-16/GBK/GB18030, an HTML page, a DOCX or
    /// a PDF file), or `-` for standard input. With --jsonl or --csv, any number of
    /// files and directories (walked for *.txt, *.md, *.markdown, *.html, *.htm,
    /// *.docx, *.pdf).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Print the JSON on one line instead of pretty-printed.
    #[arg(long, conflicts_with = "csv")]
    pub compact: bool,

    /// Print one JSON object per line and file, in input order:
    /// {"file": …, "report": {…}} or {"file": …, "error": {"code": …, "message": …}}.
    #[arg(long, conflicts_with = "csv")]
    pub jsonl: bool,

    /// Print CSV: a header, then one row per file in input order. The columns are
    /// `file`, the flat report columns (title, agency, year, …, every table cell),
    /// then `error` and `error_message`, filled only for a file that failed.
    #[arg(long)]
    pub csv: bool,

    /// Write a typed Parquet file OUT instead of printing: one row per file, in input
    /// order, with the columns `path`, the flat report columns (counts int64, money
    /// float64, text utf8, `published` date32), `error`, `error_message` and
    /// `diagnostics` (a list of structs). Written in row groups as files are parsed.
    #[cfg(feature = "parquet")]
    #[arg(long, value_name = "OUT", conflicts_with_all = ["csv", "jsonl", "compact"])]
    pub parquet: Option<PathBuf>,
}

const PARSE_AFTER_HELP: &str = "\
Examples:
  nianbao parse report.txt                    pretty JSON of one report
  nianbao parse --compact - < report.txt      one-line JSON from standard input
  nianbao parse report.pdf                    a PDF, DOCX file or HTML page, read directly
  nianbao parse --jsonl reports/ > all.jsonl  every *.txt/*.md/*.html/*.docx/*.pdf under reports/
  nianbao parse --csv *.txt > reports.csv     one flat row per report
  nianbao parse --parquet out.parquet reports/
                                              typed columns for DuckDB, Spark, pandas, polars

Exit status: 0 when every file was parsed, 2 when a file could not be read or is not
a report (its error is printed to stderr, and with --jsonl/--csv also written to the
output). Diagnostics found in a report do not change the exit status of `parse`; use
`nianbao check` for that.";

/// The output format chosen by the flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// One report as a JSON document.
    Json {
        /// Pretty-printed (the default) or on one line (`--compact`).
        pretty: bool,
    },
    /// One JSON object per line and file.
    Jsonl,
    /// A CSV header and one row per file.
    Csv,
    /// A typed Parquet file.
    #[cfg(feature = "parquet")]
    Parquet,
}

impl ParseArgs {
    fn format(&self) -> Format {
        #[cfg(feature = "parquet")]
        if self.parquet.is_some() {
            return Format::Parquet;
        }
        if self.csv {
            Format::Csv
        } else if self.jsonl {
            Format::Jsonl
        } else {
            Format::Json {
                pretty: !self.compact,
            }
        }
    }

    /// A usage error in the arguments that clap cannot express: plain JSON holds one
    /// report, so several files or a directory need `--jsonl` or `--csv`.
    pub fn usage_error(&self) -> Option<String> {
        if !matches!(self.format(), Format::Json { .. }) {
            return None;
        }
        if self.files.len() > 1 {
            return Some(format!(
                "{} files given: the JSON output holds one report; use {MANY} for several",
                self.files.len()
            ));
        }
        match self.files.first() {
            Some(dir) if dir.is_dir() => Some(format!(
                "{} is a directory: the JSON output holds one report; use {MANY} to parse the files in it",
                dir.display()
            )),
            _ => None,
        }
    }
}

/// The formats that hold several reports, for usage errors.
const MANY: &str = if cfg!(feature = "parquet") {
    "--jsonl, --csv or --parquet"
} else {
    "--jsonl or --csv"
};

/// The output of one input, rendered on a worker thread.
struct Rendered {
    /// Text for standard output (empty when there is none).
    stdout: Vec<u8>,
    /// A message for standard error, without the `nianbao: ` prefix.
    stderr: Option<String>,
    /// Whether the input failed.
    status: Status,
}

/// Run `nianbao parse` and return the exit status.
pub fn run(args: &ParseArgs, threads: Option<NonZeroUsize>) -> Status {
    let format = args.format();
    let inputs = input::expand(&args.files);
    #[cfg(feature = "parquet")]
    if let Some(out) = &args.parquet {
        return run_parquet(out, &inputs, threads);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut status = Status::Ok;

    let result = (|| {
        if format == Format::Csv {
            let header = csv_line(csv_header())?;
            if let Err(e) = out.write_all(header.as_bytes()) {
                return closed_pipe_is_fine(e);
            }
        }
        run::ordered(
            &inputs,
            threads,
            |input| render(format, input),
            |_, rendered, messages| {
                status = status.max(rendered.status);
                if let Some(message) = &rendered.stderr {
                    out.flush()?;
                    messages.say(message);
                }
                messages.print(&mut out, &rendered.stdout)
            },
        )?;
        out.flush().or_else(closed_pipe_is_fine)
    })();
    match result {
        Ok(()) => status,
        Err(message) => {
            let _ = writeln!(io::stderr(), "nianbao: {message}");
            Status::Failed
        }
    }
}

/// `--parquet OUT`: parse on all cores, write the rows in input order.
#[cfg(feature = "parquet")]
fn run_parquet(out: &std::path::Path, inputs: &[Input], threads: Option<NonZeroUsize>) -> Status {
    let mut status = Status::Ok;
    let result = (|| {
        let mut writer = crate::parquet::Writer::create(out)?;
        run::ordered(inputs, threads, input::load, |input, loaded, messages| {
            if let Err(failure) = &loaded {
                status = Status::Failed;
                messages.say(&format!("{}: {}", input.name, failure.message()));
            }
            writer
                .push(&input.name, loaded.as_ref())
                .map_err(io::Error::other)
        })?;
        writer.finish()
    })();
    match result {
        Ok(()) => status,
        Err(message) => {
            let _ = writeln!(io::stderr(), "nianbao: {message}");
            Status::Failed
        }
    }
}

/// One JSON line of `--jsonl` for a report.
#[derive(Serialize)]
struct Parsed<'a> {
    file: &'a str,
    report: &'a Report,
}

/// One JSON line of `--jsonl` for a file that failed.
#[derive(Serialize)]
struct Failed<'a> {
    file: &'a str,
    error: ErrorObject<'a>,
}

/// The `error` object of a failed file.
#[derive(Serialize)]
struct ErrorObject<'a> {
    code: &'a str,
    message: &'a str,
}

fn render(format: Format, input: &Input) -> Rendered {
    let loaded = input::load(input);
    let rendered = match (&loaded, format) {
        (Ok(report), Format::Json { pretty }) => json_line(report, pretty),
        (Ok(report), Format::Jsonl) => json_line(
            &Parsed {
                file: &input.name,
                report,
            },
            false,
        ),
        (Ok(report), Format::Csv) => {
            csv_line(csv_row(&input.name, Ok(report))).map(String::into_bytes)
        }
        (Err(_), Format::Json { .. }) => Ok(Vec::new()),
        (Err(failure), Format::Jsonl) => json_line(
            &Failed {
                file: &input.name,
                error: ErrorObject {
                    code: failure.code(),
                    message: &failure.message(),
                },
            },
            false,
        ),
        (Err(failure), Format::Csv) => {
            csv_line(csv_row(&input.name, Err(failure))).map(String::into_bytes)
        }
        #[cfg(feature = "parquet")]
        (_, Format::Parquet) => Ok(Vec::new()),
    };
    match (rendered, loaded) {
        (Ok(stdout), Ok(_)) => Rendered {
            stdout,
            stderr: None,
            status: Status::Ok,
        },
        (Ok(stdout), Err(failure)) => Rendered {
            stdout,
            stderr: Some(format!("{}: {}", input.name, failure.message())),
            status: Status::Failed,
        },
        (Err(e), _) => Rendered {
            stdout: Vec::new(),
            stderr: Some(format!("{}: cannot format the output: {e}", input.name)),
            status: Status::Failed,
        },
    }
}

/// Room for a report's JSON: most are 5–30 KB.
const JSON_ROOM: usize = 32 * 1024;

/// `value` as JSON (one line, or `pretty`) and a line break, written into a buffer
/// with room for a report: `serde_json::to_string` starts at 128 bytes and doubles,
/// copying a report's JSON seven or eight times.
fn json_line<T: Serialize>(value: &T, pretty: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(JSON_ROOM);
    if pretty {
        serde_json::to_writer_pretty(&mut out, value)
    } else {
        serde_json::to_writer(&mut out, value)
    }
    .map_err(|e| e.to_string())?;
    out.push(b'\n');
    // a chunk of reports is held until it is written: only what each line needs
    out.shrink_to_fit();
    Ok(out)
}

/// The CSV header: `file`, the columns of [`nianbao::flat::columns`], `error`,
/// `error_message`. It does not depend on the input.
pub fn csv_header() -> Vec<String> {
    let mut header = vec!["file".to_string()];
    header.extend(nianbao::flat::columns());
    header.push("error".into());
    header.push("error_message".into());
    header
}

/// The CSV fields of one file, matching [`csv_header`].
fn csv_row(file: &str, result: Result<&Report, &Failure>) -> Vec<String> {
    let mut row = vec![file.to_string()];
    match result {
        Ok(report) => {
            row.extend(
                nianbao::flat::row(report)
                    .into_iter()
                    .map(|(_, v)| v.to_string()),
            );
            row.push(String::new());
            row.push(String::new());
        }
        Err(failure) => {
            row.extend(nianbao::flat::columns().into_iter().map(|_| String::new()));
            row.push(failure.code().to_string());
            row.push(failure.message());
        }
    }
    row
}

/// One CSV record with its line end.
fn csv_line(fields: Vec<String>) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&fields).map_err(|e| e.to_string())?;
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_rows_have_the_header_width_and_the_error() {
        let header = csv_header();
        let failure = Failure::Parse(nianbao::Error::Empty);
        let row = csv_row("a.txt", Err(&failure));
        assert_eq!(row.len(), header.len());
        assert_eq!(row[0], "a.txt");
        assert_eq!(row[row.len() - 2], "empty");
        assert!(row[row.len() - 1].contains("empty"));
        assert!(row[1..row.len() - 2].iter().all(String::is_empty));
    }

    #[test]
    fn csv_quotes_fields_and_ends_lines() {
        let line = csv_line(vec!["a,b".into(), "c\"d".into(), "e".into()]).unwrap();
        assert_eq!(line, "\"a,b\",\"c\"\"d\",e\n");
    }

    #[test]
    fn several_files_need_jsonl_or_csv() {
        let mut args = ParseArgs {
            files: vec!["a.txt".into(), "b.txt".into()],
            compact: false,
            jsonl: false,
            csv: false,
            #[cfg(feature = "parquet")]
            parquet: None,
        };
        assert!(args.usage_error().is_some());
        args.jsonl = true;
        assert_eq!(args.usage_error(), None);
        args.jsonl = false;
        args.csv = true;
        assert_eq!(args.usage_error(), None);
        args.csv = false;
        args.files = vec![std::env::temp_dir()];
        assert!(args.usage_error().unwrap().contains("is a directory"));
    }
}
