"""Experts reads: the register, a person's record, pledges, missions, outcomes, training.

Reads are scoped here: a national coordinator searching the register sees only their own
administration's experts (``register``), and validates only their own trainers' sessions.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..accounts.models import Administration, Region, Role, User
from ..accounts.permissions import Action, can
from ..db import db
from ..eligibility.models import Application, Workshop, WorkshopKind
from ..eligibility.states import ApplicationStatus
from .models import (Accreditation, Assessment, Assignment, Expert, Mission, Participation,
                     TrainingRecord, WorkshopAssessor, WorkshopSetup)
from .pledge import Balance, working_days
from .states import HOLDING_DAYS, AccreditationStatus, AssignmentStatus, MissionStatus, \
    TrainingStatus
from .vocabulary import Evaluation, Field

CURRENT = (AccreditationStatus.PRE_ACCREDITED, AccreditationStatus.ACCREDITED)
DEFAULT_REQUIRED_MISSIONS = 2


def may_see_record(user: User | None, person: User) -> bool:
    """The person themself, their own national coordinator, coordinators and admins."""
    return user is not None and (user.id == person.id or can(user, Action.VIEW_EXPERT, person))


def current_accreditation(user_id: int, field: Field) -> Accreditation | None:
    return db.session.scalar(select(Accreditation).where(
        Accreditation.user_id == user_id, Accreditation.field == field,
        Accreditation.status.in_(CURRENT)))


def positive_missions(user_id: int, field: Field) -> int:
    """Completed missions in ``field`` with a positive evaluation."""
    return db.session.scalar(select(func.count(Assignment.id)).join(Mission).where(
        Assignment.user_id == user_id, Mission.field == field,
        Assignment.status == AssignmentStatus.COMPLETED,
        Assignment.evaluation == Evaluation.POSITIVE)) or 0


def required_missions(accreditation: Accreditation) -> int:
    setup = (db.session.get(WorkshopSetup, accreditation.workshop_id)
             if accreditation.workshop_id else None)
    return setup.required_cofacilitations if setup else DEFAULT_REQUIRED_MISSIONS


def is_due_for_accreditation(accreditation: Accreditation) -> bool:
    return (accreditation.status is AccreditationStatus.PRE_ACCREDITED
            and positive_missions(accreditation.user_id, accreditation.field)
            >= required_missions(accreditation))


def overlapping_mission(user_id: int, mission: Mission) -> Mission | None:
    return db.session.scalar(select(Mission).join(Assignment).where(
        Assignment.user_id == user_id, Assignment.status.in_(HOLDING_DAYS),
        Mission.id != mission.id, Mission.status != MissionStatus.CANCELLED,
        Mission.starts_on <= mission.ends_on, Mission.ends_on >= mission.starts_on).limit(1))


def pledge_balance(user_id: int) -> Balance | None:
    expert = db.session.get(Expert, user_id)
    if expert is None:
        return None
    rows = db.session.execute(select(Assignment.status, Assignment.days_given, Mission.starts_on,
                                     Mission.ends_on).join(Mission).where(
        Assignment.user_id == user_id, Assignment.status.in_(HOLDING_DAYS),
        Mission.status != MissionStatus.CANCELLED))
    given = committed = 0
    for status, days, first, last in rows:
        if status is AssignmentStatus.COMPLETED:
            given += days or 0
        else:
            committed += working_days(first, last)
    return Balance(expert.pledge_weeks * 5, given, committed, expert.pledge_starts_on,
                   expert.pledge_ends_on)


@dataclass(frozen=True)
class RegisterFilter:
    field: Field | None = None
    language: str | None = None
    region: Region | None = None
    administration_id: int | None = None
    min_weeks_left: float | None = None
    status: AccreditationStatus | None = None


@dataclass(frozen=True)
class RegisterRow:
    accreditation: Accreditation
    balance: Balance | None
    languages: str


def register(actor: User | None, filters: RegisterFilter = RegisterFilter()) -> list[RegisterRow]:
    """Accreditations matching the filters; a national coordinator's own administration only
    (``actor`` None: the operator at the command line, who sees all)."""
    query = (select(Accreditation, Expert.languages).join(User, Accreditation.user)
             .join(Administration, User.administration, isouter=True)
             .join(Expert, Expert.user_id == Accreditation.user_id, isouter=True)
             .order_by(User.display_name, Accreditation.field))
    if actor is not None and not (actor.has_role(Role.ADMIN) or actor.has_role(Role.COORDINATOR)):
        query = query.where(User.administration_id == actor.administration_id)
    if filters.field:
        query = query.where(Accreditation.field == filters.field)
    if filters.status:
        query = query.where(Accreditation.status == filters.status)
    if filters.region:
        query = query.where(Administration.region == filters.region)
    if filters.administration_id:
        query = query.where(User.administration_id == filters.administration_id)
    if filters.language:
        query = query.where(func.lower(Expert.languages).like(f"%{filters.language.lower()}%"))
    rows = []
    for accreditation, languages in db.session.execute(query):
        balance = pledge_balance(accreditation.user_id)
        if filters.min_weeks_left is not None and (
                balance is None or balance.left_days < filters.min_weeks_left * 5):
            continue
        rows.append(RegisterRow(accreditation, balance, languages or ""))
    return rows


@dataclass(frozen=True)
class ExpertRecord:
    person: User
    expert: Expert | None
    balance: Balance | None
    accreditations: list[Accreditation]
    participations: list[tuple[Participation | None, Application, list[Assessment]]]
    assignments: list[Assignment]
    training: list[TrainingRecord]


def expert_record(person: User) -> ExpertRecord:
    applications = list(db.session.scalars(select(Application).where(
        Application.user_id == person.id).order_by(Application.id)))
    participations = [(db.session.get(Participation, a.id), a, assessments_of(a.id))
                      for a in applications if db.session.get(WorkshopSetup, a.workshop_id)]
    return ExpertRecord(
        person, db.session.get(Expert, person.id), pledge_balance(person.id),
        list(db.session.scalars(select(Accreditation).where(Accreditation.user_id == person.id)
                                .order_by(Accreditation.field))),
        participations,
        list(db.session.scalars(select(Assignment).join(Mission).where(
            Assignment.user_id == person.id).order_by(Mission.starts_on.desc()))),
        training_of(person.id))


def assessments_of(application_id: int) -> list[Assessment]:
    return list(db.session.scalars(select(Assessment).where(
        Assessment.application_id == application_id).order_by(Assessment.id)))


@dataclass(frozen=True)
class ParticipantRow:
    application: Application
    participation: Participation | None
    assessments: list[Assessment]


#: Only selected applicants take part in a workshop's outcome (assessed, drawn, decided).
ASSESSABLE = ApplicationStatus.SELECTED


def participants(workshop_id: int) -> list[Application]:
    """The workshop's selected participants, in application order."""
    return list(db.session.scalars(select(Application).where(
        Application.workshop_id == workshop_id, Application.status == ASSESSABLE)
        .order_by(Application.id)))


def outcome_sheet(workshop_id: int) -> list[ParticipantRow]:
    """The selected participants with their attendance, subject, assessments and outcome."""
    return [ParticipantRow(a, db.session.get(Participation, a.id), assessments_of(a.id))
            for a in participants(workshop_id)]


def missions(status: MissionStatus | None = None, field: Field | None = None) -> list[Mission]:
    query = select(Mission).order_by(Mission.starts_on.desc(), Mission.id.desc())
    if status:
        query = query.where(Mission.status == status)
    if field:
        query = query.where(Mission.field == field)
    return list(db.session.scalars(query))


def release_queue(actor: User) -> list[Assignment]:
    """Proposals waiting for the actor's release (their administration's; all for an admin)."""
    query = (select(Assignment).join(User, Assignment.user)
             .where(Assignment.status == AssignmentStatus.PROPOSED).order_by(Assignment.id))
    if not actor.has_role(Role.ADMIN):
        query = query.where(User.administration_id == actor.administration_id)
    return list(db.session.scalars(query))


def training_of(trainer_id: int) -> list[TrainingRecord]:
    return list(db.session.scalars(select(TrainingRecord).where(
        TrainingRecord.trainer_id == trainer_id).order_by(TrainingRecord.held_on.desc(),
                                                          TrainingRecord.id.desc())))


def validation_queue(actor: User) -> list[TrainingRecord]:
    query = (select(TrainingRecord).join(User, TrainingRecord.trainer)
             .where(TrainingRecord.status == TrainingStatus.SUBMITTED)
             .order_by(TrainingRecord.held_on, TrainingRecord.id))
    if not actor.has_role(Role.ADMIN):
        query = query.where(User.administration_id == actor.administration_id)
    return list(db.session.scalars(query))


def resource_persons() -> list[User]:
    from ..accounts.models import UserRole
    return list(db.session.scalars(select(User).join(UserRole).where(
        UserRole.role == Role.RESOURCE_PERSON).order_by(User.display_name)))


def outcome_workshops(actor: User) -> list[tuple[Workshop, WorkshopSetup | None]]:
    """Accreditation workshops (and any with an outcome set up), newest first; a resource
    person sees only the workshops they assess."""
    query = (select(Workshop, WorkshopSetup)
             .join(WorkshopSetup, WorkshopSetup.workshop_id == Workshop.id, isouter=True)
             .where((Workshop.kind == WorkshopKind.ACCREDITATION_WORKSHOP)
                    | WorkshopSetup.workshop_id.is_not(None))
             .order_by(Workshop.starts_at.desc()))
    if not (actor.has_role(Role.ADMIN) or actor.has_role(Role.COORDINATOR)):
        query = query.join(WorkshopAssessor, WorkshopAssessor.workshop_id == Workshop.id).where(
            WorkshopAssessor.user_id == actor.id)
    return [(workshop, setup) for workshop, setup in db.session.execute(query)]


def setup_of(workshop_id: int) -> WorkshopSetup | None:
    return db.session.get(WorkshopSetup, workshop_id)
