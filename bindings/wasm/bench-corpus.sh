#!/usr/bin/env bash
# WebAssembly in Node against native Rust, report by report: every text report of the
# corpus (../shared/corpus, or NIANBAO_CORPUS) parsed by the built package
# (bench.mjs, parseReport, the report built as a JavaScript object) and by the native
# core (examples/timing.rs, parse_report), ROUNDS times in turn (default 2), the
# minimum of each kept. Prints a Markdown table of the minimums and their ratio.
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
timing="${CARGO_TARGET_DIR:-$repo/target}/release/examples/timing"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for r in $(seq "$rounds"); do
  "$timing" "${files[@]}" >>"$out/native"
  node "$here/bench.mjs" "${files[@]}" >>"$out/node"
done
# "KIND  FILE …: median X ms, min Y ms …" → the least Y per file
mins() { awk '$2 != "all" { for (i = 3; i <= NF; i++) if ($i == "min") { v = $(i + 1); f = $2; sub(/:$/, "", f); sub(/.*\//, "", f); if (!(f in m) || v < m[f]) m[f] = v } } END { for (f in m) print f, m[f] }' "$1" | sort; }
join <(mins "$out/native") <(mins "$out/node") | awk '
  BEGIN { print "| report | native (ms) | Node (ms) | ratio |"; print "|---|---|---|---|" }
  { printf "| %s | %.3f | %.3f | %.2f× |\n", $1, $2, $3, $3 / $2; n += $2; w += $3; k++ }
  END { printf "| **all %d** | %.3f | %.3f | **%.2f×** |\n", k, n, w, w / n }'
