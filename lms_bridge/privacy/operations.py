"""Erasing a person on request (or by the retention rule), keeping the numbers and the audit
trail consistent.

What goes: their name and e-mail (replaced by a pseudonym and a non-deliverable placeholder),
their password, sessions and API tokens, their SCORM data (runtime state, commit log, shared
data, sequencing sessions, global objectives), the free text and self-declarations of their
applications and access requests, their notifications, their sync links and the identifiers in
their completions' provenance, their national coordinator designations. What stays: the account
row (deactivated), their attempts' grading summary, completions and application statuses and
ratings (so report counts, matrices and scores still add up), and the audit trail, where their name and e-mail become the pseudonym.
A one-way fingerprint of every identifier that matched them is kept (``accounts.erased``) so a
later sync records nothing about them.

Erasure is refused while the person has an open attempt: a module in progress would otherwise
write new SCORM data after the erasure. Close (or let them finish) the attempt first.
"""
from __future__ import annotations

import hashlib
import secrets

from typing import Any

from flask_babel import gettext as _, ngettext
from sqlalchemy import delete, func, select, update

from ..accounts.designations.queries import active_designations_of
from ..accounts.erased import IDENTIFIER_KINDS, remember_erased
from ..accounts.models import (AccessRequest, ApiToken, AuditEvent, LoginThrottle, Role,
                               User)
from ..accounts.operations import end_sessions, normalize_email, record_audit
from ..passwords.models import PasswordReset
from ..accounts.people.operations import count_active_admins
from ..accounts.permissions import Action, require
from ..db import db, utcnow
from ..eligibility.models import Application, ApplicationEvent, Notification
from ..errors import Conflict, InvalidInput, NotFound
from ..player.models import Attempt, AttemptState, CommitLog, ScoState
from ..player.sequencing.models import GlobalObjectiveRecord, SequencingSession
from ..player.shared_data.models import AttemptSharedData, SystemSharedData
from ..syncing.models import PersonLink, UnmatchedPerson
from ..tracking.models import Completion, CompletionObservation
from .models import Erasure

ERASED_DOMAIN = "erased.invalid"  # RFC 2606: mail to it can never be delivered
UNUSABLE_PASSWORD = "!erased"  # no hash method has this form: every password check fails


def _person_to_erase(actor: User | None, user_id: int, reason: str) -> tuple[User, str]:
    if actor is not None:
        require(actor, Action.MANAGE_PEOPLE)
    # Locked (PostgreSQL) so that two erasures of one person, or an erasure and a sign-in
    # change, do not interleave. The lock takes the bare row: loading the User with its joined
    # relationships FOR UPDATE is refused by PostgreSQL (an outer join's nullable side).
    locked = db.session.scalar(select(User.id).where(User.id == user_id).with_for_update())
    person = db.session.get(User, user_id) if locked is not None else None
    if person is None:
        raise NotFound(_("There is no person %(id)s.", id=user_id))
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Give a reason for the erasure."),
                           [{"field": "reason", "problem": "required"}])
    if db.session.get(Erasure, person.id) is not None:
        raise Conflict(_("%(name)s was already erased.", name=person.display_name))
    return person, reason


def _refuse_unsafe(person: User) -> None:
    if person.has_role(Role.ADMIN) and person.can_sign_in and count_active_admins(person.id) == 0:
        raise Conflict(_("%(name)s is the last active administrator: erasing them would leave "
                         "nobody able to manage the site. Give someone else the administrator "
                         "role first.", name=person.display_name))
    open_attempts = db.session.scalar(select(func.count()).select_from(Attempt).where(
        Attempt.user_id == person.id, Attempt.state == AttemptState.OPEN))
    if open_attempts:
        raise Conflict(ngettext(
            "%(name)s has %(num)d module attempt still open: erasure waits until it is closed, "
            "so that no SCORM data is written after it.",
            "%(name)s has %(num)d module attempts still open: erasure waits until they are "
            "closed, so that no SCORM data is written after it.", open_attempts,
            name=person.display_name))


def pseudonym_for(user_id: int) -> str:
    return "Erased person " + hashlib.sha256(
        f"{user_id}:{secrets.token_hex(8)}".encode()).hexdigest()[:8]


def erase(actor: User | None, user_id: int, reason: str) -> Erasure:
    """Erase the person (see the module's docstring); ``actor`` None is the command line or the
    retention job. Commits; raises Conflict for the last admin or an open attempt."""
    person, reason = _person_to_erase(actor, user_id, reason)
    _refuse_unsafe(person)
    old_name, old_email = person.display_name, person.email
    pseudonym = pseudonym_for(person.id)
    remembered = remember_erased(_identifiers(person))
    counts = {"scorm_rows_deleted": _delete_scorm_data(person.id),
              "applications_cleared": _clear_applications(person.id),
              "designations_ended": _end_designations(actor, person),
              **_forget_sync_and_mail(person.id, old_email)}
    _rename_in_audit_trail(person.id, (old_name, old_email), pseudonym)
    _anonymise_account(person, pseudonym)
    erasure = Erasure(user_id=person.id, pseudonym=pseudonym, reason=reason)
    db.session.add(erasure)
    record_audit(actor, "user.erased", "user", person.id, f"Erased {pseudonym}", reason,
                 identifiers_remembered=remembered, **counts)
    db.session.commit()
    return erasure


def _end_designations(actor: User | None, person: User) -> int:
    """An erased person is nobody's national coordinator any more (learners see who theirs is)."""
    designations = active_designations_of(person.id)
    for designation in designations:
        designation.ended_at, designation.end_reason = utcnow(), "the person was erased"
        designation.ended_by_id = actor.id if actor else None
    if designations:
        person.role_rows = [r for r in person.role_rows if r.role is not Role.NATIONAL_COORDINATOR]
    return len(designations)


def _identifiers(person: User) -> set[tuple[str, str]]:
    """Every identifier that matched the person: their e-mail, their sync links' identities and
    the remote person of each completion recorded from a sync source."""
    found = {("email", normalize_email(person.email))}
    for identity in db.session.scalars(select(PersonLink.identity)
                                       .where(PersonLink.user_id == person.id)):
        kind, _, value = identity.partition(":")
        kinds = IDENTIFIER_KINDS if kind not in IDENTIFIER_KINDS else (kind,)
        found |= {(k, value) for k in kinds}
    for provenance in _provenances(person.id):
        remote = (provenance or {}).get("person") or {}
        found |= {(k, str(remote[k])) for k in IDENTIFIER_KINDS if remote.get(k)}
    return found


def _provenances(user_id: int) -> list[Any]:
    completions = select(Completion.id).where(Completion.user_id == user_id)
    return [*db.session.scalars(select(Completion.provenance).where(Completion.user_id == user_id)),
            *db.session.scalars(select(CompletionObservation.provenance).where(
                CompletionObservation.completion_id.in_(completions)))]


def _delete_scorm_data(user_id: int) -> int:
    attempts = select(Attempt.id).where(Attempt.user_id == user_id)
    deleted = 0
    for model, condition in ((CommitLog, CommitLog.attempt_id.in_(attempts)),
                             (ScoState, ScoState.attempt_id.in_(attempts)),
                             (AttemptSharedData, AttemptSharedData.attempt_id.in_(attempts)),
                             (SequencingSession, SequencingSession.attempt_id.in_(attempts)),
                             (SystemSharedData, SystemSharedData.user_id == user_id),
                             (GlobalObjectiveRecord, GlobalObjectiveRecord.user_id == user_id)):
        deleted += db.session.execute(delete(model).where(condition)).rowcount or 0
    return deleted


def _clear_applications(user_id: int) -> int:
    """Free text and self-declarations go; status, ratings and verdicts stay (scores add up)."""
    applications = list(db.session.scalars(select(Application).where(
        Application.user_id == user_id)))
    for application in applications:
        application.motivation = ""
        application.good_health = None
        application.criteria = {name: {"rating": entry.get("rating", 0), "note": ""}
                                for name, entry in (application.criteria or {}).items()}
    db.session.execute(update(AccessRequest).where(AccessRequest.user_id == user_id)
                       .values(job_title="", message=""))
    # what they wrote themselves when moving their application (a withdrawal's reason)
    db.session.execute(update(ApplicationEvent).where(
        ApplicationEvent.actor_id == user_id,
        ApplicationEvent.application_id.in_(select(Application.id).where(
            Application.user_id == user_id))).values(reason=""))
    return len(applications)


def _forget_sync_and_mail(user_id: int, email: str) -> dict[str, int]:
    identities = select(PersonLink.identity).where(PersonLink.user_id == user_id)
    unmatched = db.session.execute(delete(UnmatchedPerson).where(
        UnmatchedPerson.identity.in_(identities)
        | (func.lower(UnmatchedPerson.email) == normalize_email(email)))).rowcount
    links = db.session.execute(delete(PersonLink).where(PersonLink.user_id == user_id)).rowcount
    for completion in db.session.scalars(select(Completion).where(Completion.user_id == user_id)):
        completion.provenance = _without_person(completion.provenance)
        for observation in db.session.scalars(select(CompletionObservation).where(
                CompletionObservation.completion_id == completion.id)):
            observation.provenance = _without_person(observation.provenance)
    mails = db.session.execute(delete(Notification).where(Notification.user_id == user_id)).rowcount
    db.session.execute(delete(PasswordReset).where(PasswordReset.user_id == user_id))
    # failed sign-ins are counted under the e-mail typed (accounts.operations' throttle keys)
    db.session.execute(delete(LoginThrottle).where(
        func.lower(LoginThrottle.key) == "email:" + normalize_email(email)))
    return {"sync_links_deleted": links or 0, "unmatched_rows_deleted": unmatched or 0,
            "notifications_deleted": mails or 0}


def _without_person(provenance: Any) -> Any:
    if not isinstance(provenance, dict):
        return provenance
    return {k: v for k, v in provenance.items() if k not in ("person", "raw")}


def _rename_in_audit_trail(user_id: int, old: tuple[str, str], pseudonym: str) -> None:
    """Events about the person keep what happened, with the pseudonym instead of who."""
    for event in db.session.scalars(select(AuditEvent).where(
            AuditEvent.target_type == "user", AuditEvent.target_id == str(user_id))):
        summary = event.summary
        for text in old:
            if text:
                summary = summary.replace(text, pseudonym)
        event.summary = summary


def _anonymise_account(person: User, pseudonym: str) -> None:
    person.display_name = pseudonym
    person.email = f"erased-{person.id}-{secrets.token_hex(6)}@{ERASED_DOMAIN}"
    person.password_hash = UNUSABLE_PASSWORD
    person.active = False
    end_sessions(person)
    db.session.execute(update(ApiToken).where(
        ApiToken.user_id == person.id, ApiToken.revoked_at.is_(None)).values(revoked_at=utcnow()))
