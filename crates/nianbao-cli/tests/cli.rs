//! End-to-end tests of the `nianbao` binary on the fixtures in `<repo>/tests/fixtures`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The repository root.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// The hand-checked values of a fixture.
fn expected(name: &str) -> Value {
    let path = fixture(&format!("{name}.expected.json"));
    let text = std::fs::read_to_string(&path).expect("expected file");
    serde_json::from_str(&text).expect("expected file is JSON")
}

/// A fresh, empty scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn nianbao(args: &[&str]) -> Output {
    nianbao_with_stdin(args, None)
}

fn nianbao_with_stdin(args: &[&str], stdin: Option<Vec<u8>>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env_remove("RAYON_NUM_THREADS")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nianbao");
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let output = child.wait_with_output().expect("wait for nianbao");
    if let Some(writer) = writer {
        writer.join().expect("stdin writer");
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "nianbao panicked: {stderr}");
    output
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Bytes that are text in no encoding: not UTF-8, no UTF-16 pattern, not GB18030.
const NO_TEXT: &[u8] = &[0x81, 0x20, 0xFF, 0xFE, 0x81];

/// The first bytes of a PNG image.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";

/// The first bytes of a PDF file, and nothing else: a broken PDF.
const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";

/// A copy of qijiang-gongan-2024.txt whose （七）总计 row says 5 in its 总计 cell
/// instead of 4: the row no longer adds up, nor does 一 + 二 = （七） + 四.
fn inconsistent_copy(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(fixture("qijiang-gongan-2024.txt")).expect("fixture");
    let mut lines: Vec<&str> = text.split('\n').collect();
    let label = lines
        .iter()
        .position(|l| l.trim() == "（七）总计")
        .expect("the （七）总计 row");
    // Tab cells, one a line: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    let total = label + 7;
    assert_eq!(
        lines[total], "\t4",
        "the 总计 cell of （七）总计 in the fixture"
    );
    lines[total] = "\t5";
    let path = dir.join("qijiang-gongan-2024-changed.txt");
    std::fs::write(&path, lines.join("\n")).expect("write the changed copy");
    path
}

#[test]
fn parse_prints_the_report_as_pretty_json() {
    let path = fixture("qijiang-gongan-2024.txt");
    let output = nianbao(&["parse", path_str(&path)]);
    assert_eq!(code(&output), 0, "stderr: {}", stderr(&output));
    let text = stdout(&output);
    assert!(text.lines().count() > 100, "pretty-printed over many lines");
    let report: Value = serde_json::from_str(&text).expect("JSON");

    assert_eq!(report["applications"]["new_received"]["total"], 4);
    assert_eq!(report["reviews"]["administrative_review"]["upheld"], 1);
    assert_eq!(report["agency"], "重庆市綦江区公安局");
    assert_eq!(report["year"], 2024);

    let want = expected("qijiang-gongan-2024");
    for key in [
        "title",
        "agency",
        "year",
        "published",
        "template",
        "active_disclosure",
        "applications",
        "reviews",
    ] {
        assert_eq!(report[key], want[key], "{key}");
    }
    let errors: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "a consistent report: {errors:?}");
}

#[test]
fn compact_json_is_one_line_with_the_same_report() {
    let path = fixture("kaizhou-gongan-2021.txt");
    let pretty = nianbao(&["parse", path_str(&path)]);
    let compact = nianbao(&["parse", "--compact", path_str(&path)]);
    assert_eq!(code(&compact), 0, "stderr: {}", stderr(&compact));
    let text = stdout(&compact);
    assert_eq!(text.lines().count(), 1);
    let a: Value = serde_json::from_str(&text).expect("JSON");
    let b: Value = serde_json::from_str(&stdout(&pretty)).expect("JSON");
    assert_eq!(a, b);
    assert_eq!(a["agency"], expected("kaizhou-gongan-2021")["agency"]);
}

#[test]
fn standard_input_with_a_byte_order_mark_gives_the_same_report() {
    let path = fixture("qijiang-gongan-2024.txt");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&path).expect("fixture"));
    let from_stdin = nianbao_with_stdin(&["parse", "--compact", "-"], Some(bytes));
    assert_eq!(code(&from_stdin), 0, "stderr: {}", stderr(&from_stdin));
    let from_file = nianbao(&["parse", "--compact", path_str(&path)]);
    assert_eq!(stdout(&from_stdin), stdout(&from_file));
    let report: Value = serde_json::from_str(&stdout(&from_stdin)).expect("JSON");
    assert_eq!(
        report["title"],
        "重庆市綦江区公安局2024年政府信息公开工作年度报告"
    );
}

/// The expected CSV header: `file`, the library's flat columns, `error`, `error_message`.
fn csv_header() -> Vec<String> {
    let mut header = vec!["file".to_string()];
    header.extend(nianbao::flat::columns());
    header.extend(["error".to_string(), "error_message".to_string()]);
    header
}

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("CSV header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("CSV row").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_has_a_stable_header_the_values_and_error_rows() {
    let dir = scratch("csv");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let report = fixture("qijiang-gongan-2024.txt");
    let output = nianbao(&["parse", "--csv", path_str(&report), path_str(&empty)]);
    assert_eq!(code(&output), 2, "a file failed");
    let (header, rows) = read_csv(&stdout(&output));
    assert_eq!(header, csv_header());
    assert_eq!(rows.len(), 2);
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);

    let first = &rows[0];
    assert_eq!(first[0], path_str(&report));
    assert_eq!(first[col("applications.new_received.total")], "4");
    assert_eq!(first[col("reviews.administrative_review.upheld")], "1");
    assert_eq!(first[col("year")], "2024");
    assert_eq!(first[col("active_disclosure.fees.amount")], "64.21");
    assert_eq!(first[col("errors")], "0");
    assert_eq!(first[col("error")], "");

    let second = &rows[1];
    assert_eq!(second[0], path_str(&empty));
    assert_eq!(second[col("error")], "empty");
    assert!(!second[col("error_message")].is_empty());
    assert!(second[1..col("error")].iter().all(String::is_empty));
    assert!(stderr(&output).starts_with(&format!("nianbao: {}: ", path_str(&empty))));
}

#[test]
fn csv_header_does_not_depend_on_the_input() {
    let output = nianbao(&["parse", "--csv", "/nonexistent/nianbao/report.txt"]);
    assert_eq!(code(&output), 2);
    let (header, rows) = read_csv(&stdout(&output));
    assert_eq!(header, csv_header());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][header.len() - 2], "io");
}

#[test]
fn jsonl_gives_one_object_per_file_in_input_order() {
    let a = fixture("qijiang-gongan-2024.txt");
    let b = fixture("kaizhou-gongan-2021.txt");
    let output = nianbao(&["parse", "--jsonl", path_str(&a), path_str(&b)]);
    assert_eq!(code(&output), 0, "stderr: {}", stderr(&output));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], path_str(&a));
    assert_eq!(
        lines[0]["report"]["applications"]["new_received"]["total"],
        4
    );
    assert_eq!(lines[0]["report"]["year"], 2024);
    assert_eq!(lines[1]["file"], path_str(&b));
    let kaizhou = expected("kaizhou-gongan-2021");
    assert_eq!(lines[1]["report"]["year"], 2021);
    assert_eq!(lines[1]["report"]["agency"], kaizhou["agency"]);
    assert_eq!(lines[1]["report"]["reviews"], kaizhou["reviews"]);
    assert!(lines.iter().all(|l| l.get("error").is_none()));
}

#[test]
fn jsonl_reports_files_that_fail_as_error_objects() {
    let dir = scratch("jsonl-errors");
    let gbk = dir.join("gbk.txt");
    // Bytes that are none of UTF-8, UTF-16 and GB18030.
    std::fs::write(&gbk, NO_TEXT).expect("write");
    let missing = dir.join("missing.txt");
    let output = nianbao(&["parse", "--jsonl", path_str(&missing), path_str(&gbk)]);
    assert_eq!(code(&output), 2);
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], path_str(&missing));
    assert_eq!(lines[0]["error"]["code"], "io");
    assert_eq!(lines[1]["error"]["code"], "encoding");
    let message = lines[1]["error"]["message"].as_str().expect("message");
    assert!(message.contains("GB18030"), "{message}");
    assert!(
        message.contains("convert the file to UTF-8 text"),
        "{message}"
    );
    assert!(lines.iter().all(|l| l.get("report").is_none()));
    let err = stderr(&output);
    assert!(
        err.contains(&format!("nianbao: {}: cannot read", path_str(&missing))),
        "{err}"
    );
    assert!(
        err.contains(&format!("nianbao: {}: ", path_str(&gbk))),
        "{err}"
    );
}

/// The files a directory walk takes, in its order: sorted by name at every level.
fn list_reports(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a directory")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            list_reports(&path, out);
        } else if path.extension().is_some_and(|e| {
            ["txt", "md", "markdown", "html", "htm", "docx", "pdf"]
                .iter()
                .any(|w| e.eq_ignore_ascii_case(w))
        }) {
            out.push(path_str(&path).to_string());
        }
    }
}

#[test]
fn the_thread_count_does_not_change_the_output() {
    let fixtures = repo().join("tests/fixtures");
    let one = nianbao(&["parse", "--jsonl", "-j", "1", path_str(&fixtures)]);
    let two = nianbao(&["parse", "--jsonl", "--threads", "2", path_str(&fixtures)]);
    assert_eq!(code(&one), code(&two));
    assert_eq!(stdout(&one), stdout(&two));
    // Every fixture (.txt, .md, .pdf), also those in subdirectories (encodings/,
    // pdf/), in sorted order.
    let names: Vec<String> = stdout(&one)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            v["file"].as_str().expect("file").to_string()
        })
        .collect();
    let mut want = Vec::new();
    list_reports(&fixtures, &mut want);
    assert_eq!(names, want);
    assert!(names.len() >= 10);

    let zero = nianbao(&["parse", "--jsonl", "-j", "0", path_str(&fixtures)]);
    assert_eq!(code(&zero), 2, "0 threads is a usage error");
}

#[test]
fn directories_are_walked_for_text_reports_in_sorted_order() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("a")).expect("mkdir");
    std::fs::copy(
        fixture("shanghai-bangongting-2025.md"),
        dir.join("a/report.md"),
    )
    .expect("copy");
    std::fs::copy(fixture("qijiang-gongan-2024.txt"), dir.join("b.TXT")).expect("copy");
    std::fs::copy(fixture("qijiang-gongan-2024.txt"), dir.join(".hidden.txt")).expect("copy");
    std::fs::write(dir.join("notes.json"), "{}").expect("write");
    let output = nianbao(&["parse", "--jsonl", path_str(&dir)]);
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let files: Vec<&str> = lines.iter().filter_map(|l| l["file"].as_str()).collect();
    assert_eq!(
        files,
        [
            path_str(&dir.join("a/report.md")),
            path_str(&dir.join("b.TXT"))
        ]
    );

    let empty = scratch("walk-empty");
    let output = nianbao(&["check", path_str(&empty)]);
    assert_eq!(code(&output), 2, "a directory without reports");
    assert!(
        stderr(&output).contains("no .txt/.md/.markdown/.html/.htm/.docx/.pdf files"),
        "{}",
        stderr(&output)
    );

    let output = nianbao(&["parse", path_str(&dir)]);
    assert_eq!(code(&output), 2, "plain JSON holds one report");
    assert!(stderr(&output).contains("--jsonl"));
}

#[test]
fn several_files_need_jsonl_or_csv() {
    let a = fixture("qijiang-gongan-2024.txt");
    let output = nianbao(&["parse", path_str(&a), path_str(&a)]);
    assert_eq!(code(&output), 2);
    assert!(output.stdout.is_empty());
    let err = stderr(&output);
    assert!(
        err.contains("use --jsonl") && err.contains("--csv"),
        "{err}"
    );
}

#[test]
fn check_passes_a_consistent_report() {
    let path = fixture("qijiang-gongan-2024.txt");
    let output = nianbao(&["check", path_str(&path)]);
    assert_eq!(
        code(&output),
        0,
        "stdout: {}\nstderr: {}",
        stdout(&output),
        stderr(&output)
    );
    assert!(!stdout(&output).contains(": error "), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("checked 1 file: 1 without errors"),
        "{}",
        stderr(&output)
    );
}

/// The diagnostic lines of `check` output that have severity error.
fn error_lines(stdout: &str, file: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.starts_with(&format!("{file}:")) && l.contains(": error "))
        .map(String::from)
        .collect()
}

#[test]
fn check_flags_a_changed_total_and_exits_1() {
    let dir = scratch("check-changed");
    let changed = inconsistent_copy(&dir);
    let file = path_str(&changed);
    let output = nianbao(&["check", file]);
    assert_eq!(
        code(&output),
        1,
        "stdout: {}\nstderr: {}",
        stdout(&output),
        stderr(&output)
    );
    let errors = error_lines(&stdout(&output), file);
    assert!(
        errors.iter().any(|l| l.contains(" error applications.")),
        "{errors:?}"
    );
    // file:line:col: severity code message, with numbers or `-` for line and column.
    for line in &errors {
        let rest = &line[file.len() + 1..];
        let mut parts = rest.splitn(3, ':');
        for place in [parts.next(), parts.next()] {
            let place = place.expect("line and column");
            assert!(
                place == "-" || place.parse::<u32>().is_ok_and(|n| n > 0),
                "{line}"
            );
        }
        let tail = parts.next().expect("the diagnostic");
        let fields: Vec<&str> = tail.trim_start().splitn(3, ' ').collect();
        assert_eq!(fields[0], "error", "{line}");
        assert!(fields[1].contains('.'), "a dotted code: {line}");
        assert!(fields.len() == 3 && !fields[2].is_empty(), "{line}");
    }

    let quiet = nianbao(&["check", "--quiet", file]);
    assert_eq!(code(&quiet), 1);
    assert!(quiet.stderr.is_empty(), "no summary with --quiet");
    assert_eq!(error_lines(&stdout(&quiet), file), errors);
    assert_eq!(
        stdout(&quiet).lines().count(),
        errors.len(),
        "only errors with --quiet"
    );
}

#[test]
fn check_exits_2_for_files_that_are_not_reports() {
    let dir = scratch("check-fail");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let no_text = dir.join("no-text.txt");
    std::fs::write(&no_text, NO_TEXT).expect("write");
    let missing = dir.join("missing.txt");
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, b"\0\0\0\x01\x02 not text \0").expect("write");
    let png = dir.join("image.txt");
    std::fs::write(&png, PNG).expect("write");
    let pdf = dir.join("report.txt");
    std::fs::write(&pdf, PDF).expect("write");

    for (path, what, want_code) in [
        (&empty, "an empty file", "empty"),
        (&no_text, "bytes in no known encoding", "encoding"),
        (&missing, "a missing file", "io"),
        (&binary, "a binary file", "binary"),
        (&png, "a PNG image", "binary"),
        (&pdf, "a broken PDF", "invalid_pdf"),
    ] {
        let jsonl = nianbao(&["parse", "--jsonl", path_str(path)]);
        assert_eq!(code(&jsonl), 2, "{what}: {}", stderr(&jsonl));
        let line: Value = serde_json::from_str(stdout(&jsonl).trim()).expect("a JSON line");
        assert_eq!(line["error"]["code"], want_code, "{what}");

        let output = nianbao(&["check", path_str(path)]);
        assert_eq!(code(&output), 2, "{what}: {}", stderr(&output));
        let err = stderr(&output);
        assert!(
            err.starts_with(&format!("nianbao: {}: ", path_str(path))),
            "{what}: {err}"
        );
        assert!(err.contains("1 failed"), "{what}: {err}");
    }
}

#[test]
fn check_exit_2_wins_over_1_and_the_other_files_are_still_checked() {
    let dir = scratch("check-both");
    let changed = inconsistent_copy(&dir);
    let missing = dir.join("missing.txt");
    let ok = fixture("qijiang-gongan-2024.txt");
    let output = nianbao(&[
        "check",
        path_str(&changed),
        path_str(&missing),
        path_str(&ok),
    ]);
    assert_eq!(code(&output), 2);
    assert!(!error_lines(&stdout(&output), path_str(&changed)).is_empty());
    assert!(error_lines(&stdout(&output), path_str(&ok)).is_empty());
    assert!(
        stderr(&output).contains("checked 3 files: 1 without errors, 1 with errors, 1 failed"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn version_and_help() {
    let output = nianbao(&["--version"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output).trim(),
        format!("nianbao {}", env!("CARGO_PKG_VERSION"))
    );
    let output = nianbao(&["--help"]);
    assert_eq!(code(&output), 0);
    let help = stdout(&output);
    assert!(help.contains("政府信息公开工作年度报告"));
    assert!(help.contains("parse") && help.contains("check") && help.contains("text"));
    assert!(help.contains("GB18030") && help.contains("DOCX"), "{help}");
    assert!(help.contains("pdftotext -layout"), "{help}");
    let output = nianbao(&["help", "text"]);
    assert_eq!(code(&output), 0);
    assert!(stdout(&output).contains("tab"), "{}", stdout(&output));
    let output = nianbao(&["parse"]);
    assert_eq!(code(&output), 2, "FILE is required");
}

#[test]
fn a_broken_pdf_is_refused_as_invalid() {
    for args in [&["parse", "-"][..], &["check", "-"], &["text", "-"]] {
        let output = nianbao_with_stdin(args, Some(PDF.to_vec()));
        assert_eq!(code(&output), 2, "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let err = stderr(&output);
        assert!(err.starts_with("nianbao: -: "), "{args:?}: {err}");
        assert!(err.contains("not a readable PDF"), "{args:?}: {err}");
    }
    let output = nianbao_with_stdin(&["parse", "--jsonl", "-"], Some(PDF.to_vec()));
    let line: Value = serde_json::from_str(stdout(&output).trim()).expect("a JSON line");
    assert_eq!(line["error"]["code"], "invalid_pdf");
}

#[test]
fn a_pdf_is_read_checked_and_shown() {
    let pdf = fixture("hongze-quzhengfu-2023.pdf");
    let want = expected("hongze-quzhengfu-2023");
    // parse: the hand-checked values
    let output = nianbao(&["parse", path_str(&pdf)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    for key in [
        "title",
        "agency",
        "year",
        "active_disclosure",
        "applications",
        "reviews",
    ] {
        assert_eq!(report[key], want[key], "{key}");
    }
    let pages: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["page"])
        .collect();
    assert!(pages.iter().all(|p| p.as_u64() == Some(4)), "{pages:?}");
    // check: the real error of part 四, at its line and page of the text
    let output = nianbao(&["check", path_str(&pdf)]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let errors = error_lines(&stdout(&output), path_str(&pdf));
    assert_eq!(errors.len(), 2, "{}", stdout(&output));
    let text = nianbao(&["text", path_str(&pdf)]);
    assert_eq!(code(&text), 0);
    assert!(stderr(&text).is_empty(), "{}", stderr(&text));
    let text = stdout(&text);
    assert_eq!(
        text.matches('\u{c}').count(),
        5,
        "a form feed ends each page"
    );
    for e in &errors {
        assert!(
            e.contains(" error reviews.group_total ") && e.ends_with(" (第4页)"),
            "{e}"
        );
        let place: Vec<&str> = e[path_str(&pdf).len() + 1..].splitn(3, ':').collect();
        let (line, column): (usize, usize) = (place[0].parse().unwrap(), place[1].parse().unwrap());
        let at: String = text
            .split('\n')
            .nth(line - 1)
            .unwrap()
            .chars()
            .skip(column - 1)
            .take(2)
            .collect();
        assert!(at.starts_with('0'), "{e}: {at:?}");
    }
    // the same file cut short: check and text both say so; its text is the whole one's
    let cut = scratch("cut-pdf").join("cut.pdf");
    let bytes = std::fs::read(&pdf).expect("the PDF");
    std::fs::write(&cut, &bytes[..bytes.len() - 200]).expect("write");
    let output = nianbao(&["check", path_str(&cut)]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stdout(&output).contains(&format!("{}:-:-: warning input.truncated ", path_str(&cut))),
        "{}",
        stdout(&output)
    );
    let output = nianbao(&["text", path_str(&cut)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), text);
    let warned = stderr(&output);
    assert!(
        warned.starts_with(&format!(
            "{}:-:-: warning input.truncated PDF 文件不完整",
            path_str(&cut)
        )),
        "{warned}"
    );
    assert_eq!(warned.lines().count(), 1, "{warned}");
    // a directory walk picks up PDFs
    let dir = scratch("walk-pdf");
    std::fs::copy(&pdf, dir.join("report.PDF")).expect("copy");
    let output = nianbao(&["parse", "--jsonl", path_str(&dir)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let line: Value = serde_json::from_str(stdout(&output).trim()).expect("a JSON line");
    assert_eq!(line["report"]["applications"]["new_received"]["total"], 21);
}

/// The values of a report that the expected files hold.
const REPORT_KEYS: [&str; 8] = [
    "title",
    "agency",
    "year",
    "published",
    "template",
    "active_disclosure",
    "applications",
    "reviews",
];

#[test]
fn gb18030_text_gives_the_same_report_as_its_utf8_original() {
    let gb18030 = repo().join("tests/fixtures/encodings/qijiang-gongan-2024.gb18030.txt");
    let bytes = std::fs::read(&gb18030).expect("the GB18030 fixture");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is really not UTF-8"
    );
    let utf8 = fixture("qijiang-gongan-2024.txt");
    let from_utf8 = nianbao(&["parse", "--compact", path_str(&utf8)]);

    // From a file (named .txt) and from standard input.
    let from_file = nianbao(&["parse", "--compact", path_str(&gb18030)]);
    let from_stdin = nianbao_with_stdin(&["parse", "--compact", "-"], Some(bytes.clone()));
    for output in [&from_file, &from_stdin] {
        assert_eq!(code(output), 0, "stderr: {}", stderr(output));
        assert_eq!(stdout(output), stdout(&from_utf8));
    }
    let report: Value = serde_json::from_str(&stdout(&from_file)).expect("JSON");
    let want = expected("qijiang-gongan-2024");
    for key in REPORT_KEYS {
        assert_eq!(report[key], want[key], "{key}");
    }
    assert_eq!(report["applications"]["new_received"]["total"], 4);

    // A GBK-only byte sequence written by the test itself: "政府信息公开工作年度报告"
    // is text now, just not a report.
    let dir = scratch("gbk-title");
    let gbk = dir.join("gbk.txt");
    std::fs::write(
        &gbk,
        b"\xD5\xFE\xB8\xAE\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA\xB9\xA4\xD7\xF7\xC4\xEA\xB6\xC8\xB1\xA8\xB8\xE6",
    )
    .expect("write");
    let output = nianbao(&["text", path_str(&gbk)]);
    assert_eq!(code(&output), 0, "stderr: {}", stderr(&output));
    assert_eq!(stdout(&output), "政府信息公开工作年度报告");

    // `check` of the GB18030 copy: as clean as the original, same line numbers.
    let check_gb = nianbao(&["check", "-v", path_str(&gb18030)]);
    let check_utf8 = nianbao(&["check", "-v", path_str(&utf8)]);
    assert_eq!(code(&check_gb), 0, "stderr: {}", stderr(&check_gb));
    assert_eq!(
        stdout(&check_gb).replace(path_str(&gb18030), "FILE"),
        stdout(&check_utf8).replace(path_str(&utf8), "FILE")
    );
}

#[test]
fn utf16_text_gives_the_same_report() {
    let path = fixture("kaizhou-gongan-2021.txt");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let with_bom: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let big_endian_without_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let want = stdout(&nianbao(&["parse", "--compact", path_str(&path)]));
    for bytes in [with_bom, big_endian_without_bom] {
        let output = nianbao_with_stdin(&["parse", "--compact", "-"], Some(bytes));
        assert_eq!(code(&output), 0, "stderr: {}", stderr(&output));
        assert_eq!(stdout(&output), want);
    }
}

/// `<repo>/../shared/corpus/real/NAME`, or `None` (the test is skipped) when the
/// shared corpus is not checked out next to the repository.
fn shared_real(name: &str) -> Option<PathBuf> {
    let path = repo().join("../shared/corpus/real").join(name);
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

/// Checks a parsed shanghai-bangongting-2019 report against its expected values.
fn assert_shanghai_2019(report: &Value, what: &str) {
    assert_eq!(
        report["applications"]["new_received"]["total"], 859,
        "{what}"
    );
    assert_eq!(
        report["active_disclosure"]["procurement"]["amount"], 251000,
        "{what}"
    );
    assert_eq!(report["agency"], "上海市人民政府办公厅", "{what}");
    assert_eq!(report["year"], 2019, "{what}");
    assert_eq!(report["template"], "2019", "{what}");
    if let Some(path) = shared_real("shanghai-bangongting-2019.expected.json") {
        let text = std::fs::read_to_string(path).expect("expected file");
        let want: Value = serde_json::from_str(&text).expect("expected file is JSON");
        for key in REPORT_KEYS {
            assert_eq!(report[key], want[key], "{what}: {key}");
        }
    }
}

#[test]
fn html_and_docx_reports_are_read_directly() {
    let (Some(html), Some(docx)) = (
        shared_real("shanghai-bangongting-2019.html"),
        shared_real("shanghai-bangongting-2019.docx"),
    ) else {
        return;
    };
    for path in [&html, &docx] {
        let output = nianbao(&["parse", path_str(path)]);
        assert_eq!(code(&output), 0, "{}: {}", path.display(), stderr(&output));
        let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
        assert_shanghai_2019(&report, path_str(path));

        let output = nianbao(&["check", path_str(path)]);
        assert_eq!(code(&output), 0, "{}: {}", path.display(), stdout(&output));
    }
}

#[test]
fn csv_over_a_directory_picks_up_docx_and_html() {
    let (Some(html), Some(docx)) = (
        shared_real("shanghai-bangongting-2019.html"),
        shared_real("shanghai-bangongting-2019.docx"),
    ) else {
        return;
    };
    let dir = scratch("csv-docx");
    std::fs::copy(&docx, dir.join("a.docx")).expect("copy");
    std::fs::copy(&html, dir.join("b.HTM")).expect("copy");
    std::fs::write(dir.join("c.odt"), PDF).expect("write");
    let output = nianbao(&["parse", "--csv", path_str(&dir)]);
    assert_eq!(code(&output), 0, "stderr: {}", stderr(&output));
    let (header, rows) = read_csv(&stdout(&output));
    assert_eq!(header, csv_header());
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let files: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        files,
        [path_str(&dir.join("a.docx")), path_str(&dir.join("b.HTM"))],
        "the .odt is not walked"
    );
    for row in &rows {
        assert_eq!(row[col("applications.new_received.total")], "859");
        assert_eq!(row[col("active_disclosure.procurement.amount")], "251000");
        assert_eq!(row[col("year")], "2019");
        assert_eq!(row[col("error")], "");
    }
}

#[test]
fn text_prints_what_the_line_numbers_of_check_refer_to() {
    // A UTF-8 text file is printed as it is.
    let path = fixture("qijiang-gongan-2024.txt");
    let output = nianbao(&["text", path_str(&path)]);
    assert_eq!(code(&output), 0, "stderr: {}", stderr(&output));
    assert_eq!(
        stdout(&output),
        std::fs::read_to_string(&path).expect("fixture")
    );

    let output = nianbao(&["text", path_str(&repo().join("tests/fixtures"))]);
    assert_eq!(code(&output), 2, "a directory");
    assert!(stderr(&output).contains("is a directory"));
    let output = nianbao(&["text", "/nonexistent/nianbao/report.txt"]);
    assert_eq!(code(&output), 2, "a missing file");
    let output = nianbao_with_stdin(&["text", "-"], Some(NO_TEXT.to_vec()));
    assert_eq!(code(&output), 2, "no text");

    let Some(html) = shared_real("shanghai-bangongting-2019.html") else {
        return;
    };
    let output = nianbao(&["text", path_str(&html)]);
    assert_eq!(code(&output), 0, "stderr: {}", stderr(&output));
    let text = stdout(&output);
    assert!(text.lines().any(|l| l == "\t859"), "tab cells: {text}");
    assert!(
        text.lines().any(|l| l == "一、总体情况"),
        "paragraphs: {text}"
    );

    // Every diagnostic with a line points into this text.
    let check = nianbao(&["check", "-v", path_str(&html)]);
    let lines: Vec<&str> = text.lines().collect();
    let prefix = format!("{}:", path_str(&html));
    let mut placed = 0;
    for diagnostic in stdout(&check).lines() {
        let rest = diagnostic.strip_prefix(&prefix).expect("file:line:col");
        let Ok(line) = rest.split(':').next().expect("line").parse::<usize>() else {
            continue;
        };
        assert!(line >= 1 && line <= lines.len(), "{diagnostic}");
        placed += 1;
        if diagnostic.contains(" cell.unit ") && diagnostic.contains("251000元") {
            assert_eq!(lines[line - 1], "\t251000元", "{diagnostic}");
        }
    }
    assert!(placed > 0, "{}", stdout(&check));
}
