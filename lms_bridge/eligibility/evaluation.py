"""The database side of the rule engine: rows in, ``rules.WorkshopRules`` verdicts out, stored.

Re-evaluation is triggered three ways:

* ``completion_changed`` (sent by ``tracking.operations.record_completion`` inside the writing
  transaction): only the applications of that person to workshops with a prerequisite on that
  module are re-evaluated (``recompute_for_completion``); a sync batch sends one signal per
  changed record, so each costs two small indexed queries per affected application;
* a nomination decision or a submitted application (``evaluate_application``);
* a change of a workshop's prerequisites (``evaluate_workshop``: every candidate, read in two
  queries, only the changed ones written).

Module keys given to the engine are module ids as strings. A record without a completion time
is dated by when LMS Bridge first saw it (the engine's documented upper bound).
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import String, func, select, type_coerce

from ..db import db, utcnow
from ..tracking.models import Completion
from ..tracking.operations import RecordOutcome, completion_changed
from .inputs import CompletionEvidence, Prerequisite, trusted_evidence
from .models import (Application, DecisionChange, PrerequisiteModule, Workshop,
                     WorkshopPrerequisite)
from .rules import Decision, RuleResult, WorkshopRules
from .states import ApplicationStatus, status_after_decision
from .vocabulary import CompletionStatus, SourceKind
from .wording import format_score

# Applications whose verdict is kept up to date (drafts and closed ones are left alone).
LIVE_STATUSES = tuple(s for s in ApplicationStatus if s not in {
    ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN, ApplicationStatus.NOT_SELECTED})

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


def _module_ids(workshop: Workshop) -> set[int]:
    return {m.id for p in workshop.prerequisites for m in p.modules}


def evidence_for(user_id: int, workshop: Workshop) -> list[CompletionEvidence]:
    """Every record of one person on the modules the workshop's prerequisites name."""
    rows = db.session.execute(select(*_EVIDENCE_COLUMNS).where(
        Completion.user_id == user_id, Completion.module_id.in_(_module_ids(workshop))))
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


def fingerprint(decision: Decision) -> tuple[Any, int, list[Any]]:
    """(outcome, met mask, cited record ids): what a stored verdict is compared on."""
    mask, cited, bit = 0, [], 1
    for result in decision.results:
        if result.evidence is not None:  # ``met``, without a property call per result
            mask |= bit
        bit <<= 1
        record = result.best_so_far
        cited.append(None if record is None else record.record_id)
    return decision.outcome, mask, cited


def store_decision(application: Application, decision: Decision, cause: str) -> bool:
    """Write a verdict onto its application, log a change, move the status; True if changed."""
    from .operations import move_status  # operations imports this module

    outcome, mask, cited = fingerprint(decision)
    changed = application.outcome is not outcome or application.met_mask != mask
    if changed:
        db.session.add(DecisionChange(
            application_id=application.id, at=utcnow(), outcome_before=application.outcome,
            outcome_after=outcome, met_before=application.met_mask, met_after=mask,
            cause=cause[:500], explanation=decision.explain()))
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


def evaluate_application(application: Application, cause: str) -> bool:
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


def describe_completion(completion: Completion, outcome: RecordOutcome) -> str:
    """The cause written into the history: "new record 17 from CLiKC!: Customs valuation passed, 82"."""
    verb = "new" if outcome is RecordOutcome.CREATED else "improved"
    return (f"{verb} record {completion.id} from {completion.source_label}: "
            f"{completion.module.title} {completion.status.value}, "
            f"{format_score(completion.score_scaled)}")


def recompute_for_completion(completion: Completion, outcome: RecordOutcome) -> list[int]:
    """Re-evaluate the applications one record can affect; returns the ids whose verdict changed."""
    applications = affected_applications(completion.user_id, completion.module_id)
    if not applications:
        return []
    cause = describe_completion(completion, outcome)
    return [a.id for a in applications if evaluate_application(a, cause)]


@completion_changed.connect
def _on_completion_changed(completion: Completion, *, outcome: RecordOutcome,
                           **_: Any) -> None:
    recompute_for_completion(completion, outcome)


def evaluate_workshop(workshop: Workshop, cause: str, now: datetime | None = None) -> list[int]:
    """Re-evaluate every live application of a workshop; returns the ids whose verdict changed.

    Reads the candidates and their records in two queries, runs the engine on each, and
    writes only the applications whose (outcome, met prerequisites, cited records) changed.
    """
    rules, now = rules_of(workshop), now or utcnow()
    with _cycle_collection_paused():
        stale = _stale_decisions(workshop, rules, now)
    changed = []
    for application in _load(stale):
        if store_decision(application, stale[application.id], cause):
            changed.append(application.id)
    return changed


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    # Judging ten thousand candidates allocates a few hundred thousand small objects that all
    # live until the judging ends and hold no cycles; the cycle collector would walk them
    # over and over (a quarter of the time) to free nothing. Reference counting still frees.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _stale_decisions(workshop: Workshop, rules: WorkshopRules,
                     now: datetime) -> dict[int, Decision]:
    """The engine's decision on every live application whose stored verdict it contradicts."""
    candidates = db.session.connection().execute(select(
        Application.id, Application.user_id, Application.nomination,
        Application.availability_committed, Application.outcome, Application.met_mask,
        Application.cited).where(Application.workshop_id == workshop.id,
                                 Application.status.in_(LIVE_STATUSES))).all()
    records = _records_by_user(workshop)
    stale: dict[int, Decision] = {}
    evaluate, nothing = rules.evaluate, ()
    for app_id, user_id, nomination, committed, outcome, mask, cited in candidates:
        decision = evaluate(records.get(user_id, nothing), nomination,
                            availability_committed=committed, now=now)
        if fingerprint(decision) != (outcome, mask, cited or []):
            stale[app_id] = decision
    return stale


def _records_by_user(workshop: Workshop) -> dict[int, list[CompletionEvidence]]:
    # The hot read of a full re-evaluation: one query of Core rows fetched at once (no ORM
    # identity map, no per-row fetch), statuses and dates converted by hand, one date column
    # instead of two, and records built without re-checking what the typed columns guarantee.
    when = type_coerce(func.coalesce(Completion.completed_at, Completion.first_seen_at), String)
    rows = db.session.connection().execute(select(
        Completion.user_id, Completion.id, Completion.module_id,
        type_coerce(Completion.source_kind, String), Completion.source_label,
        type_coerce(Completion.status, String), Completion.score_scaled, when)
        .join(Application, (Application.user_id == Completion.user_id)
              & (Application.workshop_id == workshop.id))
        .where(Completion.module_id.in_(_module_ids(workshop)))).all()
    grouped: dict[int, list[CompletionEvidence]] = {}
    kinds, statuses, build = _SOURCE_KINDS, _STATUSES, trusted_evidence
    keys = {module_id: str(module_id) for module_id in _module_ids(workshop)}
    parse, utc = datetime.fromisoformat, "+00:00"
    for user_id, record_id, module_id, kind, label, status, score, moment in rows:
        # SQLite gives the stored UTC text without an offset (appending one is 8 times faster
        # than replacing tzinfo afterwards); PostgreSQL an aware datetime already.
        moment = parse(moment + utc) if moment.__class__ is str else _as_utc(moment)
        record = build(record_id, keys[module_id], kinds[kind], label, statuses[status], score,
                       moment)
        bucket = grouped.get(user_id)
        if bucket is None:
            grouped[user_id] = [record]
        else:
            bucket.append(record)
    return grouped


_STATUSES = {status.value: status for status in CompletionStatus}


def _as_utc(moment: str | datetime) -> datetime:
    if isinstance(moment, str):
        return datetime.fromisoformat(moment).replace(tzinfo=timezone.utc)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _load(decisions: dict[int, Decision]) -> list[Application]:
    ids = sorted(decisions)
    loaded: list[Application] = []
    for start in range(0, len(ids), 500):
        loaded.extend(db.session.scalars(
            select(Application).where(Application.id.in_(ids[start:start + 500]))))
    return loaded
