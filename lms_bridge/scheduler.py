"""The scheduler: every timed job of the app, APScheduler 3 with its job store in the database.

Jobs (each with a fixed id, ``coalesce=True`` so that runs missed while down collapse into one,
``max_instances=1`` and a misfire grace of ``MISFIRE_GRACE_SECONDS``):

================================  ============================  ===============================
id                                every                         does
================================  ============================  ===============================
``sync-source-<id>``              the source's schedule         one incremental sync
                                                                (``syncing.jobs``)
``sync-reconcile``                ``RECONCILE_SECONDS``         adds, changes or removes source
                                                                jobs; ends interrupted runs
``eligibility.deliver-outbox``    ``OUTBOX_DELIVERY_SECONDS``   sends queued notifications
``catalog.recheck_url_imports``   ``IMPORT_URL_RECHECK_HOURS``  re-fetches URL-imported packages
``privacy.retention``             daily                         erases accounts inactive for
                                                                ``RETENTION_YEARS`` (0: off)
================================  ============================  ===============================

At start-up, and in each reconcile, sync runs left ``running`` by a process that stopped (no
live lease on their source) are ended as failed, "interrupted".

Jobs live in ``apscheduler_jobs`` (created by the app's migrations), so they and their next run
times survive restarts. The reconcile job re-reads the sources, so a source added in the web
app is picked up by a scheduler running in another process. Several scheduler processes may
run against one database: each source's lease (:mod:`lms_bridge.syncing.runs`) lets only one of
them sync a source at a time.

Every job runs inside a fresh app context of the app the scheduler was started for (the
executor's pool pushes it), so jobs are plain module-level functions that read no globals; the
running scheduler is kept on ``app.extensions`` for the reconcile job.

``lms-bridge serve`` starts it in-process (:func:`start_scheduler`); ``lms-bridge scheduler``
runs it alone (:func:`run_forever`) when web workers are many.
"""
from __future__ import annotations

import concurrent.futures
import logging
import signal
import threading
from datetime import timedelta, timezone
from typing import Any, Callable

from apscheduler.executors.pool import BasePoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask, current_app
from sqlalchemy import select

from .catalog.jobs import RECHECK_URL_IMPORTS_JOB_ID, recheck_url_imports_job
from .db import db
from .eligibility.notifications import deliver_outbox
from .privacy.retention import apply_retention
from .syncing.models import SyncSource
from .syncing.runs import recover_interrupted_runs

log = logging.getLogger(__name__)

JOB_PREFIX = "sync-source-"
RECONCILE_JOB = "sync-reconcile"
OUTBOX_JOB = "eligibility.deliver-outbox"
RETENTION_JOB = "privacy.retention"
RECONCILE_SECONDS = 60
OUTBOX_DELIVERY_SECONDS = 60
MISFIRE_GRACE_SECONDS = 600
SYNC_JOB = "lms_bridge.syncing.jobs:sync_source_job"
EXTENSION = "lms_bridge.scheduler"


def job_id(source_id: int) -> str:
    return f"{JOB_PREFIX}{source_id}"


class _AppContextPool(concurrent.futures.ThreadPoolExecutor):
    """A thread pool whose every task runs inside a fresh app context of one app."""

    def __init__(self, app: Flask, max_workers: int) -> None:
        super().__init__(max_workers, thread_name_prefix="lms-bridge-job")
        self._app = app

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any):
        return super().submit(self._in_app_context, fn, args, kwargs)

    def _in_app_context(self, fn: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
        with self._app.app_context():
            return fn(*args, **kwargs)


class AppContextExecutor(BasePoolExecutor):
    """APScheduler's thread pool executor, each job inside the app's context."""

    def __init__(self, app: Flask, max_workers: int) -> None:
        super().__init__(_AppContextPool(app, max_workers))


def build_scheduler(app: Flask, *, workers: int = 4) -> BackgroundScheduler:
    engine = app.extensions["lms_bridge.db"][0]
    return BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine)},
        executors={"default": AppContextExecutor(app, workers)},
        job_defaults={"coalesce": True, "max_instances": 1,
                      "misfire_grace_time": MISFIRE_GRACE_SECONDS},
        timezone=timezone.utc)


def reconcile(scheduler: BackgroundScheduler, app: Flask) -> dict[str, int]:
    """Make the source jobs match the sources; returns {job id: interval minutes}."""
    with app.app_context():
        wanted = {job_id(s.id): (s.id, s.name, s.schedule_minutes) for s in db.session.scalars(
            select(SyncSource).where(SyncSource.enabled.is_(True),
                                     SyncSource.schedule_minutes.is_not(None)))}
    for job in scheduler.get_jobs():
        if job.id.startswith(JOB_PREFIX) and job.id not in wanted:
            job.remove()
    for jid, (source_id, name, minutes) in wanted.items():
        job = scheduler.get_job(jid)
        if job is not None and getattr(job.trigger, "interval", None) == timedelta(minutes=minutes):
            continue  # unchanged: keep its stored next run time
        scheduler.add_job(SYNC_JOB, "interval", minutes=minutes, id=jid, args=[source_id],
                          name=f"sync {name}", replace_existing=True)
    return {jid: minutes for jid, (_, _, minutes) in wanted.items()}


def reconcile_job() -> None:
    """The reconcile job: the scheduler running for the current app re-reads the sources, and
    runs that a stopped process left ``running`` are ended."""
    scheduler = current_app.extensions.get(EXTENSION)
    if scheduler is not None:
        reconcile(scheduler, current_app._get_current_object())
    recover_interrupted_runs()


def deliver_outbox_job() -> None:
    """The outbox job: send what status changes queued (a commit's, a sync's, a decision's)."""
    deliver_outbox()


def recheck_url_imports() -> None:
    """The catalog's URL re-check (changed bytes become a new draft version)."""
    recheck_url_imports_job(current_app._get_current_object())


def retention_job() -> None:
    """The retention rule (``privacy.retention``): nothing when RETENTION_YEARS is 0."""
    apply_retention(current_app.config["RETENTION_YEARS"])


def _add_app_jobs(scheduler: BackgroundScheduler, app: Flask, reconcile_seconds: int) -> None:
    scheduler.add_job(reconcile_job, "interval", seconds=reconcile_seconds, id=RECONCILE_JOB,
                      name="re-read sync sources", replace_existing=True)
    scheduler.add_job(deliver_outbox_job, "interval", seconds=OUTBOX_DELIVERY_SECONDS,
                      id=OUTBOX_JOB, name="deliver the notification outbox",
                      replace_existing=True)
    scheduler.add_job(recheck_url_imports, "interval",
                      hours=app.config["IMPORT_URL_RECHECK_HOURS"], id=RECHECK_URL_IMPORTS_JOB_ID,
                      name="re-check packages imported from a URL", replace_existing=True)
    scheduler.add_job(retention_job, "interval", days=1, id=RETENTION_JOB, coalesce=True,
                      max_instances=1, name="erase accounts past the retention period",
                      replace_existing=True)


def start_scheduler(app: Flask, *, reconcile_seconds: int = RECONCILE_SECONDS
                    ) -> BackgroundScheduler:
    """Start the scheduler in this process (background threads) and return it."""
    with app.app_context():
        ended = recover_interrupted_runs()
    if ended:
        log.warning("%d sync run(s) left running by a stopped process marked failed", ended)
    scheduler = build_scheduler(app)
    scheduler.start(paused=True)
    app.extensions[EXTENSION] = scheduler
    reconcile(scheduler, app)
    _add_app_jobs(scheduler, app, reconcile_seconds)
    scheduler.resume()
    log.info("scheduler started with %d job(s)", len(scheduler.get_jobs()))
    return scheduler


def stop_scheduler(scheduler: BackgroundScheduler, app: Flask | None = None, *,
                   wait: bool = True) -> None:
    scheduler.shutdown(wait=wait)
    if app is not None and app.extensions.get(EXTENSION) is scheduler:
        del app.extensions[EXTENSION]


def run_forever(app: Flask) -> None:
    """``lms-bridge scheduler``: run until SIGINT or SIGTERM."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    scheduler = start_scheduler(app)
    try:
        stop.wait()
    finally:
        stop_scheduler(scheduler, app)
