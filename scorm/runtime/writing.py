"""SetValue: every check, in the order SCORM reports them, then the store.

Order of checks (the first failing one decides the error code):

1. empty name (2004 351 / 1.2 201), malformed or unknown element (401 / 201);
2. a keyword ``_children``, ``_count``, ``_version`` (404 / 402) or a read-only element (404 / 403);
3. collection position, outermost first: an index past ``_count`` or a new record past
   ``MAX_RECORDS`` (351 / 201); in 2004, a new record whose key (``id``) is not the element
   being set (408);
4. in 2004, the interaction ``type`` must be known before ``correct_responses`` and
   ``learner_response`` (408);
5. more correct responses than the interaction type allows (351);
6. the value's type (406 / 405) and range (407 / 405);
7. key rules: a duplicate id among siblings, a different id on a write-once record, a repeated
   choice pattern (351).
"""
from __future__ import annotations

from scorm.runtime.codes import Failure, ScormVersion
from scorm.runtime.datamodel import (
    NAV_VALID,
    DataModel,
    check_shared_data,
    collection_levels,
    find_rule,
    resolve,
)
from scorm.runtime.datatypes import MAX_RECORDS, check_value
from scorm.runtime.rules import CollectionRule, ElementPath

_TYPED_RESPONSES = ("correct_responses.n.pattern", "learner_response")
# The collection records an element lies in: (collection, concrete prefix, index), outermost first.
Levels = tuple[tuple[CollectionRule, str, int], ...]


def _remainder(path: ElementPath, collection: CollectionRule) -> str:
    return path.pattern[len(collection.pattern) + 3:]  # skip ".n."


def _is_key_writable(model: DataModel, collection: CollectionRule) -> bool:
    key_rule = model.rules.by_pattern.get(f"{collection.pattern}.n.{collection.key}")
    return key_rule is None or key_rule.access.is_writable


def _check_positions(model: DataModel, path: ElementPath, levels: Levels) -> None:
    for collection, prefix, index in levels:
        count = model.count(prefix)
        if index > count:
            raise model.fail(
                Failure.SET_FAILURE, path.element,
                f"index {index} skips records: {prefix}._count is {count}",
            )
        is_new = index == count
        if is_new and index >= MAX_RECORDS:
            raise model.fail(
                Failure.SET_FAILURE, path.element,
                f"{prefix} holds at most {MAX_RECORDS} records on this LMS",
            )
        if is_new and collection.key and not _is_key_writable(model, collection):
            raise model.fail(
                Failure.SET_FAILURE, path.element, f"{prefix}.{index} does not exist"
            )
        if (
            is_new and collection.key and model.version is ScormVersion.SCORM_2004
            and _remainder(path, collection) != collection.key
        ):
            raise model.fail(
                Failure.DEPENDENCY, path.element,
                f"{prefix}.{index}.{collection.key} must be set before other elements of the record",
            )


def _interaction_type(model: DataModel, path: ElementPath) -> str | None:
    if not path.pattern.startswith("cmi.interactions.n."):
        return None
    return model.lookup(f"cmi.interactions.{path.indices[0]}.type")


def _check_type_dependency(model: DataModel, path: ElementPath, interaction_type: str | None) -> None:
    if model.version is not ScormVersion.SCORM_2004 or interaction_type is not None:
        return
    if path.pattern.startswith("cmi.interactions.n.") and path.pattern.endswith(_TYPED_RESPONSES):
        raise model.fail(
            Failure.DEPENDENCY, path.element,
            f"cmi.interactions.{path.indices[0]}.type must be set first",
        )


def _must_be_unique(collection: CollectionRule, interaction_type: str | None) -> bool:
    return collection.unique_key or (interaction_type or "") in collection.unique_by_type


def _check_key(
    model: DataModel, path: ElementPath, value: str, interaction_type: str | None, levels: Levels
) -> None:
    if not levels:
        return
    collection, prefix, index = levels[-1]
    if _remainder(path, collection) != collection.key:
        return
    current = model.lookup(path.element)
    if collection.write_once_key and current is not None and current != value:
        raise model.fail(Failure.SET_FAILURE, path.element, f"the id is already {current!r}")
    if not _must_be_unique(collection, interaction_type):
        return
    for other in range(model.count(prefix)):
        if other != index and model.lookup(f"{prefix}.{other}.{collection.key}") == value:
            raise model.fail(
                Failure.SET_FAILURE, path.element, f"{prefix}.{other} already has the id {value!r}"
            )


def _check_limit(
    model: DataModel, path: ElementPath, interaction_type: str | None, levels: Levels
) -> None:
    if not levels or not levels[-1][0].limit_by_type:
        return
    collection, prefix, index = levels[-1]
    limit = collection.limit_by_type.get(interaction_type or "")
    if limit is not None and index >= limit:
        raise model.fail(
            Failure.SET_FAILURE, path.element,
            f"a {interaction_type} interaction has at most {limit} correct response(s)",
        )


def write_element(model: DataModel, element: str, value: str) -> None:
    """Store ``value`` in ``element`` as SetValue does; raise ElementError with the failure."""
    if element.startswith("adl.nav.") and NAV_VALID.match(element):
        raise model.fail(Failure.READ_ONLY, element, "navigation validity is read-only")
    path = resolve(model, element, Failure.SET_FAILURE)
    if path.keyword or path.pattern.endswith("._version"):
        if not model.rules.is_known_prefix(path.pattern.removesuffix("._version") or "cmi"):
            raise model.fail(Failure.UNDEFINED, element, "not an element of the SCORM data model")
        raise model.fail(Failure.KEYWORD_WRITE, element, "keywords cannot be set")
    rule = find_rule(model, path)
    if not rule.access.is_writable:
        raise model.fail(Failure.READ_ONLY, element, "the element is read-only")
    levels = collection_levels(model, path)  # every check below walks the same records
    _check_positions(model, path, levels)
    check_shared_data(model, path, writing=True)
    interaction_type = _interaction_type(model, path)
    _check_type_dependency(model, path, interaction_type)
    _check_limit(model, path, interaction_type, levels)
    failure = check_value(value, rule, interaction_type)
    if failure is not None:
        raise model.fail(failure, element, f"{value[:60]!r} is not a valid {rule.type}")
    _check_key(model, path, value, interaction_type, levels)
    model.state[element] = value
    model.note_key(element)
