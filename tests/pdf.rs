//! PDF input: real PDFs, each way a PDF encodes Chinese text, and the bad PDFs.
//!
//! - `tests/fixtures/hongze-quzhengfu-2023.pdf` (a real WPS-made report, 5 pages;
//!   the golden test checks its values) gives its real part-四 error on page 4, and
//!   the pages of its cells; with its ToUnicode maps removed (its embedded fonts have
//!   no `cmap`), a clear error names the fonts.
//! - Small PDFs written here (`support/pdfwrite.rs`) decode exactly through every
//!   path: Identity-H with ToUnicode, Identity-H with only an embedded TrueType
//!   `cmap`, GBK-EUC-H, GB-EUC-H, UniGB-UCS2-H and UniGB-UTF16-H without ToUnicode,
//!   Identity-V (vertical), a simple WinAnsi font,
//!   Kangxi radicals; and random consistent reports laid out as `pdftotext -layout`
//!   text and written to PDF parse back to their values (a round-trip property).
//! - Encrypted PDFs (made by qpdf, see `tests/fixtures/pdf/README.md`): an empty user
//!   password is read (RC4 and AES), a real one is `encrypted`; a scan is
//!   `scanned_pdf`; broken and truncated files are `invalid_pdf` (never a panic);
//!   bombs and oversized files are `pdf_limit`.
//! - The real report cut short: read as far as its pages go, with an
//!   `input.truncated` warning, or refused by an error that says the file is cut
//!   short (not that it is a scan, or not a report).

#![cfg(feature = "pdf")]

#[path = "support/pdfwrite.rs"]
mod pdfwrite;
mod support;

use std::path::{Path, PathBuf};

use nianbao::{Error, Report, Template};
use pdfwrite::{pdf, text_pages, Enc, Page, Run, Writer};
use proptest::prelude::*;
use support::gen::{self, Spec};
use support::render::{self, Layout};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn hongze() -> Vec<u8> {
    std::fs::read(fixture("hongze-quzhengfu-2023.pdf")).unwrap()
}

#[test]
fn real_report_errors_and_cells_have_pages() {
    let report = nianbao::parse_bytes(&hongze()).unwrap();
    let errors: Vec<_> = report
        .diagnostics_of(nianbao::Severity::Error)
        .map(|d| (d.code.as_str(), d.page))
        .collect();
    // part 四 of this report prints 0 as the 总计 of 行政复议 (10 + 1) and of 复议后起诉 (5)
    assert_eq!(
        errors,
        vec![
            ("reviews.group_total", Some(4)),
            ("reviews.group_total", Some(4))
        ]
    );
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.line.is_none() || d.page.is_some()));
    let at = |p: &str| report.cell_position(p).unwrap();
    assert_eq!(at("active_disclosure.regulations.issued").page, Some(2));
    assert_eq!(at("active_disclosure.penalty.decisions").page, Some(3));
    assert_eq!(at("applications.new_received.total").page, Some(3));
    assert_eq!(at("applications.carried_forward.total").page, Some(4));
    assert_eq!(at("reviews.administrative_review.total").page, Some(4));

    // the text: one form feed per page; the page of a line is the count of form
    // feeds before it, plus one
    let text = nianbao::to_text(&hongze()).unwrap();
    assert_eq!(text.matches('\u{c}').count(), 5);
    let page_of_line = |line: u32| {
        text.split('\n')
            .take(line as usize)
            .map(|l| l.matches('\u{c}').count())
            .sum::<usize>() as u32
            + 1
    };
    for (path, at) in report.cells.iter() {
        assert_eq!(at.page, Some(page_of_line(at.line)), "{path}");
    }
    let heading = text
        .lines()
        .position(|l| l.contains("三、收到和处理政府信息公开申请情况"))
        .unwrap();
    assert_eq!(page_of_line(heading as u32 + 1), 3);
    // the report's own text, as the reader made it: prose in lines, the ruled tables
    // one cell a line behind a tab (the 21 new applications: 21 natural persons)
    assert!(text.contains("2023年政府信息公开工作年度报告"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let row = lines
        .iter()
        .position(|l| *l == "\t一、本年新收政府信息公开申请数量")
        .expect("the row label is a cell");
    assert_eq!(
        lines[row + 1..row + 9],
        ["\t21", "\t0", "\t0", "\t0", "\t0", "\t0", "\t21", ""]
    );
}

#[test]
fn fonts_without_any_unicode_map_are_a_clear_error() {
    // The fixture's fonts are TrueType subsets without `cmap` tables (as WPS
    // writes them): without their ToUnicode maps nothing says what the glyphs are.
    let mut stripped = hongze();
    let mut n = 0;
    for i in 0..stripped.len().saturating_sub(10) {
        if &stripped[i..i + 10] == b"/ToUnicode" {
            // rename the key (same length: the cross-reference offsets hold)
            stripped[i + 9] = b'X';
            n += 1;
        }
    }
    assert!(n >= 7, "the fixture's fonts have ToUnicode maps ({n})");
    let err = nianbao::parse_bytes(&stripped).unwrap_err();
    assert_eq!(err.code(), "unsupported");
    let message = err.to_string();
    assert!(
        message.contains("no Unicode map") && message.contains("宋体"),
        "{message}"
    );
}

/// The text of a one-page PDF in an encoding, its lines trimmed, blank lines dropped.
fn lines_of(enc: Enc, runs: &[(f32, f32, &str)]) -> Vec<String> {
    let page = Page {
        runs: runs
            .iter()
            .map(|&(x, y, t)| Run {
                x,
                y,
                size: 12.0,
                text: t.into(),
            })
            .collect(),
        ..Page::default()
    };
    let text = nianbao::to_text(&pdf(&[page], enc)).unwrap();
    text.lines()
        .map(|l| l.trim_matches([' ', '\u{c}']).to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn every_cjk_encoding_decodes_exactly() {
    let runs = [
        (60.0, 780.0, "洪泽区人民政府"),
        (60.0, 760.0, "2023年政府信息公开工作年度报告"),
        (60.0, 700.0, "行政规范性文件"),
        (250.0, 700.0, "0"),
        (330.0, 700.0, "5"),
        (410.0, 700.0, "7730.28"),
    ];
    let want = [
        "洪泽区人民政府",
        "2023年政府信息公开工作年度报告",
        "行政规范性文件  0  5  7730.28",
    ];
    for enc in [
        Enc::IdentityToUnicode,
        Enc::IdentityEmbedded,
        Enc::GbkEuc,
        Enc::GbEuc,
        Enc::Ucs2,
        Enc::Utf16,
    ] {
        let got: Vec<String> = lines_of(enc, &runs)
            .into_iter()
            .map(|l| {
                l.split("  ")
                    .filter(|c| !c.is_empty())
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("  ")
            })
            .collect();
        assert_eq!(got, want, "{enc:?}");
    }
    // beyond GB 2312: GBK (綦), and UTF-16 surrogate pairs (𠀀, U+20000)
    assert_eq!(
        lines_of(Enc::GbkEuc, &[(60.0, 700.0, "重庆市綦江区")]),
        ["重庆市綦江区"]
    );
    assert_eq!(lines_of(Enc::Utf16, &[(60.0, 700.0, "𠀀年")]), ["𠀀年"]);
    assert_eq!(
        lines_of(Enc::IdentityToUnicode, &[(60.0, 700.0, "𠀀年")]),
        ["𠀀年"]
    );
    assert_eq!(
        lines_of(Enc::IdentityEmbedded, &[(60.0, 700.0, "𠀀年")]),
        ["𠀀年"]
    );
    // a simple font (WinAnsiEncoding, /Widths)
    let l = lines_of(
        Enc::WinAnsi,
        &[(60.0, 700.0, "0517-87222589"), (300.0, 700.0, "2023")],
    );
    assert_eq!(
        l[0].split_whitespace().collect::<Vec<_>>(),
        ["0517-87222589", "2023"]
    );
    // glyphs mapped to Kangxi radicals (⼀ U+2F00, ⼈ U+2F08) read as the ideographs
    assert_eq!(
        lines_of(Enc::IdentityToUnicode, &[(60.0, 700.0, "⼀、总体情况⼈")]),
        ["一、总体情况人"]
    );
}

#[test]
fn vertical_writing_reads_down_the_column() {
    // one character under the other: the lines of one column of text, joined
    let got = lines_of(Enc::IdentityVertical, &[(60.0, 700.0, "三、本年度")]);
    assert_eq!(got, ["三、本年度"]);
    // two columns side by side: two lines
    let got = lines_of(
        Enc::IdentityVertical,
        &[(60.0, 700.0, "本年度"), (120.0, 700.0, "办理结果")],
    );
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[0].split_whitespace().collect::<Vec<_>>(), ["本", "办"]);
}

#[test]
fn a_scan_is_refused_with_the_advice_to_ocr_it() {
    let err = nianbao::parse_bytes(&scan()).unwrap_err();
    assert_eq!(err.code(), "scanned_pdf");
    assert_eq!(
        err,
        Error::ScannedPdf {
            pages: 2,
            images: 2
        }
    );
    assert!(err.to_string().contains("OCR"), "{err}");
    // an empty page is no report either, and says so the same way
    let err = nianbao::parse_bytes(&pdf(&[Page::default()], Enc::Ucs2)).unwrap_err();
    assert_eq!(
        err,
        Error::ScannedPdf {
            pages: 1,
            images: 0
        }
    );
}

#[test]
fn broken_and_truncated_files_are_invalid_never_a_panic() {
    for bad in [
        &b"%PDF-1.7\n"[..],
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-\xff\xfe\x00garbage",
        b"junk before the header %PDF-1.7\n",
    ] {
        let err = nianbao::parse_bytes(bad).unwrap_err();
        assert_eq!(err.code(), "invalid_pdf", "{err}");
        assert!(err.to_string().contains("not a readable PDF"), "{err}");
    }
    let full = hongze();
    for cut in [600, 5_000, 50_000, 150_000, 250_000, full.len() - 200] {
        match nianbao::parse_bytes(&full[..cut]) {
            Ok(_) => {}
            Err(e) => assert!(
                ["invalid_pdf", "not_a_report", "scanned_pdf"].contains(&e.code()),
                "cut at {cut}: {e}"
            ),
        }
    }
    // bytes flipped in the middle of the file
    let mut damaged = full.clone();
    for i in (1000..damaged.len()).step_by(997) {
        damaged[i] ^= 0x5A;
    }
    let _ = nianbao::parse_bytes(&damaged);
}

#[test]
fn a_file_cut_short_is_read_as_far_as_it_goes_and_says_so() {
    let full = hongze();
    let whole = nianbao::parse_bytes(&full).unwrap();
    assert!(whole
        .diagnostics
        .iter()
        .all(|d| d.code != nianbao::codes::INPUT_TRUNCATED));
    // its end cut off (the cross-reference table, %%EOF): every page is still found,
    // and the report is the whole one's, with a warning first among the warnings
    let cut = nianbao::parse_bytes(&full[..full.len() - 200]).unwrap();
    let warnings: Vec<_> = cut
        .diagnostics_of(nianbao::Severity::Warning)
        .map(|d| (d.code.as_str(), d.line))
        .collect();
    assert_eq!(warnings[0], (nianbao::codes::INPUT_TRUNCATED, None));
    // the same warning, from the bytes alone, for tools that show the text
    let first = cut
        .diagnostics_of(nianbao::Severity::Warning)
        .next()
        .cloned();
    assert_eq!(
        nianbao::input_warnings(&full[..full.len() - 200]),
        first.into_iter().collect::<Vec<_>>()
    );
    assert!(nianbao::input_warnings(&full).is_empty());
    let mut rest = cut.clone();
    rest.diagnostics
        .retain(|d| d.code != nianbao::codes::INPUT_TRUNCATED);
    assert_eq!(rest, whole);
    // white space and NULs after %%EOF (padding) are no cut
    let mut padded = full.clone();
    padded.extend_from_slice(&[0; 4000]);
    padded.extend_from_slice(b"\r\n \x0c");
    assert_eq!(nianbao::parse_bytes(&padded).unwrap(), whole);
    // %%EOF further than 1,024 bytes from the end, other bytes after it: cut short
    let mut trailing = full.clone();
    trailing.extend_from_slice(&[b'x'; 1100]);
    let warned = nianbao::parse_bytes(&trailing).unwrap();
    assert_eq!(
        warned
            .diagnostics_of(nianbao::Severity::Warning)
            .next()
            .map(|d| d.code.as_str()),
        Some(nianbao::codes::INPUT_TRUNCATED)
    );
    // cut in the middle: its tables are on the pages missing, and the error says why
    let err = nianbao::parse_bytes(&full[..full.len() / 2]).unwrap_err();
    assert_eq!(err.code(), "not_a_report", "{err}");
    assert!(err.to_string().contains("cut short"), "{err}");
    // cut early: the page left holds no text; that is a file cut short, not a scan
    let err = nianbao::parse_bytes(&full[..3000]).unwrap_err();
    assert_eq!(err.code(), "invalid_pdf", "{err}");
    assert!(err.to_string().contains("cut short"), "{err}");
    assert!(!err.to_string().contains("OCR"), "{err}");
    // a whole file that is no report says nothing of a cut
    let err = nianbao::parse_bytes(&scan()).unwrap_err();
    assert!(!err.to_string().contains("cut short"), "{err}");
}

/// A one-page PDF whose content stream is `stream` (a dictionary and data).
fn with_content(body: Vec<u8>) -> Vec<u8> {
    one_page(Writer::default(), body, "")
}

/// A PDF of one page whose content stream is `body` (a stream object) and whose
/// resources are `resources`, after the objects already in `w`.
fn one_page(mut w: Writer, body: Vec<u8>, resources: &str) -> Vec<u8> {
    let catalog = w.reserve();
    let pages = w.reserve();
    let content = w.add(body);
    let page = w.add(format!(
        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R /Resources << {resources} >> >>"
    ));
    w.set(
        pages,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    w.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    w.finish(catalog, "")
}

#[test]
fn bombs_and_oversized_files_are_refused() {
    // 65 MiB of spaces in a content stream, deflated to about 65 KB
    let zeros = vec![b' '; 65 * 1024 * 1024];
    let bomb = with_content(Writer::stream("", &zeros, true));
    assert!(bomb.len() < 200_000);
    let err = nianbao::parse_bytes(&bomb).unwrap_err();
    assert_eq!(err.code(), "pdf_limit", "{err}");
    assert!(err.to_string().contains("PDF bomb"), "{err}");

    // the same data in an object stream, which the parser would inflate on its own
    let mut w = Writer::default();
    let catalog = w.reserve();
    let pages = w.reserve();
    w.add(Writer::stream("/Type /ObjStm /N 1 /First 4", &zeros, true));
    w.set(pages, "<< /Type /Pages /Kids [] /Count 0 >>");
    w.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    let err = nianbao::parse_bytes(&w.finish(catalog, "")).unwrap_err();
    assert_eq!(err.code(), "pdf_limit", "{err}");
    drop(zeros);

    // more pages than a report could have
    let many = vec![Page::default(); 1001];
    let err = nianbao::parse_bytes(&pdf(&many, Enc::Ucs2)).unwrap_err();
    assert_eq!(err.code(), "pdf_limit", "{err}");
    assert!(err.to_string().contains("1001 pages"), "{err}");

    // a form that draws itself: drawn once, no endless recursion
    let mut w = Writer::default();
    let form = w.reserve();
    w.set(
        form,
        Writer::stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X {form} 0 R >> >>"),
            b"/X Do /X Do",
            false,
        ),
    );
    let pdf = one_page(
        w,
        Writer::stream("", b"/X Do", false),
        &format!("/XObject << /X {form} 0 R >>"),
    );
    assert_eq!(
        nianbao::parse_bytes(&pdf).unwrap_err().code(),
        "scanned_pdf"
    );
}

/// The report `Spec::example()` with some counts, laid out as pdftotext text.
fn example_pdf(enc: Enc) -> (Spec, Vec<u8>) {
    let mut spec = Spec::example();
    spec.set_granted([3, 1, 0, 0, 2, 0]);
    let text = render::render(&spec, Layout::Spaced).input;
    (spec, pdf(&text_pages(&text, 10.5, 48), enc))
}

fn assert_values(spec: &Spec, report: &Report) {
    assert_eq!(report.template, Some(spec.template));
    assert_eq!(report.year, Some(spec.year));
    assert_eq!(report.agency.as_deref(), Some(spec.agency.as_str()));
    assert_eq!(report.active_disclosure, Some(spec.expected_active()));
    assert_eq!(report.applications, Some(spec.expected_applications()));
    assert_eq!(report.reviews, Some(spec.expected_reviews()));
    let loud: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != nianbao::Severity::Info)
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
}

#[test]
fn a_report_written_to_pdf_reads_back_in_every_encoding() {
    for enc in [Enc::IdentityToUnicode, Enc::GbkEuc, Enc::Ucs2, Enc::Utf16] {
        let (spec, bytes) = example_pdf(enc);
        let report = nianbao::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{enc:?}: {e}"));
        assert_values(&spec, &report);
        let pages = report
            .cell_position("reviews.litigation_after_review.total")
            .unwrap()
            .page;
        assert!(pages.unwrap() >= 2, "{enc:?}: {pages:?}");
    }
}

/// Fixtures made by qpdf from `example_pdf(Enc::IdentityToUnicode)`; see
/// `tests/fixtures/pdf/README.md`.
#[test]
fn encrypted_files() {
    let spec = {
        let mut s = Spec::example();
        s.set_granted([3, 1, 0, 0, 2, 0]);
        s
    };
    for name in [
        "rc4-40-owner",
        "rc4-128-owner",
        "aes-128-owner",
        "aes-256-owner",
    ] {
        let bytes = std::fs::read(fixture(&format!("pdf/example-{name}.pdf"))).unwrap();
        let report = nianbao::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_values(&spec, &report);
    }
    for name in ["rc4-128-user", "aes-256-user"] {
        let bytes = std::fs::read(fixture(&format!("pdf/example-{name}.pdf"))).unwrap();
        let err = nianbao::parse_bytes(&bytes).unwrap_err();
        assert_eq!(err.code(), "encrypted", "{name}");
        assert!(err.to_string().contains("password"), "{err}");
    }
}

/// Write `pdf/example.pdf` (the base of the encrypted fixtures) and `pdf/scan.pdf`
/// (run by hand, see the README there).
#[test]
#[ignore]
fn write_encryption_fixture_base() {
    let (_, bytes) = example_pdf(Enc::IdentityToUnicode);
    std::fs::write(fixture("pdf/example.pdf"), bytes).unwrap();
    std::fs::write(fixture("pdf/scan.pdf"), scan()).unwrap();
}

/// Two pages that only draw an image: what a scanner makes.
fn scan() -> Vec<u8> {
    let page = Page {
        image: true,
        ..Page::default()
    };
    pdf(&[page.clone(), page], Enc::IdentityToUnicode)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A random consistent report, laid out as `pdftotext -layout` text and written
    /// to a PDF, parses back to its values with no error or warning.
    #[test]
    fn random_reports_round_trip_through_pdf(
        spec in prop_oneof![3 => gen::spec(Template::T2021), 1 => gen::spec(Template::T2019)],
        enc in prop_oneof![Just(Enc::IdentityToUnicode), Just(Enc::Ucs2), Just(Enc::Utf16), Just(Enc::GbkEuc)],
        lines_per_page in 30usize..70,
    ) {
        let text = render::render(&spec, Layout::Spaced).input;
        let bytes = pdf(&text_pages(&text, 10.5, lines_per_page), enc);
        let report = nianbao::parse_bytes(&bytes)
            .map_err(|e| TestCaseError::fail(format!("{enc:?}: {e}\n{text}")))?;
        prop_assert_eq!(report.template, Some(spec.template));
        prop_assert_eq!(report.year, Some(spec.year));
        prop_assert_eq!(report.active_disclosure.clone(), Some(spec.expected_active()), "{}", nianbao::to_text(&bytes).unwrap());
        prop_assert_eq!(report.applications.clone(), Some(spec.expected_applications()), "{}", nianbao::to_text(&bytes).unwrap());
        prop_assert_eq!(report.reviews.clone(), Some(spec.expected_reviews()), "{}", nianbao::to_text(&bytes).unwrap());
        let errors: Vec<_> = report.diagnostics_of(nianbao::Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{:#?}", errors);
    }
}
