//! Arbitrary bytes (text in any encoding, HTML, DOCX, PDF) through `nianbao::parse_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = nianbao::parse_bytes(data);
    // parse_bytes reads the text that to_text gives; diagnostics' lines refer to it
    match nianbao::to_text(data) {
        Ok(text) => {
            let direct = nianbao::parse_report(&text);
            match (&parsed, &direct) {
                (Ok(a), Ok(b)) => {
                    // a PDF's diagnostics also name their page
                    let mut a = a.clone();
                    if nianbao::InputKind::detect(data) == nianbao::InputKind::Pdf {
                        nianbao_fuzz::check_pages(&text, &a);
                        a.diagnostics.iter_mut().for_each(|d| d.page = None);
                    }
                    assert_eq!(&a, b, "parse_bytes differs from parse_report(to_text)")
                }
                (Err(a), Err(b)) => assert_eq!(a.code(), b.code()),
                _ => panic!(
                    "parse_bytes and parse_report(to_text) disagree: {:?} / {:?}",
                    parsed.as_ref().map(|_| ()),
                    direct.as_ref().map(|_| ())
                ),
            }
            if let Ok(report) = &parsed {
                nianbao_fuzz::check_report(&text, report);
            }
        }
        Err(e) => {
            let code = parsed.as_ref().err().map(|p| p.code());
            assert_eq!(
                code,
                Some(e.code()),
                "to_text failed but parse_bytes did not"
            );
        }
    }
});
