"""Sync jobs: build the connector, pull, upsert, commit, then deliver the outbox.

:func:`run_sync` is what the scheduler (:func:`sync_source_job`, run by
:mod:`lms_bridge.scheduler` inside an app context), "sync now", the API and
``lms-bridge sync run`` call. After every run it delivers the notification outbox, so that a
status the run changed is told at once, not at the next unrelated click.
It takes the source's lease first (:mod:`lms_bridge.syncing.runs`); when another process holds
it, it returns None and does nothing. Failure policy: SourceNeedsAttention (or a credential that
no longer decrypts) marks the source "needs attention" and records nothing; any other SyncError
fails the run and keeps the old state; a pull with item errors is recorded as partial. An
unexpected exception (a defect: in the pull or in the recording) fails the run with its type
and is logged; the message never carries a secret (connectors name URLs by position without
their userinfo; credentials are only held in :class:`sync.http.Secret`). A run that a crash
of the whole process left ``running`` is ended by ``runs.recover_interrupted_runs`` when the
scheduler starts.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path
from typing import Callable

import requests
from flask import Flask, current_app

from sync.base import CompletionSource
from sync.csv import CsvReportSource
from sync.csv_shapes import ReportOptions
from sync.errors import CsvReportError, SourceNeedsAttention, SyncError
from sync.http import HttpOptions
from sync.moodle import MoodleSource
from sync.records import SourceKind
from sync.xapi import XapiSource

from ..db import db
from ..eligibility.notifications import deliver_outbox
from . import credentials
from .applying import RecordApplier
from .models import RunTrigger, SyncRun, SyncSource
from .report_files import report_file
from .runs import (ProgressWriter, RunProgress, acquire_lease, fail_run, finish_run,
                   lease_holder, release_lease, start_run)

log = logging.getLogger(__name__)

TUNABLE_OPTIONS = ("max_workers", "max_requests_per_second")


# Kept in the run's record as written; pages word it in the reader's language (syncing.labels).
NO_REPORT_FILE = "this CSV source has no report file on the server: upload a report"

def http_options(source: SyncSource) -> HttpOptions:
    """The app's HTTP options (or the defaults), with this source's private-address flag and
    its own concurrency and rate cap when set (``options["max_workers"]`` ...)."""
    base = current_app.config.get("SYNC_HTTP_OPTIONS") or HttpOptions()
    tuned = {k: v for k, v in (source.options or {}).items() if k in TUNABLE_OPTIONS}
    return replace(base, allow_private=source.allow_private,
                   max_response_bytes=current_app.config["SYNC_MAX_RESPONSE_BYTES"], **tuned)


def build_connector(source: SyncSource, session: requests.Session,
                    csv_path: Path | None = None) -> CompletionSource:
    """The connector for a configured source; raises CredentialUnreadable or SyncError.

    ``csv_path`` is a report the caller vouches for (an upload, the operator's CLI argument); a
    CSV source's own path is read only inside the import folder (:mod:`.report_files`)."""
    hooks = current_app.config.get("SYNC_HTTP_HOOKS") or {}
    if source.kind is SourceKind.MOODLE:
        courses = sorted({m.remote_key.split("/", 1)[0] for m in source.mappings})
        return MoodleSource(session, source.url, credentials.unseal(source.secret_encrypted),
                            courses, options=http_options(source), **hooks)
    if source.kind is SourceKind.XAPI:
        return XapiSource(session, source.url, source.username,
                          credentials.unseal(source.secret_encrypted),
                          activity_keys={m.remote_key: m.remote_key for m in source.mappings},
                          options=http_options(source), **hooks)
    options = source.options or {}
    if csv_path is None and not source.url:
        raise CsvReportError(NO_REPORT_FILE)
    path = csv_path or report_file(source.url, current_app.config["SYNC_CSV_IMPORT_DIR"])
    return CsvReportSource(path, ReportOptions(
        course_key=options.get("course_key"), pass_threshold=options.get("pass_threshold"),
        source_name=source.name))


class _CountingSession(requests.Session):
    """A session that counts responses as they come, for live progress."""

    def __init__(self) -> None:
        super().__init__()
        self.responses = 0
        self.hooks["response"].append(self._count)

    def _count(self, response, *args, **kwargs):
        self.responses += 1
        return response


def run_sync(source_id: int, *, trigger: RunTrigger = RunTrigger.SCHEDULE, full: bool = False,
             csv_path: Path | None = None,
             on_progress: Callable[[RunProgress], None] | None = None) -> SyncRun | None:
    """Run one sync of a source in the current app context; None if another holds its lease."""
    holder = lease_holder()
    if not acquire_lease(source_id, holder):
        log.info("sync source %s is being synced elsewhere; skipped", source_id)
        return None
    try:
        source = db.session.get(SyncSource, source_id)
        if source is None:
            return None
        run = _run(source, trigger, full, holder, csv_path, on_progress)
    finally:
        release_lease(source_id, holder)
    deliver_outbox()  # what the run's re-evaluations queued goes out now
    return run


def _run(source: SyncSource, trigger: RunTrigger, full: bool, holder: str,
         csv_path: Path | None, on_progress: Callable[[RunProgress], None] | None) -> SyncRun:
    run = start_run(source, trigger, full)
    stage = "the pull"
    with _CountingSession() as session:
        writer = ProgressWriter(db.engine, run.id, source.id, holder, lambda: session.responses)
        try:
            result = build_connector(source, session, csv_path).pull_completions(
                source.state, full=full)
            stage = "recording"
            RecordApplier(source, run, _ticks(writer, on_progress)).apply(result)
        except (SourceNeedsAttention, credentials.CredentialUnreadable) as exc:
            return fail_run(run, source, str(exc), needs_attention=True, calls=session.responses)
        except SyncError as exc:
            return fail_run(run, source, str(exc), needs_attention=False, calls=session.responses)
        except Exception as exc:  # a defect, not the source: the run still ends, and says so
            log.exception("sync source %s: %s failed", source.id, stage)
            return fail_run(run, source, f"{stage} failed: {type(exc).__name__} (the server "
                            "log has the details)", needs_attention=False,
                            calls=session.responses)
    return finish_run(run, source, result)


def _ticks(writer: ProgressWriter, on_progress: Callable[[RunProgress], None] | None
           ) -> Callable[[RunProgress], None]:
    def tick(counts: RunProgress) -> None:
        writer(counts)
        if on_progress:
            on_progress(counts)
    return tick


def sync_source_job(source_id: int) -> None:
    """The scheduler's job: one incremental sync of a source (in the scheduler's app context)."""
    run_sync(source_id, trigger=RunTrigger.SCHEDULE)


def start_in_background(app: Flask, source_id: int, *, trigger: RunTrigger = RunTrigger.MANUAL,
                        full: bool = False) -> None:
    """"Sync now": run in a daemon thread of this process; progress is on the SyncRun row.

    With ``SYNC_NOW_INLINE`` set (tests), the run happens before this returns.
    """
    def work() -> None:
        with app.app_context():
            try:
                run_sync(source_id, trigger=trigger, full=full)
            except Exception:  # a thread has nobody to tell but the log
                log.exception("sync source %s: background run failed", source_id)
    if app.config.get("SYNC_NOW_INLINE"):
        work()
        return
    threading.Thread(target=work, name=f"sync-now-{source_id}", daemon=True).start()
