// The page: paste a report, or drop / choose its file (text in any encoding the parser
// detects, an HTML page, a DOCX or PDF file), parse it with the nianbao WebAssembly module (in
// this browser; nothing is sent anywhere), show the three tables as the national
// template prints them, mark the cells the diagnostics name, and show the source line
// of a diagnostic when it is clicked. Several files or a folder go to the audit view
// (audit.js): the reports checked against each other.
//
// A file is handed to the parser as its bytes (parseReportBytes), and the source view
// shows toText(bytes): the text the parser read, which for HTML and DOCX is the
// tab-cell layout, so that a diagnostic's line number is a line of the view.
import init, { parseReport, parseReportBytes, toText, version } from "./nianbao/index.js";
import { auditFiles, filesOf, hideAudit, holdsFolder, setupAudit } from "./audit.js";
import {
  ACTIVE_2019, ACTIVE_2021, APPLICATION_ROWS, COUNT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS,
  activeTemplate, cellsOf,
} from "./cells.js";

const $ = (id) => document.getElementById(id);
const textArea = $("text");
const statusLine = $("status");
const SEVERITY = { error: "错误", warning: "警告", info: "提示" };
const NUMERALS = ["", "一", "二", "三", "四", "五", "六"];
const TEMPLATES = {
  2021: "2021 年版（国办公开办函〔2021〕30号）",
  2019: "2019 年版（国办公开办函〔2019〕60号）",
};
const FAILURES = {
  empty: "输入为空：请粘贴年度报告全文。",
  binary: "输入看起来是二进制文件，不是文本：请选择 .txt、.html、.docx 或 .pdf 文件，或先把报告转换为文本。",
  too_large: "输入过大：一份年度报告的文本通常只有 10–60 KB。",
  not_a_report: "这段文本不像政府信息公开工作年度报告：没有找到 2019 或 2021 年版格式的表格。",
  pre_2019_template: "这是 2019 年以前格式的报告，统计表格式不统一，暂不支持。",
  encoding: "无法识别文本编码：支持 UTF-8、UTF-16 和 GBK/GB18030。",
  unsupported: "不支持这种文件，原因见下方说明。",
  encrypted: "这份 PDF 设有打开密码：请用密码打开后另存（或打印）为不加密的 PDF，再选择该文件。",
  scanned_pdf: "这份 PDF 没有文字层，是扫描件：请先进行文字识别（OCR），再选择识别后的文件。",
  invalid_pdf: "这份 PDF 已损坏或不完整：请确认文件下载完整，或用 PDF 阅读器打开后另存一份。",
  pdf_limit: "这份 PDF 超出了解析器的安全限制（页数、对象数或解压后大小），不像是一份年度报告。",
  internal: "解析器内部错误，请把这份报告反馈给开发者。",
};

const TABS_NOTE = "网页和 Word 文档按解析器读取的文本显示：段落一行一段，表格每个单元格一行（行首为制表符），表格各行之间空一行；诊断中的行号即指此文本。";
const PDF_NOTE = "PDF 按解析器读取的文本显示：每页的文字按版面排列，表格各格之间以两个以上空格分开，每页之后是一行分页符；诊断中的行号即指此文本，页码即 PDF 的页码。";

let current = null; // { report, text, lines }
let loaded = null; // the file shown in the text area, until it is edited: { name, bytes, text, kind }
let parses = 0;
let timer = null; // parse shortly after typing stops

// ---- small DOM helpers ----------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function get(obj, path) {
  return path.split(".").reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

/** A value cell: data-path names the cell in the report (applications.granted.total). */
function valueCell(report, path, attrs = {}) {
  const td = el("td", { ...attrs, dataset: { path } });
  fillCell(td, get(report, path));
  return td;
}

/**
 * Show value `v` in a value cell, and clear the marks of an earlier report's
 * diagnostics. What is already shown is left as it is, so that the browser lays out
 * again only the cells that changed.
 */
function fillCell(td, v) {
  const empty = v === null || v === undefined;
  const cls = empty ? "num empty" : "num";
  if (td.className !== cls) td.className = cls;
  if (empty) td.title = "报告未填写";
  else td.removeAttribute("title");
  delete td.dataset.diags;
  const text = empty ? "—" : String(v);
  if (td.textContent !== text) td.textContent = text;
}

/**
 * Show a table in container `id`: built by `render` when the container holds none of
 * this `shape` (which template, or no table), else the cells of the one shown filled
 * with this report's values. Re-parsing as the user types then costs the browser
 * little: most cells keep their value, and their layout.
 */
function showTable(id, shape, render, report) {
  const box = $(id);
  if (box.dataset.shape === shape) {
    for (const td of box.querySelectorAll("td[data-path]")) fillCell(td, get(report, td.dataset.path));
  } else {
    box.replaceChildren(render(report));
    box.dataset.shape = shape;
  }
}

// ---- tables -----------------------------------------------------------------------------

function renderActive(report) {
  const ad = report.active_disclosure;
  if (!ad) return el("p", { class: "muted" }, "报告中未找到此表。");
  const layout = activeTemplate(report) === "2019" ? ACTIVE_2019 : ACTIVE_2021;
  const body = el("tbody");
  for (const block of layout) {
    body.append(el("tr", {}, el("th", { colspan: 4, class: "caption" }, block.caption)));
    const spans = block.columns.map((_, i) => (i === block.columns.length - 1 ? 4 - block.columns.length : 1));
    body.append(el("tr", {}, el("th", { class: "head" }, "信息内容"), block.columns.map((c, i) => el("th", { class: "head", colspan: spans[i] > 1 ? spans[i] : null }, c.label))));
    for (const row of block.rows) {
      body.append(el("tr", {}, el("th", { class: "row" }, row.label),
        block.columns.map((c, i) => valueCell(report, `active_disclosure.${row.key}.${c.key}`, { colspan: spans[i] > 1 ? spans[i] : null }))));
    }
  }
  return el("table", { class: "grid t2" }, body);
}

function renderApplications(report) {
  if (!report.applications) return el("p", { class: "muted" }, "报告中未找到此表。");
  const head = el("thead", {},
    el("tr", {},
      el("th", { colspan: 3, rowspan: 3, class: "corner" }, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
      el("th", { colspan: 7 }, "申请人情况")),
    el("tr", {},
      el("th", { rowspan: 2 }, "自然人"),
      el("th", { colspan: 5 }, "法人或其他组织"),
      el("th", { rowspan: 2 }, "总计")),
    el("tr", {}, COUNT_COLUMNS.slice(1, 6).map((c) => el("th", {}, c.label))));
  const single2019 = report.template === "2019";
  const rows = APPLICATION_ROWS.filter((r) => !(single2019 && r.only2021));
  const outcomes = rows.filter((r) => !["new_received", "carried_over", "carried_forward"].includes(r.path));
  const body = el("tbody");
  const seenGroups = new Set();
  for (const row of rows) {
    const tr = el("tr", { dataset: { row: row.path } });
    const cells = COUNT_COLUMNS.map((c) => valueCell(report, `applications.${row.path}.${c.key}`));
    if (["new_received", "carried_over", "carried_forward"].includes(row.path)) {
      tr.append(el("th", { colspan: 3, class: "row" }, row.label), ...cells);
    } else {
      if (row === outcomes[0]) tr.append(el("th", { rowspan: outcomes.length, class: "group vertical" }, "三、本年度办理结果"));
      if (row.group && single2019 && row.path === "other_handling.other") {
        tr.append(el("th", { colspan: 2, class: "row" }, row.group));
      } else if (row.group) {
        if (!seenGroups.has(row.group)) {
          seenGroups.add(row.group);
          tr.append(el("th", { rowspan: rows.filter((r) => r.group === row.group).length, class: "group" }, row.group));
        }
        tr.append(el("th", { class: "row sub" }, row.label));
      } else {
        tr.append(el("th", { colspan: 2, class: "row" }, row.label));
      }
      tr.append(...cells);
    }
    body.append(tr);
  }
  return el("table", { class: "grid t3" }, head, body);
}

function renderReviews(report) {
  if (!report.reviews) return el("p", { class: "muted" }, "报告中未找到此表。");
  const sub = () => REVIEW_COLUMNS.map((c) => el("th", {}, c.label));
  const head = el("thead", {},
    el("tr", {}, el("th", { colspan: 5 }, "行政复议"), el("th", { colspan: 10 }, "行政诉讼")),
    el("tr", {},
      REVIEW_COLUMNS.map((c) => el("th", { rowspan: 2 }, c.label)),
      el("th", { colspan: 5 }, "未经复议直接起诉"),
      el("th", { colspan: 5 }, "复议后起诉")),
    el("tr", {}, sub(), sub()));
  const body = el("tbody", {}, el("tr", {},
    REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => valueCell(report, `reviews.${g.key}.${c.key}`)))));
  return el("table", { class: "grid t4" }, head, body);
}

// ---- diagnostics, cells and source ------------------------------------------------------

function cellAt(path) {
  return document.querySelector(`#result td[data-path="${CSS.escape(path)}"]`);
}

/** Mark every cell named by an error or a warning (infos are only listed). */
function flagCells(report) {
  report.diagnostics.forEach((d, i) => {
    if (d.severity !== "error" && d.severity !== "warning") return;
    for (const { path, primary } of cellsOf(d, report)) {
      const td = cellAt(path);
      if (!td) continue;
      td.classList.add(`${primary ? "flag" : "involved"}-${d.severity}`);
      td.dataset.diags = `${td.dataset.diags ?? ""} ${i}`.trim();
      td.title = `${td.title && td.title !== "报告未填写" ? `${td.title}\n` : ""}${SEVERITY[d.severity]}：${d.message}`;
    }
  });
}

function renderDiagnostics(report) {
  const list = $("diagnostics");
  list.replaceChildren();
  const n = { error: 0, warning: 0, info: 0 };
  report.diagnostics.forEach((d, i) => {
    n[d.severity] = (n[d.severity] ?? 0) + 1;
    const where = `${d.page === null ? "" : `第 ${d.page} 页，`}${d.line === null ? "无对应行" : `第 ${d.line} 行${d.column === null ? "" : `，第 ${d.column} 列`}`}`;
    const li = el("li", { class: `diag ${d.severity}`, tabindex: 0, dataset: { index: i, code: d.code, line: d.line ?? "", page: d.page ?? "" } },
      el("span", { class: `badge ${d.severity}` }, SEVERITY[d.severity] ?? d.severity),
      el("span", { class: "where" }, where),
      el("code", {}, d.code),
      el("p", { class: "message" }, d.message));
    li.addEventListener("click", () => select(i));
    li.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(i); } });
    list.append(li);
  });
  if (report.diagnostics.length === 0) list.append(el("li", { class: "none" }, "没有发现问题：各表的勾稽关系均成立。"));
  $("diag-count").textContent = `错误 ${n.error} · 警告 ${n.warning} · 提示 ${n.info}`;
  return n;
}

/** Lines per block of the source view: a block out of view is not styled or laid out. */
const SOURCE_BLOCK = 64;
const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };

/** Text for innerHTML, as it is: markup characters escaped, a carriage return kept. */
function escapeText(s) {
  return s.replace(/[&<>\r]/g, (c) => HTML_ESCAPES[c]);
}

/**
 * The source view: one element a line (its number and text), in blocks of SOURCE_BLOCK
 * lines that the browser lays out only when they come into view (`content-visibility`
 * in style.css). Built as one HTML string: a long report's 600+ lines then cost about
 * 1 ms to build and 2 ms to lay out, against 3 and 15 ms one element at a time.
 */
function renderSource(text, report) {
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  const marks = new Map();
  for (const d of report.diagnostics) {
    if (d.line === null) continue;
    const rank = { error: 3, warning: 2, info: 1 }[d.severity] ?? 0;
    if ((marks.get(d.line) ?? 0) < rank) marks.set(d.line, rank);
  }
  let html = "";
  let page = 1; // a PDF's text: a line holding only a form feed ends each page
  lines.forEach((line, i) => {
    if (i % SOURCE_BLOCK === 0) html += `${i === 0 ? "" : "</div>"}<div class="block">`;
    const mark = marks.get(i + 1);
    const cls = `line${mark === 3 ? " has-error" : mark === 2 ? " has-warning" : ""}${line === "\f" ? " page-end" : ""}`;
    const end = line === "\f" ? ` data-end="${page++}"` : "";
    html += `<div class="${cls}" data-line="${i + 1}"${end}><span class="ln">${i + 1}</span><span class="tx">${line === "" ? "\u200b" : escapeText(line)}</span></div>`;
  });
  const source = $("source");
  // Keep column alignment (pdftotext -layout, tab cells) unless lines are so long that
  // they must wrap (flattened web pages put a whole report on one line).
  source.classList.toggle("wrap", lines.some((l) => l.length > 400));
  source.innerHTML = `${html}</div>`;
  // the last block is shorter: its own size until it is laid out, so that the view's
  // scroll height is right from the start (set through the CSSOM, as the page's
  // Content-Security-Policy allows no style attribute)
  const rest = lines.length % SOURCE_BLOCK;
  if (rest > 0) source.lastElementChild.style.containIntrinsicSize = `auto 0px auto calc(${rest} * 1lh)`;
  // HTML text cannot hold U+0000 (the HTML parser drops it): such a line's text is set as is
  if (text.includes("\0")) {
    lines.forEach((line, i) => { if (line.includes("\0")) source.querySelector(`.line[data-line="${i + 1}"] .tx`).textContent = line; });
  }
  $("source-where").textContent = "";
  return lines;
}

/** Show line `line` of the source, scrolled into view and highlighted; mark the cell text at `column`. */
function showLine(line, column) {
  const source = $("source");
  for (const old of source.querySelectorAll(".line.current")) {
    old.classList.remove("current");
    const tx = old.querySelector(".tx");
    tx.textContent = current.lines[Number(old.dataset.line) - 1] || "\u200b";
  }
  const row = source.querySelector(`.line[data-line="${line}"]`);
  if (!row) return;
  row.classList.add("current");
  if (column !== null && column !== undefined) {
    const chars = Array.from(current.lines[line - 1] ?? "");
    const start = Math.max(0, column - 1);
    let end = start;
    while (end < chars.length && !/[\s|｜]/.test(chars[end])) end++;
    if (end === start && start < chars.length) end = start + 1;
    row.querySelector(".tx").replaceChildren(chars.slice(0, start).join(""), el("mark", {}, chars.slice(start, end).join("")), chars.slice(end).join(""));
  }
  // the marked cell a third of the way down, else the line's start: a line that wraps
  // (a flattened page's whole text) can be taller than the view (by the rectangles:
  // each block of lines is a containing block of its own)
  const pane = source.getBoundingClientRect();
  const mark = row.querySelector("mark");
  const top = (mark ?? row).getBoundingClientRect().top;
  source.scrollTop = Math.max(0, source.scrollTop + top - pane.top - source.clientHeight / 3);
  if (mark) {
    source.scrollLeft = Math.max(0, source.scrollLeft + mark.getBoundingClientRect().left - pane.left - source.clientWidth / 2);
  }
  const page = current.lines.slice(0, line).filter((l) => l === "\f").length + 1;
  $("source-where").textContent = current.lines.includes("\f") ? `第 ${page} 页 · 第 ${line} 行` : `第 ${line} 行`;
}

function select(index) {
  const d = current.report.diagnostics[index];
  for (const node of document.querySelectorAll("#result .selected")) node.classList.remove("selected");
  const li = document.querySelector(`#diagnostics li[data-index="${index}"]`);
  li?.classList.add("selected");
  for (const { path } of cellsOf(d, current.report)) cellAt(path)?.classList.add("selected");
  if (d.line !== null) showLine(d.line, d.column);
}

// ---- summary ------------------------------------------------------------------------------

function renderSummary(report, counts) {
  const dl = $("summary");
  dl.replaceChildren();
  const item = (label, field, value, cls) => dl.append(el("div", { class: "item" }, el("dt", {}, label), el("dd", { dataset: { field }, class: cls }, value)));
  const missing = "（未识别）";
  item("标题", "title", report.title ?? missing, "title");
  item("机关", "agency", report.agency ?? missing);
  item("年度", "year", report.year === null ? missing : `${report.year} 年`);
  item("发布日期", "published", report.published ?? missing);
  item("表格格式", "template", report.template ? TEMPLATES[report.template] ?? report.template : missing);
  const sections = el("span", { class: "sections" }, report.sections.map((s) => {
    const b = el("button", { type: "button", class: "section-link", title: `${NUMERALS[s.number]}、${s.heading}（第 ${s.line} 行）` }, NUMERALS[s.number] ?? s.number);
    b.addEventListener("click", () => showLine(s.line, null));
    return b;
  }));
  dl.append(el("div", { class: "item" }, el("dt", {}, "部分"), el("dd", { dataset: { field: "sections", numbers: report.sections.map((s) => s.number).join(" ") } }, sections)));
  item("核对结果", "verdict", counts.error ? `发现 ${counts.error} 处错误` : counts.warning ? "未发现错误，有警告" : "未发现问题", counts.error ? "bad" : counts.warning ? "warn" : "good");
}

// ---- run ------------------------------------------------------------------------------------

function showFailure(err, fileName = null) {
  $("result").hidden = true;
  hideAudit();
  const box = $("failure");
  box.hidden = false;
  box.replaceChildren(
    el("strong", {}, fileName === null ? "无法解析：" : `无法解析 ${fileName}：`),
    FAILURES[err.code] ?? "解析失败。",
    el("div", { class: "detail" }, el("code", {}, err.code ?? "error"), " ", err.message ?? String(err)));
  document.body.dataset.state = "failed";
  document.body.dataset.error = err.code ?? "";
}

function run() {
  // A file not edited since it was loaded is parsed from its bytes; its text (toText)
  // is what the text area and the source view show.
  const file = loaded;
  const text = file === null ? textArea.value : file.text;
  parses++;
  document.body.dataset.source = file === null ? "text" : "file";
  if (text.trim() === "") {
    $("result").hidden = true;
    $("failure").hidden = true;
    statusLine.textContent = "请粘贴报告全文或选择文件。";
    document.body.dataset.state = "idle";
    document.body.dataset.parses = parses;
    return;
  }
  const t0 = performance.now();
  let report;
  try {
    report = file === null ? parseReport(text) : parseReportBytes(file.bytes);
  } catch (err) {
    showFailure(err, file?.name ?? null);
    statusLine.textContent = "";
    document.body.dataset.parses = parses;
    return;
  }
  const ms = performance.now() - t0;
  $("failure").hidden = true;
  hideAudit();
  $("result").hidden = false;
  current = { report, text, lines: null };
  showTable("table2", report.active_disclosure ? activeTemplate(report) : "none", renderActive, report);
  showTable("table3", report.applications ? (report.template === "2019" ? "2019" : "2021") : "none", renderApplications, report);
  showTable("table4", report.reviews ? "shown" : "none", renderReviews, report);
  const counts = renderDiagnostics(report);
  current.lines = renderSource(text, report);
  $("source-note").hidden = !(file !== null && (file.kind === "DOCX" || file.kind === "HTML" || file.kind === "PDF"));
  $("source-note").textContent = file?.kind === "PDF" ? PDF_NOTE : TABS_NOTE;
  renderSummary(report, counts);
  flagCells(report);
  // the parse alone, and the whole re-parse up to here (the report put into the page;
  // the browser lays it out after this handler returns)
  statusLine.textContent = `已解析：解析 ${millis(ms)} 毫秒，连同显示共 ${millis(performance.now() - t0)} 毫秒`;
  document.body.dataset.state = "parsed";
  document.body.dataset.parses = parses;
}

/** Milliseconds for the status line: one decimal under 10 (a parse takes well under 1). */
function millis(ms) {
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

// ---- input: paste, type, choose or drop a file --------------------------------------------

/** What a file is, for the status line (the parser detects it again, from the bytes). */
function describe(bytes, text) {
  const starts = (...b) => b.every((x, i) => bytes[i] === x);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return { kind: "DOCX", label: "Word 文档" };
  if (new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).includes("%PDF-")) {
    return { kind: "PDF", label: `PDF 文件，${text.split("\n").filter((l) => l === "\f").length} 页` };
  }
  let encoding;
  if (starts(0xef, 0xbb, 0xbf)) encoding = "UTF-8";
  else if (starts(0xff, 0xfe) || starts(0xfe, 0xff) || bytes.subarray(0, 4096).includes(0)) encoding = "UTF-16";
  else {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      encoding = "UTF-8";
    } catch {
      encoding = "GBK/GB18030";
    }
  }
  // toText turns an HTML page into tab cells, so its text does not start with a tag.
  const html = /^\s*</.test(new TextDecoder(encoding === "UTF-16" ? (starts(0xfe, 0xff) ? "utf-16be" : "utf-16le") : encoding === "UTF-8" ? "utf-8" : "gb18030").decode(bytes.subarray(0, 1024))) && !/^\s*</.test(text);
  return html ? { kind: "HTML", label: `网页，${encoding}` } : { kind: "text", label: `文本，${encoding}` };
}

async function loadFile(file) {
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  clearTimeout(timer);
  let text;
  try {
    text = toText(bytes);
  } catch (err) {
    // Not readable at all (a scanned or encrypted PDF, an image, bytes in no known
    // encoding): say why.
    loaded = null;
    textArea.value = "";
    parses++;
    showFailure(err, file.name);
    statusLine.textContent = `无法读取 ${file.name}。`;
    document.body.dataset.parses = parses;
    return;
  }
  const { kind, label } = describe(bytes, text);
  loaded = { name: file.name, bytes, text, kind };
  textArea.value = text;
  run();
  statusLine.textContent = `已读取 ${file.name}（${label}）。${statusLine.textContent}`;
}

textArea.addEventListener("input", () => {
  loaded = null; // edited: from now on the text area's text is parsed
  clearTimeout(timer);
  timer = setTimeout(run, 300);
});
$("parse").addEventListener("click", () => { clearTimeout(timer); run(); });
// a marked cell selects its first diagnostic (one listener: the cells outlive a parse)
$("result").addEventListener("click", (e) => {
  const td = e.target.closest("td[data-diags]");
  if (td) select(Number(td.dataset.diags.split(" ")[0]));
});
$("clear").addEventListener("click", () => { loaded = null; textArea.value = ""; run(); textArea.focus(); });
$("file").addEventListener("change", (e) => {
  loadFile(e.target.files[0]);
  e.target.value = ""; // choosing the same file again reloads it
});
for (const type of ["dragenter", "dragover"]) {
  document.addEventListener(type, (e) => { e.preventDefault(); document.body.classList.add("dragging"); });
}
document.addEventListener("dragleave", (e) => { if (e.relatedTarget === null) document.body.classList.remove("dragging"); });
document.addEventListener("drop", async (e) => {
  e.preventDefault();
  document.body.classList.remove("dragging");
  // Several files or a folder: the audit view; one file: the report view.
  const folder = holdsFolder(e.dataTransfer);
  const files = await filesOf(e.dataTransfer);
  if (folder || files.length > 1) auditFiles(files);
  else loadFile(files[0]);
});

try {
  await init();
  $("version").textContent = version();
  $("parse").disabled = false;
  setupAudit();
  statusLine.textContent = "解析器已就绪。";
  document.body.dataset.state = "ready";
  if (textArea.value.trim() !== "") run();
} catch (err) {
  statusLine.textContent = `无法加载解析器：${err.message}`;
  document.body.dataset.state = "broken";
}
