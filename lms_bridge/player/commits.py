"""The commit path: one runtime commit from the browser adapter, in one transaction.

Order: the token's attempt must belong to its learner, be open (else 409) and its module must
still have a published version (else 409). The SCO's state is read with all of that in one
SELECT (``commit_rows``: locked on PostgreSQL, guarded by its sequence number on SQLite); then
the sequence number decides: the same number again is a replay, a lower one is stale (both
change nothing and are logged); a higher one is re-validated with ``scorm.runtime.apply_commit``
and either stored whole or refused whole with the SCORM error code (422, nothing stored, the
number not used up). Every commit received is appended to ``player_commit_log`` with its
outcome. The attempt is regraded when a commit changes a status or score element, and its
session ended (session time added once, attempt maybe closed) only on a finishing commit.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from scorm.runtime import apply_commit

from ..accounts.models import User
from ..catalog.models import Module, PackageVersion, VersionState
from ..db import db, utcnow
from ..errors import Conflict, Forbidden, InvalidInput, LmsBridgeError
from .attempts import attempts_of, close_attempt, module_settings
from .commit_rows import (
    CommitTarget, CommitTransaction, append_log, other_sco_states, read_target, store_state, store_summary,
)
from .grading import (
    AttemptSummary, attempt_summary, module_grade, record_local_completion, satisfies,
    summarize_attempt,
)
from .models import Attempt, AttemptState, CommitOutcome, ScoState
from .navigation import after_terminate, rolled_up_summary
from .package import layout_for, package_layout, sco_count
from .sequencing import is_sequenced
from .sessions import end_session
from .shared_data import commit_launch, store_shared_data
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
    is_sequenced: bool = False  # a stored commit of a sequenced (SCORM 2004) attempt

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


# How often a commit starts over when a concurrent commit of the same SCO got in first (SQLite).
_ATTEMPTS = 5
# _try_commit's answer when a step of the commit needs the ORM session: start over with it.
_NEEDS_ORM = object()


def receive_commit(grant: LaunchGrant, request: CommitRequest) -> CommitReply:
    """Store one commit (see the module docstring); commits the transaction.

    Raises Forbidden, Conflict (closed attempt, unavailable module, no session) or
    ScormRejected.
    """
    if not grant.is_stored:
        _open_attempt(grant)
        return CommitReply(request.seq, None, True)
    uses_orm = request.finish
    for _ in range(_ATTEMPTS):
        transaction = CommitTransaction(uses_orm)
        try:
            reply = _try_commit(transaction, grant, request)
        finally:
            transaction.close()
        if reply is _NEEDS_ORM:
            uses_orm = True
        elif reply is not None:
            return reply
    raise Conflict("Other commits of this SCO kept arriving at the same time; send it again.")


def _target(connection, grant: LaunchGrant) -> CommitTarget:
    target = read_target(connection, grant.attempt_id, grant.item_identifier)
    if target is None:
        _open_attempt(grant)  # the attempt's own refusal comes first
        raise Conflict("No session of this SCO was started; launch it first.")
    if target.user_id != grant.user_id:
        raise Forbidden("This launch token does not belong to that attempt.")
    if target.attempt_state is not AttemptState.OPEN:
        raise Conflict("This attempt is closed; start a new one to record more.")
    if not target.is_available:
        raise Conflict("This module is no longer available.")
    return target


def _try_commit(transaction: CommitTransaction, grant: LaunchGrant,
                request: CommitRequest) -> CommitReply | None | object:
    """Store the commit; None when a concurrent commit of the SCO came first, _NEEDS_ORM when
    a step needs the ORM session (both: start over).

    Everything is computed before the writes, so the write transaction (under the SQLite
    write lock) is three or four statements long.
    """
    connection = transaction.connection
    target = _target(connection, grant)
    payload = {"changes": request.changes, "finish": request.finish}
    if request.seq <= target.last_seq:
        return _log_old_commit(transaction, target, request, payload)
    launch = commit_launch(target.package_version_id, grant.item_identifier, request.changes)
    result = apply_commit(target.scorm_version, target.state, request.changes, launch=launch)
    if not result.is_accepted:
        _reject(transaction, target, request, payload, result.rejection)
    summary = None
    if not request.finish and _changes_grading(target.state, result.state):
        summary = _new_summary(connection, target, result.state)
        if (summary is not None and satisfies(target.completion_rule, summary)
                and not transaction.uses_orm):
            return _NEEDS_ORM  # recording the completion is ORM work
    with transaction.writing():
        # adl.data writes go to their stores (Core, on this connection), not to the SCO state
        state = store_shared_data(
            connection, user_id=target.user_id, attempt_id=target.attempt_id,
            version_id=target.package_version_id, item_identifier=grant.item_identifier,
            applied=result.applied, state=result.state)
        if not store_state(connection, target, state, request.seq):
            transaction.rollback()
            return None
        append_log(connection, target, request.seq, payload, CommitOutcome.APPLIED)
        attempt_open = _after_state_stored(connection, target, request, summary)
        transaction.commit()
    return CommitReply(request.seq, CommitOutcome.APPLIED, attempt_open,
                       _is_sequenced(target))


def _after_state_stored(connection, target: CommitTarget, request: CommitRequest,
                        summary: AttemptSummary | None) -> bool:
    """What an applied commit changes besides its SCO state and log row, in the same
    transaction on ``connection``; whether the attempt stays open.

    The place for further per-commit steps: e.g. persisting ``adl.data`` writes goes before
    the finish step, and what the sequencer does when a session ends goes in
    ``_finish_session``. Each must stay cheap on a commit that does not finish (this runs
    under the SQLite write lock) and use ``connection`` (Core); a step that needs the ORM
    session must make ``receive_commit`` use it, as finishing does (``uses_orm``).
    """
    if request.finish:
        return _finish_session(target)
    if summary is not None:
        _store_summary(connection, target, summary)
    return True


def _log_old_commit(transaction: CommitTransaction, target: CommitTarget,
                    request: CommitRequest, payload: dict[str, Any]) -> CommitReply:
    """A replay or a stale commit: logged, nothing else changes."""
    outcome = CommitOutcome.REPLAY if request.seq == target.last_seq else CommitOutcome.STALE
    if outcome is CommitOutcome.STALE:
        log.info("stale commit %s < %s for SCO state %s ignored", request.seq,
                 target.last_seq, target.sco_id)
    with transaction.writing():
        append_log(transaction.connection, target, request.seq, payload, outcome)
        transaction.commit()
    return CommitReply(request.seq, outcome, True, _is_sequenced(target))


def _is_sequenced(target: CommitTarget) -> bool:
    """Whether the sequencer drives the attempt (its stored commits are in normal mode)."""
    return target.scorm_version == "2004" and is_sequenced(layout_for(target.package_version_id))


def _changes_grading(before: dict[str, str], after: dict[str, str]) -> bool:
    """Whether a status or score element changed (only then is the attempt regraded)."""
    return any(before.get(key) != value for key, value in after.items()
               if key.startswith(("cmi.core.lesson_status", "cmi.core.score", "cmi.completion_status",
                                  "cmi.success_status", "cmi.score")))


def _reject(transaction: CommitTransaction, target: CommitTarget, request: CommitRequest,
            payload: dict[str, Any], rejection) -> None:
    with transaction.writing():
        append_log(transaction.connection, target, request.seq, payload,
                   CommitOutcome.REJECTED, f"{rejection.element}: {rejection.code}")
        transaction.commit()
    raise ScormRejected(
        f"{rejection.element} was refused with SCORM error {rejection.code}; nothing was stored.",
        [{"field": rejection.element, "problem": rejection.diagnostic,
          "scorm_error": rejection.code}])


def _finish_session(target: CommitTarget) -> bool:
    """End the SCO's session on its stored state (ORM: rare); whether the attempt stays open."""
    attempt = db.session.get(Attempt, target.attempt_id)
    _after_progress(attempt, db.session.get(ScoState, target.sco_id), True)
    return attempt.state is AttemptState.OPEN


def _new_summary(connection, target: CommitTarget, state: dict[str, str]) -> AttemptSummary | None:
    """The attempt's summary with the SCO at ``state``; None when it stays the same."""
    scos = sco_count(target.package_version_id)
    others = other_sco_states(connection, target) if scos > 1 else []
    summary = attempt_summary(target.scorm_version, [state, *others], scos,
                              target.grading_method, target.min_score)
    if _is_sequenced(target):  # SCORM 2004: the rolled-up root decides (player/navigation.py)
        summary = rolled_up_summary(target.attempt_id, target.sco_id, state, summary)
    return None if summary == target.summary else summary


def _store_summary(connection, target: CommitTarget, summary: AttemptSummary) -> None:
    """Write the new summary; the local Completion too when the attempt now satisfies the rule."""
    store_summary(connection, target.attempt_id, summary)
    if satisfies(target.completion_rule, summary):
        record_local_completion(db.session.get(Module, target.module_id),
                                db.session.get(Attempt, target.attempt_id))


def _after_progress(attempt: Attempt, sco: ScoState, finish: bool) -> None:
    layout = package_layout(attempt.package_version)
    if finish and is_sequenced(layout):
        # SCORM 2004: the sequencer decides what follows the SCO, and its rollup the
        # attempt's summary (lms_bridge/player/navigation.py)
        after_terminate(attempt, sco, layout, db.session.get(User, attempt.user_id),
                        regrade_attempt)
        return
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
    before = AttemptSummary.of(attempt)
    summarize_attempt(attempt, layout.scorm_version, [s.state for s in scos], len(layout.scos),
                      settings.grading_method, module.min_score)
    attempt.total_seconds = sum(s.total_centis for s in scos) / 100
    if AttemptSummary.of(attempt) != before:
        record_local_completion(module, attempt)


def module_result(user_id: int, module_id: int) -> float | None:
    """The module's grade for the learner by its "which attempt counts" setting."""
    return module_grade(module_settings(module_id).attempts_count, attempts_of(user_id, module_id))
