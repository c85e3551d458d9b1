"""Source credentials at rest: Fernet-encrypted with a key derived from the app's SECRET_KEY.

Credentials are write-only: an admin sets or replaces them, nothing ever shows them back. A
credential that no longer decrypts (the secret key changed) makes the source need attention
instead of failing obscurely: the admin enters it again.
"""
from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

from sync.http import Secret

_CONTEXT = b"lms-bridge sync source credentials v1\x00"


class CredentialUnreadable(Exception):
    """The stored credential cannot be decrypted with the current secret key."""


def _fernet() -> Fernet:
    digest = hashlib.sha256(_CONTEXT + current_app.config["SECRET_KEY"].encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(plain: str) -> str:
    """The stored form of a credential."""
    return _fernet().encrypt(plain.encode()).decode()


# Kept in the run's record as written; pages word it in the reader's language (syncing.labels).
UNREADABLE = "the stored credential cannot be read with the current secret key; enter it again"


def unseal(sealed: str) -> Secret:
    """The credential as a :class:`Secret`; raises CredentialUnreadable."""
    try:
        return Secret(_fernet().decrypt(sealed.encode()).decode())
    except (InvalidToken, ValueError):
        raise CredentialUnreadable(UNREADABLE) from None
