//! Bad input never panics: it ends in a clear [`nianbao::Error`] or in a report
//! with diagnostics. And no number is ever invented: every value the parser returns
//! is printed in the input.

use nianbao::{parse_report, Error, Report};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const FIXTURES: [&str; 8] = [
    "qijiang-gongan-2024.txt",
    "kaizhou-gongan-2021.txt",
    "tongliang-gongan-2025.txt",
    "hongze-quzhengfu-2023.layout.txt",
    "huaian-shizhengfu-2024.layout.txt",
    "pingtan-shiyanqu-2022.txt",
    "pingtan-shiyanqu-2020.txt",
    "shanghai-bangongting-2025.md",
];

/// A tiny deterministic generator (xorshift), so failures can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every count and amount of a report, as printed digits.
fn values(r: &Report) -> Vec<String> {
    nianbao::flat::row(r)
        .into_iter()
        .filter(|(k, _)| {
            k.starts_with("applications.")
                || k.starts_with("reviews.")
                || k.starts_with("active_disclosure.")
        })
        .filter_map(|(_, v)| match v {
            nianbao::flat::Value::Int(i) => Some(i.unsigned_abs().to_string()),
            nianbao::flat::Value::Amount(a) => {
                Some(a.to_string().trim_start_matches('-').to_string())
            }
            _ => None,
        })
        .collect()
}

/// Digits of the text, full-width folded to ASCII (what a value can be read from).
fn digits_of(text: &str) -> String {
    text.chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect()
}

fn assert_nothing_invented(text: &str, r: &Report) {
    let digits = digits_of(text);
    for v in values(r) {
        assert!(digits.contains(&v), "value {v} is not printed in the input");
    }
}

#[test]
fn empty_and_blank_input() {
    assert_eq!(parse_report(""), Err(Error::Empty));
    assert_eq!(parse_report(" \n\t\u{3000}\n"), Err(Error::Empty));
    assert_eq!(parse_report("\u{feff}"), Err(Error::Empty));
}

#[test]
fn binary_input() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let text = String::from_utf8_lossy(&bytes);
    let err = parse_report(&text).unwrap_err();
    assert_eq!(err.code(), "binary", "{err}");
    assert!(err.to_string().contains("binary"));
}

#[test]
fn text_that_is_not_a_report() {
    for t in [
        "hello world",
        "一、总体情况\n二、主动公开政府信息情况\n",
        "| a | b |\n|---|---|\n| 1 | 2 |",
    ] {
        let err = parse_report(t).unwrap_err();
        assert_eq!(err.code(), "not_a_report", "{t}");
        assert!(err.to_string().contains("not a 政府信息公开工作年度报告"));
    }
}

#[test]
fn too_large_input() {
    let big = "字".repeat(nianbao::MAX_INPUT_BYTES / 3 + 1);
    assert!(matches!(parse_report(&big), Err(Error::TooLarge { .. })));
}

#[test]
fn twenty_megabytes_end_cleanly() {
    // a report repeated to 20 MB: one report's parts, then the same again and again
    let one = fixture("qijiang-gongan-2024.txt");
    let big = one.repeat(20 * 1024 * 1024 / one.len());
    let r = parse_report(&big).unwrap();
    assert_eq!(r.applications.unwrap().new_received.unwrap().total, Some(4));
    // 20 MB of digits in one line, and of table-like pipes
    let digits = "1234567890".repeat(2 * 1024 * 1024);
    assert!(parse_report(&digits).is_err());
    let pipes = "| 0 ".repeat(5 * 1024 * 1024);
    assert!(parse_report(&pipes).is_err());
    // a part 三 whose value cell is a 20 MB run of digits
    let glued = format!(
        "三、收到和处理政府信息公开申请情况\n自然人\n一、本年新收政府信息公开申请数量{}\n",
        "7".repeat(20 * 1024 * 1024)
    );
    let r = parse_report(&glued).unwrap();
    assert_eq!(
        r.applications.unwrap().new_received,
        Some(nianbao::Counts::default())
    );
}

#[test]
fn truncated_reports_never_panic() {
    for name in FIXTURES {
        let text = fixture(name);
        let mut cut = 0;
        while cut < text.len() {
            cut += 97;
            let mut end = cut.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let part = &text[..end];
            if let Ok(r) = parse_report(part) {
                assert_nothing_invented(part, &r);
            }
        }
    }
}

#[test]
fn mutated_reports_never_panic_nor_invent_numbers() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let pieces = [
        "0",
        "1",
        "99",
        "-",
        "—",
        "/",
        "|",
        "\t",
        "\n",
        " ",
        "  ",
        "（七）总计",
        "一、",
        "三、",
        "五、",
        "1.",
        "、",
        "。",
        "元",
        "．",
        "\u{3000}",
        "１２",
        "-3",
        "99999999999999999999",
    ];
    for name in FIXTURES {
        let text = fixture(name);
        let chars: Vec<char> = text.chars().collect();
        let rounds: usize = std::env::var("NIANBAO_MUTATIONS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(40);
        for _ in 0..rounds {
            let mut c = chars.clone();
            for _ in 0..1 + rng.below(12) {
                let at = rng.below(c.len());
                match rng.below(3) {
                    0 => {
                        c.remove(at);
                    }
                    1 => {
                        let p = pieces[rng.below(pieces.len())];
                        for (k, ch) in p.chars().enumerate() {
                            c.insert(at + k, ch);
                        }
                    }
                    _ => {
                        let len = rng.below(200).min(c.len() - at);
                        c.drain(at..at + len);
                    }
                }
            }
            let s: String = c.into_iter().collect();
            if let Ok(r) = parse_report(&s) {
                assert_nothing_invented(&s, &r);
                // the model always round-trips through JSON
                let json = serde_json::to_string(&r).unwrap();
                let back: Report = serde_json::from_str(&json).unwrap();
                assert_eq!(back, r);
            }
        }
    }
}

#[test]
fn every_report_value_is_printed_in_the_report() {
    for name in FIXTURES {
        let text = fixture(name);
        let r = parse_report(&text).unwrap();
        assert!(!values(&r).is_empty());
        assert_nothing_invented(&text, &r);
    }
}
