"""Datasets: parse_files over paths as glob gives them, typed tables (Arrow, pandas,
polars) whose every value is the report's, failed files as rows with their error, and
the hint for a file name passed to parse_many as text."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import nianbao
from support import FIXTURE_2021, FIXTURES, REPO, report_file

pa = pytest.importorskip("pyarrow")

#: Every report text of the fixtures, as glob gives them (str).
TEXT_FILES = sorted(glob.glob(str(FIXTURES / "*.txt")))
ARROW_TYPES = {"int": "int64", "money": "double", "text": "string", "date": "date32[day]"}


def at_path(data: Any, path: str) -> Any:
    for key in path.split("."):
        data = data.get(key) if isinstance(data, dict) else None
    return data


def expected_cell(report: nianbao.Report, column: str) -> Any:
    """What a column holds for a report, read off ``to_dict()`` (not off the flat rows
    that the table is built from)."""
    data = report.to_dict()
    errors = [d for d in data["diagnostics"] if d["severity"] == "error"]
    derived = {
        "sections": " ".join(str(s["number"]) for s in data["sections"]),
        "errors": len(errors),
        "warnings": sum(d["severity"] == "warning" for d in data["diagnostics"]),
        "error_codes": " ".join(d["code"] for d in errors),
        "error": None,
        "error_message": None,
        "diagnostics": data["diagnostics"],
    }
    return derived[column] if column in derived else at_path(data, column)


def test_parse_files_takes_str_and_pathlike_and_keeps_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    not_report = tmp_path / "notes.txt"
    not_report.write_text("今天天气很好。\n" * 20, encoding="utf-8")
    paths: list[str | os.PathLike[str]] = [TEXT_FILES[0], Path(TEXT_FILES[1]), missing, str(not_report)]
    results = nianbao.parse_files(paths, threads=2)
    assert len(results) == 4
    first, second, gone, refused = results
    assert isinstance(first, nianbao.Report) and first.path == TEXT_FILES[0]
    assert first == nianbao.parse_file(TEXT_FILES[0])
    assert isinstance(second, nianbao.Report) and second.path == TEXT_FILES[1]
    assert isinstance(gone, FileNotFoundError) and gone.filename == str(missing)
    assert isinstance(refused, nianbao.ParseError) and refused.code == "not_a_report"
    assert refused.path == str(not_report)
    # a report's path is not part of its value
    assert "path" not in first.to_dict()
    assert nianbao.Report.from_dict(first.to_dict()).path is None
    assert nianbao.parse_report(Path(TEXT_FILES[0]).read_text(encoding="utf-8")) == first


def test_parse_files_checks_its_arguments() -> None:
    with pytest.raises(TypeError, match="not one path"):
        nianbao.parse_files(TEXT_FILES[0])
    with pytest.raises(TypeError, match="not one path"):
        nianbao.parse_files(Path(TEXT_FILES[0]))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"item 1: expected a path .* got bytes; for the bytes"):
        nianbao.parse_files([TEXT_FILES[0], b"bytes"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="threads"):
        nianbao.parse_files(TEXT_FILES, threads=0)
    assert nianbao.parse_files([]) == []


def test_a_file_name_given_to_parse_many_as_text_says_to_use_parse_files() -> None:
    name = TEXT_FILES[0]
    [result] = nianbao.parse_many([name])
    assert isinstance(result, nianbao.ParseError)
    assert result.code == "not_a_report"
    assert "parse_files" in result.message and name in result.message
    # report text, and a str that names no file, behave as before
    [missing] = nianbao.parse_many([name + ".missing"])
    assert isinstance(missing, nianbao.ParseError) and "parse_files" not in missing.message
    [report] = nianbao.parse_many([Path(name).read_text(encoding="utf-8")])
    assert isinstance(report, nianbao.Report)


def test_arrow_table_has_the_typed_schema_and_every_value() -> None:
    results = nianbao.parse_files(TEXT_FILES)
    table = nianbao.to_arrow(results)
    schema = nianbao.schema()
    assert table.column_names == [name for name, _ in schema]
    assert table.column_names[0] == "path" and len(table.column_names) == len(nianbao.columns()) + 4
    for (name, kind), field in zip(schema, table.schema):
        if kind != "diagnostics":
            assert str(field.type) == ARROW_TYPES[kind], name
    assert table.schema.field("year").type == pa.int64()
    assert table.schema.field("applications.new_received.total").type == pa.int64()
    assert table.schema.field("published").type == pa.date32()
    assert table.schema.field("active_disclosure.fees.amount").type == pa.float64()
    assert table.num_rows == len(TEXT_FILES)
    rows = table.to_pylist()
    compared = 0
    for path, result, row in zip(TEXT_FILES, results, rows):
        assert row["path"] == path
        if not isinstance(result, nianbao.Report):
            assert isinstance(result, nianbao.ParseError)
            assert (row["error"], row["error_message"]) == (result.code, result.message)
            assert row["diagnostics"] is None and row["year"] is None
            continue
        for name, kind in schema[1:]:
            want = expected_cell(result, name)
            got = row[name]
            if kind == "date" and want is not None:
                got = got.isoformat()
            assert got == want and (want is None or kind != "int" or type(got) is int), (path, name)
            compared += 1
    failed = [r for r in rows if r["error"] is not None]
    assert [r["error"] for r in failed] == ["pre_2019_template"]
    assert compared == (len(rows) - len(failed)) * (len(schema) - 1)


def test_arrow_nulls_are_nulls_not_zero() -> None:
    report = nianbao.parse_file(report_file(FIXTURE_2021))
    table = nianbao.to_arrow([report])
    # the 2019 template's part-二 cells do not exist in a 2021 report
    column = table.column("active_disclosure.licensing.previous_items")
    assert column.null_count == 1 and column.type == pa.int64()
    assert table.column("processing_fees.notified_count").null_count == 1


def test_arrow_paths_and_failures() -> None:
    results = nianbao.parse_many([b"", report_file(FIXTURE_2021).read_bytes()])
    table = nianbao.to_arrow(results, paths=["a.txt", Path("b.txt")])
    assert table.column("path").to_pylist() == ["a.txt", "b.txt"]
    assert table.column("error").to_pylist() == ["empty", None]
    assert table.column("agency").to_pylist()[1] == "重庆市綦江区公安局"
    missing = nianbao.parse_files(["/nonexistent/nianbao.txt"])
    row = nianbao.to_arrow(missing).to_pylist()[0]
    assert (row["path"], row["error"]) == ("/nonexistent/nianbao.txt", "io")
    assert "No such file" in row["error_message"]
    with pytest.raises(ValueError, match="one path per result"):
        nianbao.to_arrow(results, paths=["a.txt"])
    with pytest.raises(TypeError, match="item 0: expected a nianbao.Report"):
        nianbao.to_arrow([{"title": None}])  # type: ignore[list-item]
    empty = nianbao.to_arrow([])
    assert empty.num_rows == 0 and empty.schema == nianbao.to_arrow(results).schema


def test_pandas_has_nullable_dtypes() -> None:
    pd = pytest.importorskip("pandas")
    frame = nianbao.to_pandas(nianbao.parse_files(TEXT_FILES))
    assert str(frame["year"].dtype) == "Int64"
    assert str(frame["applications.new_received.total"].dtype) == "Int64"
    assert str(frame["active_disclosure.fees.amount"].dtype) == "Float64"
    assert isinstance(frame["path"].dtype, pd.StringDtype)
    assert frame["published"].dtype.kind == "M"
    # a count the report does not give is <NA>, not NaN; the others stay integers
    assert frame["active_disclosure.licensing.previous_items"].isna().all()
    assert frame["year"].dropna().map(type).eq(int).all()


def test_polars_has_typed_columns() -> None:
    pl = pytest.importorskip("polars")
    frame = nianbao.to_polars(nianbao.parse_files(TEXT_FILES))
    assert frame.schema["year"] == pl.Int64
    assert frame.schema["published"] == pl.Date
    assert frame.schema["active_disclosure.fees.amount"] == pl.Float64
    assert frame.height == len(TEXT_FILES)


def test_the_issue_command_shows_nullable_integers_and_a_path_column() -> None:
    pytest.importorskip("pandas")
    command = ("import nianbao, glob; print(nianbao.to_pandas(nianbao.parse_files("
               "glob.glob('tests/fixtures/*.txt'))).dtypes)")
    out = subprocess.run([sys.executable, "-c", command], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    # pandas' string dtype (pandas 2 names its storage: string[python])
    assert re.search(r"^path\s+string(\[\w+\])?$", out, re.M), out
    assert re.search(r"^year\s+Int64$", out, re.M), out
    assert re.search(r"^applications\.new_received\.total\s+Int64$", out, re.M) or "..." in out


def test_a_missing_extra_is_a_clear_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"pip install 'nianbao\[arrow\]'"):
        nianbao.to_arrow([])
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match=r"needs polars.*nianbao\[polars\]"):
        nianbao.to_polars([])


def test_the_cli_parquet_file_has_the_same_schema(tmp_path: Path) -> None:
    """The CLI's --parquet (NIANBAO_CLI: the binary, set by test.sh) writes what
    to_arrow builds: the same schema, the same rows."""
    cli = os.environ.get("NIANBAO_CLI")
    if not cli:
        if os.environ.get("CI"):
            pytest.fail("NIANBAO_CLI is not set: test.sh builds the CLI and sets it")
        pytest.skip("NIANBAO_CLI (the nianbao binary) is not set")
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    run = subprocess.run([cli, "parse", "--parquet", str(out), *TEXT_FILES],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 2, run.stderr  # the report from 2011 is refused
    from_cli = parquet.read_table(out)
    ours = nianbao.to_arrow(nianbao.parse_files(TEXT_FILES))
    assert from_cli.schema == ours.schema
    assert from_cli.to_pylist() == ours.to_pylist()
