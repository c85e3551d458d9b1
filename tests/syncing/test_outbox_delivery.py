"""The outbox is delivered with no web action: right after a sync run, and by a scheduler job."""
from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from sync_world import add_moodle_source, configure_for_tests

from lms_bridge.accounts.models import User
from lms_bridge.db import db
from lms_bridge.eligibility import operations
from lms_bridge.eligibility.notifications import notify
from lms_bridge.eligibility.states import ApplicationStatus
from lms_bridge.scheduler import OUTBOX_JOB, start_scheduler, stop_scheduler
from lms_bridge.syncing.jobs import run_sync
from lms_bridge.syncing.models import RunTrigger
from lms_bridge.tracking.vocabulary import CompletionRule
from tests.eligibility import world
from tests.smtp_loopback import configure_smtp
from tests.smtp_loopback import smtp_server  # noqa: F401 (a fixture)


def _wait_for(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout}s")
        time.sleep(0.05)


@pytest.fixture
def candidate(app, make_user, moodle):
    """learner1 applied to a workshop asking 'Completed customs valuation', nominated."""
    configure_for_tests(app)
    coordinator = make_user("coordinator")
    national = make_user("national_coordinator", country="KR")
    learner = make_user("learner", email="learner1@example.com", country="KR")
    with app.app_context():
        source_id = add_moodle_source(moodle)
        workshop_id = world.workshop(coordinator, prerequisites=False)
        operations.add_prerequisite(db.session.get(User, coordinator), workshop_id,
                                    operations.PrerequisiteSpec(
                                        "Valuation", ("customs-valuation",),
                                        CompletionRule.COMPLETED))
        application_id = world.apply(learner, workshop_id)
        world.nominate(national, application_id)
        assert world.status_of(application_id) is ApplicationStatus.NOT_YET_ELIGIBLE
    return {"source_id": source_id, "application_id": application_id}


def test_a_sync_that_changes_a_status_delivers_the_message_at_once(app, candidate, smtp_server):
    configure_smtp(app, smtp_server.server_address[1])  # earlier messages were queued only
    with app.app_context():
        run_sync(candidate["source_id"], trigger=RunTrigger.CLI)
        assert world.status_of(candidate["application_id"]) is ApplicationStatus.ELIGIBLE
    assert any("is now 'eligible'" in message for message in smtp_server.messages)


def test_the_scheduler_delivers_what_a_commit_queued(app, make_user, smtp_server):
    learner = make_user("learner", email="learner9@example.com")
    with app.app_context():
        notify(learner, "Queued by a commit", "no web action follows")
        db.session.commit()
    configure_smtp(app, smtp_server.server_address[1])
    scheduler = start_scheduler(app, reconcile_seconds=3600)
    try:
        scheduler.modify_job(OUTBOX_JOB, next_run_time=datetime.now(timezone.utc))
        scheduler.wakeup()
        _wait_for(lambda: any("no web action follows" in m for m in smtp_server.messages))
    finally:
        stop_scheduler(scheduler, app, wait=True)
