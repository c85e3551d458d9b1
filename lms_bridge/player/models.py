"""Player tables: attempts, the current runtime state per attempt and SCO, and the commit log.
(A module's attempt and grading settings belong to the catalog: ``catalog.models``.)

``ScoState`` holds the stored SCORM elements of one SCO in one attempt (``state``), the last
applied commit sequence number (``last_seq``, the idempotency key) and whether a session is
running (``session_started_at``). ``CommitLog`` is append-only: every commit received, applied
or not, with its outcome.
"""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..catalog.models import Module, PackageVersion
from ..db import Base, UtcDateTime, enum_type, utcnow


class AttemptState(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class CommitOutcome(enum.Enum):
    APPLIED = "applied"
    REPLAY = "replay"      # the same sequence number again: already stored
    STALE = "stale"        # an older sequence number than the last applied one
    REJECTED = "rejected"  # a write SetValue would have refused: nothing stored


class Attempt(Base):
    __tablename__ = "player_attempt"
    __table_args__ = (UniqueConstraint("user_id", "module_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id", ondelete="CASCADE"), index=True)
    package_version_id: Mapped[int] = mapped_column(ForeignKey("package_version.id"))
    number: Mapped[int] = mapped_column()
    state: Mapped[AttemptState] = mapped_column(enum_type(AttemptState), default=AttemptState.OPEN)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The grading summary, recomputed whenever a session of the attempt ends.
    is_completed: Mapped[bool] = mapped_column(default=False)
    is_passed: Mapped[bool | None] = mapped_column()  # None: no pass/fail known
    score_scaled: Mapped[float | None] = mapped_column()
    grade: Mapped[float | None] = mapped_column()  # 0-100 by the module's grading method
    total_seconds: Mapped[float] = mapped_column(default=0.0)

    user: Mapped[User] = relationship()
    module: Mapped[Module] = relationship()
    package_version: Mapped[PackageVersion] = relationship()


class ScoState(Base):
    __tablename__ = "player_sco_state"
    __table_args__ = (UniqueConstraint("attempt_id", "item_identifier"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("player_attempt.id", ondelete="CASCADE"))
    item_identifier: Mapped[str] = mapped_column(String(255))
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    last_seq: Mapped[int] = mapped_column(default=0)
    sessions: Mapped[int] = mapped_column(default=0)
    session_started_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    next_entry: Mapped[str] = mapped_column(String(20), default="ab-initio")
    total_centis: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class CommitLog(Base):
    __tablename__ = "player_commit_log"
    __table_args__ = (Index("ix_player_commit_log_sco", "sco_state_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("player_attempt.id", ondelete="CASCADE"))
    sco_state_id: Mapped[int] = mapped_column(
        ForeignKey("player_sco_state.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column()
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    outcome: Mapped[CommitOutcome] = mapped_column(enum_type(CommitOutcome))
    note: Mapped[str] = mapped_column(String(300), default="")
