"""Pulling one learner of one Moodle course in full (run by the pull's thread pool).

Calls: activities completion and course completion for the learner, then for each SCORM
activity with an attempt (a grade item with a null ``graderaw`` means none was made, so its
calls are saved) the attempt count and the tracks of each recent attempt and SCO. Within an
attempt the best SCO counts (Moodle's default "any SCO" completion); across attempts, the best
attempt (see :mod:`sync.moodle_mapping`). :class:`ScormStructure` knows, per course, which
scorm and SCO ids lie behind each SCORM activity; it is kept in the pull state and fetched again
only when an activity it does not know shows up.

Both take the pull's checked web-service call (:class:`WebServiceCall`) as a collaborator, so
this module does not import :mod:`sync.moodle`, which imports it.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sync.errors import SourceNeedsAttention, SyncError
from sync.moodle_api import unexpected_shapes
from sync.moodle_mapping import (CourseContext, ScormOutcome, activity_record, best_outcome,
                                 course_record, outcome_from_tracks)
from sync.records import RemoteCompletion


class WebServiceCall(Protocol):
    """One web-service call of a pull, checked and its warnings kept; raises SyncError."""

    def __call__(self, function: str, scope: str, **params: Any) -> Any: ...


class LearnerCancelled(SyncError):
    """Another learner's call found the source unusable; this one stopped early."""


@dataclass(frozen=True)
class ScormActivity:
    cmid: int
    scorm_id: int
    sco_ids: tuple[int, ...]


class LearnerPull:
    """Every record of one learner in one course."""

    def __init__(self, call: WebServiceCall, shortname: str, course_id: int,
                 scorms: ScormStructure, user: dict[str, Any], usergrade: dict | None,
                 cancel: threading.Event, *, now: datetime, max_attempts: int) -> None:
        self._call_ws, self._scorms, self._cancel = call, scorms, cancel
        self._max_attempts = max_attempts
        self._course_id, self._user_id = course_id, user["id"]
        self._scope = f"course {shortname}, user {user['id']}"
        self._ctx = CourseContext(shortname, course_id, user, now)
        items = (usergrade or {}).get("gradeitems", [])
        self._grade_by_cmid = {i.get("cmid"): i for i in items if i.get("itemtype") == "mod"}
        self._course_grade = next((i for i in items if i.get("itemtype") == "course"), None)

    def run(self) -> list[RemoteCompletion]:
        with unexpected_shapes(self._scope):
            return self._records()

    def _records(self) -> list[RemoteCompletion]:
        activities = self._call("core_completion_get_activities_completion_status",
                                courseid=self._course_id, userid=self._user_id)
        completion = self._call("core_completion_get_course_completion_status",
                                courseid=self._course_id, userid=self._user_id)
        records = []
        for entry in activities.get("statuses", []):
            if not entry.get("hascompletion", True):
                continue
            grade_item = self._grade_by_cmid.get(entry.get("cmid"))
            scorm = self._scorm_outcome(entry, grade_item) if entry.get("modname") == "scorm" else None
            records.append(activity_record(self._ctx, entry, scorm=scorm, grade_item=grade_item))
        records.append(course_record(self._ctx, completion, self._course_grade))
        return records

    def _call(self, function: str, **params: Any) -> Any:
        if self._cancel.is_set():
            raise LearnerCancelled(f"{self._scope}: cancelled")
        try:
            return self._call_ws(function, self._scope, **params)
        except SourceNeedsAttention:
            self._cancel.set()  # the token or the account is unusable: stop the other learners
            raise

    def _scorm_outcome(self, entry: dict, grade_item: dict | None) -> ScormOutcome | None:
        if grade_item is not None and grade_item.get("graderaw") is None:
            return None
        activity = self._scorms.activity(entry["cmid"])
        if activity is None or not activity.sco_ids:
            return None
        counted = self._call("mod_scorm_get_scorm_attempt_count", scormid=activity.scorm_id,
                             userid=self._user_id)
        last = int(counted.get("attemptscount") or 0)
        first = max(1, last - self._max_attempts + 1)
        outcomes = [self._attempt_outcome(activity, n) for n in range(first, last + 1)]
        return best_outcome(o for o in outcomes if o is not None)

    def _attempt_outcome(self, activity: ScormActivity, attempt: int) -> ScormOutcome | None:
        per_sco = []
        for sco_id in activity.sco_ids:
            answer = self._call("mod_scorm_get_scorm_sco_tracks", scoid=sco_id,
                                userid=self._user_id, attempt=attempt)
            data = answer.get("data") or {}
            if data.get("tracks"):
                per_sco.append(outcome_from_tracks(data))
        return best_outcome(per_sco)


class ScormStructure:
    """The SCORM activities of one course (cmid -> scorm id and SCO ids), fetched lazily."""

    def __init__(self, call: WebServiceCall, course_id: int, scope: str,
                 cached: dict[str, Any] | None) -> None:
        self._call, self._course_id, self._scope = call, course_id, scope
        self._by_cmid = dict(cached) if cached is not None else None
        self._refreshed = False
        self._lock = threading.Lock()
        if self._by_cmid is None:
            self._refresh()

    def activity(self, cmid: int) -> ScormActivity | None:
        with self._lock:
            if str(cmid) not in self._by_cmid and not self._refreshed:
                self._refresh()
            found = self._by_cmid.get(str(cmid))
        return ScormActivity(cmid, found["scormid"], tuple(found["scoids"])) if found else None

    def as_state(self) -> dict[str, Any]:
        return dict(self._by_cmid)

    def _refresh(self) -> None:
        found = self._call("mod_scorm_get_scorms_by_courses", self._scope,
                                courseids=[self._course_id])
        by_cmid = {}
        for scorm in found.get("scorms", []):
            if scorm.get("course") != self._course_id:
                continue
            scoes = self._call("mod_scorm_get_scorm_scoes", self._scope, scormid=scorm["id"])
            by_cmid[str(scorm["coursemodule"])] = {
                "scormid": scorm["id"], "version": scorm.get("version"),
                "scoids": [s["id"] for s in scoes.get("scoes", []) if s.get("scormtype") == "sco"]}
        self._by_cmid, self._refreshed = by_cmid, True
