//! Speed of [`nianbao::parse_report`] on real reports, per text layout.
//!
//! Reads the `.txt` and `.md` reports in `<repo>/tests/fixtures/` and, when it is
//! there, `<repo>/../shared/corpus/**` (identical copies counted once), and sorts them
//! by the layout their converter produced:
//!
//! | group | files |
//! |---|---|
//! | `tab_cells` | DOCX-to-text, one tab-indented cell a line (`qijiang-*.txt`) |
//! | `pipes` | pipe rows (`kaizhou-gongan-2021.txt`) |
//! | `paragraphs` | flattened HTML, one cell per paragraph (`tongliang-gongan-2025.txt`) |
//! | `markdown` | markdown tables (`*.md`) |
//! | `pdftotext` | `pdftotext -layout` output (`*.layout.txt`) |
//! | `glued` | flattened portal pages with glued digits (`pingtan-*.txt`) |
//! | `other` | any other text |
//!
//! Each group parses all its reports once per iteration (`parse`) and, in the same
//! run, makes one pass that decodes every character of the same bytes (`plain`): the
//! limit the parser is measured against. Both have `Throughput::Bytes`, so criterion
//! prints MB/s side by side. The `mix` group does the same over every text file of
//! `../shared/corpus` as they come (the refused ones too; the fixtures when the
//! corpus is not there). Texts the parser refuses (reports from before the 2019
//! template, fragments) are also timed apart in the `rejected` group: how fast a
//! dataset run gets rid of them.
//!
//! The `bytes` group times the byte entry point [`nianbao::parse_bytes`] on what users
//! download: HTML pages, DOCX files and GB18030 text (`tests/fixtures/encodings/`,
//! `../shared/corpus/real/*.html|*.docx`), with `Throughput::Bytes` of the file; beside
//! each (`bytes/text/FILE`), [`nianbao::parse_report`] of the text the file reads as
//! ([`nianbao::to_text`]), with the same throughput: the text path of the same report,
//! in the same run.
//!
//! The `pdf` group times PDF files (`tests/fixtures/*.pdf`, `tests/fixtures/pdf/`,
//! `../shared/corpus/real/*.pdf`): `parse_bytes` (read and parse) and `to_text` (the
//! PDF reader alone), with `Throughput::Bytes` of the file.
//!
//! `cargo bench -p nianbao --bench parse` runs everything in about two minutes on two
//! cores; `cargo bench -p nianbao --bench parse -- pipes` runs one group.

#[path = "../tests/support/texts.rs"]
mod texts;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// The converter layout a report's text is in, from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layout {
    TabCells,
    Pipes,
    Paragraphs,
    Markdown,
    Pdftotext,
    Glued,
    Other,
}

impl Layout {
    const ALL: [Layout; 7] = [
        Layout::TabCells,
        Layout::Pipes,
        Layout::Paragraphs,
        Layout::Markdown,
        Layout::Pdftotext,
        Layout::Glued,
        Layout::Other,
    ];

    fn of(file_name: &str) -> Layout {
        if file_name.ends_with(".md") {
            Layout::Markdown
        } else if file_name.ends_with(".layout.txt") {
            Layout::Pdftotext
        } else if file_name.starts_with("pingtan-") {
            Layout::Glued
        } else if file_name.starts_with("qijiang-") {
            Layout::TabCells
        } else if file_name.starts_with("kaizhou-") {
            Layout::Pipes
        } else if file_name.starts_with("tongliang-") {
            Layout::Paragraphs
        } else {
            Layout::Other
        }
    }

    fn group(self) -> &'static str {
        match self {
            Layout::TabCells => "tab_cells",
            Layout::Pipes => "pipes",
            Layout::Paragraphs => "paragraphs",
            Layout::Markdown => "markdown",
            Layout::Pdftotext => "pdftotext",
            Layout::Glued => "glued",
            Layout::Other => "other",
        }
    }
}

/// One report text of the corpus.
struct Sample {
    name: String,
    layout: Layout,
    text: String,
    /// Whether `parse_report` returns a report for it.
    parses: bool,
    /// Whether it comes from `../shared/corpus` (not `tests/fixtures`).
    in_corpus: bool,
}

/// Every report text ([`texts::report_texts`]), sorted by layout.
fn corpus() -> Vec<Sample> {
    let mut samples: Vec<Sample> = texts::report_texts()
        .into_iter()
        .map(|t| Sample {
            layout: Layout::of(&t.name),
            parses: nianbao::parse_report(&t.text).is_ok(),
            in_corpus: t.in_corpus,
            name: t.name,
            text: t.text,
        })
        .collect();
    samples.sort_by(|a, b| (a.layout, &a.name).cmp(&(b.layout, &b.name)));
    samples
}

/// The limit a parser is measured against: one pass that decodes every character of
/// the same bytes (and counts the non-ASCII ones, so that the pass is not optimised
/// away).
fn plain_pass(texts: &[&str]) -> usize {
    texts
        .iter()
        .map(|t| t.chars().filter(|c| !c.is_ascii()).count())
        .sum()
}

/// Two benchmarks over the same texts, one iteration each parsing all of them:
/// `parse` (`parse_report`) and `plain` ([`plain_pass`]), with `Throughput::Bytes`,
/// so criterion prints both rates side by side.
fn parse_beside_plain(c: &mut Criterion, group: &str, texts: &[&str], seconds: u64) {
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut group = c.benchmark_group(group);
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(seconds))
        .throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for text in texts {
                let _ = black_box(nianbao::parse_report(black_box(text)));
            }
        })
    });
    group.bench_function("plain", |b| b.iter(|| plain_pass(black_box(texts))));
    group.finish();
}

fn bench(c: &mut Criterion) {
    let samples = corpus();
    let parsed: Vec<&Sample> = samples.iter().filter(|s| s.parses).collect();
    let rejected: Vec<&Sample> = samples.iter().filter(|s| !s.parses).collect();
    eprintln!(
        "corpus: {} reports, {} parsed, {} rejected by the parser",
        samples.len(),
        parsed.len(),
        rejected.len()
    );

    for layout in Layout::ALL {
        let texts: Vec<&str> = parsed
            .iter()
            .filter(|s| s.layout == layout)
            .map(|s| s.text.as_str())
            .collect();
        if !texts.is_empty() {
            parse_beside_plain(c, layout.group(), &texts, 2);
        }
    }

    // the corpus mix: every text file of ../shared/corpus as they come (refused ones
    // too), or the fixtures when the corpus is not there
    let in_corpus = samples.iter().any(|s| s.in_corpus);
    let mix: Vec<&str> = samples
        .iter()
        .filter(|s| s.in_corpus == in_corpus)
        .map(|s| s.text.as_str())
        .collect();
    if !mix.is_empty() {
        parse_beside_plain(c, "mix", &mix, 3);
    }

    if !rejected.is_empty() {
        let mut group = c.benchmark_group("rejected");
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(1));
        for sample in rejected {
            group.throughput(Throughput::Bytes(sample.text.len() as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(&sample.name),
                sample.text.as_str(),
                |b, text| b.iter(|| nianbao::parse_report(black_box(text))),
            );
        }
        group.finish();
    }
}

/// Files for the byte entry point: HTML, DOCX and GB18030 text.
fn byte_files() -> Vec<(String, Vec<u8>)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    for dir in [
        repo.join("tests/fixtures/encodings"),
        repo.join("../shared/corpus/real"),
    ] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut found: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            found.sort();
            paths.extend(found.into_iter().filter(|p| {
                let n = p.to_string_lossy();
                n.ends_with(".html") || n.ends_with(".docx") || n.ends_with(".gb18030.txt")
            }));
        }
    }
    paths
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            Some((name, std::fs::read(&p).ok()?))
        })
        .collect()
}

fn bench_bytes(c: &mut Criterion) {
    let files = byte_files();
    if files.is_empty() {
        return;
    }
    let mut group = c.benchmark_group("bytes");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (name, bytes) in &files {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(name),
            bytes.as_slice(),
            |b, bytes| b.iter(|| nianbao::parse_bytes(black_box(bytes))),
        );
        // the text path for the same report, in the same run: `parse_report` of the
        // text the file reads as (what `nianbao text FILE` prints), with the file's
        // bytes as throughput, so that the two rows' times (and MiB/s) compare
        // directly: "parse_bytes on HTML/DOCX within 2× of the text path"
        if let Ok(text) = nianbao::to_text(bytes) {
            group.bench_with_input(BenchmarkId::new("text", name), text.as_str(), |b, text| {
                b.iter(|| nianbao::parse_report(black_box(text)))
            });
        }
    }
    group.finish();
}

/// PDF files: the real reports (`tests/fixtures/*.pdf`, `../shared/corpus/real/*.pdf`)
/// and the repository's small ones (`tests/fixtures/pdf/`: written by the tests, and
/// encrypted with AES-256), identical files counted once.
fn pdf_files() -> Vec<(String, Vec<u8>)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in [
        repo.join("tests/fixtures"),
        repo.join("../shared/corpus/real"),
        repo.join("tests/fixtures/pdf"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        found.sort();
        for p in found {
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            let wanted = name.ends_with(".pdf")
                && !name.contains("-user")
                && !name.starts_with("scan")
                && (!name.starts_with("example-") || name.contains("aes-256"));
            if let (true, Ok(bytes)) = (wanted, std::fs::read(&p)) {
                if !out.iter().any(|(_, b)| *b == bytes) {
                    out.push((name, bytes));
                }
            }
        }
    }
    out
}

/// `pdf`: `parse_bytes` of each PDF (read and parsed) and `to_text` alone (the PDF
/// reader without the grammar), with `Throughput::Bytes` of the file.
fn bench_pdf(c: &mut Criterion) {
    let files = pdf_files();
    if files.is_empty() {
        return;
    }
    let mut group = c.benchmark_group("pdf");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (name, bytes) in &files {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("parse_bytes", name),
            bytes.as_slice(),
            |b, bytes| b.iter(|| nianbao::parse_bytes(black_box(bytes))),
        );
        group.bench_with_input(
            BenchmarkId::new("to_text", name),
            bytes.as_slice(),
            |b, bytes| b.iter(|| nianbao::to_text(black_box(bytes))),
        );
    }
    group.finish();
}

criterion_group!(benches, bench, bench_bytes, bench_pdf);
criterion_main!(benches);
