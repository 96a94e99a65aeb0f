"""The two enums of the model: ``str`` enums that compare equal to their JSON strings.

The attribute values of the model classes (``Report.template``,
``Diagnostic.severity``) are these members; ``test_api.py`` checks that their values
are the Rust model's (``_native._enum_values()``).
"""

from __future__ import annotations

import enum

__all__ = ["Severity", "Template"]


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
