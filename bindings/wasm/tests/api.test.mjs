// The JavaScript API of the installed package: errors, panics, both entry points
// (Node and web), the conversion to plain objects, and agreement with the native CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import * as nianbao from "nianbao";
import { REPO, goldenCases, readText, readBytes, differences, schemaProblems, completeTables } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const { parseReport, parseReportBytes, toText, version, __testing } = nianbao;
const SEED = join(REPO, "tests", "fixtures", "qijiang-gongan-2024.txt");

/** Assert that fn throws a NianbaoError with this code, and return the error. */
function throwsCode(fn, code) {
  let caught = null;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught !== null, `expected an error with code ${code}, nothing was thrown`);
  assert.ok(caught instanceof Error, `expected an Error, got ${caught}`);
  assert.equal(caught.name, "NianbaoError");
  assert.equal(caught.code, code, `code (message: ${caught.message})`);
  assert.equal(typeof caught.message, "string");
  assert.ok(caught.message.length > 10, `message too short: ${caught.message}`);
  // the module throws a record ({ nianbaoError: true, code, message }) that the
  // wrapper turns into this Error: none of the record's marks on it
  assert.ok(!("nianbaoError" in caught), "the module's error record is not what is thrown");
  assert.ok(!Object.hasOwn(caught, "source"), "source is only on an audit's input errors");
  return caught;
}

test("version is the crate's version", () => {
  const pkg = JSON.parse(readFileSync(require.resolve("nianbao/package.json"), "utf8"));
  assert.equal(version(), pkg.version);
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test("CommonJS require and ESM import give the same functions", () => {
  const cjs = require("nianbao");
  for (const name of ["parseReport", "parseReportBytes", "toText", "inputWarnings", "version"]) {
    assert.equal(typeof cjs[name], "function", name);
    assert.equal(cjs[name], nianbao[name], name);
  }
});

test("empty input throws code 'empty'", () => {
  throwsCode(() => parseReport(""), "empty");
  throwsCode(() => parseReport("  \n\t\n"), "empty");
});

test("text that is not a report throws code 'not_a_report'", () => {
  throwsCode(() => parseReport("hello world, this is not an annual report at all.\n".repeat(20)), "not_a_report");
  throwsCode(() => parseReport("关于做好政府信息公开工作的通知\n各单位：请认真贯彻落实。"), "not_a_report");
});

test("binary garbage throws code 'binary'", () => {
  let garbage = "";
  for (let i = 0; i < 2000; i++) garbage += String.fromCharCode((i * 7919) % 32);
  throwsCode(() => parseReport(garbage), "binary");
});

test("input over the size limit throws code 'too_large'", () => {
  const big = "政府信息公开工作年度报告\n".repeat(3_000_000); // about 111 MB of UTF-8
  throwsCode(() => parseReport(big), "too_large");
});

test("a panic becomes an Error with code 'internal', and the module keeps working", () => {
  const before = parseReport(readText(SEED));
  const stack = __testing.stackPointer();
  const err = throwsCode(() => __testing.panic("deliberate panic for the test"), "internal");
  assert.match(err.message, /deliberate panic for the test/);
  assert.ok(err.cause instanceof WebAssembly.RuntimeError, "cause is the trap");
  assert.equal(__testing.stackPointer(), stack, "the shadow-stack pointer is restored");
  for (let i = 0; i < 300; i++) throwsCode(() => __testing.panic(`panic ${i}`), "internal");
  assert.equal(__testing.stackPointer(), stack);
  throwsCode(() => parseReport(""), "empty");
  assert.deepEqual(parseReport(readText(SEED)), before, "same result after panics");
});

/**
 * The web entry point, loaded as a browser loads it: without Node's Buffer, so that
 * the strings of a report are read by TextDecoder (js/tape.js). Not yet initialised
 * the first time.
 */
async function webEntry() {
  const buffer = globalThis.Buffer;
  globalThis.Buffer = undefined;
  try {
    return await import("nianbao/web");
  } finally {
    globalThis.Buffer = buffer;
  }
}

test("in a Node.js that may not make code from strings, objects are read key by key and come out the same", () => {
  // js/tape.js builds each shape's objects with `new Function` where it may; with
  // --disallow-code-generation-from-strings that throws, and it reads key by key
  const inputs = goldenCases().flatMap((c) => c.inputs).slice(0, 6);
  const script = `const m = require(${JSON.stringify(require.resolve("nianbao"))});
    const fs = require("fs");
    const out = ${JSON.stringify(inputs)}.map((f) => {
      try { return m.parseReportBytes(fs.readFileSync(f)); } catch (e) { return e.code; }
    });
    process.stdout.write(JSON.stringify(out));`;
  const expected = inputs.map((f) => {
    try {
      return parseReportBytes(readBytes(f));
    } catch (e) {
      return e.code;
    }
  });
  for (const flags of [["--disallow-code-generation-from-strings"], []]) {
    const got = execFileSync(process.execPath, [...flags, "-e", script], { encoding: "utf8", maxBuffer: 64 << 20 });
    assert.equal(got, JSON.stringify(expected), flags.join(" ") || "no flags");
  }
  assert.ok(expected.filter((r) => typeof r === "object").length >= 3, "reports compared");
});

test("the web entry point works (initSync from bytes) and agrees with the Node one", async () => {
  const web = await webEntry();
  throwsCode(() => web.parseReport("x"), "not_initialized");
  throwsCode(() => web.parseReportBytes(new Uint8Array([0x41])), "not_initialized");
  throwsCode(() => web.toText(new Uint8Array([0x41])), "not_initialized");
  const bytes = readFileSync(require.resolve("nianbao/nianbao_bg.wasm"));
  web.initSync({ module: bytes });
  assert.equal(web.version(), version());
  throwsCode(() => web.parseReport(""), "empty");
  throwsCode(() => web.__testing.panic("web panic"), "internal");
  const text = readText(SEED);
  assert.deepEqual(web.parseReport(text), parseReport(text));
  const bytes2 = readBytes(SEED);
  assert.deepEqual(web.parseReportBytes(bytes2), parseReport(text));
  assert.equal(web.toText(bytes2), text);
  throwsCode(() => web.parseReportBytes(new TextEncoder().encode("%PDF-1.7\n")), "invalid_pdf");
  let compared = 0;
  for (const c of goldenCases()) {
    for (const input of c.inputs) {
      const b = readBytes(input);
      let fromNode = null;
      try {
        fromNode = parseReportBytes(b);
      } catch (e) {
        throwsCode(() => web.parseReportBytes(b), e.code);
        continue;
      }
      // in Node, objects are built by their shape after the first of each (js/tape.js);
      // here, key by key: the same values, and the same keys in the same order
      const fromWeb = web.parseReportBytes(b);
      assert.deepStrictEqual(fromWeb, fromNode, input);
      assert.equal(JSON.stringify(fromWeb), JSON.stringify(fromNode), input);
      compared++;
    }
  }
  assert.ok(compared > 20, `only ${compared} reports compared`);
  // U+FEFF at the start of a string is a character, not a byte-order mark to drop
  const withMark = { ...parseReport(text), title: "\uFEFF标题\uFEFF", agency: "\uFEFF" };
  for (const roundTrip of [web.__testing.roundTrip, __testing.roundTrip]) {
    const out = roundTrip(withMark);
    assert.equal(out.title, withMark.title);
    assert.equal(out.agency, withMark.agency);
  }
});

// ---- the conversion to JavaScript, independent of the parser -------------------------

/** A full report object built from an expected file (sections and diagnostics made up). */
function reportFromExpected(exp) {
  const tables = completeTables(exp);
  return {
    title: exp.title ?? null,
    agency: exp.agency ?? null,
    year: exp.year ?? null,
    published: exp.published ?? null,
    template: exp.template ?? null,
    sections: (exp.section_numbers ?? []).map((n, i) => ({ number: n, heading: `部分${n}`, text: "正文", line: 10 * (i + 1) })),
    active_disclosure: tables.active_disclosure,
    applications: tables.applications,
    reviews: tables.reviews,
    processing_fees: tables.processing_fees,
    diagnostics: [
      { code: "applications.balance", severity: "error", message: "第一项加第二项之和应等于第三项加第四项之和（自然人列：3 + 0 ≠ 2 + 0）", line: 120, column: 2, page: null },
      { code: "structure.section_missing", severity: "warning", message: "缺少第六部分", line: null, column: null, page: 3 },
    ],
  };
}

test("round trip: every expected file converts to the identical plain object", () => {
  let n = 0;
  for (const c of goldenCases()) {
    if (c.expected.expect_failure) continue;
    const input = reportFromExpected(c.expected);
    const output = __testing.roundTrip(input);
    assert.deepEqual(differences(input, output), [], c.id);
    assert.deepEqual(schemaProblems(output), [], c.id);
    n++;
  }
  assert.ok(n >= 5, `only ${n} expected files`);
});

test("round trip: nulls stay null, money keeps its decimals, the 2019 table keeps its shape", () => {
  const exp = {
    template: "2019",
    active_disclosure: {
      regulations: { made: 0, published: 0, total_published: 3 },
      normative_documents: { made: 2, published: 2, total_published: 40 },
      licensing: { previous_items: 12, change: -1, decisions: 300 },
      other_services: { previous_items: 0, change: 0, decisions: 0 },
      penalty: { previous_items: 5, change: 0, decisions: 17 },
      coercion: { previous_items: 2, change: null, decisions: 0 },
      fees: { previous_items: 0, change: 0 },
      procurement: { items: 4, amount: 75394432.52 },
    },
  };
  const out = __testing.roundTrip(reportFromExpected(exp));
  assert.equal(out.active_disclosure.licensing.change, -1);
  assert.equal(out.active_disclosure.coercion.change, null);
  assert.equal(out.active_disclosure.procurement.amount, 75394432.52);
  assert.equal(out.applications, null);
  assert.equal(out.title, null);
  assert.ok("other_services" in out.active_disclosure);
  assert.deepEqual(schemaProblems(out), []);
});

test("round trip: strings of every kind and counts up to 2^53 come back exactly, through both entry points", async () => {
  const web = await webEntry();
  web.initSync({ module: readFileSync(require.resolve("nianbao/nianbao_bg.wasm")) });
  // a seeded generator: the same cases on every run
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = (items) => items[Math.floor(random() * items.length)];
  const pieces = ["a", "Z", "0", " ", "\t", "\n", "中", "国", "，", "。", "“", "\u3000", "\u00a0", "\ufeff", "\u0000", "\u2028", "é", "😀", "𠀀", "\\", "\"", "&", "<"];
  const text = (max) => Array.from({ length: Math.floor(random() * max) }, () => pick(pieces)).join("");
  // one word, the two sides of 2^28 (one word or a float on the tape), 2^32, 2^53 - 1
  const counts = [0, 1, 9, 2 ** 28 - 1, 2 ** 28, 2 ** 32, 2 ** 53 - 1, null];
  const recount = (value) => {
    if (Array.isArray(value)) return value.map(recount);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recount(v)]));
    return typeof value === "number" ? pick(counts) : value;
  };
  const base = parseReport(readText(SEED));
  for (let i = 0; i < 200; i++) {
    const report = {
      ...base,
      title: random() < 0.1 ? null : text(40),
      agency: text(8),
      sections: base.sections.map((section) => ({ ...section, heading: text(12), text: text(400) })),
      applications: recount(base.applications),
      reviews: recount(base.reviews),
      diagnostics: base.diagnostics.concat([{ code: "applications.balance", severity: "error", message: text(80), line: i + 1, column: 1, page: null }]),
    };
    const expected = JSON.stringify(report);
    assert.equal(JSON.stringify(__testing.roundTrip(report)), expected, `case ${i} (Node)`);
    assert.equal(JSON.stringify(web.__testing.roundTrip(report)), expected, `case ${i} (web)`);
  }
});

test("round trip: a count beyond 2^53 becomes the nearest number instead of failing", () => {
  const r = reportFromExpected({ template: "2021" });
  r.reviews = {
    administrative_review: { upheld: 2n ** 60n, corrected: 0, other: 0, pending: 0, total: 1 },
    litigation_direct: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    litigation_after_review: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
  };
  const out = __testing.roundTrip(r);
  assert.equal(out.reviews.administrative_review.upheld, 2 ** 60);
  assert.equal(out.reviews.administrative_review.total, 1);
  assert.equal(out.diagnostics[1].line, null);
});

// ---- agreement with the native CLI ---------------------------------------------------

const CLI = [process.env.NIANBAO_CLI, join(REPO, "target", "release", "nianbao")].find((p) => p && existsSync(p));

test("the package returns exactly the JSON and the text of the native CLI", { skip: CLI ? false : "no native CLI built (set NIANBAO_CLI or build target/release/nianbao)" }, () => {
  let compared = 0;
  const run = (command, path) => {
    try {
      return execFileSync(CLI, [command, path], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
    } catch (e) {
      if (e.status !== 2) throw e; // 2: not a report / no text; the package must refuse it too
      return null;
    }
  };
  for (const c of goldenCases()) {
    for (const input of c.inputs) {
      const bytes = readBytes(input);
      // `nianbao text FILE`: the text the LINE:COLUMN of diagnostics refer to
      const cliText = run("text", input);
      let text = null;
      try {
        text = toText(bytes);
      } catch (e) {
        assert.equal(cliText, null, `${input}: toText threw ${e.code} but the CLI printed the text`);
      }
      if (text !== null) assert.equal(text, cliText, `${input}: toText differs from nianbao text`);
      // `nianbao parse FILE`: the report
      const out = run("parse", input);
      const cliJson = out === null ? null : JSON.parse(out);
      let wasmReport = null;
      try {
        wasmReport = parseReportBytes(bytes);
      } catch (e) {
        assert.equal(cliJson, null, `${input}: the package threw ${e.code} but the CLI parsed it`);
        continue;
      }
      assert.ok(cliJson !== null, `${input}: the CLI refused the input but the package parsed it`);
      assert.deepEqual(differences(cliJson, wasmReport), [], input);
      // the same keys in the same order, and plain objects and arrays throughout
      assert.equal(JSON.stringify(wasmReport), JSON.stringify(cliJson), `${input}: key order`);
      assert.deepStrictEqual(wasmReport, cliJson, input);
      compared++;
    }
  }
  assert.ok(compared > 0, "no report compared");
});
