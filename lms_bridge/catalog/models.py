"""Catalog tables: a Module is what learners and prerequisites refer to; it may have
SCORM package versions (local content) or exist only on a remote LMS."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from scorm.source_model import CompletionRule

from ..db import Base, UtcDateTime, enum_type, utcnow


class Module(Base):
    __tablename__ = "module"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    topic: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    description: Mapped[str] = mapped_column(Text, default="")
    # When an attempt counts as done (cmi5 moveOn vocabulary) and the minimum score (percent).
    completion_rule: Mapped[CompletionRule] = mapped_column(
        enum_type(CompletionRule), default=CompletionRule.COMPLETED_AND_PASSED)
    min_score: Mapped[float | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
