// The audit API of the installed package (`audit`, `auditToHtml`, `auditCss`): on the
// real series of the repository's fixtures, against the native CLI's `audit --json`,
// and its errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { audit, auditCss, auditToHtml, parseReportBytes } from "nianbao";
import { REPO } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const FIXTURES = join(REPO, "tests", "fixtures");
const CLI = [process.env.NIANBAO_CLI, join(REPO, "target", "release", "nianbao")].find((p) => p && existsSync(p));

/** A fixture's bytes: tests/fixtures/NAME or tests/fixtures/series/NAME. */
function fixture(name) {
  const top = join(FIXTURES, name);
  return readFileSync(existsSync(top) ? top : join(FIXTURES, "series", name));
}

/**
 * 洪泽区's 2024 report (pdftotext layout) with the 自然人 cell of 二、上年结转 changed from
 * 0 to 3, and that cell's 1-based line and column.
 */
function changed2024() {
  const lines = fixture("hongze-quzhengfu-2024.layout.txt").toString("utf8").split("\n");
  const i = lines.findIndex((l) => l.startsWith("二、上年结转政府信息公开申请数量"));
  const chars = Array.from(lines[i]);
  const col = chars.indexOf("0");
  chars[col] = "3";
  lines[i] = chars.join("");
  return { bytes: Buffer.from(lines.join("\n"), "utf8"), line: i + 1, column: col + 1 };
}

const series = () => {
  const c = changed2024();
  return {
    inputs: [
      { source: "hongze-quzhengfu-2023.layout.txt", bytes: fixture("hongze-quzhengfu-2023.layout.txt") },
      { source: "hongze-quzhengfu-2024.layout.txt", bytes: c.bytes },
      { source: "pingtan-shiyanqu-2019.txt", bytes: fixture("pingtan-shiyanqu-2019.txt") },
      { source: "pingtan-shiyanqu-2020.txt", bytes: fixture("pingtan-shiyanqu-2020.txt") },
      { source: "pingtan-shiyanqu-2022.txt", bytes: fixture("pingtan-shiyanqu-2022.txt") },
    ],
    changed: c,
  };
};

test("audit finds the changed carry-over with both cells and their lines", () => {
  const { inputs, changed } = series();
  const result = audit(inputs);
  assert.deepEqual(result.bodies.map((b) => [b.key, b.years]), [
    ["平潭综合实验区", [2019, 2020, 2022]],
    ["淮安市洪泽区人民政府", [2023, 2024]],
  ]);
  const carry = result.findings.filter((f) => f.diagnostic.code === "series.carry_chain");
  assert.equal(carry.length, 1);
  const [f] = carry;
  assert.equal(f.diagnostic.severity, "error");
  assert.equal(f.diagnostic.message, "上年结转与上年度的结转下年度不一致（自然人列）：2024年度报告（hongze-quzhengfu-2024.layout.txt）“二、上年结转政府信息公开申请数量”为3，2023年度报告（hongze-quzhengfu-2023.layout.txt）“四、结转下年度继续办理”为0");
  assert.deepEqual([f.diagnostic.line, f.diagnostic.column], [changed.line, changed.column]);
  assert.deepEqual(f.sides.map((s) => [s.source, s.year, s.path, s.value, s.line]), [
    ["hongze-quzhengfu-2024.layout.txt", 2024, "applications.carried_over.natural_person", 3, 96],
    ["hongze-quzhengfu-2023.layout.txt", 2023, "applications.carried_forward.natural_person", 0, 132],
  ]);
  const gaps = result.findings.filter((f) => f.diagnostic.code === "series.gap");
  assert.deepEqual(gaps.map((g) => [g.body, g.year]), [["平潭综合实验区", 2021]]);
  assert.equal(result.reports[1].status, "error");
});

test("audit gives exactly the native CLI's audit --json", { skip: CLI ? false : "no native CLI built (set NIANBAO_CLI)" }, () => {
  const { inputs } = series();
  const dir = mkdtempSync(join(tmpdir(), "nianbao-audit-"));
  try {
    for (const i of inputs) writeFileSync(join(dir, i.source), i.bytes);
    let stdout;
    try {
      stdout = execFileSync(CLI, ["audit", "--json", ...inputs.map((i) => i.source)], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      assert.equal(e.status, 1, `the CLI exits 1 for the error finding: ${e.stderr}`);
      stdout = e.stdout;
    }
    const { failures, ...result } = audit(inputs);
    assert.deepEqual(failures, []);
    assert.deepEqual(result, JSON.parse(stdout));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("reports given as objects are audited without positions; text works too", () => {
  const { inputs } = series();
  const asReports = inputs.map((i) => ({ source: i.source, report: parseReportBytes(i.bytes) }));
  const result = audit(asReports);
  const [f] = result.findings.filter((x) => x.diagnostic.code === "series.carry_chain");
  assert.equal(f.sides[0].value, 3);
  assert.equal(f.sides[0].line, null, "a report object carries no cell positions");
  const asText = inputs.map((i) => ({ source: i.source, text: i.bytes.toString("utf8") }));
  assert.deepEqual(audit(asText), audit(inputs));
});

test("options: kinds, aliases, hierarchy (pairs or CSV), threshold", () => {
  const p20 = { source: "p20.txt", bytes: fixture("pingtan-shiyanqu-2020.txt") };
  assert.equal(audit([p20]).findings.filter((f) => f.diagnostic.code === "timeliness.late").length, 0);
  const late = audit([p20], { kinds: { 平潭综合实验区: "department" } }).findings.filter((f) => f.diagnostic.code === "timeliness.late");
  assert.equal(late.length, 1);
  assert.match(late[0].diagnostic.message, /逾期33天/);
  assert.equal(audit([p20], { aliases: { 平潭综合实验区: "平潭" } }).bodies[0].key, "平潭");
  assert.equal(audit([p20], { aliases: "name,key\n平潭综合实验区,平潭\n" }).bodies[0].key, "平潭");

  const parent = { source: "parent.txt", bytes: fixture("hongze-quzhengfu-2024.layout.txt") };
  const child = { source: "child.txt", report: { ...parseReportBytes(parent.bytes), agency: "洪泽区人民政府办公室" } };
  child.report.applications.granted.natural_person = 51;
  for (const hierarchy of [[["洪泽区人民政府", "洪泽区人民政府办公室"]], "parent,child\n洪泽区人民政府,洪泽区人民政府办公室\n"]) {
    const sums = audit([parent, child], { hierarchy }).findings.filter((f) => f.diagnostic.code === "rollup.sum");
    assert.equal(sums.length, 1);
    assert.deepEqual(sums[0].sides.map((s) => s.value), [50, 51]);
  }
});

test("errors name the input and have codes", () => {
  const bad = (fn, code, pattern) => {
    let caught = null;
    try { fn(); } catch (e) { caught = e; }
    assert.ok(caught instanceof Error, `throws an Error, not ${caught}`);
    assert.equal(caught.name, "NianbaoError");
    assert.equal(caught.code, code, caught.message);
    assert.match(caught.message, pattern);
    return caught;
  };
  const e = bad(() => audit([{ source: "notes.txt", text: "这不是一份年度报告。" }]), "not_a_report", /^notes\.txt: /);
  assert.equal(e.source, "notes.txt");
  bad(() => audit([{ source: "x" }]), "invalid_input", /none of bytes, text, report/);
  bad(() => audit([{ source: "x", report: { title: 1 } }]), "invalid_input", /not a report object/);
  bad(() => audit([], { hierarchy: "parent,child\nonly-one\n" }), "csv", /hierarchy CSV, line 2/);
  bad(() => audit([], { kinds: { a: "county" } }), "invalid_input", /government/);
  bad(() => audit([], { text_reuse_threshold: 2 }), "invalid_input", /from 0 to 1/);
  bad(() => audit([], { skipFailures: "yes" }), "invalid_input", /skipFailures/);
  // an input of the wrong shape is thrown even with skipFailures (a mistake, not a file)
  bad(() => audit([{ source: "x" }], { skipFailures: true }), "invalid_input", /none of bytes, text, report/);
  assert.throws(() => audit("not an array"), TypeError);
  bad(() => auditToHtml({ nothing: true }), "invalid_input", /not an audit result/);
});

test("skipFailures leaves out what is not a report and lists it; the audit is that of the reports", () => {
  const { inputs } = series();
  const others = [
    { source: "notes.txt", text: "这不是一份年度报告。" },
    { source: "pdf/scan.pdf", bytes: fixture("pdf/scan.pdf") },
    { source: "pingtan-xianzhengfu-2011.txt", bytes: fixture("pingtan-xianzhengfu-2011.txt") },
    { source: "empty.txt", bytes: new Uint8Array() },
  ];
  // the others among the reports: indices 1, 3, 5, 7
  const mixed = inputs.flatMap((input, i) => (i < others.length ? [input, others[i]] : [input]));
  const result = audit(mixed, { skipFailures: true });
  assert.deepEqual(
    result.failures.map((f) => [f.index, f.source, f.code]),
    [[1, "notes.txt", "not_a_report"], [3, "pdf/scan.pdf", "scanned_pdf"], [5, "pingtan-xianzhengfu-2011.txt", "pre_2019_template"], [7, "empty.txt", "empty"]],
  );
  assert.ok(result.failures.every((f) => f.message.length > 0 && !f.message.startsWith(f.source)), "the parse error's own message");
  assert.match(result.failures[1].message, /OCR/);
  // the reports are audited as they are without the others, positions included
  assert.deepEqual(result, { ...audit(inputs), failures: result.failures });
  assert.ok(result.findings.some((f) => f.sides.some((s) => s.line !== null)), "findings keep the cells' lines");
  // without the option the first of them is thrown, as before
  assert.throws(() => audit(mixed), (e) => e.code === "not_a_report" && e.source === "notes.txt");
  // and the result renders as an audit
  assert.match(auditToHtml(result, { fragment: true }), /^<div class="nb-audit"/);
});

test("auditToHtml renders the document or the fragment; auditCss is the package's audit.css", () => {
  const result = audit(series().inputs);
  const html = auditToHtml(result);
  assert.match(html, /^<!doctype html>/);
  assert.ok(html.includes(auditCss()), "the style sheet is inline");
  assert.ok(!html.includes("<script"));
  const fragment = auditToHtml(result, { fragment: true });
  assert.match(fragment, /^<div class="nb-audit">/);
  assert.ok(!fragment.includes("<style"));
  assert.ok(fragment.includes('<td class="nb-value nb-hl" data-path="applications.carried_over.natural_person">3</td>'));
  const css = readFileSync(join(dirname(require.resolve("nianbao/package.json")), "web", "audit.css"), "utf8");
  assert.equal(css, auditCss());
  assert.equal(require.resolve("nianbao/audit.css"), join(dirname(require.resolve("nianbao/package.json")), "web", "audit.css"));
});
