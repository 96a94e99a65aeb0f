"""The exception of the package (raised by the native module too)."""

from __future__ import annotations

from typing import Any

__all__ = ["ParseError"]


class ParseError(ValueError):
    """A text or file that could not be turned into a :class:`nianbao.Report`.

    ``str(error)`` is the parser's message (what is wrong and what to do about it).

    Attributes:
        code: A stable, machine-readable id of the kind of error:

            - ``"empty"``: no text at all, or only white space;
            - ``"binary"``: control bytes that never occur in text (a binary file);
            - ``"too_large"``: larger than the parser accepts (64 MiB);
            - ``"not_a_report"``: not a 政府信息公开工作年度报告 in either national template;
            - ``"pre_2019_template"``: a report from before the 2019 national template;
            - ``"encoding"``: bytes that are no text in UTF-8, UTF-16 or GBK/GB18030;
            - ``"unsupported"``: an input kind this build does not read, or a PDF
              whose fonts map their glyphs to no text;
            - ``"encrypted"``: a PDF that opens only with a password;
            - ``"scanned_pdf"``: a PDF without a text layer (a scan: OCR it first);
            - ``"invalid_pdf"``: a damaged or truncated PDF;
            - ``"pdf_limit"``: a PDF beyond the reader's safety limits (a bomb);
            - ``"internal"``: a bug in nianbao (please report it with the input).
        message: The parser's message (the same as ``str(error)``).
        path: The file concerned, for :func:`nianbao.parse_file` and the path items of
            :func:`nianbao.parse_many`; ``None`` for text and bytes.
    """

    code: str
    message: str
    path: str | None

    def __init__(self, message: str, code: str = "internal", path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep code and path through pickle (multiprocessing, concurrent.futures).
        return (type(self), (self.message, self.code, self.path))

    def __repr__(self) -> str:
        path = f", path={self.path!r}" if self.path is not None else ""
        return f"ParseError(code={self.code!r}, message={self.message!r}{path})"
