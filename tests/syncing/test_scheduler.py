"""The scheduler (lms_bridge/scheduler.py): fixed job ids in the database job store, restarts,
two schedulers and one run, the app's other jobs (outbox delivery, URL re-check)."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from sync_world import add_moodle_source, configure_for_tests

from lms_bridge import create_app
from lms_bridge.db import db
from lms_bridge.syncing import operations
from lms_bridge.syncing.models import RunTrigger, SyncRun, SyncSource
from lms_bridge.scheduler import (MISFIRE_GRACE_SECONDS, OUTBOX_JOB, build_scheduler, job_id,
                                  reconcile, start_scheduler, stop_scheduler)


@pytest.fixture
def scheduled(app, make_user, moodle):
    configure_for_tests(app)
    make_user("learner", email="learner1@example.com")
    with app.app_context():
        return add_moodle_source(moodle, schedule_minutes=30)


def _stored_scheduler(app):
    scheduler = build_scheduler(app)
    scheduler.start(paused=True)
    return scheduler


def test_a_source_gets_one_job_with_a_fixed_id_and_safe_defaults(app, scheduled):
    scheduler = _stored_scheduler(app)
    try:
        assert reconcile(scheduler, app) == {job_id(scheduled): 30}
        job = scheduler.get_job(job_id(scheduled))
        assert job.trigger.interval == timedelta(minutes=30)
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (
            True, 1, MISFIRE_GRACE_SECONDS)
        assert job.func_ref == "lms_bridge.syncing.jobs:sync_source_job" and job.args == (scheduled,)
    finally:
        scheduler.shutdown(wait=False)


def test_the_schedule_survives_a_restart(app, scheduled):
    first = _stored_scheduler(app)
    reconcile(first, app)
    next_run = first.get_job(job_id(scheduled)).next_run_time
    first.shutdown(wait=False)

    second = _stored_scheduler(app)  # a new process would build exactly this
    try:
        job = second.get_job(job_id(scheduled))
        assert job is not None and job.next_run_time == next_run
        reconcile(second, app)  # an unchanged source keeps its stored next run time
        assert second.get_job(job_id(scheduled)).next_run_time == next_run
    finally:
        second.shutdown(wait=False)


def test_changing_or_dropping_the_schedule_changes_the_job(app, scheduled):
    scheduler = _stored_scheduler(app)
    try:
        reconcile(scheduler, app)
        with app.app_context():
            operations.update_source(None, db.session.get(SyncSource, scheduled), schedule_minutes=60)
        reconcile(scheduler, app)
        assert scheduler.get_job(job_id(scheduled)).trigger.interval == timedelta(minutes=60)
        with app.app_context():
            operations.update_source(None, db.session.get(SyncSource, scheduled),
                                     schedule_minutes=None)
        reconcile(scheduler, app)
        assert scheduler.get_job(job_id(scheduled)) is None
    finally:
        scheduler.shutdown(wait=False)


def _wait_for_runs(app, count: int, timeout: float = 10.0) -> list[SyncRun]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            runs = db.session.scalars(select(SyncRun)).all()
            if len(runs) >= count and all(r.finished_at for r in runs):
                return runs
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} finished runs after {timeout}s")


def test_two_scheduler_processes_make_one_run(app, scheduled, database_url, tmp_path):
    other_app = create_app({"INSTANCE_PATH": tmp_path / "other", "DATABASE_URL": database_url,
                            "TESTING": True, "SECRET_KEY": app.config["SECRET_KEY"]})
    configure_for_tests(other_app)
    schedulers = [start_scheduler(app), start_scheduler(other_app)]
    try:
        due = datetime.now(timezone.utc)
        for scheduler in schedulers:
            scheduler.modify_job(job_id(scheduled), next_run_time=due)
            scheduler.wakeup()
        runs = _wait_for_runs(app, 1)
        time.sleep(0.3)  # give a second run the chance to show up, if there were one
        with app.app_context():
            runs = db.session.scalars(select(SyncRun)).all()
        assert len(runs) == 1 and runs[0].trigger is RunTrigger.SCHEDULE
    finally:
        for scheduler, its_app in zip(schedulers, (app, other_app)):
            stop_scheduler(scheduler, its_app, wait=True)
        other_app.extensions["lms_bridge.db"][0].dispose()


def test_the_app_jobs_are_scheduled_with_fixed_ids(app):
    from lms_bridge.catalog.jobs import RECHECK_URL_IMPORTS_JOB_ID

    app.config["IMPORT_URL_RECHECK_HOURS"] = 6
    scheduler = start_scheduler(app, reconcile_seconds=3600)
    try:
        job = scheduler.get_job(RECHECK_URL_IMPORTS_JOB_ID)
        assert job is not None and job.trigger.interval == timedelta(hours=6)
        job = scheduler.get_job(OUTBOX_JOB)
        assert job.func_ref == "lms_bridge.scheduler:deliver_outbox_job"
        assert (job.coalesce, job.max_instances, job.trigger.interval) == (
            True, 1, timedelta(minutes=1))
    finally:
        stop_scheduler(scheduler, app, wait=False)
