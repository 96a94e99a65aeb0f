// Node.js entry point of the npm package `nianbao` (CommonJS; index.mjs re-exports it).
//
//   const { parseReport } = require("nianbao");   // or: import { parseReport } from "nianbao"
//   const report = parseReport(text);
//
// The module is instantiated synchronously on first require. Every call goes through
// `guarded`, which turns a Rust panic (a WebAssembly trap, "unreachable") into an Error
// with code "internal" and repairs the module's shadow-stack pointer so that later
// calls still work. See README.md, "Errors".
"use strict";

const raw = require("./nianbao.js");
const wasm = raw.__wasm;

function nianbaoError(code, message, cause) {
  const err = new Error(message, cause === undefined ? undefined : { cause });
  err.name = "NianbaoError";
  err.code = code;
  return err;
}

function guarded(fn, args) {
  const stackPointer = wasm.__wbindgen_add_to_stack_pointer(0);
  try {
    return fn(...args);
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError || e instanceof RangeError)) throw e;
    // The aborted call left the shadow-stack pointer where it was: put it back.
    wasm.__wbindgen_add_to_stack_pointer(stackPointer - wasm.__wbindgen_add_to_stack_pointer(0));
    let detail = null;
    try { detail = raw.__takePanic() ?? null; } catch { /* keep the trap's own message */ }
    throw nianbaoError(
      "internal",
      `nianbao: internal error, please report it with the input: ${detail ?? `the WebAssembly module aborted (${e.message})`}`,
      e,
    );
  }
}

/** Parse the text of a 政府信息公开工作年度报告; see nianbao.d.ts. */
function parseReport(text) {
  return guarded(raw.parseReport, [text]);
}

// parseReportBytes(bytes) will be wrapped here exactly like parseReport.

/** The package version. */
function version() {
  return guarded(raw.version, []);
}

exports.parseReport = parseReport;
exports.version = version;
/** @internal Hooks for the package's own test suite; not part of the API. */
exports.__testing = {
  panic: (message) => guarded(raw.__testPanic, [message]),
  roundTrip: (value) => guarded(raw.__roundTrip, [value]),
  stackPointer: () => wasm.__wbindgen_add_to_stack_pointer(0),
};
