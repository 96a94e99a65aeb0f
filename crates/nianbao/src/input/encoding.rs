//! Text encodings: UTF-8 (with or without BOM), UTF-16 (BOM or detected from its zero
//! bytes) and GBK/GB18030 (feature `gbk`), detected, never assumed.

use std::borrow::Cow;

use crate::Error;

/// Decode bytes of text, detecting the encoding: UTF-8 is borrowed as it is.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Error> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest).map(Cow::Borrowed);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false).map(Cow::Owned);
    }
    if let Ok(s) = utf8_str(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    // UTF-16 without BOM: the digits, spaces and line breaks of a report put zero
    // bytes into its UTF-16, which GBK text never has; the byte order is the one
    // whose characters look like a report (CJK, ASCII, CJK punctuation).
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let zeros = sample.iter().filter(|b| **b == 0).count();
    if sample.len() >= 4 && zeros * 50 >= sample.len() {
        let (le, be) = (text_likeness(sample, true), text_likeness(sample, false));
        if le >= be && le > 0.9 {
            return utf16(bytes, true).map(Cow::Owned);
        }
        if be > le && be > 0.9 {
            return utf16(bytes, false).map(Cow::Owned);
        }
    }
    if bytes.contains(&0) {
        return Err(Error::Binary(
            "it contains NUL bytes and is not UTF-16 text".into(),
        ));
    }
    gb18030(bytes).map(Cow::Owned)
}

/// The share of characters of `sample` read as UTF-16 that a report is made of.
fn text_likeness(sample: &[u8], little_endian: bool) -> f64 {
    let units = sample.chunks_exact(2).map(|c| {
        if little_endian {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let (mut good, mut all) = (0usize, 0usize);
    for c in char::decode_utf16(units) {
        all += 1;
        if let Ok(c) = c {
            let likely = c.is_ascii_graphic()
                || c.is_ascii_whitespace()
                || ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
                || ('\u{2000}'..='\u{206f}').contains(&c);
            good += usize::from(likely);
        }
    }
    if all == 0 {
        0.0
    } else {
        good as f64 / all as f64
    }
}

/// `bytes` as text when they are valid UTF-8: the check of every input's bytes, by
/// SIMD where the machine has it (several times the standard library's speed on
/// Chinese text, where its ASCII fast path does not apply). On invalid bytes the
/// standard library's check runs too, for its error: where the first bad byte is.
pub(crate) fn utf8_str(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    utf8_str(bytes).map_err(|e| Error::Encoding {
        encoding: "UTF-8".into(),
        // the offset in the file, after its BOM
        detail: format!("invalid byte at offset {}", e.valid_up_to() + 3),
    })
}

fn utf16(bytes: &[u8], little_endian: bool) -> Result<String, Error> {
    let units = bytes.chunks_exact(2).map(|c| {
        if little_endian {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|e| Error::Encoding {
            encoding: if little_endian {
                "UTF-16LE"
            } else {
                "UTF-16BE"
            }
            .into(),
            detail: format!("unpaired surrogate {:#06x}", e.unpaired_surrogate()),
        })
}

#[cfg(feature = "gbk")]
fn gb18030(bytes: &[u8]) -> Result<String, Error> {
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
        .ok_or_else(|| Error::Encoding {
            encoding: "UTF-8, UTF-16 or GB18030".into(),
            detail: "the bytes are none of these; convert the file to UTF-8 text".into(),
        })
}

#[cfg(not(feature = "gbk"))]
fn gb18030(bytes: &[u8]) -> Result<String, Error> {
    let at = std::str::from_utf8(bytes).map_or(0, |_| 0);
    Err(Error::Encoding {
        encoding: "UTF-8".into(),
        detail: format!(
            "invalid byte at offset {}; GBK/GB18030 is not supported by this build (feature `gbk`)",
            at + std::str::from_utf8(bytes)
                .err()
                .map_or(0, |e| e.valid_up_to())
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("一、总体".as_bytes()).unwrap(), "一、总体");
        assert_eq!(decode(b"\xEF\xBB\xBF\xE4\xB8\x80").unwrap(), "一");
    }

    #[test]
    fn utf16_detected() {
        let mut b = vec![0xFF, 0xFE];
        b.extend(utf16le("规章 0 1"));
        assert_eq!(decode(&b).unwrap(), "规章 0 1");
        assert_eq!(
            decode(&utf16le("规章 | 0 | 1 | 2\n行政许可 | 5\n")).unwrap(),
            "规章 | 0 | 1 | 2\n行政许可 | 5\n"
        );
    }

    #[cfg(feature = "gbk")]
    #[test]
    fn gbk_detected() {
        // 规章 in GBK
        assert_eq!(
            decode(&[0xB9, 0xE6, 0xD5, 0xC2, b' ', b'0']).unwrap(),
            "规章 0"
        );
    }
}
