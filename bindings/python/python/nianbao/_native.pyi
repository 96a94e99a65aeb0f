"""Type stubs of the native module ``nianbao._native`` (built from ``src/lib.rs``).

It converts only: reports come out as plain dicts in the JSON shape of
``output-schema.md``, which ``nianbao.Report.from_dict`` turns into typed objects.
Use the functions of ``nianbao`` rather than these.
"""

import os
from collections.abc import Iterable, Mapping
from typing import Any

from ._errors import ParseError

__all__ = [
    "parse_report",
    "parse_bytes",
    "to_text",
    "parse_file",
    "parse_many",
    "flat_rows",
    "columns",
    "_internal_error_selftest",
    "audit",
    "audit_rows",
    "audit_columns",
    "audit_html",
    "audit_css",
    "MAX_INPUT_BYTES",
    "__version__",
]

__version__: str
MAX_INPUT_BYTES: int

def parse_report(text: str) -> dict[str, Any]:
    """Parse the text of a report (GIL released); raises ParseError."""

def parse_bytes(data: bytes) -> dict[str, Any]:
    """Parse the bytes of a report (UTF-8, UTF-16 or GBK/GB18030 text, HTML, DOCX;
    GIL released); raises ParseError."""

def to_text(data: bytes) -> str:
    """The text parse_bytes reads for ``data`` (HTML and DOCX in the tab-cell layout);
    raises ParseError."""

def parse_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a file and parse its bytes as parse_bytes does; raises ParseError or
    OSError."""

def parse_many(
    items: Iterable[str | bytes | os.PathLike[str]], threads: int | None = None
) -> list[dict[str, Any] | ParseError | OSError]:
    """Parse many texts (str), byte strings (bytes) and files (os.PathLike) on
    ``threads`` threads (default: every core) with the GIL released; one dict or
    exception instance per item, in input order."""

def flat_rows(reports: Iterable[Mapping[str, Any]]) -> list[dict[str, str | int | float | None]]:
    """The CLI's flat row of each report dict, keyed by column name."""

def columns() -> list[str]:
    """The column names of flat_rows, in order."""

def _internal_error_selftest() -> None:
    """Panics inside the guard of the core calls; raises ParseError(code='internal')."""

def audit(
    items: Iterable[tuple[str, Mapping[str, Any] | str | os.PathLike[str]]],
    hierarchy: str | Iterable[tuple[str, str]] | None = None,
    aliases: str | Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    text_reuse_threshold: float = 0.5,
    threads: int | None = None,
) -> tuple[dict[str, Any], list[tuple[int, ParseError | OSError]]]:
    """Audit (source, report dict or path) pairs; files are parsed on ``threads``
    threads with the GIL released. Returns the audit dict and, for each file that could
    not be parsed, (item index, exception). ``hierarchy`` and ``aliases`` are CSV text
    or pairs / a mapping."""

def audit_rows(audit: Mapping[str, Any]) -> list[dict[str, str | int | None]]:
    """One flat dict per finding of an audit dict, keyed by audit_columns()."""

def audit_columns() -> list[str]:
    """The column names of audit_rows, in order."""

def audit_html(audit: Mapping[str, Any], fragment: bool = False) -> str:
    """The readable HTML audit report of an audit dict."""

def audit_css() -> str:
    """The style sheet of the audit report."""
