#!/usr/bin/env bash
# Spark figures for BENCHMARKS.md: the Spark example (examples/spark) in local mode on
# 2 cores beside the CLI on 2 threads, over the same N-file copy of ../shared/corpus
# (every report file: text, markdown, HTML, DOCX; cycled), page cache warm.
#
# Usage: bash benches/spark.sh [N]   (default 10000 files)
# Needs the venv of bindings/python/test.sh (target/python-venv, with the spark extra)
# and Java; builds the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
py=${NIANBAO_VENV:-target/python-venv}/bin/python
cargo build -q --release -p nianbao-cli
bin=$(bash scripts/target-dir.sh release/nianbao)
data=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$data" "$out"' EXIT
mapfile -t files < <(find ../shared/corpus -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.docx' \) ! -name 'README.md' ! -name 'SOURCES.md' | sort)
for i in $(seq 1 "$n"); do
  f=${files[$(( i % ${#files[@]} ))]}
  cp "$f" "$data/$i-$(basename "$f")"
done
bytes=$(cat "$data"/* | wc -c)
echo "dataset: $n files from ${#files[@]} corpus files, $bytes bytes ($(( bytes / 1024 / 1024 )) MiB); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$data"/* >/dev/null
rate() { awk -v n="$n" -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f s, %.0f files/s, %.1f MB/s", s, n/s, b/s/1e6 }'; }
for mode in jsonl parquet; do
  start=$(date +%s.%N)
  if [ "$mode" = jsonl ]; then "$bin" parse --jsonl -j 2 "$data" >/dev/null 2>&1 || true
  else "$bin" parse --parquet "$out/cli.parquet" -j 2 "$data" >/dev/null 2>&1 || true; fi
  end=$(date +%s.%N)
  echo "CLI --$mode, 2 threads: $(rate "$(echo "$end - $start" | bc)")"
done
PYSPARK_PYTHON=$py PYSPARK_DRIVER_PYTHON=$py "$py" - "$data" "$out" "$n" "$bytes" <<'PY'
import sys, time
sys.path.insert(0, "examples/spark")
import nianbao_job
from pyspark.sql import SparkSession
data, out, n, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
t0 = time.perf_counter()
spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
         .config("spark.sql.shuffle.partitions", "2").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
t1 = time.perf_counter()
for attempt in ("first", "warm"):
    start = time.perf_counter()
    nianbao_job.run(spark, data, f"{out}/spark-{attempt}", partitions=2)
    s = time.perf_counter() - start
    rows = spark.read.parquet(f"{out}/spark-{attempt}/reports").count()
    assert rows == n, rows
    print(f"Spark local[2], {attempt} run (reports + diagnostics tables): {s:.1f} s,"
          f" {n / s:.0f} files/s, {size / s / 1e6:.1f} MB/s")
print(f"Spark session start: {t1 - t0:.1f} s")
spark.stop()
PY
