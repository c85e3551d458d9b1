"""Launch tokens: what authenticates the runtime commits of one SCO in one attempt.

A token is signed with the app's SECRET_KEY (itsdangerous, own salt) and binds the learner, the
attempt, the SCO and the launch mode. It has no expiry of its own: it is valid exactly as long
as its attempt is open (checked on every commit), so an expired login session loses nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from flask import current_app
from flask_babel import gettext as _, lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer

from ..errors import Forbidden

_SALT = "lms-bridge.player.launch-token"
# Lazy: read in the language of the request that meets it (English in the commit entrance,
# which answers in front of Flask).
DEACTIVATED = _l("This account is deactivated: its launch tokens record nothing more.")


@dataclass(frozen=True)
class LaunchGrant:
    user_id: int
    attempt_id: int
    item_identifier: str
    mode: str  # scorm.runtime.Mode value: normal, review, browse

    @property
    def is_stored(self) -> bool:
        """Only normal-mode sessions are stored; review and browse are looked at, not recorded."""
        return self.mode == "normal"


def _serializer() -> URLSafeSerializer:
    return _serializer_for(current_app.config["SECRET_KEY"])


@lru_cache(maxsize=4)
def _serializer_for(secret_key: str) -> URLSafeSerializer:
    # Made once per key: every runtime commit reads a token.
    return URLSafeSerializer(secret_key, salt=_SALT)


def issue_launch_token(grant: LaunchGrant) -> str:
    return _serializer().dumps([grant.user_id, grant.attempt_id, grant.item_identifier, grant.mode])


def read_launch_token(token: object) -> LaunchGrant:
    """The grant a token carries; raises Forbidden when it is missing, forged or malformed."""
    if not isinstance(token, str) or not token:
        raise Forbidden(_("This runtime call carries no launch token."))
    return _verified_grant(current_app.config["SECRET_KEY"], token)


# A learner's SCO sends the same token with every commit: the grant of a token whose signature
# checked out is kept (a forged one raises, and exceptions are not cached). Keyed by the secret
# too, so a new key never accepts an old token. Bounded: one entry is a few hundred bytes.
@lru_cache(maxsize=8192)
def _verified_grant(secret_key: str, token: str) -> LaunchGrant:
    try:
        user_id, attempt_id, item_identifier, mode = _serializer_for(secret_key).loads(token)
    except (BadSignature, ValueError, TypeError):
        raise Forbidden(_("The launch token is not valid.")) from None
    return LaunchGrant(int(user_id), int(attempt_id), str(item_identifier), str(mode))
