//! Stream data, decompressed within bounds: a PDF bomb (a few kilobytes that inflate
//! to gigabytes) is refused before its output is allocated.
//!
//! Two places decompress: [`decode`], for the streams the text reader uses (page
//! contents, forms, fonts, CMaps), and the PDF parser itself, for the object and
//! cross-reference streams it reads on its own. [`preflight`] measures the latter
//! on the file's bytes before the parser sees them.

use std::io::Read;

use hayro_syntax::object::{Name, Stream};
use hayro_syntax::Filter;

use super::Limits;
use crate::Error;

/// The bytes decompressed so far, against [`Limits`].
#[derive(Debug, Default)]
pub(crate) struct Budget {
    pub total: usize,
}

/// How much `n` bytes in a filter may grow to, at most (deflate: 1032:1; LZW with
/// 12-bit codes: one code of at most 4096 bytes per 9 bits read; run-length: 128:1).
fn worst_ratio(filter: Filter) -> usize {
    match filter {
        Filter::FlateDecode => 1032,
        Filter::LzwDecode => 3641,
        Filter::RunLengthDecode => 128,
        _ => 1,
    }
}

pub(crate) fn bomb(what: &str, limit: usize) -> Error {
    Error::PdfLimit(format!(
        "{what} decompresses to more than {} MiB (a PDF bomb, or not a report); a report's largest stream is a few megabytes",
        limit / (1024 * 1024)
    ))
}

/// Inflate zlib (or raw deflate) data, refusing output beyond `limit` bytes.
/// `Ok(None)` when the data is not deflate data at all.
///
/// In one pass of `miniz_oxide` (which `flate2` wraps) into a buffer that doubles as
/// it fills: a reader's `read_to_end` probes with small reads first and zeroes each
/// part of the buffer before the decoder fills it, which cost a quarter as much again
/// as the inflating.
fn inflate(data: &[u8], limit: usize) -> Result<Option<Vec<u8>>, ()> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let zlib = data.len() >= 2
        && data[0] & 0x0F == 8
        && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    let mut flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    if zlib {
        flags |=
            inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER | inflate_flags::TINFL_FLAG_COMPUTE_ADLER32;
    }
    // a page's content inflates to 3–10 times its size
    let mut out = vec![0; data.len().saturating_mul(4).max(1024).min(limit).max(1)];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut input, mut written) = (data, 0);
    loop {
        let (status, read, wrote) = decompress(&mut state, input, &mut out, written, flags);
        written += wrote;
        input = input.get(read..).unwrap_or_default();
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput if out.len() >= limit => return Err(()),
            TINFLStatus::HasMoreOutput => {
                out.resize(out.len().saturating_mul(2).min(limit), 0);
            }
            // a truncated or damaged stream: keep what was inflated before the damage
            _ if written > 0 => break,
            _ => return Ok(None),
        }
    }
    if written > limit {
        return Err(());
    }
    out.truncate(written);
    Ok(Some(out))
}

/// The decoded data of a stream, within the limits.
pub(crate) fn decode(
    stream: &Stream<'_>,
    limits: &Limits,
    budget: &mut Budget,
) -> Result<Vec<u8>, Error> {
    let raw = stream.raw_data();
    let filters = stream.filters();
    let predictor = stream
        .dict()
        .get::<hayro_syntax::object::Dict<'_>>(b"DecodeParms")
        .and_then(|p| p.get::<i32>(b"Predictor"))
        .unwrap_or(1);
    let limit = limits.stream_bytes;
    let out = match filters.as_slice() {
        [] => raw.into_owned(),
        [Filter::FlateDecode] if predictor <= 1 => match inflate(&raw, limit) {
            Ok(Some(out)) => out,
            Ok(None) => Vec::new(),
            Err(()) => return Err(bomb("a stream of the PDF", limit)),
        },
        _ => {
            // other filters (and predictors): the parser decodes them, once their
            // output is known to be bounded
            let mut bound = raw.len();
            let mut rest = filters.as_slice();
            if let [Filter::FlateDecode, tail @ ..] = rest {
                match inflate(&raw, limit) {
                    Ok(Some(out)) => bound = out.len(),
                    Ok(None) => bound = 0,
                    Err(()) => return Err(bomb("a stream of the PDF", limit)),
                }
                rest = tail;
            }
            for f in rest {
                bound = bound.saturating_mul(worst_ratio(*f));
            }
            if bound > limit {
                return Err(bomb("a stream of the PDF", limit));
            }
            stream.decoded().map(|d| d.into_owned()).unwrap_or_default()
        }
    };
    budget.total += out.len();
    if budget.total > limits.total_bytes {
        return Err(bomb("the PDF's content", limits.total_bytes));
    }
    Ok(out)
}

/// Refuse a file whose object or cross-reference streams (which the PDF parser
/// decompresses on its own) inflate beyond the limits. Only their size is measured;
/// nothing is kept.
pub(crate) fn preflight(bytes: &[u8], limits: &Limits) -> Result<(), Error> {
    let mut total = 0usize;
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], b"stream") {
        let kw = from + at;
        from = kw + 6;
        if kw >= 3 && &bytes[kw - 3..kw] == b"end" {
            continue;
        }
        let mut data = from;
        match bytes.get(data) {
            Some(b'\r') if bytes.get(data + 1) == Some(&b'\n') => data += 2,
            Some(b'\n' | b'\r') => data += 1,
            _ => continue,
        }
        // the dictionary before the keyword, back to its object header
        let head = &bytes[kw.saturating_sub(4096)..kw];
        let head = match rfind(head, b" obj") {
            Some(i) => &head[i..],
            None => head,
        };
        let internal = find(head, b"/ObjStm").is_some() || find(head, b"/XRef").is_some();
        if !internal || find(head, b"Flate").is_none() {
            continue;
        }
        let end = find(&bytes[data..], b"endstream").map_or(bytes.len(), |e| data + e);
        let size = count_inflated(&bytes[data..end], limits.stream_bytes)
            .ok_or_else(|| bomb("an object stream of the PDF", limits.stream_bytes))?;
        total += size;
        if total > limits.total_bytes {
            return Err(bomb("the PDF's object streams", limits.total_bytes));
        }
        from = end;
    }
    Ok(())
}

/// How many bytes zlib data inflates to, or `None` beyond `limit`; a fixed buffer is
/// reused, so nothing grows with the output.
fn count_inflated(data: &[u8], limit: usize) -> Option<usize> {
    let mut reader = flate2::read::ZlibDecoder::new(data).take(limit as u64 + 1);
    let mut buf = [0u8; 16 * 1024];
    let mut n = 0usize;
    loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    (n <= limit).then_some(n)
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(hay, needle)
}

/// The name of a stream's `/Subtype` (for forms and images).
pub(crate) fn subtype<'a>(stream: &Stream<'a>) -> Option<Name<'a>> {
    stream.dict().get::<Name<'_>>(b"Subtype")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn inflate_is_bounded() {
        let z = zlib(&vec![0u8; 100_000]);
        assert_eq!(inflate(&z, 100_000).unwrap().unwrap().len(), 100_000);
        assert!(inflate(&z, 99_999).is_err());
        assert_eq!(count_inflated(&z, 100_000), Some(100_000));
        assert_eq!(count_inflated(&z, 10), None);
        assert_eq!(inflate(b"not deflate", 100).unwrap(), None);
        assert_eq!(inflate(&zlib(b"x"), 0), Err(()));
    }

    #[test]
    fn a_cut_stream_gives_what_was_inflated_before_the_cut() {
        let text: Vec<u8> = (0..20_000u32)
            .flat_map(|i| format!("{i} 0 Td (x) Tj ").into_bytes())
            .collect();
        let z = zlib(&text);
        let cut = inflate(&z[..z.len() / 2], text.len()).unwrap().unwrap();
        assert!(cut.len() > text.len() / 4, "{} bytes", cut.len());
        assert!(
            text.starts_with(&cut),
            "what was inflated, and nothing after it"
        );
        // a damaged checksum: every byte, as inflated
        let mut bad = z.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert_eq!(inflate(&bad, text.len()).unwrap().unwrap(), text);
    }

    #[test]
    fn preflight_measures_object_streams() {
        let limits = Limits::default();
        let z = zlib(&vec![b' '; limits.stream_bytes + 1]);
        let mut pdf = b"%PDF-1.7\n5 0 obj\n<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length 9>>\nstream\n".to_vec();
        pdf.extend_from_slice(&z);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        assert_eq!(preflight(&pdf, &limits).unwrap_err().code(), "pdf_limit");
        // the same data in a page's content stream is left to `decode`
        let plain = String::from_utf8_lossy(&pdf).replace("/Type/ObjStm", "/Type/Page1");
        let _ = plain;
        let mut page = b"%PDF-1.7\n5 0 obj\n<</Filter/FlateDecode/Length 9>>\nstream\n".to_vec();
        page.extend_from_slice(&z);
        page.extend_from_slice(b"\nendstream\nendobj\n");
        assert!(preflight(&page, &limits).is_ok());
    }
}
