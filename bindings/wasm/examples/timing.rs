//! Native baseline for the package's timing: parses each report given repeatedly
//! in-process and prints the median and minimum time per parse (compare with `node
//! bindings/wasm/bench.mjs`, which takes the same arguments).
//! As there, a `.txt`/`.md` file is read as UTF-8 text and given to `parse_report`;
//! any other file (`.html`, `.docx`, `.pdf`, GBK text …) to `parse_bytes` as its bytes.
//!
//! ```text
//! cargo run --release -p nianbao-wasm --example timing -- tests/fixtures/qijiang-gongan-2024.txt
//! ```

use std::time::Instant;

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        paths.push("tests/fixtures/qijiang-gongan-2024.txt".to_string());
    }
    let mut sum = 0.0;
    for path in &paths {
        match time(path) {
            Some(min) => sum += min,
            None => std::process::exit(2),
        }
    }
    if paths.len() > 1 {
        println!(
            "native  all {} files: sum of the minimums {sum:.3} ms",
            paths.len()
        );
    }
}

/// Time one file; prints its line and returns its minimum (ms), or `None` when the
/// file cannot be read.
fn time(path: &str) -> Option<f64> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{path}: {e}");
            return None;
        }
    };
    let as_text = path.ends_with(".txt") || path.ends_with(".md");
    let text = String::from_utf8_lossy(&bytes);
    let parse = || match as_text {
        true => nianbao::parse_report(&text).is_ok(),
        false => nianbao::parse_bytes(&bytes).is_ok(),
    };
    for _ in 0..20 {
        std::hint::black_box(parse());
    }
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(parse());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "native  {path}: median {:.3} ms, min {:.3} ms per parse ({} bytes)",
        times[times.len() / 2],
        times[0],
        bytes.len()
    );
    Some(times[0])
}
