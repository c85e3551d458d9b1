"""Readiness: can this process serve? Three checks, each answering ``(ok, detail)``.

* ``database``: a connection from the pool answers ``SELECT 1``.
* ``schema``: the database is at the Alembic head this code expects (else ``lms-bridge db
  upgrade`` has not been run after an upgrade of the code).
* ``scheduler``: some scheduler process ran its jobs recently. The scheduler keeps its jobs in
  ``apscheduler_jobs`` with each job's next run time, and moves that time forward whenever it
  runs the job; its re-read-the-sources job runs every minute. So the earliest next run time
  in the table is at most a moment in the past while a scheduler runs, and falls behind the
  clock once none does: ``now - earliest`` is the scheduler's lag, with no heartbeat of its
  own to maintain. No job at all means no scheduler ever started against this database.
  ``READY_SCHEDULER_MINUTES`` is the lag allowed (0: the check is left out).
"""
from __future__ import annotations

import functools
import time
from typing import Callable

from flask import current_app
from sqlalchemy import text

from ..db import db
from ..migrate import current_revision, head_revision

Check = Callable[[], tuple[bool, str]]


@functools.lru_cache(maxsize=1)
def _expected_revision() -> str:
    return head_revision()  # read from the migration scripts once: they do not change


def database_check() -> tuple[bool, str]:
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001  (any failure means not ready; the kind is told)
        return False, f"cannot reach the database ({type(exc).__name__})"
    return True, "reachable"


def schema_check() -> tuple[bool, str]:
    current, expected = current_revision(db.engine), _expected_revision()
    if current != expected:
        return False, (f"schema at revision {current or 'none'}, this code needs {expected}: "
                       "run `lms-bridge db upgrade`")
    return True, f"at revision {current}"


def scheduler_lag_seconds() -> float | None:
    """How far the most overdue scheduler job is behind (0 if none is); None: no jobs."""
    with db.engine.connect() as connection:
        earliest = connection.execute(text(
            "SELECT min(next_run_time) FROM apscheduler_jobs")).scalar()
    if earliest is None:
        return None
    return max(0.0, time.time() - float(earliest))


def scheduler_check() -> tuple[bool, str]:
    allowed = current_app.config["READY_SCHEDULER_MINUTES"] * 60
    lag = scheduler_lag_seconds()
    if lag is None:
        return False, "no scheduler has run against this database (start `lms-bridge scheduler`)"
    if lag > allowed:
        return False, (f"no scheduler seen for {lag / 60:.1f} minutes (allowed "
                       f"{allowed // 60}): is `lms-bridge scheduler` running?")
    return True, f"seen {lag:.0f} s behind schedule"


def readiness() -> dict[str, tuple[bool, str]]:
    """Each check's result; the later checks are skipped when the database is unreachable."""
    results = {"database": database_check()}
    if not results["database"][0]:
        return results
    results["schema"] = schema_check()
    if current_app.config["READY_SCHEDULER_MINUTES"] and results["schema"][0]:
        results["scheduler"] = scheduler_check()
    return results


def sync_runs_by_outcome() -> dict[str, int]:
    with db.engine.connect() as connection:
        rows = connection.execute(text("SELECT status, count(*) FROM sync_run GROUP BY status"))
        return {status: count for status, count in rows}
