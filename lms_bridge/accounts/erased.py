"""One-way fingerprints of the identifiers of erased people, so that a later sync does not
bring them back (``syncing.matching`` skips a remote person whose identifier is listed).

Only an HMAC-SHA-256 of ``"<kind>:<value>"`` (value trimmed and lower-cased) keyed with the
app's secret key is kept: the list cannot be read back into e-mails or user names. Changing
``SECRET_KEY`` makes the list forget everyone (a later sync may then match them again).
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import Iterable

from flask import current_app
from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, UtcDateTime, db, utcnow

# The identifier kinds a remote person may carry (sync.records.RemotePerson's fields).
IDENTIFIER_KINDS = ("email", "idnumber", "username", "remote_user_id")


class ErasedIdentifier(Base):
    __tablename__ = "erased_identifier"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def identifier_digest(kind: str, value: str) -> str:
    key = str(current_app.secret_key or "").encode()
    message = f"{kind}:{value.strip().lower()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def remember_erased(identifiers: Iterable[tuple[str, str]]) -> int:
    """Add the ``(kind, value)`` pairs to the list; returns how many fingerprints are new."""
    digests = {identifier_digest(k, v) for k, v in identifiers if v and str(v).strip()}
    known = set(db.session.scalars(select(ErasedIdentifier.digest)
                                   .where(ErasedIdentifier.digest.in_(digests)))) if digests else set()
    for digest in digests - known:
        db.session.add(ErasedIdentifier(digest=digest))
    return len(digests - known)


def erased_digests() -> frozenset[str]:
    return frozenset(db.session.scalars(select(ErasedIdentifier.digest)))


def is_erased(person: object, digests: frozenset[str]) -> bool:
    """Whether any identifier of a remote person (a ``RemotePerson``) is on the list."""
    if not digests:
        return False
    return any(identifier_digest(kind, value) in digests
               for kind in IDENTIFIER_KINDS if (value := getattr(person, kind, None)))
