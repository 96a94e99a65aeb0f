// Browser / bundler entry point of the npm package `nianbao` (ES module).
//
//   import init, { parseReport, parseReportBytes } from "nianbao";
//   await init();                     // fetches nianbao_bg.wasm beside this file
//   const report = parseReport(text);
//   const fromFile = parseReportBytes(new Uint8Array(await file.arrayBuffer()));
//   const result = audit([{ source: file.name, bytes }, …]);   // checks across reports
//   element.innerHTML = auditToHtml(result, { fragment: true }); // with audit.css loaded
//
// Every call goes through `guarded`, which turns a Rust panic (a WebAssembly trap,
// "unreachable") into an Error with code "internal" and repairs the module's
// shadow-stack pointer so that later calls still work. See README.md, "Errors".
import init, {
  initSync as rawInitSync,
  parseReport as rawParseReport,
  parseReportBytes as rawParseReportBytes,
  toText as rawToText,
  inputWarnings as rawInputWarnings,
  version as rawVersion,
  audit as rawAudit,
  auditToHtml as rawAuditToHtml,
  auditCss as rawAuditCss,
  __takePanic,
  __testPanic,
  __roundTrip,
} from "./nianbao.js";

let wasm = null;

/** Instantiate the module (asynchronously); see the generated nianbao.d.ts for the argument. */
export default async function initNianbao(moduleOrPath) {
  wasm = await (moduleOrPath === undefined ? init() : init(moduleOrPath));
  return wasm;
}

/** Instantiate the module synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(module) {
  wasm = rawInitSync(module);
  return wasm;
}

function nianbaoError(code, message, cause) {
  const err = new Error(message, cause === undefined ? undefined : { cause });
  err.name = "NianbaoError";
  err.code = code;
  return err;
}

/**
 * The Error of an error record that the module threw (`{ nianbaoError: true, code,
 * message, source? }`, made by `js_error` in src/lib.rs): the Error is made here,
 * where its stack holds no frames of the module (which V8 records more slowly) and
 * starts at the function the caller called.
 */
function fromRecord(record) {
  const err = nianbaoError(record.code, record.message);
  if (record.source !== undefined) err.source = record.source;
  return err;
}

function guarded(fn, args) {
  if (wasm === null) {
    throw nianbaoError("not_initialized", "nianbao: call `await init()` (or `initSync(bytes)`) before using the module");
  }
  const stackPointer = wasm.__wbindgen_add_to_stack_pointer(0);
  try {
    return fn(...args);
  } catch (e) {
    if (e !== null && typeof e === "object" && e.nianbaoError === true) throw fromRecord(e);
    if (!(e instanceof WebAssembly.RuntimeError || e instanceof RangeError)) throw e;
    // The aborted call left the shadow-stack pointer where it was: put it back.
    wasm.__wbindgen_add_to_stack_pointer(stackPointer - wasm.__wbindgen_add_to_stack_pointer(0));
    let detail = null;
    try { detail = __takePanic() ?? null; } catch { /* keep the trap's own message */ }
    throw nianbaoError(
      "internal",
      `nianbao: internal error, please report it with the input: ${detail ?? `the WebAssembly module aborted (${e.message})`}`,
      e,
    );
  }
}

/**
 * The bytes argument as a Uint8Array: a Uint8Array (or Node Buffer) as it is, any other
 * typed array or DataView as a view of its bytes, an ArrayBuffer wrapped. Anything
 * else is a TypeError: the generated glue would read it as no bytes at all.
 */
function asBytes(bytes, fn) {
  if (ArrayBuffer.isView(bytes)) {
    return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  const tag = Object.prototype.toString.call(bytes);
  if (tag === "[object ArrayBuffer]" || tag === "[object SharedArrayBuffer]") return new Uint8Array(bytes);
  const got = bytes === null ? "null" : typeof bytes === "object" ? tag.slice(8, -1) : typeof bytes;
  throw new TypeError(`nianbao: ${fn} expects the bytes of a file as a Uint8Array (or an ArrayBuffer), got ${got}${typeof bytes === "string" ? "; for text use parseReport" : ""}`);
}

/** Parse the text of a 政府信息公开工作年度报告; see nianbao.d.ts. */
export function parseReport(text) {
  return guarded(rawParseReport, [text]);
}

/** Parse the bytes of a report file (UTF-8/UTF-16/GBK text, HTML, DOCX); see nianbao.d.ts. */
export function parseReportBytes(bytes) {
  return guarded(rawParseReportBytes, [asBytes(bytes, "parseReportBytes")]);
}

/** The text parseReportBytes reads for these bytes (diagnostics' lines point into it); see nianbao.d.ts. */
export function toText(bytes) {
  return guarded(rawToText, [asBytes(bytes, "toText")]);
}

/** The warnings the bytes give of themselves (a PDF cut short); see nianbao.d.ts. */
export function inputWarnings(bytes) {
  return guarded(rawInputWarnings, [asBytes(bytes, "inputWarnings")]);
}

/** The package version. */
export function version() {
  return guarded(rawVersion, []);
}

/** Inputs of `audit` with their `bytes` as Uint8Array (an ArrayBuffer or other view accepted). */
function auditInputs(inputs) {
  if (!Array.isArray(inputs)) throw new TypeError("nianbao: audit expects an array of { source, bytes | text | report }");
  return inputs.map((item) => (item !== null && typeof item === "object" && item.bytes !== undefined && item.bytes !== null
    ? { ...item, bytes: asBytes(item.bytes, "audit") }
    : item));
}

/** Check reports against each other (across years, duplicates, deadlines, rollups); see nianbao.d.ts. */
export function audit(inputs, options) {
  return guarded(rawAudit, [auditInputs(inputs), options]);
}

/** The readable audit report (HTML) of an `audit` result; see nianbao.d.ts. */
export function auditToHtml(result, options) {
  return guarded(rawAuditToHtml, [result, options]);
}

/** The style sheet of the audit report (also shipped as `nianbao/audit.css`). */
export function auditCss() {
  return guarded(rawAuditCss, []);
}

/** @internal Hooks for the package's own test suite; not part of the API. */
export const __testing = {
  panic: (message) => guarded(__testPanic, [message]),
  roundTrip: (value) => guarded(__roundTrip, [value]),
  stackPointer: () => wasm.__wbindgen_add_to_stack_pointer(0),
};
