"""Run lifecycle and the per-source lease.

The lease is a row per source (``sync_lease``): taking it is an INSERT (unique on the source)
or an UPDATE of an expired row, each in its own short transaction on the engine, so two
scheduler processes (or a scheduler and a "sync now") never sync one source at once; the loser
skips. The holder renews it while it records progress and deletes it at the end; a crashed
holder's lease expires after ``LEASE_TTL``.

Outcome of a run -> source health: succeeded -> healthy; partial (some courses, learners or
statements skipped: listed in ``errors``) -> degraded; the source could not be reached or read
-> failing; a person must act (token revoked, function missing, credential unreadable) ->
needs attention, which stays set until an admin changes the URL or the credential or a later
run succeeds.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from datetime import timedelta
from typing import Callable

from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError

from sync.base import PullResult

from ..db import db, utcnow
from .models import Health, RunStatus, RunTrigger, SyncLease, SyncRun, SyncSource

LEASE_TTL = timedelta(minutes=30)
PROGRESS_EVERY_SECONDS = 0.5


def lease_holder() -> str:
    """A name for this process and thread."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def acquire_lease(source_id: int, holder: str, ttl: timedelta = LEASE_TTL) -> bool:
    """Take the source's lease; False when someone else holds a live one."""
    now = utcnow()
    try:
        with db.engine.begin() as conn:
            conn.execute(insert(SyncLease).values(source_id=source_id, holder=holder,
                                                  expires_at=now + ttl))
        return True
    except IntegrityError:
        pass
    with db.engine.begin() as conn:
        taken = conn.execute(update(SyncLease).where(
            SyncLease.source_id == source_id,
            (SyncLease.expires_at < now) | (SyncLease.holder == holder),
        ).values(holder=holder, expires_at=now + ttl))
        return taken.rowcount == 1


def renew_lease(source_id: int, holder: str, ttl: timedelta = LEASE_TTL) -> None:
    """Extend the lease inside the caller's transaction."""
    db.session.execute(update(SyncLease).where(SyncLease.source_id == source_id,
                                               SyncLease.holder == holder)
                       .values(expires_at=utcnow() + ttl))


def release_lease(source_id: int, holder: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(delete(SyncLease).where(SyncLease.source_id == source_id,
                                             SyncLease.holder == holder))


def start_run(source: SyncSource, trigger: RunTrigger, full: bool) -> SyncRun:
    run = SyncRun(source_id=source.id, trigger=trigger, full=full, status=RunStatus.RUNNING,
                  phase="pulling", started_at=utcnow(), errors=[])
    db.session.add(run)
    db.session.commit()
    return run


class ProgressWriter:
    """Commits the run's counters now and then so that the progress page can show them."""

    def __init__(self, source_id: int, holder: str, calls: Callable[[], int]) -> None:
        self.source_id, self.holder, self.calls = source_id, holder, calls
        self._last = 0.0

    def __call__(self, run: SyncRun, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < PROGRESS_EVERY_SECONDS:
            return
        self._last = now
        run.calls = self.calls()
        renew_lease(self.source_id, self.holder)
        db.session.commit()


def finish_run(run: SyncRun, source: SyncSource, result: PullResult) -> SyncRun:
    """Store the pull's outcome, the connector's next state and the source's health; commits."""
    run.calls = result.counters.calls
    run.errors = [{"scope": e.scope, "message": e.message, "type": e.error_type}
                  for e in result.errors] + [{"scope": "warning", "message": w, "type": "warning"}
                                             for w in result.warnings]
    run.status = RunStatus.PARTIAL if result.is_partial else RunStatus.SUCCEEDED
    run.message = _summary(run)
    source.state = result.state
    source.health = Health.DEGRADED if result.is_partial else Health.HEALTHY
    source.health_detail = run.message
    source.needs_attention = False
    _close(run)
    return run


def fail_run(run: SyncRun, source: SyncSource, message: str, *, needs_attention: bool,
             calls: int = 0) -> SyncRun:
    """The source could not be pulled; nothing recorded, the old state kept; commits."""
    db.session.rollback()
    run.status = RunStatus.NEEDS_ATTENTION if needs_attention else RunStatus.FAILED
    run.message, run.calls = message, calls
    run.errors = [{"scope": "source", "message": message, "type": run.status.value}]
    source.health = Health.NEEDS_ATTENTION if needs_attention else Health.FAILING
    source.health_detail = message
    source.needs_attention = source.needs_attention or needs_attention
    _close(run)
    return run


def _close(run: SyncRun) -> None:
    run.phase, run.finished_at = "done", utcnow()
    db.session.commit()


def _summary(run: SyncRun) -> str:
    parts = [f"{run.created} created", f"{run.updated} updated", f"{run.unchanged} unchanged"]
    for name in ("kept_better", "withdrawn", "unmapped", "people_unmatched"):
        if getattr(run, name):
            parts.append(f"{getattr(run, name)} {name.replace('_', ' ')}")
    if run.errors:
        parts.append(f"{len(run.errors)} skipped or warned")
    return ", ".join(parts)
