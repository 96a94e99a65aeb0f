//! Part 二: 主动公开政府信息情况, in the 2021 or the 2019 template.
//!
//! The template is told from the column headers (本年制发件数 … against 本年新制作数量 …),
//! never from the year. Rows are found by their names; numbers under captions and
//! loose numbers that belong to no named row are not part of the table.

use super::glue::ColKind;
use super::rows::{assemble, Labels, RawRow};
use super::tokens::{tokenize, Tok};
use super::{row_cells, Ctx, RowCells, Val};
use crate::text::contains;

use crate::{
    codes, layout, ActiveDisclosure, ActiveDisclosure2019, ActiveDisclosure2021, Decisions,
    DocumentCounts, FeeItems, Fees, ItemChanges, Procurement, Publications, Template,
};

/// A row of part 二: JSON key, printed name, the words that identify it.
struct Row {
    key: &'static str,
    name: &'static str,
    keys: &'static [&'static str],
}

impl Row {
    /// The word prose uses for the row (`规范性文件`, `许可`).
    fn prose_word(&self) -> &'static str {
        match self.key {
            "licensing" => "许可",
            "penalty" => "处罚",
            "coercion" => "强制",
            "fees" => "收费",
            "procurement" => "采购",
            _ => self.keys[0],
        }
    }
}

const ROWS: [Row; 8] = [
    Row {
        key: "regulations",
        name: "规章",
        keys: &["规章"],
    },
    Row {
        key: "normative_documents",
        name: "规范性文件",
        keys: &["规范性文件"],
    },
    Row {
        key: "licensing",
        name: "行政许可",
        keys: &["行政许可"],
    },
    Row {
        key: "other_services",
        name: "其他对外管理服务事项",
        keys: &["其他对外管理服务", "对外管理服务事项"],
    },
    Row {
        key: "penalty",
        name: "行政处罚",
        keys: &["行政处罚"],
    },
    Row {
        key: "coercion",
        name: "行政强制",
        keys: &["行政强制"],
    },
    Row {
        key: "fees",
        name: "行政事业性收费",
        keys: &["事业性收费"],
    },
    Row {
        key: "procurement",
        name: "政府集中采购",
        keys: &["政府集中采购", "集中采购"],
    },
];

use ColKind::{Amount as A, Count as C, Signed as S};

/// Columns of each row per template (`None`: the row is not in that template).
fn columns(
    template: Template,
    row: usize,
) -> Option<(&'static [ColKind], &'static [&'static str])> {
    match (template, row) {
        (Template::T2021, 0 | 1) => Some((&[C, C, C], &["issued", "repealed", "in_force"])),
        (Template::T2021, 2 | 4 | 5) => Some((&[C], &["decisions"])),
        (Template::T2021, 6) => Some((&[A], &["amount"])),
        (Template::T2019, 0 | 1) => Some((&[C, C, C], &["made", "published", "total_published"])),
        (Template::T2019, 2..=5) => Some((&[C, S, C], &["previous_items", "change", "decisions"])),
        (Template::T2019, 6) => Some((&[C, S], &["previous_items", "change"])),
        (Template::T2019, 7) => Some((&[C, A], &["items", "amount"])),
        _ => None,
    }
}

/// The row a (normalised) label names: the key that ends last, which must end the
/// label (a trailing parenthetical or colon aside: `规章(件)`), so that a sentence
/// such as `涵盖政策及规范性文件类` names no row.
fn identify(label: &str) -> Option<usize> {
    let (start, end, row) = identify_anywhere(label)?;
    let rest = label[end..].trim_end_matches([':', ' ']);
    let closed = rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')'));
    // and nothing but a short word (`行政`) or the table's headers before it, so that
    // `全年办理行政许可` is a sentence, not the row
    let before = &label[..start];
    let fits = before
        .char_indices()
        .rev()
        .take(2)
        .map(|(i, _)| i)
        .chain([before.len()])
        .any(|cut| {
            let (head, word) = before.split_at(cut);
            !word.contains(['.', ',', ';', ':', '!', '?'])
                && (head.is_empty() || HEADER_ENDS.iter().any(|h| head.ends_with(h)))
        });
    (closed && fits).then_some(row)
}

/// How the table's headers and captions end, before its first row's name.
const HEADER_ENDS: [&str; 9] = [
    "件数",
    "数量",
    "信息内容",
    "金额",
    "万元)",
    "减",
    "项",
    ")",
    "]",
];

/// The key that ends last in a label: (its start, its end, its row).
fn identify_anywhere(label: &str) -> Option<(usize, usize, usize)> {
    use std::sync::OnceLock;
    static KEYS: OnceLock<(crate::text::KeySet, Vec<usize>)> = OnceLock::new();
    let (keys, rows) = KEYS.get_or_init(|| {
        let mut keys = Vec::new();
        let mut rows = Vec::new();
        for (i, r) in ROWS.iter().enumerate() {
            for k in r.keys {
                keys.push(*k);
                rows.push(i);
            }
        }
        (crate::text::KeySet::new(keys), rows)
    });
    keys.last(label)
        .map(|(end, k)| (end - keys.key(k).len(), end, rows[k]))
}

/// The name of a cell of part 二 for messages: `表二“规章”行“本年制发件数”`.
pub(crate) fn cell_name(row: &str, column: &str) -> String {
    let name = ROWS.iter().find(|r| r.key == row).map_or(row, |r| r.name);
    let col = match column {
        "issued" => "本年制发件数",
        "repealed" => "本年废止件数",
        "in_force" => "现行有效件数",
        "decisions" => "处理决定数量",
        "amount" => "金额",
        "made" => "本年新制作数量",
        "published" => "本年新公开数量",
        "total_published" => "对外公开总数量",
        "previous_items" => "上一年项目数量",
        "change" => "本年增/减",
        "items" => "采购项目数量",
        other => other,
    };
    format!("表二“{name}”行“{col}”")
}

/// The words prose uses for each column of a row (`现行有效`), to tell which cell a
/// stated number is about.
fn column_words(template: Template, row: usize) -> &'static [&'static [&'static str]] {
    match (template, row) {
        (Template::T2021, 0 | 1) => &[&["制发"], &["废止"], &["现行有效"]],
        (Template::T2021, 2 | 4 | 5) => &[&["处理决定", "决定"]],
        (Template::T2021, _) => &[&["收费金额"]],
        (Template::T2019, 0 | 1) => &[&["新制作"], &["新公开"], &["公开总数"]],
        (Template::T2019, 2..=5) => &[
            &["上一年项目", "上年项目"],
            &["增减", "增/减"],
            &["处理决定", "决定"],
        ],
        (Template::T2019, 6) => &[&["上一年项目", "上年项目"], &["增减", "增/减"]],
        (Template::T2019, _) => &[&["采购项目"], &["采购总金额", "采购金额"]],
    }
}

const MARKS_2021: [&str; 5] = [
    "本年制发",
    "本年废止",
    "现行有效",
    "本年处理决定数量",
    "本年收费金额",
];
const MARKS_2019: [&str; 7] = [
    "本年新制作",
    "本年新公开",
    "对外公开总数",
    "上一年项目数",
    "本年增",
    "采购项目数",
    "采购总金额",
];

/// Tell the template from the headers of a region of text.
pub(crate) fn detect(region: &str) -> Option<(Template, bool)> {
    let has = |m: &&&str| crate::text::contains_norm(region, m);
    let n21 = MARKS_2021.iter().filter(has).count();
    let n19 = MARKS_2019.iter().filter(has).count();
    match (n21, n19) {
        (0, 0) => None,
        (a, b) if a >= b => Some((Template::T2021, b > 0)),
        (a, _) => Some((Template::T2019, a > 0)),
    }
}

/// Numbers the prose states for a cell, given the row's word and the column's words
/// (`规范性文件`, `现行有效` → `现行有效行政规范性文件698件` → 698); used only to choose
/// between splits of glued digits.
pub(crate) type Hints<'a> = &'a dyn Fn(&str, &[&str]) -> Vec<u64>;

/// The result of reading part 二.
pub(crate) struct Parsed {
    pub table: ActiveDisclosure,
    pub template: Template,
    pub span: (usize, usize),
}

/// Read part 二 from the region `range`.
pub(crate) fn parse(ctx: &mut Ctx, range: std::ops::Range<usize>, hints: Hints) -> Option<Parsed> {
    let doc = ctx.doc;
    let (template, mixed_headers) = detect(&doc[range.clone()])?;
    let toks = tokenize(doc, &layout::cells(&ctx.pos, range));
    let n_for = |label: &str| {
        let row = identify(label)?;
        columns(template, row).map(|(k, _)| k.len())
    };
    let mut labels = Labels::default();
    let rows = assemble(doc, &toks, &mut labels, &n_for);
    // prose in front of the table (`规范性文件类6条`) is not a row
    let header = super::table_start(doc, &toks, &["第二十条", "信息内容"], "信息内容", 0, 30);
    // the row of each name: the first, unless a later one has the cells the first
    // lacks (a sentence that names a row is not the row)
    let mut chosen: Vec<Option<(&RawRow, RowCells)>> = vec![None; ROWS.len()];
    let named: Vec<(&RawRow, usize)> = rows
        .iter()
        .filter(|r| r.first_at() > header)
        .filter_map(|r| Some((r, identify(r.label)?)))
        .collect();
    for (n, &(row, i)) in named.iter().enumerate() {
        let Some((kinds, _)) = columns(template, i) else {
            continue;
        };
        let mut cut = row_cells(doc, row, kinds, &|_| true);
        // digits are cut only where the table is around them: not where a sentence
        // (words that are not only a row's name or a caption) breaks the row off
        let table = |t: &Tok| {
            let words = crate::text::norm(t.text(doc));
            identify(&words).is_some()
                || contains(&words, "第二十条")
                || contains(&words, "信息内容")
        };
        let last = n + 1 == named.len();
        super::cut_where_table_is(doc, &toks, row, &mut cut, last, &table, &|_| true);
        let bad = |c: &RowCells| matches!(c, RowCells::Bad(_));
        if chosen[i].as_ref().is_none_or(|(_, c)| bad(c) && !bad(&cut)) {
            chosen[i] = Some((row, cut));
        }
    }
    let mut vals: Vec<Option<Vec<Val>>> = vec![None; ROWS.len()];
    let mut span: Option<(usize, usize)> = None;
    let mut mixed_rows = false;
    for (i, (row, cut)) in chosen
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, c?)))
    {
        let label = row.label;
        let Some((kinds, keys)) = columns(template, i) else {
            continue;
        };
        if template == Template::T2021 && i == 1 && !contains(label, "行政规范性文件") {
            mixed_rows = true;
        }
        let at = super::row_start(row);
        span = Some(span.map_or((at, row.end_at()), |(a, b)| {
            (a.min(at), b.max(row.end_at()))
        }));
        let path = |c: usize| ("active_disclosure", ROWS[i].key, keys[c]);
        let mut out = vec![Val::Null; kinds.len()];
        match cut {
            RowCells::Fixed(cells) => {
                for (c, cell) in cells.spans().enumerate() {
                    if let Some(sp) = cell {
                        let what = || format!("表二“{}”行第{}个数值", ROWS[i].name, c + 1);
                        out[c] = ctx.read(path(c), sp, kinds[c], &what);
                    } else if let Some(t) = row.vals.get(c) {
                        ctx.cells.insert(path(c), (t.start, t.end), Val::Null);
                    }
                }
            }
            RowCells::Glued(mut all) => {
                // a number of the prose decides a cell only where its clause names
                // the cell's row and column (asked only when the splits differ)
                let differ = all.iter().any(|(_, v)| *v != all[0].1);
                let hinted: Vec<Vec<u64>> = match differ {
                    true => column_words(template, i)
                        .iter()
                        .map(|words| hints(ROWS[i].prose_word(), words))
                        .collect(),
                    false => Vec::new(),
                };
                let score = |v: &[Val]| {
                    v.iter()
                        .zip(&hinted)
                        .filter(|(x, h)| x.count().is_some_and(|n| h.contains(&n)))
                        .count()
                };
                let best = all.iter().map(|(_, v)| score(v)).max().unwrap_or(0);
                all.retain(|(_, v)| best == 0 || score(v) == best);
                let g = super::Glued {
                    table: &["表二“", ROWS[i].name, "”行"],
                    how: if best > 0 {
                        "按正文所述数字"
                    } else {
                        "唯一"
                    },
                    path: &path,
                    name: &|c| format!("第{}个数值", c + 1),
                };
                out.clear();
                out.extend_from_slice(&super::settle_glued(ctx, row, &all, &g));
            }
            RowCells::Bad(n) => {
                ctx.diag(
                    codes::ACTIVE_DISCLOSURE_ROW_INCOMPLETE,
                    format!(
                        "表二“{}”行应有{}个数值，读到{}个（原文“{}”），无法对应到列，记为空",
                        ROWS[i].name,
                        kinds.len(),
                        n,
                        row.raw(doc)
                    ),
                    Some(at),
                );
            }
        }
        vals[i] = Some(out);
    }
    let span = span?;
    let span = (
        super::table_start(
            doc,
            &toks,
            &["第二十条", "信息内容"],
            "信息内容",
            span.0,
            30,
        ),
        span.1,
    );
    if mixed_headers || mixed_rows {
        ctx.diag(
            codes::STRUCTURE_TEMPLATE_MIXED,
            format!(
                "表二混用了2019年版和2021年版模板的{}，按{}年版读取",
                if mixed_headers {
                    "表头"
                } else {
                    "行名（“规范性文件”）"
                },
                template.as_str()
            ),
            Some(span.0),
        );
    }
    for (i, v) in vals.iter().enumerate() {
        if v.is_none() && columns(template, i).is_some() {
            ctx.diag(
                codes::ACTIVE_DISCLOSURE_ROW_MISSING,
                format!("表二缺少“{}”行", ROWS[i].name),
                None,
            );
        }
    }
    let v = |i: usize, c: usize| {
        vals[i]
            .as_ref()
            .and_then(|r| r.get(c).copied())
            .unwrap_or(Val::Null)
    };
    let table = match template {
        Template::T2021 => ActiveDisclosure::T2021(ActiveDisclosure2021 {
            regulations: DocumentCounts {
                issued: v(0, 0).count(),
                repealed: v(0, 1).count(),
                in_force: v(0, 2).count(),
            },
            normative_documents: DocumentCounts {
                issued: v(1, 0).count(),
                repealed: v(1, 1).count(),
                in_force: v(1, 2).count(),
            },
            licensing: Decisions {
                decisions: v(2, 0).count(),
            },
            penalty: Decisions {
                decisions: v(4, 0).count(),
            },
            coercion: Decisions {
                decisions: v(5, 0).count(),
            },
            fees: Fees {
                amount: v(6, 0).money(),
            },
        }),
        Template::T2019 => {
            let items = |i: usize| ItemChanges {
                previous_items: v(i, 0).count(),
                change: v(i, 1).signed(),
                decisions: v(i, 2).count(),
            };
            ActiveDisclosure::T2019(ActiveDisclosure2019 {
                regulations: Publications {
                    made: v(0, 0).count(),
                    published: v(0, 1).count(),
                    total_published: v(0, 2).count(),
                },
                normative_documents: Publications {
                    made: v(1, 0).count(),
                    published: v(1, 1).count(),
                    total_published: v(1, 2).count(),
                },
                licensing: items(2),
                other_services: items(3),
                penalty: items(4),
                coercion: items(5),
                fees: FeeItems {
                    previous_items: v(6, 0).count(),
                    change: v(6, 1).signed(),
                },
                procurement: Procurement {
                    items: v(7, 0).count(),
                    amount: v(7, 1).money(),
                },
            })
        }
    };
    Some(Parsed {
        table,
        template,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_from_headers() {
        assert_eq!(
            detect("信息内容本年制发件数本年废止件数现行有效件数"),
            Some((Template::T2021, false))
        );
        assert_eq!(
            detect("本年新制作数量本年新公开数量对外公开总数量"),
            Some((Template::T2019, false))
        );
        assert_eq!(
            detect("本年制发件数本年废止件数本年新公开数量"),
            Some((Template::T2021, true))
        );
        assert_eq!(detect("主动公开"), None);
    }

    #[test]
    fn row_names() {
        assert_eq!(identify("行政规范性文件"), Some(1));
        assert_eq!(
            identify("第二十条第(九)项信息内容采购项目数量采购总金额政府集中采购"),
            Some(7)
        );
        assert_eq!(identify("信息内容本年处理决定数量"), None);
    }
}
