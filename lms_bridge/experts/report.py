"""The programme report: what the experts' network produced in a period, with its trend.

Every figure is one SQL aggregate grouped by half-year (the capacity-building progress report's
period), so the report costs one query per figure whatever the period's length; the period's
total is the sum of its half-years (clipped to the period's first and last day). A figure's
scope: missions count where they were held (the host administration); accreditations, pledges
and training delivered count by the person's administration. ``bench/reports`` compares this
with one plain SQL query per figure.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Select, case, extract, func, literal, select

from ..accounts.models import Administration, Region, User
from ..db import UtcDateTime, db
from .models import Accreditation, AccreditationEvent, Assignment, Expert, Mission, TrainingRecord
from .states import AccreditationStatus, AssignmentStatus, MissionStatus, TrainingStatus
from .vocabulary import Field


@dataclass(frozen=True)
class Scope:
    region: Region | None = None
    administration_id: int | None = None
    field: Field | None = None

    def describe(self) -> str:
        parts = [self.region.value if self.region else "",
                 f"administration {self.administration_id}" if self.administration_id else "",
                 self.field.value if self.field else ""]
        return ", ".join(p for p in parts if p) or "the whole network"


def half_year_of(day: date) -> tuple[date, date]:
    """The half-year (1 January-30 June or 1 July-31 December) that contains ``day``."""
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


def previous_half_year(day: date) -> tuple[date, date]:
    return half_year_of(half_year_of(day)[0] - timedelta(days=1))


def _by_person(query: Select, person_column, scope: Scope, field_column) -> Select:
    if scope.region or scope.administration_id:
        query = query.join(User, User.id == person_column)
    if scope.region:
        query = query.join(Administration, Administration.id == User.administration_id).where(
            Administration.region == scope.region)
    if scope.administration_id:
        query = query.where(User.administration_id == scope.administration_id)
    if scope.field:
        query = query.where(field_column == scope.field)
    return query


def _by_host(query: Select, scope: Scope) -> Select:
    if scope.region:
        query = query.join(Administration, Administration.id == Mission.host_administration_id
                           ).where(Administration.region == scope.region)
    if scope.administration_id:
        query = query.where(Mission.host_administration_id == scope.administration_id)
    if scope.field:
        query = query.where(Mission.field == scope.field)
    return query


def _events(status: AccreditationStatus) -> Callable[[Scope], tuple]:
    def build(scope: Scope):
        query = (select(func.count(AccreditationEvent.id)).select_from(AccreditationEvent)
                 .join(Accreditation).where(AccreditationEvent.to_status == status))
        return _by_person(query, Accreditation.user_id, scope, Accreditation.field), \
            AccreditationEvent.at
    return build


def _missions_held(scope: Scope):
    query = select(func.count(Mission.id)).where(Mission.status == MissionStatus.HELD)
    return _by_host(query, scope), Mission.ends_on


def _people_trained_on_missions(scope: Scope):
    query = select(func.coalesce(func.sum(Mission.people_trained), 0)).where(
        Mission.status == MissionStatus.HELD)
    return _by_host(query, scope), Mission.ends_on


def _days_given(scope: Scope):
    query = (select(func.coalesce(func.sum(Assignment.days_given), 0)).select_from(Assignment)
             .join(Mission).where(Assignment.status == AssignmentStatus.COMPLETED))
    return _by_host(query, scope), Mission.ends_on


def _training(value) -> Callable[[Scope], tuple]:
    def build(scope: Scope):
        query = select(value).where(TrainingRecord.status == TrainingStatus.VALIDATED)
        return _by_person(query, TrainingRecord.trainer_id, scope, TrainingRecord.field), \
            TrainingRecord.held_on
    return build


# key, label, query builder: (aggregate query, the date column that places a row in time)
FIGURES: tuple[tuple[str, str, Callable[[Scope], tuple]], ...] = (
    ("pre_accredited", "Experts pre-accredited", _events(AccreditationStatus.PRE_ACCREDITED)),
    ("accredited", "Experts fully accredited", _events(AccreditationStatus.ACCREDITED)),
    ("missions_held", "Missions held", _missions_held),
    ("days_given", "Days given on missions", _days_given),
    ("trained_on_missions", "People trained on missions", _people_trained_on_missions),
    ("sessions", "Training sessions delivered at home (validated)",
     _training(func.count(TrainingRecord.id))),
    ("trained_at_home", "People trained by the trainers at home",
     _training(func.coalesce(func.sum(TrainingRecord.participants), 0))),
    ("women_trained", "…of whom women (where known)",
     _training(func.coalesce(func.sum(TrainingRecord.women), 0))),
)
LABELS = {key: label for key, label, _ in FIGURES}


def _bounds(column, start: date, end: date) -> tuple:
    if isinstance(column.type, UtcDateTime):
        return (column >= datetime.combine(start, time(0), tzinfo=timezone.utc),
                column < datetime.combine(end + timedelta(days=1), time(0), tzinfo=timezone.utc))
    return column >= start, column <= end


def _grouped(build, start: date, end: date, scope: Scope) -> dict[tuple[int, int], int]:
    query, column = build(scope)
    year = extract("year", column)
    half = case((extract("month", column) <= 6, literal(1)), else_=literal(2))
    query = query.add_columns(year, half).where(*_bounds(column, start, end)).group_by(year, half)
    return {(int(y), int(h)): int(value or 0) for value, y, h in db.session.execute(query)}


@dataclass(frozen=True)
class Period:
    label: str
    figures: dict[str, int]


@dataclass(frozen=True)
class ProgrammeReport:
    start: date
    end: date
    scope: Scope
    totals: dict[str, int]
    periods: list[Period]
    pledged_days: int
    pledge_used_days: int
    experts_current: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def pledge_used_share(self) -> float:
        return self.pledge_used_days / self.pledged_days if self.pledged_days else 0.0


def _halves(start: date, end: date) -> list[tuple[int, int]]:
    keys, day = [], half_year_of(start)[0]
    while day <= end:
        keys.append((day.year, 1 if day.month <= 6 else 2))
        day = half_year_of(day)[1] + timedelta(days=1)
    return keys


def programme_report(start: date, end: date, scope: Scope = Scope()) -> ProgrammeReport:
    """The figures for ``start``..``end`` and, per half-year, their trend (a single half-year
    is shown with the three before it)."""
    if end < start:
        raise ValueError("the period ends before it starts")
    trend_start = start
    if len(_halves(start, end)) == 1:
        for _ in range(3):
            trend_start = previous_half_year(trend_start)[0]
    grouped = {key: _grouped(build, trend_start, end, scope) for key, _, build in FIGURES}
    in_period = set(_halves(start, end))
    if trend_start != start:  # the period's own half-year, clipped to its first day
        for key, _, build in FIGURES:
            clipped = _grouped(build, start, end, scope)
            grouped[key].update({half: clipped.get(half, 0) for half in in_period})
    totals = {key: sum(v for k, v in grouped[key].items() if k in in_period)
              for key, _, _ in FIGURES}
    periods = [Period(f"{'Jan–Jun' if h == 1 else 'Jul–Dec'} {y}",
                      {key: grouped[key].get((y, h), 0) for key, _, _ in FIGURES})
               for y, h in _halves(trend_start, end)]
    pledged, used = _pledges(start, end, scope)
    return ProgrammeReport(start, end, scope, totals, periods, pledged, used,
                           _current_experts(scope))


def _pledges(start: date, end: date, scope: Scope) -> tuple[int, int]:
    """Working days pledged by experts whose pledge runs in the period, and days they gave."""
    pledged = _by_person(select(func.coalesce(func.sum(Expert.pledge_weeks * 5), 0)).where(
        Expert.pledge_starts_on <= end, Expert.pledge_ends_on >= start),
        Expert.user_id, Scope(scope.region, scope.administration_id), None)
    used = (select(func.coalesce(func.sum(Assignment.days_given), 0)).select_from(Assignment)
            .join(Mission).where(Assignment.status == AssignmentStatus.COMPLETED,
                                 Mission.ends_on >= start, Mission.ends_on <= end))
    used = _by_person(used, Assignment.user_id, scope, Mission.field)
    return int(db.session.scalar(pledged) or 0), int(db.session.scalar(used) or 0)


def _current_experts(scope: Scope) -> int:
    query = select(func.count(func.distinct(Accreditation.user_id))).where(
        Accreditation.status.in_((AccreditationStatus.PRE_ACCREDITED,
                                  AccreditationStatus.ACCREDITED)))
    return int(db.session.scalar(_by_person(query, Accreditation.user_id, scope,
                                            Accreditation.field)) or 0)
