"""What the LMS tells a SCO at launch (:class:`LaunchContext`), and how it maps onto elements."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from scorm.runtime.codes import ScormVersion


class Credit(Enum):
    CREDIT = "credit"
    NO_CREDIT = "no-credit"


class Mode(Enum):
    NORMAL = "normal"
    BROWSE = "browse"
    REVIEW = "review"


class Entry(Enum):
    AB_INITIO = "ab-initio"
    RESUME = "resume"
    CONTINUED = ""  # neither the first session of an attempt nor a resumed one


class TimeLimitAction(Enum):
    EXIT_MESSAGE = "exit,message"
    EXIT_NO_MESSAGE = "exit,no message"
    CONTINUE_MESSAGE = "continue,message"
    CONTINUE_NO_MESSAGE = "continue,no message"


@dataclass(frozen=True)
class LmsComment:
    """One 2004 ``cmi.comments_from_lms.n`` record (1.2 joins the texts into one string)."""

    comment: str
    location: str = ""
    timestamp: str = ""


@dataclass(frozen=True)
class SharedDataMap:
    """One 2004 ``adl.data.n`` record: a shared store the SCO reads and/or writes."""

    target_id: str
    readable: bool = True
    writable: bool = True
    store: str | None = None


@dataclass(frozen=True)
class LaunchContext:
    """Everything the LMS supplies for one launch of one SCO.

    ``mastery_score`` is SCORM 1.2's 0-100 score, ``scaled_passing_score`` 2004's -1..1 one;
    ``max_time_allowed`` is written in the version's own interval format. ``preferences`` gives
    learner-preference defaults by short name (``audio_level``, ``language``... in 2004,
    ``audio``, ``language``, ``speed``, ``text`` in 1.2). ``nav_request_valid`` maps
    ``continue``, ``previous``, ``choice.{target=ID}`` and ``jump.{target=ID}`` to
    "true"/"false"; anything missing reads as "unknown".
    """

    learner_id: str = ""
    learner_name: str = ""
    credit: Credit = Credit.CREDIT
    mode: Mode = Mode.NORMAL
    entry: Entry = Entry.AB_INITIO
    launch_data: str | None = None
    mastery_score: float | None = None
    scaled_passing_score: float | None = None
    completion_threshold: float | None = None
    max_time_allowed: str | None = None
    time_limit_action: TimeLimitAction = TimeLimitAction.CONTINUE_NO_MESSAGE
    comments_from_lms: tuple[LmsComment, ...] = ()
    preferences: Mapping[str, str] = field(default_factory=dict)
    shared_data: tuple[SharedDataMap, ...] = ()
    nav_request_valid: Mapping[str, str] = field(default_factory=dict)


def format_number(number: float) -> str:
    """Return ``number`` as SCORM writes decimals: no exponent, no trailing ``.0``."""
    text = f"{number:.7f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _optional(values: dict[str, str], element: str, value: object) -> None:
    if value is not None:
        values[element] = format_number(value) if isinstance(value, float | int) else str(value)


def _values_12(launch: LaunchContext) -> dict[str, str]:
    values = {
        "cmi.core.student_id": launch.learner_id,
        "cmi.core.student_name": launch.learner_name,
        "cmi.core.credit": launch.credit.value,
        "cmi.core.lesson_mode": launch.mode.value,
        "cmi.core.entry": launch.entry.value,
        "cmi.student_data.time_limit_action": launch.time_limit_action.value,
        "cmi.comments_from_lms": "\n".join(c.comment for c in launch.comments_from_lms),
    }
    _optional(values, "cmi.launch_data", launch.launch_data)
    _optional(values, "cmi.student_data.mastery_score", launch.mastery_score)
    _optional(values, "cmi.student_data.max_time_allowed", launch.max_time_allowed)
    for name, value in launch.preferences.items():
        values[f"cmi.student_preference.{name}"] = value
    return values


def _values_2004(launch: LaunchContext) -> dict[str, str]:
    values = {
        "cmi.learner_id": launch.learner_id,
        "cmi.learner_name": launch.learner_name,
        "cmi.credit": launch.credit.value,
        "cmi.mode": launch.mode.value,
        "cmi.entry": launch.entry.value,
        "cmi.time_limit_action": launch.time_limit_action.value,
    }
    _optional(values, "cmi.launch_data", launch.launch_data)
    _optional(values, "cmi.scaled_passing_score", launch.scaled_passing_score)
    _optional(values, "cmi.completion_threshold", launch.completion_threshold)
    _optional(values, "cmi.max_time_allowed", launch.max_time_allowed)
    for index, comment in enumerate(launch.comments_from_lms):
        prefix = f"cmi.comments_from_lms.{index}"
        values[f"{prefix}.comment"] = comment.comment
        _optional(values, f"{prefix}.location", comment.location or None)
        _optional(values, f"{prefix}.timestamp", comment.timestamp or None)
    for index, shared in enumerate(launch.shared_data):
        values[f"adl.data.{index}.id"] = shared.target_id
        _optional(values, f"adl.data.{index}.store", shared.store)
    for name, value in launch.preferences.items():
        values[f"cmi.learner_preference.{name}"] = value
    return values


def launch_values(version: ScormVersion, launch: LaunchContext) -> dict[str, str]:
    """Return the element values the LMS supplies for this launch (read-only ones included)."""
    return _values_12(launch) if version is ScormVersion.SCORM_12 else _values_2004(launch)
