"""nianbao.audit: the checks across reports on the repository's real series
(``tests/fixtures`` and ``tests/fixtures/series``, copies of the shared corpus), typed
findings, rows for pandas, the HTML report, failures and options.

The expected findings were worked out by hand from the corpus's expected files (see
``tests/audit.rs`` for each): 洪泽区 2023→2024 and 平潭综合实验区 2019→2020 carry 0 into
each other in every column; 平潭综合实验区 has no 2021 report.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import nianbao
from support import FIXTURES

SERIES = FIXTURES / "series"


def fixture(name: str) -> Path:
    top = FIXTURES / name
    return top if top.exists() else SERIES / name


def changed_2024(directory: Path) -> tuple[Path, int, int]:
    """洪泽区's 2024 report with the 自然人 cell of 二、上年结转 changed from 0 to 3; its
    path and the cell's 1-based line and column."""
    lines = fixture("hongze-quzhengfu-2024.layout.txt").read_text(encoding="utf-8").split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("二、上年结转政府信息公开申请数量"))
    col = lines[i].index("0")
    lines[i] = lines[i][:col] + "3" + lines[i][col + 1:]
    path = directory / "hongze-quzhengfu-2024.layout.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, i + 1, col + 1


def test_a_changed_carry_over_is_an_error_with_both_cells(tmp_path: Path) -> None:
    path, line, column = changed_2024(tmp_path)
    result = nianbao.audit([fixture("hongze-quzhengfu-2023.layout.txt"), path])
    assert [b.key for b in result.bodies] == ["淮安市洪泽区人民政府"]
    assert result.bodies[0].years == (2023, 2024)
    assert result.bodies[0].kind is nianbao.BodyKind.GOVERNMENT
    carry = result.findings_with_code("series.carry_chain")
    assert len(carry) == 1
    f = carry[0]
    assert isinstance(f, nianbao.Finding)
    assert f.severity is nianbao.Severity.ERROR
    assert f.message == (
        "上年结转与上年度的结转下年度不一致（自然人列）：2024年度报告（hongze-quzhengfu-2024.layout.txt）"
        "“二、上年结转政府信息公开申请数量”为3，2023年度报告（hongze-quzhengfu-2023.layout.txt）"
        "“四、结转下年度继续办理”为0"
    )
    assert (f.diagnostic.line, f.diagnostic.column) == (line, column)
    assert [(s.source, s.year, s.path, s.value, s.line) for s in f.sides] == [
        (str(path), 2024, "applications.carried_over.natural_person", 3, 96),
        (str(fixture("hongze-quzhengfu-2023.layout.txt")), 2023,
         "applications.carried_forward.natural_person", 0, 132),
    ]
    assert result.has_errors()
    assert result.reports[1].status is nianbao.Severity.ERROR
    assert result.failures == ()


def test_the_real_series_and_its_gap() -> None:
    names = ["pingtan-shiyanqu-2022.txt", "pingtan-shiyanqu-2019.txt", "pingtan-shiyanqu-2020.txt",
             "hongze-quzhengfu-2023.layout.txt", "hongze-quzhengfu-2024.layout.txt"]
    result = nianbao.audit([fixture(n) for n in names])
    assert not result.has_errors()
    assert [f.code for f in result.findings if f.severity is not nianbao.Severity.INFO] == []
    gaps = result.findings_with_code("series.gap")
    assert [(g.body, g.year) for g in gaps] == [("平潭综合实验区", 2021)]
    body = result.body("平潭综合实验区")
    assert body is not None and body.years == (2019, 2020, 2022)
    assert [result.reports[i].year for i in body.reports] == [2019, 2020, 2022]


def test_reports_objects_pairs_and_directories(tmp_path: Path) -> None:
    h23 = nianbao.parse_file(fixture("hongze-quzhengfu-2023.layout.txt"))
    path, _, _ = changed_2024(tmp_path)
    h24 = nianbao.parse_file(path)
    result = nianbao.audit([("2023", h23), ("2024", h24)])
    f = result.findings_with_code("series.carry_chain")[0]
    assert [s.source for s in f.sides] == ["2024", "2023"]
    # A Report object holds the parsed Rust report, cell positions included: its
    # findings point at the same lines as those of its file.
    by_path = nianbao.audit([("2023", fixture("hongze-quzhengfu-2023.layout.txt")), ("2024", path)])
    g = by_path.findings_with_code("series.carry_chain")[0]
    assert f.sides[0].line is not None and f.sides[0].line == g.sides[0].line
    assert (f.sides[0].column, f.sides[1].line) == (g.sides[0].column, g.sides[1].line)
    assert f.sides[0].value == 3
    # A directory is walked as the CLI does; a file that is no report is a failure.
    (tmp_path / "notes.txt").write_text("这不是一份年度报告。", encoding="utf-8")
    (tmp_path / "h23.txt").write_bytes(fixture("hongze-quzhengfu-2023.layout.txt").read_bytes())
    calls: list[tuple[int, int]] = []
    walked = nianbao.audit([tmp_path], progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (3, 3), "progress counts the files read: two reports and the note"
    assert len(walked.reports) == 2
    assert len(walked.findings_with_code("series.carry_chain")) == 1
    assert [(s, type(e).__name__, getattr(e, "code", None)) for s, e in walked.failures] == [
        (str(tmp_path / "notes.txt"), "ParseError", "not_a_report"),
    ]
    with pytest.raises(TypeError, match="progress must be a callable"):
        nianbao.audit([tmp_path], progress="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not one"):
        nianbao.audit(h23)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="item 0"):
        nianbao.audit([42])  # type: ignore[list-item]


def test_rows_for_pandas(tmp_path: Path) -> None:
    path, line, column = changed_2024(tmp_path)
    result = nianbao.audit([fixture("hongze-quzhengfu-2023.layout.txt"), path])
    rows = result.to_rows()
    assert len(rows) == len(result.findings)
    assert all(list(r) == nianbao.audit_columns() for r in rows)
    carry = [r for r in rows if r["code"] == "series.carry_chain"][0]
    assert carry["body"] == "淮安市洪泽区人民政府"
    assert (carry["file"], carry["line"], carry["column"]) == (str(path), line, column)
    assert (carry["cell"], carry["value"], carry["other_value"], carry["sides"]) == (
        "applications.carried_over.natural_person", 3, 0, 2)
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(rows, columns=nianbao.audit_columns())
    assert list(frame[frame["severity"] == "error"]["code"]) == ["series.carry_chain"]


def test_html_and_json(tmp_path: Path) -> None:
    path, _, _ = changed_2024(tmp_path)
    result = nianbao.audit([fixture("hongze-quzhengfu-2023.layout.txt"), path])
    html = result.to_html()
    assert html.startswith("<!doctype html>") and nianbao.audit_css() in html
    assert ('<td class="nb-value nb-hl" data-path="applications.carried_over.natural_person">3</td>'
            in html)
    fragment = result.to_html(fragment=True)
    assert fragment.startswith('<div class="nb-audit">') and "<style" not in fragment
    again = nianbao.Audit.from_json(result.to_json())
    assert again == dataclasses.replace(result, failures=())
    assert json.loads(result.to_json())["findings"][0]["sides"][0]["value"] == 3


def test_hierarchy_aliases_and_kinds(tmp_path: Path) -> None:
    parent = nianbao.parse_file(fixture("hongze-quzhengfu-2024.layout.txt"))
    child_dict = parent.to_dict()
    child_dict["agency"] = "洪泽区人民政府办公室"
    child_dict["applications"]["granted"]["natural_person"] = 51
    child = nianbao.Report.from_dict(child_dict)
    csv = tmp_path / "hierarchy.csv"
    csv.write_text("parent,child\n洪泽区人民政府,洪泽区人民政府办公室\n", encoding="utf-8")
    for hierarchy in (csv, [("洪泽区人民政府", "洪泽区人民政府办公室")]):
        result = nianbao.audit([("parent", parent), ("child", child)], hierarchy)
        sums = result.findings_with_code("rollup.sum")
        assert [(s.source, s.value) for s in sums[0].sides] == [("parent", 50), ("child", 51)]
        assert len(sums) == 1

    p20 = fixture("pingtan-shiyanqu-2020.txt")
    assert nianbao.audit([p20]).findings_with_code("timeliness.late") == []
    late = nianbao.audit([p20], kinds={"平潭综合实验区": "department"}).findings_with_code("timeliness.late")
    assert len(late) == 1 and "逾期33天" in late[0].message
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,key,kind\n平潭综合实验区,平潭,department\n", encoding="utf-8")
    result = nianbao.audit([p20], aliases=aliases)
    assert [(b.key, b.kind) for b in result.bodies] == [("平潭", nianbao.BodyKind.DEPARTMENT)]
    assert nianbao.audit([p20], aliases={"平潭综合实验区": "平潭"}).bodies[0].key == "平潭"

    csv.write_text("parent,child\n洪泽区人民政府\n", encoding="utf-8")
    with pytest.raises(nianbao.ParseError) as err:
        nianbao.audit([p20], csv)
    assert err.value.code == "csv"
    assert "line 2" in str(err.value)
    with pytest.raises(ValueError):
        nianbao.audit([p20], kinds={"平潭综合实验区": "county"})
    with pytest.raises(ValueError, match="text_reuse_threshold"):
        nianbao.audit([p20], text_reuse_threshold=1.5)
