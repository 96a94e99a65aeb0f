"""The typed report model.

Every class mirrors a type of the Rust crate and its fields are the keys of the JSON
shape (``output-schema.md``): ``to_dict()`` gives exactly that shape, ``from_dict()``
reads it back (checking it). A value the report does not give is ``None``, never 0.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar, Union

__all__ = [
    "ActiveDisclosure",
    "ActiveDisclosure2019",
    "ActiveDisclosure2021",
    "Applications",
    "Counts",
    "Decisions",
    "Diagnostic",
    "DocumentCounts",
    "FeeItems",
    "Fees",
    "ItemChanges",
    "NotProcessed",
    "OtherHandling",
    "ProcessingFees",
    "Procurement",
    "Publications",
    "Report",
    "ReviewCounts",
    "Reviews",
    "Section",
    "Severity",
    "Template",
    "Unavailable",
    "Withheld",
]

_M = TypeVar("_M", bound="_Model")


class Template(str, enum.Enum):
    """The national table format a report follows (compares equal to its JSON string).

    ``Template.T2021 == "2021"``: 国办公开办函〔2021〕30号, report years 2021 and later.
    ``Template.T2019 == "2019"``: 国办公开办函〔2019〕60号, report years 2019 and 2020.
    """

    T2021 = "2021"
    T2019 = "2019"

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"Template.{self.name}"


class Severity(str, enum.Enum):
    """How serious a :class:`Diagnostic` is (compares equal to its JSON string).

    ``ERROR == "error"``: the report contradicts itself or the template.
    ``WARNING == "warning"``: probably wrong, or could not be checked.
    ``INFO == "info"``: for information.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"Severity.{self.name}"


class _Model:
    """Base of the model classes: conversion to and from the JSON shape."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """This object as plain dicts, lists, str, int, float and None: exactly the JSON
        shape of ``output-schema.md`` (the crate's serde serialisation)."""
        return typing.cast("dict[str, Any]", _to_plain(self))

    def to_json(self, *, indent: int | None = None) -> str:
        """``to_dict()`` as JSON text (UTF-8 characters kept, not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls: type[_M], data: Mapping[str, Any]) -> _M:
        """Build this object from its JSON shape (for example the CLI's JSON output, or
        ``to_dict()``). Raises ``ValueError`` naming the first key that does not fit."""
        return typing.cast(_M, _converter(cls)(data, cls.__name__))

    @classmethod
    def from_json(cls: type[_M], text: str | bytes) -> _M:
        """Build this object from JSON text (see :meth:`from_dict`)."""
        return cls.from_dict(json.loads(text))


# --------------------------------------------------------------------------------------
# Part 二 (主动公开政府信息情况), template 2021.


@dataclasses.dataclass(frozen=True, slots=True)
class DocumentCounts(_Model):
    """规章 / 行政规范性文件 (template 2021).

    Attributes:
        issued: 本年制发件数.
        repealed: 本年废止件数.
        in_force: 现行有效件数.
    """

    issued: int | None
    repealed: int | None
    in_force: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Decisions(_Model):
    """行政许可 / 行政处罚 / 行政强制 (template 2021).

    Attributes:
        decisions: 本年处理决定数量.
    """

    decisions: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Fees(_Model):
    """行政事业性收费 (template 2021).

    Attributes:
        amount: 本年收费金额 in 万元 (an int when printed without decimals).
    """

    amount: int | float | None


@dataclasses.dataclass(frozen=True, slots=True)
class ActiveDisclosure2021(_Model):
    """Table of part 二 (主动公开政府信息情况), template 2021.

    Attributes:
        regulations: 规章.
        normative_documents: 行政规范性文件.
        licensing: 行政许可.
        penalty: 行政处罚.
        coercion: 行政强制.
        fees: 行政事业性收费.
    """

    regulations: DocumentCounts
    normative_documents: DocumentCounts
    licensing: Decisions
    penalty: Decisions
    coercion: Decisions
    fees: Fees


# --------------------------------------------------------------------------------------
# Part 二, template 2019.


@dataclasses.dataclass(frozen=True, slots=True)
class Publications(_Model):
    """规章 / 规范性文件 (template 2019).

    Attributes:
        made: 本年新制作数量.
        published: 本年新公开数量.
        total_published: 对外公开总数量.
    """

    made: int | None
    published: int | None
    total_published: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class ItemChanges(_Model):
    """行政许可 / 其他对外管理服务事项 / 行政处罚 / 行政强制 (template 2019).

    Attributes:
        previous_items: 上一年项目数量.
        change: 本年增/减 (signed).
        decisions: 处理决定数量.
    """

    previous_items: int | None
    change: int | None
    decisions: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class FeeItems(_Model):
    """行政事业性收费 (template 2019).

    Attributes:
        previous_items: 上一年项目数量.
        change: 本年增/减 (signed).
    """

    previous_items: int | None
    change: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Procurement(_Model):
    """政府集中采购 (template 2019).

    Attributes:
        items: 采购项目数量.
        amount: 采购总金额, the number as printed (the template fixes no unit).
    """

    items: int | None
    amount: int | float | None


@dataclasses.dataclass(frozen=True, slots=True)
class ActiveDisclosure2019(_Model):
    """Table of part 二 (主动公开政府信息情况), template 2019.

    Attributes:
        regulations: 规章.
        normative_documents: 规范性文件.
        licensing: 行政许可.
        other_services: 其他对外管理服务事项.
        penalty: 行政处罚.
        coercion: 行政强制.
        fees: 行政事业性收费.
        procurement: 政府集中采购.
    """

    regulations: Publications
    normative_documents: Publications
    licensing: ItemChanges
    other_services: ItemChanges
    penalty: ItemChanges
    coercion: ItemChanges
    fees: FeeItems
    procurement: Procurement


ActiveDisclosure = Union[ActiveDisclosure2021, ActiveDisclosure2019]
"""Table of part 二 in either template: see :attr:`Report.template`."""


# --------------------------------------------------------------------------------------
# Part 三 (收到和处理政府信息公开申请情况).


@dataclasses.dataclass(frozen=True, slots=True)
class Counts(_Model):
    """One row of part 三 over the seven applicant columns.

    Attributes:
        natural_person: 自然人.
        commercial_enterprise: 商业企业.
        research_institution: 科研机构.
        social_welfare_org: 社会公益组织.
        legal_service_org: 法律服务机构.
        other_org: 其他 (法人或其他组织).
        total: 总计.
    """

    natural_person: int | None
    commercial_enterprise: int | None
    research_institution: int | None
    social_welfare_org: int | None
    legal_service_org: int | None
    other_org: int | None
    total: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Withheld(_Model):
    """（三）不予公开 and its eight reasons.

    Attributes:
        state_secret: 1.属于国家秘密.
        prohibited_by_law: 2.其他法律行政法规禁止公开.
        security_stability: 3.危及"三安全一稳定".
        third_party_rights: 4.保护第三方合法权益.
        internal_affairs: 5.属于三类内部事务信息.
        process_information: 6.属于四类过程性信息.
        enforcement_files: 7.属于行政执法案卷.
        administrative_query: 8.属于行政查询事项.
    """

    state_secret: Counts | None
    prohibited_by_law: Counts | None
    security_stability: Counts | None
    third_party_rights: Counts | None
    internal_affairs: Counts | None
    process_information: Counts | None
    enforcement_files: Counts | None
    administrative_query: Counts | None


@dataclasses.dataclass(frozen=True, slots=True)
class Unavailable(_Model):
    """（四）无法提供 and its three reasons.

    Attributes:
        not_held: 1.本机关不掌握相关政府信息.
        needs_creation: 2.没有现成信息需要另行制作.
        still_unclear: 3.补正后申请内容仍不明确.
    """

    not_held: Counts | None
    needs_creation: Counts | None
    still_unclear: Counts | None


@dataclasses.dataclass(frozen=True, slots=True)
class NotProcessed(_Model):
    """（五）不予处理 and its five reasons.

    Attributes:
        complaint_petition: 1.信访举报投诉类申请.
        duplicate: 2.重复申请.
        publication: 3.要求提供公开出版物.
        excessive: 4.无正当理由大量反复申请.
        confirmation: 5.要求行政机关确认或重新出具已获取信息.
    """

    complaint_petition: Counts | None
    duplicate: Counts | None
    publication: Counts | None
    excessive: Counts | None
    confirmation: Counts | None


@dataclasses.dataclass(frozen=True, slots=True)
class OtherHandling(_Model):
    """（六）其他处理. In the 2019 template it is one row, stored in ``other``.

    Attributes:
        overdue_correction: 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请.
        overdue_fee: 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请.
        other: 3.其他 (or the whole single row of the 2019 template).
    """

    overdue_correction: Counts | None
    overdue_fee: Counts | None
    other: Counts | None


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Applications(_Model):
    """Table of part 三 (收到和处理政府信息公开申请情况).

    Attributes:
        new_received: 一、本年新收政府信息公开申请数量.
        carried_over: 二、上年结转政府信息公开申请数量.
        granted: 三（一）予以公开.
        partially_granted: 三（二）部分公开.
        withheld: 三（三）不予公开.
        unavailable: 三（四）无法提供.
        not_processed: 三（五）不予处理.
        other_handling: 三（六）其他处理.
        processed_total: 三（七）总计.
        carried_forward: 四、结转下年度继续办理.
    """

    new_received: Counts | None
    carried_over: Counts | None
    granted: Counts | None
    partially_granted: Counts | None
    withheld: Withheld
    unavailable: Unavailable
    not_processed: NotProcessed
    other_handling: OtherHandling
    processed_total: Counts | None
    carried_forward: Counts | None

    def __repr__(self) -> str:
        def total(c: Counts | None) -> str:
            return "None" if c is None else repr(c.total)

        return (
            f"<Applications new_received.total={total(self.new_received)}"
            f" carried_over.total={total(self.carried_over)}"
            f" processed_total.total={total(self.processed_total)}"
            f" carried_forward.total={total(self.carried_forward)}>"
        )


# --------------------------------------------------------------------------------------
# Part 四 (政府信息公开行政复议、行政诉讼情况).


@dataclasses.dataclass(frozen=True, slots=True)
class ReviewCounts(_Model):
    """The five outcome columns of one group of part 四.

    Attributes:
        upheld: 结果维持.
        corrected: 结果纠正.
        other: 其他结果.
        pending: 尚未审结.
        total: 总计.
    """

    upheld: int | None
    corrected: int | None
    other: int | None
    pending: int | None
    total: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Reviews(_Model):
    """Table of part 四 (政府信息公开行政复议、行政诉讼情况).

    Attributes:
        administrative_review: 行政复议.
        litigation_direct: 行政诉讼 · 未经复议直接起诉.
        litigation_after_review: 行政诉讼 · 复议后起诉.
    """

    administrative_review: ReviewCounts
    litigation_direct: ReviewCounts
    litigation_after_review: ReviewCounts


@dataclasses.dataclass(frozen=True, slots=True)
class ProcessingFees(_Model):
    """信息处理费收取情况 (reports for 2025 on, where present).

    Attributes:
        notified_count: 通知收取件数.
        notified_amount: 通知收取金额（元）, in yuan as printed.
        collected_amount: 实际收取金额（元）, in yuan as printed.
    """

    notified_count: int | None
    notified_amount: int | float | None
    collected_amount: int | float | None


# --------------------------------------------------------------------------------------
# The report.


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Section(_Model):
    """One numbered part (一 … 六) of the report.

    Attributes:
        number: 1 for 一, … 6 for 六.
        heading: The heading as written, without its ordinal (``总体情况``).
        text: The prose of the part, with its table removed.
        line: 1-based line of the heading.
    """

    number: int
    heading: str
    text: str
    line: int

    def __repr__(self) -> str:
        return (
            f"<Section {self.number} {self.heading!r} line={self.line}"
            f" text={len(self.text)} chars>"
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Diagnostic(_Model):
    """One problem found in a report.

    Attributes:
        code: Stable dotted id that programs can match on (``applications.balance``);
            the list of codes is in the Rust crate's documentation (``nianbao::codes``).
        severity: :class:`Severity`.
        message: For people, in Chinese: which cells and which values.
        line: 1-based line of the cell or label concerned, or None.
        column: 1-based column (in characters) of the cell or label concerned, or None.
        page: 1-based page of the cell or label concerned where the input was a PDF,
            else None.
    """

    code: str
    severity: Severity
    message: str
    line: int | None
    column: int | None
    page: int | None


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Report(_Model):
    """A parsed 政府信息公开工作年度报告.

    Attributes:
        title: The title as printed, its lines joined, or None.
        agency: The reporting body (重庆市綦江区公安局), or None.
        year: The year reported on (not the year of publication), or None.
        published: Date of issue as ``YYYY-MM-DD`` (the page's 发布日期 line, else the
            signature date), or None.
        template: Which national table format the tables follow
            (:class:`Template`), detected from the table headers, or None.
        sections: The numbered parts 一 … 六 in document order.
        active_disclosure: Table of part 二: :class:`ActiveDisclosure2021` or
            :class:`ActiveDisclosure2019` (after ``template``), or None.
        applications: Table of part 三, or None.
        reviews: Table of part 四, or None.
        processing_fees: The 信息处理费收取情况 table some reports for 2025 on add, or
            None.
        diagnostics: Every problem found, most severe first.
    """

    title: str | None
    agency: str | None
    year: int | None
    published: str | None
    template: Template | None
    sections: tuple[Section, ...]
    active_disclosure: ActiveDisclosure2021 | ActiveDisclosure2019 | None
    applications: Applications | None
    reviews: Reviews | None
    processing_fees: ProcessingFees | None
    diagnostics: tuple[Diagnostic, ...]

    def has_errors(self) -> bool:
        """Whether any diagnostic has severity :attr:`Severity.ERROR`."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def diagnostics_of(self, severity: Severity | str) -> Iterator[Diagnostic]:
        """The diagnostics of one severity (``Severity.ERROR`` or ``"error"``, …), in
        report order."""
        wanted = Severity(severity)
        return (d for d in self.diagnostics if d.severity is wanted)

    def __repr__(self) -> str:
        counts = {s: 0 for s in Severity}
        for d in self.diagnostics:
            counts[d.severity] += 1
        template = None if self.template is None else self.template.value
        return (
            f"<Report agency={self.agency!r} year={self.year!r} template={template!r}"
            f" published={self.published!r} sections={[s.number for s in self.sections]}"
            f" diagnostics: {counts[Severity.ERROR]} error(s),"
            f" {counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info>"
        )


# --------------------------------------------------------------------------------------
# Conversion between the model and its JSON shape.

_Convert = Callable[[Any, str], Any]
"""Checks and converts one JSON value; the second argument names it in errors."""


def _to_plain(value: Any) -> Any:
    if isinstance(value, _Model):
        return {name: _to_plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, tuple):
        return [_to_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_CONVERTERS: dict[Any, _Convert] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _fail(where: str, expected: str, value: Any) -> ValueError:
    return ValueError(f"{where}: expected {expected}, got {value!r:.80}")


def _int(value: Any, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _fail(where, "an integer", value)


def _number(value: Any, where: str) -> int | float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise _fail(where, "a number", value)


def _str(value: Any, where: str) -> str:
    if isinstance(value, str):
        return value
    raise _fail(where, "a string", value)


def _converter(tp: Any) -> _Convert:
    """The converter for one annotation of the model (built once per annotation)."""
    convert = _CONVERTERS.get(tp)
    if convert is None:
        convert = _CONVERTERS[tp] = _build_converter(tp)
    return convert


def _build_converter(tp: Any) -> _Convert:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _union_converter(tuple(options))
        if len(options) == len(typing.get_args(tp)):
            return inner
        return lambda value, where: None if value is None else inner(value, where)
    if origin is tuple:
        item = _converter(typing.get_args(tp)[0])

        def convert_tuple(value: Any, where: str) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise _fail(where, "a list", value)
            return tuple(item(v, f"{where}[{i}]") for i, v in enumerate(value))

        return convert_tuple
    if tp is int:
        return _int
    if tp is str:
        return _str
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        enum_type = tp

        def convert_enum(value: Any, where: str) -> enum.Enum:
            try:
                return enum_type(value)
            except ValueError:
                options = ", ".join(repr(m.value) for m in enum_type)
                raise _fail(where, f"one of {options}", value) from None

        return convert_enum
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass_converter(tp)
    raise TypeError(f"no converter for {tp!r}")  # a bug in this module


def _union_converter(options: tuple[Any, ...]) -> _Convert:
    if set(options) == {int, float}:
        return _number
    if len(options) == 1:
        return _converter(options[0])
    # Classes told apart by their keys (the untagged ActiveDisclosure of the crate).
    by_keys = {frozenset(_field_names(cls)): _converter(cls) for cls in options}
    names = " or ".join(cls.__name__ for cls in options)

    def convert_union(value: Any, where: str) -> Any:
        if not isinstance(value, Mapping):
            raise _fail(where, f"an object ({names})", value)
        convert = by_keys.get(frozenset(value))
        if convert is None:
            raise _fail(where, f"the keys of {names}", sorted(value))
        return convert(value, where)

    return convert_union


def _dataclass_converter(cls: type) -> _Convert:
    # The annotations name this module's classes (whatever cls.__module__ says).
    hints = typing.get_type_hints(cls, globalns=globals())
    fields = [(name, _converter(hints[name])) for name in _field_names(cls)]
    names = frozenset(_field_names(cls))

    def convert(value: Any, where: str) -> Any:
        if not isinstance(value, Mapping):
            raise _fail(where, f"an object ({cls.__name__})", value)
        if value.keys() != names:
            missing = sorted(names - value.keys())
            unknown = sorted(set(value.keys()) - names)
            raise ValueError(
                f"{where}: not the shape of {cls.__name__}"
                + (f"; missing keys {missing}" if missing else "")
                + (f"; unknown keys {unknown}" if unknown else "")
            )
        return cls(**{name: conv(value[name], f"{where}.{name}") for name, conv in fields})

    return convert
