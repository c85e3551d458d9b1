"""The designation table: one row per official designation, never deleted (its history)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import Base, UtcDateTime, utcnow
from ..models import Administration, User


class Designation(Base):
    """A person designated national coordinator of an administration, by a letter or a note."""

    __tablename__ = "coordinator_designation"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    administration_id: Mapped[int] = mapped_column(ForeignKey("administration.id"))
    reference: Mapped[str] = mapped_column(String(200))
    """The designation letter's or note's reference, as the Secretariat files it."""
    letter_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    end_reason: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    administration: Mapped[Administration] = relationship(lazy="joined")
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
    ended_by: Mapped[User | None] = relationship(foreign_keys=[ended_by_id])

    __table_args__ = (Index("ix_coordinator_designation_administration",
                            "administration_id", "ended_at"),
                      Index("ix_coordinator_designation_user", "user_id", "ended_at"))

    @property
    def is_active(self) -> bool:
        return self.ended_at is None
