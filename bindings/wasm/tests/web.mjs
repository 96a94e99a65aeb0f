// What the browser tests share: a local server for the web page, and Debian's Chromium
// driven by playwright-core (its own browser downloads do not work here).
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { REPO } from "./helpers.mjs";

const require = createRequire(import.meta.url);

/** The Chromium the tests drive. */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** The web page's directory. */
export const WEB = join(REPO, "examples", "web");
/** The installed package's browser build, served at /nianbao/ (found when first served). */
const installedWeb = () => join(dirname(require.resolve("nianbao/package.json")), "web");
/** Where screenshots are kept (CI artifacts). */
export const ARTIFACTS = join(REPO, "artifacts");

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json" };

/**
 * Serve the web page (`web`, default examples/web) on 127.0.0.1 (a random port), with
 * /nianbao/ from the installed package (not the build tree), or with `pkg: null` from
 * the page's own nianbao/ directory (what build.sh copies there; bench-web.mjs).
 */
export function serve({ web = WEB, pkg = installedWeb() } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith("/")) path += "index.html";
    const [root, rel] = pkg !== null && path.startsWith("/nianbao/") ? [pkg, path.slice("/nianbao/".length)] : [web, path.slice(1)];
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/**
 * Chromium (headless, fresh profile) with every request recorded in `requests` and
 * page errors and console errors in `problems`; `close()` ends it and removes the profile.
 */
export async function launch() {
  const { chromium } = createRequire(join(REPO, "bindings", "wasm", "package.json"))("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "nianbao-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const requests = [];
  const problems = [];
  context.on("request", (r) => requests.push(r.url()));
  const watch = (page) => {
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
    return page;
  };
  return {
    context,
    requests,
    problems,
    newPage: async () => watch(await context.newPage()),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
