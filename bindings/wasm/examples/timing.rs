//! Native baseline for the package's timing: parses one report repeatedly in-process
//! and prints the median time per parse (compare with `node bindings/wasm/bench.mjs`).
//! As there, a `.txt`/`.md` file is read as UTF-8 text and given to `parse_report`;
//! any other file (`.html`, `.docx`, `.pdf`, GBK text …) to `parse_bytes` as its bytes.
//!
//! ```text
//! cargo run --release -p nianbao-wasm --example timing -- tests/fixtures/qijiang-gongan-2024.txt
//! ```

use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/qijiang-gongan-2024.txt".to_string());
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
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
}
