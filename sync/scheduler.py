"""The sync scheduler: APScheduler 3 with its job store in the app database.

One interval job per enabled source with a schedule, with a fixed id (``sync-source-<id>``),
``coalesce=True`` (runs missed while down collapse into one), ``max_instances=1`` and a misfire
grace of ``MISFIRE_GRACE_SECONDS``. Jobs live in ``apscheduler_jobs`` (created by the app's
migrations), so they and their next run times survive restarts. A reconcile job
(``sync-reconcile``) re-reads the sources every ``RECONCILE_SECONDS`` and adds, changes or
removes source jobs, so a source added in the web app is picked up by a scheduler running in
another process. The catalog's re-check of packages imported from a URL runs here too, every
``LMS_BRIDGE_IMPORT_URL_RECHECK_HOURS``. Several scheduler processes may run against one database: each source's lease
(:mod:`lms_bridge.syncing.runs`) lets only one of them sync a source at a time.

``lms-bridge serve`` starts it in-process (:func:`start_scheduler`); ``lms-bridge scheduler``
runs it alone (:func:`run_forever`) when web workers are many.
"""
from __future__ import annotations

import logging
import signal
import threading
from datetime import timedelta, timezone

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask
from sqlalchemy import select

from lms_bridge.catalog.jobs import RECHECK_URL_IMPORTS_JOB_ID, recheck_url_imports_job
from lms_bridge.syncing.models import SyncSource
from sync.jobs import bind_app

log = logging.getLogger(__name__)

JOB_PREFIX = "sync-source-"
RECONCILE_JOB = "sync-reconcile"
RECONCILE_SECONDS = 60
MISFIRE_GRACE_SECONDS = 600
RUN_JOB = "sync.jobs:run_scheduled_sync"

_running: dict[str, BackgroundScheduler] = {}


def job_id(source_id: int) -> str:
    return f"{JOB_PREFIX}{source_id}"


def build_scheduler(app: Flask, *, workers: int = 4) -> BackgroundScheduler:
    engine = app.extensions["lms_bridge.db"][0]
    return BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine)},
        executors={"default": ThreadPoolExecutor(workers)},
        job_defaults={"coalesce": True, "max_instances": 1,
                      "misfire_grace_time": MISFIRE_GRACE_SECONDS},
        timezone=timezone.utc)


def reconcile(scheduler: BackgroundScheduler, app: Flask) -> dict[str, int]:
    """Make the source jobs match the sources; returns {job id: interval minutes}."""
    with app.app_context():
        from lms_bridge.db import db
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
        scheduler.add_job(RUN_JOB, "interval", minutes=minutes, id=jid, args=[source_id],
                          name=f"sync {name}", replace_existing=True)
    return {jid: minutes for jid, (_, _, minutes) in wanted.items()}


def reconcile_running() -> None:
    """The reconcile job: uses the scheduler and app of this process."""
    scheduler, app = _running.get("scheduler"), _running.get("app")
    if scheduler is not None and app is not None:
        reconcile(scheduler, app)


def recheck_url_imports_running() -> None:
    """The catalog's URL re-check (changed bytes become a new draft version), in this process."""
    app = _running.get("app")
    if app is not None:
        recheck_url_imports_job(app)


def start_scheduler(app: Flask, *, reconcile_seconds: int = RECONCILE_SECONDS
                    ) -> BackgroundScheduler:
    """Start the scheduler in this process (background threads) and return it."""
    bind_app(app)
    scheduler = build_scheduler(app)
    scheduler.start(paused=True)
    _running.update(scheduler=scheduler, app=app)
    reconcile(scheduler, app)
    scheduler.add_job(reconcile_running, "interval", seconds=reconcile_seconds, id=RECONCILE_JOB,
                      name="re-read sync sources", replace_existing=True)
    scheduler.add_job(recheck_url_imports_running, "interval",
                      hours=app.config["IMPORT_URL_RECHECK_HOURS"], id=RECHECK_URL_IMPORTS_JOB_ID,
                      name="re-check packages imported from a URL", replace_existing=True)
    scheduler.resume()
    log.info("sync scheduler started with %d job(s)", len(scheduler.get_jobs()))
    return scheduler


def stop_scheduler(scheduler: BackgroundScheduler, *, wait: bool = True) -> None:
    scheduler.shutdown(wait=wait)
    if _running.get("scheduler") is scheduler:
        _running.clear()


def run_forever(app: Flask) -> None:
    """``lms-bridge scheduler``: run until SIGINT or SIGTERM."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    scheduler = start_scheduler(app)
    try:
        stop.wait()
    finally:
        stop_scheduler(scheduler)
