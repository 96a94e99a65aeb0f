//! The template grammar: from the text of a report to the typed model.
//!
//! [`sections`] finds the six parts; inside parts 二, 三 and 四 the layout adapters
//! give cells, [`tokens`] turns them into labels and numbers, [`rows`] groups those
//! into table rows, and [`active`], [`applications`] and [`reviews`] read the rows
//! of each table by their labels (and by position where a converter lost a label).
//! [`meta`] reads title, agency, year and date; [`narrative`] the prose's numbers.

pub(crate) mod active;
pub(crate) mod applications;
pub(crate) mod fees;
pub(crate) mod glue;
pub(crate) mod meta;
pub(crate) mod narrative;
pub(crate) mod reviews;
pub(crate) mod rows;
pub(crate) mod sections;
pub(crate) mod tokens;

use crate::lex;
use crate::text::Positions;
use crate::{codes, Amount, Diagnostic};
use glue::ColKind;

/// A table cell: (table key, dotted row path, column key), as in the JSON paths.
pub(crate) type CellKey = (&'static str, &'static str, &'static str);

/// One table cell as read: its key, its byte span in the document and its value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CellRead {
    pub key: CellKey,
    pub span: (usize, usize),
    pub value: Val,
}

/// The cells read so far (a few hundred: a list is faster than a hash map here).
#[derive(Default)]
pub(crate) struct Cells(pub Vec<CellRead>);

impl Cells {
    /// Record a cell.
    pub(crate) fn insert(&mut self, key: CellKey, span: (usize, usize), value: Val) {
        self.0.push(CellRead { key, span, value });
    }
}

/// About the number of cells a whole report's tables hold (tables 二, 三 and 四).
const CELLS: usize = 256;

/// What the grammar carries while it reads one document.
pub(crate) struct Ctx<'a> {
    pub doc: &'a str,
    pub pos: Positions<'a>,
    /// The diagnostics so far, each with the byte offset it points at (its line and
    /// column are filled in once, by [`Ctx::finish`]).
    pub diags: Vec<(Diagnostic, Option<usize>)>,
    /// Byte offset of every table cell read, by (table, row path, column key):
    /// `("applications", "new_received", "total")`.
    pub cells: Cells,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(doc: &'a str) -> Self {
        Ctx {
            doc,
            pos: Positions::new(doc),
            diags: Vec::new(),
            // the cells of the three tables of a whole report, without regrowing
            cells: Cells(Vec::with_capacity(CELLS)),
        }
    }

    /// Record a diagnostic; its severity comes from [`codes::ALL`].
    pub(crate) fn diag(&mut self, code: &str, message: String, at: Option<usize>) {
        self.diags.push((codes::diagnostic(code, message), at));
    }

    /// The diagnostics, most severe first, and the positions of every recorded cell,
    /// with the lines and columns of all of them found in one pass over the text.
    pub(crate) fn finish(self) -> (Vec<Diagnostic>, crate::CellPositions) {
        let offsets: Vec<usize> = self
            .cells
            .0
            .iter()
            .map(|c| c.span.0)
            .chain(self.diags.iter().filter_map(|(_, at)| *at))
            .collect();
        let mut places = self.pos.line_cols(&offsets).into_iter();
        let mut cells = crate::CellPositions::with_capacity(self.cells.0.len());
        for cell in &self.cells.0 {
            let (line, column) = places.next().unwrap_or((0, 0));
            cells.push(
                cell.key,
                crate::Position {
                    line,
                    column,
                    page: None,
                },
            );
        }
        let mut diagnostics: Vec<Diagnostic> = self
            .diags
            .into_iter()
            .map(|(mut d, at)| {
                if at.is_some() {
                    let (line, column) = places.next().unwrap_or((0, 0));
                    d.line = Some(line);
                    d.column = Some(column);
                }
                d
            })
            .collect();
        diagnostics.sort_by_key(|d| d.severity);
        (diagnostics, cells)
    }

    /// Offset of a recorded cell.
    pub(crate) fn at(&self, key: CellKey) -> Option<usize> {
        self.cells
            .0
            .iter()
            .rev()
            .find(|c| c.key == key)
            .map(|c| c.span.0)
    }

    /// Read the cell `key` at `span` as a value of `kind` (see [`read_cell`]) and
    /// record it.
    pub(crate) fn read(
        &mut self,
        key: CellKey,
        span: (usize, usize),
        kind: ColKind,
        what: &dyn Fn() -> String,
    ) -> Val {
        let value = read_cell(self, span, kind, what);
        self.cells.insert(key, span, value);
        value
    }
}

/// The name of a cell for messages (`表三“（七）总计”行“自然人”列`).
pub(crate) fn cell_name(key: CellKey) -> String {
    let (table, row, column) = key;
    match table {
        "applications" => {
            let name = applications::SLOTS
                .iter()
                .find(|s| s.path == row)
                .map_or(row, |s| s.name);
            let col = crate::Counts::KEYS
                .iter()
                .position(|k| *k == column)
                .map_or(column, |i| crate::Counts::NAMES[i]);
            format!("表三“{name}”行“{col}”列")
        }
        "reviews" => {
            let group = reviews::GROUPS
                .iter()
                .find(|g| g.0 == row)
                .map_or(row, |g| g.1);
            let col = crate::ReviewCounts::KEYS
                .iter()
                .position(|k| *k == column)
                .map_or(column, |i| crate::ReviewCounts::NAMES[i]);
            format!("表四“{group}”“{col}”")
        }
        "active_disclosure" => active::cell_name(row, column),
        _ => {
            let col = fees::CELLS
                .iter()
                .find(|c| c.0 == column)
                .map_or(column, |c| c.1);
            format!("信息处理费收取情况表“{col}”")
        }
    }
}

/// A value read from one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Val {
    Null,
    Count(u64),
    Signed(i64),
    Money(Money),
}

/// An [`Amount`] read from a cell, held in 16 bytes instead of 32 (a [`Val`] in 16
/// instead of 48): a cell's amount has at most 15 significant digits and 18 decimals
/// (what [`Amount`]'s parser takes), so its digits fit an `i64`. The glued-digit
/// search copies rows of values; their size is most of what it moves.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Money {
    mantissa: i64,
    scale: u8,
}

impl Money {
    /// The amount a cell's text (ASCII digits and a point) gives, if it is one.
    fn read(text: &str) -> Option<Money> {
        let (mantissa, scale) = text.parse::<Amount>().ok()?.parts();
        Some(Money {
            mantissa: i64::try_from(mantissa).ok()?,
            scale: u8::try_from(scale).ok()?,
        })
    }

    /// A whole amount, if [`Amount`]'s parser takes it (at most 15 digits).
    fn whole(v: u64) -> Option<Money> {
        (v < 10u64.pow(15)).then_some(Money {
            mantissa: v as i64,
            scale: 0,
        })
    }

    /// The amount as the model holds it.
    pub(crate) fn amount(self) -> Amount {
        Amount::from_parts(i128::from(self.mantissa), u32::from(self.scale))
    }
}

/// Numeric equality, as [`Amount`]'s: `73802895.90` equals `73802895.9`.
impl PartialEq for Money {
    fn eq(&self, other: &Self) -> bool {
        (self.mantissa == other.mantissa && self.scale == other.scale)
            || self.amount() == other.amount()
    }
}

impl Eq for Money {}

impl Val {
    pub(crate) fn count(self) -> Option<u64> {
        match self {
            Val::Count(v) => Some(v),
            _ => None,
        }
    }
    pub(crate) fn signed(self) -> Option<i64> {
        match self {
            Val::Signed(v) => Some(v),
            Val::Count(v) => i64::try_from(v).ok(),
            _ => None,
        }
    }
    pub(crate) fn money(self) -> Option<Amount> {
        match self {
            Val::Money(v) => Some(v.amount()),
            Val::Count(v) => format!("{v}").parse().ok(),
            _ => None,
        }
    }
}

/// Read a cell's text as a value of `kind`, reporting what is wrong with it.
/// `what` names the cell in Chinese for messages.
pub(crate) fn read_cell(
    ctx: &mut Ctx,
    span: (usize, usize),
    kind: ColKind,
    what: &dyn Fn() -> String,
) -> Val {
    let raw = crate::text::trim(&ctx.doc[span.0..span.1]);
    // the common case: a plain count, nothing to report
    if kind == ColKind::Count {
        if let Some(v) = plain_count(raw) {
            return Val::Count(v);
        }
    }
    let what = what();
    let what = what.as_str();
    let Some(l) = lex::literal(raw) else {
        ctx.diag(
            codes::CELL_NOT_A_NUMBER,
            format!("{what}应为数字，实为“{raw}”"),
            Some(span.0),
        );
        return Val::Null;
    };
    if l.unit.is_some() {
        ctx.diag(
            codes::CELL_UNIT,
            format!("{what}带有单位：“{raw}”，按数字 {} 读取", l.ascii()),
            Some(span.0),
        );
    }
    let frac_nonzero = l.frac_nonzero();
    if l.leading_zero() {
        ctx.diag(
            codes::CELL_IMPLAUSIBLE,
            format!("{what}为“{raw}”，以0开头，不是表格所列的数（像是电话区号或编号），记为空"),
            Some(span.0),
        );
        return Val::Null;
    }
    match kind {
        ColKind::Count | ColKind::Signed => {
            if frac_nonzero {
                ctx.diag(
                    codes::CELL_DECIMAL,
                    format!("{what}应为整数，实为“{raw}”"),
                    Some(span.0),
                );
                return Val::Null;
            }
            if l.negative && kind == ColKind::Count {
                ctx.diag(
                    codes::CELL_NEGATIVE,
                    format!("{what}不应为负数，实为“{raw}”"),
                    Some(span.0),
                );
                return Val::Null;
            }
            let Some(v) = l.int_value() else {
                ctx.diag(
                    codes::CELL_OVERFLOW,
                    format!("{what}的数值“{raw}”过大，无法读取"),
                    Some(span.0),
                );
                return Val::Null;
            };
            if kind == ColKind::Count {
                return Val::Count(v);
            }
            match i64::try_from(v) {
                Ok(v) => Val::Signed(if l.negative { -v } else { v }),
                Err(_) => {
                    ctx.diag(
                        codes::CELL_OVERFLOW,
                        format!("{what}的数值“{raw}”过大，无法读取"),
                        Some(span.0),
                    );
                    Val::Null
                }
            }
        }
        ColKind::Amount => {
            let text = l.ascii();
            if l.negative {
                ctx.diag(
                    codes::CELL_NEGATIVE,
                    format!("{what}不应为负数，实为“{raw}”"),
                    Some(span.0),
                );
                return Val::Null;
            }
            match Money::read(&text) {
                Some(a) => Val::Money(a),
                None => {
                    ctx.diag(
                        codes::CELL_OVERFLOW,
                        format!("{what}的数值“{raw}”过大或位数过多，无法读取"),
                        Some(span.0),
                    );
                    Val::Null
                }
            }
        }
    }
}

/// The cells of a row as the layout gave them.
#[derive(Debug, Clone)]
pub(crate) enum RowCells {
    /// One span per cell (`None`: a blank cell).
    Fixed(RowSpans),
    /// Glued digits: every possible split, the spans of its cells and their values.
    Glued(Vec<Candidate>),
    /// The wrong number of cells; `usize` is how many were found.
    Bad(usize),
}

/// The cells of a row, each a byte span of the document or `None` (blank), held
/// inline: most rows of a table are read with no allocation.
pub(crate) type RowSpans = glue::Inline<Option<(u32, u32)>>;

impl RowSpans {
    /// Every cell, as byte ranges of the document (`None`: blank).
    pub(crate) fn spans(&self) -> impl Iterator<Item = Option<(usize, usize)>> + '_ {
        self.iter().map(|c| c.map(glue::widen))
    }
}

/// A count printed as plain ASCII digits without a leading zero (most cells of a
/// table), read without the grammar of a literal; `None` for anything else.
fn plain_count(raw: &str) -> Option<u64> {
    let b = raw.as_bytes();
    if b.is_empty() || b.len() > 19 || (b.len() > 1 && b[0] == b'0') {
        return None;
    }
    // nineteen digits at most: below 10^19 < 2^64, so no step can overflow, and the
    // sum needs no checked (in WebAssembly, 128-bit) multiplication
    b.iter().try_fold(0u64, |a, d| {
        d.is_ascii_digit().then_some(())?;
        Some(a * 10 + u64::from(d - b'0'))
    })
}

/// The value of a cell's text, or `Val::Null` when it is not a valid value of `kind`.
pub(crate) fn value_of(raw: &str, kind: ColKind) -> Val {
    // plain ASCII digits, most cells and every cut of glued digits: what the literal's
    // grammar below gives them, without it
    if let Some(v) = plain_count(raw) {
        return match kind {
            ColKind::Count => Val::Count(v),
            ColKind::Signed => i64::try_from(v).map_or(Val::Null, Val::Signed),
            ColKind::Amount => Money::whole(v).map_or(Val::Null, Val::Money),
        };
    }
    literal_value(raw, kind)
}

/// The value of a cell's text read by the grammar of a literal ([`lex::literal`]).
fn literal_value(raw: &str, kind: ColKind) -> Val {
    let Some(l) = lex::literal(raw.trim()) else {
        return Val::Null;
    };
    if l.leading_zero() {
        return Val::Null;
    }
    let frac_nonzero = l.frac_nonzero();
    match kind {
        ColKind::Count if !frac_nonzero && !l.negative => {
            l.int_value().map_or(Val::Null, Val::Count)
        }
        ColKind::Signed if !frac_nonzero => l
            .int_value()
            .and_then(|v| i64::try_from(v).ok())
            .map_or(Val::Null, |v| Val::Signed(if l.negative { -v } else { v })),
        ColKind::Amount if !l.negative => Money::read(&l.ascii()).map_or(Val::Null, Val::Money),
        _ => Val::Null,
    }
}

/// Cut a raw row into its `kinds.len()` cells. `identity` is the row's identity over
/// the values of its first cells (true while it cannot be told yet).
pub(crate) fn row_cells(
    doc: &str,
    row: &rows::RawRow,
    kinds: &[ColKind],
    identity: &dyn Fn(&[Val]) -> bool,
) -> RowCells {
    // the first MAX_CELLS cells, and how many there are (a row with more is Bad)
    let mut cells = RowSpans::new(None);
    let mut count = 0;
    let mut add = |cell: Option<(usize, usize)>| {
        count += 1;
        if count <= glue::MAX_CELLS {
            cells.push(cell.map(glue::narrow));
        }
    };
    for t in row.vals {
        match t.kind {
            tokens::Kind::Num => tokens::pieces(doc, t).for_each(|p| add(Some(p))),
            // words in a value cell: read (and reported) as not a number
            tokens::Kind::Label => add(Some((t.start, t.end))),
            tokens::Kind::Blank => add(None),
        }
    }
    let n = kinds.len();
    if count == n {
        return RowCells::Fixed(cells);
    }
    // words in the first value cells (`| （一）予以公开 | 一 | 1 | …`): the short whole
    // cells right before the first value, when exactly they make the row complete
    let missing = n.saturating_sub(count);
    if missing > 0 && missing < n && row.vals.iter().any(|t| t.kind == tokens::Kind::Num) {
        let tail = &row.same_toks()[row.same_toks().len().saturating_sub(missing)..];
        // short words (`一`, `无数据`), or a cell that prose with digits took over
        // (`212月31日`): read, and reported, as not a number
        let wordy = |t: &tokens::Tok| {
            let s = t.text(doc);
            t.whole
                && ((s.chars().count() <= 4 && !s.chars().any(crate::text::is_digit))
                    || has_prose_digits(s))
        };
        if tail.len() == missing && row.same_toks().len() > missing && tail.iter().all(wordy) {
            let mut all = RowSpans::new(None);
            tail.iter()
                .for_each(|t| all.push(Some(glue::narrow((t.start, t.end)))));
            cells.iter().for_each(|c| all.push(*c));
            return RowCells::Fixed(all);
        }
    }
    // digits glued by a flattening converter follow their row's words in one cell
    // (`规章000`); a number that starts a cell of its own is one cell; digits that
    // prose took some of, undecided, are not all the row's
    let glued = row.vals.len() == 1
        && row.vals[0].kind == tokens::Kind::Num
        && row.vals[0].after_label
        && !row.vals[0].tail_undecided
        && !row
            .same_toks()
            .last()
            .is_some_and(|t| has_prose_digits(t.text(doc)));
    if count < n && glued {
        // fewer pieces than cells: they fit a row held inline
        let mut pieces = glue::Inline::new((0, 0));
        cells.spans().flatten().for_each(|c| pieces.push(c));
        // the splits for which the row's identity holds; when none does (the report
        // may print a wrong total), every split of digits printed without any space
        let found = match glue::splits(doc, &pieces, kinds, identity) {
            Some(s) if s.is_empty() && pieces.len() == 1 => {
                glue::splits(doc, &pieces, kinds, &|_| true)
            }
            other => other,
        };
        return match found {
            Some(s) if !s.is_empty() => RowCells::Glued(s),
            _ => RowCells::Bad(count),
        };
    }
    RowCells::Bad(count)
}

/// Whether some words carry digits other than the ordinals of labels (`1.`, `2、`): a
/// telephone number, a date, a count in a sentence. Words between two rows that do
/// are prose, even when the next row's name ends them
/// (`联系电话：0591-2431214512二、上年结转…`), and may have taken the row's last digits.
pub(crate) fn carries_numbers(words: &str) -> bool {
    let mut in_digits = false;
    for c in words.chars() {
        let digit = crate::text::is_digit(c);
        if in_digits && !digit && !matches!(c, '.' | '．' | '、') {
            return true;
        }
        in_digits = digit;
    }
    in_digits
}

/// Whether the last clause of some words carries digits other than the ordinals of a
/// label (`1.`, `2、`): the digits of a date or a sentence (`予以公开1012月31日`).
pub(crate) fn has_prose_digits(words: &str) -> bool {
    // read from the end back to the start of the clause, each digit with the
    // character after it
    let mut next: Option<char> = None;
    for c in words.chars().rev() {
        if matches!(c, '。' | '；' | '，' | '：' | ',' | ';' | ':') {
            return false;
        }
        if crate::text::is_digit(c) && !matches!(next, Some('.' | '．' | '、')) {
            return true;
        }
        next = Some(c);
    }
    false
}

/// Where a table starts: its first header cell (a label that starts with one of
/// `words`, or a short one that contains one), or, inside a long label (a page
/// flattened onto one line), the first of `words` that `confirm` follows within
/// `near` characters (`第二十条…信息内容`); else `fallback`. Prose in front of the
/// table stays the part's text.
pub(crate) fn table_start(
    doc: &str,
    toks: &[tokens::Tok],
    words: &[&str],
    confirm: &str,
    fallback: usize,
    near: usize,
) -> usize {
    for t in toks.iter().take_while(|t| t.start <= fallback) {
        if t.kind != tokens::Kind::Label {
            continue;
        }
        let n = crate::text::norm(t.text(doc));
        if words.iter().any(|w| n.starts_with(w))
            || (n.chars().count() <= 16 && words.iter().any(|w| crate::text::contains(&n, w)))
        {
            return t.start;
        }
        let raw = t.text(doc);
        let found = words
            .iter()
            .filter_map(|w| {
                raw.match_indices(w).map(|(p, _)| p).find(|p| {
                    let after = &raw[*p..];
                    let end = after
                        .char_indices()
                        .nth(near)
                        .map_or(after.len(), |(i, _)| i);
                    after[..end].contains(confirm)
                })
            })
            .min();
        if let Some(p) = found {
            // keep an opening bracket with its caption: （本列数据…
            let before = &raw[..p];
            let p = before.strip_suffix(['（', '(']).map_or(p, str::len);
            return t.start + p;
        }
    }
    fallback
}

/// The first label at or after byte `at`, if any.
pub(crate) fn next_label(toks: &[tokens::Tok], at: usize) -> Option<&tokens::Tok> {
    let from = toks.partition_point(|t| t.start < at);
    toks[from..].iter().find(|t| t.kind == tokens::Kind::Label)
}

/// A glued row cut only where its table is around its digits. Words right after the
/// row that name no row of the table (`names_row`), or that carry numbers
/// ([`carries_numbers`]: a sentence, a telephone number), are prose that may have
/// taken the row's last digits, so the row is not split: unless it is the table's
/// last row (`last`), no values follow the words ([`goes_on_after_words`]) and
/// `identity` holds for some split (the row then ends where the table does). A row
/// not split is not read, with the number of its pieces for the message. The row's
/// cells `cut` are changed in place (a row's cells are held inline: moving them costs
/// a copy).
pub(crate) fn cut_where_table_is(
    doc: &str,
    toks: &[tokens::Tok],
    row: &rows::RawRow,
    cut: &mut RowCells,
    last: bool,
    names_row: &dyn Fn(&tokens::Tok) -> bool,
    identity: &dyn Fn(&[Val]) -> bool,
) {
    let RowCells::Glued(splits) = cut else {
        return;
    };
    let prose = next_label(toks, row.end_at())
        .is_some_and(|t| carries_numbers(t.text(doc)) || !names_row(t));
    if !prose {
        return;
    }
    if last && !goes_on_after_words(doc, toks, row.end_at()) {
        splits.retain(|(_, v)| identity(v));
        if !splits.is_empty() {
            return;
        }
    }
    *cut = RowCells::Bad(
        row.vals
            .first()
            .map_or(0, |t| tokens::pieces(doc, t).count()),
    );
}

/// Whether a row whose values end at byte `at` is broken off by a few words that
/// values follow (`127 0 0 1112020 年 0 0 238`, `100，共收到申请21件。00`): prose glued
/// into the middle of the row, not after it. Its glued digits before the words may
/// then be only some of its cells, so they are not split. A longer text before the
/// next number (a paragraph that cites `〔2020〕109 号`) is the text after the table.
pub(crate) fn goes_on_after_words(doc: &str, toks: &[tokens::Tok], at: usize) -> bool {
    let from = toks.partition_point(|t| t.start < at);
    match toks.get(from..from + 2) {
        Some([words, value]) => {
            words.kind == tokens::Kind::Label
                && value.kind == tokens::Kind::Num
                && words.text(doc).chars().nth(GLUED_WORDS).is_none()
        }
        _ => false,
    }
}

/// The most characters of prose that [`goes_on_after_words`] takes for glued into a
/// row: a date, a clause, a converter's page header or footer (the prose that the
/// property tests glue into rows has at most 30).
const GLUED_WORDS: usize = 48;

/// Where a row starts: its label on the same line, else its first value.
pub(crate) fn row_start(row: &rows::RawRow) -> usize {
    row.same_toks().first().map_or(row.first_at(), |t| t.start)
}

/// Byte spans of the cells of one row.
pub(crate) type Spans = glue::Inline<(u32, u32)>;

/// The values of the cells of one row.
pub(crate) type Vals = glue::Inline<Val>;

/// One way to split glued digits: the cells' spans and their values.
pub(crate) type Candidate = (Spans, Vals);

/// The values all remaining splits agree on; the columns where they differ are
/// `Val::Null` and listed in the second result.
pub(crate) fn settle(kept: &[Candidate], n: usize) -> (Vals, glue::Inline<usize>) {
    let mut vals = Vals::new(Val::Null);
    let mut undecided = glue::Inline::new(0);
    for c in 0..n {
        let v0 = kept[0].1[c];
        if kept.iter().all(|k| k.1[c] == v0) {
            vals.push(v0);
        } else {
            vals.push(Val::Null);
            undecided.push(c);
        }
    }
    (vals, undecided)
}

/// How a glued row was decided, for its message: `按表内勾稽关系唯一`.
pub(crate) struct Glued<'a> {
    /// The row as messages name it, in pieces: `["表二“", "规章", "”行"]`, `["表四"]`.
    pub table: &'a [&'a str],
    /// How the one remaining split was chosen: `按表内勾稽关系唯一`, `按正文所述数字`.
    pub how: &'a str,
    /// The JSON path of each cell.
    pub path: &'a dyn Fn(usize) -> CellKey,
    /// The name of each cell in messages: `自然人列`, `第1个数值`.
    pub name: &'a dyn Fn(usize) -> String,
}

/// Settle a glued row from the splits still `kept`: the values they all agree on (the
/// rest `Val::Null`), the cells recorded, and a diagnostic — `cell.glued_split` (info)
/// when one reading remains, else `cell.glued_ambiguous` (warning) quoting the glued
/// text and listing the splits.
pub(crate) fn settle_glued(
    ctx: &mut Ctx,
    row: &rows::RawRow,
    kept: &[Candidate],
    g: &Glued,
) -> Vals {
    let n = kept[0].1.len();
    let (values, open) = settle(kept, n);
    for (c, value) in values.iter().enumerate() {
        ctx.cells.insert((g.path)(c), kept[0].0.span(c), *value);
    }
    let doc = ctx.doc;
    let glued = row.raw(doc);
    if open.is_empty() {
        // written piece by piece: one of these for most rows of a flattened page
        let table: usize = g.table.iter().map(|p| p.len()).sum();
        let mut message = String::with_capacity(table + g.how.len() + 2 * glued.len() + 64);
        g.table.iter().for_each(|p| message.push_str(p));
        for piece in ["的数字粘连为“", glued, "”，", g.how, "拆分为 "] {
            message.push_str(piece);
        }
        describe_splits(&mut message, doc, &kept[..1]);
        ctx.diag(codes::CELL_GLUED_SPLIT, message, Some(row.first_at()));
    } else {
        let undecided: Vec<String> = open.iter().map(|c| (g.name)(*c)).collect();
        let mut splits = String::with_capacity(4 * (glued.len() + n) + 16);
        describe_splits(&mut splits, doc, kept);
        ctx.diag(
            codes::CELL_GLUED_AMBIGUOUS,
            format!(
                "{}的数字粘连为“{glued}”，可拆分为 {splits}，无法确定；{}记为空",
                g.table.concat(),
                undecided.join("、")
            ),
            Some(row.first_at()),
        );
    }
    values
}

/// Describe glued splits for a message, appended to `out`: `23|0|0 或 2|30|0`.
pub(crate) fn describe_splits(out: &mut String, doc: &str, splits: &[Candidate]) {
    for (i, (split, _)) in splits.iter().take(4).enumerate() {
        if i > 0 {
            out.push_str(" 或 ");
        }
        for (j, (a, b)) in split.spans().enumerate() {
            if j > 0 {
                out.push('|');
            }
            out.push_str(crate::text::trim(&doc[a..b]));
        }
    }
    if splits.len() > 4 {
        out.push_str(" 等");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_digits_are_read_as_the_literal_grammar_reads_them() {
        let mut texts: Vec<String> = ["0", "00", "01", "7", "10", "-1", "1.0", "１２"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        // every length up to 21 digits, around the limits of i64, u64 and an amount
        for len in 1..=21 {
            texts.push("9".repeat(len));
            texts.push(format!("1{}", "0".repeat(len - 1)));
        }
        texts.extend(
            [
                i64::MAX as u64,
                i64::MAX as u64 + 1,
                u64::MAX,
                10u64.pow(15) - 1,
            ]
            .map(|v| v.to_string()),
        );
        for t in &texts {
            for kind in [ColKind::Count, ColKind::Signed, ColKind::Amount] {
                assert_eq!(value_of(t, kind), literal_value(t, kind), "{t} {kind:?}");
            }
        }
    }

    #[test]
    fn numbers_in_words_are_not_ordinals() {
        assert!(carries_numbers("联系电话：0591-2431214512二、上年结转"));
        assert!(carries_numbers("2020 年"));
        assert!(carries_numbers("截至12月31日"));
        assert!(!carries_numbers("（三）不予公开1.属于国家秘密"));
        assert!(!carries_numbers("2、其他法律行政法规禁止公开"));
        assert!(!carries_numbers("二、上年结转政府信息公开申请数量"));
    }

    #[test]
    fn a_row_goes_on_after_a_few_words_that_values_follow() {
        let goes_on = |s: &str, at: usize| {
            let cells = crate::layout::cells(&crate::text::Positions::new(s), 0..s.len());
            goes_on_after_words(s, &tokens::tokenize(s, &cells), at)
        };
        let row = "结转下年度继续办理127 0 0 111";
        let at = row.len();
        assert!(goes_on(&format!("{row}2020 年 0 0 238"), at));
        // the words run to the end, or a paragraph long
        assert!(!goes_on(&format!("{row}2020 年"), at));
        let paragraph = "根据《条例》及相关规定，我局依申请提供政府信息，不向申请人收取任何费用。\
                         但如果申请人申请公开政府信息的数量、频次明显超过合理范围，我局将依据（国办函";
        assert!(!goes_on(&format!("{row}{paragraph}〔2020〕109 号"), at));
    }

    #[test]
    fn a_glued_row_is_cut_only_where_its_table_is_around_it() {
        // the number of splits kept for the row `甲行112`, or `None` when it is not split
        let cut = |after: &str, last: bool, identity: &dyn Fn(&[Val]) -> bool| {
            let s = format!("甲行112{after}");
            let cells = crate::layout::cells(&crate::text::Positions::new(&s), 0..s.len());
            let toks = tokens::tokenize(&s, &cells);
            let mut labels = rows::Labels::default();
            let rows = rows::assemble(&s, &toks, &mut labels, &|_| Some(3));
            let kinds = [ColKind::Count; 3];
            let names_row = |t: &tokens::Tok| t.text(&s).ends_with("乙行");
            let mut c = row_cells(&s, &rows[0], &kinds, &|_| true);
            cut_where_table_is(&s, &toks, &rows[0], &mut c, last, &names_row, identity);
            match c {
                RowCells::Glued(splits) => Some(splits.len()),
                _ => None,
            }
        };
        let any = |_: &[Val]| true;
        // the next row's name: the table is around the digits
        assert_eq!(cut("乙行3", false, &any), Some(1));
        // words that name no row of the table: not split
        assert_eq!(cut("我局收到申请丙行3", false, &any), None);
        // words that name a row but carry numbers are prose
        assert_eq!(cut("联系电话：0591-24312145乙行3", false, &any), None);
        // the last row, prose after it: split where its identity decides
        assert_eq!(cut("我局收到申请", true, &any), Some(1));
        assert_eq!(cut("我局收到申请", true, &|_| false), None);
        // the last row, values after the prose: not split
        assert_eq!(cut("2020 年 0 0 238", true, &any), None);
    }
}
