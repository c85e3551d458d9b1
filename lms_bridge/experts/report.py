"""The programme report: what the experts' network produced in a period, with its trend.

Figures are counted per half-year (the capacity-building progress report's period), the first
and last clipped to the period's first and last day, and the period's total is their sum;
figures read from the same rows come from one statement (``SOURCES``). A figure's
scope: missions count where they were held (the host administration); accreditations, pledges
and training delivered count by the person's administration. ``bench/reports`` compares this
with one plain SQL query per figure.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import Select, case, func, literal, select, union_all

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


def _total(expression):
    return func.coalesce(func.sum(expression), 0)


def _accreditations(scope: Scope):
    to = AccreditationEvent.to_status
    query = (select(_total(case((to == AccreditationStatus.PRE_ACCREDITED, 1), else_=0)),
                    _total(case((to == AccreditationStatus.ACCREDITED, 1), else_=0)))
             .select_from(AccreditationEvent).join(Accreditation)
             .where(to.in_((AccreditationStatus.PRE_ACCREDITED, AccreditationStatus.ACCREDITED))))
    return _by_person(query, Accreditation.user_id, scope, Accreditation.field), \
        AccreditationEvent.at


def _missions(scope: Scope):
    query = select(func.count(Mission.id), _total(Mission.people_trained)).where(
        Mission.status == MissionStatus.HELD)
    return _by_host(query, scope), Mission.ends_on


def _days_given(scope: Scope):
    query = (select(_total(Assignment.days_given)).select_from(Assignment)
             .join(Mission).where(Assignment.status == AssignmentStatus.COMPLETED))
    return _by_host(query, scope), Mission.ends_on


def _training(scope: Scope):
    query = select(func.count(TrainingRecord.id), _total(TrainingRecord.participants),
                   _total(TrainingRecord.women)).where(
        TrainingRecord.status == TrainingStatus.VALIDATED)
    return _by_person(query, TrainingRecord.trainer_id, scope, TrainingRecord.field), \
        TrainingRecord.held_on


# Each figure's key and its words (lazy: in the reader's language on pages and in their CSV).
FIGURES: tuple[tuple[str, object], ...] = (
    ("pre_accredited", _l("Experts pre-accredited")),
    ("accredited", _l("Experts fully accredited")),
    ("missions_held", _l("Missions held")),
    ("days_given", _l("Days given on missions")),
    ("trained_on_missions", _l("People trained on missions")),
    ("sessions", _l("Training sessions delivered at home (validated)")),
    ("trained_at_home", _l("People trained by the trainers at home")),
    ("women_trained", _l("…of whom women (where known)")),
)
WORDS = dict(FIGURES)
# The same in English: what the API and the command line give (data, whatever the reader).
LABELS = {key: str(words) for key, words in FIGURES}
# Figures read from the same rows come from one query (one pass over those rows): the figures
# it gives, in the order of its columns, and its builder (query, the date column placing a row).
SOURCES: tuple[tuple[tuple[str, ...], Callable[[Scope], tuple]], ...] = (
    (("pre_accredited", "accredited"), _accreditations),
    (("missions_held", "trained_on_missions"), _missions),
    (("days_given",), _days_given),
    (("sessions", "trained_at_home", "women_trained"), _training),
)


def _bounds(column, start: date, end: date) -> tuple:
    if isinstance(column.type, UtcDateTime):
        return (column >= datetime.combine(start, time(0), tzinfo=timezone.utc),
                column < datetime.combine(end + timedelta(days=1), time(0), tzinfo=timezone.utc))
    return column >= start, column <= end


def _by_half_year(build, halves: list[tuple[date, date]], scope: Scope) -> list[tuple]:
    """The source's aggregates for each (first, last) day range, in order.

    One statement per source: a UNION ALL of one range aggregate per half-year. Each part reads
    its rows through the date index as a single total would, so a trend costs about what the
    total costs; a GROUP BY on each row's year and half made SQLite sort every row into a
    temporary tree, three to five times slower (measured with bench/reports).
    """
    values: list[tuple] = []
    for chunk in range(0, len(halves), 100):  # SQLite allows 500 parts to a compound select
        parts = []
        for index, (first, last) in enumerate(halves[chunk:chunk + 100], start=chunk):
            query, column = build(scope)
            parts.append(query.add_columns(literal(index).label("part"))
                         .where(*_bounds(column, first, last)))
        rows = db.session.execute(union_all(*parts) if len(parts) > 1 else parts[0])
        by_part = {row[-1]: tuple(int(v or 0) for v in row[:-1]) for row in rows}
        values += [by_part[index] for index in range(chunk, chunk + len(parts))]
    return values


def _figures(halves: list[tuple[date, date]], scope: Scope) -> dict[str, list[int]]:
    """figure -> its value in each day range; every source is queried once."""
    figures: dict[str, list[int]] = {}
    for keys, build in SOURCES:
        rows = _by_half_year(build, halves, scope)
        for index, key in enumerate(keys):
            figures[key] = [values[index] for values in rows]
    return figures


@dataclass(frozen=True)
class Period:
    label: str  # English ("Jan–Jun 2026"): the API's; pages show ``half_year_name(starts_on)``
    figures: dict[str, int]
    starts_on: date


@dataclass(frozen=True)
class ProgrammeReport:
    start: date
    end: date
    scope: Scope
    totals: dict[str, int]
    periods: list[Period]
    pledged_days: int
    pledge_used_days: int
    experts_current: int

    @property
    def pledge_used_share(self) -> float:
        return self.pledge_used_days / self.pledged_days if self.pledged_days else 0.0


def _halves(start: date, end: date) -> list[tuple[date, date]]:
    """The half-years from ``start`` to ``end``, the first and last clipped to them."""
    halves, day = [], start
    while day <= end:
        last = min(half_year_of(day)[1], end)
        halves.append((day, last))
        day = last + timedelta(days=1)
    return halves


def _label(day: date) -> str:
    return f"{'Jan–Jun' if day.month <= 6 else 'Jul–Dec'} {day.year}"


def half_year_name(day: date) -> str:
    """The half-year that contains ``day``, in the reader's language ("Jan–Jun 2026")."""
    if day.month <= 6:
        return _("Jan–Jun %(year)s", year=day.year)
    return _("Jul–Dec %(year)s", year=day.year)


def programme_report(start: date, end: date, scope: Scope = Scope()) -> ProgrammeReport:
    """The figures for ``start``..``end`` and, per half-year, their trend (a single half-year
    is shown with the three before it). Raises ValueError for a reversed or over-long period."""
    if end < start:
        raise ValueError("the period ends before it starts")
    if (end - start).days > 366 * 100:
        raise ValueError("the period is longer than a hundred years")
    halves = _halves(start, end)
    earlier = 3 if len(halves) == 1 else 0
    for _step in range(earlier):
        halves.insert(0, previous_half_year(halves[0][0]))
    figures = _figures(halves, scope)
    totals = {key: sum(figures[key][earlier:]) for key, _words in FIGURES}
    periods = [Period(_label(first), {key: figures[key][i] for key, _words in FIGURES}, first)
               for i, (first, _last) in enumerate(halves)]
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
