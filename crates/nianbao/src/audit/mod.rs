//! Checks across reports: a body's reports over the years, and a jurisdiction's
//! reports against each other.
//!
//! The checks of one report ([`crate::parse_report`]'s diagnostics) say whether a report
//! contradicts itself. The people who check these reports — a disclosure office
//! (政务公开办) checking every body under it, a researcher comparing a body over the
//! years — also need checks on *sets* of reports: the applications carried into this
//! year are the ones carried out of last year; the count of 现行有效 documents rolls
//! forward; a report does not copy last year's text; it is published in time; a body
//! publishes one report a year. [`audit`] runs them over already parsed [`Report`]s (it
//! never reads text again) and returns an [`Audit`]: the bodies with their reports by
//! year, and [`Finding`]s — the same [`Diagnostic`] as a report's own, plus the
//! [`Side`]s it compares: which report, which cell, which value, and where that cell
//! stood in the report's text.
//!
//! ```
//! use nianbao::audit::{self, Input, Options};
//! # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/");
//! let a = nianbao::parse_report(&std::fs::read_to_string(format!("{dir}hongze-quzhengfu-2023.layout.txt")).unwrap())?;
//! let mut b = a.clone();
//! b.agency = Some("淮安市洪泽区人民政府".into());    // the parent region printed or not: one body
//! b.year = Some(2024);
//! b.applications.as_mut().unwrap().carried_over.as_mut().unwrap().natural_person = Some(2);
//!
//! let result = audit::audit([Input::new("2023.txt", &a), Input::new("2024.txt", &b)], &Options::default());
//! assert_eq!(result.bodies.len(), 1);
//! assert_eq!(result.bodies[0].key, "淮安市洪泽区人民政府");
//! let f = result.findings.iter().find(|f| f.diagnostic.code == "series.carry_chain").unwrap();
//! assert_eq!(f.sides[0].source, "2024.txt");
//! assert_eq!(f.sides[0].path.as_deref(), Some("applications.carried_over.natural_person"));
//! assert_eq!(f.sides[1].path.as_deref(), Some("applications.carried_forward.natural_person"));
//! # Ok::<(), nianbao::Error>(())
//! ```
//!
//! # Bodies
//!
//! Reports are grouped by body. Without help, the body is told from the agency name
//! (see [`normalise_name`] and the rules of `body.rs`, summarised here): full-width and
//! half-width characters and spaces do not matter, and neither do parent regions printed
//! before the body's own (`洪泽区人民政府` and `淮安市洪泽区人民政府` are one body, unless
//! another report names a different parent: `南京市鼓楼区…` and `福州市鼓楼区…` are two).
//! A body's *key* is its fullest normalised name (`淮安市洪泽区人民政府`); it is in the
//! output, and the caller overrides it: [`Input::key`] per report, or
//! [`Options::aliases`] (printed name → key; `nianbao audit --aliases FILE` reads a CSV
//! `name,key`), for example for a body that was renamed. Reports with the same key are
//! one body, whether the key was given or found. Reports without an agency or a year are
//! listed in [`Audit::ungrouped`] with an info finding (`series.ungrouped`), never
//! grouped by guess.
//!
//! Each body's reports are ordered by year. When a body has several reports for one
//! year, the one with the most table cells given (the first of those, in input order)
//! is used for the checks across years, and the others are compared with it
//! (`series.duplicate`).
//!
//! # Checks
//!
//! Every code is listed in [`crate::codes`]. For each body, each pair of consecutive
//! years N−1, N:
//!
//! - `series.carry_chain` (error): 表三 二、上年结转 of year N ≠ 四、结转下年度继续办理 of
//!   year N−1, **per applicant column**; a blank cell or a missing table makes the column
//!   `series.not_assessable` (info).
//! - `series.in_force_rollforward` (warning): 现行有效件数 of 规章 and of 行政规范性文件 in
//!   year N ≠ that of N−1 + 本年制发 − 本年废止 of N (bodies do re-count their documents;
//!   the message says by how much). Only between two reports in the 2021 template (the
//!   2019 template has no 现行有效件数); otherwise, or with a blank cell,
//!   `series.not_assessable`.
//! - `series.text_reuse` (warning): more than [`Options::text_reuse_threshold`] (half) of
//!   the prose of 一、总体情况 or of 存在的主要问题及改进情况 (parts found by their heading's
//!   words, not their numbers) is made of 13-character runs found in the same part of
//!   year N−1 (see [`text_share`]).
//!
//! For each body: `series.gap` (info) for every run of missing years inside its first
//! and last year; `series.duplicate` (error) for a second report of the same year whose
//! tables differ from the first's in a cell that both give, `series.duplicate_copy`
//! (info) when they agree. For each report: `timeliness.late` (warning) when its
//! `published` date is after the statutory deadline (《政府信息公开条例》第四十九条: a
//! department's report by 1月31日 of the next year, a 县级以上人民政府's by 3月31日; the
//! deadline day itself is in time), with the kind of body from its name
//! ([`BodyKind::of_name`]), [`Input::kind`] or [`Options::kinds`];
//! `timeliness.not_assessable` (info) without a date or a kind.
//!
//! With a hierarchy ([`Options::hierarchy`], pairs `parent, child`; the CLI reads a CSV
//! `parent,child`): `rollup.sum` (warning) for each 表三 cell of a parent's report whose
//! value is not the sum of its children's for that year. Whether a parent's report
//! covers its children differs between places (some governments report for the whole
//! county, some for their own offices), so the message says "不一致" and gives both
//! numbers, no more. A child without a report for that year, or a name of the hierarchy
//! that matches no body, is `rollup.not_assessable` (info).
//!
//! # Output
//!
//! [`Audit`] serialises (serde) to JSON; [`Audit::to_html`] renders the readable audit
//! report (see [`html`]); [`rows`] gives one flat row per finding (the CLI's `--csv`).

mod body;
pub mod html;
mod labels;
mod reuse;
mod rollup;
pub mod rows;
mod series;
mod timeliness;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

#[cfg(feature = "tsify")]
use tsify::Tsify;

use crate::{Diagnostic, Error, Report, Severity, Template};

pub use body::{normalise as normalise_name, BodyKind};
pub use labels::cell_label;
pub use reuse::{share as text_share, Reuse, MIN_CHARS, SHINGLE};
pub use timeliness::deadline;

/// One report to audit, with where it came from.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt")).unwrap();
/// let report = nianbao::parse_report(&text).unwrap();
/// let input = nianbao::audit::Input::new("reports/qijiang-gongan-2024.txt", &report)
///     .with_key("綦江区公安局")
///     .with_kind(nianbao::audit::BodyKind::Department);
/// assert_eq!(input.key.as_deref(), Some("綦江区公安局"));
/// ```
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// Where the report came from (a path or a name); findings name it.
    pub source: String,
    /// The parsed report.
    pub report: &'a Report,
    /// The body's key, when the caller knows it: reports with the same key are one body,
    /// whatever their agency names say.
    pub key: Option<String>,
    /// The kind of body, when the caller knows it (else it is told from the name).
    pub kind: Option<BodyKind>,
}

impl<'a> Input<'a> {
    /// A report and where it came from; the body is told from its agency name.
    pub fn new(source: impl Into<String>, report: &'a Report) -> Self {
        Input {
            source: source.into(),
            report,
            key: None,
            kind: None,
        }
    }

    /// The same input with the body's key given.
    pub fn with_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// The same input with the kind of body given.
    pub fn with_kind(mut self, kind: BodyKind) -> Self {
        self.kind = Some(kind);
        self
    }
}

/// What the caller knows beyond the reports.
///
/// ```
/// let mut options = nianbao::audit::Options::default();
/// options.read_aliases_csv("name,key\n平潭县人民政府,平潭综合实验区\n")?;
/// options.read_hierarchy_csv("parent,child\n淮安市人民政府,洪泽区人民政府\n")?;
/// assert_eq!(options.aliases["平潭县人民政府"], "平潭综合实验区");
/// assert_eq!(options.hierarchy, [("淮安市人民政府".to_string(), "洪泽区人民政府".to_string())]);
/// assert_eq!(options.text_reuse_threshold, 0.5);
/// # Ok::<(), nianbao::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Printed agency name → body key. A report whose agency (as printed, or
    /// normalised) is here belongs to the body with that key; use it for a body renamed
    /// between years, or to merge or split what the names alone decide.
    pub aliases: BTreeMap<String, String>,
    /// Body key (or printed name) → kind of body, for the deadline of its report.
    pub kinds: BTreeMap<String, BodyKind>,
    /// `(parent, child)` pairs: names or keys of bodies, for `rollup.sum`.
    pub hierarchy: Vec<(String, String)>,
    /// The share of a part's text found in the previous year's above which
    /// `series.text_reuse` is reported (default 0.5: "不得超过50%").
    pub text_reuse_threshold: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            aliases: BTreeMap::new(),
            kinds: BTreeMap::new(),
            hierarchy: Vec::new(),
            text_reuse_threshold: 0.5,
        }
    }
}

impl Options {
    /// Read aliases from CSV text: one `name,key` a line, or `name,key,kind` where kind
    /// is `government` (县级以上人民政府) or `department` (部门) and sets
    /// [`Options::kinds`] for the key. A header line `name,key[,kind]`, blank lines and
    /// lines starting with `#` are skipped; fields may be quoted; a full-width comma or a
    /// tab separates fields too.
    ///
    /// Returns [`Error::Csv`] naming the line when a line has fewer than two fields, an
    /// empty name or key, or an unknown kind.
    pub fn read_aliases_csv(&mut self, text: &str) -> Result<(), Error> {
        for (line, fields) in csv_lines(text, "aliases", &["name", "key"])? {
            let (name, key) = (&fields[0], &fields[1]);
            if fields.len() > 3 {
                return Err(csv_error(
                    "aliases",
                    line,
                    "expected `name,key` or `name,key,kind`, got more fields",
                ));
            }
            if let Some(kind) = fields.get(2).filter(|k| !k.is_empty()) {
                let kind = kind
                    .parse::<BodyKind>()
                    .map_err(|e| csv_error("aliases", line, &e))?;
                self.kinds.insert(key.clone(), kind);
            }
            self.aliases.insert(name.clone(), key.clone());
        }
        Ok(())
    }

    /// Read a hierarchy from CSV text: one `parent,child` a line (names or keys of
    /// bodies). Header, blank and `#` lines are skipped as in
    /// [`Options::read_aliases_csv`]. Returns [`Error::Csv`] naming a line without
    /// exactly two non-empty fields, or one that names a body as its own child.
    pub fn read_hierarchy_csv(&mut self, text: &str) -> Result<(), Error> {
        for (line, fields) in csv_lines(text, "hierarchy", &["parent", "child"])? {
            if fields.len() != 2 {
                return Err(csv_error(
                    "hierarchy",
                    line,
                    "expected exactly two fields, `parent,child`",
                ));
            }
            if normalise_name(&fields[0]) == normalise_name(&fields[1]) {
                return Err(csv_error(
                    "hierarchy",
                    line,
                    "a body cannot be its own child",
                ));
            }
            self.hierarchy.push((fields[0].clone(), fields[1].clone()));
        }
        Ok(())
    }
}

fn csv_error(what: &str, line: usize, message: &str) -> Error {
    Error::Csv {
        what: what.to_string(),
        line,
        message: message.to_string(),
    }
}

/// The records of a small CSV text: (1-based line, fields), at least two non-empty.
fn csv_lines(text: &str, what: &str, header: &[&str]) -> Result<Vec<(usize, Vec<String>)>, Error> {
    let mut out = Vec::new();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<String> = line
            .split([',', '，', '\t'])
            .map(|f| f.trim().trim_matches('"').trim().to_string())
            .collect();
        let is_header = fields.len() >= header.len()
            && header
                .iter()
                .zip(&fields)
                .all(|(h, f)| f.eq_ignore_ascii_case(h));
        if out.is_empty() && is_header {
            continue;
        }
        if fields.len() < 2 || fields[0].is_empty() || fields[1].is_empty() {
            return Err(csv_error(
                what,
                i + 1,
                &format!("expected `{}`, got {line:?}", header.join(",")),
            ));
        }
        out.push((i + 1, fields));
    }
    Ok(out)
}

/// The result of [`audit`]: the reports, the bodies they were grouped into, and the
/// findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
pub struct Audit {
    /// Every report audited, in input order; bodies and sides refer to them by index.
    pub reports: Vec<ReportEntry>,
    /// The bodies, by key.
    pub bodies: Vec<Body>,
    /// Reports without an agency or a year (indices into [`Audit::reports`]): not
    /// grouped, not compared.
    pub ungrouped: Vec<usize>,
    /// Every finding: by body (in the order of [`Audit::bodies`]; a rollup finding with
    /// its parent, after the body's own), most severe first, then by year; findings
    /// without a body (a name of the hierarchy without reports, ungrouped reports) last.
    pub findings: Vec<Finding>,
}

/// One body (机关) and its reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
pub struct Body {
    /// The grouping key: given by the caller, or the body's fullest normalised name.
    pub key: String,
    /// The agency names its reports print, distinct, in order of first appearance.
    pub names: Vec<String>,
    /// The kind of body used for the deadlines, or `None` when it is not known.
    pub kind: Option<BodyKind>,
    /// Its reports (indices into [`Audit::reports`]), by year, then input order.
    pub reports: Vec<usize>,
    /// The years it has reports for, ascending, each once.
    pub years: Vec<i32>,
}

/// What the audit says about one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
pub struct ReportEntry {
    /// Where it came from ([`Input::source`]).
    pub source: String,
    /// The agency as printed.
    pub agency: Option<String>,
    /// The year reported on.
    pub year: Option<i32>,
    /// Date of issue (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// The table format.
    pub template: Option<Template>,
    /// The key of its body, `None` when it is not grouped.
    pub body: Option<String>,
    /// The index of the report of the same body and year used for the checks across
    /// years, when this one is a second report of that year.
    pub copy_of: Option<usize>,
    /// Error diagnostics of the report itself.
    pub errors: usize,
    /// Warning diagnostics of the report itself.
    pub warnings: usize,
    /// Findings of the audit that name this report, by severity.
    pub findings: Tally,
    /// The report's status in the audit: `error` when it has error diagnostics of its
    /// own or an error finding names it, `warning` when a warning finding names it,
    /// else `info` (nothing to fix).
    pub status: Severity,
    /// 表三 一、本年新收 总计 (for the chart of the body).
    pub new_received: Option<u64>,
    /// 表三 （一）予以公开 总计.
    pub granted: Option<u64>,
    /// 表三 四、结转下年度继续办理 总计.
    pub carried_forward: Option<u64>,
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify))]
pub struct Tally {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Tally {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

/// One finding: a diagnostic about one or more reports, with the cells it compares.
///
/// `diagnostic.line` / `column` / `page` are those of the first side, the report the
/// finding is about (for a check across years: the later year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
pub struct Finding {
    /// Code, severity, message (Chinese, naming the reports, years, cells and values)
    /// and the position of the first side.
    pub diagnostic: Diagnostic,
    /// The key of the body it concerns, `None` for an ungrouped report.
    pub body: Option<String>,
    /// The year it concerns.
    pub year: Option<i32>,
    /// The reports and cells compared; the first is the report the finding is about.
    pub sides: Vec<Side>,
}

/// One side of a finding: a report, and the cell or field of it that is compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
pub struct Side {
    /// The report (index into [`Audit::reports`]).
    pub report: usize,
    /// Where it came from.
    pub source: String,
    /// Its year.
    pub year: Option<i32>,
    /// The dotted path of the cell or field (`applications.carried_over.total`,
    /// `published`, `sections.1`), or `None` for the report as a whole.
    pub path: Option<String>,
    /// The path in Chinese (表三“二、上年结转政府信息公开申请数量”总计).
    pub label: Option<String>,
    /// The value compared, or `None` when the report leaves it blank.
    pub value: Option<Value>,
    /// 1-based line of the cell in the report's text (`None` when unknown, for example
    /// for a report read back from JSON).
    pub line: Option<u32>,
    /// 1-based column of the cell.
    pub column: Option<u32>,
    /// 1-based page, where the report was a PDF.
    pub page: Option<u32>,
}

/// A value in a finding: a count, or text (a date, a heading). In JSON a number or a
/// string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(Tsify))]
#[serde(untagged)]
pub enum Value {
    /// A whole number.
    Int(i64),
    /// Text.
    Text(String),
}

/// A JSON number (a whole one; JavaScript hands integers over as floats) or string.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number or a string")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
                i64::try_from(v)
                    .map(Value::Int)
                    .map_err(|_| E::custom("number out of range"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
                // Exactly a whole number within ±2^53 (JavaScript's safe integers).
                if v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_992.0 {
                    Ok(Value::Int(v as i64))
                } else {
                    Err(E::custom("not a whole number"))
                }
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

impl Audit {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.diagnostic.severity == Severity::Error)
    }

    /// The findings with one code, in order.
    pub fn findings_with_code(&self, code: &str) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| f.diagnostic.code == code)
            .collect()
    }

    /// The body with this key.
    pub fn body(&self, key: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.key == key)
    }

    /// The findings by severity.
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for f in &self.findings {
            t.add(f.diagnostic.severity);
        }
        t
    }

    /// The readable audit report: one self-contained HTML document (see [`html`]).
    pub fn to_html(&self) -> String {
        html::document(self)
    }
}

/// A report as the checks see it: the input and its index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub index: usize,
    pub source: &'a str,
    pub report: &'a Report,
}

impl<'a> Entry<'a> {
    /// A side of a finding: this report and one of its cells.
    pub(crate) fn side(&self, path: Option<&str>, value: Option<Value>) -> Side {
        let at = path.and_then(|p| self.report.cell_position(p));
        Side {
            report: self.index,
            source: self.source.to_string(),
            year: self.report.year,
            path: path.map(str::to_string),
            label: path.and_then(cell_label),
            value,
            line: at.map(|p| p.line),
            column: at.map(|p| p.column),
            page: at.and_then(|p| p.page),
        }
    }

    /// The file name of the source, for messages.
    pub(crate) fn name(&self) -> &'a str {
        short_name(self.source)
    }

    /// `2023年度报告（name）`, for messages.
    pub(crate) fn called(&self) -> String {
        match self.report.year {
            Some(y) => format!("{y}年度报告（{}）", self.name()),
            None => format!("报告（{}）", self.name()),
        }
    }
}

/// The last component of a path, for messages.
pub(crate) fn short_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

/// A finding being built.
pub(crate) fn finding(
    code: &'static str,
    message: String,
    body: Option<&str>,
    year: Option<i32>,
    sides: Vec<Side>,
) -> Finding {
    let first = sides.first();
    Finding {
        diagnostic: Diagnostic {
            line: first.and_then(|s| s.line),
            column: first.and_then(|s| s.column),
            page: first.and_then(|s| s.page),
            ..crate::codes::diagnostic(code, message)
        },
        body: body.map(str::to_string),
        year,
        sides,
    }
}

/// A body while it is being assembled.
pub(crate) struct Group<'a> {
    pub key: String,
    pub kind: Option<BodyKind>,
    /// Reports by year, then input order.
    pub entries: Vec<Entry<'a>>,
}

impl<'a> Group<'a> {
    /// For each year, the report used for the checks across years and the others.
    pub(crate) fn by_year(&self) -> Vec<(i32, Entry<'a>, Vec<Entry<'a>>)> {
        let mut out: Vec<(i32, Entry<'a>, Vec<Entry<'a>>)> = Vec::new();
        let mut i = 0;
        while i < self.entries.len() {
            let year = self.entries[i].report.year.unwrap_or_default();
            let mut j = i;
            while j < self.entries.len() && self.entries[j].report.year == Some(year) {
                j += 1;
            }
            let same = &self.entries[i..j];
            // The most complete report, the first of those in input order.
            let best = same
                .iter()
                .enumerate()
                .max_by_key(|(k, e)| (cells_given(e.report), std::cmp::Reverse(*k)))
                .map_or(0, |(k, _)| k);
            let others = same
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != best)
                .map(|(_, e)| *e)
                .collect();
            out.push((year, same[best], others));
            i = j;
        }
        out
    }
}

/// How many table cells a report gives (parts 二, 三 and 四).
fn cells_given(report: &Report) -> usize {
    let given = |cells: &[Option<u64>]| cells.iter().filter(|c| c.is_some()).count();
    let mut n = 0;
    if let Some(a) = &report.applications {
        for (_, row) in crate::flat::application_rows(a) {
            n += row.map_or(0, |r| given(&r.columns()));
        }
    }
    if let Some(r) = &report.reviews {
        for g in [
            r.administrative_review,
            r.litigation_direct,
            r.litigation_after_review,
        ] {
            n += given(&g.columns());
        }
    }
    n + match &report.active_disclosure {
        Some(crate::ActiveDisclosure::T2021(t)) => {
            let d = |c: &crate::DocumentCounts| given(&[c.issued, c.repealed, c.in_force]);
            d(&t.regulations)
                + d(&t.normative_documents)
                + given(&[
                    t.licensing.decisions,
                    t.penalty.decisions,
                    t.coercion.decisions,
                ])
                + usize::from(t.fees.amount.is_some())
        }
        Some(crate::ActiveDisclosure::T2019(t)) => {
            let p = |c: &crate::Publications| given(&[c.made, c.published, c.total_published]);
            let i = |c: &crate::ItemChanges| {
                given(&[c.previous_items, c.decisions]) + usize::from(c.change.is_some())
            };
            p(&t.regulations)
                + p(&t.normative_documents)
                + i(&t.licensing)
                + i(&t.other_services)
                + i(&t.penalty)
                + i(&t.coercion)
                + given(&[t.fees.previous_items, t.procurement.items])
                + usize::from(t.fees.change.is_some())
                + usize::from(t.procurement.amount.is_some())
        }
        None => 0,
    }
}

/// Run every check over `inputs` (see the module documentation).
pub fn audit<'a>(inputs: impl IntoIterator<Item = Input<'a>>, options: &Options) -> Audit {
    let inputs: Vec<Input<'a>> = inputs.into_iter().collect();
    let entries: Vec<Entry<'_>> = inputs
        .iter()
        .enumerate()
        .map(|(index, input)| Entry {
            index,
            source: &input.source,
            report: input.report,
        })
        .collect();

    // Group: explicit keys (per report or by alias) first, then names.
    let mut ungrouped = Vec::new();
    let mut keyed: Vec<Option<String>> = vec![None; inputs.len()];
    let mut auto: Vec<(usize, String)> = Vec::new();
    let aliases: HashMap<String, &String> = options
        .aliases
        .iter()
        .map(|(name, key)| (normalise_name(name), key))
        .collect();
    for (i, input) in inputs.iter().enumerate() {
        let report = input.report;
        let agency = report.agency.as_deref().map(normalise_name);
        let explicit = input.key.as_deref().map(normalise_name).or_else(|| {
            let agency = agency.as_ref()?;
            options
                .aliases
                .get(report.agency.as_deref()?)
                .or_else(|| aliases.get(agency).copied())
                .map(|k| normalise_name(k))
        });
        if report.year.is_none()
            || (agency.as_deref().unwrap_or("").is_empty() && explicit.is_none())
        {
            ungrouped.push(i);
            continue;
        }
        match explicit {
            Some(key) => keyed[i] = Some(key),
            None => auto.push((i, agency.unwrap_or_default())),
        }
    }
    for (i, key) in body::keys_from_names(&auto) {
        keyed[i] = Some(key);
    }

    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, key) in keyed.iter().enumerate() {
        if let Some(key) = key {
            by_key.entry(key.clone()).or_default().push(i);
        }
    }
    let kinds: HashMap<String, BodyKind> = options
        .kinds
        .iter()
        .map(|(k, v)| (normalise_name(k), *v))
        .collect();
    let groups: Vec<Group<'_>> = by_key
        .into_iter()
        .map(|(key, mut members)| {
            members.sort_by_key(|&i| (inputs[i].report.year, i));
            let kind = kinds
                .get(&key)
                .copied()
                .or_else(|| members.iter().find_map(|&i| inputs[i].kind))
                .or_else(|| {
                    members.iter().find_map(|&i| {
                        let a = inputs[i].report.agency.as_deref()?;
                        kinds.get(&normalise_name(a)).copied()
                    })
                })
                .or_else(|| BodyKind::of_name(&key));
            Group {
                key,
                kind,
                entries: members.iter().map(|&i| entries[i]).collect(),
            }
        })
        .collect();

    let mut copy_of: Vec<Option<usize>> = vec![None; inputs.len()];
    let years: Vec<rollup::Years<'_>> = groups.iter().map(Group::by_year).collect();
    let mut per_body: Vec<Vec<Finding>> = Vec::with_capacity(groups.len());
    for (group, years) in groups.iter().zip(&years) {
        let mut found = Vec::new();
        for (_, best, others) in years {
            for other in others {
                copy_of[other.index] = Some(best.index);
            }
        }
        series::check_body(group, years, options, &mut found);
        timeliness::check_body(group, &mut found);
        per_body.push(sorted(found));
    }
    // Rollup findings go after their parent body's own.
    let mut rolled: Vec<Vec<Finding>> = vec![Vec::new(); groups.len()];
    let mut loose = Vec::new();
    for (p, f) in rollup::check(&groups, &years, options) {
        match p {
            Some(p) => rolled[p].push(f),
            None => loose.push(f),
        }
    }
    let mut ordered: Vec<Finding> = Vec::new();
    for (own, rolled) in per_body.into_iter().zip(rolled) {
        ordered.extend(own);
        ordered.extend(sorted(rolled));
    }
    ordered.extend(loose);
    for &i in &ungrouped {
        let e = entries[i];
        let missing = match (e.report.agency.is_some(), e.report.year.is_some()) {
            (false, false) => "机关名称和年度",
            (false, true) => "机关名称",
            _ => "年度",
        };
        ordered.push(finding(
            crate::codes::SERIES_UNGROUPED,
            format!(
                "{}未识别出{missing}，未与其他报告比较（可在调用时为其指定机关）",
                e.called()
            ),
            None,
            e.report.year,
            vec![e.side(None, None)],
        ));
    }

    let mut reports: Vec<ReportEntry> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| report_entry(input, keyed[i].clone(), copy_of[i]))
        .collect();
    for f in &ordered {
        let mut seen = Vec::new();
        for side in &f.sides {
            if !seen.contains(&side.report) {
                seen.push(side.report);
                if let Some(r) = reports.get_mut(side.report) {
                    r.findings.add(f.diagnostic.severity);
                }
            }
        }
    }
    for r in &mut reports {
        r.status = if r.errors > 0 || r.findings.errors > 0 {
            Severity::Error
        } else if r.findings.warnings > 0 {
            Severity::Warning
        } else {
            Severity::Info
        };
    }
    let bodies = groups
        .iter()
        .map(|g| {
            let mut names: Vec<String> = Vec::new();
            for e in &g.entries {
                if let Some(a) = &e.report.agency {
                    if !names.contains(a) {
                        names.push(a.clone());
                    }
                }
            }
            let mut years: Vec<i32> = g.entries.iter().filter_map(|e| e.report.year).collect();
            years.dedup();
            Body {
                key: g.key.clone(),
                names,
                kind: g.kind,
                reports: g.entries.iter().map(|e| e.index).collect(),
                years,
            }
        })
        .collect();
    Audit {
        reports,
        bodies,
        ungrouped,
        findings: ordered,
    }
}

/// Findings of one body, most severe first, then by year, then code (stable).
fn sorted(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        (a.diagnostic.severity, a.year, &a.diagnostic.code).cmp(&(
            b.diagnostic.severity,
            b.year,
            &b.diagnostic.code,
        ))
    });
    findings
}

fn report_entry(input: &Input<'_>, body: Option<String>, copy_of: Option<usize>) -> ReportEntry {
    let r = input.report;
    let total = |c: Option<&crate::Counts>| c.and_then(|c| c.total);
    let apps = r.applications.as_ref();
    ReportEntry {
        source: input.source.clone(),
        agency: r.agency.clone(),
        year: r.year,
        published: r.published.clone(),
        template: r.template,
        body,
        copy_of,
        errors: r.diagnostics_of(Severity::Error).count(),
        warnings: r.diagnostics_of(Severity::Warning).count(),
        findings: Tally::default(),
        status: Severity::Info,
        new_received: total(apps.and_then(|a| a.new_received.as_ref())),
        granted: total(apps.and_then(|a| a.granted.as_ref())),
        carried_forward: total(apps.and_then(|a| a.carried_forward.as_ref())),
    }
}
