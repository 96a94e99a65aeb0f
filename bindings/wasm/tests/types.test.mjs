// The generated TypeScript declarations: `tsc --noEmit` (strict, library files checked
// too) over a Node program and a browser program that use the package's types. The
// examples contain `@ts-expect-error` lines, so the check fails if the types are
// missing or too loose (for example `any`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { REPO } from "./helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
// typescript is a dev dependency of bindings/wasm, not of the installed package.
const tsc = createRequire(join(REPO, "bindings", "wasm", "package.json")).resolve("typescript/bin/tsc");

for (const config of ["tsconfig.node.json", "tsconfig.web.json"]) {
  test(`tsc --noEmit -p types/${config}`, () => {
    try {
      execFileSync(process.execPath, [tsc, "-p", join(here, "types", config)], { encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      assert.fail(`tsc reported errors:\n${e.stdout}${e.stderr}`);
    }
  });
}
