"""Sign-in sessions: what the session cookie names, and how every saved copy of it stops working.

The cookie is signed, not server-side, so deleting it at sign-out does nothing to a copy saved
elsewhere (another tab's jar, a stolen cookie). It holds ``User.get_id()``, which is Flask-Login's
alternative token ``<user id>.<session version>``; :func:`load_session_user` accepts it only while
the account can sign in and the stored ``User.session_version`` is the same.
``operations.end_sessions`` increments that version (signing out, a new password), which refuses
every cookie saved before, in every browser. A deactivated, pending or rejected account is refused
on its next request by ``User.can_sign_in``.
"""
from __future__ import annotations

from ..db import db
from ..security import login_manager
from .models import User

_LONGEST_NUMBER = 19  # digits of a 64-bit id: no longer number reaches the database


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= _LONGEST_NUMBER else None


def load_session_user(token: str) -> User | None:
    """The account a session cookie names, or None (signed out) when it no longer holds."""
    user_id, _, version = token.partition(".")
    user_id_number, version_number = _number(user_id), _number(version)
    if user_id_number is None or version_number is None:
        return None
    user = db.session.get(User, user_id_number)
    if user is None or not user.can_sign_in or user.session_version != version_number:
        return None
    return user


def init_sessions() -> None:
    """Make the accounts the users of Flask-Login's sessions (security knows no accounts)."""
    login_manager.user_loader(load_session_user)
