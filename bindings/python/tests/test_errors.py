"""Errors: every bad input is a ParseError (a ValueError) with the core's code and
message, or the OSError Python raises for an unreadable file; never a panic."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import nianbao
from support import FIXTURE_2021, report_file

CODES = {"empty", "binary", "too_large", "not_a_report", "pre_2019_template", "encoding",
         "unsupported", "encrypted", "scanned_pdf", "invalid_pdf", "pdf_limit", "internal"}


def _error(text: str) -> nianbao.ParseError:
    with pytest.raises(nianbao.ParseError) as info:
        nianbao.parse_report(text)
    return info.value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        (" \n\t\u3000\n", "empty"),
        (bytes(range(256)).decode("latin-1") * 8, "binary"),
        ("\x00\x01\x02\x03PK\x03\x04" + "\x00" * 64, "binary"),
        ("The quick brown fox jumps over the lazy dog.\n" * 50, "not_a_report"),
        ("今天天气很好，我们去公园散步。\n明天也许会下雨。\n" * 20, "not_a_report"),
    ],
    ids=["empty", "white-space", "binary-bytes", "binary-zip-header", "english-prose", "chinese-prose"],
)
def test_bad_text_is_a_parse_error_with_its_code(text: str, code: str) -> None:
    error = _error(text)
    assert isinstance(error, ValueError)
    assert error.code == code
    assert str(error) == error.message and len(error.message) > 10
    assert error.path is None


def test_parse_report_wants_str() -> None:
    with pytest.raises(TypeError, match=r"use parse_bytes\(data\)"):
        nianbao.parse_report(b"abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        nianbao.parse_report(None)  # type: ignore[arg-type]


def test_missing_file_is_file_not_found(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError) as info:
        nianbao.parse_file(path)
    assert info.value.filename == str(path)
    assert info.value.errno == 2
    with pytest.raises(FileNotFoundError):
        nianbao.parse_file(str(path))


def test_directory_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        nianbao.parse_file(tmp_path)


def test_undecodable_file_is_an_encoding_error(tmp_path: Path) -> None:
    """GBK is read (see test_inputs.py); bytes that are no text in any encoding the
    parser detects are not."""
    path = tmp_path / "broken.txt"
    text = report_file(FIXTURE_2021).read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030") + b"\xff")
    with pytest.raises(nianbao.ParseError) as info:
        nianbao.parse_file(path)
    assert info.value.code == "encoding"
    assert "GB18030" in info.value.message
    assert info.value.path == str(path)


def test_bom_is_ignored(tmp_path: Path) -> None:
    text = report_file(FIXTURE_2021).read_text(encoding="utf-8")
    plain, bom = tmp_path / "plain.txt", tmp_path / "bom.txt"
    plain.write_bytes(text.encode("utf-8"))
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    def outcome(path: Path) -> object:
        try:
            return nianbao.parse_file(path)
        except nianbao.ParseError as e:
            return e.code, e.message

    assert outcome(bom) == outcome(plain)


def test_too_large_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: nothing is written
        f.truncate(nianbao.MAX_INPUT_BYTES + 1)
    with pytest.raises(nianbao.ParseError) as info:
        nianbao.parse_file(path)
    assert info.value.code == "too_large"
    assert str(nianbao.MAX_INPUT_BYTES + 1) in info.value.message


def test_a_panic_becomes_an_internal_parse_error() -> None:
    with pytest.raises(nianbao.ParseError) as info:
        nianbao._native._internal_error_selftest()
    assert info.value.code == "internal"
    assert "deliberate panic" in info.value.message


def test_parse_error_survives_pickle() -> None:
    error = nianbao.ParseError("the input is empty", "empty", "/tmp/x.txt")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is nianbao.ParseError
    assert (copy.code, copy.message, copy.path, str(copy)) == ("empty", "the input is empty", "/tmp/x.txt", "the input is empty")
    assert "code='empty'" in repr(error)


def test_codes_are_the_documented_ones() -> None:
    doc = nianbao.ParseError.__doc__ or ""
    for code in CODES:
        assert f'"{code}"' in doc, code
