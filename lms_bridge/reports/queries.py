"""Reads for the results reports: learners per module, per-question figures, who sees whom.

One query loads the module's attempts (with their learner and last stored activity); rows are
built per learner in Python because the status and the module's grade follow the player's rules
(``player.queries.attempts_status``, ``player.grading.module_grade``). The status filter is
applied to those rows, then the page is cut: fine for the thousands of learners of one module.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from ..accounts.models import User
from ..accounts.permissions import Action, can, require
from ..catalog.models import AttemptsCount, Module, PackageVersion
from ..catalog.settings import module_settings
from ..db import db
from ..errors import Forbidden
from ..player.grading import module_grade
from ..player.models import Attempt, ScoState
from ..player.package import package_layout
from ..player.queries import attempts_status
from ..player.results import answers_in
from .questions import QuestionStats, question_stats

PAGE_SIZE = 50
STATUSES = ("passed", "completed", "failed", "in progress")


@dataclass(frozen=True)
class ResultsFilter:
    administration_id: int | None = None
    status: str | None = None
    since: date | None = None   # last activity on or after
    until: date | None = None   # last activity on or before
    version_id: int | None = None  # only attempts on this package version


@dataclass(frozen=True)
class LearnerResult:
    user_id: int
    name: str
    email: str
    administration: str
    attempts: int
    status: str
    score: float | None  # the module's grade by its "which attempt counts" setting
    seconds: float
    last_activity: datetime
    versions: tuple[int, ...]  # package version numbers attempted
    last_attempt_id: int
    editions: tuple[str, ...] = ()  # the language editions taken, first taken first


@dataclass(frozen=True)
class ResultsPage:
    rows: list[LearnerResult]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


@dataclass(frozen=True)
class _AdministrationScope:
    """What ``can`` checks a national coordinator's scope against."""

    administration_id: int | None


def visible_administration(viewer: User, asked: int | None) -> int | None:
    """The administration the viewer's report is limited to (None: every one).

    Raises Forbidden when a national coordinator asks for another administration."""
    require(viewer, Action.VIEW_MODULE_RESULTS)
    if asked is not None:
        require(viewer, Action.VIEW_LEARNER_RESULTS, _AdministrationScope(asked))
        return asked
    if can(viewer, Action.VIEW_LEARNER_RESULTS, _AdministrationScope(None)):
        return None
    if viewer.administration_id is None:
        raise Forbidden(_("You are not attached to an administration, so there is nobody's "
                          "results to show you."))
    return viewer.administration_id


def versions_of(module: Module) -> list[PackageVersion]:
    return list(db.session.scalars(select(PackageVersion).where(
        PackageVersion.module_id == module.id).order_by(PackageVersion.number)))


def modules_with_attempts() -> list[tuple[Module, int]]:
    """Every module and how many attempts it has, by title."""
    counts = (select(Attempt.module_id, func.count().label("n"))
              .group_by(Attempt.module_id).subquery())
    return [(module, n or 0) for module, n in db.session.execute(
        select(Module, counts.c.n).outerjoin(counts, counts.c.module_id == Module.id)
        .order_by(Module.title))]


def _attempts(module: Module, administration_id: int | None,
              version_id: int | None) -> list[tuple[Attempt, datetime | None]]:
    touched = (select(ScoState.attempt_id, func.max(ScoState.updated_at).label("at"))
               .group_by(ScoState.attempt_id).subquery())
    query = (select(Attempt, touched.c.at).join(User, User.id == Attempt.user_id)
             .options(contains_eager(Attempt.user))  # one query, not one per learner
             .outerjoin(touched, touched.c.attempt_id == Attempt.id)
             .where(Attempt.module_id == module.id)
             .order_by(User.display_name, User.id, Attempt.number))
    if administration_id is not None:
        query = query.where(User.administration_id == administration_id)
    if version_id is not None:
        query = query.where(Attempt.package_version_id == version_id)
    return [(attempt, touched) for attempt, touched in db.session.execute(query)]


def _utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def _learner_row(attempts: list[tuple[Attempt, datetime | None]],
                 counts: AttemptsCount) -> LearnerResult:
    ordered = [attempt for attempt, _ in attempts]
    user, last = ordered[0].user, ordered[-1]
    moments = [_utc(m) for attempt, touched in attempts
               for m in (attempt.started_at, attempt.ended_at, touched) if m is not None]
    versions = sorted({attempt.package_version.number for attempt in ordered})
    return LearnerResult(
        user.id, user.display_name, user.email,
        user.administration.name if user.administration else "", len(ordered),
        attempts_status(ordered), module_grade(counts, ordered),
        sum(attempt.total_seconds for attempt in ordered), max(moments), tuple(versions),
        last.id, tuple(dict.fromkeys(attempt.package_version.language for attempt in ordered)))


def _within(row: LearnerResult, filters: ResultsFilter) -> bool:
    if filters.status and row.status != filters.status:
        return False
    if filters.since and row.last_activity < datetime.combine(
            filters.since, time(0), tzinfo=timezone.utc):
        return False
    if filters.until and row.last_activity >= datetime.combine(
            filters.until + timedelta(days=1), time(0), tzinfo=timezone.utc):
        return False
    return True


def learner_results(viewer: User, module: Module, filters: ResultsFilter) -> list[LearnerResult]:
    """Every learner of the module the viewer may see, filtered, by name."""
    administration = visible_administration(viewer, filters.administration_id)
    by_learner: dict[int, list[tuple[Attempt, datetime | None]]] = {}
    for attempt, touched in _attempts(module, administration, filters.version_id):
        by_learner.setdefault(attempt.user_id, []).append((attempt, touched))
    counts = module_settings(module.id).attempts_count
    rows = (_learner_row(attempts, counts) for attempts in by_learner.values())
    return [row for row in rows if _within(row, filters)]


def results_page(viewer: User, module: Module, filters: ResultsFilter, page: int) -> ResultsPage:
    rows = learner_results(viewer, module, filters)
    page = min(max(page, 1), max(1, -(-len(rows) // PAGE_SIZE)))
    return ResultsPage(rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], len(rows), page)


def counted_attempts(counts: AttemptsCount, attempts: list[Attempt]) -> list[Attempt]:
    """The attempts the module's "which attempt counts" setting takes (all of them for an
    average); ``attempts`` are one learner's, by number."""
    graded = [a for a in attempts if a.grade is not None]
    if counts is AttemptsCount.AVERAGE:
        return attempts
    if counts is AttemptsCount.FIRST:
        return attempts[:1]
    if counts is AttemptsCount.HIGHEST:
        return [max(graded, key=lambda a: a.grade)] if graded else []
    completed = [a for a in attempts if a.is_completed]
    return completed[-1:]


@dataclass(frozen=True)
class QuestionReport:
    questions: list[QuestionStats]
    attempts: int  # how many attempts the figures are from
    counted_only: bool


def question_report(viewer: User, module: Module, filters: ResultsFilter,
                    counted_only: bool) -> QuestionReport:
    """Per-question figures over the attempts of the learners the viewer may see."""
    administration = visible_administration(viewer, filters.administration_id)
    by_learner: dict[int, list[Attempt]] = {}
    for attempt, _ in _attempts(module, administration, filters.version_id):
        by_learner.setdefault(attempt.user_id, []).append(attempt)
    counts = module_settings(module.id).attempts_count
    chosen = [attempt for attempts in by_learner.values()
              for attempt in (counted_attempts(counts, attempts) if counted_only else attempts)]
    return QuestionReport(question_stats(_answers(chosen)), len(chosen), counted_only)


def _answers(attempts: list[Attempt]):
    """(part title, answer) of every stored SCO state of the attempts."""
    by_id = {attempt.id: attempt for attempt in attempts}
    if not by_id:
        return
    for sco in db.session.scalars(select(ScoState).where(ScoState.attempt_id.in_(list(by_id)))
                                  .order_by(ScoState.attempt_id, ScoState.id)):
        layout = package_layout(by_id[sco.attempt_id].package_version)
        titles = {item.identifier: item.title for item in layout.items}
        for answer in answers_in(sco.state or {}):
            yield titles.get(sco.item_identifier, sco.item_identifier), answer
