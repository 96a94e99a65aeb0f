// The golden corpus: every *.expected.json of the shared corpus and of
// <repo>/tests/fixtures, parsed through the installed npm package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseReport } from "nianbao";
import { goldenCases, differences, readText, REPORT_KEYS, EXPECTED_EXTRA_KEYS, CORPUS, schemaProblems } from "./helpers.mjs";

const cases = goldenCases();

test("the golden corpus is there", () => {
  assert.ok(cases.some((c) => c.id.startsWith("fixtures/")), "no fixtures found under tests/fixtures");
  if (!CORPUS) console.log("# shared corpus absent: only the repository's fixtures are checked");
});

for (const c of cases) {
  const skip = c.input === null
    ? `no text form of this report (only ${c.others.join(", ") || "nothing"}); .html/.docx/.pdf are not read yet`
    : false;
  test(`golden ${c.id}`, { skip }, () => {
    const exp = c.expected;
    const unknown = Object.keys(exp).filter((k) => !REPORT_KEYS.includes(k) && !EXPECTED_EXTRA_KEYS.includes(k));
    assert.deepEqual(unknown, [], `${c.expectedPath} has keys that are neither schema keys nor expected-file keys`);
    const text = readText(c.input);

    if (exp.expect_failure) {
      assert.throws(
        () => parseReport(text),
        (err) => {
          assert.ok(err instanceof Error, "not an Error");
          assert.equal(typeof err.code, "string");
          assert.notEqual(err.code, "internal", `the parser crashed instead of refusing the input: ${err.message}`);
          return true;
        },
        "expect_failure: the parser must throw, not return a half-empty report",
      );
      return;
    }

    let report;
    try {
      report = parseReport(text);
    } catch (err) {
      assert.fail(`parseReport threw ${err.code}: ${err.message}`);
    }
    const problems = [];
    for (const key of REPORT_KEYS) {
      if (key in exp) problems.push(...differences(exp[key], report[key], key));
    }
    if ("section_numbers" in exp) {
      problems.push(...differences(exp.section_numbers, report.sections.map((s) => s.number), "section_numbers"));
    }
    const errors = report.diagnostics.filter((d) => d.severity === "error");
    if ("expect_errors" in exp) {
      if (exp.expect_errors.length === 0) {
        for (const d of errors) problems.push(`unexpected error ${d.code} (line ${d.line}): ${d.message}`);
      }
      for (const prefix of exp.expect_errors) {
        if (!errors.some((d) => d.code.startsWith(prefix))) {
          problems.push(`expect_errors: no error with a code starting "${prefix}" (errors: ${errors.map((d) => d.code).join(", ") || "none"})`);
        }
      }
    }
    problems.push(...schemaProblems(report).map((p) => `schema: ${p}`));
    assert.deepEqual(problems, [], `${c.id}: ${problems.length} difference(s)\n  ${problems.join("\n  ")}`);
  });
}
