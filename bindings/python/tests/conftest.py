"""Session summary of the golden corpus: reports and values compared, and the
ambiguous cells given as None with a warning (see test_golden.check_ambiguous)."""

from __future__ import annotations

import sys

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    golden = sys.modules.get("test_golden")
    tally = getattr(golden, "TALLY", None)
    if tally is None or not tally.reports:
        return
    terminalreporter.write_sep("-", "golden corpus")
    terminalreporter.write_line(
        f"{tally.reports} report files parsed, {tally.right}/{tally.values} expected values"
        f" right, {len(tally.undecidable)} ambiguous cells left None with a"
        " warning"
    )
    per_file: dict[str, int] = {}
    for name, _ in tally.undecidable:
        per_file[name] = per_file.get(name, 0) + 1
    for name, count in sorted(per_file.items()):
        terminalreporter.write_line(f"  {name}: {count}")
