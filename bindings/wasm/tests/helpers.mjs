// Shared helpers of the package tests.
//
// The tests import the package by its name, `nianbao`: test.sh packs the built package
// (`npm pack`), installs the tarball into a temporary directory, copies this folder
// there and runs `node --test` in it, so that what is tested is what would be
// published. NIANBAO_REPO points back at the repository (fixtures, web page, tools).
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root. */
export const REPO = resolve(process.env.NIANBAO_REPO ?? join(here, "..", "..", ".."));

/** The shared corpus (`<repo>/../shared/corpus`), or null when it is absent. */
export const CORPUS = (() => {
  const dir = resolve(process.env.NIANBAO_CORPUS ?? join(REPO, "..", "shared", "corpus"));
  return existsSync(dir) ? dir : null;
})();

/** The keys of a report (output-schema.md, "Top level"), in order. */
export const REPORT_KEYS = [
  "title", "agency", "year", "published", "template", "sections",
  "active_disclosure", "applications", "reviews", "processing_fees", "diagnostics",
];

/** The keys an expected file may have besides the report's (corpus README). */
export const EXPECTED_EXTRA_KEYS = ["section_numbers", "expect_errors", "expect_failure", "notes", "ambiguous"];

/**
 * Report files a golden case reads, as the Rust golden test (tests/golden.rs) pairs
 * them: `NAME.SOMETHING` ending in one of these (`NAME.txt`, `NAME.layout.txt`,
 * `NAME.md`, `NAME.html`, `NAME.docx`, `NAME.pdf`).
 */
const READABLE_SUFFIXES = [".txt", ".md", ".html", ".docx", ".pdf"];

/** Suffixes of plain text files (parseReport of their UTF-8 text must agree). */
export const TEXT_SUFFIXES = [".txt", ".md"];

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/**
 * Every golden case: each `NAME.expected.json` under the corpus and under
 * `<repo>/tests/fixtures`, with every report file beside it that the Rust golden test
 * reads (`inputs`, sorted; see READABLE_SUFFIXES). `others` are all files named
 * `NAME.*` besides the expected file (PDFs included). `expectedRaw` is the expected
 * file with its numbers kept as written (see parseJsonKeepingNumbers).
 */
export function goldenCases() {
  const roots = [];
  if (CORPUS) roots.push({ label: "corpus", dir: CORPUS });
  roots.push({ label: "fixtures", dir: join(REPO, "tests", "fixtures") });
  const cases = [];
  for (const { label, dir } of roots) {
    for (const path of walk(dir)) {
      if (!path.endsWith(".expected.json")) continue;
      const name = path.slice(0, -".expected.json".length);
      const base = name.slice(dirname(name).length + 1);
      const siblings = readdirSync(dirname(path)).sort().filter((f) => f.startsWith(`${base}.`) && !f.endsWith(".expected.json"));
      const source = readFileSync(path, "utf8");
      cases.push({
        id: `${label}/${path.slice(dir.length + 1, -".expected.json".length)}`,
        expectedPath: path,
        expected: JSON.parse(source),
        expectedRaw: parseJsonKeepingNumbers(source),
        inputs: siblings.filter((f) => READABLE_SUFFIXES.some((s) => f.endsWith(s))).map((f) => join(dirname(path), f)),
        others: siblings,
      });
    }
  }
  return cases;
}

function show(v) {
  return v === undefined ? "(absent)" : JSON.stringify(v);
}

/**
 * Every difference between an expected value and the actual one, as "path: …" lines.
 * Numbers compare numerically (64.21 and 64.210 are equal); objects must have the same
 * keys; arrays the same length. `accept(path, expected, actual)`, when given, is asked
 * about every differing leaf value (neither side an object) and returns true to let it
 * pass; it is not asked about missing keys, shapes or lengths. With `partial`, keys the
 * expected object lacks are not compared (an expected file checks only what it has).
 */
export function differences(expected, actual, path = "", out = [], accept = null, partial = false) {
  const leaf = (e, a) => (e === null || typeof e !== "object") && (a === null || typeof a !== "object");
  if (accept !== null && leaf(expected, actual) && !sameLeaf(expected, actual) && accept(path, expected, actual)) return out;
  if (typeof expected === "number" && typeof actual === "number") {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    if (!(Math.abs(expected - actual) <= tolerance)) out.push(`${path}: expected ${expected}, got ${actual}`);
    return out;
  }
  if (expected === null || actual === null || typeof expected !== "object" || typeof actual !== "object") {
    if (expected !== actual) out.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
    return out;
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) {
    out.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
    return out;
  }
  if (Array.isArray(expected)) {
    if (expected.length !== actual.length) {
      out.push(`${path}: expected ${expected.length} items ${show(expected)}, got ${actual.length} ${show(actual)}`);
      return out;
    }
    expected.forEach((e, i) => differences(e, actual[i], `${path}[${i}]`, out, accept, partial));
    return out;
  }
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const p = path ? `${path}.${key}` : key;
    if (!(key in actual)) out.push(`${p}: missing in the report (expected ${show(expected[key])})`);
    else if (!(key in expected)) {
      if (!partial) out.push(`${p}: key not in the schema (got ${show(actual[key])})`);
    } else differences(expected[key], actual[key], p, out, accept, partial);
  }
  return out;
}

const numbersEqual = (a, b) => typeof a === "number" && typeof b === "number" && sameLeaf(a, b);

function sameLeaf(expected, actual) {
  if (typeof expected === "number" && typeof actual === "number") {
    return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  return expected === actual;
}

// ---- ambiguous cells -------------------------------------------------------------------
//
// Cells the text does not decide (glued digits that more than one split explains) are
// left out of the expected tables and listed under `ambiguous` (corpus README). Exactly
// as the Rust golden test (tests/golden.rs, `check_ambiguous`): such a cell is null
// with a warning that quotes the glued text (from its first digit on) or, without
// `glued`, names the row; or it is a value the text decides, one of `candidates` and
// equal to `true` when the file knows it.

/** The part-二 rows as the diagnostics name them. */
export const GLUED_ROW_NAMES = {
  regulations: "规章",
  normative_documents: "规范性文件",
  licensing: "行政许可",
  other_services: "其他对外管理服务事项",
  penalty: "行政处罚",
  coercion: "行政强制",
  fees: "行政事业性收费",
  procurement: "政府集中采购",
};

const valueAt = (obj, path) =>
  path.split(".").reduce((v, k) => (v !== null && typeof v === "object" ? v[k] ?? null : null), obj);

const plain = (v) => (v instanceof RawNumber ? Number(v.raw) : v);

/**
 * Check one `ambiguous` entry (read by JSON.parse or parseJsonKeepingNumbers) against
 * a report: returns `{ problem, none }` — the problem, or null, and whether the cell
 * was null.
 */
export function checkAmbiguous(entry, report) {
  const path = entry.path;
  const got = valueAt(report, path);
  if (got === null) {
    let quote;
    if (typeof entry.glued === "string") {
      const first = entry.glued.search(/[0-9]/);
      quote = entry.glued.slice(Math.max(first, 0));
    } else {
      quote = GLUED_ROW_NAMES[path.split(".")[1]] ?? "";
    }
    const warned = report.diagnostics.some((d) => d.severity === "warning" && d.message.includes(quote));
    return { problem: warned ? null : `${path}: null without a warning quoting ${JSON.stringify(quote)} (ambiguous cell)`, none: true };
  }
  if ("true" in entry && !numbersEqual(plain(entry.true), got)) {
    return { problem: `${path}: ambiguous cell read as ${got}, but the true value is ${plain(entry.true)}`, none: false };
  }
  const candidates = entry.candidates?.map(plain);
  if (candidates && !candidates.some((c) => (c === null ? false : numbersEqual(c, got)))) {
    return { problem: `${path}: ambiguous cell read as ${got}, not one of ${JSON.stringify(candidates)}`, none: false };
  }
  return { problem: null, none: false };
}

/** A JSON number as written in the file (parseJsonKeepingNumbers). */
export class RawNumber {
  constructor(raw) {
    this.raw = raw;
  }
}

/**
 * JSON.parse, except that numbers become RawNumber with their text: whether the file
 * wrote `3` or `3.0` decides how serde_json (and so the Rust test) writes it back.
 */
export function parseJsonKeepingNumbers(text) {
  let i = 0;
  const ws = () => { while (/[ \t\r\n]/.test(text[i] ?? "")) i++; };
  const value = () => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj = {};
      ws();
      if (text[i] === "}") { i++; return obj; }
      for (;;) {
        ws();
        const key = string();
        ws();
        if (text[i++] !== ":") throw new SyntaxError(`expected ':' at ${i - 1}`);
        obj[key] = value();
        ws();
        const sep = text[i++];
        if (sep === "}") return obj;
        if (sep !== ",") throw new SyntaxError(`expected ',' or '}' at ${i - 1}`);
      }
    }
    if (c === "[") {
      i++;
      const arr = [];
      ws();
      if (text[i] === "]") { i++; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        const sep = text[i++];
        if (sep === "]") return arr;
        if (sep !== ",") throw new SyntaxError(`expected ',' or ']' at ${i - 1}`);
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) throw new SyntaxError(`unexpected ${JSON.stringify(c)} at ${i}`);
    i += m[0].length;
    return m[0] === "true" ? true : m[0] === "false" ? false : m[0] === "null" ? null : new RawNumber(m[0]);
  };
  const string = () => {
    const m = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i));
    if (!m) throw new SyntaxError(`expected a string at ${i}`);
    i += m[0].length;
    return JSON.parse(m[0]);
  };
  const out = value();
  ws();
  if (i !== text.length) throw new SyntaxError(`trailing text at ${i}`);
  return out;
}

/**
 * A JSON number as serde_json's `Value::to_string` writes it: integers in the range of
 * u64/i64 as written; other numbers are f64, written by ryu (shortest digits; `3.0`
 * for an integral value; exponent form outside 1e-5 … 1e16).
 */
export function serdeJsonNumberText(raw) {
  if (!/[.eE]/.test(raw)) {
    const n = BigInt(raw);
    if (n >= -(2n ** 63n) && n < 2n ** 64n) return n.toString();
  }
  const v = Number(raw);
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const sign = v < 0 ? "-" : "";
  const [mantissa, exp] = Math.abs(v).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const length = digits.length;
  const kk = Number(exp) + 1; // position of the decimal point
  const k = kk - length; // exponent of the last digit
  if (k >= 0 && kk <= 16) return `${sign}${digits}${"0".repeat(k)}.0`;
  if (kk > 0 && kk <= 16) return `${sign}${digits.slice(0, kk)}.${digits.slice(kk)}`;
  if (kk > -5 && kk <= 0) return `${sign}0.${"0".repeat(-kk)}${digits}`;
  if (length === 1) return `${sign}${digits}e${kk - 1}`;
  return `${sign}${digits[0]}.${digits.slice(1)}e${kk - 1}`;
}

const COUNTS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org", "total"];
const REVIEW = ["upheld", "corrected", "other", "pending", "total"];
const APPLICATIONS = {
  new_received: "counts", carried_over: "counts", granted: "counts", partially_granted: "counts",
  withheld: ["state_secret", "prohibited_by_law", "security_stability", "third_party_rights", "internal_affairs", "process_information", "enforcement_files", "administrative_query"],
  unavailable: ["not_held", "needs_creation", "still_unclear"],
  not_processed: ["complaint_petition", "duplicate", "publication", "excessive", "confirmation"],
  other_handling: ["overdue_correction", "overdue_fee", "other"],
  processed_total: "counts", carried_forward: "counts",
};
const ACTIVE_2021 = {
  regulations: ["issued", "repealed", "in_force"], normative_documents: ["issued", "repealed", "in_force"],
  licensing: ["decisions"], penalty: ["decisions"], coercion: ["decisions"], fees: ["amount"],
};
const ACTIVE_2019 = {
  regulations: ["made", "published", "total_published"], normative_documents: ["made", "published", "total_published"],
  licensing: ["previous_items", "change", "decisions"], other_services: ["previous_items", "change", "decisions"],
  penalty: ["previous_items", "change", "decisions"], coercion: ["previous_items", "change", "decisions"],
  fees: ["previous_items", "change"], procurement: ["items", "amount"],
};

function keysEqual(obj, keys, path, out) {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
    out.push(`${path}: expected an object, got ${show(obj)}`);
    return false;
  }
  if (Object.getPrototypeOf(obj) !== Object.prototype) out.push(`${path}: not a plain object`);
  const got = Object.keys(obj).sort().join(",");
  const want = [...keys].sort().join(",");
  if (got !== want) out.push(`${path}: keys ${got}, expected ${want}`);
  return true;
}

function numberOrNull(v, path, out, { integer = true, signed = false } = {}) {
  if (v === null) return;
  if (typeof v !== "number" || !Number.isFinite(v)) out.push(`${path}: expected a number or null, got ${show(v)}`);
  else if (integer && !Number.isInteger(v)) out.push(`${path}: expected an integer, got ${v}`);
  else if (!signed && v < 0) out.push(`${path}: negative ${v}`);
}

function stringOrNull(v, path, out) {
  if (v !== null && typeof v !== "string") out.push(`${path}: expected a string or null, got ${show(v)}`);
}

function cells(obj, keys, path, out, money = []) {
  if (obj === null) return;
  if (!keysEqual(obj, keys, path, out)) return;
  for (const k of keys) numberOrNull(obj[k], `${path}.${k}`, out, { integer: !money.includes(k), signed: k === "change" });
}

/**
 * The tables of an expected file with the cells it leaves out (its `ambiguous` ones)
 * as null, so that they make a complete report object.
 */
export function completeTables(exp) {
  const fill = (obj, keys) => Object.fromEntries(keys.map((k) => [k, obj?.[k] ?? null]));
  const out = {};
  const ad = exp.active_disclosure ?? null;
  const shape = exp.template === "2019" ? ACTIVE_2019 : ACTIVE_2021;
  out.active_disclosure = ad && Object.fromEntries(Object.entries(shape).map(([row, cols]) => [row, fill(ad[row], cols)]));
  const ap = exp.applications ?? null;
  out.applications = ap && Object.fromEntries(Object.entries(APPLICATIONS).map(([row, kind]) => [
    row,
    kind === "counts"
      ? ap[row] && fill(ap[row], COUNTS)
      : Object.fromEntries(kind.map((sub) => [sub, ap[row]?.[sub] ? fill(ap[row][sub], COUNTS) : null])),
  ]));
  const rv = exp.reviews ?? null;
  out.reviews = rv && Object.fromEntries(["administrative_review", "litigation_direct", "litigation_after_review"].map((g) => [g, fill(rv[g], REVIEW)]));
  const pf = exp.processing_fees ?? null;
  out.processing_fees = pf && fill(pf, ["notified_count", "notified_amount", "collected_amount"]);
  return out;
}

/**
 * Every way a report object departs from output-schema.md: keys, types, plain
 * objects, `null` (never `undefined`) for values not given.
 */
export function schemaProblems(report) {
  const out = [];
  if (!keysEqual(report, REPORT_KEYS, "report", out)) return out;
  stringOrNull(report.title, "title", out);
  stringOrNull(report.agency, "agency", out);
  numberOrNull(report.year, "year", out);
  if (report.published !== null && !/^\d{4}-\d{2}-\d{2}$/.test(report.published)) out.push(`published: not YYYY-MM-DD: ${show(report.published)}`);
  if (![null, "2021", "2019"].includes(report.template)) out.push(`template: ${show(report.template)}`);
  if (!Array.isArray(report.sections)) out.push("sections: not an array");
  else report.sections.forEach((s, i) => {
    if (!keysEqual(s, ["number", "heading", "text", "line"], `sections[${i}]`, out)) return;
    if (!Number.isInteger(s.number) || s.number < 1 || s.number > 7) out.push(`sections[${i}].number: ${show(s.number)}`);
    if (typeof s.heading !== "string" || typeof s.text !== "string") out.push(`sections[${i}]: heading/text not strings`);
    if (!Number.isInteger(s.line) || s.line < 1) out.push(`sections[${i}].line: ${show(s.line)}`);
  });
  const ad = report.active_disclosure;
  if (ad !== null) {
    const shape = report.template === "2019" ? ACTIVE_2019 : ACTIVE_2021;
    if (keysEqual(ad, Object.keys(shape), "active_disclosure", out)) {
      for (const [row, cols] of Object.entries(shape)) {
        if (ad[row] === null) out.push(`active_disclosure.${row}: null (rows of part 二 are objects)`);
        else cells(ad[row], cols, `active_disclosure.${row}`, out, ["amount"]);
      }
    }
  }
  const ap = report.applications;
  if (ap !== null && keysEqual(ap, Object.keys(APPLICATIONS), "applications", out)) {
    for (const [row, kind] of Object.entries(APPLICATIONS)) {
      if (kind === "counts") cells(ap[row], COUNTS, `applications.${row}`, out);
      else if (keysEqual(ap[row], kind, `applications.${row}`, out)) {
        for (const sub of kind) cells(ap[row][sub], COUNTS, `applications.${row}.${sub}`, out);
      }
    }
  }
  const rv = report.reviews;
  if (rv !== null && keysEqual(rv, ["administrative_review", "litigation_direct", "litigation_after_review"], "reviews", out)) {
    for (const g of Object.keys(rv)) {
      if (rv[g] === null) out.push(`reviews.${g}: null`);
      else cells(rv[g], REVIEW, `reviews.${g}`, out);
    }
  }
  const pf = report.processing_fees;
  if (pf !== null) cells(pf, ["notified_count", "notified_amount", "collected_amount"], "processing_fees", out, ["notified_amount", "collected_amount"]);
  if (!Array.isArray(report.diagnostics)) out.push("diagnostics: not an array");
  else report.diagnostics.forEach((d, i) => {
    if (!keysEqual(d, ["code", "severity", "message", "line", "column", "page"], `diagnostics[${i}]`, out)) return;
    if (typeof d.code !== "string" || !/^[a-z_]+\.[a-z_.]+$/.test(d.code)) out.push(`diagnostics[${i}].code: ${show(d.code)}`);
    if (!["error", "warning", "info"].includes(d.severity)) out.push(`diagnostics[${i}].severity: ${show(d.severity)}`);
    if (typeof d.message !== "string" || d.message === "") out.push(`diagnostics[${i}].message: ${show(d.message)}`);
    for (const k of ["line", "column", "page"]) {
      if (d[k] !== null && !(Number.isInteger(d[k]) && d[k] >= 1)) out.push(`diagnostics[${i}].${k}: ${show(d[k])}`);
    }
  });
  // JSON has no undefined, no Map, no BigInt: the object must survive a JSON round trip.
  try {
    const again = JSON.parse(JSON.stringify(report));
    out.push(...differences(again, report).map((d) => `JSON round trip: ${d}`));
  } catch (e) {
    out.push(`JSON.stringify failed: ${e.message}`);
  }
  return out;
}

/** Read a report file as text (UTF-8). */
export function readText(path) {
  return readFileSync(path, "utf8");
}

/** Read a file as bytes (a Node Buffer, which is a Uint8Array). */
export function readBytes(path) {
  return readFileSync(path);
}
