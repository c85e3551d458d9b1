"""Experts tables: workshop outcomes, accreditations, pledges, missions, training delivered.

A selected ``Application`` (eligibility) is a workshop participant; its outcome, lesson subject
and assessments hang off the application id. ``Expert`` is a person's availability pledge (one
per person, set by their first successful workshop). Every accreditation move is an
``AccreditationEvent`` (who and why).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Administration, User
from ..db import Base, UtcDateTime, enum_type, utcnow
from ..eligibility.models import Application, Workshop
from .states import AccreditationStatus, AssignmentStatus, MissionStatus, TrainingStatus
from .vocabulary import Audience, Evaluation, Field, MissionRole, ParticipantOutcome


class WorkshopSetup(Base):
    """What an accreditation workshop accredits in, and the draw of lesson subjects."""

    __tablename__ = "expert_workshop_setup"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"),
                                             primary_key=True)
    field: Mapped[Field] = mapped_column(enum_type(Field))
    # Positive co-facilitations a pre-accredited expert needs before full accreditation.
    required_cofacilitations: Mapped[int] = mapped_column(Integer, default=2)
    pledge_weeks: Mapped[int] = mapped_column(Integer, default=12)
    pledge_years: Mapped[int] = mapped_column(Integer, default=3)
    draw_seed: Mapped[str | None] = mapped_column(String(64))
    drawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    workshop: Mapped[Workshop] = relationship(lazy="joined")
    assessors: Mapped[list[User]] = relationship(secondary="expert_workshop_assessor",
                                                 order_by=User.display_name, lazy="selectin")
    subjects: Mapped[list["LessonSubject"]] = relationship(
        order_by="LessonSubject.position", cascade="all, delete-orphan", lazy="selectin")


class WorkshopAssessor(Base):
    """A resource person assigned to assess one workshop's participants."""

    __tablename__ = "expert_workshop_assessor"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("expert_workshop_setup.workshop_id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         primary_key=True)


class LessonSubject(Base):
    __tablename__ = "expert_lesson_subject"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("expert_workshop_setup.workshop_id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))


class Participation(Base):
    """A selected participant's workshop record: attendance, lesson, outcome."""

    __tablename__ = "expert_participation"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), primary_key=True)
    attended: Mapped[bool | None] = mapped_column()
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("expert_lesson_subject.id", ondelete="SET NULL"))
    outcome: Mapped[ParticipantOutcome | None] = mapped_column(enum_type(ParticipantOutcome))
    guidance: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    application: Mapped[Application] = relationship(lazy="joined")
    subject: Mapped[LessonSubject | None] = relationship(lazy="joined")


class Assessment(Base):
    """One resource person's scores (1-5) and notes on the three criteria for one participant."""

    __tablename__ = "expert_assessment"
    __table_args__ = (UniqueConstraint("application_id", "assessor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    technical: Mapped[int] = mapped_column(Integer)
    technical_note: Mapped[str] = mapped_column(Text, default="")
    training: Mapped[int] = mapped_column(Integer)
    training_note: Mapped[str] = mapped_column(Text, default="")
    international: Mapped[int] = mapped_column(Integer)
    international_note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    assessor: Mapped[User] = relationship(lazy="joined")


class Expert(Base):
    """A person's availability pledge: weeks for the WCO within a period."""

    __tablename__ = "expert"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         primary_key=True)
    pledge_weeks: Mapped[int] = mapped_column(Integer)
    pledge_starts_on: Mapped[date] = mapped_column(Date)
    pledge_ends_on: Mapped[date] = mapped_column(Date)
    # Working languages, as codes separated by commas ("en,fr").
    languages: Mapped[str] = mapped_column(String(100), default="en")

    user: Mapped[User] = relationship(lazy="joined")


class Accreditation(Base):
    __tablename__ = "expert_accreditation"
    __table_args__ = (UniqueConstraint("user_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    field: Mapped[Field] = mapped_column(enum_type(Field))
    status: Mapped[AccreditationStatus] = mapped_column(enum_type(AccreditationStatus))
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshop.id",
                                                               ondelete="SET NULL"))
    # Set when enough positive co-facilitations make the person due for full accreditation.
    proposed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")
    workshop: Mapped[Workshop | None] = relationship(lazy="joined")
    events: Mapped[list["AccreditationEvent"]] = relationship(
        order_by="AccreditationEvent.id", cascade="all, delete-orphan", lazy="selectin")


class AccreditationEvent(Base):
    __tablename__ = "expert_accreditation_event"
    __table_args__ = (Index("ix_expert_accreditation_event_to_at", "to_status", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    accreditation_id: Mapped[int] = mapped_column(
        ForeignKey("expert_accreditation.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    from_status: Mapped[AccreditationStatus | None] = mapped_column(
        enum_type(AccreditationStatus))
    to_status: Mapped[AccreditationStatus] = mapped_column(enum_type(AccreditationStatus))
    reason: Mapped[str] = mapped_column(Text, default="")

    actor: Mapped[User | None] = relationship(lazy="joined")


class Mission(Base):
    """A mission need of the experts' requirement matrix."""

    __tablename__ = "expert_mission"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    host_administration_id: Mapped[int] = mapped_column(ForeignKey("administration.id"),
                                                        index=True)
    field: Mapped[Field] = mapped_column(enum_type(Field))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date, index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    experts_needed: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[MissionStatus] = mapped_column(enum_type(MissionStatus),
                                                  default=MissionStatus.PLANNED)
    people_trained: Mapped[int | None] = mapped_column(Integer)
    report: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    host: Mapped[Administration] = relationship(lazy="joined")
    assignments: Mapped[list["Assignment"]] = relationship(
        back_populates="mission", order_by="Assignment.id", lazy="selectin")


class Assignment(Base):
    """One person on one mission, from interest to the days given and their evaluation."""

    __tablename__ = "expert_mission_assignment"
    __table_args__ = (UniqueConstraint("mission_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("expert_mission.id", ondelete="CASCADE"),
                                            index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    role: Mapped[MissionRole] = mapped_column(enum_type(MissionRole),
                                              default=MissionRole.CO_FACILITATOR)
    status: Mapped[AssignmentStatus] = mapped_column(enum_type(AssignmentStatus))
    days_given: Mapped[int | None] = mapped_column(Integer)
    evaluation: Mapped[Evaluation | None] = mapped_column(enum_type(Evaluation))
    evaluation_note: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    mission: Mapped[Mission] = relationship(back_populates="assignments", lazy="joined")
    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")


class TrainingRecord(Base):
    """One training session a trainer delivered at home (a line of a monitoring sheet)."""

    __tablename__ = "expert_training_record"
    __table_args__ = (UniqueConstraint("trainer_id", "fingerprint"),
                      # covers the programme report's pass over validated sessions, so that
                      # it reads the index alone (bench/reports)
                      Index("ix_expert_training_record_status_held", "status", "held_on",
                            "participants", "women", "field", "trainer_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                            index=True)
    held_on: Mapped[date] = mapped_column(Date)
    field: Mapped[Field] = mapped_column(enum_type(Field))
    audience: Mapped[Audience] = mapped_column(enum_type(Audience))
    participants: Mapped[int] = mapped_column(Integer)
    women: Mapped[int | None] = mapped_column(Integer)
    men: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8))
    # The same session sent twice (page or upload) is recognised by this digest of its facts.
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[TrainingStatus] = mapped_column(enum_type(TrainingStatus),
                                                   default=TrainingStatus.SUBMITTED)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    trainer: Mapped[User] = relationship(foreign_keys=[trainer_id], lazy="joined")
