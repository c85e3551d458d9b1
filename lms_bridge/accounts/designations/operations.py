"""Designating national coordinators, ending and replacing designations.

A person holds the national coordinator role while they hold at least one active designation:
designating gives the role, ending their last designation takes it away (and ends their
sessions, so that open pages lose the powers at once). Every change writes an audit event.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from ...db import db, utcnow
from ...errors import Conflict, InvalidInput, NotFound
from ..models import Administration, Role, User, UserRole
from ..operations import end_sessions, record_audit
from ..permissions import Action, require
from .models import Designation
from .queries import active_designations_of


def _required(value: str, field: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise InvalidInput(message, [{"field": field, "problem": "required"}])
    return value


def _check_letter_date(letter_date: date) -> None:
    if letter_date > utcnow().date():
        raise InvalidInput(_("The letter's date cannot be in the future."),
                           [{"field": "letter_date", "problem": "in the future"}])


def _designee(user_id: int, administration: Administration) -> User:
    person = db.session.get(User, user_id)
    if person is None:
        raise InvalidInput(_("There is no person %(id)s.", id=user_id),
                           [{"field": "user", "problem": "not found"}])
    if not person.can_sign_in:
        raise Conflict(_("The account of %(name)s cannot sign in (deactivated or not "
                         "approved): reactivate it first.", name=person.display_name))
    if person.administration_id not in (None, administration.id):
        raise Conflict(_("%(name)s belongs to %(administration)s, not %(other)s: change their "
                         "administration first.", name=person.display_name,
                         administration=person.administration.name, other=administration.name))
    if any(d.administration_id == administration.id for d in active_designations_of(person.id)):
        raise Conflict(_("%(name)s is already designated for %(administration)s.",
                         name=person.display_name, administration=administration.name))
    return person


def designate(actor: User | None, user_id: int, administration_id: int, reference: str,
              letter_date: date) -> Designation:
    """Record an official designation (``actor`` None: the command line); the caller's
    transaction is committed."""
    if actor is not None:
        require(actor, Action.MANAGE_DESIGNATIONS)
    administration = db.session.get(Administration, administration_id)
    if administration is None:
        raise InvalidInput(_("Unknown administration."),
                           [{"field": "administration", "problem": "not found"}])
    reference = _required(reference, "reference",
                          _("Give the reference of the designation letter or note."))
    _check_letter_date(letter_date)
    person = _designee(user_id, administration)
    designation = _add(actor, person, administration, reference, letter_date)
    db.session.commit()
    return designation


def _add(actor: User | None, person: User, administration: Administration, reference: str,
         letter_date: date) -> Designation:
    person.administration_id, person.administration = administration.id, administration
    if not person.has_role(Role.NATIONAL_COORDINATOR):
        person.role_rows.append(UserRole(role=Role.NATIONAL_COORDINATOR))
    designation = Designation(user_id=person.id, administration_id=administration.id,
                              reference=reference, letter_date=letter_date,
                              recorded_by_id=actor.id if actor else None, recorded_at=utcnow())
    db.session.add(designation)
    db.session.flush()
    record_audit(actor, "designation.recorded", "user", person.id,
                 f"Designated {person.display_name} <{person.email}> national coordinator of "
                 f"{administration.name} (reference {reference}, {letter_date.isoformat()})",
                 designation_id=designation.id, reference=reference,
                 letter_date=letter_date.isoformat(), administration=administration.country_code)
    return designation


def _active(designation_id: int) -> Designation:
    designation = db.session.get(Designation, designation_id)
    if designation is None:
        raise NotFound(_("There is no designation %(id)s.", id=designation_id))
    if not designation.is_active:
        raise Conflict(_("This designation has already ended."))
    return designation


def _end(actor: User | None, designation: Designation, reason: str) -> bool:
    """End one designation; True when it was the person's last (their role is removed)."""
    designation.ended_at, designation.end_reason = utcnow(), reason
    designation.ended_by_id = actor.id if actor else None
    person = designation.user
    db.session.flush()
    last = not active_designations_of(person.id)
    if last:
        person.role_rows = [r for r in person.role_rows if r.role is not Role.NATIONAL_COORDINATOR]
        end_sessions(person)
    record_audit(actor, "designation.ended", "user", person.id,
                 f"Ended the designation of {person.display_name} <{person.email}> as national "
                 f"coordinator of {designation.administration.name}"
                 + (" (no longer a national coordinator)" if last else ""), reason,
                 designation_id=designation.id, role_removed=last)
    return last


def end_designation(actor: User | None, designation_id: int, reason: str) -> bool:
    """End a designation with a reason; True when the person lost the national coordinator role."""
    if actor is not None:
        require(actor, Action.MANAGE_DESIGNATIONS)
    designation = _active(designation_id)
    reason = _required(reason, "reason", _("Give a reason for ending the designation."))
    last = _end(actor, designation, reason)
    db.session.commit()
    return last


def replace_designation(actor: User | None, designation_id: int, user_id: int, reference: str,
                        letter_date: date, reason: str) -> Designation:
    """End a designation and designate someone else for the same administration, at once."""
    if actor is not None:
        require(actor, Action.MANAGE_DESIGNATIONS)
    old = _active(designation_id)
    reason = _required(reason, "reason", _("Give a reason for replacing the designation."))
    reference = _required(reference, "reference",
                          _("Give the reference of the new designation letter or note."))
    _check_letter_date(letter_date)
    if user_id == old.user_id:
        raise InvalidInput(_("Choose another person: this one already holds the designation."),
                           [{"field": "user", "problem": "same person"}])
    person = _designee(user_id, old.administration)
    _end(actor, old, reason)
    new = _add(actor, person, old.administration, reference, letter_date)
    db.session.commit()
    return new
