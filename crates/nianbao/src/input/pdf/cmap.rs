//! CMaps embedded in a PDF: `ToUnicode` maps (character code → Unicode text) and
//! embedded encoding CMaps of composite fonts (character code → CID), with their
//! code space ranges, which say how many bytes each code has.
//!
//! Only what text extraction needs is read: `begincodespacerange`, `beginbfchar`,
//! `beginbfrange` (with a start string or an array of strings), `begincidchar`,
//! `begincidrange` and `usecmap` (the name of a predefined CMap). Ranges are kept as
//! ranges (never expanded), and the number of entries is bounded.

use super::content::{hex_digit, is_regular, is_white};

/// The most entries (ranges and single codes) read from one CMap.
const MAX_ENTRIES: usize = 200_000;

/// A character code: its bytes as a number, and how many bytes it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Code {
    pub len: u8,
    pub value: u32,
}

/// UTF-16 code units of a text, kept in [`CMap::units`] (one buffer for all the
/// texts of a CMap, instead of a vector each).
#[derive(Debug, Clone, Copy)]
struct Units {
    start: u32,
    len: u32,
}

/// What a range of codes maps to.
#[derive(Debug, Clone)]
enum Target {
    /// The first code's text; its last unit counts up.
    Text(Units),
    /// One text per code.
    Texts(Vec<Units>),
    /// The first code's CID; the CIDs count up.
    Cid(u32),
}

#[derive(Debug, Clone)]
struct Range {
    len: u8,
    lo: u32,
    hi: u32,
    target: Target,
}

/// A parsed CMap.
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    /// Code space ranges: (bytes, low, high).
    codespace: Vec<(u8, u32, u32)>,
    /// Mappings, later ones winning; sorted by (len, lo) after parsing.
    ranges: Vec<Range>,
    /// The UTF-16 units of the texts the mappings give.
    units: Vec<u16>,
    /// The predefined CMap named by `usecmap`, if any.
    pub use_cmap: Option<String>,
    /// Whether `/WMode 1` (vertical writing).
    pub vertical: bool,
}

impl CMap {
    /// Parse the (decoded) bytes of a CMap stream. Syntax errors end the parse; what
    /// was read until then is kept.
    pub(crate) fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut toks = Tokens {
            data,
            pos: 0,
            hex: Vec::new(),
        };
        let mut operands: Vec<Tok> = Vec::new();
        let mut entries = 0usize;
        while let Some(tok) = toks.next() {
            let Tok::Word(word) = tok else {
                operands.push(tok);
                if operands.len() > 64 {
                    operands.remove(0);
                }
                continue;
            };
            match word {
                b"begincodespacerange" => {
                    for pair in toks.block().chunks_exact(2) {
                        if let [Tok::Hex(lo), Tok::Hex(hi)] = pair {
                            if let (Some(lo), Some(hi)) =
                                (code(toks.bytes(*lo)), code(toks.bytes(*hi)))
                            {
                                if lo.len == hi.len {
                                    cmap.codespace.push((lo.len, lo.value, hi.value));
                                }
                            }
                        }
                    }
                }
                b"beginbfchar" | b"begincidchar" => {
                    let cid = word == b"begincidchar";
                    for pair in toks.block().chunks_exact(2) {
                        let [Tok::Hex(src), dst] = pair else { continue };
                        let Some(c) = code(toks.bytes(*src)) else {
                            continue;
                        };
                        let target = match dst {
                            Tok::Hex(d) if !cid => Target::Text(cmap.utf16(toks.bytes(*d))),
                            Tok::Num(n) if cid => Target::Cid(n.max(0.0) as u32),
                            _ => continue,
                        };
                        if !cmap.push(&mut entries, c, c, target) {
                            return cmap.finish();
                        }
                    }
                }
                b"beginbfrange" | b"begincidrange" => {
                    let cid = word == b"begincidrange";
                    let block = toks.block();
                    let mut i = 0;
                    while i + 2 < block.len() {
                        let (Tok::Hex(lo), Tok::Hex(hi)) = (&block[i], &block[i + 1]) else {
                            i += 1;
                            continue;
                        };
                        i += 2;
                        let target = match &block[i] {
                            Tok::Hex(d) if !cid => Target::Text(cmap.utf16(toks.bytes(*d))),
                            Tok::Num(n) if cid => Target::Cid(n.max(0.0) as u32),
                            Tok::ArrayStart if !cid => {
                                let mut texts = Vec::new();
                                while let Some(Tok::Hex(d)) = block.get(i + 1) {
                                    texts.push(cmap.utf16(toks.bytes(*d)));
                                    i += 1;
                                }
                                Target::Texts(texts)
                            }
                            _ => continue,
                        };
                        i += 1;
                        let (Some(lo), Some(hi)) = (code(toks.bytes(*lo)), code(toks.bytes(*hi)))
                        else {
                            continue;
                        };
                        if lo.len == hi.len
                            && hi.value >= lo.value
                            && !cmap.push(&mut entries, lo, hi, target)
                        {
                            return cmap.finish();
                        }
                    }
                }
                b"usecmap" => {
                    if let Some(Tok::Name(n)) = operands.last() {
                        cmap.use_cmap = Some(String::from_utf8_lossy(n).into_owned());
                    }
                }
                b"def" => {
                    if let [.., Tok::Name(key), Tok::Num(v)] = operands.as_slice() {
                        if *key == b"WMode" {
                            cmap.vertical = *v == 1.0;
                        }
                    }
                }
                _ => {}
            }
            operands.clear();
        }
        cmap.finish()
    }

    /// Add a mapping; `false` once the CMap has too many.
    fn push(&mut self, entries: &mut usize, lo: Code, hi: Code, target: Target) -> bool {
        *entries += 1;
        if *entries > MAX_ENTRIES {
            return false;
        }
        self.ranges.push(Range {
            len: lo.len,
            lo: lo.value,
            hi: hi.value,
            target,
        });
        true
    }

    fn finish(mut self) -> CMap {
        // a stable sort keeps the file order among equal starts: the later entry wins
        self.ranges.sort_by_key(|r| (r.len, r.lo));
        self
    }

    /// Whether the CMap has code space ranges (so it can split a string into codes).
    pub(crate) fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// The byte length of the code at the start of `bytes`, from the code space
    /// ranges (1 when no range matches, as PDF readers do).
    pub(crate) fn code_len(&self, bytes: &[u8]) -> usize {
        for n in 1..=4usize.min(bytes.len()) {
            let v = be(&bytes[..n]);
            if self
                .codespace
                .iter()
                .any(|&(len, lo, hi)| len as usize == n && in_space(v, lo, hi, n))
            {
                return n;
            }
        }
        // no range matches: take the shortest length any range has
        self.codespace
            .iter()
            .map(|&(len, _, _)| len as usize)
            .min()
            .unwrap_or(1)
            .clamp(1, bytes.len().max(1))
    }

    fn find(&self, c: Code) -> Option<&Range> {
        // the last range starting at or before the code, then earlier ones that still
        // cover it (ranges may overlap)
        let end = self
            .ranges
            .partition_point(|r| (r.len, r.lo) <= (c.len, c.value));
        self.ranges[..end]
            .iter()
            .rev()
            .take_while(|r| r.len == c.len)
            .find(|r| r.lo <= c.value && c.value <= r.hi)
    }

    /// Append the Unicode text of a code (ToUnicode maps) to `out`; whether the code
    /// has one. Units that are not UTF-16 become U+FFFD.
    pub(crate) fn text_into(&self, c: Code, out: &mut String) -> bool {
        let Some(r) = self.find(c) else {
            return false;
        };
        let offset = c.value - r.lo;
        let (units, last_add) = match &r.target {
            Target::Text(units) => match u16::try_from(offset) {
                Ok(add) if units.len > 0 => (*units, add),
                _ => return false,
            },
            Target::Texts(texts) => match texts.get(offset as usize) {
                Some(units) => (*units, 0),
                None => return false,
            },
            Target::Cid(_) => return false,
        };
        let units = &self.units[units.start as usize..][..units.len as usize];
        let (last, first) = units
            .split_last()
            .map_or((None, units), |(l, f)| (Some(l), f));
        let last = last.map(|l| l.wrapping_add(last_add));
        out.extend(
            char::decode_utf16(first.iter().copied().chain(last)).map(|r| r.unwrap_or('\u{FFFD}')),
        );
        true
    }

    /// The Unicode text of a code (ToUnicode maps).
    #[cfg(test)]
    fn text(&self, c: Code) -> Option<String> {
        let mut out = String::new();
        self.text_into(c, &mut out).then_some(out)
    }

    /// Keep the UTF-16 text of `bytes` (big-endian units, an odd last byte a unit of
    /// its own) in [`CMap::units`].
    fn utf16(&mut self, bytes: &[u8]) -> Units {
        let start = self.units.len();
        self.units.extend(bytes.chunks(2).map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0,
        }));
        Units {
            start: start as u32,
            len: (self.units.len() - start) as u32,
        }
    }

    /// The CID of a code (embedded encoding CMaps).
    pub(crate) fn cid(&self, c: Code) -> Option<u32> {
        let r = self.find(c)?;
        match r.target {
            Target::Cid(first) => first.checked_add(c.value - r.lo),
            _ => None,
        }
    }
}

/// Whether every byte of `v` lies within the byte-wise bounds of a code space range.
fn in_space(v: u32, lo: u32, hi: u32, n: usize) -> bool {
    (0..n).all(|i| {
        let shift = 8 * (n - 1 - i);
        let (b, l, h) = (
            (v >> shift) & 0xFF,
            (lo >> shift) & 0xFF,
            (hi >> shift) & 0xFF,
        );
        l <= b && b <= h
    })
}

/// Big-endian value of up to four bytes.
pub(crate) fn be(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |v, b| (v << 8) | u32::from(*b))
}

fn code(bytes: &[u8]) -> Option<Code> {
    (1..=4).contains(&bytes.len()).then(|| Code {
        len: bytes.len() as u8,
        value: be(bytes),
    })
}

/// Where the bytes of a hex string are in [`Tokens::hex`].
#[derive(Debug, Clone, Copy, PartialEq)]
struct Hex {
    start: usize,
    end: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Hex(Hex),
    Num(f64),
    Name(&'a [u8]),
    Word(&'static [u8]),
    Other,
    ArrayStart,
    ArrayEnd,
}

struct Tokens<'a> {
    data: &'a [u8],
    pos: usize,
    /// The bytes of every hex string read, one after another.
    hex: Vec<u8>,
}

/// The keywords a CMap parse acts on (others are [`Tok::Other`]).
const WORDS: &[&[u8]] = &[
    b"begincodespacerange",
    b"endcodespacerange",
    b"beginbfchar",
    b"endbfchar",
    b"beginbfrange",
    b"endbfrange",
    b"begincidchar",
    b"endcidchar",
    b"begincidrange",
    b"endcidrange",
    b"usecmap",
    b"def",
];

impl<'a> Tokens<'a> {
    /// The bytes of a hex string read.
    fn bytes(&self, hex: Hex) -> &[u8] {
        &self.hex[hex.start..hex.end]
    }

    /// The tokens up to the next keyword (the `end…` of a block), bounded; array
    /// brackets are kept, `]` dropped.
    fn block(&mut self) -> Vec<Tok<'a>> {
        let mut out = Vec::new();
        while let Some(t) = self.next() {
            match t {
                Tok::Word(_) => break,
                Tok::ArrayEnd | Tok::Other => {}
                t if out.len() < 4 * MAX_ENTRIES => out.push(t),
                _ => {}
            }
        }
        out
    }

    fn next(&mut self) -> Option<Tok<'a>> {
        let d = self.data;
        loop {
            let &b = d.get(self.pos)?;
            match b {
                b'%' => {
                    while self.pos < d.len() && d[self.pos] != b'\n' && d[self.pos] != b'\r' {
                        self.pos += 1;
                    }
                }
                b if is_white(b) => self.pos += 1,
                _ => break,
            }
        }
        let start = self.pos;
        let b = d[start];
        self.pos += 1;
        Some(match b {
            b'<' if d.get(self.pos) == Some(&b'<') => {
                self.pos += 1;
                Tok::Other
            }
            b'>' if d.get(self.pos) == Some(&b'>') => {
                self.pos += 1;
                Tok::Other
            }
            b'<' => {
                // two hex digits a byte, an odd last one as its high half
                let start = self.hex.len();
                let mut high = None;
                while let Some(&c) = d.get(self.pos) {
                    self.pos += 1;
                    match c {
                        b'>' => break,
                        c if c.is_ascii_hexdigit() => match high.take() {
                            Some(h) => self.hex.push(h << 4 | hex_digit(c)),
                            None => high = Some(hex_digit(c)),
                        },
                        _ => {}
                    }
                }
                self.hex.extend(high.map(|h| h << 4));
                Tok::Hex(Hex {
                    start,
                    end: self.hex.len(),
                })
            }
            b'[' => Tok::ArrayStart,
            b']' => Tok::ArrayEnd,
            b'(' => {
                // a literal string: skipped (balanced parentheses, escapes)
                let mut depth = 1;
                while let Some(&c) = d.get(self.pos) {
                    self.pos += 1;
                    match c {
                        b'\\' => self.pos += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                Tok::Other
            }
            b'/' => {
                let s = self.pos;
                while self.pos < d.len() && is_regular(d[self.pos]) {
                    self.pos += 1;
                }
                Tok::Name(&d[s..self.pos])
            }
            _ => {
                while self.pos < d.len() && is_regular(d[self.pos]) {
                    self.pos += 1;
                }
                let word = &d[start..self.pos.max(start + 1).min(d.len())];
                if let Some(w) = WORDS.iter().find(|w| **w == word) {
                    Tok::Word(w)
                } else if let Some(n) = std::str::from_utf8(word)
                    .ok()
                    .and_then(|s| s.parse::<f64>().ok())
                {
                    Tok::Num(n)
                } else {
                    Tok::Other
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0010> <4E00> <0011> <D840DC00> endbfchar
2 beginbfrange <0020> <0022> <0030> <0100> <0101> [<5E74> <0066006C>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_bfrange_and_surrogates() {
        let m = CMap::parse(TO_UNICODE);
        let t = |v| m.text(Code { len: 2, value: v });
        assert_eq!(t(0x10).as_deref(), Some("一"));
        assert_eq!(t(0x11).as_deref(), Some("\u{20000}"));
        assert_eq!(t(0x20).as_deref(), Some("0"));
        assert_eq!(t(0x22).as_deref(), Some("2"));
        assert_eq!(t(0x23), None);
        assert_eq!(t(0x100).as_deref(), Some("年"));
        assert_eq!(t(0x101).as_deref(), Some("fl"));
        assert_eq!(
            m.text(Code {
                len: 1,
                value: 0x10
            }),
            None
        );
        assert_eq!(m.code_len(&[0x12, 0x34]), 2);
    }

    #[test]
    fn cid_ranges_and_mixed_code_lengths() {
        let m = CMap::parse(
            b"/WMode 1 def /GBK-EUC-H usecmap 2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
              1 begincidrange <20> <7e> 1 endcidrange 1 begincidchar <B0A1> 814 endcidchar",
        );
        assert!(m.vertical);
        assert_eq!(m.use_cmap.as_deref(), Some("GBK-EUC-H"));
        assert_eq!(m.code_len(b"A\xB0\xA1"), 1);
        assert_eq!(m.code_len(b"\xB0\xA1"), 2);
        assert_eq!(
            m.cid(Code {
                len: 1,
                value: 0x41
            }),
            Some(34)
        );
        assert_eq!(
            m.cid(Code {
                len: 2,
                value: 0xB0A1
            }),
            Some(814)
        );
    }

    #[test]
    fn garbage_never_panics() {
        for data in [
            &b"<"[..],
            b"1 beginbfrange <00> <ff> [",
            b"beginbfchar <> <>",
            b"(((",
            b"\xff\x00<0g>",
        ] {
            let m = CMap::parse(data);
            let _ = m.code_len(data);
            let _ = m.text(Code { len: 1, value: 0 });
        }
    }
}
