//! Layout adapters: from the lines of a document to table cells.
//!
//! Every converter lays a table out differently; each adapter here knows one way and
//! turns it into the same thing: a sequence of [`Cell`]s (byte spans of the document)
//! tagged with the physical row they sit in. The template grammar never sees the
//! layout.
//!
//! | layout | adapter | example |
//! |---|---|---|
//! | DOCX-to-text, one cell a line behind a tab, blank line between rows | [`tabbed`] | seeds `qijiang-*` |
//! | pipe rows and markdown tables | [`piped`] | `规章 | 0 | 0 | 0 |` |
//! | `pdftotext -layout`, columns aligned with runs of spaces; also one cell per paragraph and flattened text (a line without column gaps is one cell) | [`spaced`] | `规章      0     0    0` |
//!
//! Digits of neighbouring cells glued together by a flattening converter are split
//! later, by the grammar, because only the table's identities can decide the split.

pub(crate) mod piped;
pub(crate) mod spaced;
pub(crate) mod tabbed;

use crate::text::Positions;
use std::ops::Range;

/// One cell: a byte span of the document (trimmed) and the physical row it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    pub start: usize,
    pub end: usize,
    pub row: u32,
}

/// Whether a line carries nothing for a table: a page number or a markdown rule
/// (`t` is the line trimmed).
fn is_noise(line: &str, t: &str) -> bool {
    // a page number is a short line with a digit; a rule has `|` and `-`
    (t.len() <= 24
        && t.starts_with(['-', '－', '—', '–', '第'])
        && t.bytes().any(|b| b.is_ascii_digit())
        && crate::lex::page_number(line).is_ok())
        || (t.starts_with('|')
            || memchr::memchr_iter(b'|', t.as_bytes()).any(|i| t.as_bytes()[..i].ends_with(b"-")))
            && piped::is_rule(line)
}

/// Split the part `range` of a document into cells, choosing the adapter line by line
/// (the lines from the document's line table `pos`).
pub(crate) fn cells(pos: &Positions, range: Range<usize>) -> Vec<Cell> {
    let text = pos.text();
    let mut out: Vec<Cell> = Vec::with_capacity(range.len() / 16);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut row: u32 = 0;
    let mut in_tab_row = false;
    let mut prev_was_tab = false;
    for (a, b) in pos.lines(range) {
        let line = &text[a..b];
        let tab_cell = tabbed::cell(text, a, b);
        let trimmed = crate::text::trim(line);
        if tab_cell.is_none() && trimmed.is_empty() {
            in_tab_row = false;
            prev_was_tab = false;
            continue;
        }
        if is_noise(line, trimmed) {
            continue;
        }
        if let Some(cell) = tab_cell {
            if !in_tab_row {
                row += 1;
                in_tab_row = true;
            }
            out.push(Cell { row, ..cell });
            prev_was_tab = true;
            continue;
        }
        if prev_was_tab && tabbed::is_continuation(line) {
            if let Some(last) = out.last_mut() {
                last.end = a + line.trim_end().len();
                continue;
            }
        }
        prev_was_tab = false;
        in_tab_row = false;
        row += 1;
        spans.clear();
        if piped::is_pipe_row(line) {
            piped::split_into(line, &mut spans);
        } else {
            spaced::split_into(line, &mut spans);
        }
        out.extend(spans.iter().map(|&(s, e)| Cell {
            start: a + s,
            end: a + e,
            row,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &str, range: Range<usize>) -> Vec<Cell> {
        super::cells(&Positions::new(t), range)
    }

    fn texts<'a>(t: &'a str, cells: &[Cell]) -> Vec<(u32, &'a str)> {
        cells.iter().map(|c| (c.row, &t[c.start..c.end])).collect()
    }

    #[test]
    fn tabbed_rows_and_wrapped_cells() {
        let t = "\t商业\n企业\n\t科研机构\n\n\t规章\n\t0\n";
        let c = cells(t, 0..t.len());
        assert_eq!(
            texts(t, &c),
            vec![(1, "商业\n企业"), (1, "科研机构"), (2, "规章"), (2, "0")]
        );
    }

    #[test]
    fn pipes_spaces_and_page_numbers() {
        let t = "规章 | 0 | 1 |\n|---|---|\n   -3-\n行政许可      447228\n";
        let c = cells(t, 0..t.len());
        assert_eq!(
            texts(t, &c),
            vec![
                (1, "规章"),
                (1, "0"),
                (1, "1"),
                (2, "行政许可"),
                (2, "447228")
            ]
        );
    }

    #[test]
    fn clipped_ranges() {
        let t = "abc一、总体情况def\nxyz";
        let c = cells(t, 3..t.len() - 4);
        assert_eq!(texts(t, &c), vec![(1, "一、总体情况def")]);
    }

    #[test]
    fn lines_of_a_range() {
        let t = "ab\r\ncd\n\nef";
        let pos = Positions::new(t);
        let lines = |r: Range<usize>| pos.lines(r).map(|(a, b)| &t[a..b]).collect::<Vec<_>>();
        assert_eq!(lines(0..t.len()), vec!["ab", "cd", "", "ef"]);
        // clipped at both ends, from the line that holds the start
        assert_eq!(lines(1..6), vec!["b", "cd"]);
        // a start on a line break belongs to the line the break ends
        assert_eq!(lines(2..5), vec!["", "c"]);
        let (from, to) = (5, 3);
        assert_eq!(lines(from..to), Vec::<&str>::new());
        assert_eq!(lines(20..30), Vec::<&str>::new());
    }
}
