"""The SQL of the commit path: a few hand-written statements run on the DBAPI connection.

A commit reads everything it needs in one SELECT (the SCO state joined with its attempt,
learner, package version, module and attempt settings) and writes with one guarded UPDATE and one
INSERT. They run on the driver connection under the session's own transaction (so a rare
ORM step, e.g. ending a session, joins the same transaction and ``db.session.commit()`` ends
it): SQLAlchemy's per-statement work (compiled-cache lookup, execution context, type
processing) cost more than the statements themselves. The SQL is portable; ``_Dialect`` holds
the only differences (placeholders, JSON and datetime values, row locking) between SQLite and
PostgreSQL. ``tests/test_migrations.py`` keeps the tables as the models say, and the player
tests run these statements on both databases.

Concurrency: PostgreSQL locks the SCO state row (``FOR UPDATE OF``). SQLite ignores row locks
and its SELECT runs outside a write transaction, so the UPDATE is guarded by the ``last_seq``
that was read: if another commit of the same SCO got in between, it touches no row and the
caller starts over (``store_state`` returns False; ``operations`` raises ``ConcurrentCommit``).
The same guard lets a commit that turns out to need the ORM (a completion to record) give its
Core connection back and write in the session's transaction without reading again. Either way
no commit is applied on a state it did not validate against.

Covered by ``tests/player/test_commit_rows.py`` and ``tests/player/test_commits.py`` (both
databases), and measured by ``bench/commit`` (``python -m bench.commit``; its ratio against a
bare Flask insert is the number to keep).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

from scorm.source import CompletionRule

from ...catalog.models import GradingMethod
from ...db import db, utcnow
from ..grading import AttemptSummary
from ..models import AttemptState, CommitOutcome
from .planning import CommitTarget


class CommitTransaction:
    """The database transaction of one commit: a Core connection of its own, or the ORM
    session's connection when a step needs the ORM (``uses_orm``: ending a session, recording
    a completion; once per session or attempt). The session's bookkeeping (its transaction,
    flush, close) cost about 0.4 ms, a fifth of a whole commit, on every commit.
    """

    def __init__(self, uses_orm: bool) -> None:
        self.uses_orm = uses_orm
        if uses_orm:
            self.connection: Connection = db.session.connection()  # begins the session's
        else:
            self.connection = db.engine.connect()
            # Begun explicitly: the statements run on the driver connection, so SQLAlchemy
            # would not autobegin, and commit() would then do nothing.
            self.connection.begin()

    def commit(self) -> None:
        if self.uses_orm:
            db.session.commit()
        else:
            self.connection.commit()

    def rollback(self) -> None:
        if self.uses_orm:
            db.session.rollback()
        else:
            self.connection.rollback()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """``db.writing()`` for this transaction: if the block raises, the transaction is rolled
        back before the write lock is let go."""
        with db.writing():
            try:
                yield
            except BaseException:
                self.rollback()
                raise

    def close(self) -> None:
        """Give the own connection back (rolled back if not committed); the session's stays."""
        if not self.uses_orm:
            self.connection.close()


class _Dialect:
    """How one database takes the statements' parameters and gives back their values."""

    def __init__(self, name: str) -> None:
        self.is_sqlite = name == "sqlite"
        self._texts: dict[str, str] = {}

    def sql(self, statement: str) -> str:
        """``statement`` with its ``:name`` placeholders in the driver's style (kept)."""
        text = self._texts.get(statement)
        if text is None:
            text = (statement.replace("\nFOR UPDATE OF s", "") if self.is_sqlite
                    else re.sub(r":(\w+)", r"%(\1)s", statement))
            self._texts[statement] = text
        return text

    def time_param(self, moment: datetime) -> Any:
        # SQLite: the text form SQLAlchemy's DateTime stores (UTC, as UtcDateTime gives it).
        if self.is_sqlite:
            return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
        return moment

    @staticmethod
    def json_value(value: Any) -> Any:
        # psycopg parses json columns itself; SQLite gives the stored text.
        return json.loads(value) if isinstance(value, str | bytes) else value


@lru_cache(maxsize=4)
def _dialect(name: str) -> _Dialect:
    return _Dialect(name)


def _run(conn: Connection, statement: str, params: dict[str, Any]) -> tuple[list, int]:
    """Execute on the driver connection in the session's transaction; rows and rowcount."""
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(_dialect(conn.dialect.name).sql(statement), params)
        return (cursor.fetchall() if cursor.description else []), cursor.rowcount
    finally:
        cursor.close()


_TARGET = """
SELECT s.id, s.state, s.last_seq, a.id, a.user_id, a.state, a.number, a.module_id,
       a.package_version_id, a.is_completed, a.is_passed, a.grade, a.score_scaled,
       v.scorm_version, ms.grading_method, m.min_score, m.completion_rule, u.active,
       EXISTS (SELECT 1 FROM package_version p
               WHERE p.module_id = a.module_id AND p.state = 'published')
FROM player_sco_state s
JOIN player_attempt a ON a.id = s.attempt_id
JOIN package_version v ON v.id = a.package_version_id
JOIN module m ON m.id = a.module_id
JOIN user_account u ON u.id = a.user_id
LEFT JOIN player_module_settings ms ON ms.module_id = a.module_id
WHERE s.attempt_id = :attempt AND s.item_identifier = :item
FOR UPDATE OF s"""


def read_target(conn: Connection, attempt_id: int, item_identifier: str) -> CommitTarget | None:
    """The commit's target, its SCO state row locked where the database can; None: no session."""
    rows, _ = _run(conn, _TARGET, {"attempt": attempt_id, "item": item_identifier})
    if not rows:
        return None
    (sco_id, state, last_seq, attempt, user_id, attempt_state, number, module_id, version_id,
     is_completed, is_passed, grade, scaled, scorm_version, method, min_score, rule,
     learner_active, available) = rows[0]
    return CommitTarget(
        sco_id=sco_id, state=_dialect(conn.dialect.name).json_value(state) or {},
        last_seq=last_seq, attempt_id=attempt, user_id=user_id,
        attempt_state=AttemptState(attempt_state), attempt_number=number, module_id=module_id,
        is_learner_active=bool(learner_active),
        package_version_id=version_id, is_available=bool(available),
        scorm_version="1.2" if scorm_version == "1.2" else "2004",
        summary=AttemptSummary(bool(is_completed), None if is_passed is None else bool(is_passed),
                               grade, scaled),
        grading_method=GradingMethod(method) if method else GradingMethod.HIGHEST,
        min_score=min_score, completion_rule=CompletionRule(rule))


_STORE = """
UPDATE player_sco_state SET state = :state, last_seq = :new_seq, updated_at = :now
WHERE id = :sco AND last_seq = :seen_seq"""


def store_state(conn: Connection, target: CommitTarget, state: dict[str, str], seq: int) -> bool:
    """Write the SCO's new state; False when another commit changed it since it was read."""
    params = {"sco": target.sco_id, "seen_seq": target.last_seq, "state": json.dumps(state),
              "new_seq": seq, "now": _dialect(conn.dialect.name).time_param(utcnow())}
    return _run(conn, _STORE, params)[1] == 1


_APPEND = """
INSERT INTO player_commit_log (attempt_id, sco_state_id, seq, received_at, payload, outcome, note)
VALUES (:attempt, :sco, :seq, :now, :payload, :outcome, :note)"""


def append_log(conn: Connection, target: CommitTarget, seq: int, payload: dict[str, Any],
               outcome: CommitOutcome, note: str = "") -> None:
    """Append one commit received to the log, with its outcome."""
    _run(conn, _APPEND, {
        "attempt": target.attempt_id, "sco": target.sco_id, "seq": seq,
        "now": _dialect(conn.dialect.name).time_param(utcnow()), "payload": json.dumps(payload),
        "outcome": outcome.value, "note": note[:300]})


_OTHER_STATES = "SELECT state FROM player_sco_state WHERE attempt_id = :attempt AND id <> :sco"


def other_sco_states(conn: Connection, target: CommitTarget) -> list[dict[str, str]]:
    """The stored states of the attempt's other SCOs."""
    rows, _ = _run(conn, _OTHER_STATES, {"attempt": target.attempt_id, "sco": target.sco_id})
    dialect = _dialect(conn.dialect.name)
    return [dialect.json_value(state) or {} for state, in rows]


_SUMMARIZE = """
UPDATE player_attempt SET is_completed = :completed, is_passed = :passed, grade = :grade,
       score_scaled = :scaled
WHERE id = :attempt"""


def store_summary(conn: Connection, attempt_id: int, summary: AttemptSummary) -> None:
    """Write the attempt's grading summary columns."""
    _run(conn, _SUMMARIZE, {"attempt": attempt_id, "completed": summary.is_completed,
                            "passed": summary.is_passed, "grade": summary.grade,
                            "scaled": summary.score_scaled})
