"""Moodle Web Services connector: course and activity completions with SCORM results.

A pull walks the configured courses (by shortname). Per course it costs, when nothing changed:
``core_enrol_get_enrolled_users`` (who is enrolled, with ``lastaccess``/``lastcourseaccess``)
and ``gradereport_user_get_grade_items`` (every learner's grades in one call) — 2 calls. The
course id and its SCORM structure (``core_course_get_courses_by_field``,
``mod_scorm_get_scorms_by_courses``, ``mod_scorm_get_scorm_scoes``) are fetched on the first
pull, on a full pull, or when an unknown SCORM activity shows up, and kept in the state.

Moodle has no "changed since" filter, so each learner gets a fingerprint of what those two calls
say about them (identity, access times, roles, grades). Only learners whose fingerprint changed,
who are new, or who were last checked more than ``recheck_after`` ago (default 24 h) are
pulled in full: ``core_completion_get_activities_completion_status`` and
``core_completion_get_course_completion_status`` (one learner per call: a learner-scoped
function like ``mod_scorm_get_scorm_user_data`` only ever returns the caller's own data), plus
per SCORM activity they attempted ``mod_scorm_get_scorm_attempt_count`` and
``mod_scorm_get_scorm_sco_tracks`` per attempt and SCO. A manual completion made through web
services or a teacher's override may move no access time and no grade: the periodic recheck, or
``full=True``, picks it up. The mapping to records is written in :mod:`sync.moodle_mapping`.

Failure policy (HTTP level: :mod:`sync.http`; Moodle error bodies: :mod:`sync.moodle_api`):

- SourceNeedsAttention (invalid or revoked token, function not in the service) stops the pull
  at once, pending learner calls are cancelled, and nothing is returned: the caller keeps its
  old state and shows the message;
- MissingCapability, an unreadable answer, or a course that cannot be reached after retries
  skips that course (an ItemError; its old state is kept); two courses in a row unreachable
  stop the pull: SourceUnavailable if nothing was pulled yet, else the rest is reported skipped;
- a learner not enrolled any more or deleted between calls is skipped and counted
  (``people_skipped``); any other learner failure is an ItemError; neither gets a fingerprint,
  so the next pull tries them again;
- learners of a course are pulled by a small thread pool (``HttpOptions.max_workers``) under
  the client's rate cap.
"""
from __future__ import annotations

import hashlib
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Sequence

import requests

from sync.base import ItemError, PullCounters, PullResult, SourceHealth, SyncState
from sync.errors import (MissingCapability, RemoteRecordMissing, SourceNeedsAttention,
                         SourceResponseError, SourceUnavailable, SyncError, UserNotEnrolled)
from sync.http import HttpOptions, Secret, SourceHttpClient
from sync.moodle_api import MoodleClient, read_warnings, unexpected_shapes
from sync.moodle_learner import LearnerCancelled, LearnerPull, ScormStructure
from sync.records import RemoteCompletion, SourceKind

STATE_FORMAT = 1
REQUIRED_FUNCTIONS = (
    "core_course_get_courses_by_field", "core_enrol_get_enrolled_users",
    "gradereport_user_get_grade_items", "core_completion_get_activities_completion_status",
    "core_completion_get_course_completion_status", "mod_scorm_get_scorms_by_courses",
    "mod_scorm_get_scorm_scoes", "mod_scorm_get_scorm_attempt_count",
    "mod_scorm_get_scorm_sco_tracks",
)
FINGERPRINT_USER_FIELDS = ("username", "email", "idnumber", "fullname", "lastaccess",
                           "lastcourseaccess", "suspended")
FINGERPRINT_GRADE_FIELDS = ("id", "graderaw", "gradedategraded", "gradeisoverridden", "status")


class MoodleSource:
    """Completion records of the given courses of one Moodle site, for one service token."""

    kind = SourceKind.MOODLE

    def __init__(self, session: requests.Session, base_url: str, token: str | Secret,
                 course_shortnames: Sequence[str], *, options: HttpOptions = HttpOptions(),
                 learner_roles: Sequence[str] | None = ("student",),
                 recheck_after: timedelta = timedelta(hours=24), max_attempts: int = 10,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 **http_hooks: Any) -> None:
        self._session = session
        self.base_url = base_url
        self._token = token if isinstance(token, Secret) else Secret(token)
        self.course_shortnames = tuple(course_shortnames)
        self.options = options
        self.learner_roles = frozenset(learner_roles) if learner_roles else None
        self.recheck_after = recheck_after
        self.max_attempts = max_attempts
        self.now = now
        self._http_hooks = http_hooks  # sleep / jitter / clock / resolver, for tests

    def __repr__(self) -> str:
        return f"MoodleSource({self.base_url!r}, courses={list(self.course_shortnames)})"

    def new_client(self) -> MoodleClient:
        http = SourceHttpClient(self._session, self.base_url, self.options,
                                **self._http_hooks)
        return MoodleClient(http, self._token)

    def check(self) -> SourceHealth:
        """Site identity and the functions the token may call; raises SyncError."""
        info = self.new_client().call("core_webservice_get_site_info", "site")
        with unexpected_shapes("site info"):
            allowed = {f.get("name") for f in info.get("functions", [])}
        missing = tuple(f for f in REQUIRED_FUNCTIONS if f not in allowed)
        detail = ("ready" if not missing else
                  "add to the external service: " + ", ".join(missing))
        return SourceHealth(SourceKind.MOODLE, not missing, detail, site_name=info.get("sitename"),
                            site_url=info.get("siteurl"), version=info.get("release"),
                            account=info.get("username"), missing_functions=missing)

    def pull_completions(self, state: SyncState | None, *, full: bool = False) -> PullResult:
        """Pull completions of the configured courses (see module doc); raises SyncError."""
        return _MoodlePull(self, self.new_client(), state, full).run()


@dataclass
class _MoodlePull:
    source: MoodleSource
    client: MoodleClient
    state: SyncState | None
    full: bool
    records: list[RemoteCompletion] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counters: PullCounters = field(default_factory=PullCounters)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self) -> PullResult:
        old = self.state.get("courses", {}) if self._is_known_state() else {}
        courses: dict[str, Any] = {}
        unreachable_in_a_row, pulled_any = 0, False
        for index, shortname in enumerate(self.source.course_shortnames):
            try:
                with unexpected_shapes(f"course {shortname}"):
                    courses[shortname] = self._pull_course(shortname, old.get(shortname) or {})
                unreachable_in_a_row, pulled_any = 0, True
            except (MissingCapability, SourceResponseError, SourceUnavailable) as exc:
                self._course_failed(shortname, exc, old.get(shortname), courses)
                unreachable_in_a_row = unreachable_in_a_row + 1 if isinstance(
                    exc, SourceUnavailable) else 0
                if unreachable_in_a_row >= 2:
                    if not pulled_any:
                        raise
                    self._skip_rest(self.source.course_shortnames[index + 1:], old, courses)
                    break
        return self._result({"format": STATE_FORMAT, "courses": courses})

    def _is_known_state(self) -> bool:
        return bool(self.state) and self.state.get("format") == STATE_FORMAT and not self.full

    def _course_failed(self, shortname: str, exc: SyncError, old: dict | None,
                       courses: dict[str, Any]) -> None:
        self.errors.append(ItemError(f"course {shortname}", str(exc), type(exc).__name__))
        if old:
            kept = dict(old)
            if isinstance(exc, RemoteRecordMissing):  # course gone or recreated: look it up again
                kept.pop("id", None)
                kept.pop("scorms", None)
            courses[shortname] = kept

    def _skip_rest(self, rest: Sequence[str], old: dict, courses: dict[str, Any]) -> None:
        for shortname in rest:
            self.errors.append(ItemError(f"course {shortname}",
                                         "not pulled: the source stopped answering",
                                         SourceUnavailable.__name__))
            if old.get(shortname):
                courses[shortname] = old[shortname]

    def _pull_course(self, shortname: str, old: dict[str, Any]) -> dict[str, Any]:
        scope = f"course {shortname}"
        course_id = old.get("id") or self._lookup_course(shortname)
        scorms = ScormStructure(self.call, course_id, scope, old.get("scorms"))
        users = self.call("core_enrol_get_enrolled_users", scope, courseid=course_id)
        grades = self.call("gradereport_user_get_grade_items", scope, courseid=course_id)
        grades_by_user = {g.get("userid"): g for g in grades.get("usergrades", [])}
        self.counters.scopes += 1
        known = old.get("users", {}) if old.get("id") == course_id else {}
        todo, kept = self._changed_learners(users, grades_by_user, known)
        pulled_users, course_records = self._pull_learners(
            shortname, course_id, scorms, todo, grades_by_user)
        self.records.extend(course_records)
        return {"id": course_id, "scorms": scorms.as_state(), "users": {**kept, **pulled_users}}

    def _lookup_course(self, shortname: str) -> int:
        found = self.call("core_course_get_courses_by_field", f"course {shortname}",
                          field="shortname", value=shortname)
        courses = found.get("courses") or []
        if not courses:
            raise RemoteRecordMissing(f"Moodle has no course with shortname {shortname!r}",
                                      function="core_course_get_courses_by_field",
                                      errorcode="nocourse")
        return int(courses[0]["id"])

    def _changed_learners(self, users: list[dict], grades_by_user: dict, known: dict
                          ) -> tuple[list[tuple[dict, str]], dict[str, Any]]:
        todo, kept = [], {}
        stale_before = (self.source.now() - self.source.recheck_after).timestamp()
        for user in users:
            if not self._is_learner(user):
                continue
            fp = fingerprint(user, grades_by_user.get(user["id"]))
            seen = known.get(str(user["id"]))
            if seen and seen.get("fp") == fp and seen.get("checked", 0) >= stale_before:
                kept[str(user["id"])] = seen
                self.counters.people_unchanged += 1
            else:
                todo.append((user, fp))
        return todo, kept

    def _is_learner(self, user: dict) -> bool:
        roles = self.source.learner_roles
        return roles is None or any(r.get("shortname") in roles for r in user.get("roles", []))

    def _pull_learners(self, shortname: str, course_id: int, scorms: ScormStructure,
                       todo: list[tuple[dict, str]], grades_by_user: dict
                       ) -> tuple[dict[str, Any], list[RemoteCompletion]]:
        cancel = threading.Event()
        checked = int(self.source.now().timestamp())
        pulled, records, fatal = {}, [], None
        with ThreadPoolExecutor(max_workers=max(1, self.source.options.max_workers)) as pool:
            futures = [(user, fp, pool.submit(
                LearnerPull(self.call, shortname, course_id, scorms, user,
                            grades_by_user.get(user["id"]), cancel, now=self.source.now(),
                            max_attempts=self.source.max_attempts).run)) for user, fp in todo]
            for user, fp, future in futures:
                try:
                    records.extend(future.result())
                    pulled[str(user["id"])] = {"fp": fp, "checked": checked}
                except LearnerCancelled:
                    continue
                except SourceNeedsAttention as exc:
                    cancel.set()
                    fatal = fatal or exc
                except SyncError as exc:
                    self._learner_failed(shortname, user, exc)
        if fatal is not None:
            raise fatal
        self.counters.people_checked += len(pulled)
        return pulled, records

    def _learner_failed(self, shortname: str, user: dict, exc: SyncError) -> None:
        if isinstance(exc, (UserNotEnrolled, RemoteRecordMissing)):
            with self.lock:
                self.counters.people_skipped += 1
            return
        self.errors.append(ItemError(f"course {shortname}, user {user['id']}", str(exc),
                                     type(exc).__name__))

    def call(self, function: str, scope: str, **params: Any) -> Any:
        payload = self.client.call(function, scope, **params)
        warnings = read_warnings(function, payload, scope)
        if warnings:
            with self.lock:
                self.warnings.extend(warnings)
        return payload

    def _result(self, state: SyncState) -> PullResult:
        http = self.client.http
        self.counters.calls, self.counters.retries = http.calls, http.retries
        self.counters.calls_by_endpoint = dict(http.calls_by_endpoint)
        self.counters.records = len(self.records)
        return PullResult(self.records, state, self.counters, self.errors, self.warnings)


def fingerprint(user: dict, usergrade: dict | None) -> str:
    """A short digest of what the cheap per-course calls say about one learner."""
    seen = {"user": {k: user.get(k) for k in FINGERPRINT_USER_FIELDS},
            "roles": sorted(r.get("shortname", "") for r in user.get("roles", [])),
            "grades": sorted(([str(item.get(k)) for k in FINGERPRINT_GRADE_FIELDS]
                              for item in (usergrade or {}).get("gradeitems", [])))}
    return hashlib.sha256(json.dumps(seen, sort_keys=True).encode()).hexdigest()[:24]
