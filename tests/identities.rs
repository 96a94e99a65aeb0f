//! For each identity of report-format.md: change one cell of a real report (the
//! fixture `qijiang-gongan-2024.txt`, DOCX-to-text with tab cells, consistent as
//! published) and assert the exact diagnostics, with the line of the cell.

use nianbao::{parse_report, Diagnostic, Report, Severity};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Set the `col`-th value cell (0-based) after the row label `label` in a tab-cell
/// report. Returns the new text and the 1-based line of the changed cell.
fn set_cell(text: &str, label: &str, col: usize, value: &str) -> (String, u32) {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == label)
        .unwrap_or_else(|| panic!("no row {label}"));
    let mut seen = 0;
    for i in start + 1..lines.len() {
        if lines[i].starts_with('\t') {
            if seen == col {
                lines[i] = format!("\t{value}");
                return (lines.join("\n"), i as u32 + 1);
            }
            seen += 1;
        }
    }
    panic!("row {label} has no cell {col}");
}

fn errors(r: &Report) -> Vec<&Diagnostic> {
    r.diagnostics_of(Severity::Error).collect()
}

fn codes(ds: &[&Diagnostic]) -> Vec<String> {
    let mut c: Vec<String> = ds.iter().map(|d| d.code.clone()).collect();
    c.sort();
    c
}

fn find<'a>(r: &'a Report, code: &str) -> Vec<&'a Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

const QIJIANG: &str = "qijiang-gongan-2024.txt";

#[test]
fn the_published_report_is_consistent() {
    let r = parse_report(&fixture(QIJIANG)).unwrap();
    assert!(errors(&r).is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn balance_of_part_three() {
    // 四、结转下年度继续办理 · 自然人: 0 → 1 breaks 一+二 = （七）+四 in that column
    let (text, _) = set_cell(&fixture(QIJIANG), "四、结转下年度继续办理", 0, "1");
    let r = parse_report(&text).unwrap();
    assert_eq!(
        codes(&errors(&r)),
        ["applications.balance", "applications.row_total"]
    );
    let d = find(&r, "applications.balance")[0];
    assert_eq!(
        d.message,
        "第一项加第二项之和应等于第三项加第四项之和（自然人列：3 + 0 ≠ 3 + 1）"
    );
    // it points at the （七）总计 cell of that column
    let (_, total_line) = set_cell(&fixture(QIJIANG), "（七）总计", 0, "3");
    assert_eq!(d.line, Some(total_line));
    assert_eq!(d.column, Some(2));
    let rt = find(&r, "applications.row_total")[0];
    assert_eq!(
        rt.message,
        "表三“四、结转下年度继续办理”行总计应等于六类申请人之和（1 + 0 + 0 + 0 + 0 + 0 = 1 ≠ 0）"
    );
}

#[test]
fn outcomes_add_up_to_the_total() {
    // （一）予以公开 · 自然人: 1 → 2
    let (text, line) = set_cell(&fixture(QIJIANG), "（一）予以公开", 0, "2");
    let r = parse_report(&text).unwrap();
    assert_eq!(
        codes(&errors(&r)),
        ["applications.outcomes_sum", "applications.row_total"]
    );
    assert_eq!(
        find(&r, "applications.outcomes_sum")[0].message,
        "（七）总计应等于各项办理结果之和（自然人列：（七）总计为3，（一）至（六）各项之和为4）"
    );
    let rt = find(&r, "applications.row_total")[0];
    assert_eq!(
        rt.message,
        "表三“（一）予以公开”行总计应等于六类申请人之和（2 + 1 + 0 + 0 + 0 + 0 = 3 ≠ 2）"
    );
    // the row total points at the row's 总计 cell, six lines below the changed one
    assert_eq!(rt.line, Some(line + 6));
}

#[test]
fn row_total_is_the_sum_of_six_columns() {
    // 一、本年新收 · 总计: 4 → 5
    let (text, line) = set_cell(
        &fixture(QIJIANG),
        "一、本年新收政府信息公开申请数量",
        6,
        "5",
    );
    let r = parse_report(&text).unwrap();
    assert_eq!(
        codes(&errors(&r)),
        ["applications.balance", "applications.row_total"]
    );
    let rt = find(&r, "applications.row_total")[0];
    assert_eq!(rt.message, "表三“一、本年新收政府信息公开申请数量”行总计应等于六类申请人之和（3 + 1 + 0 + 0 + 0 + 0 = 4 ≠ 5）");
    assert_eq!(rt.line, Some(line));
    assert_eq!(
        find(&r, "applications.balance")[0].message,
        "第一项加第二项之和应等于第三项加第四项之和（总计列：5 + 0 ≠ 4 + 0）"
    );
}

#[test]
fn review_groups_add_up() {
    let text = fixture(QIJIANG);
    // part 四's first value row: 行政复议 · 总计 is the fifth number after the header
    let (text, line) = {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let head = lines
            .iter()
            .position(|l| l.contains("四、政府信息公开行政复议"))
            .unwrap();
        let first = (head..lines.len()).find(|i| lines[*i] == "\t1").unwrap();
        lines[first + 4] = "\t2".into();
        (lines.join("\n"), first as u32 + 5)
    };
    let r = parse_report(&text).unwrap();
    assert_eq!(codes(&errors(&r)), ["reviews.group_total"]);
    let d = find(&r, "reviews.group_total")[0];
    assert_eq!(d.message, "表四“行政复议”总计应等于结果维持、结果纠正、其他结果、尚未审结之和（1 + 0 + 0 + 0 = 1 ≠ 2）");
    assert_eq!(d.line, Some(line));
    // the prose says 行政复议1件
    assert_eq!(
        find(&r, "narrative.review")[0].message,
        "正文称行政复议1件，表四行政复议总计为2"
    );
}

#[test]
fn cells_that_are_not_counts() {
    for (value, code, message) in [
        (
            "一",
            "cell.not_a_number",
            "表三“（一）予以公开”行自然人列应为数字，实为“一”",
        ),
        (
            "-1",
            "cell.negative",
            "表三“（一）予以公开”行自然人列不应为负数，实为“-1”",
        ),
        (
            "1.5",
            "cell.decimal",
            "表三“（一）予以公开”行自然人列应为整数，实为“1.5”",
        ),
        (
            "99999999999999999999999",
            "cell.overflow",
            "表三“（一）予以公开”行自然人列的数值“99999999999999999999999”过大，无法读取",
        ),
    ] {
        let (text, line) = set_cell(&fixture(QIJIANG), "（一）予以公开", 0, value);
        let r = parse_report(&text).unwrap();
        assert_eq!(codes(&errors(&r)), [code], "{value}");
        let d = find(&r, code)[0];
        assert_eq!(d.message, message);
        assert_eq!(d.line, Some(line));
        // the cell is null, never an invented number, so its identities are not assessable
        let a = r.applications.as_ref().unwrap();
        assert_eq!(a.granted.unwrap().natural_person, None);
        assert_eq!(a.granted.unwrap().commercial_enterprise, Some(1));
        assert!(!find(&r, "applications.not_assessable").is_empty());
    }
}

#[test]
fn a_blank_cell_is_null_and_not_an_error() {
    for blank in ["/", "-", "—", "无", ""] {
        let (text, _) = set_cell(&fixture(QIJIANG), "（一）予以公开", 0, blank);
        let r = parse_report(&text).unwrap();
        assert!(errors(&r).is_empty(), "{blank:?}: {:?}", r.diagnostics);
        assert_eq!(
            r.applications
                .as_ref()
                .unwrap()
                .granted
                .unwrap()
                .natural_person,
            None
        );
        let na = find(&r, "applications.not_assessable");
        assert_eq!(na.len(), 1);
        assert_eq!(na[0].severity, Severity::Info);
        assert!(
            na[0].message.contains("（一）予以公开"),
            "{}",
            na[0].message
        );
    }
}

#[test]
fn template_mixtures_and_outdated_templates() {
    let text = fixture(QIJIANG).replace("\t行政规范性文件", "\t规范性文件");
    let r = parse_report(&text).unwrap();
    assert_eq!(find(&r, "structure.template_mixed").len(), 1);
    assert_eq!(r.template, Some(nianbao::Template::T2021));

    // a 2019-template table in a report for 2022
    let text = fixture("pingtan-shiyanqu-2020.txt").replace(
        "平潭综合实验区2020年政府信息公开工作年度报告",
        "平潭综合实验区2022年政府信息公开工作年度报告",
    );
    let r = parse_report(&text).unwrap();
    assert_eq!(r.year, Some(2022));
    assert_eq!(r.template, Some(nianbao::Template::T2019));
    let d = find(&r, "structure.template_outdated");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
}

#[test]
fn other_handling_printed_as_one_row() {
    let r = parse_report(&fixture("hongze-quzhengfu-2023.layout.txt")).unwrap();
    let d = find(&r, "applications.other_handling_single_row");
    assert_eq!(d.len(), 1);
    let oh = &r.applications.as_ref().unwrap().other_handling;
    assert_eq!(oh.overdue_correction, None);
    assert_eq!(oh.overdue_fee, None);
    assert_eq!(oh.other.unwrap().total, Some(0));
}

#[test]
fn missing_parts() {
    let text: String = fixture(QIJIANG)
        .lines()
        .filter(|l| !l.contains("五、存在的主要问题及改进情况"))
        .collect::<Vec<_>>()
        .join("\n");
    let r = parse_report(&text).unwrap();
    let d = find(&r, "structure.section_missing");
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("第五部分"));
    assert_eq!(
        r.sections.iter().map(|s| s.number).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
}

#[test]
fn prose_against_tables() {
    let text = fixture("tongliang-gongan-2025.txt");
    assert!(find(&parse_report(&text).unwrap(), "narrative.received").is_empty());
    let changed = text.replace(
        "全年共收到政府信息公开申请15件",
        "全年共收到政府信息公开申请17件",
    );
    let r = parse_report(&changed).unwrap();
    let d = find(&r, "narrative.received");
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].message,
        "正文称收到申请17件，表三“本年新收”总计为15（加上年结转为16）"
    );
    assert!(errors(&r).is_empty());
}

#[test]
fn reports_before_2019_are_refused() {
    let err = parse_report(&fixture("pingtan-xianzhengfu-2011.txt")).unwrap_err();
    assert_eq!(err.code(), "pre_2019_template");
    assert!(err.to_string().contains("2011"), "{err}");
}

/// The 信息处理费收取情况 table of a real 2025 page (pingtan-jjp-2025, printed `000`),
/// with its cells changed: 实际收取 more than 通知收取 is a warning; a fee notified
/// but not collected is an info that names table 三's （六）2 row.
#[test]
fn processing_fees_checks() {
    let text = fixture("pingtan-jjp-2025.txt");
    let table = "实际收取金额（元）000六、";
    assert!(text.contains(table));
    let r = parse_report(&text).unwrap();
    let f = r.processing_fees.clone().unwrap();
    assert_eq!(f.notified_count, Some(0));
    assert!(find(&r, "processing_fees.unpaid").is_empty());
    assert!(find(&r, "processing_fees.collected_exceeds_notified").is_empty());

    let over = parse_report(&text.replace(table, "实际收取金额（元） 1 800 900 六、")).unwrap();
    let f = over.processing_fees.clone().unwrap();
    assert_eq!(f.notified_count, Some(1));
    assert_eq!(f.notified_amount, "800".parse().ok());
    assert_eq!(f.collected_amount, "900".parse().ok());
    let d = find(&over, "processing_fees.collected_exceeds_notified");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(
        d[0].message,
        "信息处理费实际收取金额900元多于通知收取金额800元"
    );

    let unpaid = parse_report(&text.replace(table, "实际收取金额（元） 1 800 0 六、")).unwrap();
    let d = find(&unpaid, "processing_fees.unpaid");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Info);
    assert!(
        d[0].message
            .contains("通知收取信息处理费800元，实际收取0元")
            && d[0]
                .message
                .contains("（六）2.申请人逾期未按收费通知要求缴纳费用”行总计为0"),
        "{}",
        d[0].message
    );
    assert!(errors(&unpaid).is_empty());
}
