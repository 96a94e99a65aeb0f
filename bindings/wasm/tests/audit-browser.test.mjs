// The audit in a real browser (Debian's Chromium, playwright-core): the web page's
// audit view and the HTML audit report the CLI writes.
//
// The series: 洪泽区 2023 and its 2024 report with the 自然人 cell of 二、上年结转
// changed from 0 to 3 (2023's 结转下年度 is 0 in every column), 平潭综合实验区 2019,
// 2020 and 2022 (2021 missing), and a text file that is not a report.
//
// 1. The page: the files chosen together with "审核多份报告" are audited in the page:
//    the bodies × years table (a status per report, a hatched 2021 for 平潭),
//    the carry-chain error with both compared cells highlighted (computed style), a
//    chart per body, and the file that is not a report listed; the same folder chosen
//    with "审核文件夹" gives the same; pasting a report goes back to the report view.
//    Nothing is requested but the local server. Screenshot: artifacts/web-audit.png.
// 2. The report the CLI writes (`nianbao audit --html`, or the package's auditToHtml
//    when no native CLI is built), opened from disk: the same finding highlighted, the
//    charts drawn, nothing fetched. Screenshot: artifacts/audit-report.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { audit, auditToHtml } from "nianbao";
import { REPO } from "./helpers.mjs";
import { ARTIFACTS, CHROMIUM, launch, serve } from "./web.mjs";

const FIXTURES = join(REPO, "tests", "fixtures");
const CLI = [process.env.NIANBAO_CLI, join(REPO, "target", "release", "nianbao")].find((p) => p && existsSync(p));
const SKIP = process.env.NIANBAO_SKIP_BROWSER ? "NIANBAO_SKIP_BROWSER is set" : false;

function fixture(name) {
  const top = join(FIXTURES, name);
  return readFileSync(existsSync(top) ? top : join(FIXTURES, "series", name));
}

/** The series in a fresh directory; its file names in order. */
function seriesDir() {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-audit-series-"));
  for (const name of ["hongze-quzhengfu-2023.layout.txt", "pingtan-shiyanqu-2019.txt", "pingtan-shiyanqu-2020.txt", "pingtan-shiyanqu-2022.txt"]) {
    writeFileSync(join(dir, name), fixture(name));
  }
  const lines = fixture("hongze-quzhengfu-2024.layout.txt").toString("utf8").split("\n");
  const i = lines.findIndex((l) => l.startsWith("二、上年结转政府信息公开申请数量"));
  lines[i] = lines[i].replace("0", "3");
  writeFileSync(join(dir, "hongze-quzhengfu-2024.layout.txt"), lines.join("\n"));
  writeFileSync(join(dir, "notes.txt"), "这不是一份年度报告，只是一份备忘录。");
  return dir;
}

const ERROR_BG = "rgb(253, 232, 232)"; // --nb-error-bg of audit.css

/** The state of an audit report in `page`, under `root` (the page's #audit-view or the document). */
async function auditState(page, root) {
  return page.$eval(root, (el) => {
    const bg = (n) => (n ? getComputedStyle(n).backgroundColor : null);
    const finding = el.querySelector('li.nb-finding.nb-error[data-code="series.carry_chain"]');
    const hl = finding ? [...finding.querySelectorAll("td.nb-hl")] : [];
    const plain = finding?.querySelector("td:not(.nb-hl)");
    return {
      bodies: [...el.querySelectorAll(".nb-grid tbody tr")].map((tr) => tr.dataset.body),
      statuses: [...el.querySelectorAll(".nb-grid tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.querySelector(".nb-status")?.dataset.status ?? (td.classList.contains("nb-missing") ? "missing" : ""))),
      message: finding?.querySelector("p")?.textContent ?? null,
      highlighted: hl.map((td) => ({ path: td.dataset.path, text: td.textContent, bg: bg(td), outline: getComputedStyle(td).outlineStyle })),
      plainBg: bg(plain),
      charts: [...el.querySelectorAll("figure.nb-chart svg")].map((svg) => ({ lines: svg.querySelectorAll("path.nb-series").length, points: svg.querySelectorAll("circle").length })),
      errors: el.querySelectorAll("li.nb-finding.nb-error").length,
    };
  });
}

function assertAuditShown(state, where) {
  assert.deepEqual(state.bodies, ["平潭综合实验区", "淮安市洪泽区人民政府"], where);
  // Years 2019…2024 as columns. Red: 平潭 2020 and 洪泽区 2023 have errors of their own
  // (their expected files' expect_errors), 洪泽区 2024 the carry-chain error.
  assert.deepEqual(state.statuses, [
    ["ok", "error", "missing", "ok", "", ""],
    ["", "", "", "", "error", "error"],
  ], `${where}: the status of each report`);
  assert.equal(state.errors, 1, where);
  assert.match(state.message, /上年结转与上年度的结转下年度不一致（自然人列）/);
  assert.deepEqual(state.highlighted.map((h) => [h.path, h.text]), [
    ["applications.carried_over.natural_person", "3"],
    ["applications.carried_forward.natural_person", "0"],
  ], `${where}: both compared cells are highlighted`);
  for (const h of state.highlighted) {
    assert.equal(h.bg, ERROR_BG, `${where}: ${h.path} has the error background`);
    assert.equal(h.outline, "solid", `${where}: ${h.path} is outlined`);
  }
  assert.notEqual(state.plainBg, ERROR_BG, `${where}: other cells are not highlighted`);
  assert.equal(state.charts.length, 2, `${where}: a chart per body`);
  assert.ok(state.charts.every((c) => c.points > 0 && c.lines > 0), `${where}: ${JSON.stringify(state.charts)}`);
}

test("the web page audits several files and a folder", { timeout: 180_000, skip: SKIP }, async (t) => {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (test.sh installs Debian's chromium)`);
  const dir = seriesDir();
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  t.after(async () => {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => ["ready", "broken"].includes(document.body.dataset.state));
  assert.equal(await page.getAttribute("body", "data-state"), "ready");

  // Files chosen together.
  const names = ["hongze-quzhengfu-2023.layout.txt", "hongze-quzhengfu-2024.layout.txt", "notes.txt", "pingtan-shiyanqu-2019.txt", "pingtan-shiyanqu-2020.txt", "pingtan-shiyanqu-2022.txt"];
  await page.setInputFiles("#files", names.map((n) => join(dir, n)));
  await page.waitForFunction(() => document.body.dataset.state === "audited" || document.body.dataset.state === "failed");
  assert.equal(await page.getAttribute("body", "data-state"), "audited", await page.textContent("#status"));
  assert.equal(await page.isVisible("#audit"), true);
  assert.equal(await page.isVisible("#result"), false);
  assertAuditShown(await auditState(page, "#audit-view"), "page");
  assert.deepEqual(await page.$$eval("#audit-failures li", (lis) => lis.map((li) => [li.textContent, li.dataset.code])), [["notes.txt：不是政府信息公开工作年度报告", "not_a_report"]]);
  assert.match(await page.textContent("#status"), /已审核 5 份报告（2 个机关/);
  // The status badge of 洪泽区 2024 leads to the body's findings.
  await page.click('.nb-grid tr[data-body="淮安市洪泽区人民政府"] a.nb-status[data-status="error"]');
  assert.equal(new URL(page.url()).hash, "#nb-body-1");
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "web-audit.png"), fullPage: true });

  // The same files as a folder.
  await page.setInputFiles("#folder", dir);
  await page.waitForFunction(() => document.body.dataset.audits === "2");
  assertAuditShown(await auditState(page, "#audit-view"), "folder");
  assert.equal(await page.$$eval("#audit-failures li", (lis) => lis.length), 1);

  // Back to one report: the audit view goes away.
  await page.fill("#text", fixture("hongze-quzhengfu-2023.layout.txt").toString("utf8"));
  await page.click("#parse");
  await page.waitForFunction(() => document.body.dataset.state === "parsed");
  assert.equal(await page.isVisible("#audit"), false);

  const external = browser.requests.filter((u) => !u.startsWith(`${base}/`));
  assert.deepEqual(external, [], "the page requested nothing but the local server");
  assert.ok(browser.requests.some((u) => u.endsWith("/nianbao/audit.css")), "the audit style sheet came from the package");
  assert.deepEqual(browser.problems, []);
});

test("the HTML audit report opens from disk with the finding highlighted and the charts", { timeout: 120_000, skip: SKIP }, async (t) => {
  const dir = seriesDir();
  const out = mkdtempSync(join(tmpdir(), "nianbao-audit-html-"));
  const html = join(out, "audit.html");
  const files = ["hongze-quzhengfu-2023.layout.txt", "hongze-quzhengfu-2024.layout.txt", "pingtan-shiyanqu-2019.txt", "pingtan-shiyanqu-2020.txt", "pingtan-shiyanqu-2022.txt"];
  if (CLI) {
    try {
      execFileSync(CLI, ["audit", "-q", "--html", html, ...files], { cwd: dir, stdio: "pipe" });
      assert.fail("the CLI exits 1 for the error finding");
    } catch (e) {
      assert.equal(e.status, 1, String(e.stderr ?? e));
    }
  } else {
    t.diagnostic("no native CLI built: the report is rendered by the package's auditToHtml");
    writeFileSync(html, auditToHtml(audit(files.map((f) => ({ source: f, bytes: readFileSync(join(dir, f)) })))));
  }
  const browser = await launch();
  t.after(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });
  const page = await browser.newPage();
  const url = pathToFileURL(html).href;
  await page.goto(url);
  assertAuditShown(await auditState(page, "body"), "HTML report");
  assert.equal(await page.title(), "政府信息公开工作年度报告 · 审核结果");
  assert.deepEqual(browser.requests.filter((u) => u !== url), [], "the report fetches nothing");
  assert.deepEqual(browser.problems, []);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "audit-report.png"), fullPage: true });
});
