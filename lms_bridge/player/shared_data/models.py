"""Shared data stores (SCORM 2004 4th ed. ``adl.data``): one row per learner store and target.

Where a store lives depends on the organization's ``adlcp:sharedDataGlobalToSystem``: true (the
default) keeps it for the learner's lifetime in the system, across every package and version
(``SystemSharedData``, by user); false keeps it for the learner's attempt on that package only
(``AttemptSharedData``, gone with the attempt). Rows are keyed by ``target_key``, the SHA-256
of the targetID, because a targetID may be up to 4000 characters, more than a PostgreSQL
B-tree index entry can hold.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...db import Base, UtcDateTime, utcnow


class SystemSharedData(Base):
    __tablename__ = "player_system_shared_data"
    __table_args__ = (UniqueConstraint("user_id", "target_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    target_key: Mapped[str] = mapped_column(String(64))
    target_id: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class AttemptSharedData(Base):
    __tablename__ = "player_attempt_shared_data"
    __table_args__ = (UniqueConstraint("attempt_id", "target_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("player_attempt.id", ondelete="CASCADE"))
    target_key: Mapped[str] = mapped_column(String(64))
    target_id: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
