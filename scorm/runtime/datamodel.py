"""Reading and writing elements of one SCO's data model, with every SCORM check.

:class:`DataModel` keeps two flat dicts: ``base`` (values the LMS supplies at launch, read-only
for the SCO) and ``state`` (values stored for the learner: what the SCO wrote plus LMS-kept
totals). Collections are not stored as such: a record ``cmi.objectives.3`` exists when some
``cmi.objectives.3.*`` key exists, and ``_count`` is kept in ``counts`` per concrete prefix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from scorm.runtime import status
from scorm.runtime.codes import Failure, ScormVersion
from scorm.runtime.datatypes import check_value
from scorm.runtime.errors import ElementError, LaunchContextError
from scorm.runtime.launch import LaunchContext, launch_values
from scorm.runtime.rules import CollectionRule, ElementPath, ElementRule, RuleSet, split_element
from scorm.runtime.rules_12 import RULES_12
from scorm.runtime.rules_2004 import RULES_2004

NAV_VALID = re.compile(
    r"^adl\.nav\.request_valid\.(continue|previous|(?:choice|jump)\.\{target=[^{}]+\})$"
)


def rules_for(version: ScormVersion) -> RuleSet:
    """Return the rule tables of ``version``."""
    return RULES_12 if version is ScormVersion.SCORM_12 else RULES_2004


def record_prefixes(key: str, rules: RuleSet) -> list[tuple[str, int]]:
    """Return ``(collection prefix, index)`` for each collection record ``key`` lies in."""
    concrete: list[str] = []
    pattern: list[str] = []
    found: list[tuple[str, int]] = []
    for segment in key.split("."):
        if ".".join(pattern) in rules.collection_by_pattern and segment.isdigit():
            found.append((".".join(concrete), int(segment)))
            pattern.append("n")
        else:
            pattern.append(segment)
        concrete.append(segment)
    return found


@dataclass
class DataModel:
    """The elements of one SCO for one learner: launch values, stored values, record counts."""

    version: ScormVersion
    launch: LaunchContext
    state: dict[str, str]
    base: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, version: ScormVersion, state: dict[str, str], launch: LaunchContext) -> DataModel:
        """Return a model over a copy of ``state`` with the launch values of ``launch``.

        Raises LaunchContextError when a launch value does not fit its element.
        """
        model = cls(version, launch, dict(state), launch_values(version, launch))
        _check_launch_values(model)
        for key in (*model.base, *model.state):
            model.note_key(key)
        return model

    @classmethod
    def build_default(cls, version: ScormVersion, state: dict[str, str]) -> DataModel:
        """``build`` with the default LaunchContext, its launch values checked once per version."""
        launch, base, counts = _default_launch(version)
        model = cls(version, launch, dict(state), base, dict(counts))
        for key in model.state:
            model.note_key(key)
        return model

    @property
    def rules(self) -> RuleSet:
        return rules_for(self.version)

    def note_key(self, key: str) -> None:
        """Grow the record counts so that they include ``key``."""
        for prefix, index in _record_prefixes(self.version, key):
            self.counts[prefix] = max(self.counts.get(prefix, 0), index + 1)

    def count(self, prefix: str) -> int:
        return self.counts.get(prefix, 0)

    def lookup(self, element: str) -> str | None:
        value = self.state.get(element)
        return self.base.get(element) if value is None else value

    def fail(self, failure: Failure, element: str, detail: str) -> ElementError:
        return ElementError(failure, element, detail)


_UNCHECKED_LAUNCH_TYPES = ("CMIIdentifier", "long_identifier", "characterstring", "CMIString255")


def _check_launch_values(model: DataModel) -> None:
    """Refuse LMS-supplied values their elements cannot hold (identifiers and text pass)."""
    for element, value in model.base.items():
        path = _split_element(model.version, element)
        rule = model.rules.by_pattern.get(path.pattern) if path else None
        if rule is None or rule.type in _UNCHECKED_LAUNCH_TYPES:
            continue
        if check_value(value, rule) is not None:
            raise LaunchContextError(f"launch value {value!r} is not a valid {rule.type} for {element}")


def collection_levels(
    model: DataModel, path: ElementPath
) -> tuple[tuple[CollectionRule, str, int], ...]:
    """Return each collection ``path`` goes through, with its concrete prefix and index."""
    return _collection_levels(model.version, path.pattern, path.element)


@lru_cache(maxsize=2)
def _default_launch(version: ScormVersion) -> tuple[LaunchContext, dict[str, str], dict[str, int]]:
    # The model only reads ``base``, so one checked copy serves every commit of the version.
    model = DataModel.build(version, {}, LaunchContext())
    return model.launch, model.base, model.counts


# The element-name helpers below are pure functions of the version and the name; a commit
# calls them several times per element, so their answers are kept (bounded: names come from
# learners' browsers).
@lru_cache(maxsize=4096)
def _record_prefixes(version: ScormVersion, key: str) -> tuple[tuple[str, int], ...]:
    return tuple(record_prefixes(key, rules_for(version)))


@lru_cache(maxsize=4096)
def _collection_levels(
    version: ScormVersion, pattern: str, element: str
) -> tuple[tuple[CollectionRule, str, int], ...]:
    collections = rules_for(version).collection_by_pattern
    levels = []
    pattern_parts: list[str] = []
    concrete_parts: list[str] = []
    for segment, concrete in zip(pattern.split("."), element.split(".")):
        collection = collections.get(".".join(pattern_parts))
        if collection is not None and segment == "n":
            levels.append((collection, ".".join(concrete_parts), int(concrete)))
        pattern_parts.append(segment)
        concrete_parts.append(concrete)
    return tuple(levels)


@lru_cache(maxsize=4096)
def _split_element(version: ScormVersion, element: str) -> ElementPath | None:
    return split_element(element, rules_for(version))


def _require_records(model: DataModel, path: ElementPath) -> None:
    for _collection, prefix, index in collection_levels(model, path):
        if index >= model.count(prefix):
            raise model.fail(
                Failure.GET_FAILURE, path.element,
                f"{prefix}.{index} does not exist ({prefix}._count is {model.count(prefix)})",
            )


def _read_keyword(model: DataModel, path: ElementPath) -> str:
    rules = model.rules
    if path.keyword == "_children":
        children = rules.children_of(path.pattern)
        if children is None:
            failure = Failure.NO_CHILDREN if rules.is_known_prefix(path.pattern) else Failure.UNDEFINED
            raise model.fail(failure, path.element, f"{path.pattern} has no _children")
        _require_records(model, path)
        return ",".join(children)
    if path.pattern not in rules.collection_by_pattern:
        failure = Failure.NO_COUNT if rules.is_known_prefix(path.pattern) else Failure.UNDEFINED
        raise model.fail(failure, path.element, f"{path.pattern} is not a collection")
    _require_records(model, path)
    return str(model.count(path.element.rsplit(".", 1)[0]))


def _evaluated(model: DataModel, element: str, value: str) -> str:
    """Apply the 2004 GetValue evaluation of completion and success status."""
    def number(name: str) -> float | None:
        text = model.lookup(name)
        return float(text) if text not in (None, "") else None

    if element == "cmi.completion_status":
        stored = status.CompletionStatus(value)
        threshold, progress = number("cmi.completion_threshold"), number("cmi.progress_measure")
        return status.evaluate_completion(stored, threshold, progress).value
    stored_success = status.SuccessStatus(value)
    passing, scaled = number("cmi.scaled_passing_score"), number("cmi.score.scaled")
    return status.evaluate_success(stored_success, passing, scaled).value


def check_shared_data(model: DataModel, path: ElementPath, *, writing: bool) -> None:
    """Refuse reading or writing an ``adl.data.n.store`` the launch does not allow."""
    if path.pattern != "adl.data.n.store" or path.indices[0] >= len(model.launch.shared_data):
        return
    shared = model.launch.shared_data[path.indices[0]]
    if writing and not shared.writable:
        raise model.fail(Failure.READ_ONLY, path.element, f"store {shared.target_id!r} is read-only")
    if not writing and not shared.readable:
        raise model.fail(Failure.WRITE_ONLY, path.element, f"store {shared.target_id!r} is write-only")


def resolve(model: DataModel, element: str, empty_failure: Failure) -> ElementPath:
    """Split ``element`` into its pattern, or raise for an empty or malformed name."""
    if element == "":
        raise model.fail(empty_failure, element, "the element name is empty")
    path = _split_element(model.version, element)
    if path is None:
        raise model.fail(Failure.UNDEFINED, element, "an index is not a non-negative integer")
    return path


def find_rule(model: DataModel, path: ElementPath) -> ElementRule:
    """Return the rule of ``path``, or raise ElementError(UNDEFINED)."""
    rule = model.rules.by_pattern.get(path.pattern)
    if rule is None:
        raise model.fail(Failure.UNDEFINED, path.element, "not an element of the SCORM data model")
    return rule


def read_element(model: DataModel, element: str) -> str:
    """Return the value GetValue gives for ``element``; raise ElementError with the failure."""
    if NAV_VALID.match(element):
        return model.launch.nav_request_valid.get(element.split(".", 3)[3], "unknown")
    path = resolve(model, element, Failure.GET_FAILURE)
    if path.keyword:
        return _read_keyword(model, path)
    rule = find_rule(model, path)
    if not rule.access.is_readable:
        raise model.fail(Failure.WRITE_ONLY, element, "the element is write-only")
    _require_records(model, path)
    check_shared_data(model, path, writing=False)
    value = model.lookup(element)
    if value == "" and path.pattern == "adl.data.n.store":
        value = None  # ADL's DMI test: a store set to "" reads as not initialized
    if value is None:
        value = rule.default
    if value is None:
        if model.version is ScormVersion.SCORM_12:
            return ""
        raise model.fail(Failure.NOT_INITIALIZED, element, "no value has been stored yet")
    if element in ("cmi.completion_status", "cmi.success_status"):
        return _evaluated(model, element, value)
    return value
