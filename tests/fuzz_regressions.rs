//! Inputs the fuzzer (`fuzz/`, see fuzz/README.md) found, minimised: each must parse
//! (or be refused) without a panic, and a report read from it must satisfy the
//! fuzz targets' invariants (JSON round trip, no invented numbers, diagnostics that
//! point into the text).

#[path = "../fuzz/src/lib.rs"]
mod invariants;

/// What the fuzz targets assert, for one input given as text.
fn check_text(text: &str) {
    if let Ok(report) = nianbao::parse_report(text) {
        invariants::check_report(text, &report);
    }
    // the same bytes through parse_bytes
    let bytes = nianbao::parse_bytes(text.as_bytes());
    if let (Ok(report), Ok(t)) = (&bytes, nianbao::to_text(text.as_bytes())) {
        invariants::check_report(&t, report);
    }
}

/// Part 二's heading runs to the end of its line, past a part 一 heading inside the
/// same line: the body of part 二 was sliced from its heading's end to the next
/// heading's start, which lies before it (active.rs: `begin > end`).
#[test]
fn heading_inside_the_line_of_another_heading() {
    check_text("二、主动公开一、总体");
}

/// Other headings with an inline heading of a lower number on their line.
#[test]
fn headings_inside_the_lines_of_other_headings() {
    for text in [
        "三、收到和处理一、总体",
        "四、行政复议二、主动公开",
        "二、主动公开三、收到和处理一、总体",
        "一、总体情况\n二、主动公开政府信息情况一、总体情况\n第二十条 规章 0 0 0",
    ] {
        check_text(text);
    }
}

/// Run `check_text` on another thread and fail when it takes longer than `secs`
/// (in a debug build; the thread is left behind).
fn within(secs: u64, text: String) {
    let (tx, rx) = std::sync::mpsc::channel();
    let started = std::time::Instant::now();
    std::thread::spawn(move || {
        check_text(&text);
        let _ = tx.send(());
    });
    // a debug build (what `cargo test` runs) is some ten times slower
    let secs = if cfg!(debug_assertions) {
        secs * 6
    } else {
        secs
    };
    match rx.recv_timeout(std::time::Duration::from_secs(secs)) {
        Ok(()) => {}
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("parsing took more than {secs} s")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            panic!("the parser panicked after {:?}", started.elapsed())
        }
    }
}

/// A run of digits after a row label is split into the row's cells every way the
/// cells allow, up to 500 000 steps a row (`glue::MAX_STEPS`), at about 2 µs a
/// step: 0.3–0.6 s a row in a release build. Found by the fuzzer as timeouts
/// (minimised: part 三 below, 124 bytes; part 四, 115 bytes).
#[test]
fn a_long_digit_run_ends_quickly() {
    let part3 = format!(
        "勾稽关系{}0 2\n2.其他律行政法禁止公开 30 1 0  0 0 ",
        "3".repeat(67)
    );
    let part4 = format!("  四、政复政诉讼情况\n 维持{}", "4".repeat(78));
    within(10, part3);
    within(10, part4);
}

/// The same with one long run in each of the 25 rows of part 三: 3.4 KB of text
/// took 26 s in a release build.
#[test]
fn long_digit_runs_in_every_row_end_quickly() {
    const LABELS: [&str; 25] = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及三安全一稳定",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正",
        "2.申请人逾期未按收费通知要求缴纳费用",
        "3.其他",
        "（七）总计",
        "四、结转下年度继续办理",
    ];
    let mut text = String::from("勾稽关系 自然人\n");
    for l in LABELS {
        text.push_str(&format!("{l} {}\n", "3".repeat(100)));
    }
    within(10, text);
}

/// A part numbered 七: where 五 is 信息处理费收取情况, the problems are 六 and the
/// other matters 七. The invariants allowed section numbers up to 六 (the fuzzer found
/// a page whose 七 it read).
#[test]
fn a_part_numbered_seven() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/qijiang-sifa-2024.txt"
    ))
    .unwrap()
    .replace(
        "五、存在的主要问题及改进情况",
        "五、信息处理费收取情况\n本年度未收取信息处理费。\n六、存在的主要问题及改进情况",
    )
    .replace("六、其他需要报告的事项", "七、其他需要报告的事项");
    let report = nianbao::parse_report(&text).unwrap();
    let numbers: Vec<u8> = report.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(report.sections[6].heading, "其他需要报告的事项");
    check_text(&text);
}

/// Reports with the table of processing fees (信息处理费收取情况) keep the invariants:
/// its counts and amounts are among the numbers that must be printed in the input.
#[test]
fn processing_fees_are_numbers_the_input_prints() {
    for name in ["pingtan-jjp-2025.txt", "pingtan-scj-2025.txt"] {
        let text = std::fs::read_to_string(format!(
            "{}/../../tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let report = nianbao::parse_report(&text).unwrap();
        assert!(report.processing_fees.is_some(), "{name}");
        let values = invariants::values(&report);
        assert!(
            values
                .iter()
                .any(|(k, _)| k.starts_with("processing_fees.")),
            "{name}: {values:?}"
        );
        check_text(&text);
    }
}

/// A real PDF, whole and cut short, keeps the invariants of the PDF fuzz target
/// (`fuzz/fuzz_targets/parse_pdf.rs`), its diagnostics' pages included.
#[test]
fn pdfs_keep_the_invariants() {
    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/hongze-quzhengfu-2023.pdf"
    ))
    .unwrap();
    let mut read = 0;
    for cut in [pdf.len(), pdf.len() - 1000, pdf.len() / 2, 4096] {
        let bytes = &pdf[..cut];
        if let (Ok(report), Ok(text)) = (nianbao::parse_bytes(bytes), nianbao::to_text(bytes)) {
            invariants::check_report(&text, &report);
            invariants::check_pages(&text, &report);
            read += 1;
        }
    }
    assert!(read >= 1, "the whole file is read");
}
