"""The reading context shared by the manifest readers: notes and typed attribute values."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import partial
from typing import TypeVar

from lxml import etree

from scorm.manifest.notes import NoteKind, ParseNote, SourceRef
from scorm.manifest.xmltree import Family, attribute, element_path

E = TypeVar("E", bound=Enum)
_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


def source_of(element: etree._Element) -> SourceRef:
    """Where ``element`` is; its element path is worked out only if someone asks for it."""
    return SourceRef(element.sourceline, resolve_path=partial(element_path, element))


@dataclass
class ReadContext:
    """Collects what the tolerant reader accepted; ``is_2004`` selects the spelling rules."""

    is_2004: bool
    is_4th_edition: bool = False
    notes: list[ParseNote] = field(default_factory=list)
    invalid_kind: NoteKind = NoteKind.VALUE_INVALID
    """The note kind for an unreadable value (sequencing values are stricter than others)."""

    def note(self, kind: NoteKind, element: etree._Element, detail: str) -> None:
        self.notes.append(ParseNote(kind, source_of(element), detail))

    def boolean(self, element: etree._Element, name: str, default: bool,
                family: Family | None = None, kind: NoteKind | None = None) -> bool:
        raw = attribute(element, name, family)
        if raw is None:
            return default
        value = raw.strip().lower()
        if value in _TRUE or value in _FALSE:
            return value in _TRUE
        self.note(kind or self.invalid_kind, element,
                  f"{name}={raw!r} is not a boolean; using {str(default).lower()}")
        return default

    def number(self, element: etree._Element, name: str, default: float | None,
               family: Family | None = None, kind: NoteKind | None = None,
               ) -> float | None:
        raw = attribute(element, name, family)
        if raw is None:
            return default
        return self.number_text(element, name, raw, default, kind)

    def number_text(self, element: etree._Element, name: str, raw: str,
                    default: float | None, kind: NoteKind | None = None,
                    ) -> float | None:
        try:
            return float(raw.strip())
        except ValueError:
            self.note(kind or self.invalid_kind, element,
                      f"{name}={raw!r} is not a number; using {default}")
            return default

    def integer(self, element: etree._Element, name: str, default: int | None,
                kind: NoteKind | None = None) -> int | None:
        raw = attribute(element, name)
        if raw is None:
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            value = -1
        if value < 0:
            self.note(kind or self.invalid_kind, element,
                      f"{name}={raw!r} is not a non-negative integer")
            return default
        return value

    def choice(self, element: etree._Element, name: str, enum: type[E], default: E,
               kind: NoteKind | None = None) -> E:
        raw = attribute(element, name)
        if raw is None:
            return default
        return self.choice_text(element, name, raw, enum, default, kind)

    def choice_text(self, element: etree._Element, name: str, raw: str, enum: type[E],
                    default: E | None, kind: NoteKind | None = None,
                    ) -> E | None:
        for member in enum:
            if member.value == raw.strip():
                return member
        allowed = ", ".join(member.value for member in enum)
        self.note(kind or self.invalid_kind, element, f"{name}={raw!r} is not one of: {allowed}")
        return default
