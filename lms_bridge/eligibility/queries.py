"""Eligibility reads, already scoped to what the asking user may see."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from ..accounts.models import Administration, Region, Role, User
from ..catalog.models import Module, PackageVersion, VersionState
from ..db import db
from .models import Application, ApplicationEvent, DecisionChange, Notification, Workshop
from .scoring import Criterion, InvalidScoring, weighted_score
from .states import ApplicationStatus
from .vocabulary import Outcome


def modules() -> list[Module]:
    """Every module, by title (what a prerequisite may ask for)."""
    return list(db.session.scalars(select(Module).order_by(Module.title, Module.slug)))


def workshops() -> list[Workshop]:
    return list(db.session.scalars(select(Workshop).order_by(Workshop.starts_at, Workshop.id)))


def preselection_score(application: Application) -> float | None:
    """The weighted 0-100 score of the applicant's ratings, or None when not fully rated."""
    ratings = {Criterion[name]: entry.get("rating") for name, entry in
               application.criteria.items() if name in Criterion.__members__}
    weights = {Criterion[name]: weight for name, weight in
               application.workshop.criteria_weights.items() if name in Criterion.__members__}
    try:
        return weighted_score(ratings, weights) if weights else None
    except InvalidScoring:
        return None


@dataclass
class MatrixRow:
    application: Application
    cells: list[dict[str, Any] | None]
    met: int
    score: float | None


SORTS = {
    "name": lambda row: row.application.user.display_name.lower(),
    "administration": lambda row: row.application.administration.name,
    "status": lambda row: row.application.status.value,
    "met": lambda row: (-row.met, row.application.user.display_name.lower()),
    "score": lambda row: (-(row.score or -1), row.application.user.display_name.lower()),
}


@dataclass(frozen=True)
class MatrixFilter:
    administration_id: int | None = None
    region: Region | None = None
    status: ApplicationStatus | None = None
    sort: str = "name"
    descending: bool = False


def matrix(workshop: Workshop, filters: MatrixFilter = MatrixFilter()) -> list[MatrixRow]:
    """Candidates × prerequisites of one workshop (drafts excluded), filtered and sorted."""
    query = (select(Application).join(Administration)
             .where(Application.workshop_id == workshop.id,
                    Application.status != ApplicationStatus.DRAFT))
    if filters.administration_id is not None:
        query = query.where(Application.administration_id == filters.administration_id)
    if filters.region is not None:
        query = query.where(Administration.region == filters.region)
    if filters.status is not None:
        query = query.where(Application.status == filters.status)
    order = [p.id for p in workshop.prerequisites]
    rows = []
    for application in db.session.scalars(query):
        by_id = {cell["prerequisite_id"]: cell for cell in application.results}
        cells = [by_id.get(pid) for pid in order]
        rows.append(MatrixRow(application, cells, sum(1 for c in cells if c and c["met"]),
                              preselection_score(application)))
    rows.sort(key=SORTS.get(filters.sort, SORTS["name"]), reverse=filters.descending)
    return rows


@dataclass
class AdministrationProgress:
    name: str
    candidates: int = 0
    outcomes: Counter = field(default_factory=Counter)
    met: int = 0
    possible: int = 0

    @property
    def share_met(self) -> float:
        return self.met / self.possible if self.possible else 0.0


def progress_by_administration(rows: list[MatrixRow],
                               prerequisites: int) -> list[AdministrationProgress]:
    """Per administration: candidates, verdicts and the share of prerequisites met, over the
    matrix rows shown (so the chart follows the filters); withdrawn candidates are left out."""
    progress: dict[str, AdministrationProgress] = {}
    for row in rows:
        application = row.application
        if application.status is ApplicationStatus.WITHDRAWN:
            continue
        name = application.administration.name
        entry = progress.setdefault(name, AdministrationProgress(name))
        entry.candidates += 1
        entry.outcomes[application.outcome or Outcome.NOT_YET] += 1
        entry.met += bin(application.met_mask or 0).count("1")
        entry.possible += prerequisites
    return sorted(progress.values(), key=lambda p: p.name)


def nomination_queue(actor: User) -> list[Application]:
    """Applications waiting for the actor's nomination: own administration (admins: all)."""
    query = (select(Application)
             .where(Application.status == ApplicationStatus.AWAITING_NOMINATION)
             .order_by(Application.submitted_at, Application.id))
    if not actor.has_role(Role.ADMIN):
        query = query.where(Application.administration_id == actor.administration_id)
    return list(db.session.scalars(query))


def applications_of(user: User) -> list[Application]:
    return list(db.session.scalars(select(Application).where(Application.user_id == user.id)
                                   .order_by(Application.created_at.desc())))


def application_of(user: User, workshop_id: int) -> Application | None:
    return db.session.scalar(select(Application).where(Application.user_id == user.id,
                                                       Application.workshop_id == workshop_id))


def history(application: Application) -> list[tuple[str, Any]]:
    """Status moves and verdict changes of one application, oldest first."""
    events = db.session.scalars(select(ApplicationEvent).where(
        ApplicationEvent.application_id == application.id))
    changes = db.session.scalars(select(DecisionChange).where(
        DecisionChange.application_id == application.id))
    merged = [("status", e) for e in events] + [("decision", c) for c in changes]
    return sorted(merged, key=lambda item: (item[1].at, item[0] == "status", item[1].id))


def missing_modules(application: Application) -> list[tuple[dict[str, Any], list]]:
    """Each unmet prerequisite's result with the modules any one of which would meet it."""
    by_id = {p.id: p for p in application.workshop.prerequisites}
    return [(cell, by_id[cell["prerequisite_id"]].modules) for cell in application.results
            if not cell["met"] and cell["prerequisite_id"] in by_id]


def launchable_module_ids() -> set[int]:
    """Modules a learner can take here: those with a published package version."""
    return set(db.session.scalars(select(PackageVersion.module_id).where(
        PackageVersion.state == VersionState.PUBLISHED)))


def outbox(page: int = 1, per_page: int = 50) -> tuple[list[Notification], int]:
    total = db.session.scalar(select(func.count(Notification.id))) or 0
    rows = db.session.scalars(select(Notification).order_by(Notification.id.desc())
                              .limit(per_page).offset((page - 1) * per_page))
    return list(rows), total
