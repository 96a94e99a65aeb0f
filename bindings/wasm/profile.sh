# The wasm build's settings, in one place for build.sh and sizes.sh (sourced by both;
# needs $repo and, for wasm_shrink, $wasm_opt).
#
# A cargo profile of its own ("wasm", inheriting release) so that the size settings do
# not touch the workspace's native release builds: opt-level NIANBAO_OPT_LEVEL
# (default z), fat LTO, one codegen unit, panic = abort, stripped; the core crate,
# where a parse spends its time, at NIANBAO_CORE_OPT_LEVEL (default s: twice as fast
# as z for about 50 KB gzipped, see BENCHMARKS.md). WebAssembly SIMD (simd128) is on:
# memchr searches 16 bytes at a time and LLVM vectorises loops, for about 12 % less
# time per parse; every current browser and Node ≥ 16.4 runs it (Chrome 91, Firefox 89,
# Safari 16.4). A RUSTFLAGS in the environment replaces these target flags (cargo's
# order), and builds the module without SIMD.

# `cargo build -p nianbao-wasm` for wasm32-unknown-unknown with that profile; the
# arguments (features, --quiet) are passed on.
wasm_cargo_build() {
  local core_opt="${NIANBAO_CORE_OPT_LEVEL:-s}"
  # a number, or "s" / "z" (a TOML string)
  case "$core_opt" in
    [0-3]) core_opt="opt-level=$core_opt" ;;
    *) core_opt="opt-level=\"$core_opt\"" ;;
  esac
  CARGO_PROFILE_WASM_INHERITS=release \
  CARGO_PROFILE_WASM_OPT_LEVEL="${NIANBAO_OPT_LEVEL:-z}" \
  CARGO_PROFILE_WASM_LTO=fat \
  CARGO_PROFILE_WASM_CODEGEN_UNITS=1 \
  CARGO_PROFILE_WASM_PANIC=abort \
  CARGO_PROFILE_WASM_DEBUG=false \
  CARGO_PROFILE_WASM_STRIP=true \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128" \
    cargo build --manifest-path "$repo/Cargo.toml" -p nianbao-wasm "$@" \
    --target wasm32-unknown-unknown --profile wasm \
    --config "profile.wasm.package.nianbao.$core_opt"
}

# wasm-opt FILE in place, at NIANBAO_WASM_OPT (default -O3: 2-3 % faster than -Oz
# and, gzipped, no larger; see BENCHMARKS.md). Rust's default wasm features (bulk
# memory, sign-ext, non-trapping float-to-int, multivalue, reference types, mutable
# globals) and SIMD must be allowed explicitly.
wasm_shrink() {
  "$wasm_opt" "$1" -o "$1" "${NIANBAO_WASM_OPT:--O3}" --strip-debug --strip-producers \
    --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-multivalue --enable-reference-types --enable-mutable-globals --enable-simd
}

# The JavaScript snippets that wasm-bindgen copied into DIR/snippets (ES modules, as
# the browser build imports them) as CommonJS, as the Node.js build's glue requires
# them: each `export function NAME` becomes `function NAME` and
# `module.exports.NAME = NAME`. Fails when a snippet exports anything else.
commonjs_snippets() {
  local f names
  while IFS= read -r -d '' f; do
    if grep -Eq '^export ' "$f" && grep -E '^export ' "$f" | grep -Eqv '^export function [A-Za-z_$][A-Za-z0-9_$]*\('; then
      echo "commonjs_snippets: $f exports something other than functions" >&2
      return 1
    fi
    names=$(sed -nE 's/^export function ([A-Za-z_$][A-Za-z0-9_$]*)\(.*/\1/p' "$f")
    sed -i -E 's/^export function /function /' "$f"
    printf '"use strict";\n' | cat - "$f" >"$f.tmp" && mv "$f.tmp" "$f"
    for name in $names; do printf 'module.exports.%s = %s;\n' "$name" "$name" >>"$f"; done
  done < <(find "$1/snippets" -name '*.js' -print0 2>/dev/null)
}
