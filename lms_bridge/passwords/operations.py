"""Password reset by a one-time e-mailed link, and the signed-in change.

The link carries a random token; only its SHA-256 is stored, so a copy of the database opens
no account. A link works once and for ``RESET_LIFETIME``; asking for one answers the same
whether the e-mail is known or not (no account enumeration), and a new link cancels the older
ones. The message goes through the notification outbox (``eligibility.notifications``): sent by
SMTP when configured, otherwise read by administrators on the Outbox page. Setting a new
password ends every session of the account signed in before (``operations.set_password``).
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask_babel import force_locale, gettext as _
from sqlalchemy import select, update
from werkzeug.security import check_password_hash

from ..db import db, utcnow
from ..eligibility.notifications import deliver_outbox, notify
from ..errors import InvalidInput
from ..accounts.models import User
from ..accounts.operations import normalize_email, record_audit, set_password
from ..accounts.permissions import Action, require
from .models import PasswordReset

RESET_LIFETIME = timedelta(hours=1)


class ResetLinkInvalid(InvalidInput):
    """The link is unknown, used or expired (one message for all: it says nothing more)."""

    def __init__(self) -> None:
        super().__init__(_("This password reset link is no longer valid: links work once and "
                           "for one hour. Ask for a new one."),
                         [{"field": "token", "problem": "invalid"}])


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def request_reset(email: str, link_for) -> None:
    """Queue a reset link for the account with this e-mail, if there is one that can sign in.

    ``link_for(token)`` makes the absolute URL of the reset page (the web edge knows the host).
    Returns nothing either way, so the caller cannot tell the two cases apart.
    """
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    if user is None or not user.can_sign_in:
        return
    now = utcnow()
    db.session.execute(update(PasswordReset).where(
        PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now))  # only the newest link works
    token = secrets.token_urlsafe(32)
    db.session.add(PasswordReset(user_id=user.id, token_hash=_hash(token), created_at=now,
                                 expires_at=now + RESET_LIFETIME))
    _queue_reset_mail(user, link_for(token))
    # no actor: whoever asked is not signed in (it may not be the account's owner)
    record_audit(None, "password.reset_requested", "user", user.id,
                 f"A password reset link was sent to {user.email}")
    db.session.commit()
    deliver_outbox()


def _queue_reset_mail(user: User, link: str) -> None:
    """The reset message, in the account's language (whoever asked may read another)."""
    with force_locale(user.preferred_language or "en"):
        notify(user.id, _("Reset your LMS Bridge password"), _(
            "Hello %(name)s,\n\nSomeone (we hope you) asked to reset the password of your LMS "
            "Bridge account. Open this link within one hour to choose a new one:\n\n%(link)s\n\n"
            "The link works once. If you did not ask, ignore this message: your password stays "
            "the same.", name=user.display_name, link=link))


def _valid_reset(token: str) -> PasswordReset:
    reset = db.session.scalar(select(PasswordReset).where(PasswordReset.token_hash == _hash(token)))
    if reset is None or reset.used_at is not None or reset.expires_at <= utcnow():
        raise ResetLinkInvalid()
    if not reset.user.can_sign_in:
        raise ResetLinkInvalid()
    return reset


def check_reset_link(token: str) -> User:
    """The account a reset link is for; ResetLinkInvalid when it cannot be used."""
    return _valid_reset(token).user


def reset_password(token: str, password: str) -> User:
    """Use a reset link once: set the password and end every session of the account."""
    reset = _valid_reset(token)
    # Marked used in the same UPDATE that checks it is unused, so two uses racing cannot both win.
    claimed = db.session.execute(update(PasswordReset).where(
        PasswordReset.id == reset.id, PasswordReset.used_at.is_(None)).values(used_at=utcnow()))
    if claimed.rowcount != 1:
        db.session.rollback()
        raise ResetLinkInvalid()
    user = reset.user
    set_password(user, password)
    record_audit(user, "password.reset", "user", user.id,
                 f"{user.email} set a new password with a reset link; every session ended")
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str) -> None:
    """A signed-in change: the current password is required; other sessions end."""
    require(user, Action.CHANGE_OWN_PASSWORD)
    if not check_password_hash(user.password_hash, current):
        raise InvalidInput(_("The current password is not right."),
                           [{"field": "current_password", "problem": "wrong"}])
    if new == current:
        raise InvalidInput(_("Choose a password different from the current one."),
                           [{"field": "new_password", "problem": "unchanged"}])
    try:
        set_password(user, new)
    except InvalidInput as exc:
        raise InvalidInput(exc.message, [{"field": "new_password", "problem": "too short"}]) from None
    record_audit(user, "password.changed", "user", user.id,
                 f"{user.email} changed their password; other sessions ended")
    db.session.commit()
