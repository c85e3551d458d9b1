"""Sync reads for the admin pages, the API and the CLI (admins only: callers require it)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..db import db
from ..errors import NotFound
from ..tracking.models import Completion
from .models import SyncRun, SyncSource, UnmatchedPerson, scheduler_jobs

RUNS_PER_PAGE = 50


@dataclass(frozen=True)
class SourceOverview:
    source: SyncSource
    last_run: SyncRun | None
    next_run_at: datetime | None
    unmatched: int


def next_run_at(source_id: int) -> datetime | None:
    """When the scheduler will sync the source next (from APScheduler's job table)."""
    stamp = db.session.scalar(select(scheduler_jobs.c.next_run_time).where(
        scheduler_jobs.c.id == f"sync-source-{source_id}"))
    return datetime.fromtimestamp(stamp, timezone.utc) if stamp is not None else None


def last_run(source_id: int) -> SyncRun | None:
    return db.session.scalar(select(SyncRun).where(SyncRun.source_id == source_id)
                             .order_by(SyncRun.started_at.desc(), SyncRun.id.desc()).limit(1))


def sources() -> list[SourceOverview]:
    unmatched = dict(db.session.execute(select(UnmatchedPerson.source_id, func.count())
                                        .group_by(UnmatchedPerson.source_id)).all())
    return [SourceOverview(s, last_run(s.id), next_run_at(s.id), unmatched.get(s.id, 0))
            for s in db.session.scalars(select(SyncSource).order_by(SyncSource.name))]


def source(source_id: int) -> SyncSource:
    found = db.session.get(SyncSource, source_id)
    if found is None:
        raise NotFound(_("No sync source %(id)d.", id=source_id))
    return found


def runs(source_id: int | None = None, page: int = 1) -> tuple[list[SyncRun], int]:
    query = select(SyncRun)
    if source_id is not None:
        query = query.where(SyncRun.source_id == source_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.order_by(SyncRun.started_at.desc(), SyncRun.id.desc())
                              .limit(RUNS_PER_PAGE).offset((page - 1) * RUNS_PER_PAGE))
    return list(rows), total


def run(run_id: int) -> SyncRun:
    found = db.session.get(SyncRun, run_id)
    if found is None:
        raise NotFound(_("No sync run %(id)d.", id=run_id))
    return found


def unmatched_people(source_id: int | None = None) -> list[UnmatchedPerson]:
    query = select(UnmatchedPerson).order_by(UnmatchedPerson.source_id, UnmatchedPerson.identity)
    if source_id is not None:
        query = query.where(UnmatchedPerson.source_id == source_id)
    return list(db.session.scalars(query))


def progress(source_id: int) -> dict:
    """The latest run of a source, as the progress endpoint shows it."""
    latest = last_run(source_id)
    if latest is None:
        return {"run_id": None, "status": "none", "finished": True}
    return {"run_id": latest.id, "status": latest.status.value, "phase": latest.phase,
            "finished": latest.status.is_finished, "calls": latest.calls,
            "records_seen": latest.records_seen, "records_done": latest.records_done,
            "created": latest.created, "updated": latest.updated, "unchanged": latest.unchanged,
            "message": latest.message}


EXPORT_FIELDS = ("email", "module", "status", "score_scaled", "completed_at", "source",
                 "source_kind", "updated_at")


def completion_rows() -> Iterator[dict]:
    """Every stored completion, flat, for the CSV/JSON export."""
    query = (select(Completion).options(joinedload(Completion.user), joinedload(Completion.module))
             .order_by(Completion.id))
    for c in db.session.scalars(query).yield_per(500):
        yield {"email": c.user.email, "module": c.module.slug, "status": c.status.value,
               "score_scaled": c.score_scaled,
               "completed_at": c.completed_at.isoformat() if c.completed_at else None,
               "source": c.source_label, "source_kind": c.source_kind.value,
               "updated_at": c.updated_at.isoformat()}
