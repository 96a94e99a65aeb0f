//! The invariants every fuzz target asserts on a parsed report.
//!
//! A target panics (and libFuzzer saves the input as a crash) when the parser panics
//! or when one of these does not hold:
//!
//! - the report serialises to JSON and deserialises back to an equal report;
//! - every count and amount of the report (tables 二, 三, 四 and the processing fees)
//!   is printed in the input: its digits are a substring of one run of digits (and
//!   decimal points) of the text — no invented numbers;
//! - diagnostics are sorted most severe first, use a known code with that code's
//!   severity, and point at a line/column that exists;
//! - sections are numbered 1…7 and their lines exist.

use nianbao::{flat, Report};

/// Runs of digits and decimal points of `text`, full-width digits and `．` folded to
/// ASCII (what a number can be read from). Anything else, white space included, ends
/// a run: the parser never reads a number across it.
pub fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            c => c,
        };
        if c.is_ascii_digit() || c == '.' {
            cur.push(c);
        } else if !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

/// Every count and amount of a report as digits (sign dropped), with its column name.
pub fn values(r: &Report) -> Vec<(String, String)> {
    flat::row(r)
        .into_iter()
        .filter(|(k, _)| {
            k.starts_with("applications.")
                || k.starts_with("reviews.")
                || k.starts_with("active_disclosure.")
                || k.starts_with("processing_fees.")
        })
        .filter_map(|(k, v)| match v {
            flat::Value::Int(i) => Some((k.to_string(), i.unsigned_abs().to_string())),
            flat::Value::Amount(a) => Some((
                k.to_string(),
                a.to_string().trim_start_matches('-').to_string(),
            )),
            _ => None,
        })
        .collect()
}

/// Assert every invariant of a report parsed from `text`.
pub fn check_report(text: &str, r: &Report) {
    // JSON round trip
    let json = serde_json::to_string(r).expect("a report serialises to JSON");
    let back: Report = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("the JSON of a report does not deserialise: {e}\n{json}"));
    assert_eq!(&back, r, "JSON round trip changed the report\n{json}");

    // no invented numbers
    let runs = digit_runs(text);
    for (key, v) in values(r) {
        assert!(
            runs.iter().any(|run| run.contains(&v)),
            "{key} = {v} is not printed in the input"
        );
    }

    // diagnostics and sections point into the text
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = text.split('\n').count() as u32;
    for w in r.diagnostics.windows(2) {
        assert!(
            w[0].severity <= w[1].severity,
            "diagnostics not sorted most severe first: {:?}",
            r.diagnostics
        );
    }
    for d in &r.diagnostics {
        let known = nianbao::codes::ALL.iter().find(|(c, _)| *c == d.code);
        let (_, sev) = known.unwrap_or_else(|| panic!("unknown diagnostic code {}", d.code));
        assert_eq!(*sev, d.severity, "severity of {}", d.code);
        assert!(!d.message.is_empty(), "empty message for {}", d.code);
        if let Some(l) = d.line {
            assert!(
                l >= 1 && l <= lines,
                "{} points at line {l} of {lines}",
                d.code
            );
            let line = text.split('\n').nth(l as usize - 1).unwrap_or("");
            if let Some(c) = d.column {
                let width = line.chars().count() as u32;
                assert!(
                    c >= 1 && c <= width + 1,
                    "{} points at column {c} of a line of {width} characters",
                    d.code
                );
            }
        }
    }
    for s in &r.sections {
        // 一 … 七: 七 where 五 is 信息处理费收取情况 and the problems move to 六
        assert!((1..=7).contains(&s.number), "section number {}", s.number);
        assert!(s.line >= 1 && s.line <= lines, "section line {}", s.line);
    }
}

/// Assert that the diagnostics of a report read from a PDF name their page: one more
/// than the form-feed lines (one ends each page of `text`) before their line.
pub fn check_pages(text: &str, r: &Report) {
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &r.diagnostics {
        let want = d.line.map(|l| {
            lines[..(l as usize).min(lines.len())]
                .iter()
                .filter(|l| **l == "\u{c}")
                .count() as u32
                + 1
        });
        assert_eq!(d.page, want, "page of {} at line {:?}", d.code, d.line);
    }
}
