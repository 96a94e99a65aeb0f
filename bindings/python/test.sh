#!/usr/bin/env bash
# Build and test the Python binding the way a user installs it:
#   a virtualenv, `pip install ./bindings/python` (maturin builds the Rust extension),
#   then pytest over bindings/python/tests.
#
# Usage: bindings/python/test.sh [pytest arguments…]      (from any directory)
# Environment:
#   NIANBAO_VENV    the virtualenv to use or create (default: bindings/python/.venv)
#   NIANBAO_PYTHON  the interpreter that creates it (default: python3; 3.10 or newer)
# Needs Python with venv/pip and a Rust toolchain; reaches PyPI for maturin, pytest, mypy
# and pandas. Exits non-zero when a test fails or when no test ran.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
venv=${NIANBAO_VENV:-$here/.venv}
python=${NIANBAO_PYTHON:-python3}

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    echo "test.sh: $python is $("$python" --version 2>&1); nianbao needs Python 3.10 or newer" >&2
    exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
    echo "== creating the virtualenv $venv"
    "$python" -m venv "$venv"
fi
py=$venv/bin/python

echo "== installing the test tools (maturin, pytest, mypy, pandas)"
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet "maturin>=1.9.4,<2" pytest mypy pandas

echo "== pip install ./bindings/python (cargo builds the extension; the first build takes a few minutes)"
cd "$repo"
"$py" -m pip install --quiet --force-reinstall --no-deps ./bindings/python

echo "== pytest"
cd "$here"
status=0
"$py" -m pytest -p no:cacheprovider -q -rs "$@" tests || status=$?
if [ "$status" -eq 5 ]; then
    echo "test.sh: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
