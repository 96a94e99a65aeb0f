//! Golden test: every report with a hand-checked `NAME.expected.json` — in the repo's
//! own `tests/fixtures/` and, when it exists, in `../shared/corpus` — must parse to
//! exactly the expected values (see the corpus README for the keys). A cell listed
//! under `ambiguous` (glued digits the text does not decide) must be `null` with a
//! warning that quotes the glued text, or a value the text decides that is one of its
//! `candidates` and equals its `true` value when the file knows it.
//!
//! Every file kind the library reads is tested: text layouts (`.txt`, `.md`,
//! `.layout.txt`) and, through `parse_bytes`, HTML pages, DOCX files and PDF files
//! (which must give the same values as their `pdftotext -layout` text beside them).

use std::path::{Path, PathBuf};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every (report file, expected file) pair under `dir`, recursively.
pub fn pairs(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for f in &files {
        if f.is_dir() {
            out.extend(pairs(f));
            continue;
        }
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".expected.json") else {
            continue;
        };
        for r in &files {
            let rn = r.file_name().unwrap().to_string_lossy().to_string();
            let readable = [".txt", ".md", ".html", ".docx", ".pdf"]
                .iter()
                .any(|e| rn.ends_with(e));
            if readable && rn.starts_with(&format!("{stem}.")) {
                out.push((r.clone(), f.clone()));
            }
        }
    }
    out
}

fn num_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Compare `actual` against `expected` recursively, collecting the differing paths.
fn diff(
    path: &str,
    expected: &Value,
    actual: &Value,
    out: &mut Vec<String>,
    cells: &mut (usize, usize, usize),
) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a.get(k).unwrap_or(&Value::Null);
                diff(&format!("{path}.{k}"), ev, av, out, cells);
            }
        }
        (Value::Object(e), Value::Null) => {
            for (k, ev) in e {
                diff(&format!("{path}.{k}"), ev, &Value::Null, out, cells);
            }
        }
        _ => {
            cells.0 += 1;
            if num_eq(expected, actual) {
                cells.1 += 1;
            } else {
                out.push(format!("{path}: expected {expected}, got {actual}"));
            }
        }
    }
}

/// Names of the part-二 rows, as the diagnostics print them (`表二“行政许可”行…`).
const ROW_NAMES: [(&str, &str); 8] = [
    ("regulations", "规章"),
    ("normative_documents", "规范性文件"),
    ("licensing", "行政许可"),
    ("other_services", "其他对外管理服务事项"),
    ("penalty", "行政处罚"),
    ("coercion", "行政强制"),
    ("fees", "行政事业性收费"),
    ("procurement", "政府集中采购"),
];

/// The value at a dotted path of the report's JSON (`null` when absent).
fn at_path<'a>(json: &'a Value, path: &str) -> &'a Value {
    path.split('.')
        .try_fold(json, |v, k| v.get(k))
        .unwrap_or(&Value::Null)
}

/// What a warning about an undecided cell must quote: the glued digits as printed
/// (the `glued` text from its first digit on), else the row's name.
fn quote_of(entry: &Value) -> Option<String> {
    if let Some(g) = entry.get("glued").and_then(Value::as_str) {
        let from = g.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        return Some(g[from..].to_string());
    }
    let path = entry.get("path")?.as_str()?;
    let row = path.split('.').nth(1)?;
    ROW_NAMES
        .iter()
        .find(|(k, _)| *k == row)
        .map(|(_, n)| n.to_string())
}

/// A cell listed under `ambiguous` (the text does not decide it): the parser gives
/// `null` with a warning that quotes the glued text (or names the row), or a value
/// the text itself decides — one of the `candidates`, and equal to `true` when the
/// expected file knows it. Returns the problem, if any, and whether it was `null`.
fn check_ambiguous(
    entry: &Value,
    json: &Value,
    report: &nianbao::Report,
) -> (Option<String>, bool) {
    let path = entry["path"].as_str().unwrap_or("?");
    let got = at_path(json, path);
    if got.is_null() {
        let quote = quote_of(entry).unwrap_or_default();
        let warned = report.diagnostics.iter().any(|d| {
            d.severity == nianbao::Severity::Warning && d.message.contains(quote.as_str())
        });
        let problem = (!warned)
            .then(|| format!("{path}: null without a warning quoting {quote:?} (ambiguous cell)"));
        return (problem, true);
    }
    if let Some(t) = entry.get("true") {
        if !num_eq(t, got) {
            return (
                Some(format!(
                    "{path}: ambiguous cell read as {got}, but the true value is {t}"
                )),
                false,
            );
        }
    }
    if let Some(c) = entry.get("candidates").and_then(Value::as_array) {
        if !c.iter().any(|v| num_eq(v, got)) {
            return (
                Some(format!(
                    "{path}: ambiguous cell read as {got}, not one of the candidates {c:?}"
                )),
                false,
            );
        }
    }
    (None, false)
}

/// Check one report against its expected file; returns the problems found.
pub fn check(
    report_path: &Path,
    expected_path: &Path,
    cells: &mut (usize, usize, usize),
) -> Vec<String> {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(expected_path).unwrap()).unwrap();
    let bytes = std::fs::read(report_path).unwrap();
    let result = nianbao::parse_bytes(&bytes);
    // text files read as bytes give the same report as read as text
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let kind = nianbao::InputKind::detect(&bytes);
        if kind != nianbao::InputKind::Html && kind != nianbao::InputKind::Pdf {
            assert_eq!(
                nianbao::parse_report(text),
                result,
                "{}",
                report_path.display()
            );
        }
    }
    let mut problems = Vec::new();
    if expected.get("expect_failure").and_then(Value::as_bool) == Some(true) {
        match result {
            Err(e) => assert!(!e.to_string().is_empty()),
            Ok(r) => problems.push(format!(
                "expected a failure, got a report titled {:?}",
                r.title
            )),
        }
        return problems;
    }
    let report = match result {
        Ok(r) => r,
        Err(e) => return vec![format!("failed: {e}")],
    };
    // the model round-trips through JSON
    let json = serde_json::to_value(&report).unwrap();
    let back: nianbao::Report = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, report, "JSON round trip");

    let mut mismatches = Vec::new();
    for key in [
        "title",
        "agency",
        "year",
        "published",
        "template",
        "active_disclosure",
        "applications",
        "reviews",
        "processing_fees",
    ] {
        if let Some(ev) = expected.get(key) {
            diff(key, ev, &json[key], &mut mismatches, cells);
        }
    }
    problems.extend(mismatches);
    // Cells the text does not decide are left out of the tables and listed here.
    for entry in expected
        .get("ambiguous")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (problem, null) = check_ambiguous(entry, &json, &report);
        cells.2 += usize::from(null);
        problems.extend(problem);
    }
    if let Some(ev) = expected.get("section_numbers") {
        let got: Vec<u8> = report.sections.iter().map(|s| s.number).collect();
        let want: Vec<u8> = serde_json::from_value(ev.clone()).unwrap();
        if got != want {
            problems.push(format!("section_numbers: expected {want:?}, got {got:?}"));
        }
    }
    if let Some(ev) = expected.get("expect_errors") {
        let want: Vec<String> = serde_json::from_value(ev.clone()).unwrap();
        let errors: Vec<&nianbao::Diagnostic> =
            report.diagnostics_of(nianbao::Severity::Error).collect();
        for w in &want {
            if !errors.iter().any(|d| d.code.starts_with(w.as_str())) {
                problems.push(format!(
                    "expected an error starting with {w:?}, got {:?}",
                    errors.iter().map(|d| &d.code).collect::<Vec<_>>()
                ));
            }
        }
        for d in &errors {
            if !want.iter().any(|w| d.code.starts_with(w.as_str())) {
                problems.push(format!(
                    "unexpected error {} {} (line {:?})",
                    d.code, d.message, d.line
                ));
            }
        }
    }
    problems
}

fn run(dir: &Path) -> (usize, usize) {
    let pairs = pairs(dir);
    assert!(
        !pairs.is_empty(),
        "no reports with expected values under {}",
        dir.display()
    );
    let mut failed = Vec::new();
    let mut cells = (0, 0, 0);
    for (r, e) in &pairs {
        let problems = check(r, e, &mut cells);
        if !problems.is_empty() {
            failed.push(format!("{}:\n  {}", r.display(), problems.join("\n  ")));
        }
    }
    eprintln!(
        "{}: {} reports, {}/{} values right, {} ambiguous cells left null with a warning",
        dir.display(),
        pairs.len(),
        cells.1,
        cells.0,
        cells.2
    );
    assert!(
        failed.is_empty(),
        "{} of {} reports differ:\n{}",
        failed.len(),
        pairs.len(),
        failed.join("\n")
    );
    (pairs.len(), cells.1)
}

#[test]
fn fixtures_in_the_repo() {
    let (n, _) = run(&repo().join("tests/fixtures"));
    assert!(n >= 10);
}

#[test]
fn shared_corpus() {
    let dir = repo().join("../shared/corpus");
    if !dir.exists() {
        eprintln!("../shared/corpus is absent: skipped");
        return;
    }
    run(&dir);
}
