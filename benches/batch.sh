#!/usr/bin/env bash
# Batch figures for BENCHMARKS.md: the `nianbao` CLI over a dataset of N report files
# (copies of the repo's fixtures, every layout), on 1 and 2 threads, with wall time,
# reports/s, MB/s and peak memory (GNU time's maximum resident set size), beside a
# plain pass that reads every byte of every file (`cat | wc -c`).
#
# Usage: bash benches/batch.sh [N]   (default 2000 files)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
cargo build -q --release -p nianbao-cli
bin=target/release/nianbao
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
files=(tests/fixtures/*.txt tests/fixtures/*.md tests/fixtures/encodings/*.txt)
for i in $(seq 1 "$n"); do
  f=${files[$(( i % ${#files[@]} ))]}
  cp "$f" "$data/$i-$(basename "$f")"
done
bytes=$(cat "$data"/* | wc -c)
echo "dataset: $n files, $bytes bytes ($(( bytes / 1024 / 1024 )) MiB), machine: $(nproc) cores, $(uname -m)"
# the plain pass beside it: read every byte of every file (`cat | wc -c`, page cache
# warm); decoding every character costs 1.6–2 GiB/s more on top (`cargo bench`'s
# `plain` rows)
cat "$data"/* | wc -c >/dev/null
/usr/bin/time -q -f "%e" -o "$data.time" sh -c "cat '$data'/* | wc -c >/dev/null"
read -r secs <"$data.time"
awk -v b="$bytes" -v s="$secs" 'BEGIN { printf "plain pass (cat | wc -c): %.2f s, %.0f MB/s\n", s, b/s/1e6 }'
for threads in 1 2; do
  # warm the page cache, then measure
  "$bin" parse --jsonl -j "$threads" "$data" >/dev/null 2>&1 || true
  /usr/bin/time -q -f "%e %M" -o "$data.time" "$bin" parse --jsonl -j "$threads" "$data" >/dev/null 2>/dev/null || true
  read -r secs kb <"$data.time"
  awk -v n="$n" -v b="$bytes" -v s="$secs" -v kb="$kb" -v t="$threads" \
    'BEGIN { printf "threads=%d: %.2f s, %.0f reports/s, %.1f MB/s, peak RSS %.1f MiB\n", t, s, n/s, b/s/1e6, kb/1024 }'
done
rm -f "$data.time"
