// The audit view of the page: several report files (chosen together, a folder, or
// dropped at once) are parsed and checked against each other in this browser — nothing
// is sent anywhere — with the nianbao module's `audit`, and shown as the readable audit
// report that the Rust crate renders (`auditToHtml(…, { fragment: true })`, styled by
// nianbao/audit.css): bodies × years with a status per report, a chart per body, and
// every finding with the cells it compares highlighted.
//
// app.js calls `auditFiles(files)` for more than one file and `hideAudit()` when it
// shows a single report; `filesOf(dataTransfer)` walks dropped folders.
import { audit, auditToHtml } from "./nianbao/index.js";

const $ = (id) => document.getElementById(id);

/** The file kinds the audit reads from a folder (as the CLI walks directories). */
const READABLE = /\.(txt|md|markdown|html?|docx|pdf)$/i;

const FAILURES = {
  empty: "文件为空",
  binary: "不是文本文件",
  too_large: "文件过大",
  not_a_report: "不是政府信息公开工作年度报告",
  pre_2019_template: "2019 年以前格式的报告，暂不支持",
  encoding: "无法识别文本编码",
  unsupported: "不支持的文件",
  encrypted: "PDF 设有打开密码",
  scanned_pdf: "PDF 是扫描件，没有文字层（请先 OCR）",
  invalid_pdf: "PDF 已损坏或不完整",
  pdf_limit: "PDF 超出安全限制",
  internal: "解析器内部错误",
};

let audits = 0;

/** The name a file is shown by: its path inside a chosen or dropped folder, else its name. */
function pathOf(file) {
  return file.nianbaoPath ?? (file.webkitRelativePath || file.name);
}

/** Every file of a drop, folders walked (only report file kinds inside folders). */
export async function filesOf(dataTransfer) {
  const entries = [...(dataTransfer?.items ?? [])]
    .map((item) => (item.kind === "file" && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null));
  if (entries.length === 0 || entries.some((e) => e === null)) return [...(dataTransfer?.files ?? [])];
  const out = [];
  const walk = async (entry, inFolder) => {
    if (entry.isFile) {
      if (inFolder && (entry.name.startsWith(".") || !READABLE.test(entry.name))) return;
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      file.nianbaoPath = entry.fullPath.replace(/^\//, "");
      out.push(file);
    } else if (entry.isDirectory && !entry.name.startsWith(".")) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) await walk(child, true);
      }
    }
  };
  for (const entry of entries) await walk(entry, false);
  return out;
}

/** Whether a drop holds a folder. */
export function holdsFolder(dataTransfer) {
  return [...(dataTransfer?.items ?? [])].some((item) => item.webkitGetAsEntry?.()?.isDirectory);
}

export function hideAudit() {
  $("audit").hidden = true;
}

/** Parse the files, audit the reports among them, and show the audit report. */
export async function auditFiles(fileList) {
  const files = [...fileList].filter((f) => !f.webkitRelativePath || READABLE.test(f.name));
  const status = $("status");
  status.textContent = `正在审核 ${files.length} 个文件…`;
  const inputs = [];
  let shown = performance.now();
  for (const [i, file] of files.entries()) {
    // progress, a few times a second (each file's read lets the page paint)
    if (performance.now() - shown > 200) {
      status.textContent = `正在读取第 ${i + 1} / ${files.length} 个文件…`;
      shown = performance.now();
    }
    inputs.push({ source: pathOf(file), bytes: new Uint8Array(await file.arrayBuffer()) });
  }
  // the audit is one call, which parses the files too: say so, and let the page paint
  // that before it starts (after the next frame; at most 50 ms, as a hidden page has
  // no frames)
  status.textContent = `正在解析并核对 ${inputs.length} 个文件…`;
  await new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 50);
  });
  const t0 = performance.now();
  let result;
  try {
    // the files that are not reports are left out and listed (result.failures)
    result = audit(inputs, { skipFailures: true });
  } catch (err) {
    status.textContent = `审核失败：${err.message}`;
    document.body.dataset.state = "failed";
    return;
  }
  const ms = performance.now() - t0;
  const failed = result.failures;
  $("result").hidden = true;
  $("failure").hidden = true;
  const box = $("audit");
  box.hidden = false;
  const list = $("audit-failures");
  list.replaceChildren();
  list.hidden = failed.length === 0;
  if (failed.length > 0) {
    const head = document.createElement("p");
    head.textContent = `${failed.length} 个文件不是可解析的年度报告，未参与审核：`;
    const ul = document.createElement("ul");
    for (const f of failed) {
      const li = document.createElement("li");
      li.dataset.code = f.code;
      li.title = f.message;
      li.textContent = `${f.source}：${FAILURES[f.code] ?? f.message}`;
      ul.append(li);
    }
    list.append(head, ul);
  }
  // The fragment is markup rendered by the Rust crate, every text in it escaped there.
  $("audit-view").innerHTML = auditToHtml(result, { fragment: true });
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) n[f.diagnostic.severity]++;
  status.textContent = `已审核 ${result.reports.length} 份报告（${result.bodies.length} 个机关，${ms < 1 ? "<1" : Math.round(ms)} 毫秒）：错误 ${n.error}、警告 ${n.warning}、提示 ${n.info}${failed.length ? `；${failed.length} 个文件未能解析` : ""}。`;
  audits++;
  document.body.dataset.state = "audited";
  document.body.dataset.audits = audits;
  box.scrollIntoView({ block: "start" });
}

/** The buttons that choose several files or a folder. */
export function setupAudit() {
  for (const id of ["files", "folder"]) {
    $(id).addEventListener("change", (e) => {
      const chosen = [...e.target.files];
      e.target.value = ""; // choosing the same files again audits them again
      if (chosen.length > 0) auditFiles(chosen);
    });
    $(id).disabled = false;
  }
}
