"""Eligibility tables: workshops, their prerequisites, applications and their histories.

An application carries the engine's latest verdict (``outcome``) and one summary per
prerequisite (``results``: met, cited record, status, score, source, date, message), so pages
and the CSV export read it without re-running the engine. ``met_mask`` (bit i: prerequisite i
met) and ``cited`` (the record id each result rests on) are what a re-evaluation compares to
decide whether anything changed. Every status move is an ``ApplicationEvent`` (who and why);
every change of verdict or of met prerequisites is a ``DecisionChange`` (when and because of
what).
"""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Administration, Region, User
from ..catalog.models import Module
from ..db import Base, UtcDateTime, enum_type, utcnow
from ..tracking.vocabulary import CompletionRule
from .states import ApplicationStatus
from .vocabulary import NominationState, Outcome


class WorkshopKind(enum.Enum):
    ACCREDITATION_WORKSHOP = "accreditation workshop"
    NATIONAL_TRAINING = "national training"
    REGIONAL_WORKSHOP = "regional workshop"
    MASTER_TRAINER_PROGRAMME = "master trainer programme"


class Workshop(Base):
    __tablename__ = "workshop"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    topic: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[WorkshopKind] = mapped_column(enum_type(WorkshopKind))
    region: Mapped[Region] = mapped_column(enum_type(Region))
    venue: Mapped[str] = mapped_column(String(300), default="")
    host: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    capacity: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    applications_open_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # The engine's deadline: only records completed by then count.
    applications_close_at: Mapped[datetime] = mapped_column(UtcDateTime())
    availability_commitment: Mapped[str] = mapped_column(Text, default="")
    # Criterion name -> weight for pre-selection (lms_bridge.eligibility.scoring).
    criteria_weights: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    prerequisites: Mapped[list["WorkshopPrerequisite"]] = relationship(
        back_populates="workshop", order_by="WorkshopPrerequisite.position",
        cascade="all, delete-orphan", lazy="selectin")


class PrerequisiteModule(Base):
    """One of the equivalent modules (local or remote-only) that satisfy a prerequisite."""

    __tablename__ = "prerequisite_module"

    prerequisite_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_prerequisite.id", ondelete="CASCADE"), primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id", ondelete="CASCADE"),
                                           primary_key=True, index=True)


class WorkshopPrerequisite(Base):
    __tablename__ = "workshop_prerequisite"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"),
                                             index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(300))
    rule: Mapped[CompletionRule] = mapped_column(enum_type(CompletionRule))
    min_score: Mapped[float | None] = mapped_column()
    recency_days: Mapped[int | None] = mapped_column(Integer)
    # None: every source counts; else SourceKind values ("moodle") and/or source labels.
    allowed_sources: Mapped[list[str] | None] = mapped_column(JSON)

    workshop: Mapped[Workshop] = relationship(back_populates="prerequisites")
    modules: Mapped[list[Module]] = relationship(secondary="prerequisite_module",
                                                 order_by=Module.title, lazy="selectin")


class Application(Base):
    __tablename__ = "application"
    __table_args__ = (UniqueConstraint("workshop_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"),
                                             index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    # Copied from the applicant when the application is made: the nominating administration.
    administration_id: Mapped[int] = mapped_column(ForeignKey("administration.id"), index=True)
    status: Mapped[ApplicationStatus] = mapped_column(enum_type(ApplicationStatus),
                                                      default=ApplicationStatus.DRAFT)
    nomination: Mapped[NominationState] = mapped_column(enum_type(NominationState),
                                                        default=NominationState.PENDING)
    availability_committed: Mapped[bool] = mapped_column(default=False)
    # Criterion name -> {"rating": 0-4, "note": "..."}, as the applicant filled the form.
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    motivation: Mapped[str] = mapped_column(Text, default="")
    # "I am in good health": the applicant's yes (True) or no (False), None when not answered.
    # Only this yes/no is ever stored, never any detail about anyone's health (privacy notice).
    good_health: Mapped[bool | None] = mapped_column()
    outcome: Mapped[Outcome | None] = mapped_column(enum_type(Outcome))
    met_mask: Mapped[int] = mapped_column(Integer, default=0)
    cited: Mapped[list[Any]] = mapped_column(JSON, default=list)
    results: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    blockers: Mapped[list[str]] = mapped_column(JSON, default=list)
    evaluated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    workshop: Mapped[Workshop] = relationship(lazy="joined")
    user: Mapped[User] = relationship(lazy="joined")
    administration: Mapped[Administration] = relationship(lazy="joined")


class ApplicationEvent(Base):
    """A status move of an application: from, to, who (None: the rule engine) and why."""

    __tablename__ = "application_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    from_status: Mapped[ApplicationStatus | None] = mapped_column(enum_type(ApplicationStatus))
    to_status: Mapped[ApplicationStatus] = mapped_column(enum_type(ApplicationStatus))
    reason: Mapped[str] = mapped_column(Text, default="")

    actor: Mapped[User | None] = relationship(lazy="joined")


class DecisionChange(Base):
    """The engine's verdict changed (or another prerequisite became met), and what caused it."""

    __tablename__ = "decision_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    outcome_before: Mapped[Outcome | None] = mapped_column(enum_type(Outcome))
    outcome_after: Mapped[Outcome] = mapped_column(enum_type(Outcome))
    met_before: Mapped[int] = mapped_column(Integer, default=0)
    met_after: Mapped[int] = mapped_column(Integer, default=0)
    cause: Mapped[str] = mapped_column(String(500))
    explanation: Mapped[str] = mapped_column(Text, default="")


class Notification(Base):
    """A message to a person; sent by SMTP when configured, otherwise kept in the outbox."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("application.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    error: Mapped[str] = mapped_column(String(500), default="")

    user: Mapped[User] = relationship(lazy="joined")
