"""Typed completion records produced by every connector.

A :class:`RemoteCompletion` is what a source says about one person and one course or activity:
who (:class:`RemotePerson`, every identifier the source gave), what (``course_key`` and, for an
activity, ``activity_key``), the outcome (:class:`CompletionStatus`, ``score_scaled`` in 0..1,
``completed_at`` aware) and where it came from (:class:`Provenance`, with the raw payload kept as
a JSON-able dict so that a later reader can see what the source actually said).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping


class CompletionStatus(enum.Enum):
    """Outcome of a learner on a course or activity, the same for every source."""

    COMPLETED = "completed"
    PASSED = "passed"
    FAILED = "failed"
    INCOMPLETE = "incomplete"

    @property
    def is_finished(self) -> bool:
        return self is not CompletionStatus.INCOMPLETE


class SourceKind(enum.Enum):
    """Which kind of connector produced a record."""

    MOODLE = "moodle"
    XAPI = "xapi"
    CSV = "csv"


@dataclass(frozen=True)
class RemotePerson:
    """Every identifier the source gave for a learner; any of them may be missing."""

    email: str | None = None
    idnumber: str | None = None
    username: str | None = None
    remote_user_id: str | None = None
    full_name: str | None = None

    def __post_init__(self) -> None:
        if not any((self.email, self.idnumber, self.username, self.remote_user_id)):
            raise ValueError("a remote person needs at least one identifier")


@dataclass(frozen=True)
class Provenance:
    """Where a record came from: source kind, the remote ids, when, and the raw payload."""

    source_kind: SourceKind
    remote_ids: Mapping[str, str]
    fetched_at: datetime
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def record_id(self) -> str:
        """A stable id of the record at its source (e.g. ``moodle:course=2:cmid=1:user=4``)."""
        parts = ":".join(f"{key}={value}" for key, value in sorted(self.remote_ids.items()))
        return f"{self.source_kind.value}:{parts}"


@dataclass(frozen=True)
class RemoteCompletion:
    """One person's outcome on one remote course (``activity_key`` None) or activity."""

    person: RemotePerson
    course_key: str
    activity_key: str | None
    status: CompletionStatus
    score_scaled: float | None
    completed_at: datetime | None
    provenance: Provenance

    def __post_init__(self) -> None:
        if self.score_scaled is not None and not 0.0 <= self.score_scaled <= 1.0:
            raise ValueError(f"score_scaled must be within 0..1, got {self.score_scaled}")
        if self.completed_at is not None and self.completed_at.tzinfo is None:
            raise ValueError("completed_at must be timezone-aware")
        if not isinstance(self.status, CompletionStatus):
            raise TypeError("status must be a CompletionStatus")

    @property
    def remote_key(self) -> str:
        """``course`` or ``course/activity``: what the caller maps to a local module."""
        return self.course_key if self.activity_key is None else f"{self.course_key}/{self.activity_key}"
