//! No silent wrong number: prose glued onto a table cell never changes a value
//! without a warning.
//!
//! A random consistent report is written in every layout (tab cells, pipe rows, one
//! cell per paragraph, markdown, `pdftotext -layout`, a flattened page, HTML); then
//! one value cell of part 二, 三 or 四 gets prose glued to it, the way flattening
//! converters run a table into the text after it (`行政事业性收费02025年，我局…`):
//! a year, a date, a unit, a sentence with numbers, a phone number, a `第N条`
//! reference. The property: every cell of the three tables is either exactly the
//! value printed, or `null`; and when any cell is `null`, the report carries a
//! warning (or an error) that says so.
//!
//! A second property writes the cells with other spaces around and between them
//! (U+3000, no-break and thin spaces) and with units glued to them (`2笔`, `984361元`,
//! `64.21万元`), and the parse must be exact.
//!
//! Cases per property: `PROPTEST_CASES` (default 64).

mod support;

use nianbao::{Report, Severity, Template};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use support::gen::{self, Spec};
use support::render::{self, Id, Layout, Rendered};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
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

/// Prose that flattening converters run into a cell, for a report of `year`.
fn prose(year: i32, pick: usize) -> String {
    let next = year + 1;
    let all = [
        format!("{next}年，我局严格按照《条例》规定公开政府信息。"),
        format!("{year}年，我局共收到公民、法人及其他组织提出的申请21件。"),
        format!("{next} 年"),
        format!("{next}年1月24日"),
        format!("{next}-01-24"),
        "12月31日".to_string(),
        "，共收到政府信息公开申请21件。".to_string(),
        "全年累计主动公开政府信息395条。".to_string(),
        "根据第20条规定".to_string(),
        "联系电话：0591-24312145".to_string(),
        "（以下简称《条例》）".to_string(),
        "。二是加强培训3次".to_string(),
    ];
    all[pick % all.len()].clone()
}

/// Every value cell of the spec with its printed value, and the same cell in the
/// report (`None`: null).
fn cells(spec: &Spec, report: &Report) -> Vec<(String, String, Option<String>)> {
    let want = serde_json::json!({
        "active_disclosure": spec.expected_active(),
        "applications": spec.expected_applications(),
        "reviews": spec.expected_reviews(),
        "processing_fees": spec.expected_fees(),
    });
    let got = serde_json::json!({
        "active_disclosure": report.active_disclosure,
        "applications": report.applications,
        "reviews": report.reviews,
        "processing_fees": report.processing_fees,
    });
    let mut out = Vec::new();
    walk("", &want, &got, &mut out);
    out
}

fn walk(
    path: &str,
    want: &serde_json::Value,
    got: &serde_json::Value,
    out: &mut Vec<(String, String, Option<String>)>,
) {
    use serde_json::Value;
    match want {
        Value::Object(m) => {
            for (k, w) in m {
                let g = got.get(k).unwrap_or(&Value::Null);
                walk(&format!("{path}.{k}"), w, g, out);
            }
        }
        Value::Null => {}
        w => out.push((
            path.to_string(),
            w.to_string(),
            (!got.is_null()).then(|| got.to_string()),
        )),
    }
}

fn parse(rendered: &Rendered, input: &str) -> Result<Report, TestCaseError> {
    let r = match rendered.layout {
        Layout::Html => nianbao::parse_bytes(input.as_bytes()),
        _ => nianbao::parse_report(input),
    };
    r.map_err(|e| TestCaseError::fail(format!("{:?}: not parsed: {e}\n{input}", rendered.layout)))
}

/// Every cell exact or null, and a warning when any is null.
fn exact_or_null_with_warning(
    spec: &Spec,
    report: &Report,
    show: &dyn Fn() -> String,
) -> Result<(), TestCaseError> {
    let mut nulls = Vec::new();
    for (path, want, got) in cells(spec, report) {
        match got {
            None => nulls.push(path),
            Some(g) => prop_assert!(
                g == want || g.parse::<f64>().ok() == want.parse::<f64>().ok(),
                "{path}: {g} instead of {want} (a wrong number); {}",
                show()
            ),
        }
    }
    if !nulls.is_empty() {
        let warned = report
            .diagnostics
            .iter()
            .any(|d| d.severity <= Severity::Warning);
        prop_assert!(warned, "{nulls:?} are null without a warning; {}", show());
    }
    Ok(())
}

/// Glue prose after (or before) one value cell.
fn glued_prose(
    spec: &Spec,
    layout: Layout,
    pick: usize,
    which: usize,
    before: bool,
) -> Result<(), TestCaseError> {
    let rendered = render::render(spec, layout);
    let mut ids: Vec<Id> = rendered.cells.keys().copied().collect();
    ids.sort_by_key(|id| format!("{id:?}"));
    let id = ids[pick % ids.len()];
    let (a, b) = rendered.cells[&id];
    let text = prose(spec.year, which);
    let text = match layout {
        Layout::Html => text.replace('<', "&lt;"),
        _ => text,
    };
    let at = if before { a } else { b };
    let input = format!("{}{text}{}", &rendered.input[..at], &rendered.input[at..]);
    let report = parse(&rendered, &input)?;
    let show = || {
        format!(
            "{layout:?}: {id:?} {} “{text}”\n{input}\n{:#?}",
            if before {
                "inserted before"
            } else {
                "inserted after"
            },
            report.diagnostics
        )
    };
    exact_or_null_with_warning(spec, &report, &show)
}

/// Spaces of every kind around the cells, and units glued to them or set off by a space.
fn spaces_and_units(spec: &Spec, layout: Layout, seed: u64) -> Result<(), TestCaseError> {
    const SPACES: [&str; 5] = ["\u{3000}", "\u{a0}", "\u{2009}", "\u{202f}", " \u{3000}"];
    let rendered = render::render(spec, layout);
    let mut rng = render::Rng::new(seed);
    let mut spans: Vec<(Id, (usize, usize))> =
        rendered.cells.iter().map(|(k, v)| (*k, *v)).collect();
    spans.sort_by_key(|(_, s)| s.0);
    let mut input = String::with_capacity(rendered.input.len() * 2);
    let mut at = 0;
    for (id, (a, b)) in spans {
        let value = &rendered.input[a..b];
        // glued digits of a flattened page have no room for anything between them
        let glued = layout == Layout::Glued
            && (rendered.input[..a].ends_with(|c: char| c.is_ascii_digit())
                || rendered.input[b..].starts_with(|c: char| c.is_ascii_digit()));
        let mut before = &rendered.input[at..a];
        let unit = match id {
            Id::Act(..) | Id::Fee(_) if value.contains('.') => "元",
            Id::Act(..) => ["件", "笔", "项", ""][rng.below(4) as usize],
            _ => ["件", ""][rng.below(2) as usize],
        };
        // one ASCII space before the cell becomes another space (the flattened page
        // separates cells with one space)
        let sep = SPACES[rng.below(SPACES.len() as u64) as usize];
        let mut lead = String::new();
        if !glued && before.ends_with(' ') && !before.ends_with("  ") && layout == Layout::Glued {
            before = &before[..before.len() - 1];
            lead.push_str(sep);
        } else if !glued && matches!(layout, Layout::Spaced) && before.ends_with("  ") {
            before = before.trim_end_matches(' ');
            lead.push_str("\u{3000}\u{3000}");
        } else if !glued
            && matches!(
                layout,
                Layout::Tabbed | Layout::Piped | Layout::Markdown | Layout::Paragraphs
            )
        {
            lead.push_str(sep);
        }
        input.push_str(before);
        input.push_str(&lead);
        input.push_str(value);
        if !glued && !value.starts_with(['+', '-']) {
            // a unit set off by one space (`251000 元`, as PDF text has it)
            if !unit.is_empty() && layout != Layout::Glued && rng.below(3) == 0 {
                input.push(' ');
            }
            input.push_str(unit);
        }
        at = b;
    }
    input.push_str(&rendered.input[at..]);
    let report = parse(&rendered, &input)?;
    let show = || format!("{layout:?}\n{input}\n{:#?}", report.diagnostics);
    for (path, want, got) in cells(spec, &report) {
        prop_assert!(
            got.as_deref()
                .is_some_and(|g| g == want || g.parse::<f64>().ok() == want.parse::<f64>().ok()),
            "{path}: {got:?} instead of {want}; {}",
            show()
        );
    }
    let loud: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity <= Severity::Warning && d.code != "cell.implausible")
        .collect();
    prop_assert!(loud.is_empty(), "{loud:#?}; {}", show());
    Ok(())
}

macro_rules! layout_properties {
    ($($layout:ident: $glued:ident, $spaces:ident;)*) => {
        proptest! {
            #![proptest_config(config())]
            $(
                #[test]
                fn $glued(spec in spec(), pick in any::<usize>(), which in any::<usize>(), before in prop::bool::weighted(0.2)) {
                    glued_prose(&spec, Layout::$layout, pick, which, before)?;
                }

                #[test]
                fn $spaces(spec in spec(), seed in any::<u64>()) {
                    spaces_and_units(&spec, Layout::$layout, seed)?;
                }
            )*
        }
    };
}

layout_properties! {
    Tabbed: prose_glued_tabbed, spaces_units_tabbed;
    Piped: prose_glued_piped, spaces_units_piped;
    Paragraphs: prose_glued_paragraphs, spaces_units_paragraphs;
    Markdown: prose_glued_markdown, spaces_units_markdown;
    Spaced: prose_glued_spaced, spaces_units_spaced;
    Glued: prose_glued_flattened, spaces_units_flattened;
    Html: prose_glued_html, spaces_units_html;
}

/// The page that started it: a fee of 0 with the next paragraph's year run into it
/// was read as 2025 without a warning.
#[test]
fn a_year_run_into_the_last_cell_is_not_the_cell() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/pingtan-scj-2025.txt"
    ))
    .unwrap();
    assert!(text.contains("行政事业性收费02025年"));
    let r = nianbao::parse_report(&text).unwrap();
    match r.active_disclosure {
        Some(nianbao::ActiveDisclosure::T2021(t)) => {
            assert_eq!(t.fees.amount, Some("0".parse().unwrap()))
        }
        other => panic!("{other:?}"),
    }
    let forward = r.applications.unwrap().carried_forward.unwrap();
    assert_eq!((forward.natural_person, forward.total), (Some(2), Some(2)));
}

/// Prose glued into the middle of a row, with the row's other values after it: the
/// digits before the prose are not cut into the whole row. Found by the property
/// above: `127 0 0 1112020 年 0 0 238` was read as `1|2|7|0|0|1|11` (the row's own
/// identity holds for it) and `100，共收到政府信息公开申请21件。00` as `1|0|0`: wrong
/// numbers, not nulls.
#[test]
fn prose_inside_a_row_does_not_end_it() {
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/pingtan-jjp-2025.txt"
    ))
    .unwrap();
    let forward_at = "结转下年度继续办理 0000000四、";
    let fees_at = "实际收取金额（元）000六、";
    assert!(page.contains(forward_at) && page.contains(fees_at));
    let with = |forward: &str, fees: &str| {
        let text = page
            .replacen(forward_at, &format!("结转下年度继续办理 {forward}四、"), 1)
            .replacen(fees_at, &format!("实际收取金额（元）{fees}六、"), 1);
        nianbao::parse_report(&text).unwrap()
    };
    let forward = |r: &Report| r.applications.as_ref().unwrap().carried_forward.unwrap();
    let warned = |r: &Report, code: &str| {
        r.diagnostics
            .iter()
            .any(|d| d.code == code && d.severity == Severity::Warning)
    };

    // the same rows without the prose are read exactly: 1|0|0 is the one split of 100
    let plain = with("127 0 0 111 0 0 238", "100");
    let row = forward(&plain);
    assert_eq!(
        (row.natural_person, row.legal_service_org, row.total),
        (Some(127), Some(0), Some(238))
    );
    let fees = plain.processing_fees.as_ref().unwrap();
    assert_eq!(fees.notified_count, Some(1));
    assert_eq!(fees.collected_amount, Some("0".parse().unwrap()));

    let glued = with(
        "127 0 0 1112026 年 0 0 238",
        "100，共收到政府信息公开申请21件。00",
    );
    let row = forward(&glued);
    assert_eq!(
        (row.natural_person, row.other_org, row.total),
        (None, None, None)
    );
    assert!(warned(&glued, "applications.row_incomplete"));
    let fees = glued.processing_fees.as_ref().unwrap();
    assert_eq!((fees.notified_count, fees.collected_amount), (None, None));
    assert!(warned(&glued, "processing_fees.incomplete"));
}

/// A value that looks like a year, a date or a phone number is kept, with a warning
/// that quotes the text.
#[test]
fn implausible_values_are_flagged() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/qijiang-gongan-2024.txt"
    ))
    .unwrap();
    for (value, looks) in [
        ("2025", "年份"),
        ("20250124", "日期"),
        ("13912345678", "手机号码"),
    ] {
        let changed = text.replacen("\t118487", &format!("\t{value}"), 1);
        assert_ne!(changed, text);
        let r = nianbao::parse_report(&changed).unwrap();
        let d: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == "cell.implausible")
            .collect();
        assert_eq!(d.len(), 1, "{value}: {:#?}", r.diagnostics);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(
            d[0].message.contains(looks) && d[0].message.contains(value),
            "{}",
            d[0].message
        );
        assert!(
            d[0].message.starts_with("表二“行政许可”行"),
            "{}",
            d[0].message
        );
    }
}
