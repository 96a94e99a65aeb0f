//! Byte searches eight bytes at a time in a `u64` (SIMD within a register), for the
//! readers' short scans: a tag's name, its attributes, a run of text without white
//! space. A loop of one byte a step leaves it at a place that changes with every tag,
//! which the processor cannot predict; one word holds most of these scans whole.
//!
//! A search is given a set of bytes as a table, and a function that flags, in a
//! word, at least every byte of the set ([`eq`], [`below`]): the flag of the lowest
//! byte is exact (a borrow in these tests only flags bytes above a true one), and a
//! flagged byte outside the set (a superset such as [`below`]`(x, 0x21)` for ASCII
//! white space) is checked against the table and passed over.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

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

    #[test]
    fn searches_find_what_a_loop_finds() {
        // white space and `/`, `>` (flagged as bytes below 0x21 and two equal ones)
        // in texts of up to four bytes of these, other control bytes and letters,
        // behind pads that put them at every place of a word
        let set = crate::text::byte_table!(|b| matches!(b, b'\t' | b'\n' | b' ' | b'/' | b'>'));
        let flags = |x| below(x, 0x21) | eq(x, b'/') | eq(x, b'>');
        let texts = crate::text::all_texts("\t\n /> \u{1}\u{b}a\u{7f}é", 4);
        for pad in ["", "a", "abc", "abcdefg", "abcdefghijk"] {
            for t in &texts {
                let s = format!("{pad}{t}{pad}");
                let b = s.as_bytes();
                for from in 0..=b.len() + 1 {
                    let by_loop = b
                        .get(from..)
                        .and_then(|r| r.iter().position(|&c| set[usize::from(c)]))
                        .map(|n| from + n);
                    assert_eq!(find(b, from, &set, flags), by_loop, "{s:?} from {from}");
                }
            }
        }
    }
}
