"""Sync tables: configured sources, course mappings, runs, people to link, the run lease.

A :class:`SyncSource` holds what an admin set (kind, URL, write-only credential, schedule,
matching rule) and what the runs learnt (connector state, health, needs attention). Secrets are
stored encrypted (:mod:`.secrets`) and never read back into a page, a log or an API answer.
``apscheduler_jobs`` is APScheduler's job store table, declared here so that Alembic owns it.
"""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (JSON, Column, Float, ForeignKey, LargeBinary, String, Table, Text,
                        Unicode, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sync.records import SourceKind

from ..accounts.models import User
from ..catalog.models import Module
from ..db import Base, UtcDateTime, enum_type, utcnow


class MatchBy(enum.Enum):
    """Which remote identifier recognises a local person, per source."""

    EMAIL = "email"
    IDNUMBER = "idnumber"
    USERNAME = "username"


class Health(enum.Enum):
    UNKNOWN = "unknown"
    HEALTHY = "healthy"
    DEGRADED = "degraded"          # the last run skipped some courses, learners or statements
    FAILING = "failing"            # the last run could not reach or read the source
    NEEDS_ATTENTION = "needs_attention"  # a person must act (token revoked, service changed)


class RunStatus(enum.Enum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    PARTIAL = "partial"
    FAILED = "failed"
    NEEDS_ATTENTION = "needs_attention"

    @property
    def is_finished(self) -> bool:
        return self is not RunStatus.RUNNING


class RunTrigger(enum.Enum):
    SCHEDULE = "schedule"
    MANUAL = "manual"      # "sync now" on the admin page or the API
    CLI = "cli"
    IMPORT = "import"      # a one-off CSV import


class UnmatchedReason(enum.Enum):
    UNMATCHED = "unmatched"        # nobody local has that identifier
    AMBIGUOUS = "ambiguous"        # several local people have it
    NO_IDENTIFIER = "no_identifier"  # the source did not give the identifier this source matches by


class SyncSource(Base):
    __tablename__ = "sync_source"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[SourceKind] = mapped_column(enum_type(SourceKind))
    url: Mapped[str] = mapped_column(String(500), default="")  # a file path for CSV sources
    username: Mapped[str] = mapped_column(String(200), default="")
    # Fernet token of the credential (Moodle token, LRS password); write-only.
    secret_encrypted: Mapped[str] = mapped_column(Text, default="")
    allow_private: Mapped[bool] = mapped_column(default=False)
    match_by: Mapped[MatchBy] = mapped_column(enum_type(MatchBy), default=MatchBy.EMAIL)
    schedule_minutes: Mapped[int | None] = mapped_column()  # None: on demand only
    enabled: Mapped[bool] = mapped_column(default=True)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    health: Mapped[Health] = mapped_column(enum_type(Health), default=Health.UNKNOWN)
    health_detail: Mapped[str] = mapped_column(Text, default="")
    needs_attention: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    mappings: Mapped[list["CourseMapping"]] = relationship(
        back_populates="source", cascade="all, delete-orphan", order_by="CourseMapping.remote_key")

    @property
    def source_key(self) -> str:
        """``Completion.source_key`` of this source's records."""
        return f"sync:{self.id}"

    @property
    def has_secret(self) -> bool:
        return bool(self.secret_encrypted)

    def __repr__(self) -> str:  # never the secret
        return f"SyncSource({self.id}, {self.name!r}, {self.kind.value})"


class CourseMapping(Base):
    """A remote course, activity (``course/activity``) or xAPI activity IRI -> a local module."""

    __tablename__ = "sync_course_mapping"
    __table_args__ = (UniqueConstraint("source_id", "remote_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sync_source.id", ondelete="CASCADE"),
                                           index=True)
    remote_key: Mapped[str] = mapped_column(String(500))
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id", ondelete="CASCADE"))

    source: Mapped[SyncSource] = relationship(back_populates="mappings")
    module: Mapped[Module] = relationship(lazy="joined")


class PersonLink(Base):
    """An admin's decision: this remote identifier of this source is that local person."""

    __tablename__ = "sync_person_link"
    __table_args__ = (UniqueConstraint("source_id", "identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sync_source.id", ondelete="CASCADE"),
                                           index=True)
    identity: Mapped[str] = mapped_column(String(300))  # "<match_by>:<value>", value lower-cased
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")


class UnmatchedPerson(Base):
    """A remote person no local person could be matched to, with their records kept waiting."""

    __tablename__ = "sync_unmatched_person"
    __table_args__ = (UniqueConstraint("source_id", "identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sync_source.id", ondelete="CASCADE"),
                                           index=True)
    identity: Mapped[str] = mapped_column(String(300))
    reason: Mapped[UnmatchedReason] = mapped_column(enum_type(UnmatchedReason))
    email: Mapped[str] = mapped_column(String(254), default="")
    idnumber: Mapped[str] = mapped_column(String(200), default="")
    username: Mapped[str] = mapped_column(String(200), default="")
    full_name: Mapped[str] = mapped_column(String(300), default="")
    candidates: Mapped[list[Any]] = mapped_column(JSON, default=list)  # e-mails, when ambiguous
    # Records waiting for a link, by Provenance.record_id (see operations.serialize_record).
    pending: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    source: Mapped[SyncSource] = relationship(lazy="joined")


class SyncRun(Base):
    __tablename__ = "sync_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sync_source.id", ondelete="CASCADE"),
                                           index=True)
    trigger: Mapped[RunTrigger] = mapped_column(enum_type(RunTrigger))
    full: Mapped[bool] = mapped_column(default=False)
    status: Mapped[RunStatus] = mapped_column(enum_type(RunStatus), default=RunStatus.RUNNING)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    phase: Mapped[str] = mapped_column(String(40), default="starting")
    calls: Mapped[int] = mapped_column(default=0)
    records_seen: Mapped[int] = mapped_column(default=0)
    records_done: Mapped[int] = mapped_column(default=0)
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    kept_better: Mapped[int] = mapped_column(default=0)  # contradicting observations, kept
    withdrawn: Mapped[int] = mapped_column(default=0)    # voided statements, logged
    unmapped: Mapped[int] = mapped_column(default=0)     # records of courses mapped to nothing
    people_unmatched: Mapped[int] = mapped_column(default=0)
    errors: Mapped[list[Any]] = mapped_column(JSON, default=list)
    message: Mapped[str] = mapped_column(Text, default="")

    source: Mapped[SyncSource] = relationship(lazy="joined")


class SyncLease(Base):
    """Who is syncing a source until when; two schedulers never sync one source at once."""

    __tablename__ = "sync_lease"

    source_id: Mapped[int] = mapped_column(ForeignKey("sync_source.id", ondelete="CASCADE"),
                                           primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


# APScheduler's SQLAlchemyJobStore table, in its own shape (the store creates it only if absent).
scheduler_jobs = Table(
    "apscheduler_jobs", Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
