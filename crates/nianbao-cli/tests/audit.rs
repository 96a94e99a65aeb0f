//! End-to-end tests of `nianbao audit` on the real series in `<repo>/tests/fixtures`
//! (and `tests/fixtures/series`, copies of reports of the shared corpus).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> PathBuf {
    let top = repo().join("tests/fixtures").join(name);
    if top.exists() {
        top
    } else {
        repo().join("tests/fixtures/series").join(name)
    }
}

/// A fresh, empty scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("audit-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn nianbao(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env_remove("RAYON_NUM_THREADS")
        .stdin(Stdio::null())
        .output()
        .expect("run nianbao");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "nianbao panicked: {stderr}");
    output
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Copy fixtures into `dir`.
fn copy(dir: &Path, names: &[&str]) {
    for name in names {
        std::fs::copy(fixture(name), dir.join(name)).expect("copy fixture");
    }
}

/// 洪泽区's 2024 report (pdftotext layout) with the 自然人 cell of 二、上年结转 changed
/// from 0 to 3; returns its path and the cell's 1-based (line, column).
fn changed_hongze_2024(dir: &Path) -> (PathBuf, usize, usize) {
    let text = std::fs::read_to_string(fixture("hongze-quzhengfu-2024.layout.txt")).unwrap();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("二、上年结转政府信息公开申请数量"))
        .expect("the 上年结转 row");
    let chars: Vec<char> = lines[i].chars().collect();
    let col = chars
        .iter()
        .position(|c| *c == '0')
        .expect("its first cell");
    let mut changed = chars.clone();
    changed[col] = '3';
    lines[i] = changed.into_iter().collect();
    let path = dir.join("hongze-quzhengfu-2024.layout.txt");
    std::fs::write(&path, lines.join("\n")).unwrap();
    (path, i + 1, col + 1)
}

/// 洪泽区 2023 beside its 2024 report with 上年结转 自然人 changed to 3 (2023's 结转下年度
/// is 0 in every column): one error line pointing at the changed cell, exit status 1,
/// a summary per body on stderr.
#[test]
fn a_changed_carry_over_is_an_error_line_and_exit_1() {
    let dir = scratch("carry");
    copy(&dir, &["hongze-quzhengfu-2023.layout.txt"]);
    let (path, line, col) = changed_hongze_2024(&dir);
    let out = nianbao(&["audit", s(&dir)]);
    assert_eq!(code(&out), 1, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [format!(
            "{}:{line}:{col}: error series.carry_chain 上年结转与上年度的结转下年度不一致（自然人列）：2024年度报告（hongze-quzhengfu-2024.layout.txt）“二、上年结转政府信息公开申请数量”为3，2023年度报告（hongze-quzhengfu-2023.layout.txt）“四、结转下年度继续办理”为0",
            s(&path)
        )]
    );
    assert_eq!(line, 96);
    let err = stderr(&out);
    assert!(
        err.contains(
            "nianbao: 淮安市洪泽区人民政府: 2023 2024 (2 reports): 1 error, 0 warnings, 2 infos"
        ),
        "{err}"
    );
    assert!(
        err.contains("nianbao: audited 2 reports in 1 body; 1 error, 0 warnings, 2 infos"),
        "{err}"
    );

    // --verbose adds what could not be assessed (neither report gives its date).
    let out = nianbao(&["audit", "-v", s(&dir)]);
    assert_eq!(stdout(&out).matches("timeliness.not_assessable").count(), 2);
    // --quiet: errors only, no summary.
    let out = nianbao(&["audit", "-q", s(&dir)]);
    assert_eq!(stdout(&out).lines().count(), 1);
    assert_eq!(stderr(&out), "");
}

/// The real series as they are: no error (exit 0); the one finding printed by default
/// is 平潭综合实验区's missing 2021 report.
#[test]
fn the_real_series_pass() {
    let dir = scratch("real");
    copy(
        &dir,
        &[
            "hongze-quzhengfu-2023.layout.txt",
            "hongze-quzhengfu-2024.layout.txt",
            "pingtan-shiyanqu-2019.txt",
            "pingtan-shiyanqu-2020.txt",
            "pingtan-shiyanqu-2022.txt",
        ],
    );
    let out = nianbao(&["audit", s(&dir)]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "{}:-:-: info series.gap 缺少2021年度的报告：该机关有2020年度报告（pingtan-shiyanqu-2020.txt）和2022年度报告（pingtan-shiyanqu-2022.txt）\n",
            s(&dir.join("pingtan-shiyanqu-2022.txt"))
        )
    );
    assert!(stderr(&out).contains("平潭综合实验区: 2019 2020 2022 (3 reports; missing 2021)"));
}

/// --csv: a header and one row per finding (every severity); --json: the audit.
#[test]
fn csv_and_json() {
    let dir = scratch("csv");
    copy(&dir, &["hongze-quzhengfu-2023.layout.txt"]);
    let (path, line, col) = changed_hongze_2024(&dir);
    let out = nianbao(&["audit", "--csv", s(&dir)]);
    assert_eq!(code(&out), 1);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, nianbao::audit::rows::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let carry: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[3] == "series.carry_chain")
        .collect();
    assert_eq!(carry.len(), 1);
    let r = carry[0];
    assert_eq!(&r[0], "淮安市洪泽区人民政府");
    assert_eq!(&r[1], "2024");
    assert_eq!(&r[2], "error");
    assert_eq!(&r[5], s(&path));
    assert_eq!(
        (&r[6], &r[7]),
        (line.to_string().as_str(), col.to_string().as_str())
    );
    assert_eq!(&r[9], "applications.carried_over.natural_person");
    assert_eq!(&r[11], "3");
    assert_eq!(&r[12], s(&dir.join("hongze-quzhengfu-2023.layout.txt")));
    assert_eq!(&r[17], "applications.carried_forward.natural_person");
    assert_eq!(&r[18], "0");
    assert_eq!(&r[19], "2");
    assert_eq!(rows.len(), 3, "and the two reports without a date");

    let out = nianbao(&["audit", "--json", s(&dir)]);
    let audit: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(audit["bodies"][0]["key"], "淮安市洪泽区人民政府");
    assert_eq!(audit["bodies"][0]["years"], serde_json::json!([2023, 2024]));
    let f = &audit["findings"][0];
    assert_eq!(f["diagnostic"]["code"], "series.carry_chain");
    assert_eq!(f["sides"][0]["value"], 3);
    assert_eq!(f["sides"][1]["line"], 132);
}

/// --html writes one self-contained file with the bodies × years table, the finding
/// with its cells highlighted, and a chart.
#[test]
fn html_report() {
    let dir = scratch("html");
    copy(&dir, &["hongze-quzhengfu-2023.layout.txt"]);
    changed_hongze_2024(&dir);
    let html = dir.join("out").join("audit.html");
    std::fs::create_dir_all(html.parent().unwrap()).unwrap();
    let out = nianbao(&["audit", "--html", s(&html), s(&dir)]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains(&format!("HTML report: {}", s(&html))));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!doctype html>") && page.contains("<style>"));
    assert!(!page.contains("<script") && !page.contains("<link"));
    assert!(page.contains("data-path=\"applications.carried_over.natural_person\">3</td>"));
    assert!(page.contains("class=\"nb-value nb-hl\""));
    assert!(page.contains("<svg"));
    // A path that cannot be written: exit 2 with the reason.
    let out = nianbao(&[
        "audit",
        "--html",
        s(&dir.join("no/such/dir/a.html")),
        s(&dir),
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot write the HTML report"));
}

/// A hierarchy: 洪泽区 2024 as the parent of a copy of its own report under another
/// name with its （一）予以公开 自然人 cell changed from 50 to 51: one warning (exit 0).
/// A hierarchy CSV with a wrong line: exit 2 naming the file and line.
#[test]
fn hierarchy_and_its_errors() {
    let dir = scratch("hierarchy");
    copy(&dir, &["hongze-quzhengfu-2024.layout.txt"]);
    let text = std::fs::read_to_string(fixture("hongze-quzhengfu-2024.layout.txt")).unwrap();
    let child = text
        .replacen("淮安市洪泽区人民政府", "淮安市洪泽区人民政府办公室", 1)
        .replacen(
            "（一）予以公开                    50",
            "（一）予以公开                    51",
            1,
        );
    assert_ne!(child, text);
    std::fs::write(dir.join("child.txt"), child).unwrap();
    let csv = scratch("hierarchy-csv").join("h.csv");
    std::fs::write(&csv, "parent,child\n洪泽区人民政府,洪泽区人民政府办公室\n").unwrap();
    let out = nianbao(&["audit", "--hierarchy", s(&csv), s(&dir)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| l.contains("rollup.sum"))
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 1, "{}", stdout(&out));
    assert!(lines[0].contains(" warning rollup.sum 上下级汇总不一致：淮安市洪泽区人民政府2024年度报告（hongze-quzhengfu-2024.layout.txt）表三“（一）予以公开”自然人为50，下级1个机关之和为51（淮安市洪泽区人民政府办公室 51）"), "{}", lines[0]);

    std::fs::write(&csv, "parent,child\n洪泽区人民政府\n").unwrap();
    let out = nianbao(&["audit", "--hierarchy", s(&csv), s(&dir)]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        format!(
            "nianbao: {}: the hierarchy CSV, line 2: expected `parent,child`, got \"洪泽区人民政府\"\n",
            s(&csv)
        )
    );
}

/// --kind and --aliases: 平潭综合实验区's 2020 report (published 2021-03-05) is late for
/// a department; an alias file can say the same.
#[test]
fn kinds_and_aliases() {
    let dir = scratch("kinds");
    copy(&dir, &["pingtan-shiyanqu-2020.txt"]);
    let late = "warning timeliness.late 2020年度报告（pingtan-shiyanqu-2020.txt）发布日期为2021-03-05，晚于法定期限2021-01-31，逾期33天";
    let out = nianbao(&["audit", s(&dir)]);
    assert_eq!(stdout(&out), "");
    let out = nianbao(&["audit", "--kind", "平潭综合实验区=department", s(&dir)]);
    assert_eq!(code(&out), 0, "a warning does not fail the run");
    assert!(stdout(&out).contains(late), "{}", stdout(&out));
    let aliases = scratch("kinds-csv").join("aliases.csv");
    std::fs::write(
        &aliases,
        "name,key,kind\n平潭综合实验区,平潭综合实验区管委会,department\n",
    )
    .unwrap();
    let out = nianbao(&["audit", "--aliases", s(&aliases), "--json", s(&dir)]);
    let audit: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(audit["bodies"][0]["key"], "平潭综合实验区管委会");
    assert_eq!(audit["bodies"][0]["kind"], "department");
    let out = nianbao(&["audit", "--kind", "平潭综合实验区", s(&dir)]);
    assert_eq!(code(&out), 2, "a usage error");
    assert!(stderr(&out).contains("NAME=government"));
}

/// A file that is not a report is reported and the others are still audited; 2 wins
/// over 1.
#[test]
fn files_that_fail_exit_2_and_the_rest_is_audited() {
    let dir = scratch("fail");
    copy(&dir, &["hongze-quzhengfu-2023.layout.txt"]);
    changed_hongze_2024(&dir);
    std::fs::write(dir.join("notes.txt"), "这不是一份年度报告。").unwrap();
    let out = nianbao(&["audit", s(&dir)]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("notes.txt: the text is not a 政府信息公开工作年度报告"));
    assert!(stdout(&out).contains("error series.carry_chain"));
    assert!(stderr(&out).contains("; 1 file failed"));
}

/// The whole shared corpus: the real findings (four missing years, one report in two
/// files, two files without agency and year) and no error or warning; exit 2 for the
/// READMEs and the reports from before 2019 that are in it.
#[test]
fn the_shared_corpus() {
    let corpus = repo().join("../shared/corpus");
    if !corpus.exists() {
        eprintln!("../shared/corpus is absent: skipped");
        return;
    }
    let out = nianbao(&["audit", s(&corpus)]);
    assert_eq!(
        code(&out),
        2,
        "README.md and pre-2019 reports are not reports"
    );
    let text = stdout(&out);
    let codes: Vec<&str> = text
        .lines()
        .map(|l| l.split(' ').nth(2).unwrap_or(""))
        .collect();
    assert!(
        !text.contains(": error ") && !text.contains(": warning "),
        "{text}"
    );
    assert_eq!(
        codes.iter().filter(|c| **c == "series.gap").count(),
        4,
        "{text}"
    );
    // 上海 2019 as HTML and DOCX, and the three PDFs beside their pdftotext text: the
    // same tables each time
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == "series.duplicate_copy")
            .count(),
        4
    );
    assert_eq!(
        codes.iter().filter(|c| **c == "series.ungrouped").count(),
        2
    );
    assert_eq!(codes.len(), 10);
}
