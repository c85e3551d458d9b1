"""A sync run always ends: unreadable statements, bad URLs, huge answers, stopped processes."""
from __future__ import annotations

import os
from datetime import timedelta

import pytest
from sqlalchemy import select

from static_lrs import static_lrs  # noqa: F401 (a fixture)
from sync_world import completions, configure_for_tests

from lms_bridge.db import db, utcnow
from lms_bridge.syncing import operations
from lms_bridge.syncing.jobs import run_sync, start_in_background
from lms_bridge.syncing.models import (Health, RunStatus, RunTrigger, SyncLease, SyncRun,
                                       SyncSource)
from lms_bridge.syncing.runs import INTERRUPTED, lease_holder, recover_interrupted_runs
from sync.records import SourceKind

IRI = "http://example.org/activities/valuation"
PASSED = "http://adlnet.gov/expapi/verbs/passed"


def statement(n: int, email: str, **changes):
    return {"id": f"s{n}", "stored": f"2026-11-22T10:0{n}:00Z", "actor": {"mbox": f"mailto:{email}"},
            "verb": {"id": PASSED}, "object": {"id": IRI}, "result": {"score": {"scaled": 0.9}},
            **changes}


def lrs_source(url: str) -> int:
    return operations.create_source(None, "LRS", SourceKind.XAPI, url, secret="pw",
                                    username="u", allow_private=True,
                                    mappings=[(IRI, "customs-valuation")]).id


@pytest.fixture
def learners(app, make_user):
    configure_for_tests(app)
    return [make_user("learner", email=f"learner{n}@example.com") for n in (1, 2)]


def test_unreadable_statements_are_reported_and_the_good_ones_recorded(app, learners, static_lrs):
    page = {"statements": [statement(1, "learner1@example.com"),
                           statement(2, "learner2@example.com", stored="not a date"),
                           "not an object",
                           statement(3, "learner2@example.com")]}
    lrs = static_lrs({"/xAPI/statements": page})
    with app.app_context():
        run = run_sync(lrs_source(lrs.endpoint), trigger=RunTrigger.CLI)
        assert run.status is RunStatus.PARTIAL and run.created == 2
        assert {e["scope"] for e in run.errors} == {"statement s2", "statement #3 of the page"}
        assert set(completions()) == {("learner1@example.com", "customs-valuation"),
                                      ("learner2@example.com", "customs-valuation")}


def test_a_run_in_the_background_with_a_bad_port_ends_failed_with_the_reason(app, learners):
    app.config["SYNC_NOW_INLINE"] = True
    with app.app_context():
        source_id = lrs_source("http://127.0.0.1:8080/xAPI/")
        db.session.get(SyncSource, source_id).url = "http://127.0.0.1:99999/xAPI/"  # stored earlier
        db.session.commit()
    start_in_background(app, source_id)
    with app.app_context():
        run = db.session.scalars(select(SyncRun)).one()
        assert run.status is RunStatus.FAILED and run.finished_at is not None
        assert "not a valid URL" in run.message and "Port out of range" in run.message


def test_an_answer_beyond_the_cap_fails_the_run_naming_the_limit(app, learners, static_lrs):
    app.config["SYNC_MAX_RESPONSE_BYTES"] = 2048
    lrs = static_lrs({"/xAPI/statements": {"statements": [
        statement(n % 10, "learner1@example.com") for n in range(1, 30)]}})
    with app.app_context():
        run = run_sync(lrs_source(lrs.endpoint), trigger=RunTrigger.CLI)
        assert run.status is RunStatus.FAILED
        assert "larger than the 2048-byte limit" in run.message
        assert completions() == {}


def _running_run(source_id: int) -> int:
    run = SyncRun(source_id=source_id, trigger=RunTrigger.SCHEDULE, status=RunStatus.RUNNING,
                  phase="recording", errors=[])
    db.session.add(run)
    db.session.commit()
    return run.id


def _dead_holder() -> str:
    pid = os.getpid() + 1
    while True:  # a process id of this machine that no process uses
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return f"{lease_holder().split(':')[0]}:{pid}:1"
        except PermissionError:
            pass
        pid += 1


@pytest.mark.parametrize("lease", ["none", "expired", "dead process"])
def test_a_run_left_running_by_a_stopped_process_is_ended_at_start_up(app, learners, lease):
    from lms_bridge.scheduler import start_scheduler, stop_scheduler

    with app.app_context():
        source_id = lrs_source("http://127.0.0.1:8080/xAPI/")
        run_id = _running_run(source_id)
        if lease != "none":
            expires = utcnow() + (timedelta(minutes=-1) if lease == "expired" else timedelta(hours=1))
            holder = _dead_holder() if lease == "dead process" else "elsewhere:1:1"
            db.session.add(SyncLease(source_id=source_id, holder=holder, expires_at=expires))
            db.session.commit()
    scheduler = start_scheduler(app, reconcile_seconds=3600)
    stop_scheduler(scheduler, app, wait=False)
    with app.app_context():
        run = db.session.get(SyncRun, run_id)
        assert (run.status, run.message) == (RunStatus.FAILED, INTERRUPTED)
        assert run.finished_at is not None
        assert db.session.get(SyncSource, source_id).health is Health.FAILING
        assert db.session.scalars(select(SyncLease)).all() == []


def test_a_run_still_holding_a_live_lease_is_left_alone(app, learners):
    with app.app_context():
        source_id = lrs_source("http://127.0.0.1:8080/xAPI/")
        run_id = _running_run(source_id)
        db.session.add(SyncLease(source_id=source_id, holder="another-host:1:1",
                                 expires_at=utcnow() + timedelta(minutes=5)))
        db.session.commit()
        assert recover_interrupted_runs() == 0
        assert db.session.get(SyncRun, run_id).status is RunStatus.RUNNING
