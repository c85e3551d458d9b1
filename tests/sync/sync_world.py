"""Helpers for the integration tests: an app whose sync connectors use the test HTTP options."""
from __future__ import annotations

from sqlalchemy import func, select

from source_options import TEST_OPTIONS

from lms_bridge.db import db
from lms_bridge.syncing import operations
from lms_bridge.syncing.models import MatchBy, SyncRun
from lms_bridge.tracking.models import Completion, CompletionObservation
from sync.records import SourceKind

COURSE_MAPPINGS = (("HSCLASS-PRE", "hs-classification"), ("CUSTVAL-PRE", "customs-valuation"),
                   ("HSCLASS-PRE/cmid:1", "hs-classification-scorm"))


def configure_for_tests(app) -> None:
    app.config["SYNC_HTTP_OPTIONS"] = TEST_OPTIONS
    app.config["SYNC_HTTP_HOOKS"] = {"sleep": lambda s: None, "jitter": lambda: 0.5}


def add_moodle_source(server, *, name="CLiKC!", token=None, mappings=COURSE_MAPPINGS,
                      match_by=MatchBy.EMAIL, schedule_minutes=None) -> int:
    from moodle_server import TOKEN
    source = operations.create_source(None, name, SourceKind.MOODLE, server.base_url,
                                       secret=token or TOKEN, allow_private=True,
                                       match_by=match_by, schedule_minutes=schedule_minutes,
                                       mappings=mappings)
    return source.id


def completions() -> dict[tuple[str, str], tuple[str, float | None]]:
    rows = db.session.scalars(select(Completion))
    return {(c.user.email, c.module.slug): (c.status.value, c.score_scaled) for c in rows}


def counts() -> tuple[int, int, int]:
    return (db.session.scalar(select(func.count(Completion.id))),
            db.session.scalar(select(func.count(CompletionObservation.id))),
            db.session.scalar(select(func.count(SyncRun.id))))
