"""Deviations the tolerant reader accepted while building the model.

The reader keeps going when content still works (a missing ``schemaversion``, a 1.2 spelling in
a 2004 manifest, an unknown vocabulary value replaced by the spec default) and records each
deviation here; ``scorm.validate`` turns them into findings with a severity and a hint.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class SourceRef:
    """Where in the manifest a model object came from: a line and a readable element path.

    The path is either given or worked out by ``resolve_path`` the first time it is asked for:
    only findings show paths, and working one out for every element of a large manifest was
    most of the time spent reading it. Compared, hashed and shown as (line, path).
    """

    __slots__ = ("line", "_path", "_resolve_path")

    def __init__(self, line: int | None, path: str | None = None, *,
                 resolve_path: Callable[[], str] | None = None) -> None:
        if (path is None) == (resolve_path is None):
            raise TypeError("SourceRef needs exactly one of path and resolve_path")
        self.line = line
        self._path = path
        self._resolve_path = resolve_path

    @property
    def path(self) -> str:
        if self._path is None:
            self._path = self._resolve_path()
            self._resolve_path = None  # the element (and its tree) need not be kept any longer
        return self._path

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceRef):
            return NotImplemented
        return (self.line, self.path) == (other.line, other.path)

    def __hash__(self) -> int:
        return hash((self.line, self.path))

    def __repr__(self) -> str:
        return f"SourceRef(line={self.line!r}, path={self.path!r})"


class NoteKind(Enum):
    VERSION_INFERRED = "version-inferred"
    NAMESPACE_NONSTANDARD = "namespace-nonstandard"
    ELEMENT_VERSION_MISMATCH = "element-version-mismatch"
    VALUE_INVALID = "value-invalid"
    SEQUENCING_VALUE_INVALID = "sequencing-value-invalid"
    IDENTIFIER_MISSING = "identifier-missing"
    TITLE_MISSING = "title-missing"
    SCORMTYPE_MISSING = "resource-scormtype-missing"


@dataclass(frozen=True)
class ParseNote:
    kind: NoteKind
    source: SourceRef
    detail: str
