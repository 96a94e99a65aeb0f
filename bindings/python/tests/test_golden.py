"""The golden corpus through the Python API: every ``NAME.expected.json`` of the
repository's fixtures and of ``../shared/corpus``, against every report file beside it
(any file whose name starts with ``NAME.``), compared through ``Report.to_dict()``.

The expected files use the keys of output-schema.md plus ``section_numbers``,
``expect_errors``, ``expect_failure`` and ``notes``; a key that is absent is not
checked (see shared/corpus/README.md).

Undecidable glued digits: on a flattened page whose digits are glued
(``行政许可3960181``) and where more than one split satisfies the table's identities,
the parser leaves the cells ``None`` with a ``cell.glued_ambiguous`` warning, never a
guess, while an expected file may hold the values read from another copy of the report.
Such a cell passes under the rule of the Rust golden test (``tests/golden.rs``,
``undecidable``) and nothing looser: see :func:`undecidable`. The run counts them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import nianbao
from support import CORPUS, FIXTURES, synthetic_report

#: The report files read, all through ``parse_file`` (the core tells text, HTML and
#: DOCX apart and detects the encoding).
READ = {".txt", ".md", ".html", ".docx"}
#: Files that are refused with a ParseError of this code: a PDF's text is
#: NAME.layout.txt beside it (``pdftotext -layout``), which is read.
REFUSED = {".pdf": "unsupported"}
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
#: The columns of the part-二 tables in table order (both templates).
COLUMN_ORDER = ("issued", "repealed", "in_force", "made", "published", "total_published",
                "previous_items", "change", "decisions", "items", "amount")


@dataclass
class Tally:
    """What the golden run compared, for the summary at the end of the session."""

    reports: int = 0
    values: int = 0
    right: int = 0
    #: (report file, dotted path) of every undecidable glued cell accepted as None.
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
        if got is None:  # a row left None: every cell of it is None (as tests/golden.rs)
            for key, inner in want.items():
                diff(f"{path}.{key}", inner, None, out, counts)
            return
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


def _digits(text: str) -> str:
    return "".join(c for c in text if c in "0123456789")


def undecidable(mismatch: Mismatch, expected: dict[str, Any], report: nianbao.Report) -> bool:
    """Whether ``mismatch`` is a part-二 cell the parser declared undecidable.

    The rule of the Rust golden test (``tests/golden.rs``, ``undecidable``), exactly:
    the cell is ``active_disclosure.ROW.KEY``, the report has ``None`` there, and the
    report has a ``cell.glued_ambiguous`` diagnostic whose message starts with
    ``表二“{row name}”行`` and whose glued digits (``粘连为“…”``) begin with the expected
    values of the row, in table column order, written one after another as digits.
    """
    parts = mismatch.path.split(".")
    if len(parts) != 3 or parts[0] != "active_disclosure" or mismatch.got is not None:
        return False
    row = parts[1]
    name = ROW_NAMES.get(row)
    cells = expected.get("active_disclosure", {}).get(row)
    if name is None or not isinstance(cells, dict):
        return False
    # the JSON text of each expected value (as serde_json prints it), digits only
    want = "".join(_digits(json.dumps(cells[key])) for key in COLUMN_ORDER if key in cells)
    for d in report.diagnostics:
        if d.code != "cell.glued_ambiguous" or not d.message.startswith(f"表二“{name}”行"):
            continue
        _, marker, rest = d.message.partition("粘连为“")
        glued, closed, _ = rest.partition("”")
        if marker and closed and _digits(glued).startswith(want):
            return True
    return False


def _at_path(data: Any, path: str) -> Any:
    """The value at a dotted path of the report's JSON shape (None when absent)."""
    for key in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _quote_of(entry: dict[str, Any]) -> str:
    """What a warning about an undecided cell must quote: the glued digits as printed
    (the ``glued`` text from its first digit on), else the row's name."""
    glued = entry.get("glued")
    if isinstance(glued, str):
        first = next((i for i, c in enumerate(glued) if c.isdigit()), 0)
        return glued[first:]
    parts = str(entry.get("path", "")).split(".")
    return ROW_NAMES.get(parts[1], "") if len(parts) > 1 else ""


def check_ambiguous(entry: dict[str, Any], actual: dict[str, Any],
                    report: nianbao.Report) -> tuple[str | None, bool]:
    """A cell listed under ``ambiguous`` (the text does not decide it): the parser gives
    None with a warning that quotes the glued text, or a value the text itself decides
    — one of the ``candidates``, equal to ``true`` when the expected file knows it (the
    rule of ``tests/golden.rs``, ``check_ambiguous``). Returns the problem, if any, and
    whether the cell was None."""
    path = entry.get("path", "?")
    got = _at_path(actual, path)
    if got is None:
        quote = _quote_of(entry)
        warned = any(d.severity is nianbao.Severity.WARNING and quote in d.message
                     for d in report.diagnostics)
        return (None if warned else f"{path}: None without a warning quoting {quote!r}"
                " (ambiguous cell)"), True
    if "true" in entry and not _same(entry["true"], got):
        return f"{path}: ambiguous cell read as {got!r}, but the true value is {entry['true']!r}", False
    candidates = entry.get("candidates")
    if isinstance(candidates, list) and not any(_same(c, got) for c in candidates):
        return f"{path}: ambiguous cell read as {got!r}, not one of the candidates {candidates!r}", False
    return None, False


def compare(expected: dict[str, Any], report: nianbao.Report,
            undecided: list[str] | None = None, counts: list[int] | None = None) -> list[str]:
    """Every way ``report`` differs from the expected file (empty when it matches).

    A cell that :func:`undecidable` accepts is no difference when ``undecided`` is
    given: its path is appended there instead. ``counts``, when given, is [values
    compared, values right]."""
    actual = report.to_dict()
    found: list[str | Mismatch] = []
    for key, want in expected.items():
        if key in META_KEYS:
            continue
        if key not in actual:
            found.append(f"{key}: not a key of the report")
        else:
            diff(key, want, actual[key], found, counts)
    problems: list[str] = []
    for item in found:
        if isinstance(item, Mismatch) and undecided is not None and undecidable(item, expected, report):
            undecided.append(item.path)
        else:
            problems.append(str(item))
    for entry in expected.get("ambiguous", []):
        problem, null = check_ambiguous(entry, actual, report)
        if null and undecided is not None:
            undecided.append(entry.get("path", "?"))
        if problem:
            problems.append(problem)
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
        print(f"{label}: {len(undecided)} undecidable glued cell(s) left None"
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
    for bad in ({"year": 2023}, {"published": "2025-01-01"}, {"applications": {"granted": {"total": 1}}},
                {"active_disclosure": {"fees": {"amount": 7545.01}}},
                {"active_disclosure": {"regulations": {"issued": None}}},
                {"agency": None}, {"section_numbers": [1]}, {"expect_errors": []},
                {"expect_errors": ["reviews", "applications"]}, {"no_such_key": 1}):
        assert compare(bad, report), bad


def test_undecidable_cells_pass_only_under_the_rule() -> None:
    """A None in part 二 passes only with the warning that names its row and whose
    glued digits begin with the expected values of the row, in column order."""

    def report_with(penalty: dict[str, Any], *messages: str) -> nianbao.Report:
        data = synthetic_report("2019")
        data["active_disclosure"]["penalty"] = penalty
        data["diagnostics"] = [
            {"code": "cell.glued_ambiguous", "severity": "warning", "message": m,
             "line": 7, "column": 1, "page": None} for m in messages
        ]
        return nianbao.Report.from_dict(data)

    expected: dict[str, Any] = {
        "active_disclosure": {"penalty": {"previous_items": 2648, "change": -18, "decisions": 538}}
    }
    message = "表二“行政处罚”行的数字粘连为“264818538”，可拆分为 …，无法确定；记为空"
    undecided_penalty = {"previous_items": 2648, "change": None, "decisions": None}

    def outcome(report: nianbao.Report) -> tuple[list[str], list[str]]:
        undecided: list[str] = []
        return compare(expected, report, undecided), undecided

    # accepted: both None cells, counted
    assert outcome(report_with(undecided_penalty, message)) == (
        [], ["active_disclosure.penalty.change", "active_disclosure.penalty.decisions"])
    # without `undecided`, compare() accepts nothing
    assert len(compare(expected, report_with(undecided_penalty, message))) == 2
    refused = [
        report_with(undecided_penalty),                                          # no warning
        report_with(undecided_penalty, message.replace("行政处罚", "行政强制")),   # another row
        report_with(undecided_penalty, message.replace("264818538", "264818539")),  # other digits
        report_with(undecided_penalty, message.replace("264818538", "2648185")),  # too short
        report_with(undecided_penalty, "行政处罚：" + message),                    # not at the start
        report_with(undecided_penalty, message.replace("粘连为“", "粘连为")),      # no quoted digits
        report_with({"previous_items": 2648, "change": 0, "decisions": None}, message),  # a guess
    ]
    for report in refused:
        problems, undecided = outcome(report)
        assert problems, report.diagnostics
    # a wrong cell elsewhere is never excused by the warning
    expected["applications"] = {"new_received": {"total": 10**9}}
    problems, undecided = outcome(report_with(undecided_penalty, message))
    assert len(problems) == 1 and problems[0].startswith("applications.new_received.total")
    assert len(undecided) == 2
