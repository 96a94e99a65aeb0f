//! From cells to tokens: label text, numbers (possibly a run of glued numbers) and
//! blank cells, each with its byte span and physical row.

use crate::layout::Cell;
use crate::lex;
use crate::text::{hspace_len, is_digit, is_hspace};

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
    /// Whether the token comes right after words in the same cell (`培训3`).
    pub after_label: bool,
    /// Whether the run of numbers went on with a number that the prose after it took
    /// whole, because which of its digits are the prose's cannot be told (`12 1012月`:
    /// `10|12月` or `101|2月`): the row may have more cells than the token's digits.
    pub tail_undecided: bool,
}

impl Tok {
    pub(crate) fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

/// The bytes that may start a number: ASCII digits and signs, and the lead byte of
/// the full-width forms (`０`…`９`, `－`), one look each.
static MAY_START_NUMBER: [bool; 256] =
    crate::text::byte_table!(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | 0xEF));

/// Tokenise the cells of a table region.
pub(crate) fn tokenize(doc: &str, cells: &[Cell]) -> Vec<Tok> {
    let mut out = Vec::with_capacity(cells.len() + cells.len() / 4);
    for c in cells {
        match short_number(doc, c) {
            Some(t) => out.push(t),
            None => tokenize_cell(doc, c, &mut out),
        }
    }
    out
}

/// Most cells of a table are a number of one to three ASCII digits (`0`, `12`, `345`):
/// such a cell is one whole number token, told without the grammar of a cell (no date,
/// phone number, unit or label fits in three digits).
fn short_number(doc: &str, c: &Cell) -> Option<Tok> {
    let b = &doc.as_bytes()[c.start..c.end];
    (!b.is_empty() && b.len() <= 3 && b.iter().all(u8::is_ascii_digit)).then_some(Tok {
        kind: Kind::Num,
        start: c.start,
        end: c.end,
        row: c.row,
        whole: true,
        after_label: false,
        tail_undecided: false,
    })
}

/// Tokenise one cell into `out`.
fn tokenize_cell(doc: &str, c: &Cell, out: &mut Vec<Tok>) {
    let s = &doc[c.start..c.end];
    let tok = |kind, a: usize, b: usize| Tok {
        kind,
        start: c.start + a,
        end: c.start + b,
        row: c.row,
        whole: false,
        after_label: false,
        tail_undecided: false,
    };
    let first = out.len();
    let trimmed = crate::text::trim(s);
    // short cells may be a made-up column header (`数据1`) or say "not given"
    let made_up_header = trimmed.len() <= 24
        && trimmed.ends_with(|c: char| c.is_ascii_digit())
        && trimmed.starts_with(['数', '列', '栏', '字', 'C', 'c']);
    if made_up_header && lex::generic_header(trimmed).is_ok() {
        out.push(Tok {
            whole: true,
            ..tok(Kind::Label, 0, s.len())
        });
        return;
    }
    if trimmed.is_empty() || (trimmed.len() <= 24 && lex::blank_marker(trimmed).is_ok()) {
        out.push(Tok {
            whole: true,
            ..tok(Kind::Blank, 0, s.len())
        });
        return;
    }
    let bytes = s.as_bytes();
    let mut label_start: Option<usize> = None;
    let mut i = 0;
    while i < s.len() {
        // words: skip to the next byte that can start a number
        let next = bytes[i..]
            .iter()
            .position(|b| MAY_START_NUMBER[usize::from(*b)])
            .map_or(s.len(), |n| i + n);
        if next > i {
            label_start.get_or_insert(i);
            i = next;
            continue;
        }
        let rest = &s[i..];
        let Some(ch) = rest.chars().next() else { break };
        let prev = s[..i].chars().next_back();
        let starts_run = is_digit(ch)
            || (matches!(ch, '-' | '－' | '+')
                && rest[ch.len_utf8()..].chars().next().is_some_and(is_digit)
                && prev.is_none_or(is_hspace));
        if starts_run {
            // `第20条`, dates (`2025-01-24`) and phone numbers are prose, and the
            // digits of a name (`_Toc21368` of a converter's bookmark, `H5`)
            if prev == Some('第') || prev.is_some_and(|p| p.is_ascii_alphabetic() || p == '_') {
                label_start.get_or_insert(i);
                i += rest
                    .char_indices()
                    .find(|(_, c)| !is_digit(*c))
                    .map_or(rest.len(), |(n, _)| n.max(ch.len_utf8()));
                continue;
            }
            if let Some(after) = date_or_phone(rest) {
                label_start.get_or_insert(i);
                i += rest.len() - after.len();
                continue;
            }
            if let Ok((after, run)) = lex::numeric_run(rest) {
                let (keep, tail_undecided) = cell_part(run, after);
                let num = run[..keep].trim_end_matches(is_hspace);
                if num.chars().any(is_digit) {
                    if let Some(ls) = label_start.take() {
                        push_label(out, s, ls, i, tok);
                    }
                    let after_label = out.len() > first
                        && out.last().is_some_and(|t: &Tok| t.kind == Kind::Label);
                    out.push(Tok {
                        after_label,
                        tail_undecided,
                        ..tok(Kind::Num, i, i + num.len())
                    });
                    i += keep;
                    continue;
                }
                // no number of a cell: it belongs to the label
                label_start.get_or_insert(i);
                i += run.len().max(ch.len_utf8());
                continue;
            }
        }
        label_start.get_or_insert(i);
        i += ch.len_utf8();
    }
    if let Some(ls) = label_start {
        push_label(out, s, ls, s.len(), tok);
    }
    if out.len() == first + 1 {
        out[first].whole = true;
    }
}

/// The rest of `text` after a date (`2025-01-24`, `2025年1月24日`) or a telephone
/// number (`0591-24312145`, or one that digits follow, `0591-243121450`) at its
/// start, if one is there.
fn date_or_phone(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    // four digits start every date of `lex::date`; a 0 every area code
    if b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) {
        if let Ok((after, _)) = lex::date(text) {
            return Some(after);
        }
    }
    if b.first() == Some(&b'0') {
        if let Ok((after, _)) = lex::phone(text) {
            return Some(after);
        }
    }
    None
}

/// How many bytes of a numeric `run` (followed by `after`) are table values; the
/// rest belongs to the text that follows:
/// - `00000002.其他`: the last digit is the ordinal of the next label;
/// - `20000022025年，我局`: the year of the prose glued to the last cell (four digits
///   before `年`), or the whole last number before a date or time unit (`12月`);
/// - `128条，涵盖`: a number with a unit that a clause goes on from is prose.
///
/// Also whether the last number went to the prose whole only because its cut
/// could not be told (`1012月`, see [`prose_digits`]).
fn cell_part(run: &str, after: &str) -> (usize, bool) {
    let last_start = run
        .char_indices()
        .rev()
        .find(|(i, c)| is_hspace(*c) || (*i > 0 && matches!(c, '-' | '－' | '+')))
        .map_or(0, |(i, c)| if is_hspace(c) { i + c.len_utf8() } else { i });
    let last = &run[last_start..];
    let mut next = after.chars();
    if matches!(next.next(), Some('.' | '．' | '、')) && !next.next().is_some_and(is_digit) {
        if let Some((i, _)) = run.char_indices().next_back().filter(|(_, c)| is_digit(*c)) {
            return (i, false);
        }
    }
    // a date glued to the end of the cell's digits: `02020-01-24`
    if let Some(p) = date_inside(run, after) {
        return (p, false);
    }
    if let Ok((_, suffix)) = lex::prose_suffix(after) {
        // the date or time the prose goes on with: `2025年`, `12月`, `31日`
        let range = match suffix.trim_start_matches(is_hspace).chars().next() {
            Some('年') => Some((4, 4, 1949..=2100)),
            Some('月') => Some((1, 2, 1..=12)),
            Some('日' | '号') => Some((1, 2, 1..=31)),
            Some('时' | '点') => Some((1, 2, 0..=24)),
            _ => None,
        };
        return match range.map(|(min, max, ok)| prose_digits(last, min, max, &ok)) {
            // a number before any other suffix (`届`, `号`) is prose whole
            None => (last_start, false),
            Some(Some(p)) => (last_start + p, false),
            Some(None) => (last_start, true),
        };
    }
    let has_unit = last.ends_with(['元', '件', '笔', '项', '个', '条']);
    if has_unit && after.starts_with(['，', '。', '；', '、', '：', ',', ';']) {
        return (last_start, false);
    }
    (run.len(), false)
}

/// Where the digits of a date or time part (`12` of `012月`, `2025` of `02025年`)
/// start in the last number of a run: `min..=max` digits whose value is in `ok`. In a
/// decimal they are the last of its decimals, and one decimal at least stays the
/// cell's (`0.02020年`: `0.0|2020年`). `None` when more than one cut reads (`1012月`:
/// `10|12月` or `101|2月`), or none: the whole number is prose, and the row it came
/// from stays incomplete.
fn prose_digits(
    last: &str,
    min: usize,
    max: usize,
    ok: &std::ops::RangeInclusive<u32>,
) -> Option<usize> {
    // the digits that may be cut: all of a whole number's; a decimal's after the
    // point but the first
    let (from, keep) = match last.find(['.', '．']) {
        Some(p) => (p + last[p..].chars().next().map_or(1, char::len_utf8), 1),
        None => (0, 0),
    };
    if !last[..from]
        .chars()
        .all(|c| is_digit(c) || matches!(c, '.' | '．'))
        || !last[from..].chars().all(is_digit)
    {
        return None;
    }
    let digits: Vec<(usize, u8)> = last[from..]
        .char_indices()
        .filter_map(|(i, c)| Some((from + i, crate::text::digit_value(c)?)))
        .collect();
    let n = digits.len();
    let cuts: Vec<usize> = (min..=max.min(n.saturating_sub(keep)))
        .filter(|k| {
            let value = digits[n - k..]
                .iter()
                .fold(0u32, |a, (_, d)| a * 10 + u32::from(*d));
            ok.contains(&value) && (*k == 1 || digits[n - k].1 != 0)
        })
        .collect();
    match cuts.as_slice() {
        [k] => Some(digits[n - k].0),
        _ => None,
    }
}

/// Where a date (`2020-01-24`, `2020.1.24`, `2020/01/24`, `2020年1月24日`) starts
/// inside a numeric run followed by `after`, right after a digit of the run. Only the
/// four digits before a separator are tried, so a long run costs one pass.
fn date_inside(run: &str, after: &str) -> Option<usize> {
    let b = run.as_bytes();
    let ends_with_sep = after.starts_with(['-', '/', '.', '年']);
    let seps = b
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, b'-' | b'/' | b'.'))
        .map(|(p, _)| p)
        .chain(ends_with_sep.then_some(b.len()));
    for p in seps {
        // four ASCII digits before the separator, and a digit before them
        if p < 5 || !b[p - 5..p].iter().all(u8::is_ascii_digit) {
            continue;
        }
        let i = p - 4;
        let mut end = (i + 12).min(run.len());
        while !run.is_char_boundary(end) {
            end -= 1;
        }
        let tail: String = if end == run.len() {
            after.chars().take(12).collect()
        } else {
            String::new()
        };
        let candidate = format!("{}{tail}", &run[i..end]);
        let date = lex::date(&candidate);
        if date.is_ok_and(|(_, (y, _, _))| (1949..=2100).contains(&y)) {
            return Some(i);
        }
    }
    None
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
    let t = crate::text::trim(seg);
    if !t.is_empty() {
        out.push(tok(Kind::Label, a + lead, a + lead + t.len()));
    }
}

/// The pieces of a number token: split at white space, before an inner sign
/// (`"2648-18538"` → `2648`, `-18538`) and after a unit (`"2笔984361元"` → `2笔`,
/// `984361元`). Each piece is a byte span of the document.
pub(crate) fn pieces<'a>(doc: &'a str, t: &Tok) -> Pieces<'a> {
    let text = t.text(doc);
    Pieces {
        text,
        base: t.start,
        at: 0,
        // most number tokens are ASCII digits only: one piece, without cutting
        whole: t.kind != Kind::Num
            || (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())),
    }
}

/// The pieces of a number token, in order (see [`pieces`]).
pub(crate) struct Pieces<'a> {
    text: &'a str,
    base: usize,
    at: usize,
    /// Not a number: the token is one piece.
    whole: bool,
}

impl Iterator for Pieces<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.whole {
            self.whole = false;
            self.at = self.text.len();
            return Some((self.base, self.base + self.text.len()));
        }
        let rest = &self.text[self.at..];
        let lead = hspace_len(rest);
        let start = self.at + lead;
        if start >= self.text.len() {
            self.at = self.text.len();
            return None;
        }
        // most pieces are ASCII digits followed by a space or the end (`3001 53 0`):
        // cut there without reading them a character at a time, as the loop below
        // would (no digit of a run is a cut; a space after one is)
        let digits = self.text.as_bytes()[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let end = match self.text.as_bytes().get(start + digits) {
            _ if digits == 0 => self.cut(start),
            None => self.text.len(),
            Some(b' ' | b'\t') => self.after_space(start + digits),
            Some(_) => self.cut(start),
        };
        self.at = end;
        Some((self.base + start, self.base + end))
    }
}

impl Pieces<'_> {
    /// Where the piece that starts at `start` ends, read a character at a time.
    fn cut(&self, start: usize) -> usize {
        let mut prev: Option<char> = None;
        for (i, c) in self.text[start..].char_indices() {
            let sign_after_digit = matches!(c, '-' | '－' | '+') && prev.is_some_and(is_digit);
            let after_unit = prev.is_some_and(|p| {
                !is_digit(p) && !is_hspace(p) && !matches!(p, '.' | '．' | '-' | '－' | '+')
            }) && (is_digit(c) || matches!(c, '-' | '－' | '+'));
            if i > 0 && (is_hspace(c) || sign_after_digit || after_unit) {
                return if is_hspace(c) && prev.is_some_and(is_digit) {
                    self.after_space(start + i)
                } else {
                    start + i
                };
            }
            prev = Some(c);
        }
        self.text.len()
    }

    /// Where a piece whose digits end at the white space at `end` ends: there, or
    /// after a unit set off by spaces, which stays with its number (`251000 元`).
    fn after_space(&self, end: usize) -> usize {
        let rest = &self.text[end..];
        let rest = &rest[hspace_len(rest)..];
        // every unit is a Chinese character: the next number (`3001 53`) is none
        if rest.as_bytes().first().is_none_or(u8::is_ascii) {
            return end;
        }
        match crate::lex::unit(rest) {
            Ok((after, _)) if !after.starts_with(|c: char| !is_hspace(c) && !is_digit(c)) => {
                self.text.len() - after.len()
            }
            _ => end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout;

    #[test]
    fn pieces_of_ascii_digits_cut_as_the_character_loop_cuts_them() {
        // the pieces every text gives, each found by the loop over characters alone
        let by_chars = |text: &str| {
            let p = Pieces {
                text,
                base: 0,
                at: 0,
                whole: false,
            };
            let mut out = Vec::new();
            let mut at = 0;
            loop {
                let start = at + hspace_len(&text[at..]);
                if start >= text.len() {
                    return out;
                }
                at = p.cut(start);
                out.push((start, at));
            }
        };
        for t in crate::text::all_texts("1 0.-元a\t", 5) {
            let fast: Vec<_> = Pieces {
                text: &t,
                base: 0,
                at: 0,
                whole: false,
            }
            .collect();
            assert_eq!(fast, by_chars(&t), "{t:?}");
        }
        // a unit set off by spaces stays with its number (the cut after a space
        // looks for one only before a character beyond ASCII)
        let t = "251000 元 3";
        let pieces: Vec<_> = Pieces {
            text: t,
            base: 0,
            at: 0,
            whole: false,
        }
        .collect();
        assert_eq!(
            pieces.iter().map(|&(a, b)| &t[a..b]).collect::<Vec<_>>(),
            ["251000 元", "3"]
        );
    }

    #[test]
    fn short_numbers_read_as_the_cell_grammar_reads_them() {
        let mut texts: Vec<String> = (0..1000).map(|n| n.to_string()).collect();
        texts.extend(["00", "000", "007", "09"].map(String::from));
        for t in texts {
            let c = Cell {
                start: 0,
                end: t.len(),
                row: 3,
            };
            let mut by_grammar = Vec::new();
            tokenize_cell(&t, &c, &mut by_grammar);
            assert_eq!(
                short_number(&t, &c).map(|t| vec![t]),
                Some(by_grammar),
                "{t}"
            );
        }
        // four digits may be a year, a date or a phone number: the grammar reads them
        assert!(short_number(
            "2025",
            &Cell {
                start: 0,
                end: 4,
                row: 0
            }
        )
        .is_none());
        assert!(short_number(
            "１２",
            &Cell {
                start: 0,
                end: 6,
                row: 0
            }
        )
        .is_none());
    }

    fn toks(s: &str) -> Vec<(Kind, &str)> {
        let cells = layout::cells(&crate::text::Positions::new(s), 0..s.len());
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
    fn prose_glued_to_cells_is_split_off() {
        assert_eq!(
            toks("行政事业性收费02025年，我局严格"),
            vec![
                (Kind::Label, "行政事业性收费"),
                (Kind::Num, "0"),
                (Kind::Label, "2025年，我局严格"),
            ]
        );
        assert_eq!(
            toks("四、结转下年度继续办理20000022025年，我局共收到申请21件。"),
            vec![
                (Kind::Label, "四、结转下年度继续办理"),
                (Kind::Num, "2000002"),
                (Kind::Label, "2025年，我局共收到申请21件。"),
            ]
        );
        assert_eq!(
            toks("涵盖政策及规范性文件类6条、重大建设项目信息类24条。"),
            vec![(
                Kind::Label,
                "涵盖政策及规范性文件类6条、重大建设项目信息类24条。"
            )]
        );
        assert_eq!(
            toks("依据第20条规定，截至2025-12-31共3个工作日"),
            vec![(Kind::Label, "依据第20条规定，截至2025-12-31共3个工作日")]
        );
        // a year glued to an amount's decimals
        assert_eq!(
            toks("政府集中采购10 0.02020年，我局"),
            vec![
                (Kind::Label, "政府集中采购"),
                (Kind::Num, "10 0.0"),
                (Kind::Label, "2020年，我局"),
            ]
        );
        // a phone number that a cell's digits follow is prose, all of it
        assert_eq!(
            toks("联系电话：0591-243121450 1 0"),
            vec![
                (Kind::Label, "联系电话：0591-243121450"),
                (Kind::Num, "1 0"),
            ]
        );
        assert_eq!(
            toks("政府集中采购 2笔 984361元"),
            vec![(Kind::Label, "政府集中采购"), (Kind::Num, "2笔 984361元")]
        );
    }

    #[test]
    fn a_tail_that_prose_took_undecided_is_marked() {
        let tail = |s: &str| {
            let cells = layout::cells(&crate::text::Positions::new(s), 0..s.len());
            tokenize(s, &cells)
                .iter()
                .filter(|t| t.kind == Kind::Num)
                .map(|t| (t.text(s).to_string(), t.tail_undecided))
                .collect::<Vec<_>>()
        };
        // `10|12月` or `101|2月`: the run's last number went to the prose whole
        assert_eq!(tail("规章12 1012月31日"), vec![("12".into(), true)]);
        // a cut that one reading decides, or a number that prose takes whole
        assert_eq!(tail("规章12 102025年"), vec![("12 10".into(), false)]);
        assert_eq!(tail("规章12 2025年"), vec![("12".into(), false)]);
        assert_eq!(tail("规章12 3届"), vec![("12".into(), false)]);
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
            after_label: false,
            tail_undecided: false,
        };
        let p: Vec<&str> = pieces(s, &t).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(p, vec!["2648", "-18538", "7"]);
        let s = "2笔984361元 64.21万元";
        let t = Tok { end: s.len(), ..t };
        let p: Vec<&str> = pieces(s, &t).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(p, vec!["2笔", "984361元", "64.21万元"]);
        let s = "2 笔 984361 元 7";
        let t = tokenize(
            s,
            &layout::cells(&crate::text::Positions::new(s), 0..s.len()),
        );
        let p: Vec<&str> = t
            .iter()
            .flat_map(|t| pieces(s, t))
            .map(|(a, b)| &s[a..b])
            .collect();
        assert_eq!(p, vec!["2 笔", "984361 元", "7"]);
    }
}
