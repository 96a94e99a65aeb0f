//! Arbitrary bytes read as a PDF (a `%PDF-` header put in front when missing) through
//! `nianbao::parse_bytes`: the PDF parser, decryption, stream decoding, fonts and
//! CMaps, the content interpreter and the layout. Seeded with real PDFs (fuzz/seed.sh).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let owned;
    let data = if data.starts_with(b"%PDF-") {
        data
    } else {
        owned = [b"%PDF-1.7\n".as_slice(), data].concat();
        &owned[..]
    };
    let parsed = nianbao::parse_bytes(data);
    let text = nianbao::to_text(data);
    match (&parsed, &text) {
        (Ok(report), Ok(text)) => {
            nianbao_fuzz::check_report(text, report);
            nianbao_fuzz::check_pages(text, report);
        }
        (Err(e), Err(t)) => assert_eq!(e.code(), t.code(), "parse_bytes and to_text fail alike"),
        (Err(e), Ok(_)) => assert!(
            !["encrypted", "scanned_pdf", "invalid_pdf", "pdf_limit"].contains(&e.code()),
            "to_text read the PDF but parse_bytes refused it as {}",
            e.code()
        ),
        (Ok(_), Err(e)) => panic!("parse_bytes read the PDF but to_text refused it: {e}"),
    }
});
