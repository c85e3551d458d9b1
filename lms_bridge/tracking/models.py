"""Completion: the single currency between the runtime, sync and eligibility.

One row per (person, module, source); every observation of it, including ones that would have
downgraded it, is kept in ``completion_observation`` (see ``operations.record_completion``).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..catalog.models import Module
from ..accounts.models import User
from ..db import Base, UtcDateTime, enum_type, utcnow
from .vocabulary import CompletionStatus, SourceKind


class Completion(Base):
    __tablename__ = "completion"
    __table_args__ = (UniqueConstraint("user_id", "module_id", "source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id", ondelete="CASCADE"), index=True)
    source_kind: Mapped[SourceKind] = mapped_column(enum_type(SourceKind))
    # Which source instance: "local", or "sync:<source id>"; the label is what people read.
    source_key: Mapped[str] = mapped_column(String(100))
    source_label: Mapped[str] = mapped_column(String(200))
    status: Mapped[CompletionStatus] = mapped_column(enum_type(CompletionStatus))
    score_scaled: Mapped[float | None] = mapped_column()
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    user: Mapped[User] = relationship()
    module: Mapped[Module] = relationship()


class CompletionObservation(Base):
    """Each time a source told us something about a completion, applied or not."""

    __tablename__ = "completion_observation"

    id: Mapped[int] = mapped_column(primary_key=True)
    completion_id: Mapped[int] = mapped_column(ForeignKey("completion.id", ondelete="CASCADE"),
                                               index=True)
    observed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    status: Mapped[CompletionStatus] = mapped_column(enum_type(CompletionStatus))
    score_scaled: Mapped[float | None] = mapped_column()
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    applied: Mapped[bool] = mapped_column()
    note: Mapped[str] = mapped_column(String(300), default="")
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
