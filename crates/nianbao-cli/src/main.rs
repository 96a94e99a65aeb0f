//! `nianbao`: parse and check 政府信息公开工作年度报告 (Chinese government
//! information-disclosure annual reports) from the command line.
//!
//! `nianbao parse` prints the typed report as JSON, JSON lines or CSV;
//! `nianbao check` prints the report's diagnostics like a compiler and sets the exit
//! status; `nianbao text` prints the text the parser reads (where the line numbers of
//! diagnostics point). See the crate's README for every flag, the exit codes and the
//! CSV columns.
#![forbid(unsafe_code)]

mod audit;
mod check;
mod input;
#[cfg(feature = "parquet")]
mod parquet;
mod parse;
mod run;
mod text;

use std::num::NonZeroUsize;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::run::Status;

/// Parse and check 政府信息公开工作年度报告 (government information-disclosure
/// annual reports).
#[derive(Debug, Parser)]
#[command(
    name = "nianbao",
    version,
    about = "Parse and check 政府信息公开工作年度报告 (Chinese government information-disclosure annual reports)",
    long_about = "Parse and check 政府信息公开工作年度报告 (Chinese government information-disclosure \
annual reports, \"年报\").\n\n\
nianbao reads the text of a report as converters deliver it (DOCX-to-text with tab cells, \
pipe rows, one cell per paragraph, markdown tables, pdftotext -layout, flattened portal \
pages) and returns its metadata, its six parts and the three tables of the 2019 or 2021 \
national template cell by cell, with a diagnostic for every place where the report \
contradicts itself.\n\n\
Input is a report as users have it: text in UTF-8 (with or without a byte-order mark), \
UTF-16 or GBK/GB18030 (detected from the bytes), an HTML page (tables with rowspan/colspan), \
a DOCX file, or a PDF file with a text layer (a scanned PDF must be OCR'd first).",
    after_help = "Exit status: 0 success; 1 `check` found error diagnostics; 2 a file could not \
be read or is not a report, or the command line is wrong (2 wins over 1).\n\
Run `nianbao help parse`, `nianbao help check`, `nianbao help text` or `nianbao help audit` \
for the details of each command.",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,

    /// Worker threads used for several files [default: one per core].
    #[arg(short = 'j', long, global = true, value_name = "N")]
    threads: Option<NonZeroUsize>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Print reports as JSON (one file), JSON lines or CSV, or write a typed Parquet
    /// file (many files).
    Parse(parse::ParseArgs),
    /// Print the diagnostics of reports as `file:line:col: severity code message`.
    Check(check::CheckArgs),
    /// Print the text the parser reads for a file (HTML and DOCX as tab-cell text):
    /// the text the LINE:COLUMN of `check` refer to.
    Text(text::TextArgs),
    /// Check many reports against each other: a body's years (上年结转, 现行有效件数,
    /// copied text, missing years), duplicates, deadlines, parents against children;
    /// optionally write a readable HTML audit report.
    Audit(audit::AuditArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match &cli.command {
        Command::Parse(args) => {
            if let Some(message) = args.usage_error() {
                let mut cmd = Cli::command();
                let parse = cmd.find_subcommand_mut("parse").cloned();
                parse
                    .unwrap_or(cmd)
                    .bin_name("nianbao parse")
                    .error(clap::error::ErrorKind::ArgumentConflict, message)
                    .exit();
            }
            parse::run(args, cli.threads)
        }
        Command::Check(args) => check::run(args, cli.threads),
        Command::Text(args) => text::run(args),
        Command::Audit(args) => audit::run(args, cli.threads),
    };
    match status {
        Status::Ok => ExitCode::SUCCESS,
        Status::Errors => ExitCode::from(1),
        Status::Failed => ExitCode::from(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
