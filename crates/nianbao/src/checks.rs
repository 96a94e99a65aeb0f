//! The identities a report must satisfy (report-format.md), checked cell by cell.
//!
//! An identity with a blank operand cannot be checked: it is reported once per kind
//! as "not assessable" (info), never as an error.

use crate::flat::application_rows;
use crate::grammar::applications::SLOTS;
use crate::grammar::narrative;
use crate::grammar::reviews::GROUPS;
use crate::grammar::{CellRead, Ctx, Val};
use crate::text::Searchers;
use crate::{codes, Applications, Counts, ProcessingFees, ReviewCounts, Reviews};

fn sum(vals: impl IntoIterator<Item = Option<u64>>) -> Option<u64> {
    vals.into_iter().try_fold(0u64, |a, v| a.checked_add(v?))
}

/// Part 三: balance, outcomes and row totals.
pub(crate) fn applications(ctx: &mut Ctx, a: &Applications, single_other: bool) {
    let rows = application_rows(a);
    let col = |r: Option<&Counts>, c: usize| r.and_then(|r| r.columns()[c]);
    let mut not_assessable: Vec<String> = Vec::new();
    let mut na_cols = [Vec::new(), Vec::new()];

    for c in 0..7 {
        let name = Counts::NAMES[c];
        let total_path = ("applications", "processed_total", Counts::KEYS[c]);
        // 一 + 二 = （七）+ 四
        let (n, o, t, f) = (
            col(a.new_received.as_ref(), c),
            col(a.carried_over.as_ref(), c),
            col(a.processed_total.as_ref(), c),
            col(a.carried_forward.as_ref(), c),
        );
        match (n, o, t, f) {
            (Some(n), Some(o), Some(t), Some(f)) => {
                if n.checked_add(o) != t.checked_add(f) {
                    let at = ctx.at(total_path);
                    ctx.diag(
                        codes::APPLICATIONS_BALANCE,
                        format!("第一项加第二项之和应等于第三项加第四项之和（{name}列：{n} + {o} ≠ {t} + {f}）"),
                        at,
                    );
                }
            }
            _ => na_cols[0].push(name),
        }
        // （七）= Σ outcomes
        let outcomes = rows[2..23]
            .iter()
            .enumerate()
            .filter(|(i, _)| !(single_other && (*i + 2 == 20 || *i + 2 == 21)))
            .map(|(_, (_, r))| col(*r, c));
        match (sum(outcomes), t) {
            (Some(s), Some(t)) => {
                if s != t {
                    let at = ctx.at(total_path);
                    ctx.diag(
                        codes::APPLICATIONS_OUTCOMES_SUM,
                        format!("（七）总计应等于各项办理结果之和（{name}列：（七）总计为{t}，（一）至（六）各项之和为{s}）"),
                        at,
                    );
                }
            }
            _ => na_cols[1].push(name),
        }
    }
    if !na_cols[0].is_empty() {
        not_assessable.push(format!(
            "“第一项加第二项之和等于第三项加第四项之和”（{}列）",
            na_cols[0].join("、")
        ));
    }
    if !na_cols[1].is_empty() {
        not_assessable.push(format!(
            "“（七）总计等于各项办理结果之和”（{}列）",
            na_cols[1].join("、")
        ));
    }
    // each row: 总计 = six columns
    let mut na_rows = Vec::new();
    for (i, (path, r)) in rows.iter().enumerate() {
        let Some(r) = r else { continue };
        let v = r.columns();
        match (sum(v[..6].iter().copied()), v[6]) {
            (Some(s), Some(t)) => {
                if s != t {
                    let at = ctx.at(("applications", path, "total"));
                    let parts: Vec<String> =
                        v[..6].iter().map(|x| x.unwrap_or(0).to_string()).collect();
                    ctx.diag(
                        codes::APPLICATIONS_ROW_TOTAL,
                        format!(
                            "表三“{}”行总计应等于六类申请人之和（{} = {s} ≠ {t}）",
                            SLOTS[i].name,
                            parts.join(" + ")
                        ),
                        at,
                    );
                }
            }
            _ => na_rows.push(SLOTS[i].name),
        }
    }
    if !na_rows.is_empty() {
        let shown: Vec<&str> = na_rows.iter().take(5).copied().collect();
        not_assessable.push(format!(
            "“总计等于六类申请人之和”（{}{}）",
            shown.join("、"),
            if na_rows.len() > 5 {
                format!("等{}行", na_rows.len())
            } else {
                String::new()
            }
        ));
    }
    if !not_assessable.is_empty() {
        ctx.diag(
            codes::APPLICATIONS_NOT_ASSESSABLE,
            format!(
                "表三有空白单元格，以下关系无法核对：{}",
                not_assessable.join("；")
            ),
            None,
        );
    }
}

/// Part 四: each group's total.
pub(crate) fn reviews(ctx: &mut Ctx, r: &Reviews) {
    let groups: [&ReviewCounts; 3] = [
        &r.administrative_review,
        &r.litigation_direct,
        &r.litigation_after_review,
    ];
    let mut na = Vec::new();
    for (g, counts) in groups.iter().enumerate() {
        let v = counts.columns();
        match (sum(v[..4].iter().copied()), v[4]) {
            (Some(s), Some(t)) => {
                if s != t {
                    let at = ctx.at(("reviews", GROUPS[g].0, "total"));
                    let parts: Vec<String> =
                        v[..4].iter().map(|x| x.unwrap_or(0).to_string()).collect();
                    ctx.diag(
                        codes::REVIEWS_GROUP_TOTAL,
                        format!(
                            "表四“{}”总计应等于结果维持、结果纠正、其他结果、尚未审结之和（{} = {s} ≠ {t}）",
                            GROUPS[g].1,
                            parts.join(" + ")
                        ),
                        at,
                    );
                }
            }
            _ => na.push(GROUPS[g].1),
        }
    }
    if !na.is_empty() {
        ctx.diag(
            codes::REVIEWS_NOT_ASSESSABLE,
            format!(
                "表四有空白单元格，“总计等于各项结果之和”无法核对（{}）",
                na.join("、")
            ),
            None,
        );
    }
}

/// The 信息处理费收取情况 table: 实际收取 ≤ 通知收取, and a fee notified but not
/// collected against table 三's （六）2 row (申请人逾期未按收费通知要求缴纳费用).
pub(crate) fn processing_fees(ctx: &mut Ctx, f: &ProcessingFees, a: Option<&Applications>) {
    let (Some(notified), Some(collected)) = (f.notified_amount, f.collected_amount) else {
        return;
    };
    let at = |ctx: &Ctx, key| ctx.at(("processing_fees", "", key));
    if collected.to_f64() > notified.to_f64() {
        let at = at(ctx, "collected_amount");
        ctx.diag(
            codes::PROCESSING_FEES_COLLECTED_EXCEEDS_NOTIFIED,
            format!("信息处理费实际收取金额{collected}元多于通知收取金额{notified}元"),
            at,
        );
    }
    if notified.to_f64() > collected.to_f64() {
        let overdue = a
            .and_then(|a| a.other_handling.overdue_fee.as_ref())
            .and_then(|c| c.total);
        let row = match overdue {
            Some(n) => format!("表三“（六）2.申请人逾期未按收费通知要求缴纳费用”行总计为{n}"),
            None => "表三未给出“（六）2.申请人逾期未按收费通知要求缴纳费用”行".to_string(),
        };
        let at = at(ctx, "notified_amount");
        ctx.diag(
            codes::PROCESSING_FEES_UNPAID,
            format!(
                "通知收取信息处理费{notified}元，实际收取{collected}元，有未缴费用；{row}，请核对二者是否一致"
            ),
            at,
        );
    }
}

/// Cells whose value is probably not what the table means: it looks like a year
/// (the report's year or the next), a date (`20250124`), a mobile phone number or a
/// number with a leading zero (`0591…`), or, in parts 三 and 四, it is 1000 or more
/// and over 100 times every other value of its table. The value is kept; the warning
/// quotes the cell and the text that follows it.
pub(crate) fn plausibility(ctx: &mut Ctx, year: Option<i32>) {
    let cells = &ctx.cells.0;
    let value = |c: &CellRead| match c.value {
        Val::Count(v) => Some(v),
        Val::Money(a) => a.amount().as_integer().and_then(|i| u64::try_from(i).ok()),
        _ => None,
    };
    let mut found = Vec::new();
    for c in cells {
        let Some(v) = value(c) else { continue };
        let raw = &ctx.doc[c.span.0..c.span.1];
        let why = looks_like(v, raw, year).or_else(|| {
            if !matches!(c.key.0, "applications" | "reviews") || v < 1000 {
                return None;
            }
            let others = cells
                .iter()
                .filter(|o| o.key.0 == c.key.0 && o.key != c.key)
                .filter_map(value)
                .max()
                .unwrap_or(0);
            (v > others.saturating_mul(100)).then_some("远超同表其他数值的数")
        });
        if let Some(why) = why {
            let quote = quote_from(ctx.doc, c.span.0);
            found.push((
                format!(
                    "{}为{v}，像是{why}而非表中数值，请核对（原文“{quote}”）",
                    crate::grammar::cell_name(c.key)
                ),
                c.span.0,
            ));
        }
    }
    for (message, at) in found {
        ctx.diag(codes::CELL_IMPLAUSIBLE, message, Some(at));
    }
}

/// What a value looks like if not a count: a year, a date, a phone number.
fn looks_like(v: u64, raw: &str, year: Option<i32>) -> Option<&'static str> {
    let years = match year {
        Some(y) => i64::from(y) - 1..=i64::from(y) + 1,
        None => 2015..=2035,
    };
    if v >= 1990 && years.contains(&(v as i64)) {
        return Some("年份");
    }
    let digits = v.checked_ilog10().map_or(1, |d| d + 1);
    if digits == 8 {
        let (y, m, d) = (v / 10_000, v / 100 % 100, v % 100);
        if (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some("日期");
        }
    }
    if digits == 11 && v / 10_000_000_000 == 1 && v / 1_000_000_000 % 10 >= 3 {
        return Some("手机号码");
    }
    let mut raw_digits = raw.bytes().filter(u8::is_ascii_digit);
    if v > 0 && raw_digits.next() == Some(b'0') && raw_digits.take(2).count() == 2 {
        return Some("以0开头的号码");
    }
    None
}

/// The text of a cell and what follows it on its line, for a message (at most 16
/// characters).
fn quote_from(doc: &str, at: usize) -> String {
    doc[at..]
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(16)
        .collect::<String>()
        .trim()
        .to_string()
}

/// The prose against the tables. `prose` is `(text, byte offset in the document)`.
pub(crate) fn narrative(
    ctx: &mut Ctx,
    prose: &[(&str, usize)],
    a: Option<&Applications>,
    r: Option<&Reviews>,
) {
    // the phrases of each statement, their searchers built once for the process
    static RECEIVED: Searchers = Searchers::new(&["收到"]);
    static CARRIED_OVER: Searchers =
        Searchers::new(&["上年结转", "上年度结转", "上年度未办结", "上一年度结转"]);
    static CARRIED_FORWARD: Searchers =
        Searchers::new(&["结转下年度", "结转至下年度", "转入下年度", "结转到下年度"]);
    static REVIEW: Searchers = Searchers::new(&["行政复议"]);
    static LITIGATION: Searchers = Searchers::new(&["行政诉讼"]);
    let total = |c: Option<&Counts>| c.and_then(|c| c.total);
    for (text, base) in prose {
        let stated = narrative::Counts::new(text);
        if stated.is_empty() {
            continue;
        }
        if let Some(a) = a {
            let new = total(a.new_received.as_ref());
            let old = total(a.carried_over.as_ref());
            if let Some(new) = new {
                for s in stated.find(&RECEIVED, 12, Some("申请")) {
                    let both = old.and_then(|o| new.checked_add(o));
                    if s.value != new && Some(s.value) != both {
                        ctx.diag(
                            codes::NARRATIVE_RECEIVED,
                            format!(
                                "正文称收到申请{}件，表三“本年新收”总计为{new}{}",
                                s.value,
                                both.map(|b| format!("（加上年结转为{b}）"))
                                    .unwrap_or_default()
                            ),
                            Some(base + s.at),
                        );
                    }
                }
            }
            let pairs: [(&Searchers, Option<u64>, &str, &str); 2] = [
                (
                    &CARRIED_OVER,
                    old,
                    codes::NARRATIVE_CARRIED_OVER,
                    "上年结转",
                ),
                (
                    &CARRIED_FORWARD,
                    total(a.carried_forward.as_ref()),
                    codes::NARRATIVE_CARRIED_FORWARD,
                    "结转下年度继续办理",
                ),
            ];
            for (keys, value, code, name) in pairs {
                let Some(v) = value else { continue };
                for s in stated.find(keys, 8, None) {
                    if s.value != v {
                        ctx.diag(
                            code,
                            format!("正文称{name}{}件，表三“{name}”总计为{v}", s.value),
                            Some(base + s.at),
                        );
                    }
                }
            }
        }
        if let Some(r) = r {
            if let Some(v) = r.administrative_review.total {
                for s in stated.find(&REVIEW, 4, None) {
                    if s.value != v {
                        ctx.diag(
                            codes::NARRATIVE_REVIEW,
                            format!("正文称行政复议{}件，表四行政复议总计为{v}", s.value),
                            Some(base + s.at),
                        );
                    }
                }
            }
            if let (Some(d), Some(f)) = (r.litigation_direct.total, r.litigation_after_review.total)
            {
                let v = d + f;
                for s in stated.find(&LITIGATION, 4, None) {
                    if s.value != v {
                        ctx.diag(
                            codes::NARRATIVE_LITIGATION,
                            format!("正文称行政诉讼{}件，表四行政诉讼总计为{v}（未经复议直接起诉{d}，复议后起诉{f}）", s.value),
                            Some(base + s.at),
                        );
                    }
                }
            }
        }
    }
}
