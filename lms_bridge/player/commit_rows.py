"""The SQL of the commit path: statements built once, run as Core on the session's connection.

A commit reads everything it needs in one SELECT (the SCO state joined with its attempt,
package version, module and attempt settings) and writes with one guarded UPDATE and one
INSERT; the ORM's per-statement overhead was most of a commit's cost.

Concurrency: PostgreSQL locks the SCO state row (``FOR UPDATE OF player_sco_state``). SQLite
ignores FOR UPDATE and its SELECT runs outside a write transaction, so the UPDATE is guarded by
the ``last_seq`` that was read: if another commit of the same SCO got in between, it touches no
row and the caller starts over (``store_state`` returns False). Either way no commit is applied
on a state it did not validate against.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, exists, insert, select, update

from scorm.source_model import CompletionRule

from ..catalog.models import Module, PackageVersion, VersionState
from ..db import utcnow
from .grading import AttemptSummary
from .models import (
    Attempt, AttemptState, CommitLog, CommitOutcome, GradingMethod, ModuleAttemptSettings,
    ScoState,
)

_sco, _attempt, _log = ScoState.__table__, Attempt.__table__, CommitLog.__table__
_version, _module = PackageVersion.__table__, Module.__table__
_settings = ModuleAttemptSettings.__table__
_published = PackageVersion.__table__.alias("published")


@dataclass(frozen=True)
class CommitTarget:
    """What one commit needs to know about its SCO state, attempt, version and module."""

    sco_id: int
    state: dict[str, str]
    last_seq: int
    session_started_at: datetime | None
    attempt_id: int
    user_id: int
    attempt_state: AttemptState
    attempt_number: int
    module_id: int
    package_version_id: int
    is_available: bool
    scorm_version: str  # "1.2" or "2004"
    summary: AttemptSummary
    grading_method: GradingMethod
    min_score: float | None
    completion_rule: CompletionRule


_TARGET = (
    select(_sco.c.id, _sco.c.state, _sco.c.last_seq, _sco.c.session_started_at,
           _attempt.c.id.label("attempt_id"), _attempt.c.user_id, _attempt.c.state.label("a_state"),
           _attempt.c.number, _attempt.c.module_id, _attempt.c.package_version_id,
           _attempt.c.is_completed, _attempt.c.is_passed, _attempt.c.grade,
           _attempt.c.score_scaled, _version.c.scorm_version, _settings.c.grading_method,
           _module.c.min_score, _module.c.completion_rule,
           exists().where(_published.c.module_id == _attempt.c.module_id,
                          _published.c.state == VersionState.PUBLISHED).label("available"))
    .select_from(_sco.join(_attempt, _attempt.c.id == _sco.c.attempt_id)
                 .join(_version, _version.c.id == _attempt.c.package_version_id)
                 .join(_module, _module.c.id == _attempt.c.module_id)
                 .outerjoin(_settings, _settings.c.module_id == _attempt.c.module_id))
    .where(_sco.c.attempt_id == bindparam("attempt"), _sco.c.item_identifier == bindparam("item"))
    .with_for_update(of=_sco))


def read_target(conn: Connection, attempt_id: int, item_identifier: str) -> CommitTarget | None:
    """The commit's target, its SCO state row locked where the database can; None: no session."""
    row = conn.execute(_TARGET, {"attempt": attempt_id, "item": item_identifier}).first()
    if row is None:
        return None
    return CommitTarget(
        sco_id=row.id, state=row.state or {}, last_seq=row.last_seq,
        session_started_at=row.session_started_at, attempt_id=row.attempt_id,
        user_id=row.user_id, attempt_state=row.a_state, attempt_number=row.number,
        module_id=row.module_id, package_version_id=row.package_version_id,
        is_available=bool(row.available),
        scorm_version="1.2" if row.scorm_version == "1.2" else "2004",
        summary=AttemptSummary(row.is_completed, row.is_passed, row.grade, row.score_scaled),
        grading_method=row.grading_method or GradingMethod.HIGHEST, min_score=row.min_score,
        completion_rule=row.completion_rule)


_STORE = (update(_sco)
          .where(_sco.c.id == bindparam("sco"), _sco.c.last_seq == bindparam("seen_seq"))
          .values(state=bindparam("new_state"), last_seq=bindparam("new_seq"),
                  updated_at=bindparam("now")))


def store_state(conn: Connection, target: CommitTarget, state: dict[str, str], seq: int) -> bool:
    """Write the SCO's new state; False when another commit changed it since it was read."""
    result = conn.execute(_STORE, {"sco": target.sco_id, "seen_seq": target.last_seq,
                                   "new_state": state, "new_seq": seq, "now": utcnow()})
    return result.rowcount == 1


_APPEND = insert(_log)


def append_log(conn: Connection, target: CommitTarget, seq: int, payload: dict[str, Any],
               outcome: CommitOutcome, note: str = "") -> None:
    conn.execute(_APPEND, {"attempt_id": target.attempt_id, "sco_state_id": target.sco_id,
                           "seq": seq, "received_at": utcnow(), "payload": payload,
                           "outcome": outcome, "note": note[:300]})


_OTHER_STATES = select(_sco.c.state).where(_sco.c.attempt_id == bindparam("attempt"),
                                           _sco.c.id != bindparam("sco"))


def other_sco_states(conn: Connection, target: CommitTarget) -> list[dict[str, str]]:
    """The stored states of the attempt's other SCOs."""
    rows = conn.execute(_OTHER_STATES, {"attempt": target.attempt_id, "sco": target.sco_id})
    return [state or {} for state, in rows]


_SUMMARIZE = (update(_attempt).where(_attempt.c.id == bindparam("attempt"))
              .values(is_completed=bindparam("s_completed"), is_passed=bindparam("s_passed"),
                      grade=bindparam("s_grade"), score_scaled=bindparam("s_scaled")))


def store_summary(conn: Connection, attempt_id: int, summary: AttemptSummary) -> None:
    conn.execute(_SUMMARIZE, {"attempt": attempt_id, "s_completed": summary.is_completed,
                              "s_passed": summary.is_passed, "s_grade": summary.grade,
                              "s_scaled": summary.score_scaled})
