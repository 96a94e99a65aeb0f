//! PDFs made by real software read as their sources: Chromium's print-to-PDF of HTML
//! pages and LibreOffice's `--convert-to pdf` of DOCX files must give the same
//! values (title, agency, year, date, template, parts, every table cell) and the same
//! error codes as the page or document they were made from.
//!
//! `scripts/pdf-made.sh` runs it: it calls `write_sources` (below) to write the
//! sources into `$NIANBAO_PDF_MADE/src/` —
//! - the corpus's HTML page and DOCX files (`../shared/corpus/real`, when present),
//! - the seed reports of `tests/fixtures` as HTML pages (their tab-cell and pipe
//!   rows as bordered tables, other lines as paragraphs),
//! - reports rendered as HTML by `tests/support/render.rs` (`Spec::example()` and
//!   fixed random reports of both templates, tables with rowspan/colspan),
//!
//! prints the HTML pages with Chromium into `$NIANBAO_PDF_MADE/pdf/NAME.chromium.pdf`;
//! converts the HTML pages to DOCX files and every DOCX file to
//! `$NIANBAO_PDF_MADE/pdf/NAME.libreoffice.pdf` with LibreOffice; then runs
//! `made_pdfs_read_as_their_sources`, which compares each PDF with the page or the
//! DOCX file it was made from. Without `NIANBAO_PDF_MADE` that test says so and
//! passes (a plain `cargo test` has no Chromium or LibreOffice to make PDFs with).

mod support;

use std::path::{Path, PathBuf};

use nianbao::{Report, Severity, Template};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use support::gen::{self, Spec};
use support::render::{self, Layout};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn made_dir() -> Option<PathBuf> {
    std::env::var_os("NIANBAO_PDF_MADE").map(PathBuf::from)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A report's text as an HTML page: tab-cell rows (DOCX-to-text: one cell a line
/// behind a tab, a blank line between rows, wrapped cell text on the lines below)
/// and pipe rows become rows of a bordered table, other lines paragraphs.
fn text_html(title: &str, text: &str) -> String {
    let mut body = String::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut in_cell = false;
    let end_row = |row: &mut Vec<String>, rows: &mut Vec<Vec<String>>| {
        if !row.is_empty() {
            rows.push(std::mem::take(row));
        }
    };
    let end_table = |rows: &mut Vec<Vec<String>>, body: &mut String| {
        if rows.is_empty() {
            return;
        }
        body.push_str("<table border=\"1\" cellspacing=\"0\" width=\"100%\">\n");
        for r in rows.drain(..) {
            body.push_str("<tr>");
            for c in r {
                body.push_str(&format!("<td>{}</td>", escape(c.trim())));
            }
            body.push_str("</tr>\n");
        }
        body.push_str("</table>\n");
    };
    for line in text.lines() {
        if let Some(cell) = line.strip_prefix('\t') {
            row.push(cell.to_string());
            in_cell = true;
        } else if line.trim().is_empty() {
            end_row(&mut row, &mut rows);
            in_cell = false;
        } else if in_cell {
            // wrapped cell text
            if let Some(last) = row.last_mut() {
                last.push_str(line.trim());
            }
        } else if line.matches('|').count() >= 2 {
            let mut cells: Vec<String> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            rows.push(cells);
        } else {
            end_row(&mut row, &mut rows);
            end_table(&mut rows, &mut body);
            body.push_str(&format!("<p>{}</p>\n", escape(line.trim())));
        }
    }
    end_row(&mut row, &mut rows);
    end_table(&mut rows, &mut body);
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>table{{border-collapse:collapse}}td{{border:1px solid #000;padding:2px 4px;font-size:9pt}}</style>\
         </head>\n<body>\n{body}</body></html>\n",
        escape(title)
    )
}

/// Random reports of a template, always the same ones.
fn fixed_specs(template: Template, n: usize, seed: u8) -> Vec<Spec> {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
    );
    (0..n)
        .map(|_| gen::spec(template).new_tree(&mut runner).unwrap().current())
        .collect()
}

/// Write the sources the PDFs are made from into `$NIANBAO_PDF_MADE/src`.
#[test]
#[ignore]
fn write_sources() {
    let dir = made_dir()
        .expect("set NIANBAO_PDF_MADE to the directory to write to")
        .join("src");
    std::fs::create_dir_all(&dir).unwrap();
    let corpus = repo().join("../shared/corpus/real");
    for name in [
        "shanghai-bangongting-2019.html",
        "shanghai-bangongting-2019.docx",
        "template-2021-blank.docx",
    ] {
        if corpus.join(name).is_file() {
            std::fs::copy(corpus.join(name), dir.join(name)).unwrap();
        }
    }
    for seed in [
        "qijiang-gongan-2024",
        "qijiang-chengguan-2024",
        "qijiang-sifa-2024",
        "kaizhou-gongan-2021",
        "tongliang-gongan-2025",
    ] {
        let text =
            std::fs::read_to_string(repo().join(format!("tests/fixtures/{seed}.txt"))).unwrap();
        std::fs::write(
            dir.join(format!("seed-{seed}.html")),
            text_html(seed, &text),
        )
        .unwrap();
    }
    let mut specs = vec![Spec::example()];
    specs.extend(fixed_specs(Template::T2021, 3, 7));
    specs.extend(fixed_specs(Template::T2019, 2, 11));
    for (k, spec) in specs.iter().enumerate() {
        // tables as wide as the page, in a smaller type, as reports print them
        // (LibreOffice's import makes them wider than the page, and what is off the
        // page is not printed; in narrow columns it wraps long numbers, and splits
        // rows at a page break, a number's digits on two pages: see the crate docs)
        let html = render::render(spec, Layout::Html)
            .input
            .replace("<table ", "<table width=\"100%\" ")
            .replace("td{border:1px solid}", "td{border:1px solid;font-size:9pt}");
        std::fs::write(dir.join(format!("rendered-{k}.html")), html).unwrap();
    }
}

/// Mark every table row of the DOCX files made from the HTML pages as one that must
/// not break across pages (`<w:cantSplit/>`), as report templates do. A row that
/// breaks across a page break is printed in two parts, a number's digits possibly on
/// two pages, and is read as two rows (see the crate documentation); LibreOffice's
/// HTML import lets rows break.
#[test]
#[ignore]
fn keep_rows_whole() {
    use std::io::{Read, Write};
    let dir = made_dir().expect("set NIANBAO_PDF_MADE").join("src");
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let made_from_html = dir.join(name.replace(".docx", ".html")).is_file();
        if !name.ends_with(".docx") || !made_from_html {
            continue;
        }
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let entry = file.name().unwrap().to_string();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            if entry == "word/document.xml" {
                let xml = String::from_utf8(data).unwrap();
                let marked = xml.replace("<w:trPr>", "<w:trPr><w:cantSplit/>");
                assert!(
                    marked != xml || !xml.contains("<w:tr"),
                    "{name}: rows without trPr"
                );
                data = marked.into_bytes();
            }
            out.start_file(entry, options).unwrap();
            out.write_all(&data).unwrap();
        }
        std::fs::write(&path, out.finish().unwrap().into_inner()).unwrap();
    }
}

/// What must agree between a PDF and its source.
fn values(r: &Report) -> serde_json::Value {
    let mut errors: Vec<&str> = r
        .diagnostics_of(Severity::Error)
        .map(|d| d.code.as_str())
        .collect();
    errors.sort_unstable();
    serde_json::json!({
        "title": r.title, "agency": r.agency, "year": r.year, "published": r.published,
        "template": r.template, "active_disclosure": r.active_disclosure,
        "applications": r.applications, "reviews": r.reviews,
        "sections": r.sections.iter().map(|s| s.number).collect::<Vec<u8>>(),
        "errors": errors,
    })
}

#[test]
fn made_pdfs_read_as_their_sources() {
    let Some(dir) = made_dir() else {
        eprintln!("NIANBAO_PDF_MADE is not set: no PDFs made by Chromium or LibreOffice to check (scripts/pdf-made.sh makes them)");
        return;
    };
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(dir.join("pdf"))
        .expect("the directory of made PDFs")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    let mut problems = Vec::new();
    let (mut chromium, mut libreoffice) = (0, 0);
    for pdf in &pdfs {
        let name = pdf.file_name().unwrap().to_string_lossy().to_string();
        let (stem, ext, maker) = if let Some(s) = name.strip_suffix(".chromium.pdf") {
            chromium += 1;
            (s, "html", "Chromium")
        } else if let Some(s) = name.strip_suffix(".libreoffice.pdf") {
            libreoffice += 1;
            (s, "docx", "LibreOffice")
        } else {
            continue;
        };
        let source = dir.join("src").join(format!("{stem}.{ext}"));
        let want = nianbao::parse_bytes(&std::fs::read(&source).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        let got = match nianbao::parse_bytes(&std::fs::read(pdf).unwrap()) {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("{name} ({maker}): {e}"));
                continue;
            }
        };
        let (w, g) = (values(&want), values(&got));
        if w != g {
            let mut diffs = Vec::new();
            for (k, wv) in w.as_object().unwrap() {
                if g[k] != *wv {
                    diffs.push(format!("  {k}: source {wv}\n  {k}: PDF    {}", g[k]));
                }
            }
            problems.push(format!(
                "{name} ({maker}) differs from {stem}.{ext}:\n{}",
                diffs.join("\n")
            ));
        }
        // a PDF's diagnostics name their pages
        assert!(
            got.diagnostics
                .iter()
                .all(|d| d.line.is_none() || d.page.is_some()),
            "{name}"
        );
    }
    eprintln!("{chromium} Chromium-made and {libreoffice} LibreOffice-made PDFs checked");
    // the makers that ran (scripts/pdf-made.sh says which): each made a PDF of every
    // seed and rendered page
    let makers = std::env::var("NIANBAO_PDF_MAKERS").unwrap_or_default();
    if makers.contains("chromium") {
        assert!(
            chromium >= 11,
            "only {chromium} Chromium-made PDFs in {}",
            dir.display()
        );
    }
    if makers.contains("libreoffice") {
        assert!(
            libreoffice >= 11,
            "only {libreoffice} LibreOffice-made PDFs in {}",
            dir.display()
        );
    }
    assert!(
        chromium + libreoffice > 0,
        "no made PDFs in {}",
        dir.display()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
