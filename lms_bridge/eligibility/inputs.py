"""The records the eligibility engine reads: completion evidence and prerequisites.

Both are frozen dataclasses checked on construction, so a malformed record fails where it is
built (raising ``InvalidEvidence`` / ``InvalidPrerequisite``) rather than deep inside an
evaluation of ten thousand candidates.

Minimum scores are **percentages** (0-100, as coordinators write them: "score >= 70"); record
scores are **scaled** (0..1, as SCORM's ``cmi.score.scaled`` and xAPI's ``result.score.scaled``
carry them). The comparison is ``score_scaled >= min_score / 100`` so that 0.7 meets 70 exactly.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from ..tracking.vocabulary import CompletionRule, CompletionStatus, SourceKind
from .errors import InvalidEvidence, InvalidPrerequisite
from .vocabulary import PREREQUISITE_RULES


def is_aware(moment: datetime) -> bool:
    """True when ``moment`` carries a UTC offset (a naive datetime is ambiguous here)."""
    return moment.tzinfo is not None and moment.utcoffset() is not None


@dataclass(frozen=True, slots=True)
class CompletionEvidence:
    """One completion record of one person on one module, from any source.

    ``completed_at`` is when the learner finished (for ``incomplete``, when it was observed),
    not when it was fetched: a remote record fetched after the deadline still counts if it
    was completed before. A sync source that gives no completion time should pass the fetch
    time, which is an upper bound.

    Raises ``InvalidEvidence`` for a naive ``completed_at``, a score outside 0..1, or a status
    or source kind that is not the Enum.
    """

    record_id: int | str
    module_key: str
    source_kind: SourceKind
    source_label: str
    status: CompletionStatus
    score_scaled: float | None
    completed_at: datetime

    def __post_init__(self) -> None:
        where = f"completion record {self.record_id!r} ({self.module_key})"
        if not isinstance(self.status, CompletionStatus):
            raise InvalidEvidence(f"{where}: status {self.status!r} is not a CompletionStatus")
        if not isinstance(self.source_kind, SourceKind):
            raise InvalidEvidence(f"{where}: source kind {self.source_kind!r} is not a SourceKind")
        if not is_aware(self.completed_at):
            raise InvalidEvidence(f"{where}: completed_at {self.completed_at} has no time zone")
        score = self.score_scaled
        if score is not None and (isinstance(score, bool) or not 0.0 <= score <= 1.0):
            raise InvalidEvidence(f"{where}: score_scaled {score!r} is outside 0..1")


def trusted_evidence(record_id: int | str, module_key: str, source_kind: SourceKind,
                     source_label: str, status: CompletionStatus, score_scaled: float | None,
                     completed_at: datetime) -> CompletionEvidence:
    """A ``CompletionEvidence`` built without its checks, for values already known good.

    For readers of typed storage (enum columns, aware UTC dates, scores checked when
    recorded) building tens of thousands of records at once: the checks and the frozen
    ``__init__`` cost four times what this does. The result is an ordinary, equal, frozen
    ``CompletionEvidence``. Raises nothing; anything else should build it directly.
    """
    record = _new(CompletionEvidence)
    _set_record_id(record, record_id)
    _set_module_key(record, module_key)
    _set_source_kind(record, source_kind)
    _set_source_label(record, source_label)
    _set_status(record, status)
    _set_score_scaled(record, score_scaled)
    _set_completed_at(record, completed_at)
    return record


# The slots' own setters: a frozen dataclass refuses ``record.x = ...``, and
# ``object.__setattr__`` looks every name up again.
_new = object.__new__
(_set_record_id, _set_module_key, _set_source_kind, _set_source_label, _set_status,
 _set_score_scaled, _set_completed_at) = (
    getattr(CompletionEvidence, name).__set__ for name in (
        "record_id", "module_key", "source_kind", "source_label", "status", "score_scaled",
        "completed_at"))


@dataclass(frozen=True, slots=True)
class Prerequisite:
    """A workshop's pre-learning requirement: any one of ``module_keys`` under ``rule``.

    ``min_score`` is a percentage (0-100) or None; ``recency_days`` (a positive whole number or
    None) demands completion within that many days (24 h each) before the workshop starts;
    ``allowed_sources`` (None: every source) holds ``SourceKind`` members, which admit every
    source of that kind, and/or source labels such as ``"CLiKC!"``, which admit that one.

    Raises ``InvalidPrerequisite`` when no record could ever satisfy it as written.
    """

    id: int | str
    label: str
    module_keys: frozenset[str]
    rule: CompletionRule
    min_score: float | None = None
    recency_days: int | None = None
    allowed_sources: frozenset[SourceKind | str] | None = None
    min_scaled: float | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        where = f"prerequisite {self.id!r} ({self.label})"
        object.__setattr__(self, "module_keys", _as_key_set(self.module_keys, where))
        if self.rule not in PREREQUISITE_RULES:
            raise InvalidPrerequisite(f"{where}: rule {self.rule!r} is not a prerequisite's "
                                      "CompletionRule")
        _check_min_score(self.min_score, where)
        _check_recency(self.recency_days, where)
        if self.allowed_sources is not None:
            sources = frozenset(self.allowed_sources)
            if not sources:
                raise InvalidPrerequisite(
                    f"{where}: allowed_sources is empty, so no record could ever count; "
                    "use None to accept every source")
            object.__setattr__(self, "allowed_sources", sources)
        if self.min_score is not None:
            object.__setattr__(self, "min_scaled", self.min_score / 100)


def _as_key_set(keys: Iterable[str], where: str) -> frozenset[str]:
    # A bare string is iterable too; taking its characters as module keys would be silent nonsense.
    if isinstance(keys, str):
        raise InvalidPrerequisite(f"{where}: module_keys must be a collection of keys, "
                                  f"not the single string {keys!r}")
    key_set = frozenset(keys)
    if not key_set:
        raise InvalidPrerequisite(f"{where}: module_keys is empty")
    return key_set


def _check_min_score(min_score: float | None, where: str) -> None:
    if min_score is None:
        return
    if isinstance(min_score, bool) or not isinstance(min_score, int | float):
        raise InvalidPrerequisite(f"{where}: min_score {min_score!r} is not a number")
    if not 0 <= min_score <= 100:
        raise InvalidPrerequisite(
            f"{where}: min_score {min_score!r} is outside 0-100 (it is a percentage)")


def _check_recency(recency_days: int | None, where: str) -> None:
    if recency_days is None:
        return
    if isinstance(recency_days, bool) or not isinstance(recency_days, int) or recency_days < 1:
        raise InvalidPrerequisite(
            f"{where}: recency_days {recency_days!r} is not a positive whole number of days")
