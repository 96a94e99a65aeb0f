//! `nianbao text`: the text the parser reads for an input, so that the `line:col` of a
//! diagnostic can be looked up in an HTML page, a DOCX or a PDF file.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use crate::check::diagnostic_line;
use crate::input::{self, Input, Source};
use crate::run::{closed_pipe_is_fine, Status};

/// Arguments of `nianbao text`.
#[derive(Debug, Args)]
#[command(after_help = TEXT_AFTER_HELP)]
pub struct TextArgs {
    /// The report: a file (text in UTF-8/UTF-16/GBK/GB18030, an HTML page, a DOCX or
    /// a PDF file), or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

const TEXT_AFTER_HELP: &str = "\
Prints, as UTF-8, the text that `parse` and `check` read for FILE: a text file decoded
as it is; an HTML page or a DOCX file as tab-cell text (paragraphs one a line, every
table cell on a line of its own behind a tab, a blank line between table rows); a PDF
as the text of its pages: the tables it draws with borders as tab cells, the rest in
columns as on the page (cells separated by two or more spaces), each page ended by a
line holding only a form feed (^L). The
LINE:COLUMN of `nianbao check` refer to this text:
  nianbao text report.docx | sed -n 120p

A PDF cut short (it does not end with %%EOF; its last pages are probably missing) is
printed as far as it goes, with the warning input.truncated on standard error.

Exit status: 0 when the text was printed, 2 when FILE could not be read or holds no
text (empty, binary, a scanned or encrypted PDF, bytes in no known encoding).";

/// Run `nianbao text` and return the exit status.
pub fn run(args: &TextArgs) -> Status {
    if args.file.is_dir() {
        return fail(&format!(
            "{}: is a directory; `nianbao text` prints the text of one file",
            args.file.display()
        ));
    }
    let input = if args.file.as_os_str() == "-" {
        Input {
            name: "-".into(),
            source: Source::Stdin,
        }
    } else {
        Input {
            name: args.file.display().to_string(),
            source: Source::File(args.file.clone()),
        }
    };
    match input::load_text(&input) {
        Ok((text, warnings)) => {
            for warning in &warnings {
                let _ = writeln!(io::stderr(), "{}", diagnostic_line(&input.name, warning));
            }
            let mut out = io::stdout().lock();
            let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            match written.or_else(closed_pipe_is_fine) {
                Ok(()) => Status::Ok,
                Err(message) => fail(&message),
            }
        }
        Err(failure) => fail(&format!("{}: {}", input.name, failure.message())),
    }
}

fn fail(message: &str) -> Status {
    let _ = writeln!(io::stderr(), "nianbao: {message}");
    Status::Failed
}
