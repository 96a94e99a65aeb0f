#!/usr/bin/env bash
# Fuzz every target for a while: the short run CI calls (a minute or two a target).
#
# Usage: fuzz/run.sh [SECONDS] [LIBFUZZER_ARGS...]
#   SECONDS          fuzzing time per target (default 60), not counting the build
#   LIBFUZZER_ARGS   passed on to libFuzzer (e.g. -fork=2 -ignore_crashes=1)
#
# Environment:
#   FUZZ_TARGETS     targets to run (default: "parse_report parse_bytes parse_pdf")
#   FUZZ_SANITIZER   none (default) or address
#   NIANBAO_TOOLS    where cargo-fuzz is installed (default ~/.cache/nianbao-tools)
#   CARGO_TARGET_DIR build directory (default fuzz/target)
#
# Only a stable toolchain is needed: cargo-fuzz passes nightly-only flags (-Z…,
# sanitizer coverage), which stable rustc and cargo accept with RUSTC_BOOTSTRAP=1.
# Exits non-zero when a target crashed, hung or ran out of memory; the input is in
# fuzz/artifacts/<target>/ (see fuzz/README.md for what to do with it).
set -euo pipefail

secs=${1:-60}
shift || true
here=$(cd "$(dirname "$0")" && pwd)
tools=${NIANBAO_TOOLS:-$HOME/.cache/nianbao-tools}
targets=${FUZZ_TARGETS:-parse_report parse_bytes parse_pdf}
sanitizer=${FUZZ_SANITIZER:-none}
export PATH="$tools/bin:$PATH"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "run.sh: installing cargo-fuzz into $tools"
  cargo install cargo-fuzz --locked --root "$tools"
fi

bash "$here/seed.sh"
cd "$here"
echo "run.sh: building the fuzz targets (sanitizer: $sanitizer)"
cargo fuzz build --sanitizer "$sanitizer"

failed=()
for t in $targets; do
  echo "run.sh: fuzzing $t for ${secs}s"
  mkdir -p "artifacts/$t"
  if ! cargo fuzz run --sanitizer "$sanitizer" "$t" -- \
    -max_total_time="$secs" \
    -dict="$here/nianbao.dict" \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -print_final_stats=1 \
    "$@"; then
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run.sh: FAILED: ${failed[*]}" >&2
  for t in "${failed[@]}"; do
    ls -1 "artifacts/$t" >&2 || true
    echo "  reproduce: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s $sanitizer $t artifacts/$t/<file>)" >&2
  done
  exit 1
fi
echo "run.sh: every target ran ${secs}s without a crash"
