"""An LRS source end to end: a real Ralph LRS -> lms_bridge.syncing.jobs.run_sync -> Completion rows.

The statements are posted through Ralph's statements API at two moments (before the first
sync, then a voiding one after it), as the ``e2e`` account of the session's Ralph, whose store
is separate from the connector tests' batch (see ralph_lrs).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ralph_lrs import E2E_USERNAME, PASSWORD, post_again, post_statements
from sqlalchemy import select
from sync_world import completions, configure_for_tests, counts
from xapi_statements import HS, VAL, VERBS, statement

from lms_bridge.db import db
from lms_bridge.syncing import operations
from lms_bridge.syncing.applying import WITHDRAWN_NOTE
from lms_bridge.syncing.models import RunStatus
from lms_bridge.tracking.models import Completion, CompletionObservation
from lms_bridge.syncing.jobs import run_sync
from sync.records import SourceKind

VOIDED = "00000000-0000-4000-8000-000000000004"  # learner 4 passed HS
FIRST_POST = [
    statement(1, "passed", HS, {"score": {"scaled": 0.9}, "success": True}),
    statement(2, "failed", VAL, {"score": {"scaled": 0.35}, "success": False}),
    statement(3, "completed", VAL, {"completion": True}),
    # learner 2 again, later and better: the record improves
    dict(statement(2, "passed", VAL, {"score": {"raw": 45, "min": 0, "max": 50}}),
         id="00000000-0000-4000-8000-000000000042", timestamp="2026-11-20T11:00:00+00:00"),
    statement(4, "passed", HS, {"score": {"scaled": 0.75}, "success": True}),  # voided later
]


def second_post() -> list[dict]:
    """Posted after the first sync, dated between it and their storing. Ralph applies ``since``
    to ``timestamp`` (the spec says ``stored``) while the connector's cursor is the latest
    ``stored``: an incremental pull from Ralph misses a statement dated before the last sync,
    and reads again, every run, one dated after its own storing."""
    now = datetime.now(timezone.utc)
    later = (now + timedelta(microseconds=1)).isoformat()
    return [
        {"id": "00000000-0000-4000-8000-000000000006",
         "actor": {"objectType": "Agent", "mbox": "mailto:admin@example.com"},
         "verb": {"id": VERBS + "voided"}, "object": {"objectType": "StatementRef", "id": VOIDED},
         "timestamp": now.isoformat()},
        # learner 1 fails later: a contradicting observation, the passed record is kept
        dict(statement(1, "failed", HS, {"score": {"scaled": 0.5}, "success": False}),
             id="00000000-0000-4000-8000-000000000007", timestamp=later),
    ]


P, F, C = "passed", "failed", "completed"


def observations(email: str, slug: str) -> list[tuple[bool, str]]:
    completion = next(c for c in db.session.scalars(select(Completion))
                      if (c.user.email, c.module.slug) == (email, slug))
    return [(o.applied, o.note) for o in db.session.scalars(
        select(CompletionObservation).where(CompletionObservation.completion_id == completion.id)
        .order_by(CompletionObservation.id))]


def test_an_lrs_source_records_statements_logs_voiding_and_reruns_idempotently(
        app, make_user, ralph_lrs):
    lrs = ralph_lrs
    post_statements(lrs, FIRST_POST, E2E_USERNAME)
    configure_for_tests(app)
    for n in range(1, 5):
        make_user("learner", email=f"learner{n}@example.com")
    with app.app_context():
        source_id = operations.create_source(
            None, "Regional LRS", SourceKind.XAPI, lrs.endpoint, secret=PASSWORD,
            username=E2E_USERNAME, allow_private=True,
            mappings=[(HS, "hs-classification"), (VAL, "customs-valuation")]).id

        first = run_sync(source_id)
        assert first.status is RunStatus.SUCCEEDED, first.errors
        assert (first.created, first.updated, first.withdrawn) == (4, 1, 0)
        assert completions() == {
            ("learner1@example.com", "hs-classification"): (P, 0.9),
            ("learner2@example.com", "customs-valuation"): (P, 0.9),
            ("learner3@example.com", "customs-valuation"): (C, None),
            ("learner4@example.com", "hs-classification"): (P, 0.75)}
        assert observations("learner2@example.com", "customs-valuation") == [
            (True, "first observation"), (True, "improved the record")]

        post_again(lrs, second_post())
        second = run_sync(source_id)
        assert second.status is RunStatus.SUCCEEDED, second.errors
        assert (second.created, second.updated, second.kept_better, second.withdrawn) == (0, 0, 1, 1)
        assert completions()[("learner4@example.com", "hs-classification")] == (P, 0.75)
        assert completions()[("learner1@example.com", "hs-classification")] == (P, 0.9)
        record_id = f"xapi:statement={VOIDED}"
        assert observations("learner4@example.com", "hs-classification") == [
            (True, "first observation"), (False, WITHDRAWN_NOTE.format(record_id=record_id))]
        assert observations("learner1@example.com", "hs-classification")[-1] == (
            False, "kept the better passed record")
        before = counts()

        third = run_sync(source_id)
        assert third.status is RunStatus.SUCCEEDED
        assert (third.records_seen, third.created, third.updated, third.kept_better,
                third.withdrawn) == (0, 0, 0, 0, 0)
        assert counts()[:2] == before[:2]

        full = run_sync(source_id, full=True)  # re-reads every statement: still nothing new
        assert full.status is RunStatus.SUCCEEDED and full.records_seen == 5  # the voided one dropped
        assert (full.created, full.updated, full.kept_better, full.withdrawn) == (0, 0, 0, 0)
        assert counts()[:2] == before[:2]
