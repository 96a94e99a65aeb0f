"""The typed API: attribute access, the JSON shape, equality, repr, flat rows."""

from __future__ import annotations

import copy
import typing
from pathlib import Path
import json
import pickle
import re
from typing import Any

import pytest

import nianbao
from support import (
    FIXTURE_2019,
    FIXTURE_2021,
    FIXTURE_ERRORS,
    FIXTURES,
    expected,
    leaves,
    report_file,
    synthetic_report,
)

# ------------------------------------------------------------------------------------
# Parsed reports (these need the parser).


def test_attribute_access_2021() -> None:
    want = expected(FIXTURE_2021)
    report = nianbao.parse_file(report_file(FIXTURE_2021))
    assert isinstance(report, nianbao.Report)
    assert report.agency == want["agency"]
    assert report.year == want["year"]
    assert report.template is nianbao.Template.T2021
    assert report.template == want["template"]
    assert report.applications is not None and report.applications.new_received is not None
    assert report.applications.new_received.total == want["applications"]["new_received"]["total"]
    assert (report.applications.withheld.enforcement_files ==
            nianbao.Counts(**want["applications"]["withheld"]["enforcement_files"]))
    assert report.reviews is not None
    assert report.reviews.administrative_review.upheld == want["reviews"]["administrative_review"]["upheld"]
    ad = report.active_disclosure
    assert isinstance(ad, nianbao.ActiveDisclosure2021)
    assert ad.licensing.decisions == want["active_disclosure"]["licensing"]["decisions"]
    assert ad.fees.amount == want["active_disclosure"]["fees"]["amount"]
    assert [s.number for s in report.sections] == want["section_numbers"]
    assert all(isinstance(s, nianbao.Section) and s.heading and s.line > 0 for s in report.sections)
    assert not report.has_errors()


def test_attribute_access_2019() -> None:
    """A flattened portal page (pingtan 2020) whose digits are glued: what the table
    decides is read, what it does not decide is None with a warning, never a guess."""
    want = expected(FIXTURE_2019)
    report = nianbao.parse_file(report_file(FIXTURE_2019))
    assert report.template is nianbao.Template.T2019
    ad = report.active_disclosure
    assert isinstance(ad, nianbao.ActiveDisclosure2019)
    want_ad = want["active_disclosure"]
    # decided: 2648 leads the row '2648-18538'; '35-15' splits one way only
    assert ad.penalty.previous_items == want_ad["penalty"]["previous_items"] == 2648
    assert ad.fees == nianbao.FeeItems(**want_ad["fees"])
    assert ad.fees.change == -15
    assert ad.regulations == nianbao.Publications(**want_ad["regulations"])
    # undecided: '2648-18538' is 2648|-18|538 or 2648|-1|8538 or …
    assert ad.penalty.change is None and ad.penalty.decisions is None
    # what the HTML copy of the report says
    truth = {a["path"]: a.get("true") for a in want["ambiguous"]}
    assert truth["active_disclosure.penalty.change"] == -18
    [warning] = [d for d in report.diagnostics
                 if d.code == "cell.glued_ambiguous" and "行政处罚" in d.message]
    assert warning.severity is nianbao.Severity.WARNING
    assert warning.message.startswith("表二“行政处罚”行")
    assert "2648-18538" in warning.message
    assert ad.licensing == nianbao.ItemChanges(previous_items=None, change=None, decisions=None)
    # parts 三 and 四 are decided by their identities
    apps = report.applications
    assert apps is not None and apps.new_received is not None and apps.processed_total is not None
    assert apps.new_received.total == want["applications"]["new_received"]["total"] == 21
    assert apps.new_received == nianbao.Counts(**want["applications"]["new_received"])
    assert apps.processed_total.natural_person == 20
    assert apps.processed_total == nianbao.Counts(**want["applications"]["processed_total"])
    assert apps.other_handling.other is not None and apps.other_handling.other.total == 4
    assert apps.other_handling.overdue_fee is None  # one row in the 2019 template
    assert report.reviews is not None
    assert report.reviews.administrative_review == nianbao.ReviewCounts(
        **want["reviews"]["administrative_review"])
    # the source's own error in part 三 is reported
    assert [d.code for d in report.diagnostics_of("error")] == ["applications.outcomes_sum"] * 2


def test_diagnostics() -> None:
    want = expected(FIXTURE_ERRORS)
    report = nianbao.parse_file(report_file(FIXTURE_ERRORS))
    assert report.has_errors()
    first = report.diagnostics[0]  # most severe first
    assert isinstance(first, nianbao.Diagnostic)
    assert first.severity == "error"
    assert first.severity is nianbao.Severity.ERROR
    assert any(first.code.startswith(p) for p in want["expect_errors"])
    assert first.message
    errors = list(report.diagnostics_of("error"))
    assert errors == list(report.diagnostics_of(nianbao.Severity.ERROR))
    assert errors == [d for d in report.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("stem", sorted({p.name.split(".")[0] for p in FIXTURES.glob("*.expected.json")}))
def test_parse_file_equals_parse_report(stem: str) -> None:
    path = report_file(FIXTURES / stem)
    text = path.read_text(encoding="utf-8-sig")
    try:
        from_text: Any = nianbao.parse_report(text)
    except nianbao.ParseError as e:
        from_text = (e.code, e.message)
    try:
        from_file: Any = nianbao.parse_file(path)
    except nianbao.ParseError as e:
        assert e.path == str(path)
        from_file = (e.code, e.message)
    assert from_file == from_text


def test_parsed_report_round_trips() -> None:
    report = nianbao.parse_file(report_file(FIXTURE_2021))
    assert nianbao.Report.from_dict(report.to_dict()) == report
    assert nianbao.Report.from_json(report.to_json()) == report
    assert hash(report) == hash(nianbao.Report.from_dict(report.to_dict()))


# ------------------------------------------------------------------------------------
# The model without the parser.


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_to_dict_is_the_json_shape(template: str) -> None:
    data = synthetic_report(template)
    report = nianbao.Report.from_dict(data)
    assert report.to_dict() == data
    # Exactly: same key order, plain types only (no enums, tuples or model objects).
    assert json.dumps(report.to_dict(), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)
    assert json.loads(report.to_json()) == data
    assert json.loads(report.to_json(indent=2)) == data
    assert "\\u" not in report.to_json()  # Chinese is kept as is
    assert nianbao.Report.from_json(report.to_json()) == report
    assert type(report.to_dict()["template"]) is str
    assert type(report.to_dict()["diagnostics"][0]["severity"]) is str
    assert type(report.to_dict()["sections"]) is list


def test_nested_objects_are_typed() -> None:
    report = nianbao.Report.from_dict(synthetic_report("2021"))
    data = report.to_dict()
    assert report.template == "2021"
    assert report.template is nianbao.Template.T2021
    assert isinstance(report.active_disclosure, nianbao.ActiveDisclosure2021)
    assert isinstance(report.active_disclosure.fees.amount, float)
    apps = report.applications
    assert apps is not None and isinstance(apps.new_received, nianbao.Counts)
    assert apps.new_received.total == data["applications"]["new_received"]["total"]
    assert isinstance(apps.withheld, nianbao.Withheld)
    assert isinstance(apps.unavailable, nianbao.Unavailable)
    assert isinstance(apps.not_processed, nianbao.NotProcessed)
    assert isinstance(apps.other_handling, nianbao.OtherHandling)
    assert report.reviews is not None and isinstance(report.reviews.litigation_direct, nianbao.ReviewCounts)
    assert report.diagnostics[0].severity is nianbao.Severity.ERROR
    assert report.diagnostics[2].severity == "warning"
    assert report.has_errors()
    assert [d.code for d in report.diagnostics_of("info")] == ["cell.unit"]
    assert apps.withheld.to_dict() == data["applications"]["withheld"]
    assert nianbao.Counts.from_dict(data["applications"]["granted"]) == apps.granted
    report19 = nianbao.Report.from_dict(synthetic_report("2019"))
    assert isinstance(report19.active_disclosure, nianbao.ActiveDisclosure2019)
    assert report19.active_disclosure.licensing.change is not None
    assert report19.active_disclosure.licensing.change < 0


def test_equality_and_immutability() -> None:
    data = synthetic_report("2021")
    a, b = nianbao.Report.from_dict(data), nianbao.Report.from_dict(copy.deepcopy(data))
    assert a == b and hash(a) == hash(b)
    data["applications"]["granted"]["total"] += 1
    c = nianbao.Report.from_dict(data)
    assert a != c
    assert a.applications != c.applications
    assert a.applications is not None and c.applications is not None
    assert a.applications.new_received == c.applications.new_received
    with pytest.raises(AttributeError):
        a.year = 1999  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(a)) == a


def test_repr_is_readable() -> None:
    report = nianbao.Report.from_dict(synthetic_report("2021"))
    text = repr(report)
    assert report.agency is not None and report.agency in text and "2021" in text
    assert "2 error(s)" in text and "1 warning(s)" in text
    assert len(text) < 400
    assert repr(report.sections[0]).startswith("<Section 1 ")
    assert report.applications is not None
    assert "new_received.total=" in repr(report.applications)
    counts = report.applications.granted
    assert counts is not None
    assert repr(counts) == (
        "Counts(" + ", ".join(f"{k}={v!r}" for k, v in counts.to_dict().items()) + ")"
    )
    assert "severity=Severity.ERROR" in repr(report.diagnostics[0])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("title"), "missing keys ['title']"),
        (lambda d: d.update(extra=1), "unknown keys ['extra']"),
        (lambda d: d["applications"]["new_received"].update(total="4"), "Report.applications.new_received.total"),
        (lambda d: d["applications"]["new_received"].update(total=True), "expected an integer"),
        (lambda d: d.update(template="2020"), "'2021', '2019'"),
        (lambda d: d["active_disclosure"].pop("fees"), "Report.active_disclosure"),
        (lambda d: d.update(sections={}), "expected a list"),
        (lambda d: d["diagnostics"][1].update(severity="fatal"), "Report.diagnostics[1].severity"),
        (lambda d: d["active_disclosure"]["fees"].update(amount="1.5"), "expected a number"),
    ],
)
def test_from_dict_checks_the_shape(change: Any, message: str) -> None:
    data = synthetic_report("2021")
    change(data)
    with pytest.raises(ValueError, match=re.escape(message)):
        nianbao.Report.from_dict(data)


# ------------------------------------------------------------------------------------
# Flat rows.

SUMMARY_COLUMNS = {"sections", "errors", "warnings", "error_codes"}


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_to_rows_has_every_value_under_its_column(template: str) -> None:
    data = synthetic_report(template)
    report = nianbao.Report.from_dict(data)
    [row] = nianbao.to_rows([report])
    assert list(row) == nianbao.columns()
    values = dict(leaves(data))
    for column, value in row.items():
        if column in SUMMARY_COLUMNS:
            continue
        want = values.get(column)
        assert value == want and type(value) is type(want), column
    assert row["sections"] == " ".join(str(s["number"]) for s in data["sections"])
    assert row["errors"] == sum(d["severity"] == "error" for d in data["diagnostics"])
    assert row["warnings"] == sum(d["severity"] == "warning" for d in data["diagnostics"])
    assert row["error_codes"] == " ".join(d["code"] for d in data["diagnostics"] if d["severity"] == "error")


def test_every_column_is_a_value_of_the_model() -> None:
    paths = {p for t in ("2021", "2019") for p, _ in leaves(synthetic_report(t))}
    missing = [c for c in nianbao.columns() if c not in paths | SUMMARY_COLUMNS]
    assert missing == []


def test_to_rows_inputs() -> None:
    reports = [nianbao.Report.from_dict(synthetic_report(t)) for t in ("2021", "2019", "2021")]
    rows = nianbao.to_rows(reports)
    assert len(rows) == 3 and rows[0] == rows[2] and rows[0] != rows[1]
    # dicts in the JSON shape (to_dict(), the CLI's JSON) give the same rows
    assert nianbao.to_rows(r.to_dict() for r in reports) == rows
    assert nianbao.to_rows([]) == []
    # money keeps its type: an int when printed without decimals
    data = synthetic_report("2021")
    data["active_disclosure"]["fees"]["amount"] = 7545
    [row] = nianbao.to_rows([data])
    assert row["active_disclosure.fees.amount"] == 7545
    assert type(row["active_disclosure.fees.amount"]) is int
    with pytest.raises(TypeError, match="item 1"):
        nianbao.to_rows([reports[0], nianbao.ParseError("x", "empty")])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="report 0"):
        nianbao.to_rows([{"title": "x", "no_such_key": 1}])


def test_rows_make_a_dataframe() -> None:
    pandas = pytest.importorskip("pandas")
    reports = [nianbao.Report.from_dict(synthetic_report(t)) for t in ("2021", "2019")]
    frame = pandas.DataFrame(nianbao.to_rows(reports))
    assert list(frame.columns) == nianbao.columns() and len(frame) == 2


def test_module_metadata() -> None:
    assert nianbao.__version__
    assert nianbao.MAX_INPUT_BYTES == 64 * 1024 * 1024
    assert issubclass(nianbao.ParseError, ValueError)
    for name in nianbao.__all__:
        assert hasattr(nianbao, name), name
    for function in (nianbao.parse_report, nianbao.parse_bytes, nianbao.parse_file,
                     nianbao.to_text, nianbao.parse_many, nianbao.to_rows, nianbao.columns):
        assert function.__doc__ and len(function.__doc__) > 40
    for cls in (nianbao.Report, nianbao.Counts, nianbao.Reviews, nianbao.ParseError):
        assert cls.__doc__ and "Attributes:" in cls.__doc__


# ------------------------------------------------------------------------------------
# The native classes.


def test_enums_are_the_rust_models() -> None:
    values = dict(nianbao._native._enum_values())
    assert [m.value for m in nianbao.Template] == values["Template"]
    assert [m.value for m in nianbao.Severity] == values["Severity"]


def test_the_packaged_stub_is_the_one_the_module_generates() -> None:
    """The .pyi installed with the package is what the classes say (the Rust test
    ``stubs_are_current`` keeps the committed file so)."""
    stub = Path(nianbao._native.__file__).with_name("_native.pyi")
    assert stub.read_text(encoding="utf-8") == nianbao._native._stubs()
    for name in nianbao._native.__all__:
        assert f"def {name}(" in stub.read_text(encoding="utf-8") or f"class {name}:" in \
            stub.read_text(encoding="utf-8") or name in ("MAX_INPUT_BYTES", "__version__"), name


def test_classes_are_built_from_attributes() -> None:
    counts = nianbao.Counts(1, 0, 0, 0, 0, 0, total=1)
    assert counts.total == 1 and counts == nianbao.Counts.from_dict(counts.to_dict())
    data = synthetic_report("2021")
    # nested model objects or their JSON shape, alike
    apps = nianbao.Applications(**{**data["applications"], "granted": counts})
    assert apps.granted == counts
    report = nianbao.Report(**{**data, "applications": apps})
    assert report.applications == apps
    with pytest.raises(ValueError, match=r"Counts\.total: expected an integer"):
        nianbao.Counts(1, 0, 0, 0, 0, 0, total="1")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        nianbao.Counts(1)  # type: ignore[call-arg]


def test_annotations_describe_the_json_shape() -> None:
    hints = typing.get_type_hints(nianbao.Report, vars(nianbao))
    assert list(hints) == list(synthetic_report("2021"))
    assert hints["year"] == int | None
    assert hints["sections"] == tuple[nianbao.Section, ...]
