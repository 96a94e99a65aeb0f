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
        // ASCII: one byte; other characters decoded only when their lead byte is one
        // of a space's, else passed over
        let (c, len) = match b[i] {
            lead @ 0..0x80 => (char::from(lead), 1),
            lead if is_space_lead(lead) => {
                let c = line[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
            lead => ('\u{fffd}', utf8_len(lead)),
        };
        if c == ' ' || c == '\t' || (len > 1 && is_hspace(c)) {
            gap += 1;
            if c != ' ' {
                wide_gap = true;
            }
            i += len;
            continue;
        }
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

/// The length of the UTF-8 character that starts with `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
