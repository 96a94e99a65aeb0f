"""The functions of the package: thin wrappers over the native module."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Union

from . import _native
from ._errors import ParseError
from ._native import Diagnostic, Report

__all__ = [
    "columns",
    "input_warnings",
    "parse_bytes",
    "parse_file",
    "parse_files",
    "parse_many",
    "parse_report",
    "schema",
    "to_rows",
    "to_text",
]

Cell = Union[str, int, float, None]
"""One value of a flat row: text, a whole number, money (int or float), or None."""


def parse_report(text: str) -> Report:
    """Parse the text of a 政府信息公开工作年度报告.

    ``text`` is the report as any common converter delivers it (DOCX-to-text, pipe
    rows, markdown tables, ``pdftotext -layout``, flattened portal pages). The GIL is
    released while it is parsed.

    Returns the :class:`Report` with its diagnostics. Raises :class:`ParseError` when
    the text is empty, binary, too large, not such a report, or a report from before
    the 2019 template (see :attr:`ParseError.code`).

    Example::

        report = nianbao.parse_report(text)
        report.applications.new_received.total      # 4
    """
    if not isinstance(text, str):
        raise TypeError(
            f"parse_report() takes the text as str, not {type(text).__name__}"
            + (": use parse_bytes(data) for bytes, or parse_file(path) for a file"
               if isinstance(text, (bytes, bytearray, memoryview)) else "")
        )
    return _native.parse_report(text)


def _check_bytes(function: str, data: object) -> None:
    if not isinstance(data, bytes):
        raise TypeError(
            f"{function}() takes the bytes of a report as bytes, not {type(data).__name__}"
            + (": use parse_report(text) for text" if isinstance(data, str)
               else ": pass bytes(data)" if isinstance(data, (bytearray, memoryview)) else "")
        )


def parse_bytes(data: bytes) -> Report:
    """Parse a report given as bytes, as it was downloaded or read from a file.

    ``data`` is text in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030 — the
    encoding is detected, not assumed — or an HTML page, a DOCX file or a PDF file.
    HTML and DOCX are read into the tab-cell text layout first, a PDF into the text of
    its pages in columns; :func:`to_text` gives that text, to which the diagnostics'
    ``line`` / ``column`` refer (for a PDF, ``page`` gives the page too). The GIL is
    released while it is parsed.

    Raises :class:`ParseError`: ``"encoding"`` for bytes that are no text in those
    encodings; for a PDF ``"encrypted"`` (a password is needed), ``"scanned_pdf"`` (no
    text layer: OCR it first), ``"invalid_pdf"`` (damaged) or ``"pdf_limit"``;
    otherwise as :func:`parse_report`.

    Example::

        report = nianbao.parse_bytes(urllib.request.urlopen(url).read())
    """
    _check_bytes("parse_bytes", data)
    return _native.parse_bytes(data)


def to_text(data: bytes) -> str:
    """The text that :func:`parse_bytes` reads for ``data``: decoded text as it is, an
    HTML page or DOCX file in the tab-cell layout (one cell a line behind a tab, a
    blank line between rows), a PDF as the text of its pages in columns (cells apart by
    two or more spaces, a line holding only a form feed after each page). The
    diagnostics' ``line`` numbers refer to this text, so
    ``to_text(data).split("\n")[d.line - 1]`` is the line of diagnostic ``d``.

    Raises :class:`ParseError` as :func:`parse_bytes` does for bytes it cannot read
    (``"encoding"``, ``"empty"``, ``"too_large"``, ``"scanned_pdf"``, …).
    """
    _check_bytes("to_text", data)
    return _native.to_text(data)


def input_warnings(data: bytes) -> list[Diagnostic]:
    """The warnings the bytes of an input give of themselves, apart from their text:
    those :func:`parse_bytes` puts first among a report's warnings, for code that shows
    :func:`to_text`'s text to say them beside it. One today: ``input.truncated`` for a
    PDF that does not end with ``%%EOF`` (cut short, its last pages probably missing).
    Only the end of the bytes is read; bytes it cannot read give no warning here (they
    raise in :func:`to_text`).

    Example::

        text = nianbao.to_text(data)
        for w in nianbao.input_warnings(data):
            print(w.code, w.message)          # input.truncated PDF 文件不完整：…
    """
    _check_bytes("input_warnings", data)
    return _native.input_warnings(data)


def parse_file(path: str | os.PathLike[str]) -> Report:
    """Read a report file and parse it: what :func:`parse_bytes` does with the file's
    bytes (text in UTF-8, UTF-16 or GBK/GB18030, an HTML page, a DOCX or PDF file).

    The report's :attr:`Report.path` is ``path``. Raises :class:`ParseError` with
    ``path`` set (``"encoding"`` for a file that is no text in those encodings,
    ``"scanned_pdf"`` for a PDF without text, …) and ``OSError`` (``FileNotFoundError``,
    …) when the file cannot be read. Otherwise as :func:`parse_report`.
    """
    return _native.parse_file(path)


def parse_many(
    items: Iterable[str | bytes | os.PathLike[str]],
    threads: int | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> list[Report | ParseError | OSError]:
    """Parse many reports at once, on ``threads`` threads (default: every core), with
    the GIL released.

    Each item is the **text** of a report (a ``str``, as :func:`parse_report`), its
    **bytes** (``bytes``, as :func:`parse_bytes`), or the **path** of a file (an
    ``os.PathLike`` such as ``pathlib.Path``, as :func:`parse_file`). For files named
    by ``str`` (what ``glob.glob`` returns) use :func:`parse_files`: a ``str`` here is
    report text, and one that names an existing file gets a :class:`ParseError` saying
    so. Any other item raises ``TypeError`` before anything is parsed.

    Returns one result per item, in input order: the :class:`Report`, or, for an item
    that failed, the exception that :func:`parse_report` / :func:`parse_bytes` /
    :func:`parse_file` would have raised for it (a :class:`ParseError`, or an
    ``OSError`` for a file that cannot be read) — an instance in its place, not raised.
    Keep the reports with ``[r for r in results if isinstance(r, nianbao.Report)]``.

    ``progress``, if given, is called as ``progress(done, total)`` (the number of items
    parsed so far, and of items) about every 0.1 s while the batch runs, and once more
    with ``done == total`` at the end; an exception it raises stops the batch and is
    raised here. Ctrl-C stops a batch as well (``KeyboardInterrupt``): the threads
    finish the item in hand and take no other. With tqdm::

        with tqdm(total=len(texts)) as bar:
            results = nianbao.parse_many(texts, progress=lambda done, _: bar.update(done - bar.n))
    """
    return _native.parse_many(items, threads, progress)


def parse_files(
    paths: Iterable[str | os.PathLike[str]],
    threads: int | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> list[Report | ParseError | OSError]:
    """Read and parse report files, on ``threads`` threads (default: every core), with
    the GIL released: reading, decoding and parsing all happen outside Python.

    ``paths`` are ``str`` or ``os.PathLike`` (``glob.glob(...)``,
    ``pathlib.Path(...).glob(...)``); each file is read as :func:`parse_file` reads it
    (text in any of the encodings, HTML, DOCX).

    Returns one result per path, in input order: the :class:`Report` (its
    :attr:`Report.path` is the path), or the :class:`ParseError` (with ``path``) or
    ``OSError`` (with ``filename``) of a file that failed, as an instance in its place.
    :func:`to_arrow` / :func:`to_pandas` / :func:`to_polars` make a typed table of them,
    one row per path.

    ``progress(done, total)`` is called while the files are read and parsed, as in
    :func:`parse_many`, and Ctrl-C stops them.

    Example::

        paths = glob.glob("reports/**/*.pdf", recursive=True)
        results = nianbao.parse_files(paths, progress=lambda done, total: print(
            f"\r{done}/{total}", end="", flush=True))
        frame = nianbao.to_pandas(results)
    """
    return _native.parse_files(paths, threads, progress)


def to_rows(reports: Iterable[Report | Mapping[str, Any]]) -> list[dict[str, Cell]]:
    """One flat dict per report, keyed by the CLI's CSV column names (see
    :func:`columns`), ready for ``pandas.DataFrame(rows)``.

    Column names are dotted after the JSON keys (``applications.new_received.total``);
    every row has every column, ``None`` where the report does not give the value.
    Items are :class:`Report` objects or their JSON shape (``Report.to_dict()``, the
    CLI's JSON output). Raises ``TypeError`` for anything else (filter the exceptions
    out of :func:`parse_many`'s results first) and ``ValueError`` for a dict that does
    not have the shape of a report.
    """
    return _native.flat_rows(reports)


def columns() -> list[str]:
    """The column names of :func:`to_rows`, in the CLI's order (for an empty table:
    ``pandas.DataFrame(rows, columns=nianbao.columns())``)."""
    return _native.columns()


def schema() -> list[tuple[str, str]]:
    """The columns of the typed tables of :func:`to_arrow` (and of the CLI's
    ``--parquet``) as ``(name, type)``, in order: ``path``, the flat columns of
    :func:`columns`, ``error``, ``error_message`` and ``diagnostics``. The type is
    ``"int"`` (Int64), ``"money"`` (float64), ``"text"`` (string), ``"date"`` (date32)
    or ``"diagnostics"`` (a list of structs)."""
    return _native.schema()
