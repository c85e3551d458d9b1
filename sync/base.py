"""The one protocol every completion source implements, and what a pull returns.

``jobs.py`` builds a source (Moodle, xAPI, CSV), calls :meth:`CompletionSource.check` to show
health in the admin screens, and :meth:`CompletionSource.pull_completions` on schedule, passing
the state it persisted after the previous pull (or None). It then upserts ``result.records``,
withdraws ``result.withdrawn`` and persists ``result.state``. ``result.errors`` lists what was
skipped this time (one course, one learner, one statement); their state is left as it was so
that the next pull tries them again. A pull raises only for what stops the whole source:
:class:`~sync.errors.SourceNeedsAttention` (a person must act) or
:class:`~sync.errors.SourceUnavailable` (the source is down).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from sync.records import RemoteCompletion, SourceKind

SyncState = dict[str, Any]
"""Incremental state of one source: a JSON-able dict the caller persists between pulls."""


@dataclass(frozen=True)
class SourceHealth:
    """What :meth:`CompletionSource.check` found out about a source."""

    source_kind: SourceKind
    is_healthy: bool
    detail: str
    site_name: str | None = None
    site_url: str | None = None
    version: str | None = None
    account: str | None = None
    missing_functions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemError:
    """One course, learner, statement or row that could not be pulled this time."""

    scope: str
    message: str
    error_type: str


@dataclass
class PullCounters:
    """What a pull cost and saw. ``calls`` counts HTTP requests sent, retries included."""

    calls: int = 0
    retries: int = 0
    calls_by_endpoint: dict[str, int] = field(default_factory=dict)
    scopes: int = 0
    people_checked: int = 0
    people_unchanged: int = 0
    people_skipped: int = 0
    items_seen: int = 0
    items_ignored: int = 0
    records: int = 0


@dataclass
class PullResult:
    """Records of one pull, the state to persist for the next one, and what went wrong."""

    records: list[RemoteCompletion]
    state: SyncState
    counters: PullCounters
    errors: list[ItemError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    """``Provenance.record_id`` values the source took back (voided xAPI statements)."""

    @property
    def is_partial(self) -> bool:
        return bool(self.errors)


@runtime_checkable
class CompletionSource(Protocol):
    """A remote source of completion records."""

    kind: SourceKind

    def check(self) -> SourceHealth:
        """Reach the source once and say whether a pull can work; raises SyncError."""
        ...

    def pull_completions(self, state: SyncState | None, *, full: bool = False) -> PullResult:
        """Pull what changed since ``state`` (everything when ``full``); raises SyncError."""
        ...
