//! Splitting digits that a flattening converter glued together.
//!
//! `"230 000023"` printed for seven cells can only be read one way once the row's
//! identity (总计 = the six columns) is required: `23|0|0|0|0|0|23`. This module lists
//! every split of the pieces into the wanted number of cells that is a valid number
//! for each column; the table grammars then keep the splits for which the identities
//! hold.

use crate::lex;
use crate::text::is_digit;

/// Which complete splits to keep (the row's identity), given the cells' spans.
pub(crate) type Accept<'a> = &'a dyn Fn(&[(usize, usize)]) -> bool;

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
        return b.len() <= MAX_DIGITS && (b.len() == 1 || b[0] != b'0');
    }
    let Some(l) = lex::literal(cell) else {
        return false;
    };
    if l.int.is_empty() || (l.int.len() > 1 && l.int.starts_with('0')) || l.int.len() > 18 {
        return false;
    }
    match kind {
        ColKind::Count => !l.negative && l.frac.is_empty(),
        ColKind::Signed => l.frac.is_empty() && l.unit.is_none(),
        ColKind::Amount => !l.negative,
    }
}

/// Every way to cut `pieces` (byte spans of `doc`) into `kinds.len()` cells, each cell
/// a byte span, that `accept` takes (the row's identity). Returns `None` when there
/// are more than [`MAX_SPLITS`] or the search takes too many steps.
pub(crate) fn splits(
    doc: &str,
    pieces: &[(usize, usize)],
    kinds: &[ColKind],
    accept: Accept,
) -> Option<Vec<Vec<(usize, usize)>>> {
    // more digits than the cells can hold: no split at all
    let digits: usize = pieces
        .iter()
        .map(|(a, b)| doc[*a..*b].chars().filter(|c| is_digit(*c)).count())
        .sum();
    if digits > kinds.len() * (MAX_DIGITS + 6) {
        return Some(Vec::new());
    }
    // digits in the pieces after each piece, for pruning
    let mut after = vec![0usize; pieces.len() + 1];
    for (i, (a, b)) in pieces.iter().enumerate().rev() {
        after[i] = after[i + 1] + digit_count(&doc[*a..*b]);
    }
    let mut out = Vec::new();
    let mut cur = Vec::with_capacity(kinds.len());
    let mut steps = 0usize;
    let ok = rec(
        doc, pieces, &after, kinds, accept, 0, None, &mut cur, &mut out, &mut steps,
    );
    ok.then_some(out)
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
    // full-width digits are EF BC 90 … EF BC 99
    let wide = b
        .windows(3)
        .filter(|w| w[0] == 0xEF && w[1] == 0xBC && (0x90..=0x99).contains(&w[2]))
        .count();
    ascii + wide
}

#[allow(clippy::too_many_arguments)]
fn rec(
    doc: &str,
    pieces: &[(usize, usize)],
    after: &[usize],
    kinds: &[ColKind],
    accept: Accept,
    piece: usize,
    cell_start: Option<usize>,
    cur: &mut Vec<(usize, usize)>,
    out: &mut Vec<Vec<(usize, usize)>>,
    steps: &mut usize,
) -> bool {
    *steps += 1;
    if *steps > MAX_STEPS {
        return false;
    }
    let col = cur.len();
    if piece == pieces.len() {
        if col == kinds.len() && accept(cur) {
            if out.len() >= MAX_SPLITS {
                return false;
            }
            out.push(cur.clone());
        }
        return true;
    }
    // every remaining piece needs at least one cell
    if col + (pieces.len() - piece) > kinds.len() {
        return true;
    }
    let (p_start, p_end) = pieces[piece];
    let s = cell_start.unwrap_or(p_start);
    let kind = kinds[col];
    // the digits left must fit the cells left (one to MAX_DIGITS each, and a few
    // decimals), or this path cannot end in a split
    let cells_left = kinds.len() - col;
    let digits_left = digit_count(&doc[s..p_end]) + after[piece + 1];
    if digits_left < cells_left || digits_left > capacity(&kinds[col..]) {
        return true;
    }
    // the integer digits of this piece after `s` (cut points lie between them)
    let text = &doc[s..p_end];
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
    // (a) the cell runs to the end of the piece
    if valid_cell(&doc[s..p_end], kind) {
        cur.push((s, p_end));
        let ok = rec(
            doc,
            pieces,
            after,
            kinds,
            accept,
            piece + 1,
            None,
            cur,
            out,
            steps,
        );
        cur.pop();
        if !ok {
            return false;
        }
    }
    // (b) the cell ends inside the integer digits
    let mut e = s + sign_len;
    for c in text[sign_len..sign_len + int_len].chars() {
        e += c.len_utf8();
        if e >= s + sign_len + int_len {
            break;
        }
        if col + 1 >= kinds.len() || e - s - sign_len > MAX_DIGITS * 3 {
            break;
        }
        if valid_cell(&doc[s..e], kind) {
            cur.push((s, e));
            let ok = rec(
                doc,
                pieces,
                after,
                kinds,
                accept,
                piece,
                Some(e),
                cur,
                out,
                steps,
            );
            cur.pop();
            if !ok {
                return false;
            }
        }
    }
    true
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
            .map(|v| v.into_iter().map(|(a, b)| &doc[a..b]).collect())
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

    #[test]
    fn signs_and_amounts() {
        let s = all("35 -15", &[ColKind::Count, ColKind::Signed]);
        assert_eq!(s, vec![vec!["35", "-15"]]);
        let s = all("13575394432.52元", &[ColKind::Count, ColKind::Amount]);
        assert!(s.contains(&vec!["135", "75394432.52元"]));
        assert_eq!(s.len(), 10);
    }
}
