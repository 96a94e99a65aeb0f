//! Part 三: 收到和处理政府信息公开申请情况, 25 rows × 7 applicant columns.
//!
//! Rows are recognised by the words of their labels (the last recognisable words in
//! front of the values win, so a group name or a stray fragment before a row does
//! not mislead); a row whose label a converter lost is placed by its position between
//! recognised rows. A label is never matched to a row it does not name.

use super::glue::ColKind;
use super::rows::{assemble, Labels, RawRow, LABEL_CHARS};
use super::tokens::{tokenize, Tok};
use super::{row_cells, Candidate, Ctx, RowCells, Val};
use crate::text::{contains_norm, KeySet};
use crate::{codes, layout, Applications, Counts};

/// One row of the template.
pub(crate) struct Slot {
    /// Dotted path under `applications`.
    pub path: &'static str,
    /// The row's name as printed (for messages).
    pub name: &'static str,
    /// Words that identify the row (normalised: half-width, no spaces, `、` → `.`).
    keys: &'static [&'static str],
}

const fn slot(path: &'static str, name: &'static str, keys: &'static [&'static str]) -> Slot {
    Slot { path, name, keys }
}

/// The 25 rows in template order.
pub(crate) const SLOTS: [Slot; 25] = [
    slot(
        "new_received",
        "一、本年新收政府信息公开申请数量",
        &["本年新收", "新收政府信息公开申请"],
    ),
    slot(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        &["上年结转"],
    ),
    slot("granted", "（一）予以公开", &["予以公开"]),
    slot("partially_granted", "（二）部分公开", &["部分公开"]),
    slot(
        "withheld.state_secret",
        "（三）1.属于国家秘密",
        &["国家秘密"],
    ),
    slot(
        "withheld.prohibited_by_law",
        "（三）2.其他法律行政法规禁止公开",
        &["禁止公开", "行政止公开", "法规禁止"],
    ),
    slot(
        "withheld.security_stability",
        "（三）3.危及“三安全一稳定”",
        &["三安全一稳定", "三安全"],
    ),
    slot(
        "withheld.third_party_rights",
        "（三）4.保护第三方合法权益",
        &["第三方合法权益", "保护第三方"],
    ),
    slot(
        "withheld.internal_affairs",
        "（三）5.属于三类内部事务信息",
        &["内部事务"],
    ),
    slot(
        "withheld.process_information",
        "（三）6.属于四类过程性信息",
        &["过程性信息", "四类过程"],
    ),
    slot(
        "withheld.enforcement_files",
        "（三）7.属于行政执法案卷",
        &["执法案卷", "执法案件"],
    ),
    slot(
        "withheld.administrative_query",
        "（三）8.属于行政查询事项",
        &["行政查询", "查询事项"],
    ),
    slot(
        "unavailable.not_held",
        "（四）1.本机关不掌握相关政府信息",
        &["不掌握"],
    ),
    slot(
        "unavailable.needs_creation",
        "（四）2.没有现成信息需要另行制作",
        &["另行制作", "没有现成信息"],
    ),
    slot(
        "unavailable.still_unclear",
        "（四）3.补正后申请内容仍不明确",
        &["仍不明确", "补正后申请"],
    ),
    slot(
        "not_processed.complaint_petition",
        "（五）1.信访举报投诉类申请",
        &["信访举报", "举报投诉"],
    ),
    slot("not_processed.duplicate", "（五）2.重复申请", &["重复申请"]),
    slot(
        "not_processed.publication",
        "（五）3.要求提供公开出版物",
        &["公开出版物", "出版物"],
    ),
    slot(
        "not_processed.excessive",
        "（五）4.无正当理由大量反复申请",
        &["大量反复"],
    ),
    slot(
        "not_processed.confirmation",
        "（五）5.要求行政机关确认或重新出具已获取信息",
        &["确认或重新", "重新出具", "已获取信息"],
    ),
    slot(
        "other_handling.overdue_correction",
        "（六）1.申请人无正当理由逾期不补正",
        &["逾期不补正", "无正当理由逾期"],
    ),
    slot(
        "other_handling.overdue_fee",
        "（六）2.申请人逾期未按收费通知要求缴纳费用",
        &["缴纳费用", "收费通知"],
    ),
    slot("other_handling.other", "（六）3.其他", &["3.其他"]),
    slot(
        "processed_total",
        "（七）总计",
        &["(七)总计", "七)总计", "(七)合计"],
    ),
    slot(
        "carried_forward",
        "四、结转下年度继续办理",
        &["结转下年", "下年度继续办理"],
    ),
];

const OTHER: usize = 22;
const OVERDUE_CORRECTION: usize = 20;
const OVERDUE_FEE: usize = 21;
const TOTAL: usize = 23;
const FORWARD: usize = 24;

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ident {
    /// A row of [`SLOTS`].
    Slot(usize),
    /// Only the group name （六）其他处理, without a sub-item.
    OtherGroup,
    /// Nothing recognisable.
    None,
}

/// Identify a (normalised) label: the recognisable words that end last win. Only the
/// end of a long label matters (what precedes a row is headers and earlier rows).
pub(crate) fn identify(label: &str) -> Ident {
    use std::sync::OnceLock;
    // every key with what it names, the group name （六）其他处理 last
    static KEYS: OnceLock<(KeySet, Vec<Ident>)> = OnceLock::new();
    let (keys, idents) = KEYS.get_or_init(|| {
        let mut keys = Vec::new();
        let mut idents = Vec::new();
        for (i, s) in SLOTS.iter().enumerate() {
            for k in s.keys {
                keys.push(*k);
                idents.push(Ident::Slot(i));
            }
        }
        keys.push("其他处理");
        idents.push(Ident::OtherGroup);
        (KeySet::new(keys), idents)
    });
    keys.last_within(label, IDENT_CHARS)
        .map_or(Ident::None, |(_, k)| idents[k])
}

/// How many characters at the end of a (normalised) label [`identify`] reads.
const IDENT_CHARS: usize = 121;

/// Identify words as printed: [`identify`] of their normalised end (only that end is
/// normalised: a cell can hold a whole flattened page).
fn identify_words(words: &str) -> Ident {
    identify(&crate::text::norm_end(words, IDENT_CHARS))
}

/// What the words of a label token name: what the row they alone label was found to
/// be (`label_ids`, by the token's start), when the token is short enough to be that
/// row's whole label; else [`identify_words`] of them.
fn names(label_ids: &[(usize, Ident)], t: &Tok, doc: &str) -> Ident {
    let words = t.text(doc);
    label_ids
        .iter()
        .find(|(at, _)| *at == t.start)
        .filter(|_| words.len() <= LABEL_CHARS)
        .map_or_else(|| identify_words(words), |(_, id)| *id)
}

/// Where the first words that name a row of the table are in `doc`, if any.
pub(crate) fn first_row_at(doc: &str) -> Option<usize> {
    SLOTS
        .iter()
        .flat_map(|s| s.keys.iter())
        .filter(|k| !k.starts_with(['(', '3']))
        .filter_map(|k| crate::text::find(doc, k))
        .min()
        .map(|p| doc[..p].rfind('\n').map_or(0, |n| n + 1))
}

/// Words that start the table's header.
const HEADER: [&str; 5] = ["(本列数据", "本列数据", "申请人情况", "自然人", "勾稽关系"];

/// The result of reading part 三.
pub(crate) struct Parsed {
    pub table: Applications,
    /// Whether （六）其他处理 was printed as one row.
    pub single_other: bool,
    /// Byte span of the table (first label to last value).
    pub span: (usize, usize),
}

/// Read part 三 from the region `range` of the document.
pub(crate) fn parse(ctx: &mut Ctx, range: std::ops::Range<usize>) -> Option<Parsed> {
    let doc = ctx.doc;
    let region = &doc[range.clone()];
    let has_header = contains_norm(region, "自然人") || contains_norm(region, "勾稽关系");
    let toks = tokenize(doc, &layout::cells(&ctx.pos, range));
    // a sentence in front of the table (`共收到政府信息公开申请0条`) is not a row, nor is
    // a number without a label of the template that lacks the table's seven cells
    let header = super::table_start(doc, &toks, &HEADER, "自然人", 0, 30);
    let kinds = [ColKind::Count; 7];
    // every row with its name and its cells (cut once: glued digits are costly)
    let mut raw: Vec<RawRow> = Vec::with_capacity(SLOTS.len());
    let mut idents: Vec<Ident> = Vec::with_capacity(SLOTS.len());
    let mut cuts: Vec<RowCells> = Vec::with_capacity(SLOTS.len());
    // what the words of rows labelled by one token name, by the token's start
    let mut label_ids: Vec<(usize, Ident)> = Vec::with_capacity(SLOTS.len());
    let mut labels = Labels::default();
    for r in assemble(doc, &toks, &mut labels, &|_| Some(7)) {
        if r.first_at() <= header {
            continue;
        }
        let mut id = identify(r.label);
        if let ([words], true) = (r.same_toks(), r.label_toks_len() == 1) {
            label_ids.push((words.start, id));
        }
        // words in the cell of the first value must name the row themselves:
        // `联系电话：0591…` in a value cell is not the row's first value (a label that
        // is those words alone, normalised whole, names what they name)
        let own = id != Ident::None
            && r.vals.first().is_some_and(|v| v.after_label)
            && r.same_toks().last().is_some_and(|t| {
                let words = t.text(doc);
                let alone = r.label_toks_len() == 1 && words.len() <= LABEL_CHARS;
                !alone && identify_words(words) != id
            });
        if own {
            id = Ident::None;
        }
        let cut = row_cells(doc, &r, &kinds, &sum_ok);
        if id == Ident::None && (r.in_prose(doc, &[]) || !has_structure(&r, &cut)) {
            continue;
        }
        raw.push(r);
        idents.push(id);
        cuts.push(cut);
    }
    if raw.is_empty() {
        return None;
    }
    let idents = pair_floating_labels(doc, &raw, idents);
    // without the table's header (a transcription that dropped it, a page that
    // starts inside the table), the rows must name at least three rows of the table
    let mut named: Vec<usize> = idents
        .iter()
        .filter_map(|i| match i {
            Ident::Slot(s) => Some(*s),
            _ => None,
        })
        .collect();
    named.sort_unstable();
    named.dedup();
    if named.is_empty() || (!has_header && named.len() < 3) {
        return None;
    }

    let (placed, single_other) = place(ctx, &raw, &idents, &cuts);
    let blank = printed_blank(ctx, &raw, &placed);

    // read every row's cells; glued rows keep every split that is possible
    let mut fixed: Vec<Option<[Val; 7]>> = vec![None; SLOTS.len()];
    let mut glued: Vec<(usize, Vec<Candidate>)> = Vec::new();
    let mut incomplete: Vec<usize> = Vec::new();
    let last_row = placed.iter().flatten().max().copied();
    for (s, k) in placed.iter().enumerate() {
        let Some(k) = *k else { continue };
        let row = &raw[k];
        // each row is placed once: its cut is read in place, its splits taken; its
        // digits are cut only where the table is around them (the last row's identity
        // decides them)
        let cut = &mut cuts[k];
        let names_row = |t: &Tok| names(&label_ids, t, doc) != Ident::None;
        let last = Some(k) == last_row;
        super::cut_where_table_is(doc, &toks, row, cut, last, &names_row, &sum_ok);
        match cut {
            RowCells::Fixed(cells) => {
                let mut vals = [Val::Null; 7];
                for (c, span) in cells.spans().enumerate() {
                    let path = ("applications", SLOTS[s].path, Counts::KEYS[c]);
                    match span {
                        Some(sp) => {
                            let what =
                                || format!("表三“{}”行{}列", SLOTS[s].name, Counts::NAMES[c]);
                            vals[c] = ctx.read(path, sp, ColKind::Count, &what);
                        }
                        None => {
                            if let Some(t) = row.vals.get(c) {
                                ctx.cells.insert(path, (t.start, t.end), Val::Null);
                            }
                        }
                    }
                }
                fixed[s] = Some(vals);
            }
            RowCells::Glued(splits) => glued.push((s, std::mem::take(splits))),
            RowCells::Bad(n) => {
                let n = *n;
                incomplete.push(s);
                ctx.diag(
                    codes::APPLICATIONS_ROW_INCOMPLETE,
                    format!(
                        "表三“{}”行应有7个单元格，读到{}个（原文“{}”），该行数值无法对应到列，记为空",
                        SLOTS[s].name,
                        n,
                        row.raw(doc)
                    ),
                    row.label_at.or(Some(row.first_at())),
                );
            }
        }
    }
    resolve_glued(ctx, &raw, &placed, &mut fixed, glued, single_other);

    // build the model
    let counts = |s: usize| -> Option<Counts> {
        if incomplete.contains(&s) || blank.contains(&s) {
            return Some(Counts::default());
        }
        fixed[s].map(|v| Counts::from_columns(v.map(Val::count)))
    };
    let mut t = Applications {
        new_received: counts(0),
        carried_over: counts(1),
        granted: counts(2),
        partially_granted: counts(3),
        processed_total: counts(TOTAL),
        carried_forward: counts(FORWARD),
        ..Default::default()
    };
    t.withheld.state_secret = counts(4);
    t.withheld.prohibited_by_law = counts(5);
    t.withheld.security_stability = counts(6);
    t.withheld.third_party_rights = counts(7);
    t.withheld.internal_affairs = counts(8);
    t.withheld.process_information = counts(9);
    t.withheld.enforcement_files = counts(10);
    t.withheld.administrative_query = counts(11);
    t.unavailable.not_held = counts(12);
    t.unavailable.needs_creation = counts(13);
    t.unavailable.still_unclear = counts(14);
    t.not_processed.complaint_petition = counts(15);
    t.not_processed.duplicate = counts(16);
    t.not_processed.publication = counts(17);
    t.not_processed.excessive = counts(18);
    t.not_processed.confirmation = counts(19);
    t.other_handling.overdue_correction = counts(OVERDUE_CORRECTION);
    t.other_handling.overdue_fee = counts(OVERDUE_FEE);
    t.other_handling.other = counts(OTHER);

    let first_row = raw
        .iter()
        .map(super::row_start)
        .min()
        .unwrap_or(raw[0].first_at());
    let first = super::table_start(doc, &toks, &HEADER, "自然人", first_row, 30);
    let last = raw.iter().map(RawRow::end_at).max().unwrap_or(first);
    for (s, p) in placed.iter().enumerate() {
        let optional = single_other && (s == OVERDUE_CORRECTION || s == OVERDUE_FEE);
        if p.is_none() && !optional && !blank.contains(&s) {
            ctx.diag(
                codes::APPLICATIONS_ROW_MISSING,
                format!("表三缺少“{}”行", SLOTS[s].name),
                None,
            );
        }
    }
    Some(Parsed {
        table: t,
        single_other,
        span: (first, last),
    })
}

/// Rows whose labels float as lines of text before them (PDF-to-markdown: `一、…` /
/// `二、…` then two rows of values without labels): the k-th label names the k-th
/// row. Only when the rows that follow have no label of their own and there are at
/// least as many of them as labels; otherwise the rows keep what they had.
fn pair_floating_labels(doc: &str, raw: &[RawRow], mut idents: Vec<Ident>) -> Vec<Ident> {
    let mut k = 0;
    while k < raw.len() {
        // only a row without words on its own line takes names from the lines above
        if !raw[k].same_toks().is_empty() {
            k += 1;
            continue;
        }
        let lines = raw[k].label_lines(doc);
        let mut named: Vec<Ident> = lines
            .iter()
            .map(|l| identify(l))
            .filter(|i| *i != Ident::None)
            .collect();
        // a group's name followed by its items names no row of its own
        if let [Ident::OtherGroup, Ident::Slot(_), ..] = named.as_slice() {
            named.remove(0);
        }
        let bare = |r: &RawRow| r.same_toks().is_empty() && r.before_toks().is_empty();
        let followers = raw[k + 1..].iter().take_while(|r| bare(r)).count();
        if named.len() >= 2 && followers + 1 >= named.len() {
            for (i, id) in named.iter().enumerate() {
                idents[k + i] = *id;
            }
            k += named.len();
        } else {
            k += 1;
        }
    }
    idents
}

/// Whether a row has the table's structure: seven cells, or glued digits that split
/// into seven cells for which the row's identity holds.
fn has_structure(row: &RawRow, cut: &RowCells) -> bool {
    match cut {
        RowCells::Fixed(_) => !row.all_blank(),
        RowCells::Glued(splits) => splits.iter().any(|(_, v)| sum_ok(v)),
        RowCells::Bad(_) => false,
    }
}

/// Which row of the document goes into each slot of the template. A label names its
/// slot (the first row that names a slot takes it). A row whose label a converter
/// lost goes, by position, into the free slot right after the row before it, if that
/// slot comes before the next named row; otherwise it is not read (and said so), so
/// that no value lands in a row it does not belong to. Returns the rows per slot and
/// whether （六）其他处理 is one row.
fn place(
    ctx: &mut Ctx,
    raw: &[RawRow],
    idents: &[Ident],
    cuts: &[RowCells],
) -> (Vec<Option<usize>>, bool) {
    let mut placed: Vec<Option<usize>> = vec![None; SLOTS.len()];
    let mut single_other = false;
    // (六）其他处理 without a sub-item, followed by （七） or nothing: the 2019 row
    let mut target: Vec<Option<usize>> = idents
        .iter()
        .enumerate()
        .map(|(k, id)| match *id {
            Ident::Slot(s) => Some(s),
            Ident::OtherGroup => {
                let next = idents[k + 1..].iter().find(|i| **i != Ident::None);
                let alone = matches!(
                    next,
                    None | Some(Ident::Slot(TOTAL)) | Some(Ident::Slot(FORWARD))
                );
                single_other |= alone;
                alone.then_some(OTHER)
            }
            Ident::None => None,
        })
        .collect();
    // a row named twice: the one with the table's seven cells is read (a sentence
    // that names a row is not), else the first
    let complete = |k: usize| has_structure(&raw[k], &cuts[k]);
    let mut duplicate = vec![false; raw.len()];
    for k in 0..raw.len() {
        let Some(s) = target[k] else { continue };
        let Some(first) = placed[s] else {
            placed[s] = Some(k);
            continue;
        };
        let dropped = if !complete(first) && complete(k) {
            placed[s] = Some(k);
            first
        } else {
            k
        };
        ctx.diag(
            codes::APPLICATIONS_ROW_INCOMPLETE,
            format!(
                "表三“{}”行出现了不止一次，其中一行（原文“{}”）未读取",
                SLOTS[s].name,
                raw[dropped].raw(ctx.doc)
            ),
            raw[dropped].label_at.or(Some(raw[dropped].first_at())),
        );
        duplicate[dropped] = true;
        target[dropped] = None;
    }
    let mut before: Option<usize> = None;
    for k in 0..raw.len() {
        if let Some(s) = target[k] {
            before = Some(s);
            continue;
        }
        if duplicate[k] {
            continue;
        }
        let s = before.map_or(0, |b| b + 1);
        let next_named = target[k + 1..].iter().flatten().next().copied();
        if s < SLOTS.len() && placed[s].is_none() && next_named.is_none_or(|n| s < n) {
            placed[s] = Some(k);
            before = Some(s);
        } else {
            ctx.diag(
                codes::APPLICATIONS_ROW_INCOMPLETE,
                format!(
                    "表三有一行没有行名（原文“{}”），无法确定属于哪一行，未读取",
                    raw[k].raw(ctx.doc)
                ),
                Some(raw[k].first_at()),
            );
        }
    }
    (placed, single_other)
}

/// Rows printed with their name and no value (a flattened page: `…申请3.其他（七）总计1000001`,
/// where 3.其他 has no digits): the names of rows that no row took, found in the
/// label of the next row that was read. Their cells are blank (`null`), said once.
fn printed_blank(ctx: &mut Ctx, raw: &[RawRow], placed: &[Option<usize>]) -> Vec<usize> {
    let mut blank = Vec::new();
    let mut previous: Option<usize> = None;
    for (s, k) in placed.iter().enumerate() {
        let Some(k) = *k else { continue };
        let label = raw[k].label;
        let from = previous.map_or(0, |p| p + 1);
        for t in from..s {
            if placed[t].is_none()
                && SLOTS[t]
                    .keys
                    .iter()
                    .any(|key| crate::text::contains(label, key))
            {
                blank.push(t);
            }
        }
        previous = Some(s);
    }
    if !blank.is_empty() {
        let names: Vec<&str> = blank.iter().map(|s| SLOTS[*s].name).collect();
        ctx.diag(
            codes::APPLICATIONS_ROW_INCOMPLETE,
            format!(
                "表三“{}”行只印了行名、没有数值，各单元格记为空",
                names.join("”“")
            ),
            blank
                .first()
                .and_then(|s| placed[s + 1..].iter().flatten().next())
                .map(|k| raw[*k].first_at()),
        );
    }
    blank
}

type Grid = Vec<Option<[Val; 7]>>;

fn row7(v: &[Val]) -> [Val; 7] {
    let mut a = [Val::Null; 7];
    for (d, s) in a.iter_mut().zip(v) {
        *d = *s;
    }
    a
}

/// 总计 = the six applicant columns (true until all seven cells are known).
fn sum_ok(vals: &[Val]) -> bool {
    if vals.len() < 7 {
        return true;
    }
    let six: Option<u64> = vals[..6]
        .iter()
        .try_fold(0u64, |a, v| a.checked_add(v.count()?));
    match (six, vals[6].count()) {
        (Some(s), Some(t)) => s == t,
        _ => true,
    }
}

/// Column identities over a complete grid; `None` operands make an identity pass.
fn columns_ok(grid: &Grid, single_other: bool, balance: bool, outcomes: bool) -> bool {
    let get = |s: usize, c: usize| grid[s].and_then(|v| v[c].count());
    for c in 0..7 {
        if balance {
            if let (Some(a), Some(b), Some(t), Some(f)) =
                (get(0, c), get(1, c), get(TOTAL, c), get(FORWARD, c))
            {
                if a + b != t + f {
                    return false;
                }
            }
        }
        if outcomes {
            let mut sum = Some(0u64);
            for s in 2..TOTAL {
                if single_other && (s == OVERDUE_CORRECTION || s == OVERDUE_FEE) {
                    continue;
                }
                sum = match (sum, get(s, c)) {
                    (Some(a), Some(v)) => a.checked_add(v),
                    _ => None,
                };
            }
            if let (Some(sum), Some(t)) = (sum, get(TOTAL, c)) {
                if sum != t {
                    return false;
                }
            }
        }
    }
    true
}

fn resolve_glued(
    ctx: &mut Ctx,
    raw: &[RawRow],
    placed: &[Option<usize>],
    fixed: &mut Grid,
    glued: Vec<(usize, Vec<Candidate>)>,
    single_other: bool,
) {
    if glued.is_empty() {
        return;
    }
    // candidates per glued row, filtered by the row identity when any satisfies it
    let mut cands = glued;
    for (_, all) in &mut cands {
        if all.iter().any(|(_, v)| sum_ok(v)) {
            all.retain(|(_, v)| sum_ok(v));
        }
    }
    // search the combinations against the column identities, relaxing them in turn
    let product: usize = cands
        .iter()
        .map(|(_, c)| c.len())
        .try_fold(1usize, |a, n| a.checked_mul(n))
        .unwrap_or(usize::MAX);
    // which readings took part in a combination that held: the flags of each row's
    // readings one after the other, the row's from `first[g]` (left empty, keeping
    // every reading, when no row has two, or the combinations are too many)
    let mut keep: Vec<bool> = Vec::new();
    // rows with one reading are settled; only the others are combined
    let open: Vec<usize> = (0..cands.len()).filter(|g| cands[*g].1.len() > 1).collect();
    if !open.is_empty() && product <= 200_000 {
        let first: Vec<usize> = cands
            .iter()
            .scan(0, |at, (_, c)| {
                *at += c.len();
                Some(*at - c.len())
            })
            .collect();
        keep = vec![false; cands.iter().map(|(_, c)| c.len()).sum()];
        let mut base = fixed.clone();
        for (s, c) in cands.iter().filter(|(_, c)| c.len() == 1) {
            base[*s] = Some(row7(&c[0].1));
        }
        for (balance, outcomes) in [(true, true), (true, false), (false, true)] {
            let mut found = false;
            let mut idx = vec![0usize; cands.len()];
            let mut grid = base.clone();
            loop {
                for g in &open {
                    let (s, c) = &cands[*g];
                    grid[*s] = Some(row7(&c[idx[*g]].1));
                }
                if columns_ok(&grid, single_other, balance, outcomes) {
                    found = true;
                    for (g, i) in idx.iter().enumerate() {
                        keep[first[g] + i] = true;
                    }
                }
                // next combination of the open rows
                let mut k = 0;
                while k < open.len() {
                    let g = open[k];
                    idx[g] += 1;
                    if idx[g] < cands[g].1.len() {
                        break;
                    }
                    idx[g] = 0;
                    k += 1;
                }
                if k == open.len() {
                    break;
                }
            }
            if found {
                break;
            }
        }
    }
    let mut at = 0;
    for (s, mut kept) in cands {
        let flags = keep.get(at..at + kept.len()).unwrap_or_default();
        at += kept.len();
        if flags.contains(&true) {
            let mut k = flags.iter();
            kept.retain(|_| k.next() == Some(&true));
        }
        let row = &raw[placed[s].unwrap_or(0)];
        let g = super::Glued {
            table: &["表三“", SLOTS[s].name, "”行"],
            how: "按表内勾稽关系唯一",
            path: &|c| ("applications", SLOTS[s].path, Counts::KEYS[c]),
            name: &|c| format!("{}列", Counts::NAMES[c]),
        };
        let vals = row7(&super::settle_glued(ctx, row, &kept, &g));
        fixed[s] = Some(vals);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::norm;

    fn id(s: &str) -> Ident {
        identify(&norm(s))
    }

    #[test]
    fn identifies_rows_by_their_last_words() {
        assert_eq!(id("（三）不予公开1.属于国家秘密"), Ident::Slot(4));
        assert_eq!(id("2.其他法律行政止公开"), Ident::Slot(5));
        assert_eq!(id("3.危及三安全一稳定"), Ident::Slot(6));
        assert_eq!(
            id("具已获取信息1、申请人无正当理由逾期不补正、行政机关不再处理其政府信"),
            Ident::Slot(20)
        );
        assert_eq!(id("（六）其他处理"), Ident::OtherGroup);
        assert_eq!(
            id("（六）其他处理 1.申请人无正当理由逾期不补正"),
            Ident::Slot(20)
        );
        assert_eq!(id("3、其他"), Ident::Slot(22));
        assert_eq!(id("（七）总计"), Ident::Slot(23));
        assert_eq!(id("自然人 法人或其他组织 总计"), Ident::None);
        assert_eq!(id("行政机关不再处理其政府信息公"), Ident::None);
    }
}
