"""xAPI 1.0.3 LRS connector: completed / passed / failed statements since the last pull.

A pull sends ``GET statements?since=<cursor>&limit=<page>`` with the
``X-Experience-API-Version: 1.0.3`` header and basic auth, and follows ``more`` (a relative
URL, resolved against the endpoint and refused when it points at another host) until it is
empty. The cursor is the latest ``stored`` time seen (``since`` is exclusive per the spec); the
state is ``{"format": 1, "since": "<ISO time>"}``.

Mapping of a statement (everything else is counted in ``items_ignored``):

- verb ``.../verbs/passed`` -> PASSED, ``.../failed`` -> FAILED, ``.../completed`` ->
  COMPLETED, or PASSED/FAILED when ``result.success`` is given;
- ``result.score.scaled`` (0..1; a negative scaled score is an ItemError), else
  ``(raw - min) / (max - min)`` when those are given; ``completed_at`` is ``timestamp`` (else
  ``stored``);
- the actor: ``mbox`` -> email, ``account.name`` -> username and remote user id,
  ``mbox_sha1sum`` / ``openid`` -> remote user id, ``name`` -> full name; a Group is ignored;
- ``object.id`` (the activity IRI) -> ``course_key`` through ``activity_keys`` (IRI -> module
  key); an activity not in a given map is ignored; without a map the IRI is the key;
- a ``.../verbs/voided`` statement withdraws its target: ``result.withdrawn`` lists
  ``xapi:statement=<id>`` (the target's ``Provenance.record_id``) and a target seen in the same
  pull is dropped. Some LRSes still return voided targets in queries; both cases are handled.

Failure policy: HTTP as in :mod:`sync.http` (401/403: SourceNeedsAttention); a page that is not
JSON or has no ``statements`` list: SourceResponseError (the pull stops, the cursor does not
move); one unreadable statement (not a JSON object, a ``stored`` or ``timestamp`` that is not
ISO 8601, a bad score or actor): an ItemError naming it, skipped, the others go on and the
cursor still moves past the statements read.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Mapping
from urllib.parse import urljoin, urlsplit

import requests

from sync.base import ItemError, PullCounters, PullResult, SourceHealth, SyncState
from sync.errors import SourceResponseError, UnsafeSourceURL
from sync.http import HttpOptions, Secret, SourceHttpClient
from sync.records import (CompletionStatus, Provenance, RemoteCompletion, RemotePerson,
                          SourceKind)

XAPI_VERSION = "1.0.3"
VERBS = "http://adlnet.gov/expapi/verbs/"
VOIDED = VERBS + "voided"
STATUS_BY_VERB = {VERBS + "completed": CompletionStatus.COMPLETED,
                  VERBS + "passed": CompletionStatus.PASSED,
                  VERBS + "failed": CompletionStatus.FAILED}
STATE_FORMAT = 1
MAX_PAGES = 10_000


class XapiSource:
    """Completion statements of one LRS, read with one basic-auth account."""

    kind = SourceKind.XAPI

    def __init__(self, session: requests.Session, endpoint: str, username: str,
                 password: str | Secret, *, activity_keys: Mapping[str, str] | None = None,
                 options: HttpOptions = HttpOptions(), page_size: int = 100,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 **http_hooks: Any) -> None:
        self._session = session
        self.endpoint = endpoint.rstrip("/") + "/"
        self.username = username
        self._password = password if isinstance(password, Secret) else Secret(password)
        self.activity_keys = dict(activity_keys) if activity_keys is not None else None
        self.options, self.page_size, self.now = options, page_size, now
        self._http_hooks = http_hooks

    def __repr__(self) -> str:
        return f"XapiSource({self.endpoint!r}, user={self.username!r})"

    def _client(self) -> SourceHttpClient:
        return SourceHttpClient(self._session, self.endpoint, self.options,
                                **self._http_hooks)

    def _get(self, http: SourceHttpClient, url: str, params: dict | None = None) -> Any:
        response = http.send("GET", url, label="xAPI statements", params=params,
                             auth=(self.username, self._password.reveal()),
                             headers={"X-Experience-API-Version": XAPI_VERSION})
        try:
            page = response.json()
        except ValueError:
            raise SourceResponseError(f"xAPI statements at {self.endpoint}: not JSON") from None
        if not isinstance(page, dict) or not isinstance(page.get("statements"), list):
            raise SourceResponseError(f"xAPI statements at {self.endpoint}: no statements list")
        return page, response.headers.get("X-Experience-API-Version")

    def check(self) -> SourceHealth:
        """Read one statement to prove the endpoint and the credentials; raises SyncError."""
        http = self._client()
        _, version = self._get(http, http.url("statements"), {"limit": 1})
        return SourceHealth(SourceKind.XAPI, True, "ready", site_url=self.endpoint,
                            version=version, account=self.username)

    def pull_completions(self, state: SyncState | None, *, full: bool = False) -> PullResult:
        """Statements stored since the cursor in ``state`` (all when ``full``); raises SyncError."""
        http = self._client()
        since = None if full or not state or state.get("format") != STATE_FORMAT else state.get("since")
        reader = _StatementReader(self, self.now())
        params: dict | None = {"limit": self.page_size, **({"since": since} if since else {})}
        url: str | None = http.url("statements")
        for _ in range(MAX_PAGES):
            page, _ = self._get(http, url, params)
            for statement in page["statements"]:
                reader.read(statement)
            url, params = self._next_page(page.get("more")), None
            if url is None:
                break
        counters = reader.counters
        counters.calls, counters.retries = http.calls, http.retries
        counters.calls_by_endpoint = dict(http.calls_by_endpoint)
        records = reader.records_kept()
        counters.records = len(records)
        new_since = reader.latest_stored or since
        return PullResult(records, {"format": STATE_FORMAT, "since": new_since}, counters,
                          reader.errors, withdrawn=sorted(reader.withdrawn))

    def _next_page(self, more: str | None) -> str | None:
        if not more:
            return None
        url = urljoin(self.endpoint, more)
        if urlsplit(url).netloc != urlsplit(self.endpoint).netloc:
            raise UnsafeSourceURL(f"xAPI 'more' link of {self.endpoint} points at another host")
        return url


class _StatementReader:
    def __init__(self, source: XapiSource, fetched_at: datetime) -> None:
        self.source, self.fetched_at = source, fetched_at
        self.records: list[RemoteCompletion] = []
        self.errors: list[ItemError] = []
        self.withdrawn: set[str] = set()
        self.counters = PullCounters(scopes=1)
        self.latest_stored: str | None = None
        self._latest_time: datetime | None = None

    def read(self, statement: Any) -> None:
        self.counters.items_seen += 1
        if not isinstance(statement, dict):
            self.errors.append(ItemError(f"statement #{self.counters.items_seen} of the page",
                                         "unreadable statement: not a JSON object",
                                         type(statement).__name__))
            return
        try:
            self._note_stored(statement.get("stored"))
            verb = (statement.get("verb") or {}).get("id")
            if verb == VOIDED:
                self.withdrawn.add(record_id((statement.get("object") or {}).get("id")))
            elif verb in STATUS_BY_VERB and self._is_wanted(statement):
                self.records.append(self._record(statement, STATUS_BY_VERB[verb]))
            else:
                self.counters.items_ignored += 1
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            self.errors.append(ItemError(f"statement {str(statement.get('id'))[:100]}",
                                         f"unreadable statement: {exc}", type(exc).__name__))

    def records_kept(self) -> list[RemoteCompletion]:
        return [r for r in self.records if r.provenance.record_id not in self.withdrawn]

    def _note_stored(self, stored: str | None) -> None:
        when = parse_time(stored)
        if when is not None and (self._latest_time is None or when > self._latest_time):
            self._latest_time, self.latest_stored = when, stored

    def _is_wanted(self, statement: dict) -> bool:
        actor = statement.get("actor") or {}
        keys = self.source.activity_keys
        if actor.get("objectType") == "Group":
            return False
        return keys is None or (statement.get("object") or {}).get("id") in keys

    def _record(self, statement: dict, status: CompletionStatus) -> RemoteCompletion:
        result = statement.get("result") or {}
        if status is CompletionStatus.COMPLETED and isinstance(result.get("success"), bool):
            status = CompletionStatus.PASSED if result["success"] else CompletionStatus.FAILED
        iri = statement["object"]["id"]
        key = self.source.activity_keys[iri] if self.source.activity_keys is not None else iri
        when = parse_time(statement.get("timestamp")) or parse_time(statement.get("stored"))
        provenance = Provenance(SourceKind.XAPI, {"statement": statement["id"]},
                                self.fetched_at, statement)
        return RemoteCompletion(person_from_actor(statement["actor"]), key, None, status,
                                scaled_score(result.get("score")), when, provenance)


def record_id(statement_id: str | None) -> str:
    if not statement_id:
        raise ValueError("voiding statement without a target id")
    return f"xapi:statement={statement_id}"


def parse_time(value: str | None) -> datetime | None:
    """An xAPI timestamp as an aware datetime (UTC when the offset is missing), or None;
    raises ValueError when it is not an ISO 8601 string."""
    if not value:
        return None
    if not isinstance(value, str):
        raise ValueError(f"time {value!r} is not an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"time {value[:40]!r} is not ISO 8601") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def scaled_score(score: Mapping[str, Any] | None) -> float | None:
    """``score.scaled``, else raw over min..max; raises ValueError outside 0..1."""
    if not score:
        return None
    if score.get("scaled") is not None:
        scaled = float(score["scaled"])
    elif None not in (score.get("raw"), score.get("min"), score.get("max")):
        low, high = float(score["min"]), float(score["max"])
        scaled = (float(score["raw"]) - low) / (high - low) if high > low else -1.0
    else:
        return None
    if not 0.0 <= scaled <= 1.0:
        raise ValueError(f"score {scaled} is outside 0..1")
    return scaled


def person_from_actor(actor: Mapping[str, Any]) -> RemotePerson:
    """The learner named by an xAPI Agent."""
    mbox = actor.get("mbox") or ""
    account = actor.get("account") or {}
    other_id = account.get("name") or actor.get("mbox_sha1sum") or actor.get("openid")
    return RemotePerson(email=mbox.removeprefix("mailto:") or None, username=account.get("name"),
                        remote_user_id=other_id, full_name=actor.get("name"))
