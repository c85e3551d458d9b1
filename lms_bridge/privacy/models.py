"""Privacy tables: when each person last signed in (for the retention rule) and who was erased."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UtcDateTime, utcnow


class LastSignIn(Base):
    """Updated at every sign-in; the retention job reads it with the person's other activity."""

    __tablename__ = "privacy_last_sign_in"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Erasure(Base):
    """A person erased on request or by the retention rule (the account row stays, pseudonymous)."""

    __tablename__ = "privacy_erasure"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(200))
    erased_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")
