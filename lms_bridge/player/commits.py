"""The commit path: one runtime commit from the browser adapter, in one transaction.

Order: the token's attempt must belong to its learner, be open (else 409) and its module must
still have a published version (else 409). The SCO's state row is locked (an UPDATE first, so
SQLite takes its write lock before reading and PostgreSQL locks the row); then the sequence
number decides: the same number again is a replay, a lower one is stale (both change nothing and
are logged); a higher one is re-validated with ``scorm.runtime.apply_commit`` and either stored
whole or refused whole with the SCORM error code (422, nothing stored, the number not used up).
Every commit received is appended to ``player_commit_log`` with its outcome.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import aliased

from scorm.runtime import apply_commit

from ..accounts.models import User
from ..catalog.models import Module, PackageVersion, VersionState
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, InvalidInput, LmsBridgeError
from .attempts import attempts_of, close_attempt, module_settings
from .grading import module_grade, record_local_completion, summarize_attempt
from .models import Attempt, AttemptState, CommitLog, CommitOutcome, ScoState
from .package import package_layout
from .sessions import end_session
from .tokens import LaunchGrant

log = logging.getLogger(__name__)


class ScormRejected(LmsBridgeError):
    """A commit holds a write that SetValue refuses; details name the element and SCORM code."""

    status, code = 422, "scorm_rejected"


@dataclass(frozen=True)
class CommitRequest:
    seq: int
    changes: dict[str, str]
    finish: bool

    @classmethod
    def parse(cls, body: dict[str, Any]) -> CommitRequest:
        seq, changes, finish = body.get("seq"), body.get("changes", {}), body.get("finish", False)
        problems = []
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            problems.append({"field": "seq", "problem": "must be a whole number of at least 1"})
        if not isinstance(changes, dict) or not all(
                isinstance(k, str) and isinstance(v, str | int | float) for k, v in changes.items()):
            problems.append({"field": "changes", "problem": "must map element names to strings"})
        if not isinstance(finish, bool):
            problems.append({"field": "finish", "problem": "must be true or false"})
        if problems:
            raise InvalidInput("The commit is malformed.", problems)
        return cls(seq, {k: str(v) for k, v in changes.items()}, finish)


@dataclass(frozen=True)
class CommitReply:
    seq: int
    outcome: CommitOutcome | None  # None: review/browse, nothing stored
    attempt_open: bool

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, "seq": self.seq,
                "outcome": self.outcome.value if self.outcome else "not_stored",
                "attempt_open": self.attempt_open}


def _open_attempt(grant: LaunchGrant) -> tuple[Attempt, str]:
    """The attempt and its SCORM version ("1.2" / "2004"), in one query."""
    published = aliased(PackageVersion)
    available = exists().where(published.module_id == Attempt.module_id,
                               published.state == VersionState.PUBLISHED)
    row = db.session.execute(
        select(Attempt, PackageVersion.scorm_version, available.label("available"))
        .join(PackageVersion, PackageVersion.id == Attempt.package_version_id)
        .where(Attempt.id == grant.attempt_id)).first()
    if row is None or row.Attempt.user_id != grant.user_id:
        raise Forbidden("This launch token does not belong to that attempt.")
    if row.Attempt.state is not AttemptState.OPEN:
        raise Conflict("This attempt is closed; start a new one to record more.")
    if not row.available:
        raise Conflict("This module is no longer available.")
    return row.Attempt, "1.2" if row.scorm_version == "1.2" else "2004"


def _locked_sco(grant: LaunchGrant) -> ScoState:
    where = (ScoState.attempt_id == grant.attempt_id,
             ScoState.item_identifier == grant.item_identifier)
    touched = db.session.execute(update(ScoState).where(*where).values(updated_at=utcnow())
                                 .execution_options(synchronize_session=False))
    if touched.rowcount == 0:
        raise Conflict("No session of this SCO was started; launch it first.")
    return db.session.scalar(select(ScoState).where(*where)
                             .execution_options(populate_existing=True))


def _log(sco: ScoState, request: CommitRequest, outcome: CommitOutcome, note: str = "") -> None:
    db.session.add(CommitLog(attempt_id=sco.attempt_id, sco_state_id=sco.id, seq=request.seq,
                             received_at=utcnow(), outcome=outcome, note=note[:300],
                             payload={"changes": request.changes, "finish": request.finish}))


def receive_commit(grant: LaunchGrant, request: CommitRequest) -> CommitReply:
    """Store one commit (see the module docstring); commits the transaction.

    Raises Forbidden, Conflict (closed attempt, unavailable module, no session) or
    ScormRejected.
    """
    attempt, version = _open_attempt(grant)
    if not grant.is_stored:
        return CommitReply(request.seq, None, True)
    sco = _locked_sco(grant)
    if request.seq <= sco.last_seq:
        outcome = CommitOutcome.REPLAY if request.seq == sco.last_seq else CommitOutcome.STALE
        if outcome is CommitOutcome.STALE:
            log.info("stale commit %s < %s for SCO state %s ignored", request.seq, sco.last_seq, sco.id)
        _log(sco, request, outcome)
        db.session.commit()
        return CommitReply(request.seq, outcome, True)
    result = apply_commit(version, sco.state, request.changes)
    if not result.is_accepted:
        _reject(sco, request, result.rejection)
    graded_change = _changes_grading(sco.state, result.state)
    sco.state, sco.last_seq = result.state, request.seq
    _log(sco, request, CommitOutcome.APPLIED)
    if request.finish or graded_change:
        _after_progress(attempt, sco, request.finish)
    db.session.commit()
    return CommitReply(request.seq, CommitOutcome.APPLIED, attempt.state is AttemptState.OPEN)


def _changes_grading(before: dict[str, str], after: dict[str, str]) -> bool:
    """Whether a status or score element changed (only then is the attempt regraded)."""
    return any(before.get(key) != value for key, value in after.items()
               if key.startswith(("cmi.core.lesson_status", "cmi.core.score", "cmi.completion_status",
                                  "cmi.success_status", "cmi.score")))


def _reject(sco: ScoState, request: CommitRequest, rejection) -> None:
    _log(sco, request, CommitOutcome.REJECTED, f"{rejection.element}: {rejection.code}")
    db.session.commit()
    raise ScormRejected(
        f"{rejection.element} was refused with SCORM error {rejection.code}; nothing was stored.",
        [{"field": rejection.element, "problem": rejection.diagnostic,
          "scorm_error": rejection.code}])


def _after_progress(attempt: Attempt, sco: ScoState, finish: bool) -> None:
    layout = package_layout(attempt.package_version)
    ends = False
    if finish:
        ends = end_session(attempt, sco, layout, db.session.get(User, attempt.user_id))
    regrade_attempt(attempt, layout)
    if ends:
        close_attempt(attempt)


def regrade_attempt(attempt: Attempt, layout=None) -> None:
    """Recompute the attempt's summary; write the local Completion when it improved."""
    layout = layout or package_layout(attempt.package_version)
    module = db.session.get(Module, attempt.module_id)
    settings = module_settings(attempt.module_id)
    scos = list(db.session.scalars(select(ScoState).where(ScoState.attempt_id == attempt.id)))
    before = (attempt.is_completed, attempt.is_passed, attempt.grade)
    summarize_attempt(attempt, layout.scorm_version, [s.state for s in scos], len(layout.scos),
                      settings.grading_method, module.min_score)
    attempt.total_seconds = sum(s.total_centis for s in scos) / 100
    if (attempt.is_completed, attempt.is_passed, attempt.grade) != before:
        record_local_completion(module, attempt)


def module_result(user_id: int, module_id: int) -> float | None:
    """The module's grade for the learner by its "which attempt counts" setting."""
    return module_grade(module_settings(module_id).attempts_count, attempts_of(user_id, module_id))
