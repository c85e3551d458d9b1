"""What the LMS does with a SCO's data when the session ends (Terminate / LMSFinish).

:func:`finish_session` is pure: given the stored state after the last commit, it adds the
session time to the total time, applies the status rules of :mod:`scorm.runtime.status`, drops
the per-session elements (session time, exit, navigation request) and says how the next
launch enters. The server calls it when an attempt's session ends; :class:`RuntimeSession`
calls it at Terminate.
"""
from __future__ import annotations

from dataclasses import dataclass

from scorm.runtime import status, timing
from scorm.runtime.codes import ScormVersion
from scorm.runtime.datamodel import DataModel, read_element
from scorm.runtime.launch import Entry, LaunchContext

_SESSION_ONLY = {
    ScormVersion.SCORM_12: ("cmi.core.session_time", "cmi.core.exit"),
    ScormVersion.SCORM_2004: ("cmi.session_time", "cmi.exit", "adl.nav.request"),
}


@dataclass(frozen=True)
class SessionOutcome:
    """The result of ending one session: state to keep and how the next launch starts.

    ``shared_data`` holds the ``adl.data`` stores written in the session, by target id: they
    belong to the learner's global stores, not to this SCO's state, and are left out of it.
    """

    state: dict[str, str]
    shared_data: dict[str, str]
    exit: str
    nav_request: str
    next_entry: Entry
    ends_attempt: bool


def _number(text: str | None) -> float | None:
    return float(text) if text not in (None, "") else None


def _finish_12(state: dict[str, str], launch: LaunchContext) -> None:
    if "cmi.core.session_time" in state:
        state["cmi.core.total_time"] = timing.add_timespans(
            state.get("cmi.core.total_time", ""), state["cmi.core.session_time"]
        )
    lesson_status = status.finish_lesson_status(
        status.LessonStatus(state.get("cmi.core.lesson_status", "not attempted")),
        mode=launch.mode,
        credit=launch.credit,
        mastery_score=launch.mastery_score,
        raw_score=_number(state.get("cmi.core.score.raw")),
    )
    state["cmi.core.lesson_status"] = lesson_status.value


def _finish_2004(state: dict[str, str], launch: LaunchContext) -> None:
    if "cmi.session_time" in state:
        state["cmi.total_time"] = timing.add_durations(
            state.get("cmi.total_time", ""), state["cmi.session_time"]
        )
    model = DataModel.build(ScormVersion.SCORM_2004, state, launch)
    for element in ("cmi.completion_status", "cmi.success_status"):
        value = read_element(model, element)
        # an unset status stays unset, so the LMS can tell "never reported" (the sequencer
        # then applies its end-of-attempt defaults) from a SCO that explicitly said unknown
        if element in state or value != "unknown":
            state[element] = value


def _take_shared_data(state: dict[str, str], launch: LaunchContext) -> dict[str, str]:
    written = {}
    for index, shared in enumerate(launch.shared_data):
        state.pop(f"adl.data.{index}.id", None)
        value = state.pop(f"adl.data.{index}.store", None)
        if value is not None and shared.writable:
            written[shared.target_id] = value
    return written


def finish_session(
    version: ScormVersion, state: dict[str, str], launch: LaunchContext
) -> SessionOutcome:
    """Return the state to keep after a session ends and how the next launch enters.

    Raises DurationFormatError if a stored time interval is malformed (it cannot be when the
    state was built through SetValue or :func:`scorm.runtime.commit.apply_commit`).
    """
    kept = dict(state)
    if version is ScormVersion.SCORM_12:
        _finish_12(kept, launch)
        exit_value, nav_request = kept.get("cmi.core.exit", ""), "_none_"
    else:
        _finish_2004(kept, launch)
        exit_value = kept.get("cmi.exit", "")
        nav_request = kept.get("adl.nav.request", "_none_")
    for element in _SESSION_ONLY[version]:
        kept.pop(element, None)
    return SessionOutcome(
        state=kept,
        shared_data=_take_shared_data(kept, launch),
        exit=exit_value,
        nav_request=nav_request,
        next_entry=status.next_entry(version, exit_value),
        ends_attempt=status.ends_attempt(version, exit_value),
    )
