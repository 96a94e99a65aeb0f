//! One flat row per report, for datasets (CSV, Parquet, Arrow, pandas, Spark).
//!
//! Column names are stable and dotted after the JSON keys
//! (`applications.new_received.total`); the set of columns does not depend on the
//! report: both templates' part-二 columns are always present, empty where the report's
//! template does not have them.
//!
//! ## Column types
//!
//! [`schema`] states the type of every column of [`row`]; [`dataset_schema`] adds the
//! columns a dataset file has around them. Writers of typed datasets (the CLI's
//! `--parquet`, the Python module's `to_arrow`, the Spark example) follow it, so that
//! every tool reads the same types. Every column is nullable: `null` is a value the
//! report does not give (never a made-up 0), or, for a file that failed, every column
//! but `path`, `error` and `error_message`.
//!
//! | columns | [`ColumnType`] | Arrow / Parquet | pandas |
//! |---|---|---|---|
//! | `path` | `Text` | `string` (UTF-8) | `string` |
//! | `title`, `agency`, `template`, `sections` (`1 2 3 4 5`), `error_codes` | `Text` | `string` | `string` |
//! | `year`, `errors`, `warnings`, every count of the tables (`applications.*`, `reviews.*`, `active_disclosure.*` but money, `processing_fees.notified_count`) | `Int` | `int64` | `Int64` |
//! | `published` | `Date` | `date32` (days since 1970-01-01) | `datetime64` |
//! | money: `active_disclosure.fees.amount` (万元), `active_disclosure.procurement.amount`, `processing_fees.notified_amount`, `processing_fees.collected_amount` (元) | `Money` | `float64` (the nearest double to the printed decimal, the number the JSON carries) | `Float64` |
//! | `error`, `error_message` | `Text` | `string` | `string` |
//! | `diagnostics` | `Diagnostics` | `list<struct<code: string, severity: string, message: string, line: int64, column: int64, page: int64>>` | objects |
//!
//! ```
//! use nianbao::flat::{schema, ColumnType};
//! let cols = schema();
//! let year = cols.iter().find(|c| c.name == "year").unwrap();
//! assert_eq!(year.ty, ColumnType::Int);
//! let fees = cols.iter().find(|c| c.name == "active_disclosure.fees.amount").unwrap();
//! assert_eq!(fees.ty, ColumnType::Money);
//! assert_eq!(cols.len(), nianbao::flat::columns().len());
//! ```

use crate::{ActiveDisclosure, Counts, Report, ReviewCounts, Severity};

/// One value of a flat row.
///
/// ```
/// use nianbao::flat::Value;
/// assert_eq!(Value::Int(3).to_string(), "3");
/// assert_eq!(Value::Null.to_string(), "");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Not given by the report.
    Null,
    /// A whole number (counts, year, signed changes).
    Int(i64),
    /// An exact decimal (money).
    Amount(crate::Amount),
    /// Text (title, agency, dates, template).
    Text(String),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Null => Ok(()),
            Value::Int(i) => write!(f, "{i}"),
            Value::Amount(a) => write!(f, "{a}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// The type of a flat column (see the table in the [module docs](self)).
///
/// ```
/// assert_eq!(nianbao::flat::ColumnType::Money.as_str(), "money");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnType {
    /// A whole number ([`Value::Int`]): counts, years, signed changes; `int64`.
    Int,
    /// Money ([`Value::Amount`]), an exact decimal in the report; `float64` in typed
    /// datasets (the number the JSON carries).
    Money,
    /// Text ([`Value::Text`]); UTF-8 `string`.
    Text,
    /// A date `YYYY-MM-DD` ([`Value::Text`], see [`date_days`]); `date32`.
    Date,
    /// The diagnostics of a report (only in [`dataset_schema`]): a list of
    /// `{code, severity, message, line, column, page}`.
    Diagnostics,
}

impl ColumnType {
    /// The type's name: `int`, `money`, `text`, `date` or `diagnostics`.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Int => "int",
            ColumnType::Money => "money",
            ColumnType::Text => "text",
            ColumnType::Date => "date",
            ColumnType::Diagnostics => "diagnostics",
        }
    }
}

impl std::fmt::Display for ColumnType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One column of a typed flat table: its stable name and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The stable dotted name (`applications.new_received.total`).
    pub name: String,
    /// Its type.
    pub ty: ColumnType,
}

/// A date `YYYY-MM-DD` (as in [`Report::published`]) as days since 1970-01-01, the
/// value of an Arrow `date32`; `None` for anything else (a date that does not exist
/// included).
///
/// ```
/// use nianbao::flat::date_days;
/// assert_eq!(date_days("1970-01-02"), Some(1));
/// assert_eq!(date_days("2025-01-24"), Some(20112));
/// assert_eq!(date_days("1969-12-31"), Some(-1));
/// assert_eq!(date_days("2024-02-29"), Some(19782));
/// assert_eq!(date_days("2023-02-29"), None);
/// assert_eq!(date_days("2025-1-24"), None);
/// ```
pub fn date_days(date: &str) -> Option<i32> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = &date[r];
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Days from civil (proleptic Gregorian), after H. Hinnant.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

fn int(v: Option<u64>) -> Value {
    v.and_then(|v| i64::try_from(v).ok())
        .map_or(Value::Null, Value::Int)
}

fn signed(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::Int)
}

fn amount(v: Option<crate::Amount>) -> Value {
    v.map_or(Value::Null, Value::Amount)
}

fn text(v: Option<&str>) -> Value {
    v.map_or(Value::Null, |s| Value::Text(s.to_string()))
}

/// The part-三 rows as (dotted path under `applications`, row), in table order.
pub(crate) fn application_rows(a: &crate::Applications) -> [(&'static str, Option<&Counts>); 25] {
    [
        ("new_received", a.new_received.as_ref()),
        ("carried_over", a.carried_over.as_ref()),
        ("granted", a.granted.as_ref()),
        ("partially_granted", a.partially_granted.as_ref()),
        ("withheld.state_secret", a.withheld.state_secret.as_ref()),
        (
            "withheld.prohibited_by_law",
            a.withheld.prohibited_by_law.as_ref(),
        ),
        (
            "withheld.security_stability",
            a.withheld.security_stability.as_ref(),
        ),
        (
            "withheld.third_party_rights",
            a.withheld.third_party_rights.as_ref(),
        ),
        (
            "withheld.internal_affairs",
            a.withheld.internal_affairs.as_ref(),
        ),
        (
            "withheld.process_information",
            a.withheld.process_information.as_ref(),
        ),
        (
            "withheld.enforcement_files",
            a.withheld.enforcement_files.as_ref(),
        ),
        (
            "withheld.administrative_query",
            a.withheld.administrative_query.as_ref(),
        ),
        ("unavailable.not_held", a.unavailable.not_held.as_ref()),
        (
            "unavailable.needs_creation",
            a.unavailable.needs_creation.as_ref(),
        ),
        (
            "unavailable.still_unclear",
            a.unavailable.still_unclear.as_ref(),
        ),
        (
            "not_processed.complaint_petition",
            a.not_processed.complaint_petition.as_ref(),
        ),
        (
            "not_processed.duplicate",
            a.not_processed.duplicate.as_ref(),
        ),
        (
            "not_processed.publication",
            a.not_processed.publication.as_ref(),
        ),
        (
            "not_processed.excessive",
            a.not_processed.excessive.as_ref(),
        ),
        (
            "not_processed.confirmation",
            a.not_processed.confirmation.as_ref(),
        ),
        (
            "other_handling.overdue_correction",
            a.other_handling.overdue_correction.as_ref(),
        ),
        (
            "other_handling.overdue_fee",
            a.other_handling.overdue_fee.as_ref(),
        ),
        ("other_handling.other", a.other_handling.other.as_ref()),
        ("processed_total", a.processed_total.as_ref()),
        ("carried_forward", a.carried_forward.as_ref()),
    ]
}

/// The flat row of a report: `(column name, value)` in the stable column order.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt")).unwrap();
/// let report = nianbao::parse_report(&text).unwrap();
/// let row = nianbao::flat::row(&report);
/// let total = row.iter().find(|(k, _)| k == "applications.new_received.total").unwrap();
/// assert_eq!(total.1, nianbao::flat::Value::Int(4));
/// assert_eq!(row.len(), nianbao::flat::columns().len());
/// ```
pub fn row(report: &Report) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::with_capacity(COLUMN_COUNT);
    visit(report, &mut |k, _, v| out.push((k.to_string(), v)));
    out
}

/// The values of [`row`] without their names, in the same order (no allocation per
/// column name).
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt")).unwrap();
/// let report = nianbao::parse_report(&text).unwrap();
/// let values = nianbao::flat::values(&report);
/// let names = nianbao::flat::columns();
/// let at = names.iter().position(|c| c == "applications.new_received.total").unwrap();
/// assert_eq!(values[at], nianbao::flat::Value::Int(4));
/// ```
pub fn values(report: &Report) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(COLUMN_COUNT);
    visit(report, &mut |_, _, v| out.push(v));
    out
}

/// The number of flat columns (a capacity hint; [`columns`] gives them).
const COLUMN_COUNT: usize = 240;

/// Every flat column of a report in order: its name, its type and its value. The one
/// place where a column gets its name, its type and its value.
fn visit(report: &Report, put: &mut dyn FnMut(&str, ColumnType, Value)) {
    use ColumnType::{Date, Int, Money, Text};
    put("title", Text, text(report.title.as_deref()));
    put("agency", Text, text(report.agency.as_deref()));
    put(
        "year",
        Int,
        report
            .year
            .map_or(Value::Null, |y| Value::Int(i64::from(y))),
    );
    put("published", Date, text(report.published.as_deref()));
    put("template", Text, text(report.template.map(|t| t.as_str())));
    put(
        "sections",
        Text,
        Value::Text(
            report
                .sections
                .iter()
                .map(|s| s.number.to_string())
                .collect::<Vec<_>>()
                .join(" "),
        ),
    );
    let errors = report.diagnostics_of(Severity::Error).count();
    let warnings = report.diagnostics_of(Severity::Warning).count();
    put("errors", Int, Value::Int(errors as i64));
    put("warnings", Int, Value::Int(warnings as i64));
    put(
        "error_codes",
        Text,
        Value::Text(
            report
                .diagnostics_of(Severity::Error)
                .map(|d| d.code.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ),
    );

    let (a21, a19) = match &report.active_disclosure {
        Some(ActiveDisclosure::T2021(t)) => (Some(t), None),
        Some(ActiveDisclosure::T2019(t)) => (None, Some(t)),
        None => (None, None),
    };
    let p = "active_disclosure.";
    let mut put_int = |name: &str, v: Value| put(&format!("{p}{name}"), Int, v);
    for (name, c) in [
        ("regulations", a21.map(|t| &t.regulations)),
        ("normative_documents", a21.map(|t| &t.normative_documents)),
    ] {
        put_int(&format!("{name}.issued"), int(c.and_then(|c| c.issued)));
        put_int(&format!("{name}.repealed"), int(c.and_then(|c| c.repealed)));
        put_int(&format!("{name}.in_force"), int(c.and_then(|c| c.in_force)));
    }
    for (name, c) in [
        ("regulations", a19.map(|t| &t.regulations)),
        ("normative_documents", a19.map(|t| &t.normative_documents)),
    ] {
        put_int(&format!("{name}.made"), int(c.and_then(|c| c.made)));
        put_int(
            &format!("{name}.published"),
            int(c.and_then(|c| c.published)),
        );
        put_int(
            &format!("{name}.total_published"),
            int(c.and_then(|c| c.total_published)),
        );
    }
    for (name, d21, d19) in [
        (
            "licensing",
            a21.map(|t| t.licensing.decisions),
            a19.map(|t| &t.licensing),
        ),
        ("other_services", None, a19.map(|t| &t.other_services)),
        (
            "penalty",
            a21.map(|t| t.penalty.decisions),
            a19.map(|t| &t.penalty),
        ),
        (
            "coercion",
            a21.map(|t| t.coercion.decisions),
            a19.map(|t| &t.coercion),
        ),
    ] {
        put_int(
            &format!("{name}.previous_items"),
            int(d19.and_then(|c| c.previous_items)),
        );
        put_int(
            &format!("{name}.change"),
            signed(d19.and_then(|c| c.change)),
        );
        let decisions = d21.flatten().or_else(|| d19.and_then(|c| c.decisions));
        put_int(&format!("{name}.decisions"), int(decisions));
    }
    put(
        &format!("{p}fees.amount"),
        Money,
        amount(a21.and_then(|t| t.fees.amount)),
    );
    put(
        &format!("{p}fees.previous_items"),
        Int,
        int(a19.and_then(|t| t.fees.previous_items)),
    );
    put(
        &format!("{p}fees.change"),
        Int,
        signed(a19.and_then(|t| t.fees.change)),
    );
    put(
        &format!("{p}procurement.items"),
        Int,
        int(a19.and_then(|t| t.procurement.items)),
    );
    put(
        &format!("{p}procurement.amount"),
        Money,
        amount(a19.and_then(|t| t.procurement.amount)),
    );

    let empty = crate::Applications::default();
    let apps = report.applications.as_ref().unwrap_or(&empty);
    for (path, counts) in application_rows(apps) {
        let cols = counts.map(Counts::columns).unwrap_or([None; 7]);
        for (key, v) in Counts::KEYS.iter().zip(cols) {
            put(&format!("applications.{path}.{key}"), Int, int(v));
        }
    }
    let r = report.reviews.as_ref();
    for (name, g) in [
        ("administrative_review", r.map(|r| r.administrative_review)),
        ("litigation_direct", r.map(|r| r.litigation_direct)),
        (
            "litigation_after_review",
            r.map(|r| r.litigation_after_review),
        ),
    ] {
        let cols = g.map(|g| g.columns()).unwrap_or([None; 5]);
        for (key, v) in ReviewCounts::KEYS.iter().zip(cols) {
            put(&format!("reviews.{name}.{key}"), Int, int(v));
        }
    }
    let fees = report.processing_fees.as_ref();
    put(
        "processing_fees.notified_count",
        Int,
        int(fees.and_then(|f| f.notified_count)),
    );
    put(
        "processing_fees.notified_amount",
        Money,
        amount(fees.and_then(|f| f.notified_amount)),
    );
    put(
        "processing_fees.collected_amount",
        Money,
        amount(fees.and_then(|f| f.collected_amount)),
    );
}

/// The stable column names of [`row`], in order.
///
/// ```
/// let cols = nianbao::flat::columns();
/// assert_eq!(cols[0], "title");
/// assert!(cols.contains(&"reviews.administrative_review.total".to_string()));
/// ```
pub fn columns() -> Vec<String> {
    schema().into_iter().map(|c| c.name).collect()
}

/// The columns of [`row`] with their types, in order (see the table in the
/// [module docs](self)).
///
/// ```
/// use nianbao::flat::ColumnType;
/// let schema = nianbao::flat::schema();
/// assert_eq!(schema[0].name, "title");
/// assert!(schema.iter().filter(|c| c.name.starts_with("applications.")).all(|c| c.ty == ColumnType::Int));
/// ```
pub fn schema() -> Vec<Column> {
    let empty = Report {
        title: None,
        agency: None,
        year: None,
        published: None,
        template: None,
        sections: Vec::new(),
        active_disclosure: None,
        applications: None,
        reviews: None,
        processing_fees: None,
        diagnostics: Vec::new(),
        cells: Default::default(),
    };
    let mut out = Vec::with_capacity(COLUMN_COUNT);
    visit(&empty, &mut |name, ty, _| {
        out.push(Column {
            name: name.to_string(),
            ty,
        })
    });
    out
}

/// The columns of a typed dataset file (Parquet, Arrow), in order: `path` (the file
/// the row comes from), the columns of [`schema`], then `error` and `error_message`
/// (the [`crate::Error::code`] and message of a file that gave no report; `null` for
/// a report) and `diagnostics` (every diagnostic of the report; `null` for a file
/// that failed).
///
/// ```
/// let cols = nianbao::flat::dataset_schema();
/// assert_eq!(cols[0].name, "path");
/// let names: Vec<&str> = cols[cols.len() - 3..].iter().map(|c| c.name.as_str()).collect();
/// assert_eq!(names, ["error", "error_message", "diagnostics"]);
/// assert_eq!(cols.len(), nianbao::flat::columns().len() + 4);
/// ```
pub fn dataset_schema() -> Vec<Column> {
    let column = |name: &str, ty| Column {
        name: name.to_string(),
        ty,
    };
    let mut out = vec![column("path", ColumnType::Text)];
    out.extend(schema());
    out.push(column("error", ColumnType::Text));
    out.push(column("error_message", ColumnType::Text));
    out.push(column("diagnostics", ColumnType::Diagnostics));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_days_counts_every_day_from_1900_to_2100() {
        let mut days = -25_567; // 1900-01-01
        for y in 1900..2100 {
            for m in 1..=12 {
                for d in 1..=31 {
                    let date = format!("{y:04}-{m:02}-{d:02}");
                    if let Some(n) = date_days(&date) {
                        assert_eq!(n, days, "{date}");
                        days += 1;
                    }
                }
            }
        }
        assert_eq!(date_days("2100-01-01"), Some(days));
        assert_eq!(days, 47_482);
    }

    #[test]
    fn every_column_has_one_type_and_a_unique_name() {
        let schema = dataset_schema();
        let mut names: Vec<&str> = schema.iter().map(|c| c.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), schema.len());
        let money: Vec<&str> = schema
            .iter()
            .filter(|c| c.ty == ColumnType::Money)
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(
            money,
            [
                "active_disclosure.fees.amount",
                "active_disclosure.procurement.amount",
                "processing_fees.notified_amount",
                "processing_fees.collected_amount"
            ]
        );
    }
}
