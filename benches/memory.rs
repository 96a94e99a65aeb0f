//! Memory and linearity of a parse: what issue 12 asks as "cost linear in input,
//! memory ≤ 4× input size", measured.
//!
//! ```text
//! cargo bench -p nianbao --bench memory [-- REPEAT]
//! ```
//!
//! For every report text (the `.txt` and `.md` files of `../shared/corpus` and
//! `tests/fixtures`, identical copies once), with a counting global allocator
//! (`tests/support/alloc.rs`) around [`nianbao::parse_report`]:
//!
//! - at its own size: the live heap at its peak (the report returned included), the
//!   allocations and the bytes allocated in all;
//! - the text repeated `REPEAT` times (default 200; one newline between copies, so
//!   1–4 MB): the peak ÷ the input's bytes;
//! - the time at 1×, 10× and 100× its size (the best of several runs), and the growth
//!   `t(100×) ÷ (10 · t(10×))`: 1 is linear, under 1 a larger input costs less a byte
//!   (most of a long text after the tables is prose, passed over quickly). From 1× to
//!   10× the fixed cost of a parse weighs more, so that step is shown as rates only.
//!
//! Then the byte inputs (`../shared/corpus/real/*.html|*.docx|*.pdf` and the PDF
//! fixture) through [`nianbao::parse_bytes`]: the peak ÷ the file's bytes and ÷ the
//! bytes of the text it reads as. Prints Markdown tables and a summary.
//! Allocations are counted, not timed: those figures are the same on every run.

#[path = "../tests/support/alloc.rs"]
mod alloc;
#[path = "../tests/support/texts.rs"]
mod texts;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use alloc::{measure, Counting};
use nianbao::codes::STRUCTURE_SECTION_MISSING;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What a text is to the parser.
#[derive(Clone, Copy)]
enum Kind {
    /// A report with the heading of every part 一…五.
    Whole,
    /// Parsed, but a part's heading is missing (a table or two of a report).
    Fragment,
    /// Not parsed (a report from before the 2019 template, not a report).
    Refused,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Whole => "report",
            Kind::Fragment => "part missing",
            Kind::Refused => "refused",
        }
    }
}

/// `text` `n` times, one newline between copies.
fn repeated(text: &str, n: usize) -> String {
    vec![text; n].join("\n")
}

/// The least time of `parse_report(text)` over runs lasting about 0.2 s in all.
fn best_time(text: &str) -> Duration {
    let mut best = Duration::MAX;
    let start = Instant::now();
    let mut runs = 0;
    while runs < 3 || (start.elapsed() < Duration::from_millis(200) && runs < 2000) {
        let t = Instant::now();
        let _ = black_box(nianbao::parse_report(black_box(text)));
        best = best.min(t.elapsed());
        runs += 1;
    }
    best
}

/// Least and greatest of some ratios, with the name of the greatest.
fn range(values: &[(f64, &str)]) -> String {
    let min = values.iter().map(|v| v.0).fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(
        (f64::NEG_INFINITY, ""),
        |a, b| if b.0 > a.0 { b } else { a },
    );
    format!("{min:.2}–{:.2}× (the greatest: {})", max.0, max.1)
}

fn main() {
    let repeat: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200);
    let texts = texts::report_texts();
    println!(
        "## Text: `parse_report`, {} texts, repeated {repeat}×\n",
        texts.len()
    );
    println!("| text | KB | kind | peak (KB) | peak ÷ input | allocations | allocated (KB) | {repeat}×: MB | peak ÷ input | t(1×) µs | MB/s 1× / 10× / 100× | growth 10× → 100× |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    let (mut whole, mut fragments, mut refused) = (Vec::new(), Vec::new(), Vec::new());
    let mut growth = Vec::new();
    for t in &texts {
        let input = t.text.len();
        let (result, one) = measure(|| nianbao::parse_report(&t.text));
        // a whole report: parsed, with the heading of every part 一…五
        let kind = match &result {
            Ok(r)
                if r.diagnostics
                    .iter()
                    .any(|d| d.code == STRUCTURE_SECTION_MISSING) =>
            {
                Kind::Fragment
            }
            Ok(_) => Kind::Whole,
            Err(_) => Kind::Refused,
        };
        drop(result);
        let big = repeated(&t.text, repeat);
        let (result, large) = measure(|| nianbao::parse_report(&big));
        drop(result);
        let ratio = large.peak as f64 / big.len() as f64;
        let times: Vec<Duration> = [1, 10, 100]
            .iter()
            .map(|&n| best_time(&repeated(&t.text, n)))
            .collect();
        let rate = |i: usize, n: usize| (input * n) as f64 / times[i].as_secs_f64() / 1e6;
        let grow = times[2].as_secs_f64() / (10.0 * times[1].as_secs_f64());
        match kind {
            Kind::Whole => &mut whole,
            Kind::Fragment => &mut fragments,
            Kind::Refused => &mut refused,
        }
        .push((ratio, t.name.as_str()));
        growth.push((grow, t.name.as_str()));
        println!(
            "| {} | {:.1} | {} | {:.0} | {:.1}× | {} | {:.0} | {:.2} | **{:.2}×** | {:.0} | {:.0} / {:.0} / {:.0} | {:.2} |",
            t.name,
            input as f64 / 1024.0,
            kind.label(),
            one.peak as f64 / 1024.0,
            one.peak as f64 / input as f64,
            one.allocations,
            one.allocated as f64 / 1024.0,
            big.len() as f64 / 1e6,
            ratio,
            times[0].as_secs_f64() * 1e6,
            rate(0, 1),
            rate(1, 10),
            rate(2, 100),
            grow,
        );
    }
    println!();
    println!(
        "- repeated {repeat}×, peak ÷ input: whole reports {}",
        range(&whole)
    );
    println!(
        "- parsed with a part's heading missing (a fragment) {}; refused texts {}",
        range(&fragments),
        range(&refused)
    );
    println!("- growth from 10× to 100× their size: {}", range(&growth));

    let repo = texts::repo();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo.join("../shared/corpus/real"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "html" || e == "docx" || e == "pdf")
        })
        .collect();
    // the PDF fixture, unless the corpus has the same file
    files.push(repo.join("tests/fixtures/hongze-quzhengfu-2023.pdf"));
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    files.dedup_by(|a, b| a.file_name() == b.file_name());
    println!("\n## Bytes: `parse_bytes`\n");
    println!(
        "| file | KB | its text (KB) | peak (KB) | peak ÷ file | peak ÷ its text | allocations |"
    );
    println!("|---|---|---|---|---|---|---|");
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(text) = nianbao::to_text(&bytes) else {
            continue;
        };
        let (result, usage) = measure(|| nianbao::parse_bytes(&bytes));
        drop(result);
        println!(
            "| {} | {:.1} | {:.1} | {:.0} | {:.1}× | {:.1}× | {} |",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
            bytes.len() as f64 / 1024.0,
            text.len() as f64 / 1024.0,
            usage.peak as f64 / 1024.0,
            usage.peak as f64 / bytes.len() as f64,
            usage.peak as f64 / text.len() as f64,
            usage.allocations,
        );
    }
}
