//! Parse one 政府信息公开工作年度报告 and print a short summary and its diagnostics.
//!
//! ```text
//! cargo run --example check -p nianbao -- [FILE]
//! ```
//!
//! `FILE` is the UTF-8 text of a report; without it the example reads
//! `examples/qijiang-gongan-2024.txt` of the repository. It prints the title, agency,
//! year and template, the key totals of part 三 (applications) and the whole table of
//! part 四 (reviews and lawsuits), then every diagnostic. The exit status is 0 for a
//! consistent report, 1 when the report contradicts itself (an error diagnostic), and
//! 2 when the file cannot be read or is not a report.

use std::path::PathBuf;
use std::process::ExitCode;

use nianbao::{Counts, Report, ReviewCounts, Severity, Template};

fn main() -> ExitCode {
    let arg = std::env::args_os().nth(1);
    if arg.as_ref().is_some_and(|a| a == "-h" || a == "--help") {
        println!("usage: cargo run --example check -p nianbao -- [FILE]");
        println!("Parse a 政府信息公开工作年度报告 (UTF-8 text) and print a summary and its diagnostics.");
        return ExitCode::SUCCESS;
    }
    let (path, shown) = match arg {
        Some(arg) => {
            let path = PathBuf::from(arg);
            let shown = path.display().to_string();
            (path, shown)
        }
        None => (
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../examples/qijiang-gongan-2024.txt"
            )),
            "examples/qijiang-gongan-2024.txt".to_string(),
        ),
    };

    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("check: {shown}: cannot read: {e}");
            return ExitCode::from(2);
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        eprintln!(
            "check: {shown}: not UTF-8 text; convert it first (for GBK: iconv -f GBK -t UTF-8)"
        );
        return ExitCode::from(2);
    };
    let report = match nianbao::parse_report(text) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("check: {shown}: {e} [{}]", e.code());
            return ExitCode::from(2);
        }
    };

    print_summary(&report, &shown, bytes.len());
    print_applications(&report);
    print_reviews(&report);
    print_diagnostics(&report);

    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Display width in a terminal: East Asian wide characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// `s` padded with spaces to `w` display columns.
fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// A cell: the number, or `—` where the report gives none.
fn cell(v: Option<u64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| v.to_string())
}

fn or_dash(v: Option<&str>) -> &str {
    v.unwrap_or("—")
}

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

fn print_summary(report: &Report, file: &str, size: usize) {
    println!("{}", or_dash(report.title.as_deref()));
    println!("{file} · {:.1} KB", size as f64 / 1024.0);
    println!();
    let year = report.year.map(|y| y.to_string());
    let template = report.template.map(|t| match t {
        Template::T2021 => "2021 (国办公开办函〔2021〕30号)",
        Template::T2019 => "2019 (国办公开办函〔2019〕60号)",
    });
    for (label, value) in [
        ("agency", or_dash(report.agency.as_deref())),
        ("year", or_dash(year.as_deref())),
        ("published", or_dash(report.published.as_deref())),
        ("template", or_dash(template)),
    ] {
        println!("  {label:<10} {value}");
    }
    if report.sections.is_empty() {
        println!("  {:<10} —", "parts");
    }
    for (i, s) in report.sections.iter().enumerate() {
        let numeral = NUMERALS
            .get(usize::from(s.number).wrapping_sub(1))
            .map_or_else(|| s.number.to_string(), |n| n.to_string());
        let label = if i == 0 { "parts" } else { "" };
        println!("  {label:<10} {numeral}、{} (line {})", s.heading, s.line);
    }
}

fn print_applications(report: &Report) {
    println!();
    println!("三、收到和处理政府信息公开申请情况 (总计 column)");
    let Some(a) = &report.applications else {
        println!("  — no table found");
        return;
    };
    let label_width = 40;
    let row = |indent: usize, label: &str, counts: Option<&Counts>| {
        let label = format!("{}{label}", "  ".repeat(indent));
        println!(
            "  {}{:>6}",
            pad(&label, label_width),
            cell(counts.and_then(|c| c.total))
        );
    };
    // A group of reasons is listed reason by reason unless every reason is 0; reasons
    // counted as 0 are left out, reasons the report leaves blank show as `—`.
    let reasons = |label: &str, rows: &[(&str, Option<&Counts>)]| {
        let totals: Vec<Option<u64>> = rows.iter().map(|(_, c)| c.and_then(|c| c.total)).collect();
        if totals.iter().all(|t| *t == Some(0)) {
            println!("  {}{:>6}", pad(&format!("  {label}"), label_width), 0);
            return;
        }
        println!("    {label}");
        for ((name, counts), total) in rows.iter().zip(&totals) {
            if *total != Some(0) {
                row(2, name, *counts);
            }
        }
    };
    row(
        0,
        "一、本年新收政府信息公开申请数量",
        a.new_received.as_ref(),
    );
    row(
        0,
        "二、上年结转政府信息公开申请数量",
        a.carried_over.as_ref(),
    );
    println!("  三、本年度办理结果");
    row(1, "（一）予以公开", a.granted.as_ref());
    row(1, "（二）部分公开", a.partially_granted.as_ref());
    let w = &a.withheld;
    reasons(
        "（三）不予公开",
        &[
            ("1.属于国家秘密", w.state_secret.as_ref()),
            ("2.其他法律行政法规禁止公开", w.prohibited_by_law.as_ref()),
            ("3.危及“三安全一稳定”", w.security_stability.as_ref()),
            ("4.保护第三方合法权益", w.third_party_rights.as_ref()),
            ("5.属于三类内部事务信息", w.internal_affairs.as_ref()),
            ("6.属于四类过程性信息", w.process_information.as_ref()),
            ("7.属于行政执法案卷", w.enforcement_files.as_ref()),
            ("8.属于行政查询事项", w.administrative_query.as_ref()),
        ],
    );
    let u = &a.unavailable;
    reasons(
        "（四）无法提供",
        &[
            ("1.本机关不掌握相关政府信息", u.not_held.as_ref()),
            ("2.没有现成信息需要另行制作", u.needs_creation.as_ref()),
            ("3.补正后申请内容仍不明确", u.still_unclear.as_ref()),
        ],
    );
    let n = &a.not_processed;
    reasons(
        "（五）不予处理",
        &[
            ("1.信访举报投诉类申请", n.complaint_petition.as_ref()),
            ("2.重复申请", n.duplicate.as_ref()),
            ("3.要求提供公开出版物", n.publication.as_ref()),
            ("4.无正当理由大量反复申请", n.excessive.as_ref()),
            (
                "5.要求行政机关确认或重新出具已获取信息",
                n.confirmation.as_ref(),
            ),
        ],
    );
    let o = &a.other_handling;
    reasons(
        "（六）其他处理",
        &[
            ("1.逾期不补正", o.overdue_correction.as_ref()),
            ("2.逾期未缴纳费用", o.overdue_fee.as_ref()),
            ("3.其他", o.other.as_ref()),
        ],
    );
    row(1, "（七）总计", a.processed_total.as_ref());
    row(0, "四、结转下年度继续办理", a.carried_forward.as_ref());
}

fn print_reviews(report: &Report) {
    println!();
    println!("四、政府信息公开行政复议、行政诉讼情况");
    let Some(r) = &report.reviews else {
        println!("  — no table found");
        return;
    };
    let label_width = 30;
    let head: String = ReviewCounts::NAMES
        .iter()
        .map(|n| format!("{:>w$}", n, w = 10 - (width(n) - n.chars().count())))
        .collect();
    println!("  {}{head}", pad("", label_width));
    for (label, group) in [
        ("行政复议", &r.administrative_review),
        ("行政诉讼 · 未经复议直接起诉", &r.litigation_direct),
        ("行政诉讼 · 复议后起诉", &r.litigation_after_review),
    ] {
        let cells: String = group
            .columns()
            .iter()
            .map(|v| format!("{:>10}", cell(*v)))
            .collect();
        println!("  {}{cells}", pad(label, label_width));
    }
}

fn print_diagnostics(report: &Report) {
    println!();
    let count = |s: Severity| report.diagnostics_of(s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if report.diagnostics.is_empty() {
        println!("diagnostics: none");
    } else {
        println!("diagnostics: {errors} error(s), {warnings} warning(s), {infos} info");
        // Info notes (identities that could not be assessed, units, glued digits
        // split by the identities) are counted above but not listed.
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
        {
            let at = match (d.line, d.column) {
                (Some(l), Some(c)) => format!("{l}:{c}"),
                (Some(l), None) => l.to_string(),
                _ => "-".into(),
            };
            println!(
                "  {:<7}  {:<9}  {}  {}",
                d.severity.as_str(),
                at,
                d.code,
                d.message
            );
        }
        if infos > 0 {
            println!("  ({infos} info not listed: `nianbao check --verbose FILE` shows them)");
        }
    }
    println!();
    if errors == 0 {
        println!("✓ consistent: no report identity is broken");
    } else {
        println!("✗ {errors} error(s): the report contradicts itself");
    }
}
