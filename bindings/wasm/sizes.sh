#!/usr/bin/env bash
# Measure what each input kind of the core adds to the package's WebAssembly module:
# builds the browser's nianbao_bg.wasm exactly as build.sh does (profile wasm,
# wasm-bindgen --target web, wasm-opt -O3) with none of the features html, docx, gbk,
# pdf, with each alone, with all but pdf, and with all of them, and prints a Markdown
# table of raw and gzip -9 sizes (added: against none; the last row also against all
# but pdf).
#
#   bash bindings/wasm/sizes.sh            # after build.sh has installed the tools once
#
# Leaves pkg/ and examples/web/ alone (works in a temporary directory). Environment:
# CARGO_TARGET_DIR, NIANBAO_TOOLS, NIANBAO_OPT_LEVEL, NIANBAO_CORE_OPT_LEVEL,
# NIANBAO_WASM_OPT as for build.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tools="${NIANBAO_TOOLS:-$HOME/.cache/nianbao-tools}"
wasm_bindgen="$tools/bin/wasm-bindgen"
wasm_opt="$here/node_modules/.bin/wasm-opt"
if [ ! -x "$wasm_bindgen" ] || [ ! -x "$wasm_opt" ]; then
  echo "[sizes] tools missing: run bash bindings/wasm/build.sh once" >&2
  exit 1
fi
target_dir="$(bash "$repo/scripts/target-dir.sh")"
work="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-sizes.XXXXXX")"
trap 'rm -rf "$work"' EXIT

kb() { awk -v b="$1" 'BEGIN { printf "%.0f KB", b / 1000 }'; }
delta() { awk -v b="$1" -v base="$2" 'BEGIN { d = (b - base) / 1000; printf "%s%.0f KB", (d >= 0 ? "+" : "−"), (d >= 0 ? d : -d) }'; }

# shellcheck source=profile.sh
source "$here/profile.sh"

printf '| features | `nianbao_bg.wasm` raw | gzip -9 | raw added | gzip added |\n'
printf '|---|---|---|---|---|\n'
base_raw="" base_gz=""
prev_raw="" prev_gz=""
for features in "" html docx gbk pdf html,docx,gbk html,docx,gbk,pdf; do
  echo "[sizes] building with features '${features}'" >&2
  wasm_cargo_build wasm "${NIANBAO_OPT_LEVEL:-z}" "${NIANBAO_CORE_OPT_LEVEL:-s}" --quiet --no-default-features --features "$features" </dev/null
  out="$work/${features:-none}"
  "$wasm_bindgen" "$target_dir/wasm32-unknown-unknown/wasm/nianbao_wasm.wasm" --target web --out-dir "$out" --out-name nianbao
  wasm_shrink "$out/nianbao_bg.wasm"
  raw=$(wc -c <"$out/nianbao_bg.wasm")
  gz=$(gzip -9 -c "$out/nianbao_bg.wasm" | wc -c)
  if [ -z "$base_raw" ]; then base_raw=$raw base_gz=$gz; fi
  label="${features:-none (UTF-8/UTF-16 text only)}"
  [ "$features" = html,docx,gbk ] && label="html + docx + gbk (all but pdf)"
  [ "$features" = html,docx,gbk,pdf ] && label="html + docx + gbk + pdf (default)"
  if [ -z "$features" ]; then
    printf '| %s | %s | %s | — | — |\n' "$label" "$(kb "$raw")" "$(kb "$gz")"
  elif [ "$features" = html,docx,gbk,pdf ]; then
    printf '| %s | %s | %s | %s (pdf: %s) | %s (pdf: %s) |\n' "$label" "$(kb "$raw")" "$(kb "$gz")" \
      "$(delta "$raw" "$base_raw")" "$(delta "$raw" "$prev_raw")" "$(delta "$gz" "$base_gz")" "$(delta "$gz" "$prev_gz")"
  else
    printf '| %s | %s | %s | %s | %s |\n' "$label" "$(kb "$raw")" "$(kb "$gz")" "$(delta "$raw" "$base_raw")" "$(delta "$gz" "$base_gz")"
  fi
  prev_raw=$raw prev_gz=$gz
done
