// Browser / bundler entry point of the npm package `nianbao` (ES module).
//
//   import init, { parseReport } from "nianbao";
//   await init();                     // fetches nianbao_bg.wasm beside this file
//   const report = parseReport(text);
//
// Every call goes through `guarded`, which turns a Rust panic (a WebAssembly trap,
// "unreachable") into an Error with code "internal" and repairs the module's
// shadow-stack pointer so that later calls still work. See README.md, "Errors".
import init, {
  initSync as rawInitSync,
  parseReport as rawParseReport,
  version as rawVersion,
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

function guarded(fn, args) {
  if (wasm === null) {
    throw nianbaoError("not_initialized", "nianbao: call `await init()` (or `initSync(bytes)`) before using the module");
  }
  const stackPointer = wasm.__wbindgen_add_to_stack_pointer(0);
  try {
    return fn(...args);
  } catch (e) {
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

/** Parse the text of a 政府信息公开工作年度报告; see nianbao.d.ts. */
export function parseReport(text) {
  return guarded(rawParseReport, [text]);
}

// parseReportBytes(bytes) will be wrapped here exactly like parseReport.

/** The package version. */
export function version() {
  return guarded(rawVersion, []);
}

/** @internal Hooks for the package's own test suite; not part of the API. */
export const __testing = {
  panic: (message) => guarded(__testPanic, [message]),
  roundTrip: (value) => guarded(__roundTrip, [value]),
  stackPointer: () => wasm.__wbindgen_add_to_stack_pointer(0),
};
