"""The package's types, as a type checker sees the installed package: ``mypy
--strict`` over the package and these tests (which use the whole API), and
``stubtest`` of the native module's stub against the compiled module.

Needs mypy (``test.sh`` installs it); skipped without it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")

TESTS = Path(__file__).resolve().parent


def _run(tmp_path: Path, *args: str) -> None:
    # In a scratch directory, so that the caches stay out of the source tree.
    result = subprocess.run(
        [sys.executable, "-m", *args], cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_type_checks(tmp_path: Path) -> None:
    _run(tmp_path, "mypy", "--strict", "-p", "nianbao")


def test_the_api_in_use_type_checks(tmp_path: Path) -> None:
    _run(tmp_path, "mypy", "--strict", str(TESTS))


def test_native_stub_matches_the_module(tmp_path: Path) -> None:
    _run(tmp_path, "mypy.stubtest", "nianbao._native")
