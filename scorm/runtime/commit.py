"""Server-side re-validation of the element writes a browser sends at Commit.

The browser adapter checks SetValue itself, but a client can be tampered with, so the server
replays the writes through the same rules. Writes are applied in a canonical order so that a
delta sent as an unordered JSON object still creates records correctly: collection records by
ascending index, and inside a record its key (``id`` / ``pattern``) first, then an interaction's
``type``, then everything else.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from scorm.runtime.codes import Failure, ScormVersion, error_code, parse_version
from scorm.runtime.datamodel import DataModel
from scorm.runtime.datatypes import MAX_STATE_CHARS
from scorm.runtime.errors import ElementError
from scorm.runtime.launch import LaunchContext
from scorm.runtime.writing import write_element

_FIRST_IN_RECORD = {"id": 0, "pattern": 0, "type": 1}


def state_size(state: Mapping[str, str]) -> int:
    """Characters of a stored state (names and values), what ``MAX_STATE_CHARS`` caps."""
    return sum(len(key) + len(value) for key, value in state.items())


def _growth(element: str, before: str | None, after: str) -> int:
    return len(after) - (len(before) if before is not None else -len(element))


@dataclass(frozen=True)
class CommitRejection:
    """The first write of a commit that SetValue would have refused."""

    code: str
    failure: Failure
    element: str
    diagnostic: str


@dataclass(frozen=True)
class CommitResult:
    """The state after a commit (unchanged when rejected) and what was applied or refused."""

    state: dict[str, str]
    applied: dict[str, str]
    rejection: CommitRejection | None = None

    @property
    def is_accepted(self) -> bool:
        return self.rejection is None


def _segment_key(segment: str) -> tuple[int, int, str]:
    if segment.isdigit():
        return (0, int(segment), "")
    return (1, _FIRST_IN_RECORD.get(segment, 2), segment)


def commit_order(elements: list[str]) -> list[str]:
    """Return ``elements`` in the order their writes must be applied."""
    return sorted(elements, key=_order_key)


# A commit sends the same element names again and again (bounded: names come from browsers).
@lru_cache(maxsize=4096)
def _order_key(name: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(_segment_key(s) for s in name.split("."))


def apply_commit(
    version: str | ScormVersion,
    state: Mapping[str, str],
    changes: Mapping[str, str],
    *,
    launch: LaunchContext | None = None,
) -> CommitResult:
    """Validate ``changes`` as SetValue calls on ``state``; return the new state or the refusal.

    The input ``state`` is never modified. Raises UnsupportedVersionError for an unknown
    version; a refused write is reported in ``CommitResult.rejection``, not raised, because
    it is the client's error, not the server's.
    """
    scorm_version = parse_version(version)
    model = (DataModel.build(scorm_version, dict(state), launch) if launch is not None
             else DataModel.build_default(scorm_version, dict(state)))
    applied: dict[str, str] = {}
    size = state_size(state)
    for element in commit_order(list(changes)):
        value = changes[element]
        before = model.state.get(element)
        try:
            write_element(model, element, value if isinstance(value, str) else str(value))
            growth = _growth(element, before, model.state[element])
            size += growth
            if growth > 0 and size > MAX_STATE_CHARS:  # a state stored past it may still shrink
                raise model.fail(Failure.SET_FAILURE, element,
                                 f"the SCO's stored data would pass this LMS's cap of "
                                 f"{MAX_STATE_CHARS} characters")
        except ElementError as error:
            rejection = CommitRejection(
                error_code(scorm_version, error.failure), error.failure, element, str(error)
            )
            return CommitResult(dict(state), {}, rejection)
        applied[element] = model.state[element]
    return CommitResult(model.state, applied)
