//! # nianbao-wasm
//!
//! The WebAssembly binding of [`nianbao`], published as the npm package `nianbao`.
//! It holds no parsing logic: it calls [`nianbao::parse_report`] /
//! [`nianbao::parse_bytes`] and hands the result to JavaScript.
//!
//! - [`parse_report`] (`parseReport(text)` in JavaScript) returns the report as a
//!   plain object with exactly the JSON shape of the output schema (every key present,
//!   `null` for a value the report does not give), or throws a JavaScript `Error`
//!   whose `code` is [`nianbao::Error::code`] (the module throws a record of it,
//!   which the package's entry points turn into that `Error`: see `js_error`).
//! - [`parse_report_bytes`] (`parseReportBytes(bytes)`) does the same for the bytes of
//!   a file ([`nianbao::parse_bytes`]: UTF-8, UTF-16, GBK/GB18030, HTML, DOCX, PDF), and
//!   [`to_text`] (`toText(bytes)`) returns the text it reads, which diagnostics'
//!   line numbers refer to.
//! - [`audit::audit_reports`] (`audit(inputs, options)`) checks reports against each
//!   other ([`nianbao::audit`]: across years, duplicates, deadlines, parents against
//!   children) and [`audit::audit_to_html`] (`auditToHtml(audit)`) renders the readable
//!   audit report; `auditCss()` is its style sheet.
//! - The TypeScript declarations of the whole model (`Report`, `Counts`,
//!   `Diagnostic`, …) are generated from the Rust types by tsify (the core's `tsify`
//!   feature), so they cannot drift from the model.
//!
//! ## Panics
//!
//! `wasm32-unknown-unknown` has no unwinding: a panic aborts, which surfaces in
//! JavaScript as an opaque `RuntimeError: unreachable`. This crate installs a panic
//! hook (at instantiation) that keeps the panic message; the package's
//! JavaScript entry points (`js/web.js`, `js/node.cjs`) wrap every call, catch the
//! trap, restore the shadow-stack pointer that the aborted call left behind, and throw
//! an `Error` with `code: "internal"` and that message instead. The module stays
//! usable after such an error (what the aborted call had allocated is leaked).
#![deny(missing_docs)]

pub mod audit;
mod tape;

use nianbao::Report;
use serde::Serialize;
use std::cell::RefCell;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The JavaScript side of a [`Report`]: a plain object typed `Report` in TypeScript.
type JsReport = <Report as Tsify>::JsType;

/// The key that marks an error record (see [`js_error`]); `js/node.cjs` and
/// `js/web.js` look for the same key.
const ERROR_RECORD: &str = "nianbaoError";

thread_local! {
    /// The message of the last panic, kept by the hook for the JavaScript wrapper.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs once when the module is instantiated: installs the panic hook that keeps the
/// panic message for [`take_panic`] (see the crate documentation).
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|slot| {
            if let Ok(mut slot) = slot.try_borrow_mut() {
                *slot = Some(message);
            }
        });
    }));
}

/// Parse the text of a 政府信息公开工作年度报告 (government information-disclosure
/// annual report).
///
/// Returns a plain object with exactly the JSON shape of the output schema: `title`,
/// `agency`, `year`, `published`, `template`, `sections`, `active_disclosure`,
/// `applications`, `reviews` and `diagnostics`; every key is present and a value the
/// report does not give is `null`.
///
/// Throws an `Error` (name `NianbaoError`) whose `code` says why the text could not be
/// parsed: `empty`, `binary`, `too_large`, `not_a_report` or `pre_2019_template`, or
/// `internal` for a bug in the parser. For the bytes of a file (any encoding, HTML,
/// DOCX) use `parseReportBytes`.
///
/// ```ts
/// const report = parseReport(text);
/// for (const d of report.diagnostics) console.log(d.severity, d.line, d.message);
/// ```
#[wasm_bindgen(js_name = parseReport)]
pub fn parse_report(text: &str) -> Result<JsReport, JsValue> {
    convert(nianbao::parse_report(text))
}

/// Parse a report given as the bytes of its file, as users have it: text in UTF-8
/// (with or without BOM), UTF-16 or GBK/GB18030 (detected, not assumed), an HTML page
/// (`.html`/`.htm`, tables with merged cells), a Word file (`.docx`), or a PDF file
/// with a text layer (`.pdf`).
///
/// Returns the same plain object as `parseReport`. HTML and DOCX are first read into
/// a text layout (one table cell a line behind a tab, a blank line between table
/// rows), a PDF into the text of its pages in columns (a line holding only a form
/// feed after each page); the `line` / `column` of diagnostics refer to that text,
/// which `toText` returns for the same bytes, and for a PDF `page` gives the page.
///
/// Throws an `Error` (name `NianbaoError`) with a `code` as `parseReport` does, plus
/// `encoding` (bytes that are not text in a known encoding), `unsupported` (an input
/// kind this build was made without), and for PDF files `encrypted` (it needs a
/// password), `scanned_pdf` (no text layer: OCR it first), `invalid_pdf` (damaged or
/// truncated) and `pdf_limit` (beyond the safety limits: a decompression bomb).
///
/// ```ts
/// const bytes = new Uint8Array(await file.arrayBuffer());   // or readFileSync(path)
/// const report = parseReportBytes(bytes);
/// ```
#[wasm_bindgen(js_name = parseReportBytes)]
pub fn parse_report_bytes(bytes: &[u8]) -> Result<JsReport, JsValue> {
    convert(nianbao::parse_bytes(bytes))
}

/// The text `parseReportBytes` reads for these bytes: decoded text as it is, an HTML
/// page or a DOCX file in the tab-cell layout (one cell a line behind a tab, a blank
/// line between table rows), a PDF as the text of its pages in columns (cells apart
/// by two or more spaces, a line holding only a form feed after each page). A
/// diagnostic's `line` and `column` point into this text (lines counted from 1,
/// columns in characters from 1).
///
/// Throws the same errors as `parseReportBytes` for bytes it cannot read
/// (`empty`, `binary`, `too_large`, `encoding`, `unsupported`, and the PDF errors);
/// it does not check that the text is a report.
#[wasm_bindgen(js_name = toText)]
pub fn to_text(bytes: &[u8]) -> Result<js_sys::JsString, JsValue> {
    let text = nianbao::to_text(bytes).map_err(|err| js_error(err.code(), &err.to_string()))?;
    text_to_js(&text)
}

/// The warnings the bytes of an input give of themselves, apart from their text: those
/// `parseReportBytes` puts first among a report's warnings, for code that shows
/// `toText`'s text to say them beside it. One today: `input.truncated` for a PDF that
/// does not end with `%%EOF` (cut short, its last pages probably missing). Only the
/// end of the bytes is read; it throws only for an argument that is not bytes.
///
/// ```ts
/// const text = toText(bytes);
/// for (const w of inputWarnings(bytes)) console.warn(w.code, w.message);
/// ```
#[wasm_bindgen(js_name = inputWarnings)]
pub fn input_warnings(bytes: &[u8]) -> Result<JsDiagnostics, JsValue> {
    Ok(to_js(&nianbao::input_warnings(bytes))?.unchecked_into())
}

#[wasm_bindgen]
extern "C" {
    /// `Diagnostic[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "Diagnostic[]")]
    pub type JsDiagnostics;
}

/// A report's text as a JavaScript string, read from UTF-16 (through [`to_js`]): a
/// `String` returned as it is would be decoded from UTF-8, which V8 does several
/// times slower for Chinese text (`toText` of an HTML page: 73 µs against 120).
/// The audit's HTML, mostly markup, gains nothing and stays a `String`.
fn text_to_js(text: &str) -> Result<js_sys::JsString, JsValue> {
    Ok(to_js(text)?.unchecked_into())
}

/// The version of the package (and of the `nianbao` crate it was built from).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The result of the core as the JavaScript value or exception.
fn convert(result: Result<Report, nianbao::Error>) -> Result<JsReport, JsValue> {
    match result {
        Ok(report) => report_to_js(&report),
        Err(err) => Err(js_error(err.code(), &err.to_string())),
    }
}

/// The report as a plain object in the JSON shape.
fn report_to_js(report: &Report) -> Result<JsReport, JsValue> {
    Ok(to_js(report)?.unchecked_into())
}

/// A model value as a plain JavaScript value in the JSON shape (`null` for `None`,
/// numbers as JavaScript numbers, keys in the model's order).
///
/// Through the tape ([`tape::to_js`]) when it can express the value, which is always
/// the case for a report and an audit. Otherwise through `serde_wasm_bindgen`'s
/// `json_compatible`, which refuses integers beyond 2^53 (which a garbled cell might
/// hold); for such a value the JSON text is parsed by `JSON.parse` instead, which
/// rounds them exactly as any JavaScript consumer of the CLI's JSON would (and as the
/// tape does).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    match tape::to_js(value) {
        Some(Ok(value)) => return Ok(value),
        Some(Err(e)) => {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map_or_else(|| format!("{e:?}"), |e| String::from(e.message()));
            return Err(js_error(
                "internal",
                &format!("cannot build the value: {why}"),
            ));
        }
        None => {}
    }
    match value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
        Ok(value) => Ok(value),
        Err(_) => {
            let json = serde_json::to_string(value)
                .map_err(|e| js_error("internal", &format!("cannot serialise the value: {e}")))?;
            js_sys::JSON::parse(&json)
                .map_err(|_| js_error("internal", "cannot convert the value to JavaScript"))
        }
    }
}

/// What an exported function throws for an error: a record `{ nianbaoError: true,
/// code, message }` (with `source` for an audit's input), which the JavaScript
/// wrapper (`guarded` in `js/node.cjs` and `js/web.js`) turns into the `Error` named
/// `NianbaoError` with those properties that the package throws.
///
/// The `Error` is made there, outside the module: V8 records an error's stack when
/// it is made, which costs more while the module's frames are on it (in Node, an
/// error thrown for an empty text: 8.4–9.0 µs made inside, 7.4–7.7 µs made outside),
/// and its stack then starts at the package's function the caller called.
fn js_error(code: &str, message: &str) -> JsValue {
    let record = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    for (key, value) in [
        (ERROR_RECORD, JsValue::TRUE),
        ("code", JsValue::from_str(code)),
        ("message", JsValue::from_str(message)),
    ] {
        let _ = js_sys::Reflect::set(&record, &JsValue::from_str(key), &value);
    }
    record.into()
}

/// The message of the last panic, cleared by reading it. Used by the JavaScript
/// wrapper after a trap; not part of the public API.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__takePanic", skip_typescript)]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.with(|slot| slot.try_borrow_mut().ok().and_then(|mut s| s.take()))
}

/// Test hook: panics, so that the test suite can check that a panic becomes an
/// `Error` with code `internal` and that the module still works afterwards.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__testPanic", skip_typescript)]
pub fn test_panic(message: &str) {
    panic!("{message}");
}

/// Test hook: reads a report object (for example an expected file turned into a
/// report) into the Rust model and converts it back exactly as [`parse_report`] does,
/// so that the conversion is tested independently of the parser.
#[doc(hidden)]
#[wasm_bindgen(js_name = "__roundTrip", skip_typescript)]
pub fn round_trip(value: JsValue) -> Result<JsReport, JsValue> {
    let report: Report = serde_wasm_bindgen::from_value(value)
        .map_err(|e| js_error("internal", &format!("not a report: {e}")))?;
    report_to_js(&report)
}
