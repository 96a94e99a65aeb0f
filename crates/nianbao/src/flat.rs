//! One flat row per report, for datasets (CSV, pandas).
//!
//! Column names are stable and dotted after the JSON keys
//! (`applications.new_received.total`); the set of columns does not depend on the
//! report: both templates' part-二 columns are always present, empty where the report's
//! template does not have them.

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
    let mut out: Vec<(String, Value)> = Vec::with_capacity(260);
    let mut put = |k: &str, v: Value| out.push((k.to_string(), v));
    put("title", text(report.title.as_deref()));
    put("agency", text(report.agency.as_deref()));
    put(
        "year",
        report
            .year
            .map_or(Value::Null, |y| Value::Int(i64::from(y))),
    );
    put("published", text(report.published.as_deref()));
    put("template", text(report.template.map(|t| t.as_str())));
    put(
        "sections",
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
    put("errors", Value::Int(errors as i64));
    put("warnings", Value::Int(warnings as i64));
    put(
        "error_codes",
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
    for (name, c) in [
        ("regulations", a21.map(|t| &t.regulations)),
        ("normative_documents", a21.map(|t| &t.normative_documents)),
    ] {
        put(&format!("{p}{name}.issued"), int(c.and_then(|c| c.issued)));
        put(
            &format!("{p}{name}.repealed"),
            int(c.and_then(|c| c.repealed)),
        );
        put(
            &format!("{p}{name}.in_force"),
            int(c.and_then(|c| c.in_force)),
        );
    }
    for (name, c) in [
        ("regulations", a19.map(|t| &t.regulations)),
        ("normative_documents", a19.map(|t| &t.normative_documents)),
    ] {
        put(&format!("{p}{name}.made"), int(c.and_then(|c| c.made)));
        put(
            &format!("{p}{name}.published"),
            int(c.and_then(|c| c.published)),
        );
        put(
            &format!("{p}{name}.total_published"),
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
        put(
            &format!("{p}{name}.previous_items"),
            int(d19.and_then(|c| c.previous_items)),
        );
        put(
            &format!("{p}{name}.change"),
            signed(d19.and_then(|c| c.change)),
        );
        let decisions = d21.flatten().or_else(|| d19.and_then(|c| c.decisions));
        put(&format!("{p}{name}.decisions"), int(decisions));
    }
    put(
        &format!("{p}fees.amount"),
        amount(a21.and_then(|t| t.fees.amount)),
    );
    put(
        &format!("{p}fees.previous_items"),
        int(a19.and_then(|t| t.fees.previous_items)),
    );
    put(
        &format!("{p}fees.change"),
        signed(a19.and_then(|t| t.fees.change)),
    );
    put(
        &format!("{p}procurement.items"),
        int(a19.and_then(|t| t.procurement.items)),
    );
    put(
        &format!("{p}procurement.amount"),
        amount(a19.and_then(|t| t.procurement.amount)),
    );

    let empty = crate::Applications::default();
    let apps = report.applications.as_ref().unwrap_or(&empty);
    for (path, counts) in application_rows(apps) {
        let cols = counts.map(Counts::columns).unwrap_or([None; 7]);
        for (key, v) in Counts::KEYS.iter().zip(cols) {
            put(&format!("applications.{path}.{key}"), int(v));
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
            put(&format!("reviews.{name}.{key}"), int(v));
        }
    }
    out
}

/// The stable column names of [`row`], in order.
///
/// ```
/// let cols = nianbao::flat::columns();
/// assert_eq!(cols[0], "title");
/// assert!(cols.contains(&"reviews.administrative_review.total".to_string()));
/// ```
pub fn columns() -> Vec<String> {
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
    row(&empty).into_iter().map(|(k, _)| k).collect()
}
