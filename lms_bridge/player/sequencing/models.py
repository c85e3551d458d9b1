"""Tables of SCORM 2004 sequencing in the player: one sequencing session per attempt and the
learner's global objectives.

``SequencingSession.tree`` is ``Sequencer.export_state()`` (the whole activity tree's tracking
state, current and suspended activity). Randomization must be stable for the whole attempt, so
each request's random generator is seeded with the session's ``seed`` and ``step`` (bumped at
every stored change). ``delivery`` counts deliveries; ``started_delivery`` is the delivery whose
SCO session was last started, so a reload of the page does not start the SCO's attempt anew.

``GlobalObjectiveRecord`` rows are scoped: ``scope`` is ``system`` when the organization's
``objectivesGlobalToSystem`` is true (shared across every package of the learner), else
``attempt-<id>`` (private to one attempt).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...db import Base, UtcDateTime, utcnow


class SequencingSession(Base):
    __tablename__ = "player_sequencing_session"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("player_attempt.id", ondelete="CASCADE"), primary_key=True)
    tree: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seed: Mapped[str] = mapped_column(String(40))
    step: Mapped[int] = mapped_column(default=0)
    delivery: Mapped[int] = mapped_column(default=0)
    started_delivery: Mapped[int] = mapped_column(default=0)
    # what the last navigation did, for the adapter's reply: {"kind": ..., "activity"/"exception"}
    last_move: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class GlobalObjectiveRecord(Base):
    __tablename__ = "player_global_objective"
    __table_args__ = (UniqueConstraint("user_id", "scope", "objective_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(60))
    objective_id: Mapped[str] = mapped_column(String(1000))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
