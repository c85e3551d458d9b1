"""Deviations the tolerant reader accepted while building the model.

The reader keeps going when content still works (a missing ``schemaversion``, a 1.2 spelling in
a 2004 manifest, an unknown vocabulary value replaced by the spec default) and records each
deviation here; ``scorm.validate`` turns them into findings with a severity and a hint.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class SourceRef:
    """Where in the manifest a model object came from."""

    line: int | None
    path: str


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
