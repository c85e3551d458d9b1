"""Fixtures of the ops tests: the scheduler's job store as a scheduler would leave it."""
import time

import pytest
from sqlalchemy import text


@pytest.fixture
def scheduler_job(app):
    """scheduler_job(seconds_from_now): a job whose next run is that far away (negative:
    overdue), as a running (or stopped) scheduler leaves it in ``apscheduler_jobs``."""
    from lms_bridge.db import db

    counter = iter(range(1000))

    def store(seconds_from_now: float) -> None:
        with app.app_context(), db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO apscheduler_jobs (id, next_run_time, job_state) "
                "VALUES (:id, :next, :state)"),
                {"id": f"job-{next(counter)}", "next": time.time() + seconds_from_now,
                 "state": b"\x80"})
    return store


@pytest.fixture
def publish(app, tmp_path):
    """publish(slug) -> the version id of a published one-SCO SCORM 1.2 module."""
    from tests.player.conftest import publish_zip, tiny_package

    return lambda slug: publish_zip(app, tiny_package(tmp_path / f"{slug}.zip"), slug)
