#!/usr/bin/env bash
# Batch figures for BENCHMARKS.md: the `nianbao` CLI over a dataset of N report files
# (copies of the repo's fixtures, every layout), on 1 and 2 threads, with wall time,
# reports/s, MB/s and peak memory (GNU time's maximum resident set size), beside a
# plain pass that reads every byte of every file (`cat | wc -c`).
#
# Usage: bash benches/batch.sh [N] [RUNS]   (default 2000 files, 5 runs)
#
# Each thread count is timed RUNS times (after one run that warms the page cache), to
# the millisecond; the minimum and the median are printed (a run of half a second
# moves by a few per cent with the machine's other work). Peak memory is that of the
# last run.
#
# Environment:
#   NIANBAO_BASELINE_BIN  another `nianbao` binary (for example a release build of an
#                         earlier commit in a worktree): timed in turn with this one,
#                         run by run, on the same files, and its output compared with
#                         this one's (JSON lines and messages, byte for byte)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
runs=${2:-5}
baseline=${NIANBAO_BASELINE_BIN:-}
cargo build -q --release -p nianbao-cli
bin=$(bash scripts/target-dir.sh release/nianbao)
if [ -n "$baseline" ] && [ ! -x "$baseline" ]; then
  echo "batch.sh: NIANBAO_BASELINE_BIN=$baseline is not an executable" >&2
  exit 1
fi
data=$(mktemp -d)
trap 'rm -rf "$data" "$data".*' EXIT
files=(tests/fixtures/*.txt tests/fixtures/*.md tests/fixtures/encodings/*.txt)
for i in $(seq 1 "$n"); do
  f=${files[$(( i % ${#files[@]} ))]}
  cp "$f" "$data/$i-$(basename "$f")"
done
bytes=$(cat "$data"/* | wc -c)
echo "dataset: $n files, $bytes bytes ($(( bytes / 1024 / 1024 )) MiB), machine: $(nproc) cores, $(uname -m); $runs runs each"
cat "$data"/* | wc -c >/dev/null
/usr/bin/time -q -f "%e" -o "$data.time" sh -c "cat '$data'/* | wc -c >/dev/null"
read -r secs <"$data.time"
awk -v b="$bytes" -v s="$secs" 'BEGIN { printf "plain pass (cat | wc -c): %.2f s, %.0f MB/s\n", s, b/s/1e6 }'

# run BIN THREADS: one timed run; prints its wall time in ms and peak RSS in KiB
run() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -q -f "%M" -o "$data.rss" "$1" parse --jsonl -j "$2" "$data" >/dev/null 2>/dev/null || true
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(cat "$data.rss")"
}

# summary LABEL THREADS "MS..." KIB: minimum and median of the runs
summary() {
  printf '%s\n' $3 | sort -n | awk -v label="$1" -v t="$2" -v n="$n" -v b="$bytes" -v kb="$4" '
    { ms[NR] = $1 }
    END {
      med = (NR % 2) ? ms[(NR + 1) / 2] : (ms[NR / 2] + ms[NR / 2 + 1]) / 2
      printf "%sthreads=%d: min %.3f s, median %.3f s; %.0f reports/s, %.1f MB/s (min), %.1f MB/s (median), peak RSS %.1f MiB\n",
        label, t, ms[1] / 1000, med / 1000, n / (ms[1] / 1000), b / (ms[1] / 1000) / 1e6, b / (med / 1000) / 1e6, kb / 1024
    }'
}

for threads in 1 2; do
  # warm the page cache (and check that every file gives its line: a run that fails
  # at once would time as impossibly fast), then measure
  for b in "$bin" ${baseline:+"$baseline"}; do
    lines=$("$b" parse --jsonl -j "$threads" "$data" 2>/dev/null | wc -l) || true
    if [ "$lines" -ne "$n" ]; then
      echo "batch.sh: $b gave $lines JSON lines for $n files" >&2
      exit 1
    fi
  done
  times="" base_times="" kb=0 base_kb=0
  for _ in $(seq 1 "$runs"); do
    if [ -n "$baseline" ]; then
      read -r ms base_kb < <(run "$baseline" "$threads")
      base_times="$base_times $ms"
    fi
    read -r ms kb < <(run "$bin" "$threads")
    times="$times $ms"
  done
  if [ -n "$baseline" ]; then
    summary "baseline: " "$threads" "$base_times" "$base_kb"
  fi
  summary "" "$threads" "$times" "$kb"
done

if [ -n "$baseline" ]; then
  "$baseline" parse --jsonl -j 2 "$data" >"$data.base.out" 2>"$data.base.err" || true
  "$bin" parse --jsonl -j 2 "$data" >"$data.out" 2>"$data.err" || true
  if cmp -s "$data.base.out" "$data.out" && cmp -s "$data.base.err" "$data.err"; then
    echo "output: the same as the baseline's, byte for byte"
  else
    echo "output: DIFFERENT from the baseline's"
  fi
fi
