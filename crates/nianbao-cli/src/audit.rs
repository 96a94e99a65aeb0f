//! `nianbao audit`: checks across reports (a body's years, duplicates, deadlines,
//! parents against children) with the library's `nianbao::audit`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::Args;
use nianbao::audit::{self, Audit, BodyKind, Input as AuditInput, Options};
use nianbao::{Report, Severity};

use crate::check::diagnostic_line;
use crate::input::{self, Input};
use crate::run::{self, closed_pipe_is_fine, Status};

/// Arguments of `nianbao audit`.
#[derive(Debug, Args)]
#[command(after_help = AUDIT_AFTER_HELP)]
pub struct AuditArgs {
    /// Reports to audit together: files (text in UTF-8/UTF-16/GBK/GB18030, HTML pages,
    /// DOCX files) or directories (walked for *.txt, *.md, *.markdown, *.html, *.htm,
    /// *.docx), or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub files: Vec<PathBuf>,

    /// Write the readable audit report, one self-contained HTML file (bodies × years,
    /// every finding with the cells it compares, a chart per body), to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Print CSV instead of lines: a header, then one row per finding (every severity).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,

    /// Print the whole audit as JSON instead of lines (reports, bodies, findings).
    #[arg(long)]
    pub json: bool,

    /// A CSV of `parent,child` (names or keys of bodies): check each 表三 cell of a
    /// parent's report against the sum of its children's (rollup.sum).
    #[arg(long, value_name = "FILE")]
    pub hierarchy: Option<PathBuf>,

    /// A CSV of `name,key` or `name,key,kind`: reports whose agency is `name` belong to
    /// the body `key` (a renamed body, a name the grouping gets wrong); `kind`
    /// (`government` or `department`) sets its deadline.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,

    /// The kind of a body, `NAME=government` (县级以上人民政府, report due by 3月31日) or
    /// `NAME=department` (部门, due by 1月31日); NAME is the body's key or printed name.
    /// Repeatable. Overrides what the name implies.
    #[arg(long, value_name = "NAME=KIND", value_parser = parse_kind)]
    pub kind: Vec<(String, BodyKind)>,

    /// Print only error findings and no summary.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print the checks that could not be assessed (`*.not_assessable`: a blank
    /// cell, a 2019-template table, a report without a date of issue).
    #[arg(short, long)]
    pub verbose: bool,
}

fn parse_kind(s: &str) -> Result<(String, BodyKind), String> {
    let (name, kind) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("expected NAME=government or NAME=department, got {s:?}"))?;
    if name.trim().is_empty() {
        return Err(format!("no body name before '=' in {s:?}"));
    }
    Ok((name.trim().to_string(), kind.parse()?))
}

const AUDIT_AFTER_HELP: &str = "\
Every file is parsed (on all cores), then the reports are checked against each other:
grouped by body (agency name; a parent region printed or not, full/half width and
spaces do not matter; --aliases overrides), each body's reports ordered by year, and
  series.carry_chain            上年结转 ≠ last year's 结转下年度, per applicant column (error)
  series.in_force_rollforward   现行有效件数 ≠ last year's + 制发 − 废止 (warning)
  series.text_reuse             over half of 总体情况 / 存在的主要问题 repeats last year (warning)
  series.duplicate              two reports for one body and year with different tables (error)
  series.gap                    a missing year (info)
  timeliness.late               published after 1月31日 (departments) / 3月31日 (governments)
  rollup.sum                    a parent's 表三 ≠ the sum of its children's (--hierarchy)

Output: one line per finding on standard output,
  FILE:LINE:COLUMN: SEVERITY CODE MESSAGE
where FILE is the report the finding is about (the later year) and LINE:COLUMN its
cell; the message names the other report and its cell. Every finding is printed except
the checks that could not be assessed (*.not_assessable: --verbose shows them too);
--quiet prints errors only. A summary per body (years, findings) goes to standard error
(not with --quiet). --csv or --json print everything instead; --html FILE writes the
readable report as well.

Exit status: 0 when no finding is an error, 1 when one is, 2 when a file could not be
read or is not a report, or a CSV option cannot be read (2 wins over 1). Each report's
own diagnostics are `nianbao check`'s; the audit prints only findings across reports.";

/// Run `nianbao audit` and return the exit status.
pub fn run(args: &AuditArgs, threads: Option<NonZeroUsize>) -> Status {
    let options = match options(args) {
        Ok(options) => options,
        Err(message) => {
            let _ = writeln!(io::stderr(), "nianbao: {message}");
            return Status::Failed;
        }
    };
    let inputs = input::expand(&args.files);
    let mut reports: Vec<(String, Report)> = Vec::with_capacity(inputs.len());
    let mut failed = 0usize;
    let result = run::ordered(
        &inputs,
        threads,
        input::load,
        |input: &Input, loaded, messages| {
            match loaded {
                Ok(report) => reports.push((input.name.clone(), report)),
                Err(failure) => {
                    failed += 1;
                    messages.say(&format!("{}: {}", input.name, failure.message()));
                }
            }
            Ok(())
        },
    );
    if let Err(message) = result {
        let _ = writeln!(io::stderr(), "nianbao: {message}");
        return Status::Failed;
    }

    let audit = audit::audit(
        reports
            .iter()
            .map(|(name, report)| AuditInput::new(name.clone(), report)),
        &options,
    );

    if let Some(path) = &args.html {
        if let Err(e) = std::fs::write(path, audit.to_html()) {
            let _ = writeln!(
                io::stderr(),
                "nianbao: cannot write the HTML report to {}: {e}",
                path.display()
            );
            return Status::Failed;
        }
    }

    let output = if args.json {
        serde_json::to_string_pretty(&audit)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string())
    } else if args.csv {
        csv_text(&audit)
    } else {
        Ok(lines(&audit, shown(args)))
    };
    let written = output.and_then(|text| {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .or_else(closed_pipe_is_fine)
    });
    if let Err(message) = written {
        let _ = writeln!(io::stderr(), "nianbao: {message}");
        return Status::Failed;
    }
    if !args.quiet {
        let _ = io::stderr().write_all(summary(&audit, failed, args.html.as_ref()).as_bytes());
    }
    if failed > 0 {
        Status::Failed
    } else if audit.has_errors() {
        Status::Errors
    } else {
        Status::Ok
    }
}

fn shown(args: &AuditArgs) -> Shown {
    if args.quiet {
        Shown::Errors
    } else if args.verbose {
        Shown::All
    } else {
        Shown::Findings
    }
}

/// The options from the flags; an error message naming the file when a CSV is wrong.
fn options(args: &AuditArgs) -> Result<Options, String> {
    let mut options = Options::default();
    let read = |path: &PathBuf| {
        std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
    };
    if let Some(path) = &args.aliases {
        options
            .read_aliases_csv(&read(path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(path) = &args.hierarchy {
        options
            .read_hierarchy_csv(&read(path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    for (name, kind) in &args.kind {
        options.kinds.insert(name.clone(), *kind);
    }
    Ok(options)
}

/// Which findings the lines show: only errors (`--quiet`), everything but the checks
/// that could not be assessed (the default: missing years, copies and ungrouped
/// reports are findings too), or everything (`--verbose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Errors,
    Findings,
    All,
}

impl Shown {
    fn shows(self, d: &nianbao::Diagnostic) -> bool {
        match self {
            Shown::Errors => d.severity == Severity::Error,
            Shown::Findings => !d.code.ends_with(".not_assessable"),
            Shown::All => true,
        }
    }
}

/// `file:line:col: severity code message` per finding shown.
fn lines(audit: &Audit, shown: Shown) -> String {
    let mut out = String::new();
    for f in audit.findings.iter().filter(|f| shown.shows(&f.diagnostic)) {
        let file = f.sides.first().map_or("-", |s| s.source.as_str());
        let _ = writeln!(out, "{}", diagnostic_line(file, &f.diagnostic));
    }
    out
}

/// The findings as CSV: [`nianbao::audit::rows::COLUMNS`], then one row each.
fn csv_text(audit: &Audit) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(audit::rows::COLUMNS)
        .map_err(|e| e.to_string())?;
    for f in &audit.findings {
        let row: Vec<String> = audit::rows::row(f)
            .iter()
            .map(ToString::to_string)
            .collect();
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// Per body: its years (and the missing ones) and its findings; then the totals.
fn summary(audit: &Audit, failed: usize, html: Option<&PathBuf>) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut out = String::new();
    let mut tallies: HashMap<&str, audit::Tally> = HashMap::new();
    for f in &audit.findings {
        if let Some(body) = &f.body {
            let t = tallies.entry(body.as_str()).or_default();
            match f.diagnostic.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
    }
    for body in &audit.bodies {
        let t = tallies.get(body.key.as_str()).copied().unwrap_or_default();
        let years: Vec<String> = body.years.iter().map(i32::to_string).collect();
        // The years between the first and the last without a report (for a sane run).
        let missing: Vec<String> = match (body.years.first(), body.years.last()) {
            (Some(&a), Some(&b)) if i64::from(b) - i64::from(a) <= 100 => (a..=b)
                .filter(|y| !body.years.contains(y))
                .map(|y| y.to_string())
                .collect(),
            _ => Vec::new(),
        };
        let _ = writeln!(
            out,
            "nianbao: {}: {} ({}{}): {}, {}, {}",
            body.key,
            years.join(" "),
            plural(body.reports.len(), "report", "reports"),
            if missing.is_empty() {
                String::new()
            } else {
                format!("; missing {}", missing.join(" "))
            },
            plural(t.errors, "error", "errors"),
            plural(t.warnings, "warning", "warnings"),
            plural(t.infos, "info", "infos"),
        );
    }
    let t = audit.tally();
    let _ = write!(
        out,
        "nianbao: audited {} in {}{}; {}, {}, {}",
        plural(audit.reports.len(), "report", "reports"),
        plural(audit.bodies.len(), "body", "bodies"),
        if audit.ungrouped.is_empty() {
            String::new()
        } else {
            format!(" ({} not grouped)", audit.ungrouped.len())
        },
        plural(t.errors, "error", "errors"),
        plural(t.warnings, "warning", "warnings"),
        plural(t.infos, "info", "infos"),
    );
    if failed > 0 {
        let _ = write!(out, "; {} failed", plural(failed, "file", "files"));
    }
    if let Some(path) = html {
        let _ = write!(out, "; HTML report: {}", path.display());
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_on_the_command_line() {
        assert_eq!(
            parse_kind("洪泽区人民政府=government"),
            Ok(("洪泽区人民政府".into(), BodyKind::Government))
        );
        assert_eq!(
            parse_kind("a=b=department"),
            Ok(("a=b".into(), BodyKind::Department))
        );
        assert!(parse_kind("洪泽区人民政府")
            .unwrap_err()
            .contains("NAME=government"));
        assert!(parse_kind("=government").is_err());
        assert!(parse_kind("x=county").unwrap_err().contains("department"));
    }
}
