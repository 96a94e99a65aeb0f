"""Typed tables of many reports: Arrow, pandas, polars.

The columns and their types are the Rust crate's (``nianbao::flat::dataset_schema``,
:func:`nianbao.schema`); the native module lays each column out in Arrow's own memory
format, so no Python object is made per value. pyarrow, pandas and polars are optional
extras: ``pip install 'nianbao[arrow]'`` (``[pandas]``, ``[polars]``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import _native
from ._errors import ParseError
from ._native import Report

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped, import-not-found, unused-ignore]
    import polars  # type: ignore[import-not-found, unused-ignore]
    import pyarrow  # type: ignore[import-untyped, import-not-found, unused-ignore]

__all__ = ["arrow_schema", "to_arrow", "to_pandas", "to_polars"]

Result = Report | ParseError | OSError
"""One result of :func:`nianbao.parse_files` / :func:`nianbao.parse_many`."""

_EXTRA = {"pyarrow": "arrow", "pandas": "pandas", "polars": "polars"}


def _require(module: str, function: str) -> Any:
    """Import an optional dependency, or say how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f"nianbao.{function}() needs {module}, which is not installed: "
            f"pip install 'nianbao[{_EXTRA[module]}]' (or pip install {module})"
        ) from e


def _diagnostic_type(pa: Any) -> Any:
    return pa.list_(pa.struct([
        pa.field("code", pa.string()),
        pa.field("severity", pa.string()),
        pa.field("message", pa.string()),
        pa.field("line", pa.int64()),
        pa.field("column", pa.int64()),
        pa.field("page", pa.int64()),
    ]))


def _arrow_type(pa: Any, kind: str) -> Any:
    return {
        "int": pa.int64(),
        "money": pa.float64(),
        "text": pa.string(),
        "date": pa.date32(),
    }.get(kind) or _diagnostic_type(pa)


def arrow_schema() -> pyarrow.Schema:
    """The ``pyarrow.Schema`` of :func:`to_arrow`'s tables (and of the CLI's
    ``--parquet`` files): every column of :func:`nianbao.schema`, nullable."""
    pa = _require("pyarrow", "arrow_schema")
    return pa.schema([pa.field(name, _arrow_type(pa, kind)) for name, kind in _native.schema()])


def _array(pa: Any, kind: str, length: int, payload: Any) -> Any:
    if kind == "diagnostics":
        validity, nulls, offsets, count, fields = payload
        struct_type = _diagnostic_type(pa).value_type
        children = [_array(pa, "int" if pa.types.is_integer(field.type) else "text", count,
                           fields[field.name]) for field in struct_type]
        struct = pa.StructArray.from_arrays(children, fields=list(struct_type))
        return pa.Array.from_buffers(
            _diagnostic_type(pa), length, [_buffer(pa, validity), pa.py_buffer(offsets)],
            null_count=nulls, children=[struct])
    validity, nulls, buffers = payload
    return pa.Array.from_buffers(
        _arrow_type(pa, kind), length, [_buffer(pa, validity), *map(pa.py_buffer, buffers)],
        null_count=nulls)


def _buffer(pa: Any, data: bytes | None) -> Any:
    return None if data is None else pa.py_buffer(data)


def to_arrow(
    results: Iterable[Result],
    paths: Sequence[str | os.PathLike[str] | None] | None = None,
) -> pyarrow.Table:
    """A ``pyarrow.Table`` with one row per result of :func:`nianbao.parse_files` or
    :func:`nianbao.parse_many` (a :class:`Report`, or the :class:`ParseError` /
    ``OSError`` of an input that failed), in order.

    The columns are those of :func:`nianbao.schema`: ``path`` (the file, from
    :attr:`Report.path`, ``ParseError.path`` or ``OSError.filename``, or from
    ``paths`` when given: one per result), every flat column of :func:`nianbao.columns`
    typed — counts and years ``int64``, money ``float64``, text ``string``, the date of
    issue ``date32`` — then ``error`` and ``error_message`` (the error code, ``"io"``
    for an ``OSError``, and the message of a failed input; null for a report) and
    ``diagnostics`` (a list of ``{code, severity, message, line, column, page}``; null
    for a failed input). A value the report does not give is null, never 0 or NaN.

    Needs pyarrow (``pip install 'nianbao[arrow]'``).
    """
    pa = _require("pyarrow", "to_arrow")
    length, columns = _native._dataset(results, paths)
    arrays = [_array(pa, kind, length, payload) for _, kind, payload in columns]
    return pa.Table.from_arrays(arrays, schema=arrow_schema())


def to_pandas(
    results: Iterable[Result],
    paths: Sequence[str | os.PathLike[str] | None] | None = None,
) -> pandas.DataFrame:
    """:func:`to_arrow` as a ``pandas.DataFrame`` with nullable dtypes: ``Int64`` for
    counts and years (``pd.NA`` where the report gives nothing, never a float NaN),
    ``Float64`` for money, ``string`` for text, ``datetime64`` for ``published``;
    ``diagnostics`` holds lists of dicts.

    Needs pandas and pyarrow (``pip install 'nianbao[pandas]'``).
    """
    pd = _require("pandas", "to_pandas")
    pa = _require("pyarrow", "to_pandas")
    table = to_arrow(results, paths)
    dtypes = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
              pa.string(): pd.StringDtype()}
    return table.to_pandas(types_mapper=dtypes.get, date_as_object=False)


def to_polars(
    results: Iterable[Result],
    paths: Sequence[str | os.PathLike[str] | None] | None = None,
) -> polars.DataFrame:
    """:func:`to_arrow` as a ``polars.DataFrame`` (``Int64``, ``Float64``, ``String``,
    ``Date``; nulls where the report gives nothing).

    Needs polars and pyarrow (``pip install 'nianbao[polars]'``).
    """
    pl = _require("polars", "to_polars")
    frame: polars.DataFrame = pl.from_arrow(to_arrow(results, paths))
    return frame
