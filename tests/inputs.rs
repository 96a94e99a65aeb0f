//! `parse_bytes`: text in other encodings and scripts, HTML pages and DOCX files give
//! the same report as the text they hold; bad archives are refused.
//!
//! The HTML and DOCX files of `../shared/corpus/real` are checked value by value by
//! the golden test: `shanghai-bangongting-2019.html` (the report as its portal serves
//! it, Word-exported tables with rowspan/colspan), `shanghai-bangongting-2019.docx`
//! (made from that page by LibreOffice Writer 7.4.7, `soffice --headless
//! --convert-to docx`) and `template-2021-blank.docx` (the national blank form).

use std::io::Write;

use nianbao::{parse_bytes, parse_report, Error, InputKind, Report};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn text(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap()
}

const SEEDS: [&str; 5] = [
    "kaizhou-gongan-2021",
    "qijiang-chengguan-2024",
    "qijiang-gongan-2024",
    "qijiang-sifa-2024",
    "tongliang-gongan-2025",
];

/// The tables and metadata of two reports are the same (diagnostics' positions
/// may differ when the text differs).
fn same_values(a: &Report, b: &Report) {
    assert_eq!(a.title, b.title);
    assert_eq!(a.agency, b.agency);
    assert_eq!(a.year, b.year);
    assert_eq!(a.published, b.published);
    assert_eq!(a.template, b.template);
    assert_eq!(a.active_disclosure, b.active_disclosure);
    assert_eq!(a.applications, b.applications);
    assert_eq!(a.reviews, b.reviews);
    let numbers = |r: &Report| r.sections.iter().map(|s| s.number).collect::<Vec<_>>();
    assert_eq!(numbers(a), numbers(b));
    let codes = |r: &Report| {
        r.diagnostics
            .iter()
            .map(|d| d.code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(a), codes(b));
}

#[test]
fn gb18030_copies_of_the_seeds() {
    for seed in SEEDS {
        let bytes = fixture(&format!("encodings/{seed}.gb18030.txt"));
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "{seed} is really GB18030"
        );
        let from_gbk = parse_bytes(&bytes).unwrap();
        let original = parse_report(&text(&format!("{seed}.txt"))).unwrap();
        // the same text, so the same report to the last diagnostic position
        assert_eq!(from_gbk, original, "{seed}");
    }
}

#[test]
fn utf16_and_bom() {
    // pingtan: 一 (U+4E00) and 开 (U+5F00) bring zero bytes of their own into UTF-16
    for seed in SEEDS.iter().copied().chain(["pingtan-shiyanqu-2020"]) {
        let t = text(&format!("{seed}.txt"));
        let original = parse_report(&t).unwrap();
        let le: Vec<u8> = t.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = t.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (name, bytes) in [
            ("UTF-16LE with BOM", [vec![0xFF, 0xFE], le.clone()].concat()),
            ("UTF-16BE with BOM", [vec![0xFE, 0xFF], be.clone()].concat()),
            ("UTF-16LE", le),
            ("UTF-16BE", be),
            (
                "UTF-8 with BOM",
                [b"\xEF\xBB\xBF".to_vec(), t.as_bytes().to_vec()].concat(),
            ),
        ] {
            assert_eq!(
                parse_bytes(&bytes).as_ref(),
                Ok(&original),
                "{seed} as {name}"
            );
        }
    }
}

#[test]
fn traditional_characters() {
    for seed in ["qijiang-gongan-2024", "kaizhou-gongan-2021"] {
        let trad = text(&format!("encodings/{seed}.traditional.txt"));
        assert!(
            trad.contains("報告") && trad.contains("處理"),
            "{seed} is in traditional characters"
        );
        let r = parse_report(&trad).unwrap();
        let original = parse_report(&text(&format!("{seed}.txt"))).unwrap();
        same_values(&r, &original);
        assert!(!r.has_errors());
    }
}

#[test]
fn html_and_docx_read_like_their_text() {
    // a tab-cell report wrapped into HTML: paragraphs and a real <table> per table
    let t = text("qijiang-gongan-2024.txt");
    let mut html = String::from("<html><head><style>td{}</style><script>var x='<table>';</script></head><body><nav>首页 &gt; 政府信息公开</nav>");
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let flush_table = |html: &mut String, rows: &mut Vec<Vec<String>>| {
        if rows.is_empty() {
            return;
        }
        html.push_str("<table border=1>");
        for r in rows.drain(..) {
            html.push_str("<tr>");
            for c in r {
                html.push_str(&format!(
                    "<td>{}</td>",
                    if c.is_empty() {
                        "&nbsp;".to_string()
                    } else {
                        c
                    }
                ));
            }
            html.push_str("</tr>");
        }
        html.push_str("</table>");
    };
    for line in t.lines() {
        if let Some(cell) = line.strip_prefix('\t') {
            row.push(cell.to_string());
        } else if line.is_empty() {
            if !row.is_empty() {
                rows.push(std::mem::take(&mut row));
            }
        } else {
            if !row.is_empty() {
                rows.push(std::mem::take(&mut row));
            }
            flush_table(&mut html, &mut rows);
            html.push_str(&format!("<p>{line}</p>"));
        }
    }
    flush_table(&mut html, &mut rows);
    html.push_str("<footer>版权所有</footer></body></html>");
    assert_eq!(InputKind::detect(html.as_bytes()), InputKind::Html);
    let from_html = parse_bytes(html.as_bytes()).unwrap();
    same_values(&from_html, &parse_report(&t).unwrap());
    assert!(!nianbao::to_text(html.as_bytes()).unwrap().contains("首页"));
}

fn zip_with(name: &str, data: &[u8]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file(name, opts).unwrap();
    w.write_all(data).unwrap();
    w.finish().unwrap();
    buf.into_inner()
}

fn zip_stored(name: &str, data: &[u8]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file(name, opts).unwrap();
    w.write_all(data).unwrap();
    w.finish().unwrap();
    buf.into_inner()
}

/// The archive with the uncompressed size of its only file set to `size` in both
/// headers (the local one and the central directory's).
fn with_declared_size(zip: &[u8], size: u32) -> Vec<u8> {
    let mut z = zip.to_vec();
    let at = |sig: &[u8]| z.windows(4).position(|w| w == sig).unwrap();
    let local = at(b"PK\x03\x04") + 22;
    let central = at(b"PK\x01\x02") + 24;
    for off in [local, central] {
        z[off..off + 4].copy_from_slice(&size.to_le_bytes());
    }
    z
}

#[test]
fn docx_documents_read_alike_in_one_step_or_through_the_zip_reader() {
    let xml = "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>\
        <w:p><w:r><w:t>（一）主动公开</w:t></w:r></w:p></w:body></w:document>";
    let expected = "一、总体情况\n（一）主动公开\n";
    // deflated (read in one step) and stored (borrowed as it is)
    let deflated = zip_with("word/document.xml", xml.as_bytes());
    assert_eq!(nianbao::to_text(&deflated).unwrap(), expected);
    let stored = zip_stored("word/document.xml", xml.as_bytes());
    assert_eq!(nianbao::to_text(&stored).unwrap(), expected);
    // a declared size that is not the true one: not read in one step, but by the zip
    // crate's reader, which refuses a file larger than declared and reads one
    // smaller than declared
    let size = xml.len() as u32;
    for smaller in [size - 1, 0] {
        let err = nianbao::to_text(&with_declared_size(&deflated, smaller)).unwrap_err();
        assert!(
            err.to_string().contains("larger than its declared"),
            "{err}"
        );
    }
    let larger = with_declared_size(&deflated, size + 1);
    assert_eq!(nianbao::to_text(&larger).unwrap(), expected);
    // a damaged checksum, deflated or stored
    for zip in [deflated, stored] {
        let mut z = zip.clone();
        let crc = z.windows(4).position(|w| w == b"PK\x01\x02").unwrap() + 16;
        z[crc] ^= 1;
        let err = nianbao::to_text(&z).unwrap_err();
        assert!(err.to_string().contains("Invalid checksum"), "{err}");
    }
}

#[test]
fn zip_bombs_and_broken_archives_are_refused() {
    // 80 MB of zeros compress to well under 100 KB
    let bomb = zip_with("word/document.xml", &vec![b'0'; 80 * 1024 * 1024]);
    assert!(bomb.len() < 200_000);
    let err = parse_bytes(&bomb).unwrap_err();
    assert_eq!(err.code(), "too_large", "{err}");
    // a zip without a document
    let err = parse_bytes(&zip_with("hello.txt", b"hi")).unwrap_err();
    assert!(err.to_string().contains("word/document.xml"), "{err}");
    // a truncated DOCX
    let docx = std::fs::read(format!(
        "{}/../../../shared/corpus/real/template-2021-blank.docx",
        env!("CARGO_MANIFEST_DIR")
    ));
    if let Ok(docx) = docx {
        for cut in [10, 100, docx.len() / 2, docx.len() - 10] {
            assert!(parse_bytes(&docx[..cut]).is_err());
        }
    }
    // broken XML inside
    let err = parse_bytes(&zip_with(
        "word/document.xml",
        b"<w:document><w:body><w:p><w:t>x</w:p>",
    ))
    .unwrap_err();
    assert!(!err.to_string().is_empty());
}

#[test]
fn bytes_that_are_not_text() {
    assert_eq!(parse_bytes(b""), Err(Error::Empty));
    assert_eq!(parse_bytes(b" \r\n"), Err(Error::Empty));
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    assert_eq!(parse_bytes(png).unwrap_err().code(), "binary");
    // bytes that are neither UTF-8, UTF-16 nor GB18030
    let err = parse_bytes(&[0x81, 0x20, 0xFF, 0xFE, 0x81]).unwrap_err();
    assert_eq!(err.code(), "encoding", "{err}");
}

#[test]
fn pdf_files_read_as_their_pdftotext_text() {
    // a real report as published and its `pdftotext -layout` text: the same report
    let dir = format!("{}/../../tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let pdf =
        parse_bytes(&std::fs::read(format!("{dir}/hongze-quzhengfu-2023.pdf")).unwrap()).unwrap();
    let text = parse_report(
        &std::fs::read_to_string(format!("{dir}/hongze-quzhengfu-2023.layout.txt")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        (&pdf.title, &pdf.agency, pdf.year, pdf.template),
        (&text.title, &text.agency, text.year, text.template)
    );
    assert_eq!(pdf.active_disclosure, text.active_disclosure);
    assert_eq!(pdf.applications, text.applications);
    assert_eq!(pdf.reviews, text.reviews);
    let codes = |r: &Report| {
        r.diagnostics
            .iter()
            .map(|d| d.code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&pdf), codes(&text));
    // a PDF that is only its header is a broken PDF
    let err = parse_bytes(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").unwrap_err();
    assert_eq!(err.code(), "invalid_pdf", "{err}");
}
