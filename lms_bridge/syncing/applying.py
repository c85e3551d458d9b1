"""A pull's records -> Completion rows, through the one upsert rule of tracking.

Per record: its ``remote_key`` (``course``, ``course/activity`` or an xAPI IRI) is looked up in
the source's mappings (a CSV source also accepts a key that is a module slug); a record of an
unmapped key is counted (``unmapped``) and left. The person is matched (:mod:`.matching`); a
record of an unmatched or ambiguous person is kept waiting on their :class:`UnmatchedPerson`
row and applied when an admin links them, or on a later run once they match. Matched records go
through :func:`~lms_bridge.eligibility.completions.record_and_reevaluate` (tracking's upsert,
then the re-evaluation of the candidates it affects) with ``source_key`` ``sync:<source id>``,
the source's name as label, and the provenance (source, remote ids, fetched at, raw payload).
Upserts are idempotent and never downgrade a record. :func:`observation_of` is the one place
where a connector's record (``sync.records``) becomes the app's ``Observation`` (tracking's
status and source kind).

Withdrawn records (voided xAPI statements): a withdrawal is a contradicting observation, so by
the rule it never erases or downgrades the completion it targets. It is logged once as an
unapplied observation ("withdrawn by the source: ...") on that completion, counted in the run's
``withdrawn``, and shown with the record; an admin who agrees removes the completion by hand.
A withdrawn record still waiting for an unmatched person is dropped from their waiting list.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from sqlalchemy import select

from sync import records as remote
from sync.base import PullResult
from sync.records import Provenance, RemoteCompletion, RemotePerson

from ..catalog.models import Module
from ..db import db, utcnow
from ..eligibility.completions import record_and_reevaluate
from ..tracking.models import Completion, CompletionObservation
from ..tracking.operations import Observation, RecordOutcome
from ..tracking.vocabulary import CompletionStatus, SourceKind
from .matching import Match, PersonMatcher
from .models import SyncRun, SyncSource, UnmatchedPerson
from .runs import RunProgress

WITHDRAWN_NOTE = "withdrawn by the source: {record_id}"
COUNTER_BY_OUTCOME = {RecordOutcome.CREATED: "created", RecordOutcome.UPDATED: "updated",
                      RecordOutcome.UNCHANGED: "unchanged", RecordOutcome.KEPT_BETTER: "kept_better"}


def serialize_record(record: RemoteCompletion) -> dict[str, Any]:
    """A JSON-able form of a record (kept while its person waits for a link)."""
    p, prov = record.person, record.provenance
    return {"person": {"email": p.email, "idnumber": p.idnumber, "username": p.username,
                       "remote_user_id": p.remote_user_id, "full_name": p.full_name},
            "course_key": record.course_key, "activity_key": record.activity_key,
            "status": record.status.value, "score_scaled": record.score_scaled,
            "completed_at": record.completed_at.isoformat() if record.completed_at else None,
            "provenance": {"source_kind": prov.source_kind.value,
                           "remote_ids": dict(prov.remote_ids),
                           "fetched_at": prov.fetched_at.isoformat(), "raw": prov.raw}}


def deserialize_record(data: dict[str, Any]) -> RemoteCompletion:
    prov = data["provenance"]
    return RemoteCompletion(
        RemotePerson(**data["person"]), data["course_key"], data["activity_key"],
        remote.CompletionStatus(data["status"]), data["score_scaled"],
        datetime.fromisoformat(data["completed_at"]) if data["completed_at"] else None,
        Provenance(remote.SourceKind(prov["source_kind"]), prov["remote_ids"],
                   datetime.fromisoformat(prov["fetched_at"]), prov["raw"]))


def module_ids(source: SyncSource) -> dict[str, int]:
    mapped = {m.remote_key: m.module_id for m in source.mappings}
    if source.kind is remote.SourceKind.CSV:  # the template's module column may name a slug
        slugs = dict(db.session.execute(select(Module.slug, Module.id)).all())
        return {**slugs, **mapped}
    return mapped


# A connector's words -> tracking's (same values; a member missing on either side fails here,
# at import, rather than on the first record that carries it).
_STATUS = {status: CompletionStatus(status.value) for status in remote.CompletionStatus}
_KIND = {kind: SourceKind(kind.value) for kind in remote.SourceKind}


def observation_of(source: SyncSource, record: RemoteCompletion, user_id: int,
                   module_id: int) -> Observation:
    """The app's observation of one connector record, for one matched person and module."""
    prov = record.provenance
    provenance = {"source": source.name, "source_id": source.id, "kind": prov.source_kind.value,
                  "record_id": prov.record_id, "remote_key": record.remote_key,
                  "remote_ids": dict(prov.remote_ids), "fetched_at": prov.fetched_at.isoformat(),
                  "person": serialize_record(record)["person"], "raw": prov.raw}
    return Observation(user_id, module_id, _KIND[prov.source_kind], source.source_key,
                       source.name, _STATUS[record.status], record.score_scaled,
                       record.completed_at, provenance)


class RecordApplier:
    """Applies the records of one run in the caller's transaction; counts them in ``counts``
    (shown live by ``on_progress``) and copies the counts onto the SyncRun when done."""

    def __init__(self, source: SyncSource, run: SyncRun,
                 on_progress: Callable[[RunProgress], None] = lambda counts: None) -> None:
        self.source, self.run, self.on_progress = source, run, on_progress
        self.counts = RunProgress()
        self.modules = module_ids(source)
        self.unmatched: dict[str, UnmatchedPerson] = {
            u.identity: u for u in db.session.scalars(
                select(UnmatchedPerson).where(UnmatchedPerson.source_id == source.id))}
        self.held: set[str] = set()

    def apply(self, result: PullResult) -> None:
        matcher = PersonMatcher(self.source, result.records)
        self.counts.records_seen = len(result.records)
        self.on_progress(self.counts)  # before the first write: SQLite lets it through then
        for record in result.records:
            self._apply_one(record, matcher)
            self.counts.records_done += 1
            self.on_progress(self.counts)
        self._withdraw(result.withdrawn)
        self._retry_waiting(matcher)
        self.counts.people_unmatched = len(self.held)
        self.counts.copy_to(self.run)

    def _apply_one(self, record: RemoteCompletion, matcher: PersonMatcher) -> None:
        module_id = self.modules.get(record.remote_key)
        if module_id is None:
            self.counts.unmapped += 1
            return
        match = matcher.match(record.person)
        if match.erased:  # erased on request: not even an unmatched row
            return
        if match.user_id is None:
            self._hold(record, match)
            return
        outcome, _ = record_and_reevaluate(
            observation_of(self.source, record, match.user_id, module_id))
        name = COUNTER_BY_OUTCOME[outcome]
        setattr(self.counts, name, getattr(self.counts, name) + 1)

    def _hold(self, record: RemoteCompletion, match: Match) -> None:
        person = self.unmatched.get(match.identity)
        if person is None:
            person = UnmatchedPerson(source_id=self.source.id, identity=match.identity,
                                     reason=match.reason, pending={})
            db.session.add(person)
            self.unmatched[match.identity] = person
        p = record.person
        person.reason, person.candidates = match.reason, list(match.candidates)
        person.email, person.idnumber = p.email or "", p.idnumber or ""
        person.username, person.full_name = p.username or "", p.full_name or ""
        person.last_seen_at = utcnow()
        person.pending = {**(person.pending or {}),
                          record.provenance.record_id: serialize_record(record)}
        self.held.add(match.identity)

    def _withdraw(self, record_ids: list[str]) -> None:
        if not record_ids:
            return
        wanted = set(record_ids)
        for completion in db.session.scalars(select(Completion).where(
                Completion.source_key == self.source.source_key)):
            record_id = (completion.provenance or {}).get("record_id")
            if record_id in wanted and _log_withdrawal(completion, record_id):
                self.counts.withdrawn += 1
        for person in self.unmatched.values():
            if wanted & set(person.pending or {}):
                person.pending = {k: v for k, v in person.pending.items() if k not in wanted}
                self.counts.withdrawn += 1

    def _retry_waiting(self, matcher: PersonMatcher) -> None:
        """People who were unmatched before and match now (they registered since)."""
        for identity, person in list(self.unmatched.items()):
            if identity in self.held or not person.pending:
                continue
            records = [deserialize_record(r) for r in person.pending.values()]
            match = matcher.match(records[0].person)
            if match.erased:
                db.session.delete(person)
                del self.unmatched[identity]
                continue
            if match.user_id is None:
                self.held.add(identity)
                continue
            for record in records:
                self._apply_one(record, matcher)
            db.session.delete(person)
            del self.unmatched[identity]


def _log_withdrawal(completion: Completion, record_id: str) -> bool:
    note = WITHDRAWN_NOTE.format(record_id=record_id)[:300]
    already = db.session.scalar(select(CompletionObservation.id).where(
        CompletionObservation.completion_id == completion.id, CompletionObservation.note == note))
    if already:
        return False
    db.session.add(CompletionObservation(
        completion_id=completion.id, status=completion.status, score_scaled=completion.score_scaled,
        completed_at=completion.completed_at, applied=False, note=note,
        provenance={"record_id": record_id, "withdrawn": True}))
    return True


def apply_pending(source: SyncSource, person: UnmatchedPerson, user_id: int) -> int:
    """Apply a now-linked person's waiting records; returns how many were recorded."""
    modules = module_ids(source)
    applied = 0
    for data in (person.pending or {}).values():
        record = deserialize_record(data)
        module_id = modules.get(record.remote_key)
        if module_id is not None:
            record_and_reevaluate(observation_of(source, record, user_id, module_id))
            applied += 1
    return applied
