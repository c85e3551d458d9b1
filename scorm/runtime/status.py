"""Status rules the LMS applies on the SCO's behalf, and what ``cmi.exit`` means for the next launch.

- 2004 ``cmi.completion_status`` (RTE 4.2.4.1): with a completion threshold and a progress
  measure, the status is "completed" when the measure reaches the threshold, else "incomplete";
  with a threshold but no measure, "unknown" (ADL's DMB test, activity 6, checks this).
- 2004 ``cmi.success_status`` (RTE 4.2.22.1): with a scaled passing score and a scaled score,
  "passed" when the score reaches it, else "failed"; with a passing score but no scaled score,
  "unknown".
- 1.2 ``cmi.core.lesson_status`` at LMSFinish (RTE 3.4.4): "not attempted" becomes "completed"
  ("browsed" in browse mode); then, with credit, a mastery score and a raw score, the raw score
  decides "passed" or "failed".
- ``cmi.exit``: "suspend" makes the next launch a resume of the same attempt. In 2004 anything
  else ends the attempt ("logout" is treated as "normal", the 4th edition deprecates it); in 1.2
  a plain exit keeps the attempt with entry "" and "logout"/"time-out" end it.
"""
from __future__ import annotations

from enum import Enum

from scorm.runtime.codes import ScormVersion
from scorm.runtime.launch import Credit, Entry, Mode


class CompletionStatus(Enum):
    COMPLETED = "completed"
    INCOMPLETE = "incomplete"
    NOT_ATTEMPTED = "not attempted"
    UNKNOWN = "unknown"


class SuccessStatus(Enum):
    PASSED = "passed"
    FAILED = "failed"
    UNKNOWN = "unknown"


class LessonStatus(Enum):
    PASSED = "passed"
    COMPLETED = "completed"
    FAILED = "failed"
    INCOMPLETE = "incomplete"
    BROWSED = "browsed"
    NOT_ATTEMPTED = "not attempted"


def evaluate_completion(
    stored: CompletionStatus | None, threshold: float | None, progress: float | None
) -> CompletionStatus:
    """Return the 2004 completion status GetValue reports, given threshold and progress."""
    if threshold is not None:
        if progress is None:
            return CompletionStatus.UNKNOWN
        return CompletionStatus.COMPLETED if progress >= threshold else CompletionStatus.INCOMPLETE
    return stored or CompletionStatus.UNKNOWN


def evaluate_success(
    stored: SuccessStatus | None, passing_score: float | None, scaled_score: float | None
) -> SuccessStatus:
    """Return the 2004 success status GetValue reports, given passing score and scaled score."""
    if passing_score is not None:
        if scaled_score is None:
            return SuccessStatus.UNKNOWN
        return SuccessStatus.PASSED if scaled_score >= passing_score else SuccessStatus.FAILED
    return stored or SuccessStatus.UNKNOWN


def finish_lesson_status(
    status: LessonStatus, *, mode: Mode, credit: Credit, mastery_score: float | None,
    raw_score: float | None,
) -> LessonStatus:
    """Return the 1.2 lesson status after LMSFinish (RTE 3.4.4 additional behaviour)."""
    if status is LessonStatus.NOT_ATTEMPTED:
        status = LessonStatus.BROWSED if mode is Mode.BROWSE else LessonStatus.COMPLETED
    if credit is Credit.CREDIT and mastery_score is not None and raw_score is not None:
        return LessonStatus.PASSED if raw_score >= mastery_score else LessonStatus.FAILED
    return status


def is_suspend(exit_value: str) -> bool:
    """Return whether a ``cmi.exit`` / ``cmi.core.exit`` value suspends the attempt."""
    return exit_value == "suspend"


def next_entry(version: ScormVersion, exit_value: str) -> Entry:
    """Return ``cmi.entry`` for the next launch after a session that ended with ``exit_value``."""
    if is_suspend(exit_value):
        return Entry.RESUME
    if version is ScormVersion.SCORM_12 and exit_value == "":
        return Entry.CONTINUED
    return Entry.AB_INITIO


def ends_attempt(version: ScormVersion, exit_value: str) -> bool:
    """Return whether the learner attempt is over after a session that ended with ``exit_value``.

    In 1.2 a plain exit ("") keeps the attempt open (the next entry is ""); only "logout" and
    "time-out" close it. In 2004 everything but "suspend" closes it.
    """
    if version is ScormVersion.SCORM_12:
        return exit_value in ("logout", "time-out")
    return not is_suspend(exit_value)
