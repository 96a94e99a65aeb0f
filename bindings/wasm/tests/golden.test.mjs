// The golden corpus: every *.expected.json of the shared corpus and of
// <repo>/tests/fixtures, checked against every report file beside it that the Rust
// golden test reads (text layouts, .html, .docx, .pdf), each read as bytes through
// `parseReportBytes` of the installed npm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { basename } from "node:path";
import { parseReport, parseReportBytes, toText } from "nianbao";
import {
  goldenCases, differences, readBytes, REPORT_KEYS, EXPECTED_EXTRA_KEYS, CORPUS, TEXT_SUFFIXES,
  schemaProblems, checkAmbiguous, serdeJsonNumberText,
} from "./helpers.mjs";

const cases = goldenCases();

/** The error fn throws, or null. */
function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return null;
}

/** The UTF-8 text of a plain text file (BOM dropped), or null for other files. */
function utf8Text(path, bytes) {
  if (!TEXT_SUFFIXES.some((s) => path.endsWith(s))) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

test("the golden corpus is there", (t) => {
  assert.ok(cases.some((c) => c.id.startsWith("fixtures/")), "no fixtures found under tests/fixtures");
  const kinds = {};
  for (const c of cases) for (const p of c.inputs) {
    const kind = p.endsWith(".layout.txt") ? ".layout.txt" : p.slice(p.lastIndexOf("."));
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  t.diagnostic(`${cases.length} expected files, report files: ${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")}`);
  if (!CORPUS) t.diagnostic("shared corpus absent: only the repository's fixtures are checked");
  else assert.ok((kinds[".html"] ?? 0) + (kinds[".docx"] ?? 0) > 0, "the corpus has HTML/DOCX reports with expected files, and they are run");
});

test("ambiguous cells: exactly the rule of the Rust golden test, no looser", () => {
  const entry = { path: "active_disclosure.penalty.change", glued: "行政处罚2648-18538", candidates: [-1, -18, -185], true: -18 };
  const message = "表二“行政处罚”行的数字粘连为“2648-18538”，可拆分为 …，无法确定；第2个数值记为空";
  const report = (change, ...messages) => ({
    active_disclosure: { penalty: { previous_items: 2648, change, decisions: null } },
    diagnostics: messages.map((m) => ({ code: "cell.glued_ambiguous", severity: "warning", message: m, line: 7, column: 1, page: null })),
  });
  assert.deepEqual(checkAmbiguous(entry, report(null, message)), { problem: null, none: true });
  assert.deepEqual(checkAmbiguous(entry, report(-18)), { problem: null, none: false }, "the true value");
  assert.ok(checkAmbiguous(entry, report(null)).problem, "null without a warning");
  assert.ok(checkAmbiguous(entry, report(null, message.replace("2648-18538", "2648-1853"))).problem, "a warning about other digits");
  assert.ok(checkAmbiguous(entry, report(-185, message)).problem, "a candidate, but not the true value");
  const { true: _truth, ...withoutTruth } = entry;
  assert.deepEqual(checkAmbiguous(withoutTruth, report(-185)), { problem: null, none: false }, "a candidate");
  assert.ok(checkAmbiguous(withoutTruth, report(-3)).problem, "not a candidate");
  // without `glued`, the warning names the row
  const bare = { path: "active_disclosure.penalty.change", true: -18 };
  assert.deepEqual(checkAmbiguous(bare, report(null, message)), { problem: null, none: true });
  assert.deepEqual(["3", "3.0", "-18", "73802895.90", "1e21", "1e16", "1e15", "0.00001", "0.000001", "1.5e-7"].map(serdeJsonNumberText), ["3", "3.0", "-18", "73802895.9", "1e21", "1e16", "1000000000000000.0", "0.00001", "1e-6", "1.5e-7"]);
});

for (const c of cases) {
  if (c.inputs.length === 0) {
    test(`golden ${c.id}`, { skip: `no report file the parser reads (only ${c.others.join(", ") || "nothing"})` }, () => {});
    continue;
  }
  const base = basename(c.expectedPath, ".expected.json");
  for (const input of c.inputs) {
    test(`golden ${c.id}${basename(input).slice(base.length)}`, (t) => {
      const exp = c.expected;
      const unknown = Object.keys(exp).filter((k) => !REPORT_KEYS.includes(k) && !EXPECTED_EXTRA_KEYS.includes(k));
      assert.deepEqual(unknown, [], `${c.expectedPath} has keys that are neither schema keys nor expected-file keys`);
      const bytes = readBytes(input);
      const utf8 = utf8Text(input, bytes);

      if (exp.expect_failure) {
        const err = thrown(() => parseReportBytes(bytes));
        assert.ok(err !== null, "expect_failure: the parser must throw, not return a half-empty report");
        assert.ok(err instanceof Error, "not an Error");
        assert.equal(typeof err.code, "string");
        assert.notEqual(err.code, "internal", `the parser crashed instead of refusing the input: ${err.message}`);
        if (utf8 !== null) assert.equal(thrown(() => parseReport(utf8))?.code, err.code, "parseReport of the text refuses it alike");
        return;
      }

      let report;
      try {
        report = parseReportBytes(bytes);
      } catch (err) {
        assert.fail(`parseReportBytes threw ${err.code}: ${err.message}`);
      }
      // The bytes are read as the text toText returns; a text file as its own text.
      const text = toText(bytes);
      let samePlaces = report;
      if (input.endsWith(".pdf")) {
        // A PDF's diagnostics also name their page: one more than the form-feed lines
        // (one ends each page of toText) before their line.
        const lines = text.split("\n");
        for (const d of report.diagnostics) {
          const page = d.line === null ? null : lines.slice(0, d.line).filter((l) => l === "\f").length + 1;
          assert.equal(d.page, page, `the page of ${d.code} at line ${d.line}`);
        }
        samePlaces = { ...report, diagnostics: report.diagnostics.map((d) => ({ ...d, page: null })) };
      }
      assert.deepEqual(parseReport(text), samePlaces, "parseReportBytes(bytes) is parseReport(toText(bytes))");
      if (utf8 !== null) assert.deepEqual(parseReport(utf8), report, "a UTF-8 text file gives the same report as its text");
      const lineCount = text.split("\n").length;
      for (const d of report.diagnostics) {
        if (d.line !== null) assert.ok(d.line <= lineCount, `diagnostic ${d.code} at line ${d.line}, but toText has ${lineCount} lines`);
      }

      const problems = [];
      for (const key of REPORT_KEYS) {
        if (key in exp) problems.push(...differences(exp[key], report[key], key, [], null, true));
      }
      let undecided = 0;
      for (const entry of exp.ambiguous ?? []) {
        const { problem, none } = checkAmbiguous(entry, report);
        if (problem) problems.push(problem);
        else if (none) undecided++;
      }
      if (undecided > 0) t.diagnostic(`${undecided} ambiguous cell(s) left null with a warning`);
      if ("section_numbers" in exp) {
        problems.push(...differences(exp.section_numbers, report.sections.map((s) => s.number), "section_numbers"));
      }
      if ("expect_errors" in exp) {
        // As the Rust golden test: every listed prefix needs an error, every error a prefix.
        const errors = report.diagnostics.filter((d) => d.severity === "error");
        for (const prefix of exp.expect_errors) {
          if (!errors.some((d) => d.code.startsWith(prefix))) {
            problems.push(`expect_errors: no error with a code starting "${prefix}" (errors: ${errors.map((d) => d.code).join(", ") || "none"})`);
          }
        }
        for (const d of errors) {
          if (!exp.expect_errors.some((prefix) => d.code.startsWith(prefix))) problems.push(`unexpected error ${d.code} (line ${d.line}): ${d.message}`);
        }
      }
      problems.push(...schemaProblems(report).map((p) => `schema: ${p}`));
      assert.deepEqual(problems, [], `${c.id}: ${problems.length} difference(s)\n  ${problems.join("\n  ")}`);
    });
  }
}
