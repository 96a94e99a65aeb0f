//! `pdftotext -layout` text: columns aligned with runs of spaces. A line without such
//! runs is a single cell, which also covers one cell per paragraph (HTML pages
//! flattened to text) and whole flattened pages on one line.

use crate::text::{is_hspace, is_space_lead};

/// The cells of a line as byte spans: text separated by two or more spaces (or an
/// ideographic space, or a tab), appended to `spans` (a buffer reused from line to
/// line).
pub(crate) fn split_into(line: &str, spans: &mut Vec<(usize, usize)>) {
    let b = line.as_bytes();
    let mut cell_start: Option<usize> = None;
    let mut last_end = 0;
    let mut gap = 0usize;
    let mut wide_gap = false;
    let mut i = 0;
    while i < b.len() {
        // text up to the next byte that may start white space (a space, a tab, or the
        // lead byte of a wider space) is passed over at once; only such a character
        // is decoded
        let next = b[i..]
            .iter()
            .position(|x| MAY_START_SPACE[usize::from(*x)])
            .map_or(b.len(), |n| i + n);
        let len = if next > i {
            next - i
        } else {
            let c = match b[i] {
                lead @ 0..0x80 => char::from(lead),
                _ => line[i..].chars().next().unwrap_or('\u{fffd}'),
            };
            let len = c.len_utf8();
            if c == ' ' || c == '\t' || (len > 1 && is_hspace(c)) {
                gap += 1;
                if c != ' ' {
                    wide_gap = true;
                }
                i += len;
                continue;
            }
            len
        };
        match cell_start {
            Some(s) if gap >= 2 || wide_gap => {
                spans.push((s, last_end));
                cell_start = Some(i);
            }
            Some(_) => {}
            None => cell_start = Some(i),
        }
        gap = 0;
        wide_gap = false;
        last_end = i + len;
        i += len;
    }
    if let Some(s) = cell_start {
        spans.push((s, last_end));
    }
}

/// The bytes that may start white space in a line: a space, a tab, or the lead byte
/// of a wider space ([`is_space_lead`]).
static MAY_START_SPACE: [bool; 256] =
    crate::text::byte_table!(|b| matches!(b, b' ' | b'\t') || is_space_lead(b));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_text_split_as_characters_one_by_one_do() {
        // cells as one character at a time finds them: a cell starts after two
        // spaces or one wider space (a tab, U+3000, U+00A0)
        let by_chars = |line: &str| {
            let mut spans = Vec::new();
            let (mut cell_start, mut last_end, mut gap, mut wide) = (None, 0, 0, false);
            for (i, c) in line.char_indices() {
                if c == ' ' || c == '\t' || (c.len_utf8() > 1 && is_hspace(c)) {
                    gap += 1;
                    wide |= c != ' ';
                    continue;
                }
                match cell_start {
                    Some(s) if gap >= 2 || wide => {
                        spans.push((s, last_end));
                        cell_start = Some(i);
                    }
                    Some(_) => {}
                    None => cell_start = Some(i),
                }
                (gap, wide, last_end) = (0, false, i + c.len_utf8());
            }
            if let Some(s) = cell_start {
                spans.push((s, last_end));
            }
            spans
        };
        for t in crate::text::all_texts(" \t\u{3000}\u{a0}、“a一\r", 5) {
            assert_eq!(split(&t), by_chars(&t), "{t:?}");
        }
    }

    fn split(line: &str) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        split_into(line, &mut spans);
        spans
    }

    #[test]
    fn splits_on_runs_of_spaces() {
        let l = "一、本年新收政府信息公开申请数量      21    0 0";
        let cells: Vec<&str> = split(l).into_iter().map(|(a, b)| &l[a..b]).collect();
        assert_eq!(cells, vec!["一、本年新收政府信息公开申请数量", "21", "0 0"]);
        assert_eq!(split("   ").len(), 0);
        assert_eq!(split("2023 年").len(), 1);
    }

    #[test]
    fn splits_on_wide_spaces_and_passes_over_other_characters() {
        // an ideographic space, a no-break space and an em space each end a cell
        for sep in ["\u{3000}", "\u{a0}\u{a0}", "\u{2003}"] {
            let l = format!("行政复议{sep}3{sep}𠀀字");
            let cells: Vec<&str> = split(&l).into_iter().map(|(a, b)| &l[a..b]).collect();
            assert_eq!(cells, vec!["行政复议", "3", "𠀀字"], "{sep:?}");
        }
        // lead bytes shared with spaces (`…` is E2, `「` is E3) are not spaces
        assert_eq!(split("「一」…　2").len(), 2);
    }
}
