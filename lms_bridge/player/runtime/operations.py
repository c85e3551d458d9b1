"""Storing one runtime commit from the browser adapter, in one transaction.

Order: the token's attempt must belong to its learner, be open (else 409) and its module must
still have a published version (else 409). The SCO's state is read with all of that in one
SELECT (``commit_rows``: locked on PostgreSQL, guarded by its sequence number on SQLite); then
``planning.plan_commit`` decides, writing nothing: the same number again is a replay, a lower
one is stale (both change nothing and are logged); a higher one is re-validated with
``scorm.runtime.apply_commit`` and either stored whole or refused whole with the SCORM error
code (422, nothing stored, the number not used up). Every commit received is appended to
``player_commit_log`` with its outcome. The attempt is regraded when a commit changes a status
or score element, and its session ended (session time added once, the sequencer told, the
attempt maybe closed) only on a finishing commit.

The write transaction is short: everything is computed before it (under the SQLite write lock
it is three or four statements). It runs on a Core connection of its own, or on the ORM
session's when the plan needs the ORM (``CommitPlan.needs_orm``). When another commit of the
same SCO got in between the read and the write, ``ConcurrentCommit`` starts the commit over.
"""
from __future__ import annotations

import logging

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from ...accounts.models import User
from ...catalog.models import Module, PackageVersion, VersionState
from ...catalog.settings import module_settings
from ...db import db
from ...errors import Conflict, Forbidden, LmsBridgeError
from ..attempts import close_attempt
from ..grading import AttemptSummary, attempt_summary, record_local_completion, summarize_attempt
from ..models import Attempt, AttemptState, CommitOutcome, ScoState
from ..package import layout_for, package_layout, sco_count
from ..sequencing.operations import after_terminate
from ..sequencing.summary import rolled_up_summary
from ..sequencing.runs import has_run, is_sequenced
from ..sessions import end_session
from ..shared_data.operations import commit_launch, store_shared_data
from ..tokens import DEACTIVATED, LaunchGrant
from .commit_rows import (
    CommitTransaction, append_log, other_sco_states, read_target, store_state, store_summary,
)
from .planning import CommitPlan, CommitReply, CommitRequest, CommitTarget, plan_commit

log = logging.getLogger(__name__)

# How often a commit starts over when concurrent commits of the same SCO keep getting in first.
_ATTEMPTS = 5


class ScormRejected(LmsBridgeError):
    """A commit holds a write that SetValue refuses; details name the element and SCORM code."""

    status, code = 422, "scorm_rejected"


class ConcurrentCommit(Exception):
    """Another commit of the same SCO was stored between this one's read and its write."""


def receive_commit(grant: LaunchGrant, request: CommitRequest) -> CommitReply:
    """Store one commit (see the module docstring); commits the transaction.

    Raises Forbidden, Conflict (closed attempt, unavailable module, no session, concurrent
    commits that kept getting in first) or ScormRejected.
    """
    if not grant.is_stored:
        _open_attempt(grant)
        return CommitReply(request.seq, None, True)
    for _ in range(_ATTEMPTS):
        try:
            return _commit_once(grant, request)
        except ConcurrentCommit:
            continue
    raise Conflict("Other commits of this SCO kept arriving at the same time; send it again.")


def _commit_once(grant: LaunchGrant, request: CommitRequest) -> CommitReply:
    """Read, plan, write; raises ConcurrentCommit when the SCO changed in between."""
    transaction = CommitTransaction(uses_orm=request.finish)
    try:
        target = _target(transaction.connection, grant)
        launch = commit_launch(target.package_version_id, grant.item_identifier, request.changes)
        plan = plan_commit(target, request, launch)
        if plan.regrades:
            plan = plan.with_summary(_new_summary(transaction.connection, target, plan.state),
                                     target)
        if plan.needs_orm and not transaction.uses_orm:
            # Give the Core connection (and a PostgreSQL row lock) back first; the guarded
            # UPDATE keeps the write safe without reading again (commit_rows' docstring).
            transaction.close()
            transaction = CommitTransaction(uses_orm=True)
        return _carry_out(transaction, target, grant, request, plan)
    finally:
        transaction.close()


def _carry_out(transaction: CommitTransaction, target: CommitTarget, grant: LaunchGrant,
               request: CommitRequest, plan: CommitPlan) -> CommitReply:
    """Write what ``plan`` says in one transaction; raises ScormRejected after logging a
    refusal, ConcurrentCommit when the SCO changed since it was read."""
    connection = transaction.connection
    attempt_open = True
    with transaction.writing():
        if plan.outcome is CommitOutcome.APPLIED:
            # adl.data writes go to their stores (Core, on this connection), not the SCO state
            state = store_shared_data(
                connection, user_id=target.user_id, attempt_id=target.attempt_id,
                version_id=target.package_version_id, item_identifier=grant.item_identifier,
                applied=plan.applied, state=plan.state)
            if not store_state(connection, target, state, request.seq):
                raise ConcurrentCommit()
            attempt_open = _after_state_stored(connection, target, plan)
        append_log(connection, target, request.seq, request.log_payload(), plan.outcome,
                   plan.note)
        transaction.commit()
    if plan.outcome is CommitOutcome.REJECTED:
        raise _rejected(plan.rejection)
    if plan.outcome is CommitOutcome.STALE:
        log.info("stale commit %s < %s for SCO state %s ignored", request.seq,
                 target.last_seq, target.sco_id)
    return CommitReply(request.seq, plan.outcome, attempt_open, _is_sequenced(target))


def _after_state_stored(connection, target: CommitTarget, plan: CommitPlan) -> bool:
    """What an applied commit changes besides its SCO state and log row, in the same
    transaction; whether the attempt stays open. Cheap unless the plan needs the ORM."""
    if plan.finishes:
        return _finish_session(target)
    if plan.summary is not None:
        store_summary(connection, target.attempt_id, plan.summary)
        if plan.records_completion:
            record_local_completion(db.session.get(Module, target.module_id),
                                    db.session.get(Attempt, target.attempt_id))
    return True


def _rejected(rejection) -> ScormRejected:
    return ScormRejected(
        f"{rejection.element} was refused with SCORM error {rejection.code}; nothing was stored.",
        [{"field": rejection.element, "problem": rejection.diagnostic,
          "scorm_error": rejection.code}])


def _open_attempt(grant: LaunchGrant) -> tuple[Attempt, str]:
    """The attempt and its SCORM version ("1.2" / "2004"), in one query."""
    published = aliased(PackageVersion)
    available = exists().where(published.module_id == Attempt.module_id,
                               published.state == VersionState.PUBLISHED)
    row = db.session.execute(
        select(Attempt, PackageVersion.scorm_version, User.active, available.label("available"))
        .join(PackageVersion, PackageVersion.id == Attempt.package_version_id)
        .join(User, User.id == Attempt.user_id)
        .where(Attempt.id == grant.attempt_id)).first()
    if row is None or row.Attempt.user_id != grant.user_id:
        raise Forbidden("This launch token does not belong to that attempt.")
    if not row.active:
        raise Forbidden(DEACTIVATED)
    if row.Attempt.state is not AttemptState.OPEN:
        raise Conflict("This attempt is closed; start a new one to record more.")
    if not row.available:
        raise Conflict("This module is no longer available.")
    return row.Attempt, "1.2" if row.scorm_version == "1.2" else "2004"


def _target(connection, grant: LaunchGrant) -> CommitTarget:
    target = read_target(connection, grant.attempt_id, grant.item_identifier)
    if target is None:
        _open_attempt(grant)  # the attempt's own refusal comes first
        raise Conflict("No session of this SCO was started; launch it first.")
    if target.user_id != grant.user_id:
        raise Forbidden("This launch token does not belong to that attempt.")
    if not target.is_learner_active:
        raise Forbidden(DEACTIVATED)
    if target.attempt_state is not AttemptState.OPEN:
        raise Conflict("This attempt is closed; start a new one to record more.")
    if not target.is_available:
        raise Conflict("This module is no longer available.")
    return target


def _is_sequenced(target: CommitTarget) -> bool:
    """Whether the sequencer drives the attempt (its stored commits are in normal mode)."""
    return target.scorm_version == "2004" and is_sequenced(layout_for(target.package_version_id))


def _new_summary(connection, target: CommitTarget, state: dict[str, str]) -> AttemptSummary:
    """The attempt's summary with the SCO at ``state``."""
    scos = sco_count(target.package_version_id)
    others = other_sco_states(connection, target) if scos > 1 else []
    summary = attempt_summary(target.scorm_version, [state, *others], scos,
                              target.grading_method, target.min_score)
    if _is_sequenced(target):  # SCORM 2004: the rolled-up root decides
        summary = rolled_up_summary(target.attempt_id, target.sco_id, state, summary)
    return summary


def _finish_session(target: CommitTarget) -> bool:
    """End the SCO's session on its stored state (ORM: rare), regrade the attempt, then let the
    sequencer (if it drives the attempt) decide what follows; whether the attempt stays open."""
    attempt = db.session.get(Attempt, target.attempt_id)
    sco = db.session.get(ScoState, target.sco_id)
    layout = package_layout(attempt.package_version)
    stored = dict(sco.state)
    ended_by_exit = end_session(attempt, sco, layout, db.session.get(User, attempt.user_id))
    regrade_attempt(attempt, layout)
    if is_sequenced(layout) and has_run(attempt):
        after_terminate(attempt, sco, stored, ended_by_exit)
    elif ended_by_exit:
        close_attempt(attempt)
    return attempt.state is AttemptState.OPEN


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
