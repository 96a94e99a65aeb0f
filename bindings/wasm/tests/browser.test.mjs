// The web page in a real browser: Debian's Chromium driven by playwright-core.
//
// A tiny HTTP server (127.0.0.1, random port) serves examples/web/ with the installed
// package's browser build at /nianbao/. The test pastes a seed report, checks the title,
// the template and every cell of the three tables against the expected file, then
// pastes a copy whose （七）总计 total is changed and checks that the cell is
// highlighted, the error is listed, and clicking it shows its source line. Then files:
// a GB18030 copy of the seed dropped on the page, a real PDF report dropped on the page
// (its cells, its real errors with their page, the source view = toText with its page
// ends, the page shown for a clicked error), a scanned PDF (refused with the reason),
// and the corpus's DOCX report chosen with the file button (skipped when the shared
// corpus is absent), whose cells, source view (= toText of its bytes) and diagnostic
// line are checked. Every request the page makes is recorded: nothing may go anywhere
// but the local server. Screenshots: <repo>/artifacts/web.png (the flagged report),
// artifacts/web-pdf.png (the PDF report) and artifacts/web-docx.png (the DOCX report).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { toText } from "nianbao";
import { REPO, CORPUS, readText, readBytes } from "./helpers.mjs";
import { ARTIFACTS, CHROMIUM, launch, serve } from "./web.mjs";

const SEED = join(REPO, "tests", "fixtures", "qijiang-gongan-2024.txt");
const EXPECTED = JSON.parse(readFileSync(join(REPO, "tests", "fixtures", "qijiang-gongan-2024.expected.json"), "utf8"));
const GB18030_SEED = join(REPO, "tests", "fixtures", "encodings", "qijiang-gongan-2024.gb18030.txt");
const PDF = join(REPO, "tests", "fixtures", "hongze-quzhengfu-2023.pdf");
const PDF_EXPECTED = JSON.parse(readFileSync(join(REPO, "tests", "fixtures", "hongze-quzhengfu-2023.expected.json"), "utf8"));
const SCAN = join(REPO, "tests", "fixtures", "pdf", "scan.pdf");
const DOCX = CORPUS ? join(CORPUS, "real", "shanghai-bangongting-2019.docx") : null;
const DOCX_EXPECTED = DOCX ? join(CORPUS, "real", "shanghai-bangongting-2019.expected.json") : null;

/** path → expected cell text ("—" for null) for the three tables of an expected file. */
function expectedCells(exp) {
  const out = new Map();
  const walk = (value, path) => {
    if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    } else {
      out.set(path, value === null ? "—" : String(value));
    }
  };
  for (const key of ["active_disclosure", "applications", "reviews"]) walk(exp[key], key);
  return out;
}

/** The 2021 sub-rows of （六）其他处理, which a report printing it as one row does not have. */
const SUB_ROWS = ["applications.other_handling.overdue_correction", "applications.other_handling.overdue_fee"];

/**
 * The cells of the page that differ from an expected file ("path: page shows …"). A
 * report that prints （六）其他处理 as one row (the 2019 template, some 2021 reports)
 * has no cells for the sub-rows, which the model leaves null: those may be absent.
 */
async function cellDifferences(page, expected) {
  const shown = new Map(await page.$$eval("#result td[data-path]", (tds) => tds.map((td) => [td.dataset.path, td.textContent])));
  const wrong = [];
  for (const [path, text] of expectedCells(expected)) {
    if (SUB_ROWS.some((p) => path === p || path.startsWith(`${p}.`)) && text === "—" && !shown.has(path)) continue;
    if (shown.get(path) !== text) wrong.push(`${path}: page shows ${shown.get(path)}, expected ${text}`);
  }
  return wrong;
}

/** The seed with the 总计 cell of its （七）总计 row changed (DOCX layout: one cell a line). */
function withChangedTotal(text) {
  const lines = text.split("\n");
  const label = lines.findIndex((l) => l.trim() === "（七）总计");
  assert.ok(label > 0, "the seed has a （七）总计 row");
  const cells = [];
  for (let i = label + 1; cells.length < 7; i++) if (/^\t\d+\s*$/.test(lines[i])) cells.push(i);
  const totalLine = cells[6];
  const old = Number(lines[totalLine].trim());
  assert.equal(old, EXPECTED.applications.processed_total.total, "the seventh cell after the label is the total");
  lines[totalLine] = `\t${old + 1}`;
  return { text: lines.join("\n"), line: totalLine + 1, value: String(old + 1) };
}

/** The lines of the page's source view, as text. */
function sourceLines(page) {
  return page.$$eval("#source .line .tx", (spans) => spans.map((s) => (s.textContent === "\u200b" ? "" : s.textContent)));
}

test("the web page parses a report, draws the tables and flags a wrong total", { timeout: 180_000, skip: process.env.NIANBAO_SKIP_BROWSER ? "NIANBAO_SKIP_BROWSER is set" : false }, async (t) => {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (test.sh installs Debian's chromium)`);
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  t.after(async () => {
    await browser.close();
    server.close();
  });
  const { requests, problems } = browser;
  const page = await browser.newPage();

  await page.goto(`${base}/`);
  await page.waitForFunction(() => ["ready", "broken"].includes(document.body.dataset.state));
  assert.equal(await page.getAttribute("body", "data-state"), "ready", await page.textContent("#status"));

  // 1. Paste the seed report.
  const seed = readText(SEED);
  await page.fill("#text", seed);
  await page.click("#parse");
  await page.waitForFunction(() => document.body.dataset.state === "parsed" || document.body.dataset.state === "failed");
  const failure = await page.$eval("#failure", (n) => (n.hidden ? null : n.textContent));
  assert.equal(failure, null, "the seed is parsed");
  const status = (await page.textContent("#status")).match(/^已解析：解析 (\d+(?:\.\d)?) 毫秒，连同显示共 (\d+(?:\.\d)?) 毫秒$/);
  assert.ok(status, `the status line gives the parse's time and the whole re-parse's: ${await page.textContent("#status")}`);
  assert.ok(Number(status[1]) <= Number(status[2]), `the parse is part of the whole: ${status[0]}`);
  const field = (name) => page.$eval(`#summary [data-field="${name}"]`, (n) => n.textContent);
  assert.equal(await field("title"), EXPECTED.title);
  assert.equal(await field("agency"), EXPECTED.agency);
  assert.equal(await field("year"), `${EXPECTED.year} 年`);
  assert.match(await field("template"), new RegExp(`^${EXPECTED.template} 年版`));
  assert.equal(await page.$eval('#summary [data-field="sections"]', (n) => n.dataset.numbers), EXPECTED.section_numbers.join(" "));

  const shown = new Map(await page.$$eval("#result td[data-path]", (tds) => tds.map((td) => [td.dataset.path, td.textContent])));
  const want = expectedCells(EXPECTED);
  const wrong = [];
  for (const [path, text] of want) {
    if (!shown.has(path)) wrong.push(`${path}: no such cell on the page`);
    else if (shown.get(path) !== text) wrong.push(`${path}: page shows ${shown.get(path)}, expected ${text}`);
  }
  assert.deepEqual(wrong, []);
  assert.equal(shown.size, want.size, "the page shows exactly the cells of the three tables");
  // The official headers, with merged cells.
  assert.equal(await page.$eval(".t3 thead th.corner", (n) => `${n.colSpan}x${n.rowSpan}`), "3x3");
  assert.equal(await page.$eval(".t4 thead tr:first-child th:last-child", (n) => `${n.textContent}:${n.colSpan}`), "行政诉讼:10");
  assert.equal(await page.locator("td.flag-error, td.flag-warning").count(), 0, "a consistent report has no highlighted cell");

  // 1b. The source view shows the text as it is, markup characters too, every line
  //     (it is built as HTML, in blocks of 64 lines).
  const marked = `${seed}\n备注：<i>A&amp;B</i> 1 > 0\n`;
  await page.fill("#text", marked);
  await page.click("#parse");
  await page.waitForFunction(() => document.body.dataset.state === "parsed");
  assert.deepEqual(await sourceLines(page), marked.split("\n"), "the source view is the pasted text, line for line");

  // 2. Paste a copy with the （七）总计 total changed.
  const changed = withChangedTotal(seed);
  await page.fill("#text", changed.text);
  await page.click("#parse");
  const totalCell = '#result td[data-path="applications.processed_total.total"]';
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent !== undefined && document.body.dataset.state === "parsed", totalCell);
  assert.equal(await page.textContent(totalCell), changed.value);
  const classes = await page.getAttribute(totalCell, "class");
  assert.match(classes, /\bflag-error\b/, `the changed total is highlighted (class: ${classes})`);
  const errors = await page.$$eval("#diagnostics li.error", (lis) => lis.map((li) => ({ code: li.dataset.code, line: li.dataset.line, text: li.textContent })));
  assert.ok(errors.length > 0, "an error is listed");
  assert.ok(errors.some((e) => e.code.startsWith("applications.")), `an applications.* error is listed: ${JSON.stringify(errors)}`);
  assert.ok(errors.every((e) => /第 \d+ 行|无对应行/.test(e.text)), "each error shows its line");
  assert.match(await field("verdict"), /发现 \d+ 处错误/);

  // 3. Clicking an error that points at the changed cell shows that line in the source view.
  assert.ok(errors.some((e) => Number(e.line) === changed.line), `an error points at line ${changed.line}: ${JSON.stringify(errors)}`);
  assert.ok(changed.line > 64, "the line lies beyond the source view's first block, laid out only when it comes into view");
  const atCell = page.locator(`#diagnostics li.error[data-line="${changed.line}"]`).first();
  await atCell.click();
  const current = await page.$eval("#source .line.current", (n) => ({ line: Number(n.dataset.line), text: n.textContent, mark: n.querySelector("mark")?.textContent ?? null }));
  assert.equal(current.line, changed.line, "the clicked diagnostic's line is highlighted");
  assert.ok(current.text.includes(changed.value), `the source line shows the changed value: ${current.text}`);
  assert.equal(current.mark, changed.value, "the cell text at the diagnostic's column is marked");
  const visible = await page.$eval("#source .line.current", (n) => {
    const box = n.getBoundingClientRect();
    const pane = n.closest(".source").getBoundingClientRect();
    return box.top >= pane.top && box.bottom <= pane.bottom;
  });
  assert.ok(visible, "the source view is scrolled to the line");
  assert.match(await page.getAttribute(totalCell, "class"), /\bselected\b/, "the clicked diagnostic's cell is selected");

  // 3b. On a flattened page, whose whole text is one wrapped line taller than the view,
  //     a clicked diagnostic scrolls its marked cell into view, not the line's start.
  await page.fill("#text", readText(join(REPO, "tests", "fixtures", "pingtan-shiyanqu-2022.txt")));
  await page.click("#parse");
  await page.waitForFunction(() => document.body.dataset.state === "parsed");
  await page.locator('#diagnostics li[data-line]:not([data-line=""])').last().click();
  const flat = await page.$eval("#source .line.current", (n) => {
    const pane = n.closest(".source").getBoundingClientRect();
    const line = n.getBoundingClientRect();
    const mark = n.querySelector("mark")?.getBoundingClientRect();
    return { taller: line.height > pane.height, marked: Boolean(mark), inView: Boolean(mark) && mark.top >= pane.top && mark.top < pane.bottom };
  });
  assert.deepEqual(flat, { taller: true, marked: true, inView: true }, "the marked cell of a line taller than the view is in view");

  // 4. A .txt file chosen with the file button is read too; garbage gives an error message.
  await page.setInputFiles("#file", SEED);
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === "4", totalCell);
  await page.fill("#text", "这不是一份年度报告。");
  await page.click("#parse");
  await page.waitForFunction(() => document.body.dataset.state === "failed");
  assert.equal(await page.getAttribute("body", "data-error"), "not_a_report");

  // 5. A GB18030 file dropped on the page is read from its bytes; the source view shows
  //    its text (toText), line for line.
  const gbBytes = readBytes(GB18030_SEED);
  const parsesBefore = Number(await page.getAttribute("body", "data-parses"));
  await page.evaluate(({ name, data }) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type: "text/plain" }));
    document.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name: "qijiang-gongan-2024.gb18030.txt", data: gbBytes.toString("base64") });
  await page.waitForFunction((n) => Number(document.body.dataset.parses) > n && document.body.dataset.state === "parsed", parsesBefore);
  assert.equal(await page.getAttribute("body", "data-source"), "file", "the dropped file is parsed from its bytes");
  assert.equal(await field("title"), EXPECTED.title);
  assert.equal(await page.textContent(totalCell), String(EXPECTED.applications.processed_total.total));
  assert.match(await page.textContent("#status"), /GBK\/GB18030/);
  assert.deepEqual(await sourceLines(page), toText(gbBytes).split("\n"), "the source view is toText(bytes)");

  // 6. A PDF report dropped on the page: its cells, its two real errors on page 4, the
  //    source view (toText, page ends included), and the page of a clicked error.
  const pdfBytes = readBytes(PDF);
  const parsesBeforePdf = Number(await page.getAttribute("body", "data-parses"));
  await page.evaluate(({ name, data }) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type: "application/pdf" }));
    document.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name: "hongze-quzhengfu-2023.pdf", data: pdfBytes.toString("base64") });
  await page.waitForFunction((n) => Number(document.body.dataset.parses) > n && document.body.dataset.state === "parsed", parsesBeforePdf);
  assert.equal(await page.getAttribute("body", "data-source"), "file");
  assert.equal(await field("title"), PDF_EXPECTED.title);
  assert.equal(await field("year"), `${PDF_EXPECTED.year} 年`);
  assert.match(await page.textContent("#status"), /PDF 文件，5 页/);
  // this report prints （六）其他处理 as one row
  assert.deepEqual(await cellDifferences(page, PDF_EXPECTED), [], "every cell of the PDF report");
  const pdfErrors = await page.$$eval("#diagnostics li.error", (lis) => lis.map((li) => ({ code: li.dataset.code, page: li.dataset.page, line: li.dataset.line, text: li.textContent })));
  assert.deepEqual(pdfErrors.map((e) => [e.code, e.page]), [["reviews.group_total", "4"], ["reviews.group_total", "4"]]);
  assert.ok(pdfErrors.every((e) => /第 4 页，第 \d+ 行/.test(e.text)), JSON.stringify(pdfErrors));
  assert.match(await page.getAttribute('#result td[data-path="reviews.administrative_review.total"]', "class"), /\bflag-error\b/);
  const pdfText = toText(pdfBytes);
  assert.deepEqual(await sourceLines(page), pdfText.split("\n"), "the source view is toText(bytes)");
  assert.equal(await page.locator("#source .line.page-end").count(), 5, "the end of each of the 5 pages is marked");
  assert.match(await page.textContent("#source-note"), /PDF/);
  await page.locator("#diagnostics li.error").first().click();
  const pdfAt = await page.$eval("#source .line.current", (n) => ({ line: Number(n.dataset.line), mark: n.querySelector("mark")?.textContent ?? null }));
  assert.equal(pdfAt.line, Number(pdfErrors[0].line));
  assert.equal(pdfAt.mark, "0", "the printed 总计 0 is marked");
  assert.match(await page.textContent("#source-where"), /^第 4 页 · 第 \d+ 行$/);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "web-pdf.png"), fullPage: true });

  // 6b. A scanned PDF (no text layer) is refused with the reason.
  await page.setInputFiles("#file", SCAN);
  await page.waitForFunction(() => document.body.dataset.state === "failed");
  assert.equal(await page.getAttribute("body", "data-error"), "scanned_pdf");
  assert.match(await page.textContent("#failure"), /scan\.pdf[\s\S]*扫描件[\s\S]*OCR/);

  // 7. A DOCX chosen with the file button: the tables, the source view (the tab-cell
  //    text the parser read) and a diagnostic's line in it.
  if (DOCX && existsSync(DOCX)) {
    const docxExpected = JSON.parse(readFileSync(DOCX_EXPECTED, "utf8"));
    const docxBytes = readBytes(DOCX);
    await page.setInputFiles("#file", DOCX);
    const newReceived = '#result td[data-path="applications.new_received.total"]';
    await page.waitForFunction((sel) => document.body.dataset.state === "parsed" && document.querySelector(sel)?.textContent === "859", newReceived);
    assert.equal(await page.getAttribute("body", "data-source"), "file");
    assert.equal(await field("year"), `${docxExpected.year} 年`);
    assert.match(await field("template"), /^2019 年版/);
    assert.match(await page.textContent("#status"), /Word 文档/);
    // the 2019 table has one （六）其他处理 row
    assert.deepEqual(await cellDifferences(page, docxExpected), [], "every cell of the DOCX report");
    const docxText = toText(docxBytes);
    assert.deepEqual(await sourceLines(page), docxText.split("\n"), "the source view is toText(bytes)");
    assert.equal(await page.isVisible("#source-note"), true, "the page says what the source view of a DOCX is");
    // the diagnostic about the 采购 cell ('251000元') points at its line of that text
    const diag = await page.$eval('#diagnostics li[data-code="cell.unit"]', (li) => Number(li.dataset.line));
    assert.ok(docxText.split("\n")[diag - 1].includes("251000元"), `line ${diag} of toText holds the cell`);
    await page.locator('#diagnostics li[data-code="cell.unit"]').click();
    const at = await page.$eval("#source .line.current", (n) => ({ line: Number(n.dataset.line), mark: n.querySelector("mark")?.textContent ?? null }));
    assert.deepEqual(at, { line: diag, mark: "251000元" }, "clicking the diagnostic shows and marks its cell in the source view");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "web-docx.png"), fullPage: true });
  } else {
    t.diagnostic(`DOCX step skipped: ${DOCX ?? "the shared corpus"} is absent`);
  }

  // Leave the page showing the flagged report for the screenshot.
  await page.fill("#text", changed.text);
  await page.click("#parse");
  await page.waitForFunction(() => document.body.dataset.state === "parsed" && document.body.dataset.source === "text");
  await page.locator("#diagnostics li.error").first().click();
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, "web.png"), fullPage: true });

  const external = requests.filter((u) => !u.startsWith(`${base}/`));
  assert.deepEqual(external, [], "the page requested nothing but the local server");
  assert.ok(requests.some((u) => u.endsWith("/nianbao/nianbao_bg.wasm")), "the wasm came from the local server");
  assert.deepEqual(problems, []);
});
