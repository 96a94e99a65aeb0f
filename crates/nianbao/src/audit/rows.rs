//! One flat row per finding, for CSV and pandas (`nianbao audit --csv`, Python
//! `Audit.to_rows()`).
//!
//! The first side of a finding (the report it is about) fills `file` … `value`, the
//! second side (the other year, the other copy, the first child) fills `other_*`;
//! `sides` says how many sides the finding has (the in-force check compares four
//! cells, a rollup one per child), all of which are in the JSON output.

use crate::flat::Value;

use super::{Finding, Side};

/// The column names of [`row`], in order.
pub const COLUMNS: [&str; 20] = [
    "body",
    "year",
    "severity",
    "code",
    "message",
    "file",
    "line",
    "column",
    "page",
    "cell",
    "label",
    "value",
    "other_file",
    "other_year",
    "other_line",
    "other_column",
    "other_page",
    "other_cell",
    "other_value",
    "sides",
];

fn text(v: Option<&str>) -> Value {
    v.map_or(Value::Null, |s| Value::Text(s.to_string()))
}

fn int(v: Option<u32>) -> Value {
    v.map_or(Value::Null, |n| Value::Int(i64::from(n)))
}

fn value(side: Option<&Side>) -> Value {
    match side.and_then(|s| s.value.as_ref()) {
        Some(super::Value::Int(i)) => Value::Int(*i),
        Some(super::Value::Text(t)) => Value::Text(t.clone()),
        None => Value::Null,
    }
}

/// The flat row of a finding: one value per name of [`COLUMNS`].
///
/// ```
/// use nianbao::audit::{self, rows, Input, Options};
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/kaizhou-gongan-2021.txt")).unwrap();
/// let mut report = nianbao::parse_report(&text).unwrap();
/// report.published = Some("2022-02-10".into());
/// let result = audit::audit([Input::new("kaizhou.txt", &report)], &Options::default());
/// let row = rows::row(&result.findings[0]);
/// assert_eq!(row.len(), rows::COLUMNS.len());
/// assert_eq!(row[3].to_string(), "timeliness.late");
/// assert_eq!(row[5].to_string(), "kaizhou.txt");
/// assert_eq!(row[11].to_string(), "2022-02-10");
/// ```
pub fn row(f: &Finding) -> Vec<Value> {
    let a = f.sides.first();
    let b = f.sides.get(1);
    vec![
        text(f.body.as_deref()),
        f.year.map_or(Value::Null, |y| Value::Int(i64::from(y))),
        Value::Text(f.diagnostic.severity.as_str().to_string()),
        Value::Text(f.diagnostic.code.clone()),
        Value::Text(f.diagnostic.message.clone()),
        text(a.map(|s| s.source.as_str())),
        int(f.diagnostic.line),
        int(f.diagnostic.column),
        int(f.diagnostic.page),
        text(a.and_then(|s| s.path.as_deref())),
        text(a.and_then(|s| s.label.as_deref())),
        value(a),
        text(b.map(|s| s.source.as_str())),
        b.and_then(|s| s.year)
            .map_or(Value::Null, |y| Value::Int(i64::from(y))),
        int(b.and_then(|s| s.line)),
        int(b.and_then(|s| s.column)),
        int(b.and_then(|s| s.page)),
        text(b.and_then(|s| s.path.as_deref())),
        value(b),
        Value::Int(f.sides.len() as i64),
    ]
}
