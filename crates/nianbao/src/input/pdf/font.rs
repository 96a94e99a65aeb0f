//! Fonts: how the bytes of a shown string split into character codes, what text
//! each code stands for, and how wide (or, in vertical writing, how tall) it is.
//!
//! The text of a code comes from, in this order:
//! 1. the font's `ToUnicode` CMap;
//! 2. for composite fonts with a predefined CJK CMap and no `ToUnicode` (government
//!    typesetting emits `GBK-EUC-H`, `UniGB-UCS2-H` …), the code's bytes in the
//!    CMap's own character encoding: GBK/GB18030, Big5, Shift-JIS, EUC, UCS-2 or
//!    UTF-16 — no CID tables are needed;
//! 3. for `Identity-H` without `ToUnicode`, the `cmap` table of the embedded
//!    TrueType/OpenType font, read backwards (glyph → Unicode);
//! 4. for simple fonts, the encoding (`WinAnsiEncoding`, `MacRomanEncoding`,
//!    `StandardEncoding`, `/Differences` glyph names).
//!
//! A code none of these decodes is counted as undecodable.

use hayro_syntax::object::{Array, Dict, Name, Object, Stream};

use super::cmap::{be, CMap, Code};
use super::stream::{decode, Budget};
use super::Limits;
use crate::Error;

/// How the bytes of a composite font's strings become codes and text.
#[derive(Debug)]
enum Codes {
    /// `Identity-H` / `Identity-V`: two bytes, CID = code.
    Identity,
    /// A predefined CMap over a multi-byte character set, decoded by that charset.
    Charset(Charset),
    /// `Uni…-UCS2-H`: two bytes, the code is the UTF-16 unit.
    Ucs2,
    /// `Uni…-UTF16-H`: UTF-16BE, two or four bytes.
    Utf16,
    /// `Uni…-UTF8-H`: UTF-8, one to four bytes.
    Utf8,
    /// An embedded CMap stream: code space ranges and CIDs.
    Embedded(CMap),
}

/// The character sets of the predefined CJK CMaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Charset {
    /// EUC-CN, GBK and GB18030 (`GB-EUC-H`, `GBpc-EUC-H`, `GBK-EUC-H`, `GBK2K-H` …).
    Gbk,
    /// `GB-H`: GB 2312 in its 7-bit form.
    Gb7,
    /// Big5 (`B5pc-H`, `ETen-B5-H`, `HKscs-B5-H`).
    Big5,
    /// Shift-JIS (`90ms-RKSJ-H` …).
    ShiftJis,
    /// EUC-JP (`EUC-H`).
    EucJp,
    /// EUC-KR / UHC (`KSC-EUC-H`, `KSCms-UHC-H` …).
    EucKr,
}

impl Charset {
    fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            Charset::Gbk | Charset::Gb7 => encoding_rs::GB18030,
            Charset::Big5 => encoding_rs::BIG5,
            Charset::ShiftJis => encoding_rs::SHIFT_JIS,
            Charset::EucJp => encoding_rs::EUC_JP,
            Charset::EucKr => encoding_rs::EUC_KR,
        }
    }

    /// The byte length of the code starting `bytes`.
    fn code_len(self, bytes: &[u8]) -> usize {
        let b0 = bytes[0];
        let n = match self {
            Charset::Gbk => match (b0, bytes.get(1)) {
                (0x81..=0xFE, Some(0x30..=0x39)) => 4,
                (0x81..=0xFE, _) => 2,
                _ => 1,
            },
            Charset::Gb7 => 2,
            Charset::Big5 | Charset::EucKr => match b0 {
                0x81..=0xFE => 2,
                _ => 1,
            },
            Charset::ShiftJis => match b0 {
                0x81..=0x9F | 0xE0..=0xFC => 2,
                _ => 1,
            },
            Charset::EucJp => match b0 {
                0x8F => 3,
                0x8E | 0xA1..=0xFE => 2,
                _ => 1,
            },
        };
        n.min(bytes.len())
    }

    fn text(self, code: &[u8], out: &mut String) -> bool {
        let euc;
        let code = if self == Charset::Gb7 {
            euc = code.iter().map(|b| b | 0x80).collect::<Vec<u8>>();
            &euc[..]
        } else {
            code
        };
        let (text, had_errors) = self.encoding().decode_without_bom_handling(code);
        if had_errors {
            return false;
        }
        out.push_str(&text);
        true
    }
}

/// What kind of predefined CMap a name is.
fn predefined(name: &str) -> Option<Codes> {
    let base = name
        .strip_suffix("-H")
        .or_else(|| name.strip_suffix("-V"))
        .unwrap_or(name);
    Some(match base {
        "Identity" => Codes::Identity,
        _ if base.starts_with("Uni") && base.contains("-UCS2") => Codes::Ucs2,
        _ if base.starts_with("Uni") && base.contains("-UTF16") => Codes::Utf16,
        _ if base.starts_with("Uni") && base.contains("-UTF8") => Codes::Utf8,
        "GB-EUC" | "GBpc-EUC" | "GBK-EUC" | "GBKp-EUC" | "GBK2K" | "GBT-EUC" | "GBTpc-EUC" => {
            Codes::Charset(Charset::Gbk)
        }
        "GB" | "GBT" => Codes::Charset(Charset::Gb7),
        "B5pc" | "ETen-B5" | "HKscs-B5" | "ETenms-B5" | "B5" => Codes::Charset(Charset::Big5),
        "90ms-RKSJ" | "90msp-RKSJ" | "83pv-RKSJ" | "90pv-RKSJ" | "78-RKSJ" | "Add-RKSJ"
        | "Ext-RKSJ" => Codes::Charset(Charset::ShiftJis),
        "EUC" | "78-EUC" => Codes::Charset(Charset::EucJp),
        "KSC-EUC" | "KSCms-UHC" | "KSCms-UHC-HW" | "KSCpc-EUC" => Codes::Charset(Charset::EucKr),
        _ => return None,
    })
}

/// Widths of a composite font by CID (`/W`), in thousandths of the font size.
#[derive(Debug, Default)]
struct CidWidths {
    /// (first CID, last CID, width), sorted by first CID.
    ranges: Vec<(u32, u32, f32)>,
    default: f32,
}

impl CidWidths {
    fn parse(w: Option<Array<'_>>, default: f32) -> CidWidths {
        let mut ranges = Vec::new();
        if let Some(w) = w {
            let items: Vec<Object<'_>> = w.iter::<Object<'_>>().take(200_000).collect();
            let mut i = 0;
            while i < items.len() {
                let Some(first) = number(&items[i]) else {
                    i += 1;
                    continue;
                };
                let first = first.max(0.0) as u32;
                match items.get(i + 1) {
                    Some(Object::Array(list)) => {
                        for (k, width) in list.iter::<f32>().take(65_536).enumerate() {
                            let cid = first.saturating_add(k as u32);
                            ranges.push((cid, cid, width));
                        }
                        i += 2;
                    }
                    Some(last) => {
                        if let (Some(last), Some(width)) =
                            (number(last), items.get(i + 2).and_then(number))
                        {
                            ranges.push((first, (last.max(0.0) as u32).max(first), width));
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
        ranges.sort_by_key(|r| r.0);
        CidWidths { ranges, default }
    }

    fn get(&self, cid: u32) -> f32 {
        self.find(cid).unwrap_or(self.default)
    }

    fn find(&self, cid: u32) -> Option<f32> {
        let i = self.ranges.partition_point(|r| r.0 <= cid);
        match i.checked_sub(1).map(|i| self.ranges[i]) {
            Some((_, last, w)) if cid <= last => Some(w),
            _ => None,
        }
    }
}

fn number(o: &Object<'_>) -> Option<f32> {
    match o {
        Object::Number(n) => Some(n.as_f32()),
        _ => None,
    }
}

#[derive(Debug)]
enum Kind {
    Simple {
        /// Width of each code, in thousandths of the font size.
        widths: Box<[f32; 256]>,
        /// Text of each code from the encoding (empty: unknown).
        texts: Box<[Option<char>; 256]>,
        /// Glyph name texts longer than one character (ligatures), by code.
        long: Vec<(u8, String)>,
    },
    Composite {
        codes: Codes,
        widths: CidWidths,
        /// `/CIDToGIDMap` as a table (`None`: identity).
        cid_to_gid: Option<Vec<u16>>,
    },
}

/// One character code of a shown string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shown {
    /// Horizontal advance (or, in vertical writing, the glyph's width), in text
    /// space units of a font size of 1.
    pub width: f32,
    /// Whether the code is the single byte 32, to which word spacing applies.
    pub word_space: bool,
    /// Whether the code's text was found.
    pub known: bool,
}

/// A font of a page, ready to decode strings.
#[derive(Debug)]
pub(crate) struct Font {
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Vertical writing (`Identity-V` and other `-V` CMaps).
    pub vertical: bool,
    /// The glyph → text map of the embedded font's `cmap`, sorted by glyph.
    glyph_texts: Option<Vec<(u16, char)>>,
    /// Glyph units per text space unit (1/1000; Type 3 fonts: their FontMatrix).
    scale: f32,
    /// `/BaseFont`, for messages.
    pub name: String,
}

impl Font {
    /// Read a font dictionary. Streams (ToUnicode, embedded CMaps and font files)
    /// are decoded within the limits.
    pub(crate) fn load(
        dict: &Dict<'_>,
        limits: &Limits,
        budget: &mut Budget,
    ) -> Result<Font, Error> {
        let subtype = name_of(dict, b"Subtype");
        let name = name_of(dict, b"BaseFont").unwrap_or_default();
        let to_unicode = match dict.get::<Stream<'_>>(b"ToUnicode") {
            Some(s) => Some(CMap::parse(&decode(&s, limits, budget)?)),
            None => None,
        };
        let mut vertical = false;
        let mut glyph_texts = None;
        let mut scale = 0.001;
        let kind = if subtype.as_deref() == Some("Type0") {
            let descendant = dict
                .get::<Array<'_>>(b"DescendantFonts")
                .and_then(|a| a.iter::<Dict<'_>>().next())
                .unwrap_or_default();
            let codes = match dict.get::<Object<'_>>(b"Encoding") {
                Some(Object::Name(n)) => {
                    let n = n.as_str();
                    vertical = n.ends_with("-V");
                    predefined(n).unwrap_or(Codes::Identity)
                }
                Some(Object::Stream(s)) => {
                    let cmap = CMap::parse(&decode(&s, limits, budget)?);
                    vertical =
                        cmap.vertical || s.dict().get::<i32>(b"WMode").is_some_and(|m| m == 1);
                    match cmap.use_cmap.as_deref().and_then(predefined) {
                        Some(p) if !cmap.has_codespace() => p,
                        _ => Codes::Embedded(cmap),
                    }
                }
                _ => Codes::Identity,
            };
            let default = descendant.get::<f32>(b"DW").unwrap_or(1000.0);
            let widths = CidWidths::parse(descendant.get::<Array<'_>>(b"W"), default);
            let cid_to_gid = match descendant.get::<Stream<'_>>(b"CIDToGIDMap") {
                Some(s) => Some(
                    decode(&s, limits, budget)?
                        .chunks_exact(2)
                        .map(|p| u16::from_be_bytes([p[0], p[1]]))
                        .collect(),
                ),
                None => None,
            };
            let needs_font_cmap =
                to_unicode.is_none() && matches!(codes, Codes::Identity | Codes::Embedded(_));
            if needs_font_cmap {
                glyph_texts = embedded_cmap(&descendant, limits, budget)?;
            }
            Kind::Composite {
                codes,
                widths,
                cid_to_gid,
            }
        } else {
            let first = dict.get::<i32>(b"FirstChar").unwrap_or(0);
            let descriptor = dict.get::<Dict<'_>>(b"FontDescriptor").unwrap_or_default();
            let missing = descriptor
                .get::<f32>(b"MissingWidth")
                .filter(|w| *w > 0.0)
                .unwrap_or(if name.contains("Courier") {
                    600.0
                } else {
                    500.0
                });
            if subtype.as_deref() == Some("Type3") {
                if let Some(m) = dict.get::<Array<'_>>(b"FontMatrix") {
                    if let Some(a) = m.iter::<f32>().next() {
                        scale = a.abs();
                    }
                }
            }
            let mut widths = Box::new([missing * (0.001 / scale); 256]);
            if let Some(w) = dict.get::<Array<'_>>(b"Widths") {
                for (k, width) in w.iter::<f32>().take(256).enumerate() {
                    let code = first.saturating_add(k as i32);
                    if (0..256).contains(&code) {
                        widths[code as usize] = width;
                    }
                }
            }
            let (texts, long) = simple_encoding(dict);
            Kind::Simple {
                widths,
                texts,
                long,
            }
        };
        Ok(Font {
            kind,
            to_unicode,
            vertical,
            glyph_texts,
            scale,
            name,
        })
    }

    /// Split `bytes` into codes; for each, append its text to `text` (nothing when
    /// it is unknown) and call `each` with the code's metrics, after its text.
    pub(crate) fn show(
        &self,
        bytes: &[u8],
        text: &mut String,
        mut each: impl FnMut(&mut String, Shown),
    ) {
        let mut i = 0;
        while i < bytes.len() {
            let n = self.code_len(&bytes[i..]).max(1);
            let code = &bytes[i..(i + n).min(bytes.len())];
            i += n;
            text.clear();
            let known = self.text(code, text);
            let width = self.width(code, text);
            each(
                text,
                Shown {
                    width: width * self.scale,
                    word_space: code == [32],
                    known,
                },
            );
        }
    }

    fn code_len(&self, bytes: &[u8]) -> usize {
        match &self.kind {
            Kind::Simple { .. } => 1,
            Kind::Composite { codes, .. } => match codes {
                Codes::Identity | Codes::Ucs2 => 2,
                Codes::Utf16 => {
                    if bytes.len() >= 4 && (0xD8..=0xDB).contains(&bytes[0]) {
                        4
                    } else {
                        2
                    }
                }
                Codes::Utf8 => match bytes[0] {
                    0xF0..=0xF7 => 4,
                    0xE0..=0xEF => 3,
                    0xC0..=0xDF => 2,
                    _ => 1,
                },
                Codes::Charset(c) => c.code_len(bytes),
                Codes::Embedded(cmap) => cmap.code_len(bytes),
            },
        }
    }

    /// Append the text of one code; whether it was found.
    fn text(&self, code: &[u8], out: &mut String) -> bool {
        let c = Code {
            len: code.len() as u8,
            value: be(code),
        };
        if let Some(m) = &self.to_unicode {
            let start = out.len();
            if m.text_into(c, out)
                && out.len() > start
                && !out[start..].contains(['\0', '\u{FFFD}'])
            {
                return true;
            }
            out.truncate(start);
        }
        match &self.kind {
            Kind::Simple { texts, long, .. } => {
                let b = code[0];
                if let Some((_, s)) = long.iter().find(|(k, _)| *k == b) {
                    out.push_str(s);
                    return true;
                }
                match texts[b as usize] {
                    Some(ch) => {
                        out.push(ch);
                        true
                    }
                    None => false,
                }
            }
            Kind::Composite {
                codes, cid_to_gid, ..
            } => match codes {
                Codes::Charset(cs) => cs.text(code, out),
                Codes::Ucs2 | Codes::Utf16 => {
                    let units = code
                        .chunks_exact(2)
                        .map(|p| u16::from_be_bytes([p[0], p[1]]));
                    let start = out.len();
                    for ch in char::decode_utf16(units) {
                        match ch {
                            Ok(ch) if ch != '\0' => out.push(ch),
                            _ => {
                                out.truncate(start);
                                return false;
                            }
                        }
                    }
                    true
                }
                Codes::Utf8 => match std::str::from_utf8(code) {
                    Ok(s) => {
                        out.push_str(s);
                        true
                    }
                    Err(_) => false,
                },
                Codes::Identity | Codes::Embedded(_) => {
                    let Some(cid) = self.cid(c) else {
                        return false;
                    };
                    let gid = match cid_to_gid {
                        Some(map) => map.get(cid as usize).copied(),
                        None => u16::try_from(cid).ok(),
                    };
                    match (gid, &self.glyph_texts) {
                        (Some(gid), Some(map)) => match map.binary_search_by_key(&gid, |e| e.0) {
                            Ok(k) => {
                                out.push(map[k].1);
                                true
                            }
                            Err(_) => false,
                        },
                        _ => false,
                    }
                }
            },
        }
    }

    fn cid(&self, c: Code) -> Option<u32> {
        match &self.kind {
            Kind::Composite { codes, .. } => match codes {
                Codes::Identity => Some(c.value),
                Codes::Embedded(cmap) => cmap.cid(c),
                _ => None,
            },
            Kind::Simple { .. } => None,
        }
    }

    /// The advance of a code in glyph units (thousandths); `text` is its text.
    fn width(&self, code: &[u8], text: &str) -> f32 {
        match &self.kind {
            Kind::Simple { widths, .. } => widths[code[0] as usize],
            Kind::Composite { widths, .. } => {
                let c = Code {
                    len: code.len() as u8,
                    value: be(code),
                };
                if let Some(cid) = self.cid(c) {
                    return widths.get(cid);
                }
                // Predefined CMaps, read without their CID tables: the Adobe CJK
                // collections give printable ASCII the CIDs 1–95 (proportional
                // Latin); everything else is taken as full width.
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(ch @ ' '..='~'), None) => {
                        widths.find(ch as u32 - 31).unwrap_or(widths.default / 2.0)
                    }
                    _ => widths.default,
                }
            }
        }
    }
}

fn name_of(dict: &Dict<'_>, key: &[u8]) -> Option<String> {
    dict.get::<Name<'_>>(key)
        .map(|n| String::from_utf8_lossy(&n).into_owned())
}

/// The glyph → Unicode table of the TrueType or OpenType font embedded in a CID
/// font's descriptor (`FontFile2`, or `FontFile3` of subtype `OpenType`).
fn embedded_cmap(
    cid_font: &Dict<'_>,
    limits: &Limits,
    budget: &mut Budget,
) -> Result<Option<Vec<(u16, char)>>, Error> {
    let Some(descriptor) = cid_font.get::<Dict<'_>>(b"FontDescriptor") else {
        return Ok(None);
    };
    let file = descriptor.get::<Stream<'_>>(b"FontFile2").or_else(|| {
        descriptor
            .get::<Stream<'_>>(b"FontFile3")
            .filter(|s| super::stream::subtype(s).as_deref() == Some(&b"OpenType"[..]))
    });
    let Some(file) = file else {
        return Ok(None);
    };
    let data = decode(&file, limits, budget)?;
    let Ok(face) = ttf_parser::Face::parse(&data, 0) else {
        return Ok(None);
    };
    let mut map: Vec<(u16, char)> = Vec::new();
    if let Some(cmap) = face.tables().cmap {
        for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            sub.codepoints(|cp| {
                if let (Some(ch), Some(gid)) = (char::from_u32(cp), sub.glyph_index(cp)) {
                    if map.len() < 200_000 {
                        map.push((gid.0, ch));
                    }
                }
            });
        }
    }
    // one text per glyph: the first found, preferring characters outside the private use area
    map.sort_by_key(|&(g, ch)| (g, matches!(ch, '\u{E000}'..='\u{F8FF}'), ch));
    map.dedup_by_key(|e| e.0);
    Ok((!map.is_empty()).then_some(map))
}

/// The text of each code of a simple font from its `/Encoding`.
#[allow(clippy::type_complexity)]
fn simple_encoding(dict: &Dict<'_>) -> (Box<[Option<char>; 256]>, Vec<(u8, String)>) {
    let mut texts: Box<[Option<char>; 256]> = Box::new([None; 256]);
    let (base, differences) = match dict.get::<Object<'_>>(b"Encoding") {
        Some(Object::Name(n)) => (Some(n), None),
        Some(Object::Dict(d)) => (
            d.get::<Name<'_>>(b"BaseEncoding"),
            d.get::<Array<'_>>(b"Differences"),
        ),
        _ => (None, None),
    };
    let base = base.as_deref().map(<[u8]>::to_vec);
    for (code, slot) in texts.iter_mut().enumerate() {
        let b = code as u8;
        let one = [b];
        *slot = match base.as_deref() {
            Some(b"WinAnsiEncoding") => {
                let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
                t.chars().next().filter(|c| !c.is_control() || *c == ' ')
            }
            Some(b"MacRomanEncoding") => {
                let (t, _) = encoding_rs::MACINTOSH.decode_without_bom_handling(&one);
                t.chars().next().filter(|c| !c.is_control() || *c == ' ')
            }
            // StandardEncoding and a font's built-in encoding: ASCII, with its quotes
            _ => match b {
                b'\'' => Some('’'),
                b'`' => Some('‘'),
                0x20..=0x7E => Some(b as char),
                _ => None,
            },
        };
    }
    let mut long = Vec::new();
    if let Some(diff) = differences {
        let mut code: i64 = 0;
        for item in diff.iter::<Object<'_>>().take(10_000) {
            match item {
                Object::Number(n) => code = n.as_i64(),
                Object::Name(n) => {
                    if (0..256).contains(&code) {
                        let text = glyph_name_text(n.as_str());
                        let mut chars = text.chars();
                        texts[code as usize] = match (chars.next(), chars.next()) {
                            (Some(c), None) => Some(c),
                            (Some(_), Some(_)) => {
                                long.push((code as u8, text.clone()));
                                None
                            }
                            _ => None,
                        };
                    }
                    code = code.saturating_add(1);
                }
                _ => {}
            }
        }
    }
    (texts, long)
}

/// The text of a glyph name (Adobe Glyph List conventions, the common names).
pub(crate) fn glyph_name_text(name: &str) -> String {
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = (0..hex.len() / 4)
                .filter_map(|k| u16::from_str_radix(&hex[4 * k..4 * k + 4], 16).ok())
                .collect();
            return char::decode_utf16(units).filter_map(Result::ok).collect();
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(String::from)
                .unwrap_or_default();
        }
    }
    if name.len() == 1 && name.as_bytes()[0].is_ascii_alphabetic() {
        return name.to_string();
    }
    const NAMES: &[(&str, &str)] = &[
        ("space", " "),
        ("exclam", "!"),
        ("quotedbl", "\""),
        ("numbersign", "#"),
        ("dollar", "$"),
        ("percent", "%"),
        ("ampersand", "&"),
        ("quotesingle", "'"),
        ("quoteright", "’"),
        ("quoteleft", "‘"),
        ("parenleft", "("),
        ("parenright", ")"),
        ("asterisk", "*"),
        ("plus", "+"),
        ("comma", ","),
        ("hyphen", "-"),
        ("minus", "−"),
        ("period", "."),
        ("slash", "/"),
        ("zero", "0"),
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("colon", ":"),
        ("semicolon", ";"),
        ("less", "<"),
        ("equal", "="),
        ("greater", ">"),
        ("question", "?"),
        ("at", "@"),
        ("bracketleft", "["),
        ("backslash", "\\"),
        ("bracketright", "]"),
        ("asciicircum", "^"),
        ("underscore", "_"),
        ("grave", "`"),
        ("braceleft", "{"),
        ("bar", "|"),
        ("braceright", "}"),
        ("asciitilde", "~"),
        ("quotedblleft", "“"),
        ("quotedblright", "”"),
        ("endash", "–"),
        ("emdash", "—"),
        ("bullet", "•"),
        ("ellipsis", "…"),
        ("periodcentered", "·"),
        ("yen", "¥"),
        ("sterling", "£"),
        ("degree", "°"),
        ("multiply", "×"),
        ("divide", "÷"),
        ("section", "§"),
        ("copyright", "©"),
        ("registered", "®"),
        ("fi", "fi"),
        ("fl", "fl"),
        ("ff", "ff"),
        ("ffi", "ffi"),
        ("ffl", "ffl"),
        ("nbspace", "\u{a0}"),
        ("uni00A0", "\u{a0}"),
    ];
    NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_cmaps() {
        assert!(matches!(predefined("Identity-V"), Some(Codes::Identity)));
        assert!(matches!(predefined("UniGB-UCS2-H"), Some(Codes::Ucs2)));
        assert!(matches!(predefined("UniGB-UTF16-V"), Some(Codes::Utf16)));
        assert!(matches!(
            predefined("GBK-EUC-H"),
            Some(Codes::Charset(Charset::Gbk))
        ));
        assert!(matches!(
            predefined("GB-EUC-H"),
            Some(Codes::Charset(Charset::Gbk))
        ));
        assert!(matches!(
            predefined("GBK2K-H"),
            Some(Codes::Charset(Charset::Gbk))
        ));
        assert!(matches!(
            predefined("ETen-B5-H"),
            Some(Codes::Charset(Charset::Big5))
        ));
        assert!(predefined("Nonsense-H").is_none());
    }

    #[test]
    fn charsets_decode_codes() {
        let mut s = String::new();
        let gbk = b"\xc4\xea2023";
        assert_eq!(Charset::Gbk.code_len(gbk), 2);
        assert!(Charset::Gbk.text(&gbk[..2], &mut s));
        assert_eq!(Charset::Gbk.code_len(&gbk[2..]), 1);
        assert!(Charset::Gbk.text(&gbk[2..3], &mut s));
        // GB18030 four-byte code
        assert_eq!(Charset::Gbk.code_len(b"\x81\x30\x81\x30"), 4);
        assert!(Charset::Gbk.text(b"\x81\x30\x81\x30", &mut s));
        // GB-H: the 7-bit form of GB 2312
        assert!(Charset::Gb7.text(b"\x44\x6a", &mut s));
        assert_eq!(s, "年2\u{80}年");
        assert!(!Charset::Gbk.text(b"\xff\xff", &mut String::new()));
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_text("uni5E74"), "年");
        assert_eq!(glyph_name_text("u20000"), "\u{20000}");
        assert_eq!(glyph_name_text("zero"), "0");
        assert_eq!(glyph_name_text("one.oldstyle"), "1");
        assert_eq!(glyph_name_text("A"), "A");
        assert_eq!(glyph_name_text("g123"), "");
    }

    #[test]
    fn differences_from_the_last_code() {
        use hayro_syntax::object::FromBytes;
        // a glyph name after the largest code: the next code is no overflow
        let dict = Dict::from_bytes(
            b"<</Encoding <</Differences [9223372036854775807 /a /b 65 /B /uni5E74]>>>>",
        )
        .unwrap();
        let (texts, _) = simple_encoding(&dict);
        assert_eq!(
            (texts[65], texts[66], texts[97]),
            (Some('B'), Some('年'), Some('a'))
        );
    }

    #[test]
    fn widths_from_the_last_code() {
        use hayro_syntax::object::FromBytes;
        // the codes of the widths after the largest first code are no overflow
        let width_of_a = |dict: &[u8]| {
            let dict = Dict::from_bytes(dict).unwrap();
            let font = Font::load(&dict, &Limits::default(), &mut Budget { total: 0 }).unwrap();
            font.width(b"A", "A")
        };
        let missing = width_of_a(b"<</Subtype /Type1>>");
        assert_ne!(
            width_of_a(b"<</Subtype /Type1 /FirstChar 65 /Widths [250]>>"),
            missing
        );
        assert_eq!(
            width_of_a(b"<</Subtype /Type1 /FirstChar 2147483647 /Widths [250 250 250]>>"),
            missing
        );
    }

    #[test]
    fn cid_widths() {
        let w = CidWidths {
            ranges: vec![(1, 1, 250.0), (10, 20, 500.0)],
            default: 1000.0,
        };
        assert_eq!(w.get(1), 250.0);
        assert_eq!(w.get(15), 500.0);
        assert_eq!(w.get(21), 1000.0);
        assert_eq!(w.get(0), 1000.0);
    }
}
