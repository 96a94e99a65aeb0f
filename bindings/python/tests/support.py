"""Where the test data is, and helpers shared by the tests."""

from __future__ import annotations

import itertools
import json
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nianbao

#: The repository: tests/ → bindings/python/ → bindings/ → repo.
REPO = Path(__file__).resolve().parents[3]
#: The repository's own fixtures: NAME.expected.json beside NAME.txt / NAME.md / ….
FIXTURES = REPO / "tests" / "fixtures"
#: The shared corpus of real reports (beside the repository, may be absent).
CORPUS = REPO.parent / "shared" / "corpus"

#: A fixture in the 2021 template without errors.
FIXTURE_2021 = FIXTURES / "qijiang-gongan-2024"
#: A fixture in the 2019 template whose part 三 is inconsistent.
FIXTURE_2019 = FIXTURES / "pingtan-shiyanqu-2020"
#: A fixture whose part 四 contradicts itself.
FIXTURE_ERRORS = FIXTURES / "hongze-quzhengfu-2023"


def expected(stem: Path) -> dict[str, Any]:
    """The expected values of a fixture (``STEM.expected.json``)."""
    return typing.cast(
        "dict[str, Any]",
        json.loads(stem.with_name(stem.name + ".expected.json").read_text(encoding="utf-8")),
    )


def report_file(stem: Path) -> Path:
    """The report file of a fixture (``STEM.txt``, ``STEM.layout.txt`` or ``STEM.md``)."""
    for suffix in (".txt", ".layout.txt", ".md"):
        path = stem.with_name(stem.name + suffix)
        if path.exists():
            return path
    raise FileNotFoundError(f"no report file for {stem}")


def synthetic_report(template: str) -> dict[str, Any]:
    """A report in the JSON shape with a different value in every cell, built from the
    model classes' annotated attributes (no parser needed): counts 1, 2, 3, …, money
    with decimals."""
    numbers = itertools.count(1)

    def value(tp: Any, name: str) -> Any:
        origin = typing.get_origin(tp)
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if origin is tuple:
            return []
        if args and set(args) == {int, float}:
            return next(numbers) + 0.25
        if len(args) == 1:
            return value(args[0], name)
        if len(args) > 1:  # ActiveDisclosure2021 | ActiveDisclosure2019
            wanted = {"2021": nianbao.ActiveDisclosure2021, "2019": nianbao.ActiveDisclosure2019}
            return value(wanted[template], name)
        if tp is int:
            return next(numbers) * (-1 if name == "change" else 1)
        if tp is str:
            return f"{name}-{next(numbers)}"
        if tp is nianbao.Template:
            return template
        hints = typing.get_type_hints(tp, vars(nianbao))
        assert hints, tp
        return {field: value(hint, field) for field, hint in hints.items()}

    report = typing.cast("dict[str, Any]", value(nianbao.Report, "report"))
    report["published"] = "2025-01-24"
    report["sections"] = [
        {"number": n, "heading": f"第{n}部分", "text": "正文", "line": 10 * n} for n in (1, 2, 3, 4, 5)
    ]
    report["diagnostics"] = [
        {"code": "applications.balance", "severity": "error", "message": "不平衡",
         "line": 120, "column": 2, "page": None},
        {"code": "reviews.group_total", "severity": "error", "message": "总计不符",
         "line": None, "column": None, "page": 3},
        {"code": "narrative.received", "severity": "warning", "message": "正文不符",
         "line": 8, "column": None, "page": None},
        {"code": "cell.unit", "severity": "info", "message": "单位", "line": 3, "column": 4,
         "page": None},
    ]
    return report


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) of every scalar under a dict."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{path}.{key}" if path else key)
    elif not isinstance(value, list):
        yield path, value
