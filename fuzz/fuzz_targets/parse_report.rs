//! Arbitrary bytes, read as (lossy) UTF-8 text, through `nianbao::parse_report`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(report) = nianbao::parse_report(&text) {
        nianbao_fuzz::check_report(&text, &report);
    }
});
