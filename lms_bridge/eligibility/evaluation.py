"""The database side of the rule engine: rows in, ``rules.WorkshopRules`` verdicts out, stored.

Re-evaluation is triggered three ways, each by an explicit call:

* a new or improved completion (``completions.record_and_reevaluate``, called by grading and
  the sync applier): only the applications of that person to workshops with a prerequisite on
  that module are re-evaluated, two small indexed queries per affected application;
* a nomination decision or a submitted application (``evaluate_application``);
* a change of a workshop's prerequisites (``evaluate_workshop``: every candidate judged in one
  pass by ``bulk_judging``, only the changed ones written).

Module keys given to the engine are module ids as strings. A record without a completion time
is dated by when LMS Bridge first saw it (the engine's documented upper bound).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ..db import db, utcnow
from ..tracking.models import Completion
from ..tracking.vocabulary import SourceKind
from .bulk_judging import fingerprint, prerequisite_module_ids, stale_decisions
from .errors import EligibilityError
from .inputs import CompletionEvidence, Prerequisite
from .models import (Application, DecisionChange, PrerequisiteModule, Workshop,
                     WorkshopPrerequisite)
from .notifications import in_english
from .rules import Decision, RuleResult, WorkshopRules
from .states import LIVE_STATUSES, status_after_decision
from .transitions import move_status
from .wording import Words, format_score

_SOURCE_KINDS = {kind.value: kind for kind in SourceKind}


def prerequisite_of(row: WorkshopPrerequisite) -> Prerequisite:
    """The engine's view of one prerequisite row."""
    sources = None
    if row.allowed_sources is not None:
        sources = frozenset(_SOURCE_KINDS.get(name, name) for name in row.allowed_sources)
    return Prerequisite(id=row.id, label=row.label,
                        module_keys=frozenset(str(m.id) for m in row.modules) or frozenset({"-"}),
                        rule=row.rule, min_score=row.min_score, recency_days=row.recency_days,
                        allowed_sources=sources)


def rules_of(workshop: Workshop) -> WorkshopRules:
    """The workshop's prerequisites compiled against its dates (raises ``InvalidSchedule``)."""
    return WorkshopRules(tuple(prerequisite_of(p) for p in workshop.prerequisites),
                         workshop.starts_at, workshop.applications_close_at)


def evidence_of(record_id: int, module_id: int, kind: SourceKind, label: str, status: Any,
                score: float | None, completed_at: datetime | None,
                first_seen_at: datetime) -> CompletionEvidence:
    return CompletionEvidence(record_id, str(module_id), kind, label, status, score,
                              completed_at or first_seen_at)


_EVIDENCE_COLUMNS = (Completion.id, Completion.module_id, Completion.source_kind,
                     Completion.source_label, Completion.status, Completion.score_scaled,
                     Completion.completed_at, Completion.first_seen_at)


def evidence_for(user_id: int, workshop: Workshop) -> list[CompletionEvidence]:
    """Every record of one person on the modules the workshop's prerequisites name."""
    rows = db.session.execute(select(*_EVIDENCE_COLUMNS).where(
        Completion.user_id == user_id,
        Completion.module_id.in_(prerequisite_module_ids(workshop))))
    return [evidence_of(*row) for row in rows]


def _cell(result: RuleResult) -> dict[str, Any]:
    record = result.best_so_far
    return {
        "prerequisite_id": result.prerequisite.id, "label": result.prerequisite.label,
        "met": result.met, "record_id": record.record_id if record else None,
        "status": record.status.value if record else None,
        "score": format_score(record.score_scaled) if record and record.score_scaled is not None
        else None,
        "source": record.source_label if record else None,
        "completed_at": record.completed_at.isoformat() if record else None,
        "message": result.message,
    }


def store_decision(application: Application, decision: Decision, cause: object) -> bool:
    """Write a verdict onto its application, log a change, move the status; True if changed.

    ``cause`` is a lazy string (the history keeps it in English) or a person's words."""
    outcome, mask, cited = fingerprint(decision)
    changed = application.outcome is not outcome or application.met_mask != mask
    if changed:
        db.session.add(DecisionChange(
            application_id=application.id, at=utcnow(), outcome_before=application.outcome,
            outcome_after=outcome, met_before=application.met_mask, met_after=mask,
            cause=in_english(cause)[:500], explanation=decision.explain()))
    application.outcome, application.met_mask, application.cited = outcome, mask, cited
    application.results = [_cell(result) for result in decision.results]
    application.blockers = list(decision.blockers)
    application.evaluated_at = utcnow()
    target = status_after_decision(application.status, outcome)
    if target is not None:
        move_status(application, target, actor=None, reason=cause)
    return changed


def decide(application: Application, rules: WorkshopRules,
           evidence: Iterable[CompletionEvidence], now: datetime) -> Decision:
    return rules.evaluate(evidence, application.nomination,
                          availability_committed=application.availability_committed, now=now)


def evaluate_application(application: Application, cause: object) -> bool:
    """Re-evaluate one application now; True when its verdict or met prerequisites changed."""
    workshop = application.workshop
    decision = decide(application, rules_of(workshop),
                      evidence_for(application.user_id, workshop), utcnow())
    return store_decision(application, decision, cause)


def affected_applications(user_id: int, module_id: int) -> list[Application]:
    """The live applications of one person to workshops with a prerequisite on one module."""
    workshops = (select(WorkshopPrerequisite.workshop_id)
                 .join(PrerequisiteModule,
                       PrerequisiteModule.prerequisite_id == WorkshopPrerequisite.id)
                 .where(PrerequisiteModule.module_id == module_id))
    return list(db.session.scalars(select(Application).where(
        Application.user_id == user_id, Application.workshop_id.in_(workshops),
        Application.status.in_(LIVE_STATUSES)).order_by(Application.id)))


def evaluate_workshop(workshop: Workshop, cause: object,
                      now: datetime | None = None) -> list[int]:
    """Re-evaluate every live application of a workshop; returns the ids whose verdict changed.

    Judges every candidate in one pass (``bulk_judging``) and writes only the applications
    whose (outcome, met prerequisites, cited records) changed.
    """
    stale = stale_decisions(workshop, rules_of(workshop), now or utcnow())
    changed = []
    for application in _load(stale):
        if store_decision(application, stale[application.id], cause):
            changed.append(application.id)
    return changed


def _load(decisions: dict[int, Decision]) -> list[Application]:
    ids = sorted(decisions)
    loaded: list[Application] = []
    for start in range(0, len(ids), 500):
        loaded.extend(db.session.scalars(
            select(Application).where(Application.id.in_(ids[start:start + 500]))))
    return loaded


@dataclass(frozen=True)
class Reasons:
    """Why an application has its verdict: the obstacles, and each prerequisite's result."""

    blockers: list[str]
    messages: dict[Any, str]  # prerequisite id -> its explanation


def reasons_for(application: Application, words: Words) -> Reasons:
    """The stored verdict's reasons written with ``words`` (a reader's language).

    The stored sentences are English records of the verdict; to word them for a reader the
    application is judged again as of its last evaluation (same records, same dates). If that
    no longer gives the stored verdict (something changed and the re-evaluation is still to
    come), the stored sentences are given as they are: they are what the verdict rests on.
    """
    stored = Reasons(list(application.blockers),
                     {cell["prerequisite_id"]: cell["message"] for cell in application.results})
    if application.evaluated_at is None:
        return stored
    workshop = application.workshop
    try:
        decision = decide(application, rules_of(workshop),
                          evidence_for(application.user_id, workshop), application.evaluated_at)
    except EligibilityError:
        return stored
    if fingerprint(decision) != (application.outcome, application.met_mask,
                                 application.cited or []):
        return stored
    return Reasons(list(decision.worded_blockers(words)),
                   {r.prerequisite.id: r.worded(words) for r in decision.results})
