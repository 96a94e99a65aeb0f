#!/usr/bin/env bash
# Build the Python binding the way users get it and test THAT: one abi3 wheel from
# `maturin build --release`, installed into a fresh virtualenv with its extras, then
# pytest over bindings/python/tests, then the Spark example in local mode
# (examples/spark, against the CLI's output for the same files).
#
# Usage: bindings/python/test.sh [pytest arguments…]      (from any directory)
# Environment:
#   NIANBAO_VENV    the virtualenv to (re)create (default: target/python-venv)
#   NIANBAO_PYTHON  the interpreter that creates it (default: python3; 3.10 or newer)
#   NIANBAO_SKIP    words; "spark" leaves the Spark test out (never when CI is set)
# Needs Python with venv/pip and a Rust toolchain; reaches PyPI (maturin, pytest, mypy,
# pyarrow, pandas, polars, pyspark: pip's cache keeps them) and, for Spark without a
# `java`, Debian's default-jre-headless. Exits non-zero when a test fails or none ran.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
venv=${NIANBAO_VENV:-$repo/target/python-venv}
python=${NIANBAO_PYTHON:-python3}
tools=${NIANBAO_TOOLS:-$HOME/.cache/nianbao-tools}
skip=" ${NIANBAO_SKIP:-} "
[ -n "${CI:-}" ] && skip=" "

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    echo "test.sh: $python is $("$python" --version 2>&1); nianbao needs Python 3.10 or newer" >&2
    exit 1
fi

echo "== maturin (cached in $tools/maturin-venv)"
if [ ! -x "$tools/maturin-venv/bin/maturin" ]; then
    mkdir -p "$tools"
    "$python" -m venv --clear "$tools/maturin-venv"
    "$tools/maturin-venv/bin/python" -m pip install --quiet "maturin>=1.9.4,<2"
fi

echo "== maturin build --release: one abi3 wheel (the first build takes a few minutes)"
wheels=$repo/target/wheels
rm -rf "$wheels"
"$tools/maturin-venv/bin/maturin" build --quiet --release -m "$here/Cargo.toml" -o "$wheels"
shopt -s nullglob
built=("$wheels"/nianbao-*-abi3-*.whl)
if [ "${#built[@]}" -ne 1 ]; then
    echo "test.sh: expected one abi3 wheel in $wheels, found: $(ls "$wheels")" >&2
    exit 1
fi
wheel=${built[0]}
echo "   $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"

echo "== a fresh virtualenv $venv with that wheel and its extras"
"$python" -m venv --clear "$venv"
py=$venv/bin/python
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet "$wheel[arrow,pandas,polars]" pytest mypy

echo "== the CLI (its JSON lines and Parquet are what the dataset tests compare with)"
# The debug build: `cargo test --workspace` (scripts/test.sh) has built it already.
cargo build --quiet -p nianbao-cli --manifest-path "$repo/Cargo.toml"
NIANBAO_CLI="$(bash "$repo/scripts/target-dir.sh" debug/nianbao)"
export NIANBAO_CLI

run_pytest() {
    local status=0
    "$py" -m pytest -p no:cacheprovider -q -rs "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        echo "test.sh: pytest collected no tests" >&2
        exit 1
    fi
    return "$status"
}

echo "== pytest (bindings/python/tests)"
cd "$here"
run_pytest "$@" tests

if [[ "$skip" == *" spark "* ]]; then
    echo "== Spark: skipped (NIANBAO_SKIP=spark)"
    exit 0
fi

echo "== Spark: Java and pyspark"
if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
    fi
fi
java -version 2>&1 | head -1
"$py" -m pip install --quiet "$wheel[spark]"

echo "== pytest examples/spark (local[2])"
cd "$repo"
run_pytest "$@" examples/spark
