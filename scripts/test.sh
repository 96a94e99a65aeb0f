#!/usr/bin/env bash
# Runs every test of nianbao: Rust (format, lints, unit, golden, identities,
# robustness, round-trip properties, fuzz regressions, the audit across reports, CLI), a
# short fuzzing run, PDFs made by Chromium and LibreOffice read as their sources, Python
# (pytest against the release wheel in a fresh venv, then the Spark example in local
# mode) and JavaScript (node --test against the packed npm package, then the web page —
# report and audit views — and the HTML audit report in a real Chromium).
#
# Works on a new machine: it installs what it needs (rustfmt/clippy components, the
# wasm target, maturin in a venv, wasm-bindgen-cli cached outside the clone, npm
# packages, Debian's chromium, libreoffice-writer-nogui and default-jre-headless,
# pyspark, cargo-fuzz). Set NIANBAO_SKIP="fuzz python spark wasm pdf-made libreoffice"
# to leave parts out of a local run ("spark", "pdf-made" and "libreoffice" are never
# skipped when CI is set).
set -euo pipefail
cd "$(dirname "$0")/.."
skip=" ${NIANBAO_SKIP:-} "

step() { printf '\n==== %s ====\n' "$*"; }

# A clean build in CI keeps no incremental cache and only line tables as debug info:
# the Rust tests' build then takes 1.2 GB of disk instead of 2.6 GB (and a little less
# time). Locally the usual dev profile stays, so `cargo test` by hand rebuilds nothing.
if [[ "${CI:-}" == true ]]; then
  export CARGO_INCREMENTAL=0
  export CARGO_PROFILE_DEV_DEBUG=line-tables-only
fi

# The whole run needs about 6 GB of free disk on a new machine: 4 GB in the clone
# (builds, the Python venv with Spark, npm packages), the rest for the packages, tools
# and caches it installs. A full disk shows up late and obscurely (a linker killed by
# SIGBUS), so say it first.
free_kb=$(df -Pk . | awk 'NR == 2 {print $4}')
if [[ -n "$free_kb" && "$free_kb" -lt 6000000 ]]; then
  echo "test.sh: warning: only $((free_kb / 1024)) MB free on $(df -P . | awk 'NR == 2 {print $6}');" \
    "a run on a new machine needs about 6 GB (a full disk makes the linker fail with a bus error)" >&2
fi

step "rust toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (Rust: unit, doc, golden corpus, identities, robustness, audit, CLI)"
cargo test --workspace

step "main job: parse and check the shipped example report"
cargo run -q --release --example check -p nianbao >/dev/null

step "PDFs made by Chromium and LibreOffice read as their sources"
bash scripts/pdf-made.sh

if [[ "$skip" != *" fuzz "* ]]; then
  step "fuzzing: a short run of each target (fuzz/README.md has the long run)"
  bash fuzz/run.sh "${NIANBAO_FUZZ_SECONDS:-30}"
fi

if [[ "$skip" != *" python "* ]]; then
  step "Python binding"
  bash bindings/python/test.sh
fi

if [[ "$skip" != *" wasm "* ]]; then
  step "JavaScript / WebAssembly binding and the web page"
  bash bindings/wasm/test.sh
fi

step "all tests passed"
