//! The checks of one body's reports across years: carry chain, 现行有效件数 roll-forward,
//! text reuse, gaps, and several reports for one year.

use crate::codes;
use crate::flat;
use crate::{ActiveDisclosure, Counts, DocumentCounts, Report, Section};

use super::labels::row_name;
use super::reuse::{self, MIN_CHARS, SHINGLE};
use super::{finding, Entry, Finding, Group, Options, Value};

/// The checks of one body: gaps and duplicates over its years, and each pair of
/// consecutive years.
pub(crate) fn check_body<'a>(
    group: &Group<'a>,
    years: &[(i32, Entry<'a>, Vec<Entry<'a>>)],
    options: &Options,
    out: &mut Vec<Finding>,
) {
    let key = group.key.as_str();
    for (year, best, others) in years {
        for other in others {
            duplicate(key, *year, best, other, out);
        }
    }
    // The prose of each year's report, normalised once (each is compared twice: with
    // the year before and the year after).
    let prose: Vec<Prose> = years.iter().map(|(_, e, _)| prose(e.report)).collect();
    for (k, pair) in years.windows(2).enumerate() {
        let (prev_year, prev, _) = &pair[0];
        let (year, cur, _) = &pair[1];
        if i64::from(*year) - i64::from(*prev_year) > 1 {
            gap(key, *prev_year, prev, *year, cur, out);
            continue;
        }
        carry_chain(key, prev, cur, out);
        in_force(key, prev, cur, out);
        let texts = (&prose[k], &prose[k + 1]);
        text_reuse(key, (prev, cur), texts, options.text_reuse_threshold, out);
    }
}

fn int(v: Option<u64>) -> Option<Value> {
    v.and_then(|v| i64::try_from(v).ok()).map(Value::Int)
}

fn counts<'r>(report: &'r Report, row: &str) -> Option<&'r Counts> {
    let a = report.applications.as_ref()?;
    match row {
        "carried_over" => a.carried_over.as_ref(),
        "carried_forward" => a.carried_forward.as_ref(),
        _ => None,
    }
}

/// 二、上年结转 of year N = 四、结转下年度继续办理 of year N−1, per applicant column.
fn carry_chain(key: &str, prev: &Entry<'_>, cur: &Entry<'_>, out: &mut Vec<Finding>) {
    let year = cur.report.year;
    let forward = counts(prev.report, "carried_forward");
    let over = counts(cur.report, "carried_over");
    let mut blank = Vec::new();
    for (c, column) in Counts::KEYS.iter().enumerate() {
        let name = Counts::NAMES[c];
        let f = forward.and_then(|r| r.columns()[c]);
        let o = over.and_then(|r| r.columns()[c]);
        let over_path = format!("applications.carried_over.{column}");
        let forward_path = format!("applications.carried_forward.{column}");
        match (o, f) {
            (Some(o), Some(f)) if o != f => out.push(finding(
                codes::SERIES_CARRY_CHAIN,
                format!(
                    "上年结转与上年度的结转下年度不一致（{name}列）：{}“{}”为{o}，{}“{}”为{f}",
                    cur.called(),
                    row_name("carried_over"),
                    prev.called(),
                    row_name("carried_forward"),
                ),
                Some(key),
                year,
                vec![
                    cur.side(Some(&over_path), int(Some(o))),
                    prev.side(Some(&forward_path), int(Some(f))),
                ],
            )),
            (Some(_), Some(_)) => {}
            _ => blank.push((c, o.is_none(), f.is_none())),
        }
    }
    if blank.is_empty() {
        return;
    }
    let columns: Vec<&str> = blank.iter().map(|b| Counts::NAMES[b.0]).collect();
    let missing = |e: &Entry<'_>, row: &str| {
        let state = if e.report.applications.is_none() {
            "所在的表三缺失"
        } else {
            "未填写"
        };
        format!("{}的“{}”{state}", e.called(), row_name(row))
    };
    let mut why = Vec::new();
    if blank.iter().any(|b| b.1) {
        why.push(missing(cur, "carried_over"));
    }
    if blank.iter().any(|b| b.2) {
        why.push(missing(prev, "carried_forward"));
    }
    let c = blank[0].0;
    let column = Counts::KEYS[c];
    out.push(finding(
        codes::SERIES_NOT_ASSESSABLE,
        format!(
            "无法核对上年结转与上年度的结转下年度（{}列）：{}",
            columns.join("、"),
            why.join("；")
        ),
        Some(key),
        year,
        vec![
            cur.side(
                Some(&format!("applications.carried_over.{column}")),
                int(over.and_then(|r| r.columns()[c])),
            ),
            prev.side(
                Some(&format!("applications.carried_forward.{column}")),
                int(forward.and_then(|r| r.columns()[c])),
            ),
        ],
    ));
}

fn documents(report: &Report) -> Option<(&DocumentCounts, &DocumentCounts)> {
    match &report.active_disclosure {
        Some(ActiveDisclosure::T2021(t)) => Some((&t.regulations, &t.normative_documents)),
        _ => None,
    }
}

/// 现行有效件数 of N = that of N−1 + 本年制发 − 本年废止 of N, for 规章 and 行政规范性文件.
fn in_force(key: &str, prev: &Entry<'_>, cur: &Entry<'_>, out: &mut Vec<Finding>) {
    let year = cur.report.year;
    let (p, c) = match (documents(prev.report), documents(cur.report)) {
        (Some(p), Some(c)) => (p, c),
        _ => {
            let missing: Vec<String> = [prev, cur]
                .iter()
                .filter(|e| documents(e.report).is_none())
                .map(|e| {
                    format!(
                        "{}{}",
                        e.called(),
                        match &e.report.active_disclosure {
                            Some(ActiveDisclosure::T2019(_)) => "为2019年版表格，没有现行有效件数",
                            _ => "没有表二",
                        }
                    )
                })
                .collect();
            out.push(finding(
                codes::SERIES_NOT_ASSESSABLE,
                format!("无法核对现行有效件数的结转：{}", missing.join("；")),
                Some(key),
                year,
                vec![cur.side(None, None), prev.side(None, None)],
            ));
            return;
        }
    };
    for ((row, name), (p, c)) in [
        ("regulations", "规章"),
        ("normative_documents", "行政规范性文件"),
    ]
    .into_iter()
    .zip([(p.0, c.0), (p.1, c.1)])
    {
        let path = |col: &str| format!("active_disclosure.{row}.{col}");
        match (p.in_force, c.issued, c.repealed, c.in_force) {
            (Some(before), Some(issued), Some(repealed), Some(now)) => {
                let expected = i128::from(before) + i128::from(issued) - i128::from(repealed);
                let diff = i128::from(now) - expected;
                if diff == 0 {
                    continue;
                }
                let by = if diff > 0 {
                    format!("多{diff}件")
                } else {
                    format!("少{}件", -diff)
                };
                out.push(finding(
                    codes::SERIES_IN_FORCE_ROLLFORWARD,
                    format!(
                        "{name}现行有效件数未按上年度结转：{}为{now}件，按{}的{before}件加本年制发{issued}件、减本年废止{repealed}件应为{expected}件，{by}",
                        cur.called(),
                        prev.called(),
                    ),
                    Some(key),
                    year,
                    vec![
                        cur.side(Some(&path("in_force")), int(Some(now))),
                        prev.side(Some(&path("in_force")), int(Some(before))),
                        cur.side(Some(&path("issued")), int(Some(issued))),
                        cur.side(Some(&path("repealed")), int(Some(repealed))),
                    ],
                ));
            }
            (before, issued, repealed, now) => {
                let mut blank = Vec::new();
                if before.is_none() {
                    blank.push(format!("{}的现行有效件数", prev.called()));
                }
                for (v, what) in [
                    (issued, "本年制发件数"),
                    (repealed, "本年废止件数"),
                    (now, "现行有效件数"),
                ] {
                    if v.is_none() {
                        blank.push(format!("{}的{what}", cur.called()));
                    }
                }
                out.push(finding(
                    codes::SERIES_NOT_ASSESSABLE,
                    format!(
                        "无法核对{name}现行有效件数的结转：{}未填写",
                        blank.join("、")
                    ),
                    Some(key),
                    year,
                    vec![
                        cur.side(Some(&path("in_force")), int(now)),
                        prev.side(Some(&path("in_force")), int(before)),
                    ],
                ));
            }
        }
    }
}

/// The parts whose prose is compared: (words of the heading, name in messages).
const PROSE_PARTS: [(&str, &str); 2] = [
    ("总体情况", "总体情况"),
    ("问题", "存在的主要问题及改进情况"),
];

fn part<'r>(report: &'r Report, words: &str) -> Option<&'r Section> {
    report.sections.iter().find(|s| s.heading.contains(words))
}

/// The parts of [`PROSE_PARTS`] of one report, with their text normalised.
type Prose<'r> = [Option<(&'r Section, Vec<char>)>; 2];

fn prose(report: &Report) -> Prose<'_> {
    PROSE_PARTS.map(|(words, _)| part(report, words).map(|s| (s, reuse::normalised(&s.text))))
}

/// The prose of 总体情况 and of 存在的主要问题及改进情况, against last year's.
fn text_reuse(
    key: &str,
    (prev, cur): (&Entry<'_>, &Entry<'_>),
    (before, now): (&Prose, &Prose),
    threshold: f64,
    out: &mut Vec<Finding>,
) {
    for (k, (_, name)) in PROSE_PARTS.iter().enumerate() {
        let (Some((old, old_chars)), Some((new, new_chars))) = (&before[k], &now[k]) else {
            continue;
        };
        if new_chars.len() < MIN_CHARS || old_chars.len() < MIN_CHARS {
            continue;
        }
        let share = reuse::share_normalised(old_chars, new_chars);
        if share.ratio() <= threshold {
            continue;
        }
        let side = |e: &Entry<'_>, s: &Section| {
            let mut side = e.side(None, Some(Value::Text(s.heading.clone())));
            side.path = Some(format!("sections.{}", s.number));
            side.label = super::cell_label(&format!("sections.{}", s.number))
                .map(|l| format!("{l}“{}”", s.heading));
            side.line = Some(s.line);
            side
        };
        out.push(finding(
            codes::SERIES_TEXT_REUSE,
            format!(
                "“{name}”部分与上年度重复：{}该部分{}%的文字（{}字中的{}字）与{}同一部分相同（连续{SHINGLE}字相同计为重复，数字不计；要求不超过{}%）",
                cur.called(),
                share.percent(),
                share.total,
                share.reused,
                prev.called(),
                (threshold * 100.0).round() as i64,
            ),
            Some(key),
            cur.report.year,
            vec![side(cur, new), side(prev, old)],
        ));
    }
}

/// Years missing between two reports of a body.
fn gap(
    key: &str,
    prev_year: i32,
    prev: &Entry<'_>,
    year: i32,
    cur: &Entry<'_>,
    out: &mut Vec<Finding>,
) {
    // Both ends exist (prev_year < year − 1), so neither overflows.
    let (from, to) = (prev_year + 1, year - 1);
    let missing = if from == to {
        format!("{from}年度")
    } else {
        format!("{from}—{to}年度")
    };
    out.push(finding(
        codes::SERIES_GAP,
        format!(
            "缺少{missing}的报告：该机关有{}和{}",
            prev.called(),
            cur.called()
        ),
        Some(key),
        Some(from),
        vec![
            cur.side(None, Some(Value::Int(i64::from(year)))),
            prev.side(None, Some(Value::Int(i64::from(prev_year)))),
        ],
    ));
}

/// The table cells of a report, by dotted path.
fn table_cells(report: &Report) -> Vec<(String, flat::Value)> {
    flat::row(report)
        .into_iter()
        .filter(|(k, _)| {
            k.starts_with("applications.")
                || k.starts_with("active_disclosure.")
                || k.starts_with("reviews.")
        })
        .collect()
}

/// A second report of one body and year: the same tables (a copy) or not.
fn duplicate(key: &str, year: i32, best: &Entry<'_>, other: &Entry<'_>, out: &mut Vec<Finding>) {
    let a = table_cells(best.report);
    let b = table_cells(other.report);
    let differing: Vec<(&str, &flat::Value, &flat::Value)> = a
        .iter()
        .zip(&b)
        .filter(|((_, x), (_, y))| *x != flat::Value::Null && *y != flat::Value::Null && x != y)
        .map(|((k, x), (_, y))| (k.as_str(), x, y))
        .collect();
    let flat_value = |v: &flat::Value| match v {
        flat::Value::Int(i) => Some(Value::Int(*i)),
        flat::Value::Null => None,
        other => Some(Value::Text(other.to_string())),
    };
    match differing.first() {
        None => out.push(finding(
            codes::SERIES_DUPLICATE_COPY,
            format!(
                "同一机关同一年度（{year}年）有两份报告：{}与{}，两者表格中都填写的单元格全部相同，应为同一报告的副本",
                other.name(),
                best.name()
            ),
            Some(key),
            Some(year),
            vec![other.side(None, None), best.side(None, None)],
        )),
        Some((path, x, y)) => {
            let label = super::cell_label(path).unwrap_or_else(|| path.to_string());
            out.push(finding(
                codes::SERIES_DUPLICATE,
                format!(
                    "同一机关同一年度（{year}年）有两份表格不同的报告：{}与{}有{}个单元格不同，如{label}分别为{y}和{x}",
                    other.name(),
                    best.name(),
                    differing.len()
                ),
                Some(key),
                Some(year),
                vec![
                    other.side(Some(path), flat_value(y)),
                    best.side(Some(path), flat_value(x)),
                ],
            ));
        }
    }
}
