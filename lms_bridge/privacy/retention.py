"""The retention rule: accounts with no sign-in and no activity for ``RETENTION_YEARS`` years are
erased (never an administrator, never someone with an open attempt). Off when the setting is 0."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from ..accounts.models import ApiToken, Role, User, UserRole
from ..db import db, utcnow
from ..eligibility.models import Application
from ..errors import LmsBridgeError
from ..player.models import Attempt
from ..tracking.models import Completion
from .models import Erasure, LastSignIn
from .operations import erase

log = logging.getLogger(__name__)
DAYS_PER_YEAR = 365.25


def _activity_columns():
    """(column, user column) pairs whose latest value per person is a sign of activity."""
    return ((LastSignIn.at, LastSignIn.user_id), (Attempt.started_at, Attempt.user_id),
            (Application.created_at, Application.user_id),
            (Application.submitted_at, Application.user_id),
            (ApiToken.last_used_at, ApiToken.user_id),
            # a completion recorded from any source, a sync included: still learning elsewhere
            (Completion.updated_at, Completion.user_id))


def inactive_people(cutoff: datetime) -> list[int]:
    """Non-admin, not yet erased accounts created before ``cutoff`` with no activity since."""
    admins = select(UserRole.user_id).where(UserRole.role == Role.ADMIN)
    erased = select(Erasure.user_id)
    query = select(User.id).where(User.created_at < cutoff, User.id.not_in(admins),
                                  User.id.not_in(erased))
    for column, user_column in _activity_columns():
        recent = select(user_column).where(column >= cutoff)
        query = query.where(User.id.not_in(recent))
    return list(db.session.scalars(query.order_by(User.id)))


def apply_retention(years: int, now: datetime | None = None) -> list[int]:
    """Erase every account inactive for ``years`` years; returns the ids erased."""
    if years <= 0:
        return []
    cutoff = (now or utcnow()) - timedelta(days=years * DAYS_PER_YEAR)
    erased = []
    for user_id in inactive_people(cutoff):
        reason = f"retention rule: no sign-in or activity for {years} years"
        try:
            erase(None, user_id, reason)
        except LmsBridgeError as exc:  # an open attempt: tried again at the next run
            db.session.rollback()
            log.warning("retention: person %s not erased: %s", user_id, exc.message)
            continue
        log.info("retention: erased person %s (%s)", user_id, reason)
        erased.append(user_id)
    return erased
