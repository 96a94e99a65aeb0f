"""nianbao: parse Chinese government information-disclosure annual reports
(政府信息公开工作年度报告, "年报") into a typed, checked model.

The parser is the Rust crate ``nianbao``; this package hands its results over as
typed, immutable objects that hold the Rust value and build each attribute when it is
read::

    import nianbao

    report = nianbao.parse_file("qijiang-gongan-2024.txt")
    report.agency                                   # '重庆市綦江区公安局'
    report.applications.new_received.total          # 4
    report.reviews.administrative_review.upheld     # 1
    [d.code for d in report.diagnostics]            # ['narrative.received', ...]
    report.to_dict()                                # the JSON shape (output-schema.md)

Functions:
    parse_report(text)              parse the text of one report
    parse_bytes(data)               parse its bytes (UTF-8/UTF-16/GB18030 text, HTML, DOCX)
    parse_file(path)                read a file (as parse_bytes) and parse it
    to_text(data)                   the text parse_bytes reads (diagnostics' line numbers)
    input_warnings(data)            what the bytes say of themselves (a PDF cut short)
    parse_many(items, threads=None, progress=None)
                                    parse many texts / bytes / paths on every core
    parse_files(paths, threads=None, progress=None)
                                    parse many files (str or PathLike paths) on every core
    to_rows(reports)                flat dicts with the CLI's CSV columns
    columns()                       the CSV column names
    to_arrow(results)               a typed pyarrow.Table (nianbao[arrow])
    to_pandas(results)              a pandas DataFrame with nullable dtypes (nianbao[pandas])
    to_polars(results)              a polars DataFrame (nianbao[polars])
    schema()                        the typed dataset columns as (name, type)
    arrow_schema()                  the same as a pyarrow.Schema
    audit(reports_or_paths, hierarchy=None, ...)
                                    check reports against each other (across years,
                                    duplicates, deadlines, rollups): an Audit with
                                    typed findings, to_rows() and to_html()

Errors are :class:`ParseError` (a ``ValueError``) with a stable ``code``.
"""

from typing import Union

from . import _native
from ._api import (
    Cell,
    columns,
    input_warnings,
    parse_bytes,
    parse_file,
    parse_files,
    parse_many,
    parse_report,
    schema,
    to_rows,
    to_text,
)
from ._audit import (
    Audit,
    AuditBody,
    AuditReport,
    BodyKind,
    Finding,
    Side,
    Tally,
    audit,
    audit_columns,
    audit_css,
)
from ._dataset import arrow_schema, to_arrow, to_pandas, to_polars
from ._enums import Severity, Template
from ._errors import ParseError
from ._native import (
    ActiveDisclosure2019,
    ActiveDisclosure2021,
    Applications,
    Counts,
    Decisions,
    Diagnostic,
    DocumentCounts,
    FeeItems,
    Fees,
    ItemChanges,
    NotProcessed,
    OtherHandling,
    ProcessingFees,
    Procurement,
    Publications,
    Report,
    ReviewCounts,
    Reviews,
    Section,
    Unavailable,
    Withheld,
)

ActiveDisclosure = Union[ActiveDisclosure2021, ActiveDisclosure2019]
"""Table of part 二 in either template: see :attr:`Report.template`."""

# The public classes present themselves as nianbao.X (help(), repr, pickle); the
# native classes do already.
for _cls in (ParseError, Severity, Template, Audit, AuditBody, AuditReport, BodyKind, Finding,
             Side, Tally):
    _cls.__module__ = __name__
del _cls

__version__: str = _native.__version__
MAX_INPUT_BYTES: int = _native.MAX_INPUT_BYTES
"""The largest input the parser accepts, in bytes (64 MiB)."""

__all__ = [
    "MAX_INPUT_BYTES",
    "ActiveDisclosure",
    "ActiveDisclosure2019",
    "ActiveDisclosure2021",
    "Applications",
    "Audit",
    "AuditBody",
    "AuditReport",
    "BodyKind",
    "Cell",
    "Counts",
    "Decisions",
    "Diagnostic",
    "DocumentCounts",
    "FeeItems",
    "Fees",
    "Finding",
    "ItemChanges",
    "NotProcessed",
    "OtherHandling",
    "ParseError",
    "ProcessingFees",
    "Procurement",
    "Publications",
    "Report",
    "ReviewCounts",
    "Reviews",
    "Section",
    "Severity",
    "Side",
    "Tally",
    "Template",
    "Unavailable",
    "Withheld",
    "__version__",
    "arrow_schema",
    "audit",
    "audit_columns",
    "audit_css",
    "columns",
    "input_warnings",
    "parse_bytes",
    "parse_file",
    "parse_files",
    "parse_many",
    "parse_report",
    "schema",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "to_rows",
    "to_text",
]
