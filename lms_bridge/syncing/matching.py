"""Remote person -> local person, per source, never guessed.

A source matches by one identifier (:class:`~.models.MatchBy`): e-mail (case-insensitive,
against local accounts), or idnumber / username (local accounts have neither, so those match
only through links an admin made). An admin's :class:`~.models.PersonLink` always wins. A
person is **ambiguous** when several local accounts share the identifier, or when the source
itself gives one identifier to several remote accounts within one pull (two Moodle accounts with
one e-mail); **erased** when one of its identifiers belongs to a person erased on request
(``accounts.erased``: nothing at all is recorded for them); **unmatched** when nobody has it; **no identifier** when the source did not send
the identifier this source matches by. None of these get a record: they are listed for an admin.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import select

from sync.records import RemoteCompletion, RemotePerson

from ..accounts.erased import erased_digests, is_erased
from ..accounts.models import User
from ..db import db
from .models import MatchBy, PersonLink, SyncSource, UnmatchedReason


@dataclass(frozen=True)
class Match:
    identity: str
    user_id: int | None
    reason: UnmatchedReason | None = None
    candidates: tuple[str, ...] = ()
    erased: bool = False


def identity_of(person: RemotePerson, match_by: MatchBy) -> tuple[str, bool]:
    """``"<kind>:<value>"`` of a remote person, and whether it is the source's match field."""
    value = getattr(person, match_by.value)
    if value and value.strip():
        return f"{match_by.value}:{value.strip().lower()}", True
    fallback = person.remote_user_id or person.username or person.email or person.idnumber
    return f"remote:{str(fallback).strip().lower()}", False


class PersonMatcher:
    """Matches the people of one pull; loads links and local e-mails once."""

    def __init__(self, source: SyncSource, records: Iterable[RemoteCompletion]) -> None:
        self.match_by = source.match_by
        self.links = dict(db.session.execute(select(PersonLink.identity, PersonLink.user_id)
                                             .where(PersonLink.source_id == source.id)).all())
        self.by_email: dict[str, list[tuple[int, str]]] = defaultdict(list)
        if self.match_by is MatchBy.EMAIL:
            for user_id, email in db.session.execute(select(User.id, User.email)):
                self.by_email[email.strip().lower()].append((user_id, email))
        self.erased = erased_digests()
        self.remote_accounts: dict[str, set[str]] = defaultdict(set)
        for record in records:
            identity, _ = identity_of(record.person, self.match_by)
            if record.person.remote_user_id:
                self.remote_accounts[identity].add(record.person.remote_user_id)

    def match(self, person: RemotePerson) -> Match:
        identity, has_field = identity_of(person, self.match_by)
        if is_erased(person, self.erased):
            return Match(identity, None, erased=True)
        if identity in self.links:
            return Match(identity, self.links[identity])
        if not has_field:
            return Match(identity, None, UnmatchedReason.NO_IDENTIFIER)
        accounts = self.remote_accounts.get(identity, set())
        if len(accounts) > 1:
            return Match(identity, None, UnmatchedReason.AMBIGUOUS,
                         tuple(f"remote account {a}" for a in sorted(accounts)))
        if self.match_by is not MatchBy.EMAIL:
            return Match(identity, None, UnmatchedReason.UNMATCHED)
        found = self.by_email.get(identity.split(":", 1)[1], [])
        if len(found) == 1:
            return Match(identity, found[0][0])
        if found:
            return Match(identity, None, UnmatchedReason.AMBIGUOUS,
                         tuple(sorted(email for _, email in found)))
        return Match(identity, None, UnmatchedReason.UNMATCHED)
