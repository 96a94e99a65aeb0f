//! A minimal PDF writer for tests: pages of text runs placed at given positions, in
//! fonts that exercise each way a PDF encodes Chinese text (Identity-H with a
//! ToUnicode map, predefined CJK CMaps without one, vertical writing, a simple font),
//! plus pages of images only, and raw streams for bombs. Test code only.

use std::io::Write;

/// How a font encodes the text of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    /// `Identity-H`, two-byte CIDs numbered by the writer, with a ToUnicode map.
    IdentityToUnicode,
    /// `Identity-V`: vertical writing, each character below the previous.
    IdentityVertical,
    /// `GBK-EUC-H` without a ToUnicode map: GBK bytes.
    GbkEuc,
    /// `GB-EUC-H` without a ToUnicode map: GB 2312 (EUC-CN) bytes.
    GbEuc,
    /// `UniGB-UCS2-H` without a ToUnicode map: UCS-2 big-endian.
    Ucs2,
    /// `UniGB-UTF16-H` without a ToUnicode map: UTF-16 big-endian.
    Utf16,
    /// A simple TrueType font with `WinAnsiEncoding` and `/Widths` (ASCII only).
    WinAnsi,
    /// `Identity-H` without a ToUnicode map, with an embedded TrueType font whose
    /// `cmap` maps the characters to the glyphs (glyph id = CID).
    IdentityEmbedded,
}

/// A run of text on a page: left x and baseline y in PDF points from the bottom
/// left, font size, text.
#[derive(Debug, Clone)]
pub struct Run {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
}

/// A page: runs of text in one font, optionally an image, optionally rules.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub runs: Vec<Run>,
    pub image: bool,
    /// Horizontal and vertical lines: (x0, y0, x1, y1).
    pub lines: Vec<(f32, f32, f32, f32)>,
}

/// Objects of a PDF being written (object n at index n - 1).
#[derive(Default)]
pub struct Writer {
    objects: Vec<Vec<u8>>,
}

impl Writer {
    pub fn reserve(&mut self) -> usize {
        self.objects.push(Vec::new());
        self.objects.len()
    }

    pub fn set(&mut self, id: usize, body: impl Into<Vec<u8>>) {
        self.objects[id - 1] = body.into();
    }

    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> usize {
        let id = self.reserve();
        self.set(id, body);
        id
    }

    /// A stream object body; `compress` deflates it (zlib).
    pub fn stream(dict: &str, data: &[u8], compress: bool) -> Vec<u8> {
        let (data, filter) = if compress {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(data).unwrap();
            (e.finish().unwrap(), "/Filter /FlateDecode ")
        } else {
            (data.to_vec(), "")
        };
        let mut out = format!("<< {dict} {filter}/Length {} >>\nstream\n", data.len()).into_bytes();
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream");
        out
    }

    /// The file: header, objects, cross-reference table, trailer.
    pub fn finish(self, root: usize, trailer_extra: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (k, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", k + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root {root} 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
                self.objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::from("<");
    for b in bytes {
        s.push_str(&format!("{b:02X}"));
    }
    s.push('>');
    s
}

fn utf16_hex(s: &str) -> String {
    hex(&s
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect::<Vec<u8>>())
}

/// The bytes of a run's text in an encoding, and the CIDs it used (Identity only).
fn encode(enc: Enc, text: &str, cids: &mut Vec<char>) -> Vec<u8> {
    match enc {
        Enc::IdentityToUnicode | Enc::IdentityVertical | Enc::IdentityEmbedded => text
            .chars()
            .flat_map(|c| {
                let cid = match cids.iter().position(|k| *k == c) {
                    Some(i) => i + 1,
                    None => {
                        cids.push(c);
                        cids.len()
                    }
                };
                (cid as u16).to_be_bytes()
            })
            .collect(),
        Enc::GbkEuc | Enc::GbEuc => {
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
            assert!(!unmappable, "not in GBK: {text}");
            bytes.into_owned()
        }
        Enc::Ucs2 => text
            .chars()
            .map(|c| u16::try_from(u32::from(c)).expect("UCS-2 text"))
            .flat_map(u16::to_be_bytes)
            .collect(),
        Enc::Utf16 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        Enc::WinAnsi => {
            assert!(text.is_ascii());
            text.as_bytes().to_vec()
        }
    }
}

/// The ToUnicode CMap of the writer's CIDs: one `bfchar` per CID.
fn to_unicode(cids: &[char]) -> Vec<u8> {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /Test-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    for chunk in cids.chunks(100).enumerate() {
        let (k, chars) = chunk;
        s.push_str(&format!("{} beginbfchar\n", chars.len()));
        for (i, c) in chars.iter().enumerate() {
            let cid = k * 100 + i + 1;
            s.push_str(&format!("<{cid:04X}> {}\n", utf16_hex(&c.to_string())));
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    s.into_bytes()
}

/// Whether a character is drawn half width (ASCII) in the writer's fonts.
fn half(c: char) -> bool {
    c.is_ascii()
}

/// Write a PDF of the pages in one font.
pub fn pdf(pages: &[Page], enc: Enc) -> Vec<u8> {
    let mut w = Writer::default();
    let catalog = w.reserve();
    let pages_id = w.reserve();
    let font = w.reserve();
    let image = w.add(Writer::stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0, 255, 255, 0],
        false,
    ));
    let mut cids: Vec<char> = Vec::new();
    let mut kids = Vec::new();
    for page in pages {
        let mut content = String::new();
        for &(x0, y0, x1, y1) in &page.lines {
            content.push_str(&format!("0.5 w {x0} {y0} m {x1} {y1} l S\n"));
        }
        if page.image {
            content.push_str(&format!("q 500 0 0 700 40 70 cm /Im{image} Do Q\n"));
        }
        for run in &page.runs {
            let bytes = encode(enc, &run.text, &mut cids);
            content.push_str(&format!(
                "BT /F1 {} Tf 1 0 0 1 {} {} Tm {} Tj ET\n",
                run.size,
                run.x,
                run.y,
                hex(&bytes)
            ));
        }
        let content = w.add(Writer::stream("", content.as_bytes(), true));
        let page_id = w.add(format!(
            "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> /XObject << /Im{image} {image} 0 R >> >> >>"
        ));
        kids.push(format!("{page_id} 0 R"));
    }
    let font_dict = match enc {
        Enc::WinAnsi => {
            let widths: Vec<String> = (32..127).map(|_| "500".to_string()).collect();
            format!(
                "<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 /Widths [{}] /Encoding /WinAnsiEncoding >>",
                widths.join(" ")
            )
        }
        _ => {
            let (cmap, ordering, extra) = match enc {
                Enc::IdentityToUnicode => ("Identity-H", "Identity", String::new()),
                Enc::IdentityVertical => ("Identity-V", "Identity", String::new()),
                Enc::IdentityEmbedded => {
                    let file = w.add(Writer::stream("", &truetype(&cids), true));
                    let descriptor = w.add(format!(
                        "<< /Type /FontDescriptor /FontName /Test /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 {file} 0 R >>"
                    ));
                    (
                        "Identity-H",
                        "Identity",
                        format!("/FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity"),
                    )
                }
                Enc::GbkEuc => ("GBK-EUC-H", "GB1", String::new()),
                Enc::GbEuc => ("GB-EUC-H", "GB1", String::new()),
                Enc::Ucs2 => ("UniGB-UCS2-H", "GB1", String::new()),
                Enc::Utf16 => ("UniGB-UTF16-H", "GB1", String::new()),
                Enc::WinAnsi => unreachable!(),
            };
            let mut widths = String::new();
            if matches!(
                enc,
                Enc::IdentityToUnicode | Enc::IdentityVertical | Enc::IdentityEmbedded
            ) {
                widths = cids
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{} [{}]", i + 1, if half(*c) { 500 } else { 1000 }))
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            let subtype = if enc == Enc::IdentityEmbedded {
                "CIDFontType2"
            } else {
                "CIDFontType0"
            };
            let descendant = w.add(format!(
                "<< /Type /Font /Subtype /{subtype} /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering ({ordering}) /Supplement 2 >> /DW 1000 /W [{widths}] {extra} >>"
            ));
            let tu = if matches!(enc, Enc::IdentityToUnicode | Enc::IdentityVertical) {
                let id = w.add(Writer::stream("", &to_unicode(&cids), true));
                format!("/ToUnicode {id} 0 R")
            } else {
                String::new()
            };
            format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /{cmap} /DescendantFonts [{descendant} 0 R] {tu} >>"
            )
        }
    };
    w.set(font, font_dict);
    w.set(
        pages_id,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        ),
    );
    w.set(
        catalog,
        format!("<< /Type /Catalog /Pages {pages_id} 0 R >>"),
    );
    w.finish(catalog, "")
}

/// Lay text out as `pdftotext -layout` would read it back: every line of `text`
/// becomes runs (its cells, split at runs of two or more spaces) placed at their
/// column (a CJK character two columns wide), `lines_per_page` lines a page.
pub fn text_pages(text: &str, size: f32, lines_per_page: usize) -> Vec<Page> {
    let column = size * 0.6;
    let mut pages = vec![Page::default()];
    let mut line_no = 0usize;
    for line in text.split('\n') {
        let line = line.trim_end_matches(['\r', '\u{c}']);
        if line_no == lines_per_page || line.starts_with('\u{c}') {
            pages.push(Page::default());
            line_no = 0;
        }
        let y = 800.0 - line_no as f32 * size * 1.5;
        line_no += 1;
        let mut col = 0usize;
        let mut run = String::new();
        let mut run_col = 0usize;
        let mut spaces = 0usize;
        let flush = |run: &mut String, run_col: usize, page: &mut Page| {
            let t = run.trim_end().to_string();
            if !t.is_empty() {
                page.runs.push(Run {
                    x: 40.0 + run_col as f32 * column,
                    y,
                    size,
                    text: t,
                });
            }
            run.clear();
        };
        for c in line.chars() {
            if c == ' ' || c == '\t' || c == '\u{3000}' {
                spaces += 1;
                col += if c == '\u{3000}' { 2 } else { 1 };
                continue;
            }
            if spaces >= 2 || (c != ' ' && spaces > 0 && run.is_empty()) {
                flush(&mut run, run_col, pages.last_mut().unwrap());
            }
            if run.is_empty() {
                run_col = col;
            } else if spaces == 1 {
                // one space inside a cell: its own run, so that the gap is a word gap
                flush(&mut run, run_col, pages.last_mut().unwrap());
                run_col = col;
            }
            spaces = 0;
            run.push(c);
            col += if half(c) { 1 } else { 2 };
        }
        flush(&mut run, run_col, pages.last_mut().unwrap());
    }
    pages
}

/// A minimal TrueType font: the tables `head`, `hhea`, `maxp` and a format-12
/// `cmap` that maps `chars[i]` to glyph `i + 1` (no outlines: text extraction needs
/// none).
pub fn truetype(chars: &[char]) -> Vec<u8> {
    let glyphs = chars.len() as u16 + 1;
    let mut head = Vec::new();
    head.extend(0x0001_0000u32.to_be_bytes()); // version
    head.extend(0x0001_0000u32.to_be_bytes()); // fontRevision
    head.extend(0u32.to_be_bytes()); // checkSumAdjustment
    head.extend(0x5F0F_3CF5u32.to_be_bytes()); // magicNumber
    head.extend(0u16.to_be_bytes()); // flags
    head.extend(1000u16.to_be_bytes()); // unitsPerEm
    head.extend([0u8; 16]); // created, modified
    for v in [0i16, -200, 1000, 800] {
        head.extend(v.to_be_bytes()); // bounding box
    }
    head.extend([0u8; 6]); // macStyle, lowestRecPPEM, fontDirectionHint
    head.extend(0u16.to_be_bytes()); // indexToLocFormat
    head.extend(0u16.to_be_bytes()); // glyphDataFormat
    let mut hhea = Vec::new();
    hhea.extend(0x0001_0000u32.to_be_bytes());
    for v in [800i16, -200, 0] {
        hhea.extend(v.to_be_bytes()); // ascender, descender, lineGap
    }
    hhea.extend(1000u16.to_be_bytes()); // advanceWidthMax
    hhea.extend([0u8; 22]); // min bearings, extent, caret, reserved, metricDataFormat
    hhea.extend(1u16.to_be_bytes()); // numberOfHMetrics
    let mut maxp = Vec::new();
    maxp.extend(0x0000_5000u32.to_be_bytes());
    maxp.extend(glyphs.to_be_bytes());
    let mut cmap = Vec::new();
    cmap.extend(0u16.to_be_bytes()); // version
    cmap.extend(1u16.to_be_bytes()); // one subtable
    cmap.extend(3u16.to_be_bytes()); // Windows
    cmap.extend(10u16.to_be_bytes()); // Unicode full repertoire
    cmap.extend(12u32.to_be_bytes()); // offset
    let mut groups: Vec<(u32, u32)> = chars
        .iter()
        .enumerate()
        .map(|(i, c)| (*c as u32, i as u32 + 1))
        .collect();
    groups.sort();
    groups.dedup_by_key(|g| g.0);
    cmap.extend(12u16.to_be_bytes());
    cmap.extend(0u16.to_be_bytes());
    cmap.extend((16 + 12 * groups.len() as u32).to_be_bytes());
    cmap.extend(0u32.to_be_bytes()); // language
    cmap.extend((groups.len() as u32).to_be_bytes());
    for (c, g) in groups {
        cmap.extend(c.to_be_bytes());
        cmap.extend(c.to_be_bytes());
        cmap.extend(g.to_be_bytes());
    }
    let tables: [(&[u8; 4], Vec<u8>); 4] = [
        (b"cmap", cmap),
        (b"head", head),
        (b"hhea", hhea),
        (b"maxp", maxp),
    ];
    let mut out = Vec::new();
    out.extend(0x0001_0000u32.to_be_bytes());
    out.extend((tables.len() as u16).to_be_bytes());
    out.extend([0u8; 6]); // searchRange, entrySelector, rangeShift
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    for (tag, data) in &tables {
        out.extend(*tag);
        out.extend(0u32.to_be_bytes()); // checksum
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        body.extend(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * tables.len() + body.len();
    }
    out.extend(body);
    out
}
