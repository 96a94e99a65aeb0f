//! Table rows from a token stream: the labels in front of a run of values, and the
//! values themselves, in whichever way the layout spread them over physical lines.

use super::tokens::{pieces, Kind, Tok};
use crate::text::norm;

/// One table row as read: its labels and its value cells (a run of the tokens). Its
/// label's words and tokens are kept in the table's [`Labels`].
#[derive(Debug, Clone)]
pub(crate) struct RawRow<'t> {
    /// The normalised words before the row's values (at most their last
    /// [`LABEL_CHARS`] characters): those of earlier physical rows since the previous
    /// table row, then those on the same physical row as the first value.
    pub label: &'t str,
    /// Where, in `label`, the words of the first value's physical row start.
    #[cfg_attr(not(test), allow(dead_code))]
    pub same_at: usize,
    /// Byte offset of the row's label (the same-row label if any).
    pub label_at: Option<usize>,
    /// The label tokens since the previous table row: those of earlier physical
    /// rows, then (from `same_from`) those on the same physical row as the first value.
    label_toks: &'t [Tok],
    same_from: usize,
    /// The value tokens (numbers and blanks) in order.
    pub vals: &'t [Tok],
}

/// The labels of a table's rows, kept once for all of them: their normalised words
/// and their tokens, which the rows borrow (no allocation per row).
#[derive(Default)]
pub(crate) struct Labels {
    words: String,
    toks: Vec<Tok>,
}

/// A row while the tokens are grouped: a [`RawRow`] whose label is still a place in
/// the [`Labels`] being written.
struct Open<'t> {
    label: std::ops::Range<usize>,
    same_at: usize,
    label_at: Option<usize>,
    label_toks: std::ops::Range<usize>,
    same_from: usize,
    vals: &'t [Tok],
    /// How many cells the row should have.
    n: usize,
}

impl Open<'_> {
    fn all_blank(&self) -> bool {
        self.vals.iter().all(|t| t.kind == Kind::Blank)
    }
}

impl RawRow<'_> {
    /// The label tokens on the same physical row as the first value.
    pub(crate) fn same_toks(&self) -> &[Tok] {
        &self.label_toks[self.same_from..]
    }

    /// The label tokens of earlier physical rows since the previous table row.
    pub(crate) fn before_toks(&self) -> &[Tok] {
        &self.label_toks[..self.same_from]
    }

    /// How many label tokens the row has (its label is made of them).
    pub(crate) fn label_toks_len(&self) -> usize {
        self.label_toks.len()
    }

    /// The normalised words on the same physical row as the first value.
    #[cfg(test)]
    pub(crate) fn same(&self) -> &str {
        &self.label[self.same_at..]
    }

    /// The normalised words of earlier physical rows since the previous table row.
    #[cfg(test)]
    pub(crate) fn before(&self) -> &str {
        &self.label[..self.same_at]
    }

    /// Offset of the first value.
    pub(crate) fn first_at(&self) -> usize {
        self.vals.first().map_or(0, |t| t.start)
    }

    /// Offset just after the last value.
    pub(crate) fn end_at(&self) -> usize {
        self.vals.last().map_or(0, |t| t.end)
    }

    /// Whether the row's first value follows words in its cell, and those words end
    /// with none of `ends` (a number inside a sentence: `培训3次`).
    pub(crate) fn in_prose(&self, doc: &str, ends: &[&str]) -> bool {
        let Some(first) = self.vals.first() else {
            return false;
        };
        if !first.after_label {
            return false;
        }
        let before = self.same_toks().last().map_or("", |t| t.text(doc));
        let words = norm(before);
        !ends.iter().any(|e| words.ends_with(e)) && !starts_like_a_row(&words)
    }

    /// The values as printed, for messages (`0 00000`).
    pub(crate) fn raw<'d>(&self, doc: &'d str) -> &'d str {
        let (a, b) = (self.first_at(), self.end_at());
        doc.get(a..b.max(a)).unwrap_or("").trim()
    }

    /// The labels of earlier physical rows, one normalised text per physical row.
    pub(crate) fn label_lines(&self, doc: &str) -> Vec<String> {
        let mut lines: Vec<(u32, String)> = Vec::new();
        for t in self.before_toks() {
            match lines.last_mut() {
                Some((row, text)) if *row == t.row => text.push_str(&norm(t.text(doc))),
                _ => lines.push((t.row, norm(t.text(doc)))),
            }
        }
        lines.into_iter().map(|(_, t)| t).collect()
    }

    /// Whether every value cell is blank.
    pub(crate) fn all_blank(&self) -> bool {
        self.vals.iter().all(|t| t.kind == Kind::Blank)
    }
}

/// The words of some label tokens, normalised and joined, at most their last
/// [`LABEL_CHARS`] characters: only the end of what precedes a row names it, and a
/// page flattened onto one line can put a whole part's prose before its first row.
/// Written at the end of `out`; returns where, in those words, the words of the
/// tokens from `same_from` on start.
fn norm_tail(out: &mut String, doc: &str, toks: &[Tok], same_from: usize) -> usize {
    // where the kept characters start: count back over the raw text
    let mut left = LABEL_CHARS;
    let mut from: Option<(usize, usize)> = None;
    'find: for (k, t) in toks.iter().enumerate().rev() {
        let text = t.text(doc);
        for (i, _) in text.char_indices().rev() {
            if left == 0 {
                break 'find;
            }
            left -= 1;
            from = Some((k, i));
        }
    }
    let base = out.len();
    let Some((first, at)) = from else {
        return 0;
    };
    let mut same_at = 0;
    for (k, t) in toks.iter().enumerate().skip(first) {
        if k == same_from {
            same_at = out.len() - base;
        }
        let text = t.text(doc);
        crate::text::norm_into(out, if k == first { &text[at..] } else { text });
    }
    if same_from >= toks.len() {
        same_at = out.len() - base;
    }
    same_at
}

/// How many characters of the words before a row are kept (see [`norm_tail`]).
pub(crate) const LABEL_CHARS: usize = 160;

/// Whether (normalised) words start with the ordinal of a table row: `7.`, `(三)`,
/// `四.` (a row label that is not recognised, perhaps for a typo, is still a label).
fn starts_like_a_row(words: &str) -> bool {
    let mut cs = words.chars();
    match cs.next() {
        Some(c) if c.is_ascii_digit() => cs.next() == Some('.'),
        Some('(') => {
            cs.next()
                .is_some_and(|c| matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七'))
                && cs.next() == Some(')')
        }
        Some('一' | '二' | '三' | '四') => cs.next() == Some('.'),
        _ => false,
    }
}

fn count(doc: &str, t: &Tok) -> usize {
    match t.kind {
        Kind::Num => pieces(doc, t).count(),
        _ => 1,
    }
}

/// Group tokens into rows. `n_for(label)` says how many cells a row with these
/// labels has, or `None` when numbers after such labels are not part of the table.
/// The rows' labels are kept in `labels`.
pub(crate) fn assemble<'t>(
    doc: &str,
    toks: &'t [Tok],
    labels: &'t mut Labels,
    n_for: &dyn Fn(&str) -> Option<usize>,
) -> Vec<RawRow<'t>> {
    // physical rows only grow along the tokens (the same-row words of a row are
    // the last of its label tokens)
    debug_assert!(toks.windows(2).all(|w| w[0].row <= w[1].row));
    let mut rows = Vec::with_capacity(32);
    let mut frags: Vec<Tok> = Vec::with_capacity(16);
    // the row being read, with how many cells it has and where its values start
    let mut open: Option<(Open, usize, usize)> = None;
    // room for the rows' words, so that they seldom move as they grow: no more than
    // the label tokens' bytes (normalising never lengthens words), nor than a full
    // label for each value token (a row starts at one, but for a value cell that
    // prose took over)
    labels.words.clear();
    labels.toks.clear();
    let (mut n_words, mut bytes, mut n_vals) = (0, 0, 0);
    for t in toks {
        match t.kind {
            Kind::Label => (n_words, bytes) = (n_words + 1, bytes + t.end - t.start),
            _ => n_vals += 1,
        }
    }
    labels.words.reserve(bytes.min(n_vals * 4 * LABEL_CHARS));
    labels.toks.reserve(n_words);

    let mut start_row = |frags: &mut Vec<Tok>, first: &Tok| -> Option<Open<'t>> {
        // the same-row words are the last ones: earlier rows' words, then them
        let same_from = frags
            .iter()
            .rposition(|f| f.row != first.row)
            .map_or(0, |i| i + 1);
        let from = labels.words.len();
        let same_at = norm_tail(&mut labels.words, doc, frags, same_from);
        let Some(n) = n_for(&labels.words[from..]) else {
            labels.words.truncate(from);
            frags.clear();
            return None;
        };
        let same_toks = &frags[same_from..];
        let label_at = same_toks
            .first()
            .map(|t| t.start)
            .or_else(|| frags.first().map(|t| t.start));
        let toks_from = labels.toks.len();
        labels.toks.append(frags);
        Some(Open {
            label: from..labels.words.len(),
            same_at,
            label_at,
            label_toks: toks_from..labels.toks.len(),
            same_from,
            vals: &[],
            n,
        })
    };

    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Kind::Label => {
                // a word in a value cell of a row being read (`| 3 | 无数据 | 0 |`)
                if let Some((row, have, first)) = open.as_mut() {
                    let in_row = row.vals.last().is_some_and(|v| v.row == t.row);
                    let has_number = row.vals.iter().any(|v| v.kind == Kind::Num);
                    if t.whole
                        && in_row
                        && has_number
                        && *have < row.n
                        && t.text(doc).chars().count() <= 8
                    {
                        row.vals = &toks[*first..=i];
                        *have += 1;
                        if *have >= row.n {
                            if let Some((row, ..)) = open.take() {
                                rows.push(row);
                            }
                        }
                        continue;
                    }
                }
                if let Some((row, ..)) = open.take() {
                    rows.push(row);
                }
                // a value cell that prose with digits took over (`| 012月31日 |` right
                // after the row's name): the row's first cell, read as not a number
                let taken_over = t.whole
                    && frags.last().is_some_and(|f| f.row == t.row)
                    && super::has_prose_digits(t.text(doc))
                    && crate::lex::generic_header(t.text(doc).trim()).is_err();
                if taken_over {
                    if let Some(mut row) = start_row(&mut frags, t) {
                        row.vals = &toks[i..=i];
                        open = Some((row, 1, i));
                        continue;
                    }
                }
                frags.push(*t);
            }
            Kind::Num | Kind::Blank => {
                // blank header cells (`| |||`) do not carry over to the next line
                let stale = open.as_ref().is_some_and(|(row, ..)| {
                    row.all_blank() && row.vals.last().is_some_and(|v| v.row != t.row)
                });
                if stale {
                    open = None;
                }
                // an empty cell on the next line belongs to that line, not to the row
                // being read (only numbers wrap onto the next line in PDF text)
                let moved_on = t.kind == Kind::Blank
                    && open
                        .as_ref()
                        .is_some_and(|(row, ..)| row.vals.last().is_some_and(|v| v.row != t.row));
                if moved_on {
                    if let Some((row, ..)) = open.take() {
                        rows.push(row);
                    }
                }
                if open.is_none() {
                    let after_label = frags.last().is_some_and(|f| f.row == t.row);
                    if t.kind == Kind::Blank && !after_label {
                        continue;
                    }
                    match start_row(&mut frags, t) {
                        Some(row) => open = Some((row, 0, i)),
                        None => continue,
                    }
                }
                if let Some((row, have, first)) = open.as_mut() {
                    row.vals = &toks[*first..=i];
                    *have += count(doc, t);
                    if *have >= row.n {
                        if let Some((row, ..)) = open.take() {
                            rows.push(row);
                        }
                    }
                }
            }
        }
    }
    if let Some((row, ..)) = open.take() {
        rows.push(row);
    }
    let labels: &'t Labels = labels;
    rows.into_iter()
        .map(|r| RawRow {
            label: &labels.words[r.label],
            same_at: r.same_at,
            label_at: r.label_at,
            label_toks: &labels.toks[r.label_toks],
            same_from: r.same_from,
            vals: r.vals,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::tokens::tokenize;
    use crate::layout;

    fn rows(s: &str, n: usize) -> Vec<(String, String, usize)> {
        let toks = tokenize(
            s,
            &layout::cells(&crate::text::Positions::new(s), 0..s.len()),
        );
        assemble(s, &toks, &mut Labels::default(), &|_| Some(n))
            .into_iter()
            .map(|r| (r.same().to_string(), r.before().to_string(), r.vals.len()))
            .collect()
    }

    #[test]
    fn label_before_values_on_the_next_line() {
        let s =
            "（二）部分公开（区分处理的\n计其他情形）\n   4   0   4\n1.属于国家秘密   1   0   1\n";
        assert_eq!(
            rows(s, 3),
            vec![
                (
                    "".into(),
                    "(二)部分公开(区分处理的,只计这一情形".replace(",只计这一情形", "")
                        + "计其他情形)",
                    3
                ),
                ("1.属于国家秘密".into(), "".into(), 3),
            ]
        );
    }

    #[test]
    fn trailing_empty_pipe_cells_are_not_values() {
        let s = "自然人 | 总计 | ||\n一、本年新收 | 1 | 1 | ||\n";
        let r = rows(s, 2);
        assert_eq!(r.last().unwrap().0, "一.本年新收");
        assert_eq!(r.last().unwrap().2, 2);
    }
}
