"""Checks across reports: :func:`audit` and its typed result.

The checks are the Rust crate's ``nianbao::audit`` (its documentation lists every rule,
``nianbao::codes`` every code); this module turns its result into typed, immutable
objects, flat rows for pandas, and the readable HTML report.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Union

from . import _native
from ._errors import ParseError
from ._enums import Severity, Template
from ._native import Diagnostic, Report

__all__ = [
    "Audit",
    "AuditBody",
    "AuditReport",
    "BodyKind",
    "Finding",
    "Side",
    "Tally",
    "audit",
    "audit_columns",
    "audit_css",
]

#: File extensions read when a directory is walked (as the CLI does).
_WALK = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")

AuditItem = Union[Report, str, os.PathLike[str], tuple[str, Union[Report, str, os.PathLike[str]]]]
"""One item of :func:`audit`: a :class:`Report`, the path of a report file or of a
directory of them, or a pair ``(source, report or path)``."""


class BodyKind(str, enum.Enum):
    """The kind of body, which sets the deadline of its report (条例 第四十九条).

    ``GOVERNMENT == "government"``: a 县级以上人民政府, due by 3月31日 of the next year.
    ``DEPARTMENT == "department"``: a department (部门), due by 1月31日.
    """

    GOVERNMENT = "government"
    DEPARTMENT = "department"

    def __str__(self) -> str:
        return self.value


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclasses.dataclass(frozen=True, slots=True)
class Tally:
    """Counts of findings by severity."""

    errors: int
    warnings: int
    infos: int

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Tally:
        return cls(int(d["errors"]), int(d["warnings"]), int(d["infos"]))


@dataclasses.dataclass(frozen=True, slots=True)
class Side:
    """One side of a finding: a report and the cell or field of it that is compared.

    Attributes:
        report: Index of the report in :attr:`Audit.reports`.
        source: Where the report came from (its path or name).
        year: The report's year.
        path: Dotted path of the cell (``applications.carried_over.total``,
            ``published``, ``sections.1``), or None for the report as a whole.
        label: The path in Chinese (表三“二、上年结转政府信息公开申请数量”总计).
        value: The value compared (a count, or text such as a date), or None when blank.
        line: 1-based line of the cell in the report's text (None when unknown, e.g.
            for a report given as a :class:`Report` object rather than a file).
        column: 1-based column of the cell.
        page: 1-based page, where the report was a PDF.
    """

    report: int
    source: str
    year: int | None
    path: str | None
    label: str | None
    value: int | str | None
    line: int | None
    column: int | None
    page: int | None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Side:
        value = d["value"]
        return cls(
            report=int(d["report"]),
            source=str(d["source"]),
            year=_opt_int(d["year"]),
            path=_opt_str(d["path"]),
            label=_opt_str(d["label"]),
            value=value if value is None or isinstance(value, (int, str)) else str(value),
            line=_opt_int(d["line"]),
            column=_opt_int(d["column"]),
            page=_opt_int(d["page"]),
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Finding:
    """A finding across reports: a :class:`Diagnostic` (code, severity, Chinese message
    naming both reports, years, cells and values; ``line``/``column`` of the first side)
    and the sides it compares, the first being the report it is about (for a check
    across years: the later year).

    Attributes:
        diagnostic: Code, severity, message and position.
        body: The key of the body concerned, or None (an ungrouped report).
        year: The year concerned.
        sides: The reports and cells compared.
    """

    diagnostic: Diagnostic
    body: str | None
    year: int | None
    sides: tuple[Side, ...]

    @property
    def code(self) -> str:
        """``diagnostic.code`` (``series.carry_chain``, …)."""
        return self.diagnostic.code

    @property
    def severity(self) -> Severity:
        """``diagnostic.severity``."""
        return self.diagnostic.severity

    @property
    def message(self) -> str:
        """``diagnostic.message``."""
        return self.diagnostic.message

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Finding:
        return cls(
            diagnostic=Diagnostic.from_dict(d["diagnostic"]),
            body=_opt_str(d["body"]),
            year=_opt_int(d["year"]),
            sides=tuple(Side.from_dict(s) for s in d["sides"]),
        )


@dataclasses.dataclass(frozen=True, slots=True)
class AuditReport:
    """What the audit says about one report.

    Attributes:
        source: Where it came from. agency, year, published, template: as in the report.
        body: The key of its body, or None when it is not grouped.
        copy_of: Index of the report of the same body and year used for the checks
            across years, when this one is a second report of that year.
        errors, warnings: The report's own error and warning diagnostics.
        findings: The findings of the audit that name it, by severity.
        status: ``ERROR`` (errors of its own or an error finding), ``WARNING`` (a
            warning finding) or ``INFO`` (nothing to fix).
        new_received, granted, carried_forward: 表三 totals of 一、本年新收, （一）予以公开
            and 四、结转下年度继续办理.
    """

    source: str
    agency: str | None
    year: int | None
    published: str | None
    template: Template | None
    body: str | None
    copy_of: int | None
    errors: int
    warnings: int
    findings: Tally
    status: Severity
    new_received: int | None
    granted: int | None
    carried_forward: int | None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AuditReport:
        return cls(
            source=str(d["source"]),
            agency=_opt_str(d["agency"]),
            year=_opt_int(d["year"]),
            published=_opt_str(d["published"]),
            template=None if d["template"] is None else Template(d["template"]),
            body=_opt_str(d["body"]),
            copy_of=_opt_int(d["copy_of"]),
            errors=int(d["errors"]),
            warnings=int(d["warnings"]),
            findings=Tally.from_dict(d["findings"]),
            status=Severity(d["status"]),
            new_received=_opt_int(d["new_received"]),
            granted=_opt_int(d["granted"]),
            carried_forward=_opt_int(d["carried_forward"]),
        )


@dataclasses.dataclass(frozen=True, slots=True)
class AuditBody:
    """One body (机关) and its reports.

    Attributes:
        key: The grouping key: given by the caller, or the fullest normalised name.
        names: The agency names its reports print.
        kind: :class:`BodyKind`, or None when it cannot be told (a 镇, 乡 or 街道).
        reports: Its reports (indices into :attr:`Audit.reports`), by year.
        years: The years it has reports for.
    """

    key: str
    names: tuple[str, ...]
    kind: BodyKind | None
    reports: tuple[int, ...]
    years: tuple[int, ...]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AuditBody:
        return cls(
            key=str(d["key"]),
            names=tuple(str(n) for n in d["names"]),
            kind=None if d["kind"] is None else BodyKind(d["kind"]),
            reports=tuple(int(r) for r in d["reports"]),
            years=tuple(int(y) for y in d["years"]),
        )


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Audit:
    """The result of :func:`audit`.

    Attributes:
        reports: Every report audited, in input order (sides refer to them by index).
        bodies: The bodies, by key.
        ungrouped: Indices of the reports without agency or year (not compared).
        findings: Every finding, by body, most severe first.
        failures: The inputs that could not be read or are not reports: pairs
            ``(source, exception)`` (:class:`ParseError` or ``OSError``). Not part of
            ``to_dict()``.
    """

    reports: tuple[AuditReport, ...]
    bodies: tuple[AuditBody, ...]
    ungrouped: tuple[int, ...]
    findings: tuple[Finding, ...]
    failures: tuple[tuple[str, ParseError | OSError], ...] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Audit:
        """Build the audit from its JSON shape (``to_dict()``, ``nianbao audit --json``)."""
        return cls(
            reports=tuple(AuditReport.from_dict(r) for r in d["reports"]),
            bodies=tuple(AuditBody.from_dict(b) for b in d["bodies"]),
            ungrouped=tuple(int(i) for i in d["ungrouped"]),
            findings=tuple(Finding.from_dict(f) for f in d["findings"]),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Audit:
        """Build the audit from JSON text (``nianbao audit --json``)."""
        return cls.from_dict(json.loads(text))

    def to_dict(self) -> dict[str, Any]:
        """The audit as plain dicts and lists: the JSON shape of the Rust crate's
        ``Audit`` (and of ``nianbao audit --json``)."""
        return {
            "reports": _plain(self.reports),
            "bodies": _plain(self.bodies),
            "ungrouped": list(self.ungrouped),
            "findings": _plain(self.findings),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """``to_dict()`` as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_rows(self) -> list[dict[str, str | int | None]]:
        """One flat dict per finding, ready for ``pandas.DataFrame(rows)``: the columns
        of :func:`audit_columns` (``body``, ``year``, ``severity``, ``code``, ``message``,
        ``file``, ``line``, ``column``, ``page``, ``cell``, ``label``, ``value``, the same
        for the other side ``other_*``, ``sides``) — the CLI's ``audit --csv``."""
        return _native.audit_rows(self.to_dict())

    def to_html(self, *, fragment: bool = False) -> str:
        """The readable audit report: one self-contained HTML document (bodies × years
        with a status per report, every finding with its cells highlighted, a chart per
        body), or with ``fragment=True`` only its ``<div class="nb-audit">`` (style it
        with :func:`nianbao.audit_css`)."""
        return _native.audit_html(self.to_dict(), fragment)

    def has_errors(self) -> bool:
        """Whether any finding is an error."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def findings_with_code(self, code: str) -> list[Finding]:
        """The findings with one code, in order."""
        return [f for f in self.findings if f.code == code]

    def body(self, key: str) -> AuditBody | None:
        """The body with this key."""
        return next((b for b in self.bodies if b.key == key), None)

    def __repr__(self) -> str:
        counts = {s: 0 for s in Severity}
        for f in self.findings:
            counts[f.severity] += 1
        return (
            f"<Audit reports={len(self.reports)} bodies={len(self.bodies)}"
            f" findings: {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]}"
            f" warning(s), {counts[Severity.INFO]} info; failures={len(self.failures)}>"
        )


def _walk(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and not path.is_symlink():
            yield from _walk(path)
        elif path.is_file() and path.suffix.lower() in _WALK:
            yield path


def _items(reports_or_paths: Iterable[AuditItem]) -> list[tuple[str, Any]]:
    if isinstance(reports_or_paths, (Report, str, bytes, os.PathLike)):
        raise TypeError(
            "audit() takes a list of reports or paths, not one; wrap it: audit([x])"
        )
    items: list[tuple[str, Any]] = []
    for i, item in enumerate(reports_or_paths):
        source: str | None = None
        if isinstance(item, tuple):
            if len(item) != 2 or not isinstance(item[0], str):
                raise TypeError(f"audit() item {i}: a pair must be (source: str, report or path)")
            source, item = item
        if isinstance(item, Report):
            # the Report object itself: the native module reads its Rust report
            items.append((source or f"report {i + 1}", item))
        elif isinstance(item, (str, os.PathLike)):
            path = Path(item)
            if path.is_dir():
                items.extend((str(p), p) for p in _walk(path))
            else:
                items.append((source or str(item), path))
        else:
            raise TypeError(
                f"audit() item {i}: expected a nianbao.Report, a path (str or os.PathLike)"
                f" or a pair (source, report or path), got {type(item).__name__}"
            )
    return items


def audit(
    reports_or_paths: Iterable[AuditItem],
    hierarchy: str | os.PathLike[str] | Iterable[tuple[str, str]] | None = None,
    *,
    aliases: str | os.PathLike[str] | Mapping[str, str] | None = None,
    kinds: Mapping[str, BodyKind | str] | None = None,
    text_reuse_threshold: float = 0.5,
    threads: int | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> Audit:
    """Check reports against each other: each body's reports across the years
    (上年结转 against last year's 结转下年度 per column, 现行有效件数, text copied from
    last year, missing years), two reports for one body and year, publication
    deadlines, and — with a ``hierarchy`` — parents' 表三 against the sum of their
    children's. Every rule is in the Rust crate's ``nianbao::audit`` documentation.

    ``reports_or_paths`` holds :class:`Report` objects, paths of report files (any
    kind :func:`parse_file` reads) or of directories (walked for .txt, .md, .html,
    .docx, .pdf, as the CLI does), or pairs ``(source, report or path)`` naming them. Files
    are parsed on ``threads`` threads (default: every core) with the GIL released,
    and their findings give each cell's line and column; a :class:`Report` object has
    no positions (``line`` is None). Files that cannot be read or are not reports are
    left out and listed in :attr:`Audit.failures`. ``progress(done, total)``, if given,
    is called while the files are parsed (``total`` is the number of files), as in
    :func:`parse_files`; Ctrl-C stops the parsing.

    ``hierarchy`` is the path of a CSV file of ``parent,child`` lines, or
    ``(parent, child)`` pairs (names or keys of bodies). ``aliases`` maps printed agency
    names to body keys (a mapping, or the path of a CSV ``name,key[,kind]``): use it
    for a body renamed between years. ``kinds`` sets the kind of a body (its key or
    name → ``"government"`` or ``"department"``). Raises :class:`ParseError` with code
    ``"csv"`` for a CSV line that cannot be read, ``ValueError`` for a bad kind.

    Example::

        result = nianbao.audit(["reports/2023", "reports/2024"], "hierarchy.csv")
        for f in result.findings:
            print(f.severity, f.code, f.sides[0].source, f.diagnostic.line, f.message)
        pandas.DataFrame(result.to_rows())
        Path("audit.html").write_text(result.to_html(), encoding="utf-8")
    """
    items = _items(reports_or_paths)
    if isinstance(hierarchy, (str, os.PathLike)):
        h: Any = Path(hierarchy).read_text(encoding="utf-8-sig")
    elif hierarchy is None:
        h = None
    else:
        h = [(str(p), str(c)) for p, c in hierarchy]
    if isinstance(aliases, (str, os.PathLike)):
        a: Any = Path(aliases).read_text(encoding="utf-8-sig")
    else:
        a = None if aliases is None else {str(k): str(v) for k, v in aliases.items()}
    k = None if kinds is None else {str(name): str(BodyKind(kind)) for name, kind in kinds.items()}
    result, failed = _native.audit(items, h, a, k, text_reuse_threshold, threads, progress)
    done = Audit.from_dict(result)
    failures = tuple((items[i][0], err) for i, err in failed)
    return dataclasses.replace(done, failures=failures)


def audit_columns() -> list[str]:
    """The column names of :meth:`Audit.to_rows`, in order (the CLI's ``audit --csv``)."""
    return _native.audit_columns()


def audit_css() -> str:
    """The style sheet of the audit report, for :meth:`Audit.to_html` with
    ``fragment=True`` inside a page of your own (every rule is scoped to ``.nb-audit``)."""
    return _native.audit_css()
