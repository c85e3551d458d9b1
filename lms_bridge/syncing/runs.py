"""Run lifecycle and the per-source lease.

The lease is a row per source (``sync_lease``): taking it is an INSERT (unique on the source)
or an UPDATE of an expired row, each in its own short transaction on the engine, so two
scheduler processes (or a scheduler and a "sync now") never sync one source at once; the loser
skips. The holder renews it while it records progress and deletes it at the end; a crashed
holder's lease expires after ``LEASE_TTL``.

Transactions: a run's records are written in one transaction, committed by ``finish_run`` with
the run's outcome, or rolled back whole by ``fail_run``. Live progress (:class:`RunProgress`)
is written by :class:`ProgressWriter` in short transactions of its own on another connection;
the run's transaction never touches the run's row or its lease until it ends, so the two never
wait on each other.

Outcome of a run -> source health: succeeded -> healthy; partial (some courses, learners or
statements skipped: listed in ``errors``) -> degraded; the source could not be reached or read
-> failing; a person must act (token revoked, function missing, credential unreadable) ->
needs attention, which stays set until an admin changes the URL or the credential or a later
run succeeds.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Callable

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from sync.base import PullResult

from ..db import SQLITE_BUSY_TIMEOUT_MS, db, utcnow
from .models import Health, RunStatus, RunTrigger, SyncLease, SyncRun, SyncSource

log = logging.getLogger(__name__)

LEASE_TTL = timedelta(minutes=30)
INTERRUPTED = ("interrupted: the process running this sync stopped before it ended; nothing of "
               "it was recorded")
PROGRESS_EVERY_SECONDS = 0.5


def lease_holder() -> str:
    """A name for this process and thread."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _is_dead(holder: str) -> bool:
    """True when ``holder`` names a process of this machine that no longer runs."""
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def recover_interrupted_runs() -> int:
    """End as failed ("interrupted") the runs left ``running`` by a process that stopped: no
    live lease on their source (expired, or held by a dead process of this machine); those
    leases are removed. Returns how many runs were ended; commits."""
    now = utcnow()
    dead = [lease.source_id for lease in db.session.scalars(select(SyncLease))
            if lease.expires_at < now or _is_dead(lease.holder)]
    if dead:
        db.session.execute(delete(SyncLease).where(SyncLease.source_id.in_(dead)))
    held = select(SyncLease.source_id)
    runs = list(db.session.scalars(select(SyncRun).where(
        SyncRun.status == RunStatus.RUNNING, SyncRun.source_id.not_in(held))))
    for run in runs:
        run.status, run.message = RunStatus.FAILED, INTERRUPTED
        run.errors = [{"scope": "source", "message": INTERRUPTED, "type": "interrupted"}]
        run.source.health, run.source.health_detail = Health.FAILING, INTERRUPTED
        run.phase, run.finished_at = "done", now
    db.session.commit()
    return len(runs)


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


@dataclass
class RunProgress:
    """A run's counters while it records, kept off its SyncRun row until the run ends."""

    phase: str = "recording"
    records_seen: int = 0
    records_done: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_better: int = 0
    withdrawn: int = 0
    unmapped: int = 0
    people_unmatched: int = 0

    def copy_to(self, run: SyncRun) -> None:
        for name, value in asdict(self).items():
            setattr(run, name, value)


class ProgressWriter:
    """Writes a run's live counters, and renews its lease, now and then in a short transaction
    of its own, so that the progress page shows them while the run's records stay uncommitted.

    Failure policy: progress is best effort. SQLite has one writer at a time; while the run's
    own transaction holds it, the write is skipped at once (no busy wait) and a later tick
    tries again. The final counters are committed with the run.
    """

    def __init__(self, engine: Engine, run_id: int, source_id: int, holder: str,
                 calls: Callable[[], int]) -> None:
        self.engine, self.run_id, self.source_id = engine, run_id, source_id
        self.holder, self.calls = holder, calls
        self._last = 0.0

    def __call__(self, progress: RunProgress, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < PROGRESS_EVERY_SECONDS:
            return
        self._last = now
        try:
            with self.engine.connect() as conn, _without_waiting(conn):
                conn.execute(update(SyncRun).where(SyncRun.id == self.run_id)
                             .values(calls=self.calls(), **asdict(progress)))
                conn.execute(update(SyncLease).where(SyncLease.source_id == self.source_id,
                                                     SyncLease.holder == self.holder)
                             .values(expires_at=utcnow() + LEASE_TTL))
                conn.commit()
        except OperationalError as exc:  # the database is busy with the run's own writes
            log.debug("sync run %s: progress not written now (%s)", self.run_id, exc.orig)


@contextmanager
def _without_waiting(conn: Connection) -> Iterator[None]:
    """On SQLite, make one pooled connection give up at once on a lock, then restore it (the
    pragma is not transactional). The block commits; whatever it left open is rolled back."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.exec_driver_sql("PRAGMA busy_timeout=0")
        conn.commit()
    try:
        yield
    finally:
        conn.rollback()
        if sqlite:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            conn.commit()


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
    """The source could not be pulled or its records not recorded: everything the run wrote
    is rolled back (nothing recorded), the old state kept; commits the run's failure."""
    db.session.rollback()
    RunProgress(phase="done").copy_to(run)  # the progress writer's counters are void now
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
