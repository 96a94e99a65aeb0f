#!/usr/bin/env bash
# WebAssembly in Node against native Rust, report by report: every text report of the
# corpus (../shared/corpus, or NIANBAO_CORPUS) parsed by the built package
# (bench.mjs, parseReport, the report built as a JavaScript object) and by the native
# core (examples/timing.rs, parse_report), ROUNDS times in turn (default 2), the
# minimum of each kept. Prints a Markdown table of the minimums and their ratio.
# With NIANBAO_BASELINE_PKG=DIR (another build of the package, e.g. a copy of
# pkg/nianbao made before a change), that build is timed in the same rounds too, and
# the table gets its column and ratio beside the current build's.
#
#   bash bindings/wasm/build.sh            # once: the package
#   bash bindings/wasm/bench-corpus.sh [ROUNDS]
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="${NIANBAO_CORPUS:-$repo/../shared/corpus}"
rounds="${1:-2}"
[ -f "$here/pkg/nianbao/node/index.cjs" ] || { echo "bench-corpus: build the package first (bash bindings/wasm/build.sh)" >&2; exit 2; }
mapfile -t files < <(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) ! -name 'README.md' ! -name 'SOURCES.md' ! -name '*-raw.txt' | sort)
[ "${#files[@]}" -gt 0 ] || { echo "bench-corpus: no reports under $corpus" >&2; exit 2; }
cargo build --quiet --release --manifest-path "$repo/Cargo.toml" -p nianbao-wasm --example timing
timing="$(bash "$repo/scripts/target-dir.sh" release/examples/timing)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
baseline="${NIANBAO_BASELINE_PKG:-}"
[ -z "$baseline" ] || [ -f "$baseline/node/index.cjs" ] || { echo "bench-corpus: no node/index.cjs in NIANBAO_BASELINE_PKG=$baseline" >&2; exit 2; }
for r in $(seq "$rounds"); do
  "$timing" "${files[@]}" >>"$out/native"
  [ -z "$baseline" ] || NIANBAO_PKG="$baseline" node "$here/bench.mjs" "${files[@]}" >>"$out/baseline"
  node "$here/bench.mjs" "${files[@]}" >>"$out/node"
done
# "KIND  FILE …: median X ms, min Y ms …" → the least Y per file
mins() { awk '$2 != "all" { for (i = 3; i <= NF; i++) if ($i == "min") { v = $(i + 1); f = $2; sub(/:$/, "", f); sub(/.*\//, "", f); if (!(f in m) || v < m[f]) m[f] = v } } END { for (f in m) print f, m[f] }' "$1" | sort; }
if [ -n "$baseline" ]; then
  join <(mins "$out/native") <(mins "$out/baseline") | join - <(mins "$out/node") | awk '
    BEGIN { print "| report | native (ms) | Node, baseline (ms) | ratio | Node (ms) | ratio |"; print "|---|---|---|---|---|---|" }
    { printf "| %s | %.3f | %.3f | %.2f× | %.3f | %.2f× |\n", $1, $2, $3, $3 / $2, $4, $4 / $2; n += $2; b += $3; w += $4; k++ }
    END { printf "| **all %d** | %.3f | %.3f | **%.2f×** | %.3f | **%.2f×** |\n", k, n, b, b / n, w, w / n }'
  exit 0
fi
join <(mins "$out/native") <(mins "$out/node") | awk '
  BEGIN { print "| report | native (ms) | Node (ms) | ratio |"; print "|---|---|---|---|" }
  { printf "| %s | %.3f | %.3f | %.2f× |\n", $1, $2, $3, $3 / $2; n += $2; w += $3; k++ }
  END { printf "| **all %d** | %.3f | %.3f | **%.2f×** |\n", k, n, w, w / n }'
