"""The shape of the data-model rule tables, and how an element name is matched against them.

An element pattern writes each collection index as ``n`` (``cmi.objectives.n.score.raw``); the
version tables in :mod:`scorm.runtime.rules_12` and :mod:`scorm.runtime.rules_2004` are plain
tuples of :class:`ElementRule` and :class:`CollectionRule` so that they can be exported as JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

KEYWORDS = ("_children", "_count", "_version")


class Access(Enum):
    """Who may do what with an element."""

    READ_WRITE = "rw"
    READ_ONLY = "ro"
    WRITE_ONLY = "wo"

    @property
    def is_readable(self) -> bool:
        return self is not Access.WRITE_ONLY

    @property
    def is_writable(self) -> bool:
        return self is not Access.READ_ONLY


@dataclass(frozen=True)
class ElementRule:
    """One data-model element: its pattern, access, value type and limits.

    ``spm`` is the maximum length (1.2, enforced) or the smallest permitted maximum (2004,
    stored past it up to :data:`scorm.runtime.datatypes.MAX_STORED_LENGTH`). ``default`` is what
    GetValue returns before anything was stored; ``None`` means "not initialized" (2004 error
    403, 1.2 empty string).
    """

    pattern: str
    access: Access
    type: str
    spm: int | None = None
    vocab: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    empty_ok: bool = False
    default: str | None = None

    def to_json(self) -> dict[str, object]:
        """Return this rule as a JSON-ready dict (empty limits left out)."""
        data: dict[str, object] = {"access": self.access.value, "type": self.type}
        for name in ("spm", "minimum", "maximum", "default"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        if self.vocab:
            data["vocab"] = list(self.vocab)
        if self.empty_ok:
            data["empty_ok"] = True
        return data


@dataclass(frozen=True)
class CollectionRule:
    """An indexed collection such as ``cmi.objectives`` (records ``cmi.objectives.n.*``).

    ``key`` is the child that creates a record and must be set first (2004: error 408 for any
    other child of a new record); ``unique_key`` forbids two records with the same key value and
    ``write_once_key`` changing a key once set (both error 351). ``limit_by_type`` caps the
    number of records by the parent interaction's type, ``unique_by_type`` lists the interaction
    types whose records must differ (correct responses).
    """

    pattern: str
    children: tuple[str, ...] | None
    key: str | None = None
    unique_key: bool = False
    write_once_key: bool = False
    limit_by_type: dict[str, int] = field(default_factory=dict)
    unique_by_type: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """Return this collection as a JSON-ready dict."""
        data: dict[str, object] = {"children": list(self.children) if self.children else None}
        if self.key:
            data["key"] = self.key
            data["unique_key"] = self.unique_key
            data["write_once_key"] = self.write_once_key
        if self.limit_by_type:
            data["limit_by_type"] = dict(self.limit_by_type)
        if self.unique_by_type:
            data["unique_by_type"] = list(self.unique_by_type)
        return data


@dataclass(frozen=True)
class RuleSet:
    """All rules of one SCORM version."""

    version_string: str
    elements: tuple[ElementRule, ...]
    collections: tuple[CollectionRule, ...]
    containers: dict[str, tuple[str, ...]]  # non-collection parents with a _children keyword
    by_pattern: dict[str, ElementRule] = field(init=False, repr=False, compare=False)
    collection_by_pattern: dict[str, CollectionRule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_pattern", {rule.pattern: rule for rule in self.elements})
        object.__setattr__(
            self, "collection_by_pattern", {rule.pattern: rule for rule in self.collections}
        )

    def children_of(self, pattern: str) -> tuple[str, ...] | None:
        """Return the ``_children`` list of a container or collection pattern, if it has one."""
        if pattern in self.containers:
            return self.containers[pattern]
        collection = self.collection_by_pattern.get(pattern)
        return collection.children if collection else None

    def is_known_prefix(self, pattern: str) -> bool:
        """Return whether ``pattern`` is an element, a container or a collection."""
        return (
            pattern in self.by_pattern
            or pattern in self.containers
            or pattern in self.collection_by_pattern
            or any(rule.startswith(pattern + ".") for rule in self.by_pattern)
        )


@dataclass(frozen=True)
class ElementPath:
    """An element name split into its pattern and the collection indices it names."""

    element: str
    pattern: str
    indices: tuple[int, ...]
    keyword: str | None  # "_children", "_count", "_version" or None

    def concrete(self, pattern: str) -> str:
        """Return ``pattern`` with its ``n`` placeholders filled from this path's indices."""
        parts, position = [], 0
        for segment in pattern.split("."):
            if segment == "n":
                segment = str(self.indices[position])
                position += 1
            parts.append(segment)
        return ".".join(parts)


def split_element(element: str, rules: RuleSet) -> ElementPath | None:
    """Return the pattern of ``element`` under ``rules``, or None when a segment is malformed.

    A numeric segment becomes ``n`` only where the tables expect an index, so ``cmi.objectives.0``
    matches ``cmi.objectives.n`` while ``cmi.0`` stays literal (and is then undefined).
    """
    pattern_parts: list[str] = []
    indices: list[int] = []
    segments = element.split(".")
    keyword = segments[-1] if segments[-1] in KEYWORDS else None
    body = segments[:-1] if keyword else segments
    for segment in body:
        prefix = ".".join(pattern_parts)
        if prefix in rules.collection_by_pattern:
            if not segment.isdigit() or not segment.isascii():
                return None
            pattern_parts.append("n")
            indices.append(int(segment))
        else:
            pattern_parts.append(segment)
    pattern = ".".join(pattern_parts)
    if keyword == "_version":
        pattern = pattern + "._version" if pattern else "_version"
        keyword = None
    return ElementPath(element, pattern, tuple(indices), keyword)
