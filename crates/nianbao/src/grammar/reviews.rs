//! Part 四: 政府信息公开行政复议、行政诉讼情况, one row of 15 numbers under a
//! two-level header (行政复议 · 行政诉讼{未经复议直接起诉, 复议后起诉} × 结果维持 …
//! 总计). Header words broken over lines or one character a line are only labels
//! here; the values are the first row of numbers below them.

use super::glue::ColKind;
use super::rows::{assemble, Labels, RawRow};
use super::tokens::tokenize;
use super::{row_cells, Ctx, RowCells, Val};
use crate::{codes, layout, ReviewCounts, Reviews};

/// The three groups: JSON key and Chinese name.
pub(crate) const GROUPS: [(&str, &str); 3] = [
    ("administrative_review", "行政复议"),
    ("litigation_direct", "行政诉讼·未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼·复议后起诉"),
];

/// Words that start the table's header.
const HEADER: [&str; 4] = ["行政复议", "行政诉讼", "结果维持", "维持"];

/// Each group's 总计 = its four outcomes (for the groups whose five cells are known).
fn groups_ok(v: &[Val]) -> bool {
    v.chunks_exact(5).all(|g| {
        let parts: Option<u64> = g[..4]
            .iter()
            .try_fold(0u64, |a, x| a.checked_add(x.count()?));
        match (parts, g[4].count()) {
            (Some(p), Some(t)) => p == t,
            _ => true,
        }
    })
}

/// A table whose value row is 15 empty cells (a blank form): every cell `null`.
fn blank_table(ctx: &mut Ctx, toks: &[super::tokens::Tok]) -> Option<(Reviews, (usize, usize))> {
    use super::tokens::Kind;
    let first_label = toks.iter().position(|t| t.kind == Kind::Label)?;
    let mut i = first_label;
    while i < toks.len() {
        let row = toks[i].row;
        let end = toks[i..]
            .iter()
            .position(|t| t.row != row)
            .map_or(toks.len(), |n| i + n);
        let cells = &toks[i..end];
        if cells.len() == 15 && cells.iter().all(|t| t.kind == Kind::Blank) {
            for (k, t) in cells.iter().enumerate() {
                ctx.cells.insert(
                    ("reviews", GROUPS[k / 5].0, ReviewCounts::KEYS[k % 5]),
                    (t.start, t.end),
                    Val::Null,
                );
            }
            let start = super::table_start(
                ctx.doc,
                toks,
                &["行政复议", "行政诉讼", "结果维持", "维持"],
                "结果维持",
                cells[0].start,
                30,
            );
            return Some((Reviews::default(), (start, cells[14].end)));
        }
        i = end;
    }
    None
}

/// Read part 四 from the region `range`; returns the table and its byte span.
pub(crate) fn parse(
    ctx: &mut Ctx,
    range: std::ops::Range<usize>,
) -> Option<(Reviews, (usize, usize))> {
    let doc = ctx.doc;
    let region = &doc[range.clone()];
    if !["维持", "纠正", "尚未审结", "复议后起诉", "直接起诉"]
        .iter()
        .any(|w| crate::text::contains_norm(region, w))
    {
        return None;
    }
    let toks = tokenize(doc, &layout::cells(&ctx.pos, range));
    let kinds = [ColKind::Count; 15];
    // the values are the first row after the header with the table's fifteen cells
    // (a sentence in front of the table is not a row), else the first row of numbers
    let header = super::table_start(doc, &toks, &HEADER, "结果维持", 0, 12);
    let mut labels = Labels::default();
    let mut rows: Vec<RawRow> = assemble(doc, &toks, &mut labels, &|_| Some(15))
        .into_iter()
        .filter(|r| r.first_at() > header && !r.all_blank())
        .filter(|r| {
            !r.in_prose(
                doc,
                &["总计", "合计", "审结", "起诉", "维持", "纠正", "结果"],
            )
        })
        .collect();
    // the row is cut once (glued digits are costly)
    let complete = rows.iter().enumerate().find_map(|(i, r)| {
        let cut = row_cells(doc, r, &kinds, &groups_ok);
        (!matches!(cut, RowCells::Bad(_))).then_some((i, cut))
    });
    let Some((row, mut cut)) = complete
        .or_else(|| {
            let first = rows.first()?;
            Some((0, row_cells(doc, first, &kinds, &groups_ok)))
        })
        .map(|(i, cut)| (rows.swap_remove(i), cut))
    else {
        return blank_table(ctx, &toks);
    };
    let label_start =
        super::table_start(doc, &toks, &HEADER, "结果维持", super::row_start(&row), 12);
    let span = (label_start, row.end_at());
    let mut vals = [Val::Null; 15];
    let path = |i: usize| ("reviews", GROUPS[i / 5].0, ReviewCounts::KEYS[i % 5]);
    let what = |i: usize| format!("表四“{}”{}", GROUPS[i / 5].1, ReviewCounts::NAMES[i % 5]);
    // glued digits that prose breaks off, with values after it, are not split (the
    // table's one row: no words name another)
    super::cut_where_table_is(doc, &toks, &row, &mut cut, true, &|_| false, &|_| true);
    match cut {
        RowCells::Fixed(cells) => {
            for (i, c) in cells.spans().enumerate() {
                match c {
                    Some(sp) => {
                        vals[i] = ctx.read(path(i), sp, ColKind::Count, &|| what(i));
                    }
                    None => {
                        if let Some(t) = row.vals.get(i) {
                            ctx.cells.insert(path(i), (t.start, t.end), Val::Null);
                        }
                    }
                }
            }
        }
        // the splits for which the groups' totals hold (`row_cells` kept only those,
        // or every split when none does)
        RowCells::Glued(kept) => {
            let g = super::Glued {
                table: &["表四"],
                how: "按表内勾稽关系唯一",
                path: &path,
                name: &what,
            };
            vals.copy_from_slice(&super::settle_glued(ctx, &row, &kept, &g));
        }
        RowCells::Bad(n) => {
            ctx.diag(
                codes::REVIEWS_INCOMPLETE,
                format!(
                    "表四应有15个数值，读到{n}个（原文“{}”），无法对应到列，记为空",
                    row.raw(doc)
                ),
                Some(row.first_at()),
            );
        }
    }
    let g = |k: usize| {
        let mut a = [None; 5];
        for (j, slot) in a.iter_mut().enumerate() {
            *slot = vals[k * 5 + j].count();
        }
        ReviewCounts::from_columns(a)
    };
    Some((
        Reviews {
            administrative_review: g(0),
            litigation_direct: g(1),
            litigation_after_review: g(2),
        },
        span,
    ))
}
