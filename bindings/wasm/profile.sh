# The wasm build's settings, in one place for build.sh and sizes.sh (sourced by both;
# needs $repo and, for wasm_shrink, $wasm_opt).
#
# A cargo profile of its own ("wasm" for the browser build, "wasm-node" for the
# Node.js one; both inherit release) so that these settings do not touch the
# workspace's native release builds: fat LTO, one codegen unit, panic = abort,
# stripped; for the browser, which downloads the module, opt-level z (build.sh:
# NIANBAO_OPT_LEVEL) but the core crate, where a parse spends its time, at s
# (NIANBAO_CORE_OPT_LEVEL: twice as fast as z for about 50 KB gzipped); for Node.js,
# which reads it from disk, everything at 3 (NIANBAO_NODE_OPT_LEVEL,
# NIANBAO_NODE_CORE_OPT_LEVEL: a fifth faster than the browser's module, 270 KB
# larger; see BENCHMARKS.md). WebAssembly SIMD (simd128) is on: memchr searches
# 16 bytes at a time and LLVM vectorises loops, for about 12 % less time per parse;
# every current browser and Node ≥ 16.4 runs it (Chrome 91, Firefox 89, Safari 16.4).
# A RUSTFLAGS in the environment replaces these target flags (cargo's order), and
# builds the module without SIMD.

# An opt-level as TOML: a number, or "s" / "z" quoted.
toml_opt_level() {
  case "$1" in
    [0-3]) printf '%s' "$1" ;;
    *) printf '"%s"' "$1" ;;
  esac
}

# wasm_cargo_build PROFILE OPT CORE_OPT [ARGS...]: `cargo build -p nianbao-wasm` for
# wasm32-unknown-unknown with cargo profile PROFILE (the settings above) at opt-level
# OPT, the core crate at CORE_OPT; ARGS (features, --quiet) are passed on. The module
# is then $target_dir/wasm32-unknown-unknown/PROFILE/nianbao_wasm.wasm.
wasm_cargo_build() {
  local profile="$1" core_opt opt
  opt="$(toml_opt_level "$2")"
  core_opt="$(toml_opt_level "$3")"
  shift 3
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128" \
    cargo build --manifest-path "$repo/Cargo.toml" -p nianbao-wasm "$@" \
    --target wasm32-unknown-unknown --profile "$profile" \
    --config "profile.$profile.inherits=\"release\"" \
    --config "profile.$profile.opt-level=$opt" \
    --config "profile.$profile.lto=\"fat\"" \
    --config "profile.$profile.codegen-units=1" \
    --config "profile.$profile.panic=\"abort\"" \
    --config "profile.$profile.debug=false" \
    --config "profile.$profile.strip=true" \
    --config "profile.$profile.package.nianbao.opt-level=$core_opt"
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
