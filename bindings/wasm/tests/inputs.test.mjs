// parseReportBytes and toText: encodings (GB18030, UTF-16, BOM), PDF files (a real
// report and its page numbers; encrypted, scanned, broken), other bytes that are not
// a report, and the argument types the functions accept. (HTML and DOCX
// files are checked value by value in golden.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inputWarnings, parseReport, parseReportBytes, toText } from "nianbao";
import { REPO, CORPUS, readBytes, readText } from "./helpers.mjs";

const FIXTURES = join(REPO, "tests", "fixtures");
const ENCODINGS = join(FIXTURES, "encodings");
const SEED = join(FIXTURES, "qijiang-gongan-2024.txt");

/** The NianbaoError fn throws, checked to have this code. */
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
  assert.ok(caught.message.length > 10, `message too short: ${caught.message}`);
  return caught;
}

const gb18030Files = readdirSync(ENCODINGS).filter((f) => f.endsWith(".gb18030.txt")).sort();

test("there are GB18030 fixtures", () => {
  assert.ok(gb18030Files.length >= 3, `only ${gb18030Files.length} under ${ENCODINGS}`);
});

for (const file of gb18030Files) {
  const name = file.slice(0, -".gb18030.txt".length);
  test(`GB18030 ${name}: the same report as the UTF-8 ${name}.txt`, () => {
    const bytes = readBytes(join(ENCODINGS, file));
    assert.throws(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes), TypeError, "the file is really not UTF-8");
    const text = readText(join(FIXTURES, `${name}.txt`));
    assert.equal(toText(bytes), text, "decoded to exactly the UTF-8 text");
    const original = parseReport(text);
    // the same text, so the same report to the last diagnostic position
    assert.deepEqual(parseReportBytes(bytes), original);
    assert.deepEqual(parseReportBytes(readBytes(join(FIXTURES, `${name}.txt`))), original);
  });
}

test("UTF-16 (with and without BOM) and UTF-8 with BOM give the same report", () => {
  const text = readText(SEED);
  const original = parseReport(text);
  const le = Buffer.from(text, "utf16le");
  const be = Buffer.from(le).swap16();
  for (const [label, bytes] of [
    ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
    ["UTF-16BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
    ["UTF-16LE", le],
    ["UTF-16BE", be],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])],
  ]) {
    assert.equal(toText(bytes), text, label);
    assert.deepEqual(parseReportBytes(bytes), original, label);
  }
});

test("a PDF is read: the hand-checked values, the real error and its page", () => {
  const pdf = readBytes(join(REPO, "tests", "fixtures", "hongze-quzhengfu-2023.pdf"));
  const expected = JSON.parse(readFileSync(join(REPO, "tests", "fixtures", "hongze-quzhengfu-2023.expected.json"), "utf8"));
  const report = parseReportBytes(pdf);
  for (const key of ["title", "agency", "year", "template", "active_disclosure", "applications", "reviews"]) {
    assert.deepEqual(report[key], expected[key], key);
  }
  const errors = report.diagnostics.filter((d) => d.severity === "error");
  assert.deepEqual(errors.map((d) => [d.code, d.page]), [["reviews.group_total", 4], ["reviews.group_total", 4]]);
  const lines = toText(pdf).split("\n");
  assert.equal(lines.filter((l) => l === "\f").length, 5, "a form-feed line ends each page");
  for (const d of errors) assert.equal([...lines[d.line - 1]][d.column - 1], "0", lines[d.line - 1]);
  // text inputs have no pages
  assert.ok(parseReportBytes(readBytes(SEED)).diagnostics.every((d) => d.page === null));
});

test("a PDF cut short is read as far as it goes and says so, in the report and from its bytes", () => {
  const whole = readBytes(join(REPO, "tests", "fixtures", "hongze-quzhengfu-2023.pdf"));
  const cut = whole.subarray(0, whole.length - 200); // its cross-reference table and %%EOF cut off
  const report = parseReportBytes(cut);
  const first = report.diagnostics.find((d) => d.severity === "warning");
  assert.deepEqual([first.code, first.line, first.page], ["input.truncated", null, null]);
  assert.match(first.message, /%%EOF/);
  assert.deepEqual(inputWarnings(cut), [first]);
  assert.deepEqual(inputWarnings(whole), []);
  assert.equal(toText(cut), toText(whole));
  assert.deepEqual(report.applications, parseReportBytes(whole).applications);
  assert.throws(() => inputWarnings("%PDF-1.7"), TypeError);
});

test("encrypted, scanned and broken PDFs throw their codes", () => {
  const fixture = (name) => readBytes(join(REPO, "tests", "fixtures", "pdf", name));
  // qpdf-made copies of one report (tests/fixtures/pdf/README.md)
  const plain = parseReportBytes(fixture("example.pdf"));
  assert.equal(plain.applications.new_received.total, 6);
  for (const name of ["example-rc4-40-owner.pdf", "example-aes-128-owner.pdf", "example-aes-256-owner.pdf"]) {
    assert.deepEqual(parseReportBytes(fixture(name)), plain, `${name}: an empty user password is read`);
  }
  for (const fn of [parseReportBytes, toText]) {
    assert.match(throwsCode(() => fn(fixture("example-aes-256-user.pdf")), "encrypted").message, /password/);
    assert.match(throwsCode(() => fn(fixture("scan.pdf")), "scanned_pdf").message, /OCR/);
    const broken = new TextEncoder().encode("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    assert.match(throwsCode(() => fn(broken), "invalid_pdf").message, /not a readable PDF/);
  }
});

test("bytes that are not text, or no text at all", () => {
  for (const fn of [parseReportBytes, toText]) {
    throwsCode(() => fn(new Uint8Array(0)), "empty");
    throwsCode(() => fn(new TextEncoder().encode(" \r\n\t")), "empty");
    throwsCode(() => fn(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0x10])), "binary");
    // neither UTF-8, UTF-16 nor GB18030
    throwsCode(() => fn(Uint8Array.from([0x81, 0x20, 0xff, 0xfe, 0x81])), "encoding");
    // a UTF-8 byte-order mark followed by bytes that are not UTF-8
    throwsCode(() => fn(Uint8Array.from([0xef, 0xbb, 0xbf, 0xe6, 0x94, 0xbf, 0xff, 0xfe, 0x41])), "encoding");
  }
  // a broken DOCX (zip) archive is no report
  throwsCode(() => parseReportBytes(new TextEncoder().encode("PK\u0003\u0004junk")), "not_a_report");
  // text that is not a report: toText returns it, parseReportBytes refuses it
  const prose = new TextEncoder().encode("关于做好政府信息公开工作的通知\n各单位：请认真贯彻落实。");
  assert.equal(toText(prose), "关于做好政府信息公开工作的通知\n各单位：请认真贯彻落实。");
  throwsCode(() => parseReportBytes(prose), "not_a_report");
});

test("bytes over the size limit throw code 'too_large'", () => {
  const big = new Uint8Array(64 * 1024 * 1024 + 1).fill(0x20);
  throwsCode(() => parseReportBytes(big), "too_large");
  throwsCode(() => toText(big), "too_large");
});

test("HTML: toText gives the tab-cell layout", () => {
  const html = new TextEncoder().encode("<p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table>");
  assert.equal(toText(html), "一、总体情况\n\n\t规章\n\t0\n\n");
  throwsCode(() => parseReportBytes(html), "not_a_report");
});

test("the bytes may be a Buffer, a Uint8Array, another typed array view, or an ArrayBuffer", () => {
  const buffer = readBytes(SEED);
  const want = parseReportBytes(buffer);
  const copy = new Uint8Array(buffer); // a plain Uint8Array
  assert.deepEqual(parseReportBytes(copy), want);
  assert.deepEqual(parseReportBytes(copy.buffer), want, "ArrayBuffer");
  // a view into the middle of a larger buffer: only its bytes are read
  const padded = new Uint8Array(copy.length + 16);
  padded.set(copy, 8);
  assert.deepEqual(parseReportBytes(padded.subarray(8, 8 + copy.length)), want, "subarray");
  assert.deepEqual(parseReportBytes(new DataView(padded.buffer, 8, copy.length)), want, "DataView");
  assert.equal(toText(new DataView(padded.buffer, 8, copy.length)), readText(SEED));
});

test("anything else is a TypeError, not a silently empty input", () => {
  for (const value of ["政府信息公开工作年度报告", 42, null, undefined, [0x41, 0x42], { length: 3 }]) {
    for (const fn of [parseReportBytes, toText]) {
      assert.throws(() => fn(value), TypeError, `${fn.name}(${JSON.stringify(value) ?? "undefined"})`);
    }
  }
  assert.throws(() => parseReportBytes("text"), /for text use parseReport/);
});

test("the template's blank DOCX reads as tab cells", { skip: CORPUS && existsSync(join(CORPUS, "real", "template-2021-blank.docx")) ? false : "shared corpus absent" }, () => {
  const bytes = readBytes(join(CORPUS, "real", "template-2021-blank.docx"));
  const text = toText(bytes);
  assert.ok(text.split("\n").filter((l) => l.startsWith("\t")).length > 100, "one cell a line behind a tab");
  const report = parseReportBytes(bytes);
  assert.equal(report.template, "2021");
  assert.equal(report.applications.new_received.total, null, "blank cells are null");
});
