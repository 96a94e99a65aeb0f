//! The readable audit report: one self-contained HTML document (inline CSS and SVG,
//! no script, nothing fetched), rendered once here and used by the CLI
//! (`nianbao audit --html FILE`), the Python and npm packages and the web page.
//!
//! It shows, in Chinese:
//! - a table of bodies × years with a coloured status per report (red: the report has
//!   errors of its own or an error finding names it; amber: a warning finding names
//!   it; green: nothing to fix; hatched: no report for a year inside the body's run),
//!   each badge an `a.nb-status` with `data-status` `error`, `warning` or `ok`;
//! - for each body, a small line chart of its 表三 一、本年新收, （一）予以公开 and
//!   四、结转下年度继续办理 totals across the years, and its findings, each with a table
//!   of the sides it compares — report, year, cell, value and where the cell stood — in
//!   which the compared values are highlighted (`td.nb-hl`);
//! - findings about reports that could not be grouped.
//!
//! [`fragment`] is the same without `<html>`, `<head>` and the style sheet, for a page
//! that shows it inside its own layout (with [`CSS`] loaded as a style sheet); every
//! rule of [`CSS`] is scoped to the fragment's root, `.nb-audit`.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::Severity;

use super::{short_name, Audit, Body, Finding, Side};

/// The style sheet of the audit report (`audit.css`).
pub const CSS: &str = include_str!("audit.css");

/// The audit as one self-contained HTML document.
///
/// ```
/// let audit = nianbao::audit::audit([], &nianbao::audit::Options::default());
/// let html = audit.to_html();
/// assert!(html.starts_with("<!doctype html>"));
/// assert!(html.contains("<style>") && !html.contains("<script"));
/// ```
pub fn document(audit: &Audit) -> String {
    let mut out = String::with_capacity(16 * 1024 + audit.findings.len() * 600);
    out.push_str("<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"nianbao ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\">\n<title>政府信息公开工作年度报告 · 审核结果</title>\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(&fragment(audit));
    out.push_str("</body>\n</html>\n");
    out
}

/// The audit report without the document around it: a `<div class="nb-audit">`.
pub fn fragment(audit: &Audit) -> String {
    let mut out = String::with_capacity(8 * 1024 + audit.findings.len() * 600);
    let tally = audit.tally();
    let _ = write!(
        out,
        "<div class=\"nb-audit\">\n<header>\n<h1>政府信息公开工作年度报告 · 审核结果</h1>\n\
         <p class=\"nb-summary\" data-bodies=\"{}\" data-reports=\"{}\">共 {} 个机关、{} 份报告；\
         跨报告核对发现错误 {} 处、警告 {} 处、提示 {} 处。</p>\n</header>\n",
        audit.bodies.len(),
        audit.reports.len(),
        audit.bodies.len(),
        audit.reports.len(),
        tally.errors,
        tally.warnings,
        tally.infos
    );
    let mut by_body: HashMap<&str, Vec<&Finding>> = HashMap::new();
    let mut loose: Vec<&Finding> = Vec::new();
    for f in &audit.findings {
        match &f.body {
            Some(b) => by_body.entry(b.as_str()).or_default().push(f),
            None => loose.push(f),
        }
    }
    matrix(audit, &mut out);
    for (i, body) in audit.bodies.iter().enumerate() {
        let found = by_body
            .get(body.key.as_str())
            .map_or(&[][..], Vec::as_slice);
        body_section(audit, i, body, found, &mut out);
    }
    if !loose.is_empty() || !audit.ungrouped.is_empty() {
        out.push_str(
            "<section class=\"nb-body nb-ungrouped\">\n<h2>未归入机关的报告和其他提示</h2>\n",
        );
        if !audit.ungrouped.is_empty() {
            out.push_str(
                "<p class=\"nb-muted\">以下报告未识别出机关名称或年度，未与其他报告比较：",
            );
            let names: Vec<String> = audit
                .ungrouped
                .iter()
                .filter_map(|&i| audit.reports.get(i))
                .map(|r| esc(&r.source))
                .collect();
            out.push_str(&names.join("、"));
            out.push_str("</p>\n");
        }
        findings(&loose, &mut out);
        out.push_str("</section>\n");
    }
    out.push_str("<footer>由 nianbao ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str(" 生成。各项核对的说明见 nianbao::codes。</footer>\n</div>\n");
    out
}

/// The years shown as columns: every year from the first to the last, or, when that
/// would be more than 15 columns, the years some report is for.
fn columns(audit: &Audit) -> Vec<i32> {
    let mut years: Vec<i32> = audit
        .bodies
        .iter()
        .flat_map(|b| b.years.iter().copied())
        .collect();
    years.sort_unstable();
    years.dedup();
    match (years.first(), years.last()) {
        (Some(&a), Some(&b)) if i64::from(b) - i64::from(a) < 15 => (a..=b).collect(),
        _ => years,
    }
}

fn matrix(audit: &Audit, out: &mut String) {
    out.push_str("<section class=\"nb-matrix\">\n<h2>机关 × 年度</h2>\n");
    if audit.bodies.is_empty() {
        out.push_str("<p class=\"nb-muted\">没有可按机关和年度归类的报告。</p>\n</section>\n");
        return;
    }
    let years = columns(audit);
    out.push_str("<table class=\"nb-grid\">\n<thead><tr><th>机关</th>");
    for y in &years {
        let _ = write!(out, "<th>{y}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, body) in audit.bodies.iter().enumerate() {
        let _ = write!(
            out,
            "<tr data-body=\"{}\"><th><a href=\"#nb-body-{i}\">{}</a>",
            esc(&body.key),
            esc(&body.key)
        );
        let others: Vec<String> = body
            .names
            .iter()
            .filter(|n| **n != body.key)
            .map(|n| esc(n))
            .collect();
        if !others.is_empty() {
            let _ = write!(out, "<small>报告署名：{}</small>", others.join("、"));
        }
        out.push_str("</th>");
        let (first, last) = (body.years.first().copied(), body.years.last().copied());
        for &y in &years {
            let here: Vec<usize> = body
                .reports
                .iter()
                .copied()
                .filter(|&r| audit.reports.get(r).and_then(|e| e.year) == Some(y))
                .collect();
            if here.is_empty() {
                let inside = first.is_some_and(|f| f < y) && last.is_some_and(|l| y < l);
                if inside {
                    out.push_str("<td class=\"nb-missing\" title=\"该年度没有报告\">缺</td>");
                } else {
                    out.push_str("<td></td>");
                }
                continue;
            }
            out.push_str("<td>");
            for r in here {
                status(audit, r, i, out);
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str(
        "</tbody>\n</table>\n<p class=\"nb-legend\">\
        <span class=\"nb-status nb-error\">错误</span>报告自身有错误，或跨报告核对发现错误 \
        <span class=\"nb-status nb-warning\">警告</span>跨报告核对发现警告 \
        <span class=\"nb-status nb-ok\">✓</span>未发现需要处理的问题 \
        “缺”：该机关前后年度都有报告，而该年度没有。</p>\n</section>\n",
    );
}

/// The status badge of one report in the bodies × years table.
fn status(audit: &Audit, r: usize, body: usize, out: &mut String) {
    let Some(e) = audit.reports.get(r) else {
        return;
    };
    let errors = e.errors + e.findings.errors;
    let (status, text) = match e.status {
        Severity::Error => ("error", format!("错误 {errors}")),
        Severity::Warning => ("warning", format!("警告 {}", e.findings.warnings)),
        Severity::Info => ("ok", "✓".to_string()),
    };
    let mut title = format!(
        "{}：报告自身错误 {}、警告 {}；跨报告核对错误 {}、警告 {}、提示 {}",
        e.source, e.errors, e.warnings, e.findings.errors, e.findings.warnings, e.findings.infos
    );
    if let Some(c) = e.copy_of.and_then(|c| audit.reports.get(c)) {
        let _ = write!(title, "；与 {} 同为该年度报告", c.source);
    }
    let _ = write!(
        out,
        "<a href=\"#nb-body-{body}\" class=\"nb-status nb-{status}\" data-report=\"{r}\" data-status=\"{status}\" title=\"{}\">{}</a>",
        esc(&title),
        text
    );
}

fn body_section(audit: &Audit, i: usize, body: &Body, found: &[&Finding], out: &mut String) {
    let _ = write!(
        out,
        "<section class=\"nb-body\" id=\"nb-body-{i}\" data-body=\"{}\">\n<h2>{}</h2>\n<div class=\"nb-body-head\">\n<div class=\"nb-facts\">\n",
        esc(&body.key),
        esc(&body.key)
    );
    let kind = body
        .kind
        .map_or("未知（无法确定公布期限）", |k| k.chinese());
    let names: Vec<String> = body.names.iter().map(|n| esc(n)).collect();
    let years: Vec<String> = body.years.iter().map(|y| y.to_string()).collect();
    let _ = write!(
        out,
        "<p class=\"nb-muted\">报告署名：{}<br>机关类型：{kind}<br>报告年度：{}</p>\n<ul class=\"nb-muted\">\n",
        names.join("、"),
        years.join("、")
    );
    for &r in &body.reports {
        let Some(e) = audit.reports.get(r) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<li>{}年度：{}{}{}</li>",
            e.year.map_or_else(|| "?".into(), |y| y.to_string()),
            esc(&e.source),
            e.published
                .as_deref()
                .map_or_else(String::new, |p| format!("，发布日期 {}", esc(p))),
            if e.copy_of.is_some() {
                "（同年度另一份）"
            } else {
                ""
            }
        );
    }
    out.push_str("</ul>\n</div>\n");
    chart(audit, body, out);
    out.push_str("</div>\n");
    findings(found, out);
    out.push_str("</section>\n");
}

/// Findings: errors and warnings listed, infos folded away.
fn findings(found: &[&Finding], out: &mut String) {
    let (main, infos): (Vec<&Finding>, Vec<&Finding>) = found
        .iter()
        .copied()
        .partition(|f| f.diagnostic.severity != Severity::Info);
    if main.is_empty() {
        out.push_str("<p class=\"nb-none\">跨报告核对未发现错误或警告。</p>\n");
    } else {
        out.push_str("<ol class=\"nb-findings\">\n");
        for f in main {
            finding(f, out);
        }
        out.push_str("</ol>\n");
    }
    if !infos.is_empty() {
        let _ = write!(out, "<details><summary>提示 {} 条（无法核对的项目、缺少的年度、副本等）</summary>\n<ol class=\"nb-findings\">\n", infos.len());
        for f in infos {
            finding(f, out);
        }
        out.push_str("</ol>\n</details>\n");
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

fn finding(f: &Finding, out: &mut String) {
    let d = &f.diagnostic;
    let class = format!("nb-{}", d.severity.as_str());
    let _ = write!(
        out,
        "<li class=\"nb-finding {class}\" data-code=\"{}\"><span class=\"nb-badge {class}\">{}</span><code>{}</code>\n<p>{}</p>\n",
        esc(&d.code),
        severity_word(d.severity),
        esc(&d.code),
        esc(&d.message)
    );
    if !f.sides.is_empty() {
        out.push_str("<table class=\"nb-sides\"><thead><tr><th>报告</th><th>年度</th><th>单元格</th><th>值</th><th>位置</th></tr></thead><tbody>\n");
        for s in &f.sides {
            side(s, out);
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</li>\n");
}

fn side(s: &Side, out: &mut String) {
    let year = s.year.map_or_else(String::new, |y| y.to_string());
    let label = s
        .label
        .as_deref()
        .or(s.path.as_deref())
        .unwrap_or("（整份报告）");
    let value = s.value.as_ref().map(ToString::to_string);
    let mut classes = String::from("nb-value");
    if s.path.is_some() {
        classes.push_str(" nb-hl");
    }
    if value.is_none() {
        classes.push_str(" nb-blank");
    }
    let shown = match (&value, &s.path) {
        (Some(v), _) => esc(v),
        (None, Some(_)) => "未填写".into(),
        (None, None) => String::new(),
    };
    let mut place = String::new();
    if let Some(l) = s.line {
        let _ = write!(place, "第 {l} 行");
        if let Some(c) = s.column {
            let _ = write!(place, "第 {c} 列");
        }
    }
    if let Some(p) = s.page {
        let _ = write!(
            place,
            "{}第 {p} 页",
            if place.is_empty() { "" } else { "，" }
        );
    }
    let _ = writeln!(
        out,
        "<tr><td title=\"{}\">{}</td><td>{year}</td><td>{}</td><td class=\"{classes}\"{}>{shown}</td><td>{}</td></tr>",
        esc(&s.source),
        esc(short_name(&s.source)),
        esc(label),
        s.path
            .as_deref()
            .map_or_else(String::new, |p| format!(" data-path=\"{}\"", esc(p))),
        place
    );
}

/// The series of the chart: (name, value of a report).
const SERIES: [&str; 3] = ["新收", "予以公开", "结转下年度"];

/// A small line chart of a body's 新收, 予以公开 and 结转 totals across its years.
fn chart(audit: &Audit, body: &Body, out: &mut String) {
    let (Some(&first), Some(&last)) = (body.years.first(), body.years.last()) else {
        return;
    };
    // One value per year per series: the report used for the checks (not a copy).
    let mut points: Vec<(i32, [Option<u64>; 3])> = Vec::new();
    for &r in &body.reports {
        let Some(e) = audit.reports.get(r) else {
            continue;
        };
        if e.copy_of.is_some() {
            continue;
        }
        if let Some(y) = e.year {
            points.push((y, [e.new_received, e.granted, e.carried_forward]));
        }
    }
    let max = points
        .iter()
        .flat_map(|(_, v)| v.iter().flatten().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    // Whole pixels: integer arithmetic (no floating point to format).
    let (w, h): (i64, i64) = (360, 170);
    let (left, right, top, bottom): (i64, i64, i64, i64) = (40, 16, 14, 26);
    let span = (i64::from(last) - i64::from(first)).max(1);
    let x = |y: i32| {
        if last == first {
            left + (w - left - right) / 2
        } else {
            left + (i64::from(y) - i64::from(first)) * (w - left - right) / span
        }
    };
    let yv = |v: u64| {
        let drop = u128::from(max - v.min(max)) * (h - top - bottom) as u128 / u128::from(max);
        top + drop as i64
    };
    let _ = write!(
        out,
        "<figure class=\"nb-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}各年度申请数量\">\n<title>{}：各年度新收、予以公开、结转下年度的申请数量</title>\n",
        esc(&body.key),
        esc(&body.key)
    );
    for v in [0, max / 2, max] {
        let yy = yv(v);
        let _ = writeln!(
            out,
            "<line class=\"nb-gridline\" x1=\"{left}\" y1=\"{yy}\" x2=\"{}\" y2=\"{yy}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{v}</text>",
            w - right,
            left - 4,
            yy + 4
        );
    }
    let _ = writeln!(
        out,
        "<line class=\"nb-axis\" x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        h - bottom,
        w - right,
        h - bottom
    );
    // Every year of the run, or only those with a report when the run is long.
    let labelled: Vec<i32> = if span > 12 {
        body.years.clone()
    } else {
        (first..=last).collect()
    };
    for y in labelled {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{y}</text>",
            x(y),
            h - bottom + 16
        );
    }
    for (s, name) in SERIES.iter().enumerate() {
        // A line through consecutive years that have a value; a gap breaks it.
        let mut d = String::new();
        let mut prev: Option<i32> = None;
        for (y, v) in &points {
            let Some(v) = v[s] else {
                prev = None;
                continue;
            };
            let cmd = if prev.is_some_and(|p| i64::from(*y) - i64::from(p) == 1) {
                'L'
            } else {
                'M'
            };
            let _ = write!(d, "{cmd}{} {} ", x(*y), yv(v));
            prev = Some(*y);
        }
        if !d.is_empty() {
            let _ = writeln!(
                out,
                "<path class=\"nb-series nb-s{s}\" data-series=\"{name}\" d=\"{}\"/>",
                d.trim_end()
            );
        }
        for (y, v) in &points {
            if let Some(v) = v[s] {
                let _ = writeln!(
                    out,
                    "<circle class=\"nb-s{s}\" cx=\"{}\" cy=\"{}\" r=\"3\"><title>{y}年 {name} {v}</title></circle>",
                    x(*y),
                    yv(v)
                );
            }
        }
    }
    out.push_str("</svg>\n<figcaption>");
    for (s, name) in SERIES.iter().enumerate() {
        let _ = write!(out, "<span class=\"nb-key nb-s{s}\"></span>{name}");
    }
    out.push_str("（表三总计列）</figcaption></figure>\n");
}

/// Text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }
}
