//! Splitting digits that a flattening converter glued together.
//!
//! `"230 000023"` printed for seven cells can only be read one way once the row's
//! identity (总计 = the six columns) is required: `23|0|0|0|0|0|23`. This module lists
//! every split of the pieces into the wanted number of cells that is a valid number
//! for each column; the table grammars then keep the splits for which the identities
//! hold.

use super::{value_of, Candidate, Spans, Val, Vals};
use crate::lex;
use crate::text::is_digit;

/// Which splits to keep (the row's identity): asked with the values of the cells
/// cut so far, after each cell, so that a split that already breaks the identity is
/// not followed further (an identity of cells not all cut yet must say yes).
pub(crate) type Accept<'a> = &'a dyn Fn(&[Val]) -> bool;

/// What a column may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColKind {
    /// A non-negative whole number.
    Count,
    /// A signed whole number (本年增/减).
    Signed,
    /// Money: decimals and a unit allowed.
    Amount,
}

/// The most cells a table row has (表四: 15).
pub(crate) const MAX_CELLS: usize = 16;

/// The cells of one row, held inline: a split, or its values, costs no allocation
/// (a glued row can have many splits). Reads as a slice.
#[derive(Clone, Copy)]
pub(crate) struct Inline<T: Copy> {
    len: u8,
    items: [T; MAX_CELLS],
}

impl<T: Copy> Inline<T> {
    /// An empty row (`fill` only fills the unused room).
    pub(crate) fn new(fill: T) -> Self {
        Inline {
            len: 0,
            items: [fill; MAX_CELLS],
        }
    }

    /// Add a cell. A row holds at most [`MAX_CELLS`]: no table has more columns, and
    /// the grammars cut no more cells than their columns.
    pub(crate) fn push(&mut self, item: T) {
        debug_assert!(
            usize::from(self.len) < MAX_CELLS,
            "more cells than a table has"
        );
        if let Some(slot) = self.items.get_mut(usize::from(self.len)) {
            *slot = item;
            self.len += 1;
        }
    }

    /// Remove the last cell.
    pub(crate) fn pop(&mut self) {
        self.len = self.len.saturating_sub(1);
    }
}

impl<T: Copy> std::ops::Deref for Inline<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items[..usize::from(self.len)]
    }
}

impl<T: Copy + std::fmt::Debug> std::fmt::Debug for Inline<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Copy + PartialEq> PartialEq for Inline<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// A byte span of the document held in 32 bits, as the cells of rows held inline
/// keep them (a split of glued digits is copied as the search goes, and smaller it
/// costs less to copy): in range, as no input is longer than
/// [`crate::MAX_INPUT_BYTES`] (64 MiB).
pub(crate) fn narrow((s, e): (usize, usize)) -> (u32, u32) {
    (s as u32, e as u32)
}

/// A span held by [`narrow`], as byte offsets of the document.
pub(crate) fn widen((s, e): (u32, u32)) -> (usize, usize) {
    (s as usize, e as usize)
}

/// The cells of one split: byte spans of the document held by [`narrow`].
impl Inline<(u32, u32)> {
    /// The cell `i` as a byte range of the document.
    pub(crate) fn span(&self, i: usize) -> (usize, usize) {
        widen(self[i])
    }

    /// Every cell, as byte ranges of the document.
    pub(crate) fn spans(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.iter().copied().map(widen)
    }
}

/// At most this many splits are listed for one row; beyond it the row is undecidable.
pub(crate) const MAX_SPLITS: usize = 2_000;

/// At most this many partial splits are tried for one row (bounds the work on
/// adversarial input); beyond it the row is undecidable.
const MAX_STEPS: usize = 100_000;

/// The longest number a cell may hold, in digits.
const MAX_DIGITS: usize = 18;

/// Whether `cell` is a number that a column of `kind` may hold, written the way a
/// table prints it (no leading zero).
pub(crate) fn valid_cell(cell: &str, kind: ColKind) -> bool {
    // the common case, plain ASCII digits, without building a literal
    let b = cell.as_bytes();
    if !b.is_empty() && b.iter().all(u8::is_ascii_digit) {
        return valid_digits(b.len(), b[0] == b'0');
    }
    let Some(l) = lex::literal(cell) else {
        return false;
    };
    if l.int.is_empty() || l.leading_zero() || l.int_digits() > MAX_DIGITS {
        return false;
    }
    match kind {
        ColKind::Count => !l.negative && l.frac.is_empty(),
        ColKind::Signed => l.frac.is_empty() && l.unit.is_none(),
        ColKind::Amount => !l.negative,
    }
}

/// Whether `len` ASCII digits, the first a 0 or not, are a number as a table prints
/// it: one to [`MAX_DIGITS`] digits, no leading zero.
fn valid_digits(len: usize, zero_first: bool) -> bool {
    len == 1 || (len > 1 && len <= MAX_DIGITS && !zero_first)
}

/// Every way to cut `pieces` (byte spans of `doc`) into `kinds.len()` cells, each cell
/// a byte span, that `accept` takes (the row's identity, asked after every cell), with
/// the cells' values (read once, as the search cuts them).
/// Returns `None` when there are more than [`MAX_SPLITS`] or the search takes too many
/// steps.
// Kept out of line: only glued rows search, and the row loops that call this stay
// smaller without it (inlined, tab-cell and markdown pages ran 2–4 % slower).
#[inline(never)]
pub(crate) fn splits(
    doc: &str,
    pieces: &[(usize, usize)],
    kinds: &[ColKind],
    accept: Accept,
) -> Option<Vec<Candidate>> {
    // more pieces than cells (each piece is at least one cell): no split at all
    if pieces.len() > kinds.len() || kinds.len() > MAX_CELLS {
        return Some(Vec::new());
    }
    // digits in each piece and in the pieces after it, for pruning; and which
    // pieces are ASCII digits only, the common case, cut without decoding chars
    let mut after = [0usize; MAX_CELLS + 1];
    let mut plain = [false; MAX_CELLS];
    for (i, (a, b)) in pieces.iter().enumerate().rev() {
        after[i] = after[i + 1] + digit_count(&doc[*a..*b]);
        plain[i] = doc.as_bytes()[*a..*b].iter().all(u8::is_ascii_digit);
    }
    // more digits than the cells can hold: no split at all
    if after[0] > capacity(kinds) {
        return Some(Vec::new());
    }
    let mut search = Search {
        doc,
        pieces,
        plain: &plain,
        after: &after,
        kinds,
        accept,
        cur: Spans::new((0, 0)),
        vals: Vals::new(Val::Null),
        out: Vec::new(),
        steps: 0,
    };
    search.rec(0, None).then_some(search.out)
}

/// The state of one split search.
struct Search<'a> {
    doc: &'a str,
    pieces: &'a [(usize, usize)],
    /// Whether each piece is ASCII digits only.
    plain: &'a [bool],
    after: &'a [usize],
    kinds: &'a [ColKind],
    accept: Accept<'a>,
    /// The cells cut so far and their values.
    cur: Spans,
    vals: Vals,
    out: Vec<Candidate>,
    steps: usize,
}

impl Search<'_> {
    /// Cut a cell `s..e` and go on from piece `next` (starting at `from` inside it, or
    /// at its start). Returns false when the search must stop.
    fn push(&mut self, s: usize, e: usize, next: usize, from: Option<usize>) -> bool {
        let kind = self.kinds[self.cur.len()];
        self.cur.push(narrow((s, e)));
        self.vals.push(value_of(&self.doc[s..e], kind));
        let ok = !(self.accept)(&self.vals) || self.rec(next, from);
        self.cur.pop();
        self.vals.pop();
        ok
    }

    /// Cut the cells from piece `piece` on (starting at `cell_start` inside it, or at
    /// its start). Returns false when the search must stop.
    fn rec(&mut self, piece: usize, cell_start: Option<usize>) -> bool {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return false;
        }
        let col = self.cur.len();
        let n = self.kinds.len();
        if piece == self.pieces.len() {
            if col == n {
                if self.out.len() >= MAX_SPLITS {
                    return false;
                }
                self.out.push((self.cur, self.vals));
            }
            return true;
        }
        // every remaining piece needs at least one cell
        if col + (self.pieces.len() - piece) > n {
            return true;
        }
        let (p_start, p_end) = self.pieces[piece];
        let s = cell_start.unwrap_or(p_start);
        let plain = self.plain[piece];
        // the digits left must fit the cells left (one to MAX_DIGITS each, and a few
        // decimals), or this path cannot end in a split
        let here = if plain {
            p_end - s
        } else {
            digit_count(&self.doc[s..p_end])
        };
        let digits_left = here + self.after[piece + 1];
        if digits_left < n - col || digits_left > capacity(&self.kinds[col..]) {
            return true;
        }
        if plain {
            return self.cut_plain(piece, s, p_end);
        }
        let kind = self.kinds[col];
        let text = &self.doc[s..p_end];
        // (a) the cell runs to the end of the piece
        if valid_cell(text, kind) && !self.push(s, p_end, piece + 1, None) {
            return false;
        }
        // (b) the cell ends inside the integer digits
        let sign_len = text
            .chars()
            .next()
            .filter(|c| matches!(c, '-' | '－' | '+'))
            .map_or(0, char::len_utf8);
        let int_len: usize = text[sign_len..]
            .chars()
            .take_while(|c| is_digit(*c))
            .map(char::len_utf8)
            .sum();
        if col + 1 >= n {
            return true;
        }
        let mut e = s + sign_len;
        for c in text[sign_len..sign_len + int_len].chars() {
            e += c.len_utf8();
            if e >= s + sign_len + int_len || e - s - sign_len > MAX_DIGITS * 3 {
                break;
            }
            let cell = &self.doc[s..e];
            // a cell that starts with 0 is 0: it ends right there
            if valid_cell(cell, kind) && !self.push(s, e, piece, Some(e)) {
                return false;
            }
            if cell[sign_len..].starts_with(['0', '０']) {
                break;
            }
        }
        true
    }

    /// The cuts of [`Search::rec`] in a piece of ASCII digits `s..p_end`, tried in the
    /// same order, with the validity of a cell read off its length and first digit.
    fn cut_plain(&mut self, piece: usize, s: usize, p_end: usize) -> bool {
        let len = p_end - s;
        let zero = self.doc.as_bytes().get(s) == Some(&b'0');
        // (a) the cell runs to the end of the piece
        if valid_digits(len, zero) && !self.push(s, p_end, piece + 1, None) {
            return false;
        }
        // (b) the cell ends inside the digits; a cell that starts with 0 is 0
        if self.cur.len() + 1 >= self.kinds.len() {
            return true;
        }
        let longest = if zero { 1 } else { MAX_DIGITS };
        for l in 1..len.min(longest + 1) {
            if !self.push(s, s + l, piece, Some(s + l)) {
                return false;
            }
        }
        true
    }
}

/// The most digits the cells of `kinds` can hold together.
fn capacity(kinds: &[ColKind]) -> usize {
    kinds
        .iter()
        .map(|k| {
            if *k == ColKind::Amount {
                MAX_DIGITS + 6
            } else {
                MAX_DIGITS
            }
        })
        .sum()
}

/// How many digits (ASCII or full-width) a text has.
fn digit_count(s: &str) -> usize {
    let b = s.as_bytes();
    let ascii = b.iter().filter(|c| c.is_ascii_digit()).count();
    if b.is_ascii() {
        return ascii;
    }
    // full-width digits are EF BC 90 … EF BC 99
    let wide = b
        .windows(3)
        .filter(|w| w[0] == 0xEF && w[1] == 0xBC && (0x90..=0x99).contains(&w[2]))
        .count();
    ascii + wide
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str, kinds: &[ColKind]) -> Vec<Vec<&'static str>> {
        let doc: &'static str = Box::leak(s.to_string().into_boxed_str());
        let mut pieces = Vec::new();
        let mut off = 0;
        for p in doc.split(' ') {
            pieces.push((off, off + p.len()));
            off += p.len() + 1;
        }
        splits(doc, &pieces, kinds, &|_| true)
            .unwrap()
            .into_iter()
            .map(|(v, _)| v.spans().map(|(a, b)| &doc[a..b]).collect())
            .collect()
    }

    #[test]
    fn leading_zeros_are_not_numbers() {
        assert!(valid_cell("0", ColKind::Count));
        assert!(!valid_cell("023", ColKind::Count));
        assert!(!valid_cell("-1", ColKind::Count));
        assert!(valid_cell("-18", ColKind::Signed));
        assert!(valid_cell("75394432.52元", ColKind::Amount));
        assert!(!valid_cell("1.5", ColKind::Count));
    }

    #[test]
    fn spaces_are_hard_boundaries() {
        let k = [ColKind::Count; 7];
        let s = all("230 000023", &k);
        assert!(s.contains(&vec!["23", "0", "0", "0", "0", "0", "23"]));
        assert!(s.iter().all(|v| v.len() == 7));
        // "0 0" can only be two zeros
        assert_eq!(all("0 0", &[ColKind::Count; 2]), vec![vec!["0", "0"]]);
    }

    /// The cuts of `text` (pieces split at spaces) as (start, end) char positions,
    /// under the identity "the last cell is the sum of the others".
    fn cuts_in_chars(text: &str, kinds: &[ColKind]) -> Option<Vec<Vec<(usize, usize)>>> {
        let mut pieces = Vec::new();
        let mut off = 0;
        for p in text.split(' ') {
            pieces.push((off, off + p.len()));
            off += p.len() + 1;
        }
        let sum = |vals: &[Val]| {
            vals.len() < kinds.len()
                || vals[..vals.len() - 1]
                    .iter()
                    .map(|v| v.count().unwrap_or(0))
                    .sum::<u64>()
                    == vals[vals.len() - 1].count().unwrap_or(0)
        };
        let chars = |b: usize| text[..b].chars().count();
        splits(text, &pieces, kinds, &sum).map(|all| {
            all.iter()
                .map(|(sp, _)| sp.spans().map(|(a, b)| (chars(a), chars(b))).collect())
                .collect()
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Pieces of ASCII digits (cut by `cut_plain`) are cut as the same pieces in
        /// full-width digits (cut by the general `rec`): the same splits, in the same
        /// order, or both undecidable.
        #[test]
        fn ascii_digits_cut_as_full_width_ones(
            text in "[0-9]{1,12}( [0-9]{1,8}){0,3}",
            cells in 2usize..8,
        ) {
            let wide: String = text
                .chars()
                .map(|c| if c.is_ascii_digit() {
                    char::from_u32(u32::from(c) - u32::from('0') + 0xFF10).unwrap_or(c)
                } else {
                    c
                })
                .collect();
            let kinds = vec![ColKind::Count; cells];
            proptest::prop_assert_eq!(cuts_in_chars(&text, &kinds), cuts_in_chars(&wide, &kinds));
        }
    }

    #[test]
    fn signs_and_amounts() {
        let s = all("35 -15", &[ColKind::Count, ColKind::Signed]);
        assert_eq!(s, vec![vec!["35", "-15"]]);
        let s = all("13575394432.52元", &[ColKind::Count, ColKind::Amount]);
        assert!(s.contains(&vec!["135", "75394432.52元"]));
        assert_eq!(s.len(), 10);
    }
}
