//! DOCX-to-text: every cell on its own line behind a tab, a blank line between table
//! rows, long cell text wrapped onto following lines without a tab (`商业\n企业`).

use super::Cell;

/// The cell of a line that starts with a tab (its text may be empty: a merged or
/// blank cell).
pub(crate) fn cell(text: &str, a: usize, b: usize) -> Option<Cell> {
    let line = &text[a..b];
    if !line.starts_with('\t') {
        return None;
    }
    let inner = line.trim_start_matches('\t');
    let lead = line.len() - inner.len();
    let trimmed_start = inner.len() - inner.trim_start().len();
    let content = crate::text::trim(inner);
    let start = a + lead + trimmed_start;
    Some(Cell {
        start,
        end: start + content.len(),
        row: 0,
    })
}

/// Whether a line without a tab, right after a tab cell, continues that cell's text.
pub(crate) fn is_continuation(line: &str) -> bool {
    let t = crate::text::trim(line);
    !t.is_empty() && t.chars().count() <= 16 && crate::lex::part_ordinal(t).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tab_cells() {
        let t = "\t\t 规章 ";
        let c = cell(t, 0, t.len()).unwrap();
        assert_eq!(&t[c.start..c.end], "规章");
        assert!(cell("规章", 0, 6).is_none());
        let t = "\t";
        let c = cell(t, 0, 1).unwrap();
        assert_eq!(c.start, c.end);
    }

    #[test]
    fn continuation_lines() {
        assert!(is_continuation("企业"));
        assert!(!is_continuation("三、收到和处理政府信息公开申请情况"));
        assert!(!is_continuation("  "));
    }
}
