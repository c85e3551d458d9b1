"""Account reads, already scoped to what the asking user may see."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..db import db
from ..errors import NotFound
from .models import (AccessRequest, AccessStatus, Administration, ApiToken, AuditEvent, Role,
                     User)


def administrations() -> list[Administration]:
    return list(db.session.scalars(select(Administration).order_by(Administration.region,
                                                                   Administration.name)))


def access_requests_for(actor: User, status: AccessStatus | None = AccessStatus.PENDING
                        ) -> list[AccessRequest]:
    """The queue the actor decides: their own administration's, or all for an admin."""
    query = select(AccessRequest).order_by(AccessRequest.created_at)
    if status is not None:
        query = query.where(AccessRequest.status == status)
    if not actor.has_role(Role.ADMIN):
        query = query.where(AccessRequest.administration_id == actor.administration_id)
    return list(db.session.scalars(query))


def audit_events(page: int = 1, per_page: int = 50) -> tuple[list[AuditEvent], int]:
    total = db.session.scalar(select(func.count(AuditEvent.id))) or 0
    rows = db.session.scalars(select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                              .limit(per_page).offset((page - 1) * per_page))
    return list(rows), total


def tokens_of(user: User) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.created_at.desc())))


def find_by_email(email: str) -> User:
    """The account with this e-mail (any case), for the command line; NotFound otherwise."""
    person = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if person is None:
        raise NotFound(_("No account has the e-mail %(email)s.", email=email.strip()))
    return person
