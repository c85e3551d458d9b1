"""Changes to a person's account. Each one needs a reason and writes an audit event with the old
and the new value; the last active administrator can neither be deactivated nor lose the role.

Deactivating refuses the person at once everywhere: sign-in cookies (``accounts.sessions`` checks
``User.can_sign_in`` and the session version is bumped so a later reactivation does not revive
them), API tokens (revoked), and the player's launch tokens (the runtime refuses an account
that cannot sign in).
"""
from __future__ import annotations

from typing import Iterable

from flask_babel import gettext as _
from sqlalchemy import select, update

from ...db import db, utcnow
from ...errors import Conflict, InvalidInput, NotFound
from ..designations.queries import active_designations_of
from ..models import AccessStatus, Administration, ApiToken, Role, User, UserRole
from ..operations import end_sessions, record_audit
from ..permissions import Action, require


def get_person(actor: User, user_id: int) -> User:
    """The account ``actor`` may see: NotFound or Forbidden otherwise."""
    person = db.session.get(User, user_id)
    if person is None:
        raise NotFound(_("There is no person %(id)s.", id=user_id))
    require(actor, Action.VIEW_PERSON, person)
    return person


def _person_to_change(actor: User | None, user_id: int, reason: str) -> tuple[User, str]:
    """The person to change; ``actor`` None is the command line (the server's operator)."""
    if actor is not None:
        require(actor, Action.MANAGE_PEOPLE)
    person = db.session.get(User, user_id)
    if person is None:
        raise NotFound(_("There is no person %(id)s.", id=user_id))
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Give a reason for this change."),
                           [{"field": "reason", "problem": "required"}])
    return person, reason


def count_active_admins(excluding: int | None = None) -> int:
    """Administrators who can sign in. Their rows are locked (PostgreSQL) so that two admins
    removing each other at the same moment cannot both pass the last-admin check."""
    query = (select(User.id).join(UserRole)
             .where(UserRole.role == Role.ADMIN, User.active.is_(True),
                    User.access_status == AccessStatus.APPROVED).with_for_update())
    if excluding is not None:
        query = query.where(User.id != excluding)
    return len(list(db.session.scalars(query)))


def _refuse_if_last_admin(person: User, removing_role: bool) -> None:
    """Conflict when ``person`` is the last active administrator (being deactivated, or losing
    the role when ``removing_role``)."""
    if person.has_role(Role.ADMIN) and person.can_sign_in and count_active_admins(person.id) == 0:
        if removing_role:
            raise Conflict(_("%(name)s is the last active administrator: removing their "
                             "administrator role would leave nobody able to manage the site. "
                             "Give someone else the administrator role first.",
                             name=person.display_name))
        raise Conflict(_("%(name)s is the last active administrator: deactivating them would "
                         "leave nobody able to manage the site. Give someone else the "
                         "administrator role first.", name=person.display_name))


def deactivate(actor: User | None, user_id: int, reason: str) -> User:
    """Refuse the person's sessions, API tokens and launch tokens from now on."""
    person, reason = _person_to_change(actor, user_id, reason)
    if not person.active:
        raise Conflict(_("%(name)s is already deactivated.", name=person.display_name))
    _refuse_if_last_admin(person, removing_role=False)
    person.active = False
    end_sessions(person)
    revoked = db.session.execute(update(ApiToken).where(
        ApiToken.user_id == person.id, ApiToken.revoked_at.is_(None)).values(revoked_at=utcnow()))
    record_audit(actor, "user.deactivated", "user", person.id,
                 f"Deactivated {person.display_name} <{person.email}>", reason,
                 old={"active": True}, new={"active": False}, tokens_revoked=revoked.rowcount)
    db.session.commit()
    return person


def reactivate(actor: User | None, user_id: int, reason: str) -> User:
    """Let the person sign in again (with their password; their old API tokens stay revoked)."""
    person, reason = _person_to_change(actor, user_id, reason)
    if person.active:
        raise Conflict(_("%(name)s is already active.", name=person.display_name))
    person.active = True
    record_audit(actor, "user.reactivated", "user", person.id,
                 f"Reactivated {person.display_name} <{person.email}>", reason,
                 old={"active": False}, new={"active": True})
    db.session.commit()
    return person


def _role_values(roles: Iterable[Role]) -> list[str]:
    return sorted(role.value for role in roles)


def _check_new_roles(person: User, roles: set[Role]) -> None:
    """Refuse roles that would leave no admin, or that only a designation gives or takes."""
    if not roles:
        raise InvalidInput(_("Keep at least one role."),
                           [{"field": "roles", "problem": "required"}])
    if Role.ADMIN not in roles:
        _refuse_if_last_admin(person, removing_role=True)
    if Role.NATIONAL_COORDINATOR in roles - person.roles:
        raise InvalidInput(_("National coordinators are designated officially: record the "
                             "designation letter on the National coordinators page instead."),
                           [{"field": "roles", "problem": "designate instead"}])
    if Role.NATIONAL_COORDINATOR not in roles and active_designations_of(person.id):
        raise Conflict(_("%(name)s holds a designation as national coordinator: end the "
                         "designation instead (Designations page).", name=person.display_name))


def set_roles(actor: User | None, user_id: int, roles: Iterable[Role], reason: str) -> User:
    person, reason = _person_to_change(actor, user_id, reason)
    new, old = set(roles), person.roles
    _check_new_roles(person, new)
    if new == old:
        return person
    person.role_rows = [row for row in person.role_rows if row.role in new] + [
        UserRole(role=role) for role in sorted(new - old, key=lambda r: r.value)]
    end_sessions(person)  # pages already open must not keep powers the person lost
    record_audit(actor, "user.roles_changed", "user", person.id,
                 f"Changed the roles of {person.display_name} <{person.email}>", reason,
                 old=_role_values(old), new=_role_values(new))
    db.session.commit()
    return person


def set_administration(actor: User | None, user_id: int, administration_id: int | None,
                       reason: str) -> User:
    person, reason = _person_to_change(actor, user_id, reason)
    new = None
    if administration_id is not None:
        new = db.session.get(Administration, administration_id)
        if new is None:
            raise InvalidInput(_("Unknown administration."),
                               [{"field": "administration", "problem": "not found"}])
    if person.administration_id == administration_id:
        return person
    if active_designations_of(person.id):
        raise Conflict(_("%(name)s is the designated national coordinator of %(administration)s: "
                         "end that designation first.", name=person.display_name,
                         administration=person.administration.name))
    if person.has_role(Role.NATIONAL_COORDINATOR) and new is None:
        raise InvalidInput(_("A national coordinator needs an administration."),
                           [{"field": "administration", "problem": "required"}])
    old = person.administration
    person.administration_id, person.administration = administration_id, new
    record_audit(actor, "user.administration_changed", "user", person.id,
                 f"Moved {person.display_name} <{person.email}> from "
                 f"{old.name if old else 'no administration'} to "
                 f"{new.name if new else 'no administration'}", reason,
                 old=old.country_code if old else None, new=new.country_code if new else None)
    db.session.commit()
    return person
