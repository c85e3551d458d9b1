"""Writing completions: one idempotent upsert for every source.

The rule (documented in the README): a source's record for a person and module only ever moves
up the ladder incomplete < failed < completed < passed, or, on the same rung, to a higher
score. An observation that would move it down (a remote glitch, a later failed retake) is kept
as an unapplied observation, shown with the record, and changes nothing. Identical observations
change nothing and are not logged again.

Tracking knows nothing of who reads completions: re-evaluating the candidates a created or
improved record affects is eligibility's ``record_and_reevaluate``, which grading and the sync
applier call instead of ``record_completion`` (the outcome it returns says whether to).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ..db import db, utcnow
from .vocabulary import CompletionStatus, SourceKind
from .models import Completion, CompletionObservation

_RANK = {CompletionStatus.INCOMPLETE: 0, CompletionStatus.FAILED: 1,
         CompletionStatus.COMPLETED: 2, CompletionStatus.PASSED: 3}


def status_rank(status: CompletionStatus) -> int:
    """The status's rung on the ladder incomplete < failed < completed < passed."""
    return _RANK[status]


class RecordOutcome(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT_BETTER = "kept_better"


@dataclass(frozen=True)
class Observation:
    user_id: int
    module_id: int
    source_kind: SourceKind
    source_key: str
    source_label: str
    status: CompletionStatus
    score_scaled: float | None = None
    completed_at: datetime | None = None
    provenance: dict[str, Any] = field(default_factory=dict)


def is_better(new: Observation, old: Completion) -> bool:
    """True when ``new`` moves ``old`` up the ladder (status first, then score)."""
    if _RANK[new.status] != _RANK[old.status]:
        return _RANK[new.status] > _RANK[old.status]
    if new.score_scaled is None:
        return False
    return old.score_scaled is None or new.score_scaled > old.score_scaled


def _same(new: Observation, old: Completion) -> bool:
    return (new.status is old.status and new.score_scaled == old.score_scaled
            and new.completed_at == old.completed_at)


def _already_logged(completion: Completion, obs: Observation) -> bool:
    """The latest observation of the same remote record said just this: a re-read of it.

    A source that regresses (a record said passed, now failed) is still logged, once."""
    record_id = (obs.provenance or {}).get("record_id")
    if record_id is None:
        return False
    logged = db.session.scalars(select(CompletionObservation).where(
        CompletionObservation.completion_id == completion.id)
        .order_by(CompletionObservation.id.desc()))
    for earlier in logged:
        if (earlier.provenance or {}).get("record_id") == record_id:
            return (earlier.status, earlier.score_scaled, earlier.completed_at) == (
                obs.status, obs.score_scaled, obs.completed_at)
    return False


def record_completion(obs: Observation) -> tuple[RecordOutcome, Completion]:
    """Upsert one observation; the caller commits. Raises ValueError for a score outside 0..1."""
    if obs.score_scaled is not None and not 0.0 <= obs.score_scaled <= 1.0:
        raise ValueError(f"score_scaled must be within 0..1, got {obs.score_scaled}")
    current = db.session.scalar(select(Completion).where(
        Completion.user_id == obs.user_id, Completion.module_id == obs.module_id,
        Completion.source_key == obs.source_key))
    if current is None:
        current = Completion(user_id=obs.user_id, module_id=obs.module_id,
                             source_kind=obs.source_kind, source_key=obs.source_key,
                             source_label=obs.source_label, status=obs.status,
                             score_scaled=obs.score_scaled, completed_at=obs.completed_at,
                             provenance=obs.provenance, first_seen_at=utcnow(), updated_at=utcnow())
        db.session.add(current)
        db.session.flush()
        _log(current, obs, applied=True, note="first observation")
        return RecordOutcome.CREATED, current
    if _same(obs, current):
        return RecordOutcome.UNCHANGED, current
    if not is_better(obs, current):
        if _already_logged(current, obs):  # a re-read of the same remote record
            return RecordOutcome.UNCHANGED, current
        _log(current, obs, applied=False,
             note=f"kept the better {current.status.value} record")
        return RecordOutcome.KEPT_BETTER, current
    current.status, current.score_scaled = obs.status, obs.score_scaled
    current.completed_at, current.provenance = obs.completed_at, obs.provenance
    current.source_label, current.updated_at = obs.source_label, utcnow()
    _log(current, obs, applied=True, note="improved the record")
    return RecordOutcome.UPDATED, current


def _log(completion: Completion, obs: Observation, *, applied: bool, note: str) -> None:
    db.session.add(CompletionObservation(
        completion_id=completion.id, status=obs.status, score_scaled=obs.score_scaled,
        completed_at=obs.completed_at, applied=applied, note=note, provenance=obs.provenance))
