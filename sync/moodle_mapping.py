"""Moodle payloads -> :class:`~sync.records.RemoteCompletion` (pure; no HTTP).

Activity completion (``core_completion_get_activities_completion_status``, ``state``):
0 -> INCOMPLETE, 1 -> COMPLETED, 2 -> PASSED, 3 -> FAILED. For a SCORM activity the learner's
own result comes from the SCORM tracks, because Moodle reports a failed attempt as state 0
(the activity is "not complete"), never 3:

- SCORM 2004: ``cmi.success_status`` passed/failed -> PASSED/FAILED, else
  ``cmi.completion_status`` completed -> COMPLETED, else INCOMPLETE;
- SCORM 1.2: ``cmi.core.lesson_status`` passed/failed/completed -> PASSED/FAILED/COMPLETED;
  incomplete, browsed, not attempted -> INCOMPLETE; Moodle's summary ``status`` element is the
  fallback for both;
- score: ``cmi.score.scaled`` when given, else (raw - min) / (max - min) with min 0 and max 100
  when blank; no raw score -> None (Moodle shows grade 0 for such an attempt: not trusted);
- several attempts: the best one wins (PASSED > COMPLETED > FAILED > INCOMPLETE, then the
  higher score, then the later attempt); a later weaker attempt never hides a pass.

Combining them: a completion overridden by a teacher (``overrideby`` set) keeps Moodle's state;
else a SCORM PASSED/FAILED wins; else a finished Moodle state (1, 2, 3) wins; else a SCORM
COMPLETED; else INCOMPLETE. Activities without SCORM use the grade item (graderaw scaled over
grademin..grademax) as score, only for a finished status. ``completed_at`` is Moodle's
``timecompleted`` when set, else the SCORM track's ``timemodified`` for a finished status.

Course completion (``core_completion_get_course_completion_status``): ``completed`` true ->
COMPLETED at the latest criterion ``timecompleted``, else INCOMPLETE; score: the course total
grade item, for a completed course only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping

from sync.records import CompletionStatus, Provenance, RemoteCompletion, RemotePerson, SourceKind

ACTIVITY_STATES = {0: CompletionStatus.INCOMPLETE, 1: CompletionStatus.COMPLETED,
                   2: CompletionStatus.PASSED, 3: CompletionStatus.FAILED}
SCORM_STATUSES = {"passed": CompletionStatus.PASSED, "failed": CompletionStatus.FAILED,
                  "completed": CompletionStatus.COMPLETED}
STATUS_RANK = {CompletionStatus.INCOMPLETE: 0, CompletionStatus.FAILED: 1,
               CompletionStatus.COMPLETED: 2, CompletionStatus.PASSED: 3}


@dataclass(frozen=True)
class ScormOutcome:
    """What one SCORM attempt's tracks say."""

    attempt: int
    status: CompletionStatus
    score_scaled: float | None
    modified_at: datetime | None
    tracks: dict[str, Any]


def from_unix(value: Any) -> datetime | None:
    """Moodle timestamps are Unix seconds; 0, null and blanks mean "never"."""
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        return None
    return datetime.fromtimestamp(seconds, timezone.utc) if seconds > 0 else None


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def person_from_user(user: Mapping[str, Any]) -> RemotePerson:
    """The learner as Moodle's user records (enrolled users, users by field) describe them."""
    return RemotePerson(email=user.get("email") or None, idnumber=user.get("idnumber") or None,
                        username=user.get("username") or None,
                        remote_user_id=str(user["id"]), full_name=user.get("fullname") or None)


def outcome_from_tracks(data: Mapping[str, Any]) -> ScormOutcome:
    """Read ``mod_scorm_get_scorm_sco_tracks``' ``data`` into a ScormOutcome."""
    tracks = {t["element"]: t["value"] for t in data.get("tracks", [])}
    return ScormOutcome(attempt=int(data.get("attempt") or 0), status=_scorm_status(tracks),
                        score_scaled=_scorm_score(tracks),
                        modified_at=from_unix(tracks.get("timemodified")), tracks=tracks)


def _scorm_status(tracks: Mapping[str, Any]) -> CompletionStatus:
    for element in ("cmi.success_status", "cmi.completion_status", "cmi.core.lesson_status",
                    "status"):
        status = SCORM_STATUSES.get(str(tracks.get(element, "")).strip().lower())
        if status is not None:
            return status
    return CompletionStatus.INCOMPLETE


def _scorm_score(tracks: Mapping[str, Any]) -> float | None:
    scaled = _number(tracks.get("cmi.score.scaled"))
    if scaled is not None:
        return _clamp(scaled)
    raw = _number(tracks.get("cmi.score.raw", tracks.get("cmi.core.score.raw")))
    if raw is None:
        raw = _number(tracks.get("score_raw"))
    if raw is None:
        return None
    low = _number(tracks.get("cmi.score.min", tracks.get("cmi.core.score.min"))) or 0.0
    high = _number(tracks.get("cmi.score.max", tracks.get("cmi.core.score.max"))) or 100.0
    return _clamp((raw - low) / (high - low)) if high > low else None


def best_outcome(outcomes: Iterable[ScormOutcome]) -> ScormOutcome | None:
    """The attempt that counts (see module doc), or None without attempts."""
    return max(outcomes, default=None,
               key=lambda o: (STATUS_RANK[o.status], o.score_scaled or 0.0, o.attempt))


def grade_scaled(item: Mapping[str, Any] | None) -> float | None:
    """A grade item's ``graderaw`` scaled to 0..1 over its range, or None when not graded."""
    if not item:
        return None
    raw, low, high = (_number(item.get(k)) for k in ("graderaw", "grademin", "grademax"))
    if raw is None or high is None or low is None or high <= low:
        return None
    return _clamp((raw - low) / (high - low))


def combine_activity(entry: Mapping[str, Any], scorm: ScormOutcome | None) -> CompletionStatus:
    """Moodle activity state and SCORM outcome -> one status (see module doc)."""
    moodle = ACTIVITY_STATES.get(int(entry.get("state") or 0), CompletionStatus.INCOMPLETE)
    if entry.get("overrideby") is not None:
        return moodle
    if scorm is not None and scorm.status in (CompletionStatus.PASSED, CompletionStatus.FAILED):
        return scorm.status
    if moodle.is_finished:
        return moodle
    if scorm is not None:
        return scorm.status
    return CompletionStatus.INCOMPLETE


@dataclass(frozen=True)
class CourseContext:
    """The course and learner a record is about, and when it was fetched."""

    course_key: str
    course_id: int
    user: Mapping[str, Any]
    fetched_at: datetime

    def provenance(self, raw: dict[str, Any], **ids: Any) -> Provenance:
        remote_ids = {"course": str(self.course_id), "user": str(self.user["id"])}
        remote_ids.update({k: str(v) for k, v in ids.items()})
        return Provenance(SourceKind.MOODLE, remote_ids, self.fetched_at, raw)


def activity_record(ctx: CourseContext, entry: Mapping[str, Any], *,
                    scorm: ScormOutcome | None, grade_item: Mapping[str, Any] | None
                    ) -> RemoteCompletion:
    """One activity's completion for one learner."""
    status = combine_activity(entry, scorm)
    if scorm is not None:
        score = scorm.score_scaled
    else:
        score = grade_scaled(grade_item) if status.is_finished else None
    completed_at = from_unix(entry.get("timecompleted"))
    if completed_at is None and status.is_finished and scorm is not None:
        completed_at = scorm.modified_at
    raw = {"activity": dict(entry), "grade_item": dict(grade_item) if grade_item else None,
           "scorm_attempt": {"attempt": scorm.attempt, "tracks": scorm.tracks} if scorm else None}
    return RemoteCompletion(person_from_user(ctx.user), ctx.course_key, f"cmid:{entry['cmid']}",
                            status, score, completed_at if status.is_finished else None,
                            ctx.provenance(raw, cmid=entry["cmid"]))


def course_record(ctx: CourseContext, completion: Mapping[str, Any],
                  course_grade: Mapping[str, Any] | None) -> RemoteCompletion:
    """One learner's course completion."""
    status_block = completion.get("completionstatus") or {}
    completed = bool(status_block.get("completed"))
    status = CompletionStatus.COMPLETED if completed else CompletionStatus.INCOMPLETE
    times = [t for t in (from_unix(c.get("timecompleted"))
                         for c in status_block.get("completions", [])) if t]
    raw = {"completionstatus": dict(status_block),
           "course_grade": dict(course_grade) if course_grade else None}
    return RemoteCompletion(person_from_user(ctx.user), ctx.course_key, None, status,
                            grade_scaled(course_grade) if completed else None,
                            max(times) if completed and times else None, ctx.provenance(raw))
