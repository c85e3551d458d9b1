"""Small helpers shared by the experts operations (lookups that 404, one-field errors)."""
from __future__ import annotations

from sqlalchemy import select

from ...accounts.models import User
from ...db import db
from ...errors import InvalidInput, NotFound
from ...eligibility.notifications import national_coordinators_of, notify


def invalid(field: str, problem: str, message: str | None = None) -> InvalidInput:
    return InvalidInput(message or f"{field}: {problem}", [{"field": field, "problem": problem}])


def get_or_404(model, key, what: str):
    row = db.session.get(model, key)
    if row is None:
        raise NotFound(f"{what} {key} does not exist.")
    return row


def get_user(user_id: int) -> User:
    return get_or_404(User, user_id, "Person")


def tell_person_and_coordinators(person: User, subject: str, body: str) -> None:
    """Queue the message for the person and their administration's national coordinators."""
    notify(person.id, subject, body)
    if person.administration_id is not None:
        for coordinator_id in national_coordinators_of(person.administration_id):
            if coordinator_id != person.id:
                notify(coordinator_id, f"{person.display_name}: {subject}", body)


def users_with_ids(ids: list[int]) -> list[User]:
    return list(db.session.scalars(select(User).where(User.id.in_(ids)))) if ids else []
