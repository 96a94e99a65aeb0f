//! Native baseline for the package's timing: parses one report repeatedly in-process
//! and prints the median time per parse (compare with `node bindings/wasm/bench.mjs`).
//!
//! ```text
//! cargo run --release -p nianbao-wasm --example timing -- tests/fixtures/qijiang-gongan-2024.txt
//! ```

use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/qijiang-gongan-2024.txt".to_string());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    for _ in 0..20 {
        let _ = nianbao::parse_report(&text);
    }
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let t = Instant::now();
            let r = nianbao::parse_report(&text);
            let dt = t.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(r.is_ok());
            dt
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "native  {path}: median {:.3} ms, min {:.3} ms per parse ({} bytes)",
        times[times.len() / 2],
        times[0],
        text.len()
    );
}
