//! The 信息处理费收取情况 table that reports for 2025 on may add: one row of three
//! cells under the headers 通知收取件数 · 通知收取金额（元） · 实际收取金额（元）,
//! in a part of its own (`五、信息处理费收取情况`) or inside 其他需要报告的事项.

use super::glue::ColKind;
use super::rows::{assemble, Labels};
use super::tokens::tokenize;
use super::{row_cells, Ctx, RowCells, Val};
use crate::{codes, layout, ProcessingFees};

/// JSON keys and Chinese names of the three cells, in table order.
pub(crate) const CELLS: [(&str, &str); 3] = [
    ("notified_count", "通知收取件数"),
    ("notified_amount", "通知收取金额（元）"),
    ("collected_amount", "实际收取金额（元）"),
];

/// Words that start the table's header.
pub(crate) const HEADER: [&str; 3] = ["通知收取件数", "通知收取金额", "信息处理费收取情况"];

const KINDS: [ColKind; 3] = [ColKind::Count, ColKind::Amount, ColKind::Amount];

/// The result of reading the table.
pub(crate) struct Parsed {
    pub table: ProcessingFees,
    /// Byte span of the table (first header word to last value).
    pub span: (usize, usize),
}

/// Read the table from the region `range`, if it has one.
pub(crate) fn parse(ctx: &mut Ctx, range: std::ops::Range<usize>) -> Option<Parsed> {
    let doc = ctx.doc;
    if !crate::text::contains_norm(&doc[range.clone()], "通知收取") {
        return None;
    }
    let toks = tokenize(doc, &layout::cells(&ctx.pos, range));
    let header = super::table_start(doc, &toks, &HEADER, "通知收取", usize::MAX, 30);
    if header == usize::MAX {
        return None;
    }
    let mut labels = Labels::default();
    let rows = assemble(doc, &toks, &mut labels, &|_| Some(3));
    let row = rows
        .into_iter()
        .find(|r| r.first_at() > header && !r.all_blank())?;
    let path = |c: usize| ("processing_fees", "", CELLS[c].0);
    let what = |c: usize| format!("信息处理费收取情况表“{}”", CELLS[c].1);
    let mut vals = [Val::Null; 3];
    let mut cut = row_cells(doc, &row, &KINDS, &|_| true);
    // glued digits that prose breaks off, with values after it, are not split (the
    // table's one row: no words name another)
    super::cut_where_table_is(doc, &toks, &row, &mut cut, true, &|_| false, &|_| true);
    match cut {
        RowCells::Fixed(cells) => {
            for (c, cell) in cells.spans().enumerate() {
                if let Some(sp) = cell {
                    vals[c] = ctx.read(path(c), sp, KINDS[c], &|| what(c));
                }
            }
        }
        RowCells::Glued(all) => {
            let g = super::Glued {
                table: &["信息处理费收取情况表"],
                how: "唯一",
                path: &path,
                name: &what,
            };
            vals.copy_from_slice(&super::settle_glued(ctx, &row, &all, &g));
        }
        RowCells::Bad(n) => {
            ctx.diag(
                codes::PROCESSING_FEES_INCOMPLETE,
                format!(
                    "信息处理费收取情况表应有3个数值，读到{n}个（原文“{}”），无法对应到列，记为空",
                    row.raw(doc)
                ),
                Some(row.first_at()),
            );
        }
    }
    Some(Parsed {
        table: ProcessingFees {
            notified_count: vals[0].count(),
            notified_amount: vals[1].money(),
            collected_amount: vals[2].money(),
        },
        span: (header, row.end_at()),
    })
}
