"""The hot path of a full re-evaluation: every candidate of a workshop judged in one pass.

Why this module exists: ``evaluate_workshop`` re-judges every live candidate when a workshop's
prerequisites change; at ten thousand candidates and sixty thousand records the obvious code
(ORM objects, one query per candidate, ``CompletionEvidence`` re-validated field by field) took
several times the budget of "at most three times one SQL aggregate". The tricks below, each
kept here beside its reason rather than in the domain code, bring it within it:

* one Core query for all the records (no ORM identity map, no per-row fetch), with statuses,
  source kinds and dates converted by hand from their stored text;
* records built by ``inputs.trusted_evidence``, which skips the checks the typed columns
  already guarantee;
* hot loop locals aliased (attribute lookups on every row cost measurably);
* the cycle collector paused while judging (see ``_cycle_collection_paused``);
* ``fingerprint`` reads a result's evidence directly instead of its ``met`` property.

Concurrency model: it runs inside the caller's transaction and only reads (the caller writes
the stale verdicts through the ORM afterwards), so it sees one snapshot on PostgreSQL; on
SQLite the caller's operation holds the write lock from its first write, and these reads come
before it. Nothing here is shared between threads: ``gc`` is process-wide, but pausing it only
delays collection, and it is re-enabled only if it was enabled.

Covered by the eligibility tests that add prerequisites to workshops with candidates
(``tests/eligibility/world.py`` builds every workshop that way; ``test_withdraw.py`` re-judges
one), on SQLite and, in CI, PostgreSQL; and by the benchmark ``python -m bench.eligibility``,
which checks the verdicts against one SQL aggregate on every candidate (0 disagreements) and
prints the ratio engine / SQL (target at most 3).
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import String, func, select, type_coerce

from ..db import db
from ..tracking.models import Completion
from ..tracking.vocabulary import CompletionStatus, SourceKind
from .inputs import CompletionEvidence, trusted_evidence
from .models import Application, Workshop
from .rules import Decision, WorkshopRules
from .states import LIVE_STATUSES

_SOURCE_KINDS = {kind.value: kind for kind in SourceKind}
_STATUSES = {status.value: status for status in CompletionStatus}


def prerequisite_module_ids(workshop: Workshop) -> set[int]:
    """The ids of every module any of the workshop's prerequisites names."""
    return {m.id for p in workshop.prerequisites for m in p.modules}


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


def stale_decisions(workshop: Workshop, rules: WorkshopRules,
                    now: datetime) -> dict[int, Decision]:
    """The engine's decision on every live application whose stored verdict it contradicts."""
    with _cycle_collection_paused():
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


def _records_by_user(workshop: Workshop) -> dict[int, list[CompletionEvidence]]:
    # One query of Core rows fetched at once, one date column instead of two.
    module_ids = prerequisite_module_ids(workshop)
    when = type_coerce(func.coalesce(Completion.completed_at, Completion.first_seen_at), String)
    rows = db.session.connection().execute(select(
        Completion.user_id, Completion.id, Completion.module_id,
        type_coerce(Completion.source_kind, String), Completion.source_label,
        type_coerce(Completion.status, String), Completion.score_scaled, when)
        .join(Application, (Application.user_id == Completion.user_id)
              & (Application.workshop_id == workshop.id))
        .where(Completion.module_id.in_(module_ids))).all()
    grouped: dict[int, list[CompletionEvidence]] = {}
    kinds, statuses, build = _SOURCE_KINDS, _STATUSES, trusted_evidence
    keys = {module_id: str(module_id) for module_id in module_ids}
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


def _as_utc(moment: str | datetime) -> datetime:
    if isinstance(moment, str):
        return datetime.fromisoformat(moment).replace(tzinfo=timezone.utc)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
