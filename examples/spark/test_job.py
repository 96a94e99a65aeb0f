"""The Spark job in local mode (``local[2]``) over the whole ``../shared/corpus`` (else
``tests/fixtures``): every row it writes equals the CLI's JSON lines for the same file,
its reports table has the typed schema of ``nianbao.arrow_schema()`` and holds what the
CLI's ``--parquet`` holds, and the diagnostics table has one row per diagnostic.

Needs pyspark, Java, and the CLI binary in ``NIANBAO_CLI`` (``bindings/python/test.sh``
sets them up). Run: ``pytest examples/spark``.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyspark")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402

import nianbao  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SOURCE = (CORPUS if CORPUS.is_dir() else REPO / "tests" / "fixtures").resolve()

sys.path.insert(0, str(HERE))
import nianbao_job  # noqa: E402


def cli() -> str:
    path = os.environ.get("NIANBAO_CLI")
    assert path, "NIANBAO_CLI must name the nianbao binary (bindings/python/test.sh sets it)"
    return path


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the job once: local[2], the executors on this interpreter."""
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    out = tmp_path_factory.mktemp("spark")
    spark = (SparkSession.builder.master("local[2]").appName("nianbao-test")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "2")
             .getOrCreate())
    try:
        nianbao_job.run(spark, str(SOURCE), str(out), partitions=2)
    finally:
        spark.stop()
    return out


def spark_rows(output: Path) -> dict[str, dict[str, Any]]:
    rows = pq.read_table(output / "reports").to_pylist()
    by_path = {row["path"].removeprefix("file:"): row for row in rows}
    assert len(by_path) == len(rows)
    return by_path


def cli_lines() -> dict[str, dict[str, Any]]:
    run = subprocess.run([cli(), "parse", "--jsonl", str(SOURCE)], capture_output=True,
                         text=True, check=False)
    assert run.returncode in (0, 2), run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    return {line["file"]: line for line in lines}


def at_path(data: Any, path: str) -> Any:
    for key in path.split("."):
        data = data.get(key) if isinstance(data, dict) else None
    return data


def expected(line: dict[str, Any], column: str) -> Any:
    """What a column must hold for a file, read off its CLI JSON line."""
    report = line.get("report")
    if report is None:
        error = line["error"]
        return {"error": error["code"], "error_message": error["message"]}.get(column)
    errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
    derived = {
        "sections": " ".join(str(s["number"]) for s in report["sections"]),
        "errors": len(errors),
        "warnings": sum(d["severity"] == "warning" for d in report["diagnostics"]),
        "error_codes": " ".join(d["code"] for d in errors),
        "error": None,
        "error_message": None,
        "diagnostics": report["diagnostics"],
    }
    if column in derived:
        return derived[column]
    value = at_path(report, column)
    if column == "published" and value is not None:
        return datetime.date.fromisoformat(value)
    return value


def test_every_row_equals_the_cli_jsonl(output: Path) -> None:
    rows = spark_rows(output)
    lines = cli_lines()
    assert sorted(rows) == sorted(lines), "the job and the CLI read the same files"
    assert len(rows) >= 15
    kinds = dict(nianbao.schema()[1:])
    columns = list(kinds)
    compared = 0
    for path, line in lines.items():
        row = rows[path]
        for column in columns:
            want = expected(line, column)
            got = row[column]
            assert got == want, f"{path}: {column}: Spark {got!r}, CLI {want!r}"
            if want is not None:  # counts stay integers, money is a double
                assert type(got) is {"int": int, "money": float}.get(kinds[column], type(got))
            compared += 1
    assert compared == len(lines) * len(columns)
    assert sum(line.get("report") is not None for line in lines.values()) >= 10


def test_the_reports_table_has_the_typed_schema(output: Path) -> None:
    written = pq.read_schema(next((output / "reports").glob("*.parquet")))
    want = nianbao.arrow_schema()
    assert written.names == want.names
    for field in want:
        got = written.field(field.name).type
        if pa.types.is_list(field.type):  # Spark names the list item "element"
            assert pa.types.is_list(got) and got.value_type == field.type.value_type
        else:
            assert got == field.type, field.name


def test_the_rows_are_the_cli_parquet_rows(output: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.parquet"
    run = subprocess.run([cli(), "parse", "--parquet", str(out), str(SOURCE)],
                         capture_output=True, text=True, check=False)
    assert run.returncode in (0, 2), run.stderr
    from_cli = {row["path"]: row for row in pq.read_table(out).to_pylist()}
    rows = spark_rows(output)
    assert sorted(from_cli) == sorted(rows)
    for path, row in rows.items():
        assert {**row, "path": path} == from_cli[path], path


def test_the_diagnostics_table_has_one_row_per_diagnostic(output: Path) -> None:
    table = pq.read_table(output / "diagnostics")
    assert table.column_names == ["path", "code", "severity", "message", "line", "column", "page"]
    got = sorted((r["path"].removeprefix("file:"), r["code"], r["message"], r["line"])
                 for r in table.to_pylist())
    want = sorted((path, d["code"], d["message"], d["line"])
                  for path, line in cli_lines().items()
                  for d in (line.get("report") or {}).get("diagnostics", []))
    assert got == want
    assert len(want) > 20
