// Time the web page (examples/web) in Chromium: how long a pasted report takes to be
// parsed, and to be parsed and shown, in the browser the page runs in.
//
//   bash bindings/wasm/build.sh        # once: the package, copied to examples/web/nianbao
//   node bindings/wasm/bench-web.mjs [ROUNDS] [FILE ...]
//   NIANBAO_WEB=DIR node bindings/wasm/bench-web.mjs …    # another copy of the page
//
// The page is served from 127.0.0.1 and opened in headless Chromium (Debian's, driven by
// playwright-core; CHROMIUM overrides /usr/bin/chromium). For every file (default: every
// text report of ../shared/corpus, or NIANBAO_CORPUS) it measures, ROUNDS times (default
// 30, after 5 not counted):
//   parse   the browser module's parseReport on the text, called in the page;
//   shown   the text set into the page's text area and its 解析 button clicked: the
//           parse, and the tables, diagnostics and source view put into the document
//           (the button's click handler does all of that before it returns);
//   laid out  the same, and the document's style and layout computed after it (read
//           by asking for the page's height; painting is left out: it waits for the
//           next frame, up to 17 ms at 60 Hz, whatever the page does);
// each of the last two twice: the report parsed again (as while it is edited: the page
// shows the same report before), and pasted after another one (the file before it in
// the list, parsed first and not timed). Prints a Markdown table of the minimum and
// median of each, in milliseconds. The aim of issue 12: the page re-parses a pasted
// report in under 5 ms.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, serve } from "./tests/web.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
// NIANBAO_WEB=DIR: another copy of the page (e.g. of an earlier commit, with its
// nianbao/ directory) to compare with
const web = resolve(process.env.NIANBAO_WEB ?? join(repo, "examples", "web"));
const args = process.argv.slice(2);
const rounds = /^\d+$/.test(args[0] ?? "") ? Number(args.shift()) : 30;
const corpus = process.env.NIANBAO_CORPUS ?? join(repo, "..", "shared", "corpus");

/** Every text report of the corpus, as bench-corpus.sh takes them. */
function corpusFiles() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(txt|md)$/.test(name) && !/^(README|SOURCES)\.md$/.test(name) && !name.endsWith("-raw.txt")) out.push(path);
    }
  };
  walk(corpus);
  return out;
}

const files = args.length > 0 ? args : corpusFiles();
if (files.length === 0) {
  console.error(`bench-web: no reports under ${corpus}`);
  process.exit(2);
}
if (!existsSync(join(web, "nianbao", "index.js"))) {
  console.error(`bench-web: ${join(web, "nianbao")} is missing; build the package first (bash bindings/wasm/build.sh)`);
  process.exit(2);
}

// the page and its own nianbao/ (the package's browser build, as build.sh copies it),
// in the browser the browser test drives
const server = await serve({ web, pkg: null });
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => ["ready", "broken"].includes(document.body.dataset.state));
  if (await page.evaluate(() => document.body.dataset.state) !== "ready") throw new Error("bench-web: the page could not load its WebAssembly module");
  const rows = [];
  for (const [k, file] of files.entries()) {
    const text = readFileSync(file, "utf8");
    const other = readFileSync(files[(k + files.length - 1) % files.length], "utf8");
    const times = await page.evaluate(async ({ text, other, rounds }) => {
      const { parseReport } = await import("./nianbao/index.js");
      const area = document.getElementById("text");
      const button = document.getElementById("parse");
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const out = { parse: [], again: [], againLaid: [], pasted: [], pastedLaid: [] };
      /** Show `input` and time it: [shown, laid out]. */
      const show = async (input) => {
        area.value = input;
        await frame();
        const t = performance.now();
        button.click();
        const shown = performance.now() - t;
        void document.documentElement.offsetHeight;
        return [shown, performance.now() - t];
      };
      for (let i = 0; i < rounds + 5; i++) {
        const t = performance.now();
        try { parseReport(text); } catch { /* a refused text is timed too */ }
        const parse = performance.now() - t;
        const [again, againLaid] = await show(text);
        await show(other);
        const [pasted, pastedLaid] = await show(text);
        if (i >= 5) {
          out.parse.push(parse);
          out.again.push(again);
          out.againLaid.push(againLaid);
          out.pasted.push(pasted);
          out.pastedLaid.push(pastedLaid);
        }
      }
      return out;
    }, { text, other, rounds });
    const state = await page.evaluate(() => document.body.dataset.state);
    const stat = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return `${s[0].toFixed(2)} / ${s[s.length >> 1].toFixed(2)}`;
    };
    rows.push(`| ${basename(file)} | ${(text.length / 1000).toFixed(1)} k | ${state} | ${stat(times.parse)} | ${stat(times.again)} | ${stat(times.againLaid)} | ${stat(times.pasted)} | ${stat(times.pastedLaid)} |`);
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  const version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent);
  console.log(`${version}, ${rounds} rounds per file; milliseconds, minimum / median\n`);
  console.log("| file | characters | page state | parse | parsed again: shown | laid out | pasted after another: shown | laid out |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
} finally {
  await browser.close();
  server.close();
}
