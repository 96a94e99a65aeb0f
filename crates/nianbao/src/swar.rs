//! Byte searches eight bytes at a time in a `u64` (SIMD within a register), for short
//! scans: a tag's name, its attributes, a run of text without white space, a run of
//! ASCII. A loop of one byte a step leaves it at a place that changes with every tag,
//! which the processor cannot predict; one word holds most of these scans whole.
//!
//! A search is given a function that flags, in a word, the bytes it looks for
//! ([`eq`], [`below`], or a mask such as `x & 0x8080…` for bytes beyond ASCII): the
//! flag of the lowest byte is exact (a borrow in these tests only flags bytes above
//! a true one). [`find_exact`] takes the lowest flag as it is; [`find`] is for flags
//! that take in more than the set (such as [`below`]`(x, 0x21)` for ASCII white
//! space), and checks a flagged byte against the set's table, passing over the others.

// a build for text alone (no input kind) uses `find_exact` only
#![cfg_attr(
    not(any(feature = "html", feature = "docx", feature = "pdf")),
    allow(dead_code)
)]

const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte: `x & HIGH` flags the bytes of a word beyond ASCII.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` equal to `c` (exact for the lowest).
pub(crate) const fn eq(x: u64, c: u8) -> u64 {
    zeros(x ^ (ONES * c as u64))
}

/// The high bit of each byte of `x` below `n`, for `n` at most 0x80 (exact for the
/// lowest).
pub(crate) const fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * n as u64) & !x & HIGH
}

/// The high bit of each zero byte of `v` (exact for the lowest).
pub(crate) const fn zeros(v: u64) -> u64 {
    v.wrapping_sub(ONES) & !v & HIGH
}

/// The eight bytes of `b` at `i`, if there are eight.
fn word(b: &[u8], i: usize) -> Option<u64> {
    let bytes: [u8; 8] = b.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

/// The offset of the first byte at or after `from` that `flags` flags, where the
/// lowest flag of a word is always a byte sought (see the module's text).
#[inline(always)]
pub(crate) fn find_exact(b: &[u8], from: usize, flags: impl Fn(u64) -> u64) -> Option<usize> {
    let mut i = from;
    while let Some(x) = word(b, i) {
        let flagged = flags(x);
        if flagged != 0 {
            return Some(i + (flagged.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    // the last bytes one at a time: the flag of a word's lowest byte is about that
    // byte alone
    b.get(i..)?
        .iter()
        .position(|&c| flags(u64::from(c)) & 0x80 != 0)
        .map(|n| i + n)
}

/// The offset of the first byte at or after `from` that is in `set`, where `flags`
/// flags at least the bytes of `set` in a word (see the module's text). Always
/// inlined: each search's test then compiles into its own loop.
#[inline(always)]
pub(crate) fn find(
    b: &[u8],
    from: usize,
    set: &[bool; 256],
    flags: impl Fn(u64) -> u64,
) -> Option<usize> {
    let mut i = from;
    while let Some(x) = word(b, i) {
        let flagged = flags(x);
        if flagged == 0 {
            i += 8;
            continue;
        }
        let at = i + (flagged.trailing_zeros() / 8) as usize;
        if set[usize::from(b[at])] {
            return Some(at);
        }
        i = at + 1;
    }
    b.get(i..)?
        .iter()
        .position(|&c| set[usize::from(c)])
        .map(|n| i + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Call `check(text, bytes, from, by_loop)` for every text of up to four characters
    /// of `alphabet`, behind pads that put it at every place of a word, and every
    /// `from` (one past the end too); `by_loop(is)` is where a byte loop finds the
    /// first byte `is` holds for.
    fn at_every_place(
        alphabet: &str,
        mut check: impl FnMut(&str, &[u8], usize, &dyn Fn(fn(u8) -> bool) -> Option<usize>),
    ) {
        let texts = crate::text::all_texts(alphabet, 4);
        for pad in ["", "a", "abc", "abcdefg", "abcdefghijk"] {
            for t in &texts {
                let s = format!("{pad}{t}{pad}");
                let b = s.as_bytes();
                for from in 0..=b.len() + 1 {
                    let by_loop = |is: fn(u8) -> bool| {
                        b.get(from..)
                            .and_then(|r| r.iter().position(|&c| is(c)))
                            .map(|n| from + n)
                    };
                    check(&s, b, from, &by_loop);
                }
            }
        }
    }

    #[test]
    fn exact_searches_find_what_a_loop_finds() {
        // a quote or `>`, and a byte beyond ASCII
        let sought = |x| eq(x, b'>') | eq(x, b'"') | eq(x, b'\'');
        let high = |x| x & HIGH;
        at_every_place("\"'>a\u{0}、é字", |s, b, from, by_loop| {
            let gt_or_quote = by_loop(|c| matches!(c, b'>' | b'"' | b'\''));
            assert_eq!(
                find_exact(b, from, sought),
                gt_or_quote,
                "{s:?} from {from}"
            );
            let beyond_ascii = by_loop(|c| c >= 0x80);
            assert_eq!(find_exact(b, from, high), beyond_ascii, "{s:?} from {from}");
        });
    }

    #[test]
    fn searches_find_what_a_loop_finds() {
        // white space and `/`, `>` (flagged as bytes below 0x21 and two equal ones)
        // among other control bytes and letters
        let set = crate::text::byte_table!(|b| matches!(b, b'\t' | b'\n' | b' ' | b'/' | b'>'));
        let flags = |x| below(x, 0x21) | eq(x, b'/') | eq(x, b'>');
        at_every_place("\t\n /> \u{1}\u{b}a\u{7f}é", |s, b, from, by_loop| {
            let in_set = by_loop(|c| matches!(c, b'\t' | b'\n' | b' ' | b'/' | b'>'));
            assert_eq!(find(b, from, &set, flags), in_set, "{s:?} from {from}");
        });
    }
}
