"""The one entrance for a new completion, local or remote: record it, re-evaluate who it affects.

Grading (the player, when an attempt satisfies its module's rule) and the sync applier (each
pulled record) call :func:`record_and_reevaluate` instead of tracking's ``record_completion``.
It lives in eligibility because eligibility already depends on tracking and tracking must not
know its readers: tracking stays the lower layer (web -> domains -> tracking), and player and
syncing call down into eligibility, which calls down into tracking; nothing calls back up.

The caller commits (the player's commit, the sync run's operation), so a record and the
verdicts it changes are committed together or not at all. Messages the re-evaluation queues
(status changes) wait in the outbox for the scheduler's delivery job.
"""
from __future__ import annotations

from ..tracking.models import Completion
from ..tracking.operations import Observation, RecordOutcome, record_completion
from . import history_words
from .evaluation import affected_applications, evaluate_application

_CHANGED = (RecordOutcome.CREATED, RecordOutcome.UPDATED)


def record_and_reevaluate(observation: Observation) -> tuple[RecordOutcome, Completion]:
    """Upsert one observation (tracking's rule) and, when it created or improved the record,
    re-evaluate the applications it can affect. The caller commits; raises ValueError for a
    score outside 0..1."""
    outcome, completion = record_completion(observation)
    if outcome in _CHANGED:
        reevaluate_for_completion(completion, outcome)
    return outcome, completion


def reevaluate_for_completion(completion: Completion, outcome: RecordOutcome) -> list[int]:
    """Re-evaluate the applications one record can affect; returns the ids whose verdict changed."""
    applications = affected_applications(completion.user_id, completion.module_id)
    if not applications:
        return []
    cause = describe_completion(completion, outcome)
    return [a.id for a in applications if evaluate_application(a, cause)]


def describe_completion(completion: Completion, outcome: RecordOutcome) -> object:
    """The cause written into the history: "new record 17 from CLiKC!: Customs valuation passed,
    82" (a lazy string: in English there, in the applicant's language in their message)."""
    return history_words.new_record(completion, created=outcome is RecordOutcome.CREATED)
