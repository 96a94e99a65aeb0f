//! From cells to tokens: label text, numbers (possibly a run of glued numbers) and
//! blank cells, each with its byte span and physical row.

use crate::layout::Cell;
use crate::lex;
use crate::text::{is_digit, is_hspace};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Words: a row or column label, a caption, prose.
    Label,
    /// One number or a run of numbers from one cell (`"0"`, `"230 000023"`).
    Num,
    /// An empty cell or one that says "not given" (`/`, `-`, `—`, `无`).
    Blank,
}

/// One token: its kind, its byte span in the document and its physical row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub row: u32,
    /// Whether the token is the whole text of its cell.
    pub whole: bool,
}

impl Tok {
    pub(crate) fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

/// Tokenise the cells of a table region.
pub(crate) fn tokenize(doc: &str, cells: &[Cell]) -> Vec<Tok> {
    let mut out = Vec::new();
    for c in cells {
        let s = &doc[c.start..c.end];
        let tok = |kind, a: usize, b: usize| Tok {
            kind,
            start: c.start + a,
            end: c.start + b,
            row: c.row,
            whole: false,
        };
        let first = out.len();
        let trimmed = s.trim_matches(|ch: char| ch.is_whitespace() || ch == '\u{3000}');
        if trimmed.is_empty() || lex::blank_marker(trimmed).is_ok() {
            out.push(Tok {
                whole: true,
                ..tok(Kind::Blank, 0, s.len())
            });
            continue;
        }
        let mut label_start: Option<usize> = None;
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            let Some(ch) = rest.chars().next() else { break };
            let prev = s[..i].chars().next_back();
            let starts_run = is_digit(ch)
                || (matches!(ch, '-' | '－' | '+')
                    && rest[ch.len_utf8()..].chars().next().is_some_and(is_digit)
                    && prev.is_none_or(is_hspace));
            if starts_run {
                if let Ok((after, run)) = lex::numeric_run(rest) {
                    let mut run_len = run.len();
                    // `00000002.其他` : the last digit is the ordinal of the next label.
                    let mut next = after.chars();
                    if matches!(next.next(), Some('.' | '．' | '、'))
                        && !next.next().is_some_and(is_digit)
                    {
                        if let Some(last) = run.chars().next_back().filter(|c| is_digit(*c)) {
                            run_len -= last.len_utf8();
                        }
                    }
                    let num = run[..run_len].trim_end_matches(is_hspace);
                    if num.chars().any(is_digit) {
                        if let Some(ls) = label_start.take() {
                            push_label(&mut out, s, ls, i, tok);
                        }
                        out.push(tok(Kind::Num, i, i + num.len()));
                        i += run_len;
                        continue;
                    }
                    // only an ordinal: it belongs to the label
                    label_start.get_or_insert(i);
                    i += run.len().max(ch.len_utf8());
                    continue;
                }
            }
            label_start.get_or_insert(i);
            i += ch.len_utf8();
        }
        if let Some(ls) = label_start {
            push_label(&mut out, s, ls, s.len(), tok);
        }
        if out.len() == first + 1 {
            out[first].whole = true;
        }
    }
    out
}

fn push_label(
    out: &mut Vec<Tok>,
    s: &str,
    a: usize,
    b: usize,
    tok: impl Fn(Kind, usize, usize) -> Tok,
) {
    let seg = &s[a..b];
    let lead = seg.len() - seg.trim_start().len();
    let t = seg.trim();
    if !t.is_empty() {
        out.push(tok(Kind::Label, a + lead, a + lead + t.len()));
    }
}

/// The pieces of a number token: split at white space and before an inner sign
/// (`"2648-18538"` → `2648`, `-18538`). Each piece is a byte span of the document.
pub(crate) fn pieces(doc: &str, t: &Tok) -> Vec<(usize, usize)> {
    if t.kind != Kind::Num {
        return vec![(t.start, t.end)];
    }
    let s = t.text(doc);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if is_hspace(c) {
            if let Some(a) = start.take() {
                out.push((t.start + a, t.start + i));
            }
        } else if matches!(c, '-' | '－' | '+') && prev.is_some_and(is_digit) {
            if let Some(a) = start.take() {
                out.push((t.start + a, t.start + i));
            }
            start = Some(i);
        } else if start.is_none() {
            start = Some(i);
        }
        prev = Some(c);
    }
    if let Some(a) = start {
        out.push((t.start + a, t.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout;

    fn toks(s: &str) -> Vec<(Kind, &str)> {
        let cells = layout::cells(s, 0..s.len());
        tokenize(s, &cells)
            .iter()
            .map(|t| (t.kind, t.text(s)))
            .collect()
    }

    #[test]
    fn glued_labels_numbers_and_ordinals() {
        let s = "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000";
        assert_eq!(
            toks(s),
            vec![
                (Kind::Label, "（三）不予公开1.属于国家秘密"),
                (Kind::Num, "0000000"),
                (Kind::Label, "2.其他法律行政法规禁止公开"),
                (Kind::Num, "0000000"),
            ]
        );
    }

    #[test]
    fn runs_units_and_blanks() {
        let s = "政府集中采购13575394432.52元三、收到 | / | |";
        assert_eq!(
            toks(s),
            vec![
                (Kind::Label, "政府集中采购"),
                (Kind::Num, "13575394432.52元"),
                (Kind::Label, "三、收到"),
                (Kind::Blank, "/"),
                (Kind::Blank, ""),
            ]
        );
        assert_eq!(
            toks("（七）总计20 0 00 0 121四、"),
            vec![
                (Kind::Label, "（七）总计"),
                (Kind::Num, "20 0 00 0 121"),
                (Kind::Label, "四、"),
            ]
        );
    }

    #[test]
    fn pieces_split_spaces_and_signs() {
        let s = "2648-18538 7";
        let t = Tok {
            kind: Kind::Num,
            start: 0,
            end: s.len(),
            row: 1,
            whole: true,
        };
        let p: Vec<&str> = pieces(s, &t).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(p, vec!["2648", "-18538", "7"]);
    }
}
