"""Small helpers shared by the experts operations (lookups that 404, one-field errors, messages
to people in their own language)."""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import force_locale, gettext as _, lazy_gettext as _l
from sqlalchemy import select

from ...accounts.models import User
from ...db import db
from ...errors import InvalidInput, NotFound
from ...eligibility.notifications import national_coordinators_of, notify
from ...i18n import DEFAULT_LANGUAGE

# Writes a message's (subject, body); called under each recipient's language in turn.
Compose = Callable[[], tuple[str, str]]


def invalid(field: str, problem: str, message: str | None = None) -> InvalidInput:
    """A 400 on one field; ``problem`` (and ``message``) already in the reader's language."""
    return InvalidInput(message or _("%(field)s: %(problem)s", field=field, problem=problem),
                        [{"field": field, "problem": problem}])


def get_or_404(model, key, what: str):
    """The row of ``model`` with ``key``; ``what`` names it in the 404 (a lazy string)."""
    row = db.session.get(model, key)
    if row is None:
        raise NotFound(_("%(what)s %(key)s does not exist.", what=what, key=key))
    return row


def get_user(user_id: int) -> User:
    return get_or_404(User, user_id, _l("Person"))


def tell(recipient: User, compose: Compose, about: User | None = None) -> None:
    """Queue the message ``compose`` writes, in the recipient's language; ``about`` (someone
    else) puts that person's name before the subject."""
    with force_locale(recipient.preferred_language or DEFAULT_LANGUAGE):
        subject, body = compose()
        if about is not None:
            subject = _("%(name)s: %(subject)s", name=about.display_name, subject=subject)
        notify(recipient.id, subject, body)


def tell_person_and_coordinators(person: User, compose: Compose) -> None:
    """Queue the message for the person and their administration's national coordinators,
    each in their own language."""
    tell(person, compose)
    if person.administration_id is not None:
        others = [i for i in national_coordinators_of(person.administration_id) if i != person.id]
        for coordinator in users_with_ids(others):
            tell(coordinator, compose, about=person)


def users_with_ids(ids: list[int]) -> list[User]:
    return list(db.session.scalars(select(User).where(User.id.in_(ids)))) if ids else []
