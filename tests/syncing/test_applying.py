"""Applying pulls: remote-only modules, contradictions kept and shown, voided statements logged."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from lms_bridge.catalog.models import Module
from lms_bridge.db import db
from lms_bridge.syncing import operations
from lms_bridge.syncing.applying import RecordApplier
from lms_bridge.syncing.models import SyncRun, RunTrigger
from lms_bridge.tracking.models import Completion, CompletionObservation
from sync.base import PullCounters, PullResult
from sync.records import (CompletionStatus, Provenance, RemoteCompletion, RemotePerson,
                          SourceKind)

IRI = "https://lrs.example.org/activities/customs-valuation"
WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)


def statement(statement_id: str, status: CompletionStatus, score: float | None) -> RemoteCompletion:
    return RemoteCompletion(RemotePerson(email="Ana@Example.org"), IRI, None, status, score, WHEN,
                            Provenance(SourceKind.XAPI, {"statement": statement_id}, WHEN,
                                       {"id": statement_id}))


@pytest.fixture
def lrs(app, make_user):
    make_user("learner", email="ana@example.org")
    with app.app_context():
        source = operations.create_source(None, "LRS", SourceKind.XAPI, "http://127.0.0.1:9/xAPI/",
                                          secret="pw", username="u", allow_private=True,
                                          mappings=[(IRI, "remote-only-valuation")])
        return source.id


def apply(source_id: int, records, withdrawn=()) -> SyncRun:
    source = operations.source_by_id(source_id)
    run = SyncRun(source_id=source_id, trigger=RunTrigger.CLI, errors=[])
    db.session.add(run)
    RecordApplier(source, run).apply(PullResult(list(records), {}, PullCounters(),
                                                withdrawn=list(withdrawn)))
    db.session.commit()
    return run


def test_mapping_to_an_unknown_slug_creates_a_remote_only_module(app, lrs):
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "remote-only-valuation"))
        assert module is not None and "remote LMS" in module.description


def test_a_contradicting_observation_is_kept_and_changes_nothing(app, lrs):
    with app.app_context():
        apply(lrs, [statement("s1", CompletionStatus.PASSED, 0.9)])
        run = apply(lrs, [statement("s2", CompletionStatus.FAILED, 0.3)])
        assert run.kept_better == 1
        completion = db.session.scalar(select(Completion))
        assert (completion.status.value, completion.score_scaled) == ("passed", 0.9)
        notes = [o.note for o in db.session.scalars(select(CompletionObservation))]
        assert notes == ["first observation", "kept the better passed record"]


def test_a_voided_statement_is_logged_once_and_erases_nothing(app, lrs):
    with app.app_context():
        apply(lrs, [statement("s1", CompletionStatus.PASSED, 0.9)])
        first = apply(lrs, [], withdrawn=["xapi:statement=s1"])
        again = apply(lrs, [], withdrawn=["xapi:statement=s1"])
        assert (first.withdrawn, again.withdrawn) == (1, 0)
        completion = db.session.scalar(select(Completion))
        assert completion.status.value == "passed"
        withdrawn = db.session.scalars(select(CompletionObservation).where(
            CompletionObservation.applied.is_(False))).all()
        assert [o.note for o in withdrawn] == ["withdrawn by the source: xapi:statement=s1"]


def test_a_voided_statement_of_a_waiting_person_leaves_their_list(app, lrs):
    from lms_bridge.syncing.models import UnmatchedPerson

    with app.app_context():
        stranger = RemoteCompletion(RemotePerson(email="x@elsewhere.org"), IRI, None,
                                    CompletionStatus.PASSED, None, WHEN,
                                    Provenance(SourceKind.XAPI, {"statement": "s9"}, WHEN, {}))
        apply(lrs, [stranger])
        run = apply(lrs, [], withdrawn=["xapi:statement=s9"])
        assert run.withdrawn == 1
        assert db.session.scalar(select(UnmatchedPerson)).pending == {}


def test_email_matching_ignores_case(app, lrs):
    with app.app_context():
        run = apply(lrs, [statement("s1", CompletionStatus.COMPLETED, None)])
        assert run.created == 1 and run.people_unmatched == 0
