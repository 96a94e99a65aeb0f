"""Inputs as users have them: bytes in any text encoding (UTF-8, UTF-16, GB18030), HTML
pages, DOCX and PDF files, through parse_bytes, parse_file, to_text and parse_many; the
page of a PDF's diagnostics; encrypted, scanned and broken PDFs."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import nianbao
from support import CORPUS, FIXTURE_2019, FIXTURE_2021, FIXTURES, report_file

#: The GB18030 copies of the seed fixtures (tests/fixtures/encodings/NAME.gb18030.txt).
GB18030 = sorted((FIXTURES / "encodings").glob("*.gb18030.txt"))
#: A real report published as an HTML page and as a DOCX file (../shared, may be absent).
SHANGHAI_2019 = CORPUS / "real" / "shanghai-bangongting-2019"
#: A broken PDF: its header and one object, nothing else.
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
#: A real WPS-made PDF report (5 pages) whose part 四 prints wrong totals.
HONGZE_PDF = FIXTURES / "hongze-quzhengfu-2023.pdf"


def _outcome(call: Any) -> Any:
    try:
        return call().to_dict()
    except nianbao.ParseError as e:
        return (e.code, e.message)


def _original(path: Path) -> Path:
    """The UTF-8 fixture a copy in tests/fixtures/encodings was made from."""
    return FIXTURES / (path.name.split(".")[0] + ".txt")


def test_there_are_gb18030_fixtures() -> None:
    assert len(GB18030) >= 5, GB18030


@pytest.mark.parametrize("path", GB18030, ids=[p.name for p in GB18030])
def test_gb18030_file_parses_like_its_utf8_original(path: Path) -> None:
    data = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really not UTF-8
    original = _original(path)
    want = nianbao.parse_file(original).to_dict()
    assert nianbao.parse_file(path).to_dict() == want
    assert nianbao.parse_bytes(data).to_dict() == want
    assert nianbao.to_text(data) == original.read_text(encoding="utf-8")


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf16le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf16be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf16": lambda t: t.encode("utf-16"),  # the platform's order, with its BOM
    "utf16le": lambda t: t.encode("utf-16-le"),  # no BOM: detected from the zero bytes
    "utf16be": lambda t: t.encode("utf-16-be"),
    "utf8": lambda t: t.encode("utf-8"),
    "utf8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
}
@pytest.mark.parametrize(
    ("stem", "encoding"),
    [
        pytest.param(stem, encoding, id=f"{stem.name}-{encoding}")
        for stem in (FIXTURE_2021, FIXTURE_2019)
        for encoding in ENCODINGS
    ],
)
def test_parse_bytes_detects_the_encoding(stem: Path, encoding: str) -> None:
    encode = ENCODINGS[encoding]
    text = report_file(stem).read_text(encoding="utf-8")
    data = encode(text)
    assert nianbao.parse_bytes(data) == nianbao.parse_report(text)
    assert nianbao.to_text(data) == text


def test_parse_file_reads_utf16(tmp_path: Path) -> None:
    text = report_file(FIXTURE_2021).read_text(encoding="utf-8")
    path = tmp_path / "utf16.txt"
    path.write_bytes(text.encode("utf-16"))
    assert nianbao.parse_file(path) == nianbao.parse_report(text)


def test_html_is_read_as_its_tables() -> None:
    page = (
        "<html><body><h1>某某局2024年政府信息公开工作年度报告</h1>"
        "<p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table></body></html>"
    ).encode()
    text = nianbao.to_text(page)
    assert "\t规章\n\t0\n" in text and "<" not in text
    # the HTML, decoded from any encoding, gives the same text
    assert nianbao.to_text(page.decode().encode("gb18030")) == text
    assert _outcome(lambda: nianbao.parse_bytes(page)) == _outcome(lambda: nianbao.parse_report(text))


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent")
@pytest.mark.parametrize("suffix", [".html", ".docx"])
def test_shanghai_2019_from_html_and_docx(suffix: str) -> None:
    path = SHANGHAI_2019.with_name(SHANGHAI_2019.name + suffix)
    report = nianbao.parse_file(path)
    assert report.agency == "上海市人民政府办公厅"
    assert report.year == 2019
    assert report.template is nianbao.Template.T2019
    assert report.applications is not None and report.applications.new_received is not None
    assert report.applications.new_received.total == 859
    assert report.applications.new_received.natural_person == 821
    data = path.read_bytes()
    assert nianbao.parse_bytes(data) == report
    # the text parse_bytes reads is the report: parsing it gives the same report, and
    # the diagnostics' lines point into it
    text = nianbao.to_text(data)
    assert nianbao.parse_report(text) == report
    lines = text.splitlines()
    for d in report.diagnostics:
        assert d.line is None or 1 <= d.line <= len(lines), d
    [from_many] = nianbao.parse_many([data])
    assert from_many == report


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent")
def test_shanghai_2019_html_and_docx_agree() -> None:
    html = nianbao.parse_file(SHANGHAI_2019.with_name(SHANGHAI_2019.name + ".html"))
    docx = nianbao.parse_file(SHANGHAI_2019.with_name(SHANGHAI_2019.name + ".docx"))
    assert html.applications == docx.applications
    assert html.reviews == docx.reviews


def test_pdf_file_and_bytes_give_the_hand_checked_values_and_pages() -> None:
    want = json.loads(HONGZE_PDF.with_name("hongze-quzhengfu-2023.expected.json").read_text(encoding="utf-8"))
    report = nianbao.parse_file(HONGZE_PDF)
    assert report == nianbao.parse_bytes(HONGZE_PDF.read_bytes())
    got = report.to_dict()
    for key in ("title", "agency", "year", "template", "active_disclosure", "applications", "reviews"):
        assert got[key] == want[key], key
    errors = list(report.diagnostics_of(nianbao.Severity.ERROR))
    assert [(d.code, d.page) for d in errors] == [("reviews.group_total", 4)] * 2
    # the line of a diagnostic is a line of to_text; a form feed line ends each page
    text = nianbao.to_text(HONGZE_PDF.read_bytes())
    lines = text.split("\n")
    assert lines.count("\f") == 5
    for d in errors:
        assert d.line is not None and d.column is not None
        assert lines[d.line - 1][d.column - 1] == "0", lines[d.line - 1]
        assert lines[: d.line].count("\f") + 1 == d.page


def test_a_pdf_cut_short_says_so_in_the_report_and_from_its_bytes() -> None:
    whole = HONGZE_PDF.read_bytes()
    cut = whole[:-200]  # its cross-reference table and %%EOF cut off: every page is left
    report = nianbao.parse_bytes(cut)
    first = next(report.diagnostics_of(nianbao.Severity.WARNING))
    assert (first.code, first.line, first.page) == ("input.truncated", None, None)
    assert "%%EOF" in first.message
    assert nianbao.input_warnings(cut) == [first]
    assert nianbao.input_warnings(whole) == []
    assert nianbao.to_text(cut) == nianbao.to_text(whole)
    # the rest of the report is the whole file's
    assert report.applications == nianbao.parse_bytes(whole).applications
    with pytest.raises(TypeError, match="bytes"):
        nianbao.input_warnings(whole.decode("latin-1"))  # type: ignore[arg-type]


def test_broken_and_encrypted_pdfs_are_parse_errors(tmp_path: Path) -> None:
    with pytest.raises(nianbao.ParseError) as info:
        nianbao.parse_bytes(PDF)
    assert info.value.code == "invalid_pdf"
    assert "not a readable PDF" in info.value.message
    assert info.value.path is None
    with pytest.raises(nianbao.ParseError) as info:
        nianbao.to_text(PDF)
    assert info.value.code == "invalid_pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(PDF)
    with pytest.raises(nianbao.ParseError) as info:
        nianbao.parse_file(path)
    assert info.value.code == "invalid_pdf"
    assert info.value.path == str(path)
    # qpdf-made copies of one report (tests/fixtures/pdf/README.md): an empty user
    # password only restricts editing and is read; a real one is refused
    readable = nianbao.parse_file(FIXTURES / "pdf" / "example-aes-256-owner.pdf")
    assert readable == nianbao.parse_file(FIXTURES / "pdf" / "example.pdf")
    assert readable.applications is not None and readable.applications.new_received is not None
    assert readable.applications.new_received.total == 6
    with pytest.raises(nianbao.ParseError) as info:
        nianbao.parse_file(FIXTURES / "pdf" / "example-aes-256-user.pdf")
    assert info.value.code == "encrypted"
    assert "password" in info.value.message
    [from_many] = nianbao.parse_many([path])
    assert isinstance(from_many, nianbao.ParseError) and from_many.code == "invalid_pdf"


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "empty"), (b" \r\n\t", "empty"), (b"abc\xff\xfe\xff", "encoding"),
     (b"\x00\x01\x02\x03" * 64, "binary"), (b"PK\x03\x04 not a zip", "not_a_report"),
     ("今天天气很好。\n".encode() * 30, "not_a_report")],
    ids=["empty", "white-space", "undecodable", "binary", "broken-docx", "prose"],
)
def test_bad_bytes_are_parse_errors(data: bytes, code: str) -> None:
    with pytest.raises(nianbao.ParseError) as info:
        nianbao.parse_bytes(data)
    assert info.value.code == code, info.value
    assert info.value.path is None
    if code in ("empty", "encoding"):  # refused before the text is read
        with pytest.raises(nianbao.ParseError):
            nianbao.to_text(data)


def test_bytes_functions_want_bytes() -> None:
    for function in (nianbao.parse_bytes, nianbao.to_text):
        with pytest.raises(TypeError, match="parse_report"):
            function("a text")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"bytes\(data\)"):
            function(bytearray(b"abc"))  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="not NoneType"):
            function(None)  # type: ignore[arg-type]


def test_parse_many_takes_bytes(tmp_path: Path) -> None:
    gb = GB18030[0]
    items: list[str | bytes | os.PathLike[str]] = [
        gb.read_bytes(), gb, _original(gb).read_text(encoding="utf-8"), PDF, b"", HONGZE_PDF,
    ]
    results = nianbao.parse_many(items, threads=2)
    assert isinstance(results[0], nianbao.Report)
    assert results[0] == results[1] == results[2] == nianbao.parse_bytes(items[0])  # type: ignore[arg-type]
    assert isinstance(results[3], nianbao.ParseError) and results[3].code == "invalid_pdf"
    assert results[3].path is None
    assert isinstance(results[4], nianbao.ParseError) and results[4].code == "empty"
    assert results[5] == nianbao.parse_file(HONGZE_PDF)
