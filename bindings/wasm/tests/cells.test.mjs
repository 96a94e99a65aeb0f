// The web page's mapping from a diagnostic to the table cells it concerns
// (examples/web/cells.js), with messages in the form the parser writes them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO } from "./helpers.mjs";

const { cellsOf, APPLICATION_ROWS, OUTCOME_ROWS, COUNT_COLUMNS, ACTIVE_2019, ACTIVE_2021, REVIEW_GROUPS } =
  await import(pathToFileURL(join(REPO, "examples", "web", "cells.js")).href);

const R2021 = { template: "2021", active_disclosure: { fees: {} }, reviews: null };
const R2019 = { template: "2019", active_disclosure: { other_services: {} }, reviews: null };

function cells(code, message, report = R2021, severity = "error") {
  return cellsOf({ code, severity, message, line: 1, column: 1 }, report);
}
const primary = (list) => list.filter((c) => c.primary).map((c) => c.path).sort();
const all = (list) => list.map((c) => c.path).sort();

test("applications.balance: the column's four rows, （七）总计 first", () => {
  const got = cells("applications.balance", "第一项加第二项之和应等于第三项加第四项之和（总计列：4 + 0 ≠ 5 + 0）");
  assert.deepEqual(primary(got), ["applications.processed_total.total"]);
  assert.deepEqual(all(got), ["applications.carried_forward.total", "applications.carried_over.total", "applications.new_received.total", "applications.processed_total.total"]);
});

test("applications.outcomes_sum: （七）总计 and every outcome row of the column", () => {
  const got = cells("applications.outcomes_sum", "（七）总计应等于各项办理结果之和（自然人列：（七）总计为20，（一）至（六）各项之和为26）");
  assert.deepEqual(primary(got), ["applications.processed_total.natural_person"]);
  assert.equal(got.length, 1 + OUTCOME_ROWS.length);
  assert.ok(got.every((c) => c.path.endsWith(".natural_person")));
  assert.equal(OUTCOME_ROWS.length, 21);
});

test("applications.row_total: the row, its 总计 cell first", () => {
  const got = cells("applications.row_total", "表三“（七）总计”行总计应等于六类申请人之和（3 + 1 + 0 + 0 + 0 + 0 = 4 ≠ 5）");
  assert.deepEqual(primary(got), ["applications.processed_total.total"]);
  assert.equal(got.length, 7);
  const other = cells("applications.row_total", "表三“（三）2.其他法律行政法规禁止公开”行总计应等于六类申请人之和（4 + 1 + 8 + 1 + 5 + 0 = 19 ≠ 9）");
  assert.deepEqual(primary(other), ["applications.withheld.prohibited_by_law.total"]);
});

test("row warnings: nested quotes and the whole row", () => {
  const got = cells("applications.row_incomplete", "表三“（三）3.危及“三安全一稳定””行应有7个单元格，读到1个，该行数值无法对应到列，记为空", R2021, "warning");
  assert.deepEqual(primary(got), COUNT_COLUMNS.map((c) => `applications.withheld.security_stability.${c.key}`).sort());
  const single = cells("applications.other_handling_single_row", "2021年版表三的“（六）其他处理”应分为三个子项，此报告只列一行；该行记入“3.其他”，前两个子项记为空", R2021, "warning");
  assert.ok(single.length === 7 && single.every((c) => c.path.startsWith("applications.other_handling.other.")), JSON.stringify(single));
});

test("every row label of part 三, as the parser quotes it, finds its own row", () => {
  for (const row of APPLICATION_ROWS) {
    const group = row.group ? row.group.slice(0, 3) : "";
    const got = cells("applications.row_incomplete", `表三“${group}${row.label}”行应有7个单元格，读到6个`, R2021, "warning");
    assert.deepEqual([...new Set(got.map((c) => c.path.split(".").slice(1, -1).join(".")))], [row.path], row.label);
  }
});

test("every row of part 二, both templates, finds its own row", () => {
  for (const [layout, report] of [[ACTIVE_2021, R2021], [ACTIVE_2019, R2019]]) {
    for (const block of layout) {
      for (const row of block.rows) {
        const got = cells("active_disclosure.row_incomplete", `表二“${row.label}”行应有${block.columns.length}个数值，读到2个`, report, "warning");
        assert.deepEqual(all(got), block.columns.map((c) => `active_disclosure.${row.key}.${c.key}`).sort(), row.label);
      }
    }
  }
});

test("glued digits: 第N个 names the cells within the row", () => {
  const got = cells("cell.glued_ambiguous", "表二“行政处罚”行的数字粘连为“2648-18538”，可拆分为 2648|-1|8538 或 2648|-18|538，无法确定；第2个、第3个数值记为空", R2019, "warning");
  assert.deepEqual(all(got), ["active_disclosure.penalty.change", "active_disclosure.penalty.decisions"]);
  const t3 = cells("cell.glued_ambiguous", "表三“（二）部分公开”行的数字粘连为“8100009”，无法确定；第1个、第7个数值记为空", R2021, "warning");
  assert.deepEqual(all(t3), ["applications.partially_granted.natural_person", "applications.partially_granted.total"]);
});

test("a cell named by row and column", () => {
  const got = cells("cell.not_a_number", "表三“（一）予以公开”行商业企业列的单元格“abc”不是数字");
  assert.deepEqual(all(got), ["applications.granted.commercial_enterprise"]);
});

test("part 四: the group of reviews.group_total, its 总计 first", () => {
  for (const g of REVIEW_GROUPS) {
    const label = g.key === "administrative_review" ? "行政复议" : `行政诉讼·${g.label}`;
    const got = cells("reviews.group_total", `表四“${label}”总计应等于结果维持、结果纠正、其他结果、尚未审结之和（10 + 1 + 0 + 0 = 11 ≠ 0）`);
    assert.deepEqual(primary(got), [`reviews.${g.key}.total`], label);
    assert.equal(got.length, 5);
  }
});

test("narrative checks point at the total they contradict; structure checks at no cell", () => {
  assert.deepEqual(primary(cells("narrative.review", "正文所述行政复议2件与表四行政复议总计1件不一致", R2021, "warning")), ["reviews.administrative_review.total"]);
  assert.deepEqual(primary(cells("narrative.carried_forward", "正文所述结转下年度3件与表三不一致", R2021, "warning")), ["applications.carried_forward.total"]);
  assert.deepEqual(cells("structure.section_missing", "缺少第五部分“五、存在的主要问题及改进情况”的标题", R2021, "warning"), []);
  assert.deepEqual(cells("structure.table_missing", "未找到行政复议、行政诉讼情况（表四）的表格", R2021, "warning"), []);
});
