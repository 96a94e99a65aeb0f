//! `nianbao check`: the diagnostics of reports, one line each, like a compiler.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::Args;
use nianbao::{Diagnostic, Report, Severity};

use crate::input::{self, Input};
use crate::run::{self, closed_pipe_is_fine, Status};

/// Arguments of `nianbao check`.
#[derive(Debug, Args)]
#[command(after_help = CHECK_AFTER_HELP)]
pub struct CheckArgs {
    /// Reports to check: files (text in UTF-8/UTF-16/GBK/GB18030, HTML pages, DOCX
    /// and PDF files), `-` for standard input, or directories (walked for *.txt,
    /// *.md, *.markdown, *.html, *.htm, *.docx, *.pdf).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Print only error diagnostics and no summary.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print info diagnostics (hidden by default: they note cells that could not
    /// be checked or were read with a unit or from glued digits).
    #[arg(short, long)]
    pub verbose: bool,
}

const CHECK_AFTER_HELP: &str = "\
Output: one line per diagnostic on standard output,
  FILE:LINE:COLUMN: SEVERITY CODE MESSAGE
with `-` for a line or column the diagnostic does not have; messages are in Chinese.
For a PDF, the page follows the message: `… (第4页)`.
For an HTML page, a DOCX or a PDF file, LINE and COLUMN refer to the text the parser
reads, which `nianbao text FILE` prints.
Errors and warnings are printed, info only with --verbose, errors only with --quiet.
Files that could not be read are reported on stderr as `nianbao: FILE: message`, and a
summary line ends the run on stderr (not with --quiet).

Exit status: 0 when no report has an error diagnostic (warnings are allowed),
1 when a report has at least one, 2 when a file could not be read or is not a
2019/2021-template report (2 wins over 1).";

/// Diagnostic counts of one report, or of the whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// The result of checking one input, rendered on a worker thread.
struct Checked {
    /// Diagnostic lines for standard output.
    stdout: String,
    /// The failure message for standard error, without the `nianbao: ` prefix.
    stderr: Option<String>,
    /// [`Status::Errors`] when the report has error diagnostics, [`Status::Failed`]
    /// when it could not be read or parsed.
    status: Status,
    /// All diagnostics of the report, printed or not.
    tally: Tally,
}

impl CheckArgs {
    /// The least severe diagnostic printed.
    fn threshold(&self) -> Severity {
        if self.quiet {
            Severity::Error
        } else if self.verbose {
            Severity::Info
        } else {
            Severity::Warning
        }
    }
}

/// Run `nianbao check` and return the exit status.
pub fn run(args: &CheckArgs, threads: Option<NonZeroUsize>) -> Status {
    let threshold = args.threshold();
    let inputs = input::expand(&args.files);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut total = Tally::default();
    let (mut ok, mut with_errors, mut failed) = (0usize, 0usize, 0usize);

    let result = run::ordered(
        &inputs,
        threads,
        |input| check(input, threshold),
        |_, checked, messages| {
            match checked.status {
                Status::Ok => ok += 1,
                Status::Errors => with_errors += 1,
                Status::Failed => failed += 1,
            }
            total.errors += checked.tally.errors;
            total.warnings += checked.tally.warnings;
            total.infos += checked.tally.infos;
            messages.print(&mut out, checked.stdout.as_bytes())?;
            if let Some(message) = &checked.stderr {
                out.flush()?;
                messages.say(message);
            }
            Ok(())
        },
    );
    let status = if failed > 0 {
        Status::Failed
    } else if with_errors > 0 {
        Status::Errors
    } else {
        Status::Ok
    };
    if let Err(message) = result.and_then(|()| out.flush().or_else(closed_pipe_is_fine)) {
        let _ = writeln!(io::stderr(), "nianbao: {message}");
        return Status::Failed;
    }
    if !args.quiet {
        let checked = ok + with_errors + failed;
        let summary = summary(checked, ok, with_errors, failed, total, args.verbose);
        let _ = writeln!(io::stderr(), "nianbao: {summary}");
    }
    status
}

/// Check one input: its diagnostic lines down to `threshold`, and its status.
fn check(input: &Input, threshold: Severity) -> Checked {
    match input::load(input) {
        Ok(report) => {
            let tally = tally(&report);
            let mut stdout = String::new();
            for d in report
                .diagnostics
                .iter()
                .filter(|d| d.severity <= threshold)
            {
                let _ = writeln!(stdout, "{}", diagnostic_line(&input.name, d));
            }
            Checked {
                stdout,
                stderr: None,
                status: if report.has_errors() {
                    Status::Errors
                } else {
                    Status::Ok
                },
                tally,
            }
        }
        Err(failure) => Checked {
            stdout: String::new(),
            stderr: Some(format!("{}: {}", input.name, failure.message())),
            status: Status::Failed,
            tally: Tally::default(),
        },
    }
}

fn tally(report: &Report) -> Tally {
    Tally {
        errors: report.diagnostics_of(Severity::Error).count(),
        warnings: report.diagnostics_of(Severity::Warning).count(),
        infos: report.diagnostics_of(Severity::Info).count(),
    }
}

/// `file:line:col: severity code message`, with `-` for an unknown line or column and
/// the message kept on one line; for a PDF, ` (第N页)` after the message.
pub(crate) fn diagnostic_line(file: &str, d: &Diagnostic) -> String {
    let place = |n: Option<u32>| n.map_or_else(|| "-".to_string(), |n| n.to_string());
    let message: String = d
        .message
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let page = d.page.map_or_else(String::new, |p| format!(" (第{p}页)"));
    format!(
        "{file}:{}:{}: {} {} {}{page}",
        place(d.line),
        place(d.column),
        d.severity,
        d.code,
        message.trim_end()
    )
}

/// The closing line: how many files were fine, had errors or failed, and how many
/// diagnostics of each severity were found.
fn summary(
    files: usize,
    ok: usize,
    with_errors: usize,
    failed: usize,
    total: Tally,
    verbose: bool,
) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = format!(
        "checked {}: {ok} without errors, {with_errors} with errors, {failed} failed; {}, {}, {}",
        plural(files, "file", "files"),
        plural(total.errors, "error", "errors"),
        plural(total.warnings, "warning", "warnings"),
        plural(total.infos, "info", "infos"),
    );
    if total.infos > 0 && !verbose {
        text.push_str(" (infos hidden; --verbose shows them)");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(line: Option<u32>, column: Option<u32>, message: &str) -> Diagnostic {
        Diagnostic {
            code: "applications.balance".into(),
            severity: Severity::Error,
            message: message.into(),
            line,
            column,
            page: None,
        }
    }

    #[test]
    fn diagnostic_lines_use_dashes_for_unknown_places() {
        assert_eq!(
            diagnostic_line("a.txt", &diagnostic(Some(120), Some(2), "3 + 0 ≠ 2 + 0")),
            "a.txt:120:2: error applications.balance 3 + 0 ≠ 2 + 0"
        );
        assert_eq!(
            diagnostic_line("-", &diagnostic(None, None, "两行\n消息\n")),
            "-:-:-: error applications.balance 两行 消息"
        );
    }

    #[test]
    fn diagnostic_lines_of_a_pdf_name_the_page() {
        let mut d = diagnostic(Some(131), Some(28), "10 + 1 + 0 + 0 = 11 ≠ 0");
        d.page = Some(4);
        assert_eq!(
            diagnostic_line("r.pdf", &d),
            "r.pdf:131:28: error applications.balance 10 + 1 + 0 + 0 = 11 ≠ 0 (第4页)"
        );
    }

    #[test]
    fn summary_counts_and_mentions_hidden_infos() {
        let total = Tally {
            errors: 2,
            warnings: 1,
            infos: 3,
        };
        let text = summary(3, 1, 1, 1, total, false);
        assert_eq!(
            text,
            "checked 3 files: 1 without errors, 1 with errors, 1 failed; 2 errors, 1 warning, 3 infos (infos hidden; --verbose shows them)"
        );
        assert!(!summary(3, 1, 1, 1, total, true).contains("hidden"));
    }

    #[test]
    fn thresholds() {
        let mut args = CheckArgs {
            files: vec![],
            quiet: false,
            verbose: false,
        };
        assert_eq!(args.threshold(), Severity::Warning);
        args.verbose = true;
        assert_eq!(args.threshold(), Severity::Info);
        args.verbose = false;
        args.quiet = true;
        assert_eq!(args.threshold(), Severity::Error);
    }
}
