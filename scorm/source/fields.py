"""Typed reading of YAML fields that records a located finding for every wrong or missing value.

Reading never stops at the first problem: a reader returns ``None`` (or a default) for a bad
field and goes on, so that one validation run lists everything a coordinator has to fix.
"""
from __future__ import annotations

import re
from typing import Any

from .model import Severity, SourceFinding
from .yaml_lines import YamlList, YamlMap

IDENTIFIER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Findings:
    """The findings of one validation run, in the order they were found."""

    def __init__(self) -> None:
        self.items: list[SourceFinding] = []

    def error(self, file: str, line: int, message: str) -> None:
        """Record a problem that stops the build."""
        self.items.append(SourceFinding(file, line, message, Severity.ERROR))

    def warning(self, file: str, line: int, message: str) -> None:
        """Record a problem the build can live with."""
        self.items.append(SourceFinding(file, line, message, Severity.WARNING))

    @property
    def errors(self) -> list[SourceFinding]:
        """The findings that stop the build."""
        return [item for item in self.items if item.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[SourceFinding]:
        """The findings that do not stop the build."""
        return [item for item in self.items if item.severity is Severity.WARNING]


class FieldReader:
    """Reads fields of the YAML mappings of one file, recording findings against that file."""

    def __init__(self, file: str, findings: Findings) -> None:
        self.file = file
        self.findings = findings

    def error(self, line: int, message: str) -> None:
        """Record an error in this file."""
        self.findings.error(self.file, line, message)

    def mapping(self, value: Any, line: int, what: str) -> YamlMap | None:
        """``value`` if it is a mapping, else None and an error."""
        if isinstance(value, YamlMap):
            return value
        self.error(line, f"{what} must be a mapping of 'name: value' lines")
        return None

    def check_keys(self, data: YamlMap, required: tuple[str, ...], optional: tuple[str, ...],
                   what: str) -> None:
        """Errors for missing and duplicate keys; a warning for each unknown key (a typo?)."""
        for key, line in data.duplicate_keys:
            self.error(line, f"{what}: '{key}' is given twice")
        for key in required:
            if key not in data:
                self.error(data.line, f"{what}: required field '{key}' is missing")
        known = required + optional
        for key in data:
            if key not in known:
                self.findings.warning(self.file, data.line_of(key),
                                      f"{what}: unknown field '{key}' is ignored "
                                      f"(known fields: {', '.join(known)})")

    def text(self, data: YamlMap, key: str, what: str, default: str | None = None) -> str | None:
        """A non-empty string field; ``default`` when absent, None (and an error) when wrong."""
        if key not in data:
            return default
        value = data[key]
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.error(data.line_of(key), f"{what}: '{key}' must be non-empty text")
        return None

    def boolean(self, data: YamlMap, key: str, what: str, default: bool | None) -> bool | None:
        """A true/false field; ``default`` when absent, None (and an error) when wrong."""
        if key not in data:
            return default
        value = data[key]
        if isinstance(value, bool):
            return value
        self.error(data.line_of(key), f"{what}: '{key}' must be true or false, not {value!r}")
        return None

    def number(self, data: YamlMap, key: str, what: str, minimum: float | None = None,
               maximum: float | None = None) -> float | None:
        """A number field within [minimum, maximum]; None (and an error) when wrong or absent."""
        value = data.get(key)
        line = data.line_of(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(line, f"{what}: '{key}' must be a number, not {value!r}")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = f"between {_plain(minimum)} and {_plain(maximum)}" if maximum is not None \
                else f"at least {_plain(minimum)}"
            self.error(line, f"{what}: '{key}' must be {bounds}, not {_plain(value)}")
            return None
        return value

    def text_list(self, value: Any, line: int, what: str) -> tuple[str, ...] | None:
        """A list of non-empty strings; None (and an error) when wrong."""
        if not isinstance(value, YamlList):
            self.error(line, f"{what} must be a list, e.g. [first, second]")
            return None
        result = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) \
                    or not str(item).strip():
                self.error(value.line_of(index), f"{what}: item {index + 1} must be non-empty text")
                return None
            result.append(str(item).strip())
        return tuple(result)

    def identifier(self, data: YamlMap, key: str, what: str) -> str | None:
        """A lower-case identifier made of [a-z0-9-]; None (and an error) when wrong or absent."""
        value = data.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) \
                and IDENTIFIER.match(str(value)):
            return str(value)
        self.error(data.line_of(key),
                   f"{what}: '{key}' must use only a-z, 0-9 and inner hyphens, not {value!r}")
        return None


def _plain(number: float | None) -> str:
    if isinstance(number, float) and number.is_integer():
        return str(int(number))
    return str(number)
