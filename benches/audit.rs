//! Speed of [`nianbao::audit::audit`] on 10,000 parsed reports, against the time to
//! parse them.
//!
//! The reports are the real reports of `<repo>/tests/fixtures` (the `.txt`, `.md` and
//! `.layout.txt` files that parse), taken in turn: 2,000 bodies × 5 years (2020–2024),
//! each parsed from its text and then given its body's name and its year, so that every
//! body has a full run of years and every check across years runs (carry chain per
//! column, 现行有效件数, the text of two parts against last year's, deadlines), and with
//! a hierarchy of 400 parents over 4 children each (`rollup.sum` over 表三 for every
//! parent and year).
//!
//! - `audit/parse_10000`: parsing the 10,000 texts ([`nianbao::parse_report`]), one
//!   thread;
//! - `audit/audit_10000`: auditing the 10,000 parsed reports, one thread;
//! - `audit/audit_to_html_10000`: rendering the audit's HTML report.
//!
//! `cargo bench -p nianbao --bench audit` (about two minutes: each sample of the parse
//! takes seconds).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao::audit::{self, Input, Options};
use nianbao::Report;

const BODIES: usize = 2_000;
const YEARS: [i32; 5] = [2020, 2021, 2022, 2023, 2024];

/// The texts of the fixtures that parse, in file-name order.
fn texts() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    names.sort();
    names
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter(|t| nianbao::parse_report(t).is_ok_and(|r| r.applications.is_some()))
        .collect()
}

/// The name of body `b`: 400 district governments (parents) with four departments each.
fn body_name(b: usize) -> String {
    let district = b / 5;
    match b % 5 {
        0 => format!("测试市第{district}区人民政府"),
        k => format!("测试市第{district}区第{k}局"),
    }
}

fn corpus() -> (Vec<String>, Vec<(String, Report)>, Options) {
    let pool = texts();
    assert!(!pool.is_empty(), "no fixture parses");
    let mut texts = Vec::with_capacity(BODIES * YEARS.len());
    let mut reports = Vec::with_capacity(BODIES * YEARS.len());
    for b in 0..BODIES {
        for (y, year) in YEARS.iter().enumerate() {
            let text = &pool[(b * YEARS.len() + y) % pool.len()];
            let mut report = nianbao::parse_report(text).expect("parses");
            report.agency = Some(body_name(b));
            report.year = Some(*year);
            report.published = Some(format!("{}-01-{:02}", year + 1, 10 + b % 30));
            texts.push(text.clone());
            reports.push((format!("{}/{year}.txt", body_name(b)), report));
        }
    }
    let mut options = Options::default();
    for b in (0..BODIES).step_by(5) {
        for k in 1..5 {
            options.hierarchy.push((body_name(b), body_name(b + k)));
        }
    }
    (texts, reports, options)
}

fn bench(c: &mut Criterion) {
    let (texts, reports, options) = corpus();
    let n = reports.len() as u64;
    let run = || {
        audit::audit(
            reports.iter().map(|(s, r)| Input::new(s.clone(), r)),
            &options,
        )
    };
    let result = run();
    eprintln!(
        "audit of {n} reports: {} bodies, {} findings ({} errors, {} warnings, {} infos)",
        result.bodies.len(),
        result.findings.len(),
        result.tally().errors,
        result.tally().warnings,
        result.tally().infos
    );

    let mut group = c.benchmark_group("audit");
    group.throughput(Throughput::Elements(n));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("audit_10000", |b| b.iter(|| black_box(run())));
    group.bench_function("audit_to_html_10000", |b| {
        b.iter(|| black_box(result.to_html()))
    });
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("parse_10000", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(nianbao::parse_report(t).ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
