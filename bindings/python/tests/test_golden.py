"""The golden corpus through the Python API: every ``NAME.expected.json`` of the
repository's fixtures and of ``../shared/corpus``, against every report file beside it
(any file whose name starts with ``NAME.``), compared through ``Report.to_dict()``.

The expected files use the keys of output-schema.md plus ``section_numbers``,
``expect_errors``, ``expect_failure`` and ``notes``; a key that is absent is not
checked (see shared/corpus/README.md).

Cells the text does not decide (glued digits that more than one split explains) are
left out of the expected tables and listed under ``ambiguous``: such a cell must be
``None`` with a warning that quotes the glued text (or names the row), or a value the
text itself decides that is one of its ``candidates`` and equals its ``true`` value
when the file knows it — the rule of the Rust golden test (``tests/golden.rs``,
``check_ambiguous``): see :func:`check_ambiguous`. The run counts the ``None`` ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import nianbao
from support import CORPUS, FIXTURES, synthetic_report

#: The report files read, all through ``parse_file`` (the core tells text, HTML, DOCX
#: and PDF apart and detects the encoding).
READ = {".txt", ".md", ".html", ".docx", ".pdf"}
#: Files that are refused with a ParseError of this code (none at present).
REFUSED: dict[str, str] = {}
#: Keys of the expected files that are not keys of the report.
META_KEYS = {"section_numbers", "expect_errors", "expect_failure", "notes", "ambiguous"}

#: Names of the part-二 rows, as the diagnostics print them (``表二“行政许可”行…``).
ROW_NAMES = {
    "regulations": "规章",
    "normative_documents": "规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}


@dataclass
class Tally:
    """What the golden run compared, for the summary at the end of the session."""

    reports: int = 0
    values: int = 0
    right: int = 0
    #: (report file, dotted path) of every ambiguous cell given as None with a warning.
    undecidable: list[tuple[str, str]] = field(default_factory=list)


#: Filled by the golden tests; printed by conftest.py at the end of the run.
TALLY = Tally()


def _cases() -> list[Any]:
    cases: list[Any] = []
    for root in (FIXTURES, CORPUS):
        if not root.is_dir():
            cases.append(pytest.param(None, None, id=f"{root.name}-absent",
                                      marks=pytest.mark.skip(reason=f"{root} is absent")))
            continue
        for expected in sorted(root.rglob("*.expected.json")):
            name = expected.name[: -len(".expected.json")]
            reports = sorted(
                p for p in expected.parent.iterdir()
                if p.name.startswith(name + ".") and p != expected
            )
            label = expected.relative_to(root.parent).as_posix()[: -len(".expected.json")]
            if not reports:  # an expected file must have its report beside it
                cases.append(pytest.param(expected, None, id=f"{label}-no-report"))
            for report in reports:
                cases.append(pytest.param(expected, report, id=f"{label}{report.name[len(name):]}"))
    return cases


def _same(want: Any, got: Any) -> bool:
    """Equal values, numbers compared numerically (7545 == 7545.0), bool only to bool."""
    if isinstance(want, bool) or isinstance(got, bool):
        return type(want) is type(got) and want == got
    if isinstance(want, (int, float)):
        return isinstance(got, (int, float)) and want == got
    return type(want) is type(got) and want == got


@dataclass
class Mismatch:
    """A value of the report that differs from the expected one."""

    path: str
    want: Any
    got: Any

    def __str__(self) -> str:
        return f"{self.path}: expected {self.want!r}, got {self.got!r}"


def diff(path: str, want: Any, got: Any, out: list[str | Mismatch],
         counts: list[int] | None = None) -> None:
    """Append to ``out`` every difference between the expected ``want`` and ``got``:
    every key of an expected object is compared, keys it lacks are not. A value that
    differs is a :class:`Mismatch`, a difference of shape a string. ``counts``, when
    given, is [values compared, values right]."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            out.append(f"{path}: expected an object, got {got!r}")
            return
        for key, inner in want.items():
            if key not in got:
                out.append(f"{path}.{key}: not in the report (keys: {sorted(got)})")
            else:
                diff(f"{path}.{key}", inner, got[key], out, counts)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            out.append(f"{path}: expected {want!r}, got {got!r}")
            return
        for i, (w, g) in enumerate(zip(want, got)):
            diff(f"{path}[{i}]", w, g, out, counts)
    else:
        same = _same(want, got)
        if counts is not None:
            counts[0] += 1
            counts[1] += same
        if not same:
            out.append(Mismatch(path, want, got))


def _at_path(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _quote(entry: dict[str, Any]) -> str:
    """What a warning about an undecided cell must quote: the glued digits as printed
    (the ``glued`` text from its first digit on), else the row's name."""
    glued = entry.get("glued")
    if isinstance(glued, str):
        first = next((i for i, c in enumerate(glued) if c.isascii() and c.isdigit()), 0)
        return glued[first:]
    row = entry["path"].split(".")[1] if entry["path"].count(".") >= 2 else ""
    return ROW_NAMES.get(row, "")


def check_ambiguous(entry: dict[str, Any], actual: dict[str, Any],
                    report: nianbao.Report) -> tuple[str | None, bool]:
    """One entry of ``ambiguous`` (a cell the text does not decide): the report gives
    ``None`` with a warning quoting the glued text (or naming the row), or a value that
    is one of the entry's ``candidates`` and equals its ``true`` value when given.
    Returns the problem, if any, and whether the cell was ``None``."""
    path = entry["path"]
    got = _at_path(actual, path)
    if got is None:
        quote = _quote(entry)
        warned = any(d.severity is nianbao.Severity.WARNING and quote in d.message
                     for d in report.diagnostics)
        return (None if warned else f"{path}: None without a warning quoting {quote!r}"
                " (ambiguous cell)"), True
    if "true" in entry and not _same(entry["true"], got):
        return f"{path}: ambiguous cell read as {got!r}, but the true value is {entry['true']!r}", False
    candidates = entry.get("candidates")
    if candidates is not None and not any(_same(c, got) for c in candidates):
        return f"{path}: ambiguous cell read as {got!r}, not one of {candidates!r}", False
    return None, False


def compare(expected: dict[str, Any], report: nianbao.Report,
            undecided: list[str] | None = None, counts: list[int] | None = None) -> list[str]:
    """Every way ``report`` differs from the expected file (empty when it matches).

    The cells listed under ``ambiguous`` are checked by :func:`check_ambiguous`; the
    paths of those given as ``None`` are appended to ``undecided`` when it is given.
    ``counts``, when given, is [values compared, values right]."""
    actual = report.to_dict()
    found: list[str | Mismatch] = []
    for key, want in expected.items():
        if key in META_KEYS:
            continue
        if key not in actual:
            found.append(f"{key}: not a key of the report")
        else:
            diff(key, want, actual[key], found, counts)
    problems: list[str] = [str(item) for item in found]
    for entry in expected.get("ambiguous", []):
        problem, none = check_ambiguous(entry, actual, report)
        if problem:
            problems.append(problem)
        elif none and undecided is not None:
            undecided.append(entry["path"])
    if "section_numbers" in expected:
        numbers = [s.number for s in report.sections]
        if numbers != expected["section_numbers"]:
            problems.append(f"section_numbers: expected {expected['section_numbers']}, got {numbers}")
    if "expect_errors" in expected:
        prefixes: list[str] = expected["expect_errors"]
        errors = [d.code for d in report.diagnostics_of(nianbao.Severity.ERROR)]
        for prefix in prefixes:
            if not any(code.startswith(prefix) for code in errors):
                problems.append(f"expect_errors: no error with a code starting {prefix!r} (errors: {errors})")
        for d in report.diagnostics_of(nianbao.Severity.ERROR):
            if not any(d.code.startswith(prefix) for prefix in prefixes):
                problems.append(f"expect_errors: unexpected error {d.code} at line {d.line}: {d.message}")
    return problems


@pytest.mark.parametrize(("expected_path", "report_path"), _cases())
def test_golden(expected_path: Path, report_path: Path | None) -> None:
    assert report_path is not None, f"{expected_path} has no report file beside it"
    suffix = report_path.suffix.lower()
    if suffix in REFUSED:
        with pytest.raises(nianbao.ParseError) as refused:
            nianbao.parse_file(report_path)
        assert refused.value.code == REFUSED[suffix], refused.value
        assert refused.value.path == str(report_path)
        return
    assert suffix in READ, f"{report_path.name}: unknown kind of report file (add {suffix} to READ or REFUSED)"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    if expected.get("expect_failure"):
        with pytest.raises(nianbao.ParseError) as failure:
            nianbao.parse_file(report_path)
        assert failure.value.code != "internal", failure.value
        return
    report = nianbao.parse_file(report_path)
    undecided: list[str] = []
    counts = [0, 0]
    problems = compare(expected, report, undecided, counts)
    TALLY.reports += 1
    TALLY.values += counts[0]
    TALLY.right += counts[1]
    label = f"{report_path.parent.name}/{report_path.name}"
    TALLY.undecidable.extend((label, path) for path in undecided)
    if undecided:
        print(f"{label}: {len(undecided)} ambiguous cell(s) left None"
              f" with a warning: {', '.join(undecided)}")
    assert not problems, f"{report_path.name}: {len(problems)} difference(s)\n" + "\n".join(problems)


def test_the_comparison_catches_differences() -> None:
    """The comparison itself: equal numbers of either type pass, anything else fails."""
    report = nianbao.Report.from_dict({
        "title": "某局2024年政府信息公开工作年度报告", "agency": "某局", "year": 2024,
        "published": None, "template": "2021", "sections": [],
        "active_disclosure": {
            "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_documents": {"issued": 0, "repealed": 0, "in_force": 1},
            "licensing": {"decisions": 1}, "penalty": {"decisions": 2},
            "coercion": {"decisions": 3}, "fees": {"amount": 7545},
        },
        "applications": None, "reviews": None, "processing_fees": None,
        "diagnostics": [{"code": "reviews.group_total", "severity": "error",
                         "message": "", "line": 1, "column": 1, "page": None}],
    })
    ok: dict[str, Any] = {"year": 2024.0, "active_disclosure": {"fees": {"amount": 7545.0}},
          "published": None, "section_numbers": [], "expect_errors": ["reviews"]}
    assert compare(ok, report) == []
    bad: dict[str, Any]
    for bad in ({"year": 2023}, {"published": "2025-01-01"}, {"applications": {}},
                {"active_disclosure": {"fees": {"amount": 7545.01}}},
                {"active_disclosure": {"regulations": {"issued": None}}},
                {"agency": None}, {"section_numbers": [1]}, {"expect_errors": []},
                {"expect_errors": ["reviews", "applications"]}, {"no_such_key": 1}):
        assert compare(bad, report), bad


def test_ambiguous_cells_pass_only_under_the_rule() -> None:
    """A cell listed under ``ambiguous`` passes as None only with a warning that quotes
    its glued digits, or as a value that is one of its candidates and its true value."""

    def report_with(penalty: dict[str, Any], *messages: str) -> nianbao.Report:
        data = synthetic_report("2019")
        data["active_disclosure"]["penalty"] = penalty
        data["diagnostics"] = [
            {"code": "cell.glued_ambiguous", "severity": "warning", "message": m,
             "line": 7, "column": 1, "page": None} for m in messages
        ]
        return nianbao.Report.from_dict(data)

    entry = {"path": "active_disclosure.penalty.change", "glued": "行政处罚2648-18538",
             "candidates": [-1, -18, -185], "true": -18}
    expected: dict[str, Any] = {
        "active_disclosure": {"penalty": {"previous_items": 2648}}, "ambiguous": [entry]
    }
    message = "表二“行政处罚”行的数字粘连为“2648-18538”，可拆分为 …，无法确定；第2个数值记为空"

    def outcome(report: nianbao.Report) -> tuple[list[str], list[str]]:
        undecided: list[str] = []
        return compare(expected, report, undecided), undecided

    none = {"previous_items": 2648, "change": None, "decisions": None}
    assert outcome(report_with(none, message)) == ([], ["active_disclosure.penalty.change"])
    assert outcome(report_with({**none, "change": -18}))[0] == []   # the true value
    refused = [
        report_with(none),                                            # no warning
        report_with(none, message.replace("2648-18538", "2648-1853")),  # other digits
        report_with({**none, "change": -185}, message),               # not the true value
        report_with({**none, "change": -3}, message),                 # not a candidate
    ]
    for report in refused:
        problems, _ = outcome(report)
        assert problems, report.diagnostics
    # a wrong cell elsewhere is never excused
    expected["applications"] = {"new_received": {"total": 10**9}}
    problems, undecided = outcome(report_with(none, message))
    assert len(problems) == 1 and problems[0].startswith("applications.new_received.total")
