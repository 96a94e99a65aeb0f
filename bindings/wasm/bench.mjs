// Time parseReport in Node (the built package, pkg/nianbao) on one report or several:
//   node bindings/wasm/bench.mjs [FILE ...]
// A .txt/.md file is read as UTF-8 text and given to parseReport; any other file (.html,
// .docx, GBK text …) is given to parseReportBytes as its bytes.
// Prints, per file, the median and minimum per parse after a warm-up, and the time of
// the first call (instantiation excluded); with several files, the sum of the minimums
// last. The native baseline is examples/timing.rs, which takes the same arguments;
// bench-corpus.sh runs both over the corpus and prints their ratios.
// NIANBAO_PKG=DIR times another build of the package (DIR holds node/index.cjs).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2 ? process.argv.slice(2) : [join(here, "..", "..", "tests", "fixtures", "qijiang-gongan-2024.txt")];
const t0 = performance.now();
const { parseReport, parseReportBytes } = createRequire(import.meta.url)(join(process.env.NIANBAO_PKG ?? join(here, "pkg", "nianbao"), "node", "index.cjs"));
const load = performance.now() - t0;
let sum = 0;
for (const file of files) {
  const asText = /\.(txt|md)$/.test(file);
  const input = asText ? readFileSync(file, "utf8") : readFileSync(file);
  const fn = asText ? parseReport : parseReportBytes;
  const parse = () => { try { return fn(input); } catch (e) { return e; } };
  const f0 = performance.now();
  parse();
  const first = performance.now() - f0;
  for (let i = 0; i < 20; i++) parse();
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    parse();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  sum += times[0];
  console.log(`node    ${file} (${fn.name}): median ${times[100].toFixed(3)} ms, min ${times[0].toFixed(3)} ms per parse; first call ${first.toFixed(1)} ms; module load ${load.toFixed(1)} ms`);
}
if (files.length > 1) console.log(`node    all ${files.length} files: sum of the minimums ${sum.toFixed(3)} ms`);
