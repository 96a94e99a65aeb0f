#!/usr/bin/env bash
# Build the npm package `nianbao` (WebAssembly + JavaScript + TypeScript types) into
# bindings/wasm/pkg/nianbao, and copy its browser build beside the web page
# (examples/web/nianbao/).
#
#   bash bindings/wasm/build.sh
#
# Installs what is missing: the wasm32-unknown-unknown target (rustup), the
# wasm-bindgen CLI of exactly the version in Cargo.lock (cached outside the clone in
# $NIANBAO_TOOLS, default ~/.cache/nianbao-tools), and the npm dev dependencies
# (`npm ci`: binaryen's wasm-opt, typescript, playwright-core).
#
# Environment: CARGO_TARGET_DIR (or a `.cargo/config.toml` target-dir: the module is
# found where cargo put it, see scripts/target-dir.sh), NIANBAO_TOOLS,
# NIANBAO_OPT_LEVEL (rustc opt-level of the browser's wasm build, default z),
# NIANBAO_CORE_OPT_LEVEL (that of the core crate, where the parse spends its time, in
# the browser build: default s, twice as fast as z for +50 KB gzipped, see
# BENCHMARKS.md), NIANBAO_NODE_OPT_LEVEL and NIANBAO_NODE_CORE_OPT_LEVEL (the same two
# for the Node.js build, default 3 and 3: a fifth faster than the browser's; the
# module is read from disk there, not downloaded),
# NIANBAO_WASM_OPT (the wasm-opt level, default -O3), NIANBAO_FEATURES
# (the input kinds built in, a comma-separated subset of html,docx,gbk,pdf; default all;
# empty string: plain UTF-8/UTF-16 text only).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
pkg="$here/pkg/nianbao"
tools="${NIANBAO_TOOLS:-$HOME/.cache/nianbao-tools}"
log() { printf '[build] %s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly; read its version from Cargo.lock.
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$repo/Cargo.lock")"
if [ -z "$bindgen_version" ]; then
  log "wasm-bindgen not found in Cargo.lock; run 'cargo metadata' once to resolve it"
  cargo metadata --format-version 1 --manifest-path "$repo/Cargo.toml" >/dev/null
  bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$repo/Cargo.lock")"
fi
wasm_bindgen="$tools/bin/wasm-bindgen"
if [ "$("$wasm_bindgen" --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]; then
  log "installing wasm-bindgen-cli $bindgen_version into $tools (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$bindgen_version" --no-default-features \
    --root "$tools" --force
fi

cd "$here"
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/typescript ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dev dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
wasm_opt="$here/node_modules/.bin/wasm-opt"

# --- compile -------------------------------------------------------------------
# The wasm profile (bindings/wasm/profile.sh): size settings that leave the
# workspace's native release builds untouched.
# shellcheck source=profile.sh
source "$here/profile.sh"
target_dir="$(bash "$repo/scripts/target-dir.sh")"
features=(--features default)
if [ -n "${NIANBAO_FEATURES+set}" ]; then features=(--no-default-features --features "${NIANBAO_FEATURES}"); fi
# the browser's module small, Node's fast (it is read from disk, not downloaded)
web_opt="${NIANBAO_OPT_LEVEL:-z}" web_core="${NIANBAO_CORE_OPT_LEVEL:-s}"
node_opt="${NIANBAO_NODE_OPT_LEVEL:-3}" node_core="${NIANBAO_NODE_CORE_OPT_LEVEL:-3}"
log "cargo build (wasm32-unknown-unknown, profile wasm, opt-level $web_opt, core $web_core, ${features[*]})"
wasm_cargo_build wasm "$web_opt" "$web_core" "${features[@]}"
wasm_in_web="$target_dir/wasm32-unknown-unknown/wasm/nianbao_wasm.wasm"
wasm_in_node="$wasm_in_web"
if [ "$node_opt/$node_core" != "$web_opt/$web_core" ]; then
  log "cargo build (the same for Node.js, profile wasm-node, opt-level $node_opt, core $node_core)"
  wasm_cargo_build wasm-node "$node_opt" "$node_core" "${features[@]}"
  wasm_in_node="$target_dir/wasm32-unknown-unknown/wasm-node/nianbao_wasm.wasm"
fi

# --- bindgen + wasm-opt ---------------------------------------------------------
rm -rf "$pkg"
mkdir -p "$pkg/web" "$pkg/node"
for target in web nodejs; do
  out="$pkg/${target%js}"
  wasm_in="$wasm_in_web"
  [ "$target" = nodejs ] && wasm_in="$wasm_in_node"
  "$wasm_bindgen" "$wasm_in" --target "$target" --out-dir "$out" --out-name nianbao
  wasm_shrink "$out/nianbao_bg.wasm"
done
# The glue of the Node.js build requires its snippets (js/tape.js) as CommonJS: turn
# the copy's `export function` into a function and `module.exports`.
commonjs_snippets "$pkg/node"

# --- package -------------------------------------------------------------------
version="$(awk -F'"' '/^\[workspace.package\]/ { p = 1 } p && /^version *=/ { print $2; exit }' "$repo/Cargo.toml")"
cp js/web.js "$pkg/web/index.js"
cp js/web.d.ts "$pkg/web/index.d.ts"
cp js/node.cjs "$pkg/node/index.cjs"
cp js/node.mjs "$pkg/node/index.mjs"
cp js/node.d.ts "$pkg/node/index.d.ts"
printf '{\n  "type": "commonjs"\n}\n' >"$pkg/node/package.json"
sed "s/@VERSION@/$version/" js/package.json >"$pkg/package.json"
cp README.md "$pkg/README.md"
# The audit report's style sheet (the same text as auditCss()), for pages that show
# auditToHtml(…, { fragment: true }) under a Content-Security-Policy without inline styles.
cp "$repo/crates/nianbao/src/audit/audit.css" "$pkg/web/audit.css"
rm -f "$pkg"/*/.gitignore

# The web page loads the browser build from examples/web/nianbao/.
web="$repo/examples/web/nianbao"
rm -rf "$web"
cp -r "$pkg/web" "$web"

raw=$(wc -c <"$pkg/web/nianbao_bg.wasm")
gz=$(gzip -9 -c "$pkg/web/nianbao_bg.wasm" | wc -c)
log "package: $pkg (version $version)"
log "nianbao_bg.wasm: $raw bytes raw, $gz bytes gzip -9 (browser); $(wc -c <"$pkg/node/nianbao_bg.wasm") bytes raw (Node.js)"
