//! `audit`, `auditToHtml` and `auditCss`: the checks across reports of
//! [`nianbao::audit`] for JavaScript. Conversion only: the inputs become
//! [`nianbao::audit::Input`]s (a report file's bytes or text is parsed here with
//! [`nianbao::parse_bytes`] / [`nianbao::parse_report`], so that findings keep the
//! line and column of every cell; a report object given as it is has no positions), the
//! options become [`nianbao::audit::Options`], and the [`nianbao::audit::Audit`] comes
//! back as a plain object in its JSON shape, with the inputs left out
//! (`options.skipFailures`) as its `failures`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use nianbao::audit::{self, Audit, BodyKind, Input, Options};
use nianbao::Report;
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::js_error;

/// The JavaScript side of an [`Audit`]: a plain object typed `Audit` in TypeScript.
type JsAudit = <Audit as Tsify>::JsType;

#[wasm_bindgen(typescript_custom_section)]
const TS_AUDIT: &'static str = r#"
/** One report to audit: where it came from, and the report as a file's bytes, its text, or a parsed report. */
export interface AuditInput {
    /** A path or a name; findings name the report by it. */
    source: string;
    /** The bytes of the report file (any encoding, HTML, DOCX), parsed as `parseReportBytes` does. */
    bytes?: Uint8Array;
    /** The text of the report, parsed as `parseReport` does. */
    text?: string;
    /** A report parsed before (its cells' line numbers are then unknown). */
    report?: Report;
    /** The key of the report's body, when the caller knows it. */
    key?: string;
    /** The kind of body, when the caller knows it (sets the deadline). */
    kind?: BodyKind;
}

/** What the caller knows beyond the reports (all optional). */
export interface AuditOptions {
    /** Printed agency name → body key, or CSV text `name,key[,kind]`. */
    aliases?: Record<string, string> | string;
    /** Body key or name → kind of body. */
    kinds?: Record<string, BodyKind>;
    /** `[parent, child]` pairs, or CSV text `parent,child`, for `rollup.sum`. */
    hierarchy?: [string, string][] | string;
    /** Share of a part's text found in last year's above which `series.text_reuse` is reported (default 0.5). */
    text_reuse_threshold?: number;
    /**
     * Leave out the inputs that cannot be parsed (not a report, a scan, a damaged file …) and
     * list them in the result's `failures`, instead of throwing at the first (default false).
     * One call then both tells the reports from the other files and audits them.
     */
    skipFailures?: boolean;
}

/** An input left out of an audit with `skipFailures`: why it could not be parsed. */
export interface AuditFailure {
    /** Its index in the inputs. */
    index: number;
    /** Its `source`. */
    source: string;
    /** The parse error's code (`not_a_report`, `scanned_pdf`, …; see `NianbaoError`). */
    code: string;
    /** The parse error's message. */
    message: string;
}

/** What `audit` returns: the audit, and the inputs it left out. */
export type AuditResult = Audit & {
    /** The inputs left out, in input order (always empty without `skipFailures`). */
    failures: AuditFailure[];
};

/** How `auditToHtml` renders. */
export interface AuditHtmlOptions {
    /** Only the `<div class="nb-audit">` without the document and style sheet (load `auditCss()` or `nianbao/audit.css` yourself). */
    fragment?: boolean;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `AuditInput[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "AuditInput[]")]
    pub type AuditInputs;
    /// `AuditOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "AuditOptions")]
    pub type AuditOptions;
    /// `AuditHtmlOptions` in TypeScript.
    #[wasm_bindgen(typescript_type = "AuditHtmlOptions")]
    pub type AuditHtmlOptions;
    /// `AuditResult` in TypeScript: the audit with its `failures`.
    #[wasm_bindgen(typescript_type = "AuditResult")]
    pub type AuditResult;
}

/// An input left out with `skipFailures` (`AuditFailure` in TypeScript).
#[derive(Serialize)]
struct Failure {
    index: usize,
    source: String,
    code: &'static str,
    message: String,
}

/// One input, its report parsed or given, or the error of its parse.
struct Parsed {
    source: String,
    report: Result<Report, nianbao::Error>,
    key: Option<String>,
    kind: Option<BodyKind>,
}

fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn string(obj: &JsValue, key: &str, what: &str) -> Result<Option<String>, JsValue> {
    match get(obj, key) {
        None => Ok(None),
        Some(v) => v.as_string().map(Some).ok_or_else(|| {
            js_error(
                "invalid_input",
                &format!("audit: {what}.{key} must be a string"),
            )
        }),
    }
}

fn kind(value: &str, what: &str) -> Result<BodyKind, JsValue> {
    value
        .parse()
        .map_err(|e: String| js_error("invalid_input", &format!("audit: {what}: {e}")))
}

/// One input: its source, and the report parsed from bytes or text, or given. An
/// input of the wrong shape is an error at once; one that is not a report is returned
/// with its parse error.
fn input(item: &JsValue, i: usize) -> Result<Parsed, JsValue> {
    let what = format!("inputs[{i}]");
    if !item.is_object() {
        return Err(js_error(
            "invalid_input",
            &format!("audit: {what} must be an object {{ source, bytes | text | report }}"),
        ));
    }
    let source = string(item, "source", &what)?.unwrap_or_else(|| format!("report {}", i + 1));
    let parsed = if let Some(bytes) = get(item, "bytes") {
        let bytes = bytes.dyn_into::<Uint8Array>().map_err(|_| {
            js_error(
                "invalid_input",
                &format!("audit: {what}.bytes must be a Uint8Array"),
            )
        })?;
        nianbao::parse_bytes(&bytes.to_vec())
    } else if let Some(text) = string(item, "text", &what)? {
        nianbao::parse_report(&text)
    } else if let Some(report) = get(item, "report") {
        let report: Report = serde_wasm_bindgen::from_value(report).map_err(|e| {
            js_error(
                "invalid_input",
                &format!("audit: {what}.report is not a report object: {e}"),
            )
        })?;
        Ok(report)
    } else {
        return Err(js_error(
            "invalid_input",
            &format!("audit: {what} ({source}) has none of bytes, text, report"),
        ));
    };
    let key = string(item, "key", &what)?;
    let body_kind = match string(item, "kind", &what)? {
        Some(k) => Some(kind(&k, &what)?),
        None => None,
    };
    Ok(Parsed {
        source,
        report: parsed,
        key,
        kind: body_kind,
    })
}

/// The error thrown for an input that is not a report: the parse error's code, the
/// source in the message and as the `source` property.
fn input_error(source: &str, e: &nianbao::Error) -> JsValue {
    let err = js_error(e.code(), &format!("{source}: {e}"));
    let _ = Reflect::set(
        &err,
        &JsValue::from_str("source"),
        &JsValue::from_str(source),
    );
    err
}

/// The options object as [`Options`], and whether to skip the inputs that fail.
fn options(value: Option<AuditOptions>) -> Result<(Options, bool), JsValue> {
    let mut options = Options::default();
    let Some(value) = value.map(JsValue::from) else {
        return Ok((options, false));
    };
    let skip = match get(&value, "skipFailures") {
        None => false,
        Some(v) => v.as_bool().ok_or_else(|| {
            js_error(
                "invalid_input",
                "audit: options.skipFailures must be true or false",
            )
        })?,
    };
    let csv_error = |e: nianbao::Error| js_error(e.code(), &format!("audit: {e}"));
    if let Some(aliases) = get(&value, "aliases") {
        if let Some(csv) = aliases.as_string() {
            options.read_aliases_csv(&csv).map_err(csv_error)?;
        } else {
            for (name, key) in entries(&aliases, "options.aliases")? {
                options.aliases.insert(name, key);
            }
        }
    }
    if let Some(kinds) = get(&value, "kinds") {
        for (name, k) in entries(&kinds, "options.kinds")? {
            options.kinds.insert(name, kind(&k, "options.kinds")?);
        }
    }
    if let Some(hierarchy) = get(&value, "hierarchy") {
        if let Some(csv) = hierarchy.as_string() {
            options.read_hierarchy_csv(&csv).map_err(csv_error)?;
        } else {
            let bad = || {
                js_error(
                    "invalid_input",
                    "audit: options.hierarchy must be CSV text or an array of [parent, child] pairs",
                )
            };
            let pairs = hierarchy.dyn_into::<Array>().map_err(|_| bad())?;
            for pair in pairs.iter() {
                let pair = pair.dyn_into::<Array>().map_err(|_| bad())?;
                match (
                    pair.get(0).as_string(),
                    pair.get(1).as_string(),
                    pair.length(),
                ) {
                    (Some(p), Some(c), 2) => options.hierarchy.push((p, c)),
                    _ => return Err(bad()),
                }
            }
        }
    }
    if let Some(t) = get(&value, "text_reuse_threshold") {
        match t.as_f64() {
            Some(t) if (0.0..=1.0).contains(&t) => options.text_reuse_threshold = t,
            _ => {
                return Err(js_error(
                    "invalid_input",
                    "audit: options.text_reuse_threshold must be a number from 0 to 1",
                ))
            }
        }
    }
    Ok((options, skip))
}

/// The string entries of a plain object.
fn entries(value: &JsValue, what: &str) -> Result<Vec<(String, String)>, JsValue> {
    let obj = value
        .dyn_ref::<Object>()
        .ok_or_else(|| js_error("invalid_input", &format!("audit: {what} must be an object")))?;
    Object::entries(obj)
        .iter()
        .map(|pair| {
            let pair: Array = pair.unchecked_into();
            match (pair.get(0).as_string(), pair.get(1).as_string()) {
                (Some(k), Some(v)) => Ok((k, v)),
                _ => Err(js_error(
                    "invalid_input",
                    &format!("audit: the values of {what} must be strings"),
                )),
            }
        })
        .collect()
}

/// Check reports against each other: a body's reports across the years (上年结转
/// against last year's 结转下年度 per column, 现行有效件数, text copied from last year,
/// missing years), two reports for one year, publication deadlines, and parents against
/// the sum of their children (with `options.hierarchy`). See the Rust crate's
/// `nianbao::audit` for every rule, and `nianbao::codes` for every code.
///
/// Each input is `{ source, bytes }` (the bytes of a report file), `{ source, text }`
/// or `{ source, report }` (a report parsed before; its cells' positions are then
/// unknown), optionally with `key` (the body's key) and `kind` (`"government"` or
/// `"department"`).
///
/// Returns the audit as a plain object: `reports`, `bodies` (grouping key, names,
/// kind, reports by year), `ungrouped`, and `findings` — each a `diagnostic` (code,
/// severity, Chinese message) with the `sides` it compares (report, cell, value, line,
/// column) — and `failures`. When an input is not a report, it throws `NianbaoError`
/// with the parse error's code and the source in the message (and a `source`
/// property); with `options.skipFailures` it leaves the input out instead and lists it
/// in `failures` (index, source, code, message). Inputs or options of the wrong shape
/// throw `invalid_input` or `csv`.
///
/// ```ts
/// const result = audit(files.map((f) => ({ source: f.name, bytes: f.bytes })), { skipFailures: true });
/// for (const f of result.findings) console.log(f.diagnostic.severity, f.diagnostic.message);
/// for (const f of result.failures) console.log(f.source, f.code);
/// ```
#[wasm_bindgen(js_name = audit)]
pub fn audit_reports(
    inputs: AuditInputs,
    options: Option<AuditOptions>,
) -> Result<AuditResult, JsValue> {
    let (options, skip) = self::options(options)?;
    let inputs: JsValue = inputs.into();
    let array = inputs.dyn_into::<Array>().map_err(|_| {
        js_error(
            "invalid_input",
            "audit: inputs must be an array of { source, bytes | text | report }",
        )
    })?;
    let mut items = Vec::with_capacity(array.length() as usize);
    let mut failures = Vec::new();
    for (i, item) in array.iter().enumerate() {
        let parsed = input(&item, i)?;
        match parsed.report {
            Ok(report) => items.push((parsed.source, report, parsed.key, parsed.kind)),
            Err(e) if skip => failures.push(Failure {
                index: i,
                message: e.to_string(),
                code: e.code(),
                source: parsed.source,
            }),
            Err(e) => return Err(input_error(&parsed.source, &e)),
        }
    }
    let result = audit::audit(
        items.iter().map(|(source, report, key, kind)| Input {
            source: source.clone(),
            report,
            key: key.clone(),
            kind: *kind,
        }),
        &options,
    );
    let value = crate::to_js(&result)?;
    // a fresh plain object: setting a property cannot fail
    let _ = Reflect::set(
        &value,
        &JsValue::from_str("failures"),
        &crate::to_js(&failures)?,
    );
    Ok(value.unchecked_into())
}

/// The readable audit report of an `audit` result: one self-contained HTML document
/// (inline CSS and SVG, no script), or with `{ fragment: true }` only its
/// `<div class="nb-audit">`, to be shown inside a page that loads `auditCss()` (or the
/// package's `audit.css`). The compared cells of each finding are `td.nb-hl`.
#[wasm_bindgen(js_name = auditToHtml)]
pub fn audit_to_html(audit: JsAudit, options: Option<AuditHtmlOptions>) -> Result<String, JsValue> {
    let audit: Audit = serde_wasm_bindgen::from_value(audit.into()).map_err(|e| {
        js_error(
            "invalid_input",
            &format!("auditToHtml: not an audit result: {e}"),
        )
    })?;
    let fragment = options
        .map(JsValue::from)
        .and_then(|o| get(&o, "fragment"))
        .and_then(|f| f.as_bool())
        .unwrap_or(false);
    Ok(if fragment {
        audit::html::fragment(&audit)
    } else {
        audit::html::document(&audit)
    })
}

/// The style sheet of the audit report (the same as the package's `audit.css`); every
/// rule is scoped to `.nb-audit`.
#[wasm_bindgen(js_name = auditCss)]
pub fn audit_css() -> String {
    audit::html::CSS.to_string()
}
