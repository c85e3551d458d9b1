"""Sync API: sources (credentials write-only), sync now, runs, people to link, completions export."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from flask import current_app, g
from pydantic import BaseModel, Field, field_validator

from sync.records import SourceKind

from ..accounts.permissions import Action, require
from ..syncing import operations, queries
from ..syncing.models import Health, MatchBy, RunStatus, RunTrigger, UnmatchedReason
from .blueprint import blueprint
from .schemas import In, Out
from .spec import endpoint, parse_body


class MappingOut(Out):
    remote_key: str
    module_slug: str


class SourceOut(Out):
    id: int
    name: str
    kind: SourceKind
    url: str
    username: str
    allow_private: bool
    match_by: MatchBy
    schedule_minutes: int | None
    enabled: bool
    health: Health
    health_detail: str
    needs_attention: bool
    has_secret: bool
    mappings: list[MappingOut]

    @field_validator("mappings", mode="before")
    @classmethod
    def _flatten(cls, value):
        return [{"remote_key": m.remote_key, "module_slug": m.module.slug}
                if not isinstance(m, dict) else m for m in value]


class SourceIn(In):
    name: str = Field(pattern=operations.NAME.pattern,
                      description="1-100 letters, digits, spaces, dots, dashes, ! or '")
    kind: Literal["moodle", "xapi", "csv"]
    url: str = Field(default="", max_length=500,
                     description="the address; for a CSV source empty (reports are uploaded) "
                                 "or a report file inside the import folder "
                                 "(LMS_BRIDGE_SYNC_CSV_IMPORT_DIR)")
    secret: str | None = Field(default=None, max_length=500,
                               description="Moodle token or LRS password; write-only")
    username: str = Field(default="", max_length=200)
    allow_private: bool = False
    match_by: MatchBy = MatchBy.EMAIL
    schedule_minutes: int | None = Field(default=None, ge=5, le=10080)
    mappings: dict[str, str] = Field(default_factory=dict,
                                     description="remote course / activity / IRI -> module slug")


class SyncNowIn(In):
    full: bool = False


class RunOut(Out):
    id: int
    source_id: int
    trigger: RunTrigger
    full: bool
    status: RunStatus
    phase: str
    started_at: datetime
    finished_at: datetime | None
    calls: int
    records_seen: int
    created: int
    updated: int
    unchanged: int
    kept_better: int
    withdrawn: int
    unmapped: int
    people_unmatched: int
    errors: list[dict]
    message: str


class UnmatchedOut(Out):
    id: int
    source_id: int
    identity: str
    reason: UnmatchedReason
    email: str
    idnumber: str
    username: str
    full_name: str
    candidates: list[str]
    first_seen_at: datetime
    last_seen_at: datetime


class LinkIn(In):
    email: str = Field(min_length=3, max_length=254)


class CompletionRow(BaseModel):
    email: str
    module: str
    status: str
    score_scaled: float | None
    completed_at: str | None
    source: str
    source_kind: str
    updated_at: str


class Accepted(BaseModel):
    source_id: int
    message: str


def _dump(model, obj):
    return model.model_validate(obj).model_dump(mode="json")


@blueprint.get("/sync/sources")
@endpoint("Sync sources with their health (never their credentials)", response=[SourceOut],
          roles="admin")
def sync_sources():
    require(g.api_user, Action.MANAGE_SYNC)
    return [_dump(SourceOut, row.source) for row in queries.sources()]


@blueprint.post("/sync/sources")
@endpoint("Add a sync source with its course mappings", body=SourceIn, response=SourceOut,
          status=201, roles="admin")
def create_sync_source():
    require(g.api_user, Action.MANAGE_SYNC)
    body = parse_body(SourceIn)
    source = operations.create_source(
        g.api_user, body.name, SourceKind(body.kind), body.url, secret=body.secret,
        username=body.username, allow_private=body.allow_private, match_by=body.match_by,
        schedule_minutes=body.schedule_minutes, mappings=body.mappings.items())
    return _dump(SourceOut, source), 201


@blueprint.get("/sync/sources/<int:source_id>/runs")
@endpoint("Run history of a source, newest first (50)", response=[RunOut], roles="admin")
def sync_source_runs(source_id: int):
    require(g.api_user, Action.MANAGE_SYNC)
    rows, _ = queries.runs(queries.source(source_id).id)
    return [_dump(RunOut, r) for r in rows]


@blueprint.post("/sync/sources/<int:source_id>/runs")
@endpoint("Sync a source now, in the background; poll its runs", body=SyncNowIn,
          response=Accepted, status=202, roles="admin")
def sync_source_now(source_id: int):
    require(g.api_user, Action.MANAGE_SYNC)
    body = parse_body(SyncNowIn)
    from ..syncing.jobs import start_in_background

    queries.source(source_id)
    start_in_background(current_app._get_current_object(), source_id, trigger=RunTrigger.MANUAL,
                        full=body.full)
    return {"source_id": source_id, "message": "sync started"}, 202


@blueprint.get("/sync/runs/<int:run_id>")
@endpoint("One sync run with its counters and errors", response=RunOut, roles="admin")
def sync_run(run_id: int):
    require(g.api_user, Action.MANAGE_SYNC)
    return _dump(RunOut, queries.run(run_id))


@blueprint.get("/sync/unmatched")
@endpoint("Remote people matched to nobody or to several people", response=[UnmatchedOut],
          roles="admin")
def sync_unmatched():
    require(g.api_user, Action.MANAGE_SYNC)
    return [_dump(UnmatchedOut, p) for p in queries.unmatched_people()]


@blueprint.post("/sync/unmatched/<int:person_id>/link")
@endpoint("Link a remote person to a local one; applies their waiting records", body=LinkIn,
          response=Accepted, roles="admin")
def sync_link(person_id: int):
    require(g.api_user, Action.MANAGE_SYNC)
    body = parse_body(LinkIn)
    link = operations.link_person(g.api_user, person_id, body.email)
    return {"source_id": link.source_id, "message": f"linked to {link.user.email}"}


@blueprint.get("/completions")
@endpoint("Every stored completion (person, module, status, score, when, source)",
          response=[CompletionRow], roles="admin")
def completions_export():
    require(g.api_user, Action.EXPORT_COMPLETIONS)
    return list(queries.completion_rows())
