//! Round-trip properties: a random consistent report (2021 or 2019 template), written
//! in every layout the parser reads (tab cells, pipe rows, one cell per paragraph,
//! markdown, `pdftotext -layout`, glued digits, HTML), parses back to the same tables,
//! template, year, agency and sections, with no error and no warning. And changing one
//! cell of part 三 or 四 in the text gives the identity errors, at the cells the checks
//! name (the row's 总计 cell, the column's （七）总计 cell, the group's 总计 cell).
//!
//! The generator and the renderers are in `tests/support`. Cases per property:
//! `PROPTEST_CASES` (default 64). The glued layout glues part-三 rows of at most 14
//! digits by default (longer rows get spaces, as real pages do); a deeper run:
//! `PROPTEST_CASES=2000 NIANBAO_GLUE_MAX_DIGITS=24 cargo test --release -p nianbao --test roundtrip`.

mod support;

use nianbao::{codes, Diagnostic, Report, Severity, Template};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use support::gen::{self, Spec, FORWARD, TOTAL};
use support::render::{self, Id, Layout, Rendered};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        // failures are shrunk and printed; regressions are kept as plain tests below
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        3 => gen::spec(Template::T2021),
        1 => gen::spec(Template::T2019),
    ]
}

fn parse(layout: Layout, input: &str) -> Result<Report, TestCaseError> {
    let r = match layout {
        Layout::Html => nianbao::parse_bytes(input.as_bytes()),
        _ => nianbao::parse_report(input),
    };
    r.map_err(|e| TestCaseError::fail(format!("{layout:?}: not parsed: {e}\n{input}")))
}

/// Text without white space, punctuation folded to half-width (as pipe rows print it).
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            c => c,
        })
        .collect()
}

/// Steer clear of parser issues already reported (each has a test in
/// `known_issues` below); remove a line here when its issue is fixed.
fn avoid_known_issues(spec: &Spec, layout: Layout) -> Spec {
    let mut spec = spec.clone();
    // known_issues::inline_heading_window: in a page flattened onto one line, only
    // the first 14 characters after 四、/五、 are searched for the part's words, so
    // 四、因政府信息公开工作被申请行政复议… and 五、政府信息公开工作存在的主要问题…
    // are not headings.
    if layout == Layout::Glued {
        if spec.headings[3].starts_with("因") {
            spec.headings[3] = "政府信息公开行政复议、行政诉讼情况".into();
        }
        if spec.headings[4].starts_with("政府信息公开工作") {
            spec.headings[4] = "存在的主要问题及改进情况".into();
        }
    }
    spec
}

/// parse(render(spec, layout)) gives `spec` back.
fn roundtrip(spec: &Spec, layout: Layout) -> Result<(), TestCaseError> {
    let spec = &avoid_known_issues(spec, layout);
    let rendered = render::render(spec, layout);
    let report = parse(layout, &rendered.input)?;
    let show = || format!("{layout:?}\n{}\n{:#?}", rendered.input, report.diagnostics);

    prop_assert_eq!(report.template, Some(spec.template), "template; {}", show());
    prop_assert_eq!(report.year, Some(spec.year), "year; {}", show());
    prop_assert_eq!(
        report.agency.as_deref(),
        Some(spec.agency.as_str()),
        "agency; {}",
        show()
    );
    prop_assert_eq!(
        report.title.clone(),
        Some(spec.title()),
        "title; {}",
        show()
    );
    prop_assert_eq!(
        report.published.clone(),
        Some(spec.published_iso()),
        "published; {}",
        show()
    );
    let numbers: Vec<u8> = report.sections.iter().map(|s| s.number).collect();
    let parts = spec.parts();
    let expected: Vec<u8> = parts.iter().map(|(n, _)| *n).collect();
    prop_assert_eq!(&numbers, &expected, "section numbers; {}", show());
    for (s, (_, p)) in report.sections.iter().zip(&parts) {
        prop_assert_eq!(
            s.heading.as_str(),
            spec.heading_of(*p),
            "heading of part {}; {}",
            s.number,
            show()
        );
        for para in &spec.prose_of(*p) {
            prop_assert!(
                squeeze(&s.text).contains(&squeeze(para)),
                "part {} lost its prose {:?}: {:?}; {}",
                s.number,
                para,
                s.text,
                show()
            );
        }
    }
    prop_assert_eq!(
        report.active_disclosure.clone(),
        Some(spec.expected_active()),
        "part 二; {}",
        show()
    );
    prop_assert_eq!(
        report.applications.clone(),
        Some(spec.expected_applications()),
        "part 三; {}",
        show()
    );
    prop_assert_eq!(
        report.reviews.clone(),
        Some(spec.expected_reviews()),
        "part 四; {}",
        show()
    );
    prop_assert_eq!(
        report.processing_fees.clone(),
        spec.expected_fees(),
        "信息处理费收取情况; {}",
        show()
    );
    // a count equal to the report's year or a year next to it is flagged by design
    let year_like = |d: &Diagnostic| {
        d.code == codes::CELL_IMPLAUSIBLE
            && (spec.year - 1..=spec.year + 1)
                .any(|y| d.message.contains(&format!("为{y}，像是年份")))
    };
    let loud: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info && !year_like(d))
        .collect();
    prop_assert!(
        loud.is_empty(),
        "errors or warnings: {:#?}; {}",
        loud,
        show()
    );
    Ok(())
}

const IDENTITIES: [&str; 4] = [
    codes::APPLICATIONS_ROW_TOTAL,
    codes::APPLICATIONS_BALANCE,
    codes::APPLICATIONS_OUTCOMES_SUM,
    codes::REVIEWS_GROUP_TOTAL,
];

/// The value of a part-三 / 四 cell in the spec.
fn value(spec: &Spec, id: Id) -> u64 {
    match id {
        Id::App(r, c) => spec.apps[r][c],
        Id::Rev(g, c) => spec.reviews[g][c],
        Id::Act(..) | Id::Fee(_) => unreachable!(),
    }
}

/// A different count: `old ± (1 + delta % 30)`.
fn changed(old: u64, delta: u64) -> u64 {
    let d = 1 + delta % 30;
    if delta.is_multiple_of(3) && old >= d {
        old - d
    } else {
        old + d
    }
}

/// Change one cell of part 三 or 四 in the rendered text: the identities through that
/// cell are reported as errors, at the cells `checks.rs` names.
fn one_cell_changed(
    spec: &Spec,
    layout: Layout,
    pick: usize,
    delta: u64,
) -> Result<(), TestCaseError> {
    let spec = &avoid_known_issues(spec, layout);
    let rendered: Rendered = render::render(spec, layout);
    let mut ids: Vec<Id> = rendered.hard.iter().copied().collect();
    ids.sort_by_key(|id| format!("{id:?}"));
    prop_assume!(!ids.is_empty());
    let id = ids[pick % ids.len()];
    let new = changed(value(spec, id), delta);
    let input = render::set_cell(&rendered, id, &new.to_string());
    let report = parse(layout, &input)?;
    let line = |id: Id| rendered.lines[&id];
    let show = || {
        format!(
            "{layout:?}: {id:?} {} → {new} (line {})\n{}\n{:#?}",
            value(spec, id),
            line(id),
            input,
            report.diagnostics
        )
    };
    let errors: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for e in &errors {
        prop_assert!(
            IDENTITIES.contains(&e.code.as_str()),
            "unexpected error {:?}; {}",
            e,
            show()
        );
    }
    // (code, line it must point at)
    let mut want: Vec<(&str, u32)> = Vec::new();
    match id {
        Id::App(r, c) => {
            want.push((codes::APPLICATIONS_ROW_TOTAL, line(Id::App(r, 6))));
            let total = line(Id::App(TOTAL, c));
            if r <= 1 || r == FORWARD || r == TOTAL {
                want.push((codes::APPLICATIONS_BALANCE, total));
            }
            if (2..=TOTAL).contains(&r) {
                want.push((codes::APPLICATIONS_OUTCOMES_SUM, total));
            }
        }
        Id::Rev(g, _) => want.push((codes::REVIEWS_GROUP_TOTAL, line(Id::Rev(g, 4)))),
        Id::Act(..) | Id::Fee(_) => unreachable!(),
    }
    for (code, at) in &want {
        prop_assert!(
            errors.iter().any(|e| e.code == *code),
            "no {} error; {}",
            code,
            show()
        );
        prop_assert!(
            errors
                .iter()
                .any(|e| e.code == *code && e.line == Some(*at)),
            "{} is not reported at line {}; {}",
            code,
            at,
            show()
        );
    }
    // the brief's property: some identity error points at the changed cell or at the
    // total cell of its row / column
    let near: Vec<u32> = match id {
        Id::App(r, c) => vec![line(id), line(Id::App(r, 6)), line(Id::App(TOTAL, c))],
        Id::Rev(g, _) => vec![line(id), line(Id::Rev(g, 4))],
        Id::Act(..) | Id::Fee(_) => unreachable!(),
    };
    prop_assert!(
        errors
            .iter()
            .any(|e| e.line.is_some_and(|l| near.contains(&l))),
        "no identity error at lines {:?}; {}",
        near,
        show()
    );
    Ok(())
}

macro_rules! layout_properties {
    ($($layout:ident: $rt:ident, $mu:ident;)*) => {
        proptest! {
            #![proptest_config(config())]
            $(
                #[test]
                fn $rt(spec in spec()) {
                    roundtrip(&spec, Layout::$layout)?;
                }

                #[test]
                fn $mu(spec in spec(), pick in any::<usize>(), delta in any::<u64>()) {
                    one_cell_changed(&spec, Layout::$layout, pick, delta)?;
                }
            )*
        }
    };
}

layout_properties! {
    Tabbed: roundtrip_tabbed, changed_cell_tabbed;
    Piped: roundtrip_piped, changed_cell_piped;
    Paragraphs: roundtrip_paragraphs, changed_cell_paragraphs;
    Markdown: roundtrip_markdown, changed_cell_markdown;
    Spaced: roundtrip_spaced, changed_cell_spaced;
    Glued: roundtrip_glued, changed_cell_glued;
    Html: roundtrip_html, changed_cell_html;
}

/// The generator itself: every identity holds in what it makes.
#[test]
fn generated_reports_are_consistent() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..200 {
        let s = spec().new_tree(&mut runner).unwrap().current();
        for row in &s.apps {
            assert_eq!(row[..6].iter().sum::<u64>(), row[6]);
        }
        for c in 0..7 {
            let outcomes: u64 = (2..TOTAL).map(|r| s.apps[r][c]).sum();
            assert_eq!(outcomes, s.apps[TOTAL][c]);
            assert_eq!(
                s.apps[0][c] + s.apps[1][c],
                s.apps[TOTAL][c] + s.apps[FORWARD][c]
            );
        }
        for g in &s.reviews {
            assert_eq!(g[..4].iter().sum::<u64>(), g[4]);
        }
    }
}

/// The glued layout only glues digits that split one way.
#[test]
fn unique_splits_are_counted() {
    let ok = |v: &[u64]| v[..6].iter().sum::<u64>() == v[6];
    // 71|3|0|0|0|0|74
    assert_eq!(gen::splits("713000074", 7, &ok, 10), 1);
    // 1|1|0|0|0|0|2 only
    assert_eq!(gen::splits("1100002", 7, &ok, 10), 1);
    assert_eq!(gen::splits("100000111", 7, &ok, 10), 1);
    // 0|1|12|0|0|1|14 and 0|11|2|0|0|1|14
    assert_eq!(gen::splits("011200114", 7, &ok, 10), 2);
    assert_eq!(gen::splits("8855698", 3, &|_| true, 100), 15);
}

/// Parser issues the properties found, each with the smallest input that shows it;
/// fixed in the core and kept as tests (the generator still steers clear of these
/// shapes, `avoid_known_issues`, so that the random cases test the rest).
mod known_issues {
    use super::*;

    /// In a page flattened onto one line, a part heading is recognised by the words
    /// in the first 14 characters after its ordinal: the template's own variants
    /// 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况 and
    /// 五、政府信息公开工作存在的主要问题及改进情况 have them later, so parts 四 and
    /// 五 are missing, and part 四's table is read as part of part 三.
    #[test]
    fn inline_heading_window() {
        let mut spec = Spec::example();
        spec.headings[3] = "因政府信息公开工作被申请行政复议、提起行政诉讼情况".into();
        spec.headings[4] = "政府信息公开工作存在的主要问题及改进情况".into();
        let r = render::render(&spec, Layout::Glued);
        let report = nianbao::parse_report(&r.input).unwrap();
        let numbers: Vec<u8> = report.sections.iter().map(|s| s.number).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6], "{}", r.input);
        assert_eq!(report.reviews, Some(spec.expected_reviews()));
    }

    /// Glued digits whose split the row identity decides, but that have more than
    /// 20 000 splits into seven counts (20 digits and more), are not split at all:
    /// `12345678912345677489` is 1234|5678|91|23|456|7|7489 and nothing else with
    /// 总计 = the six columns, yet the row is read as incomplete (all null).
    #[test]
    fn long_glued_rows() {
        let ok = |v: &[u64]| v[..6].iter().sum::<u64>() == v[6];
        assert_eq!(gen::splits("12345678912345677489", 7, &ok, 10), 1);
        let mut spec = Spec::example();
        spec.set_granted([1234, 5678, 91, 23, 456, 7]);
        let r = render::render_with(&spec, Layout::Glued, true);
        assert!(r.input.contains("12345678912345677489"));
        let report = nianbao::parse_report(&r.input).unwrap();
        assert_eq!(
            report.applications,
            Some(spec.expected_applications()),
            "{:#?}",
            report.diagnostics
        );
    }

    /// A sentence printed between a part's heading and its table is taken into the
    /// table's span and lost from the part's `text` (here part 四, in every layout).
    #[test]
    fn prose_before_a_table_is_lost() {
        let spec = Spec::example();
        let mut lost = Vec::new();
        for layout in render::ALL {
            let r = render::render(&spec, layout);
            let report = r.parse().unwrap();
            for s in &report.sections {
                let p = usize::from(s.number - 1);
                for para in &spec.prose[p] {
                    if !squeeze(&s.text).contains(&squeeze(para)) {
                        lost.push(format!(
                            "{layout:?}: part {} lost {para:?}: {:?}",
                            s.number, s.text
                        ));
                    }
                }
            }
        }
        assert!(lost.is_empty(), "{lost:#?}");
    }
}
