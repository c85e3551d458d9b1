"""What the player shows for a sequenced (SCORM 2004) attempt: the table of contents with each
activity's status, shown / enabled / hidden as the sequencer says, the navigation controls, and
the ``adl.nav.request_valid`` answers the browser adapter gives the SCO.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scorm.sequencing import NavigationState
from scorm.sequencing.objectives import read_primary

from ..models import Attempt
from .moves import Move
from .runs import SequencingRun, open_run
from .summary import run_at_sco

# The player's buttons: (control, SN request, the hideLMSUI token that hides it)
CONTROLS = (("previous", "previous"), ("continue", "continue"), ("exit", "exit"),
            ("suspendAll", "suspendAll"), ("exitAll", "exitAll"))
# Elements whose change can change what navigation is allowed (mid-session refresh)
_PROGRESS = ("cmi.completion_status", "cmi.success_status", "cmi.score", "cmi.objectives",
             "cmi.progress_measure")


@dataclass(frozen=True)
class TocEntry:
    identifier: str
    title: str
    depth: int
    status: str
    is_current: bool
    is_choosable: bool


@dataclass(frozen=True)
class PlayerView:
    current: str | None  # the delivered activity; None: nothing is shown
    toc: list[TocEntry]
    controls: dict[str, str]  # control -> "enabled" | "disabled" | "hidden"
    request_valid: dict[str, str]

    def to_json(self) -> dict:
        return {"controls": self.controls, "request_valid": self.request_valid,
                "choosable": [entry.identifier for entry in self.toc if entry.is_choosable],
                "statuses": {entry.identifier: entry.status for entry in self.toc},
                "note": progress_note(self), "progress": progress_code(self)}


_DONE = ("passed", "completed")
# The notes in English, for scripts reading the runtime replies; the learner reads them in
# their language (player/wording.py's PROGRESS_NOTES, by the same codes).
_NOTES = {"done_continue": "You have done every part of this module. Continue finishes it and "
                           "shows your results.",
          "done_end": "You have done every part of this module. End this attempt to finish it "
                      "and see your results.",
          "last_part": "This is the last part: pressing Continue finishes the module and shows "
                       "your results."}


def progress_code(view: PlayerView) -> str:
    """What the learner should know about finishing: every part is done ("done_continue",
    "done_end"), or Continue on this last part finishes the module ("last_part"); "" otherwise."""
    if not view.toc:
        return ""
    can_continue = view.controls.get("continue") == "enabled"
    if all(entry.status in _DONE for entry in view.toc):
        return "done_continue" if can_continue else "done_end"
    if view.toc[-1].identifier == view.current and can_continue:
        return "last_part"
    return ""


def progress_note(view: PlayerView) -> str:
    return _NOTES.get(progress_code(view), "")


def _status(run: SequencingRun, activity) -> str:
    state = activity.state
    view = read_primary(activity, run.objectives)
    if view.progress_status:
        return "passed" if view.satisfied_status else "failed"
    if state.attempt_progress_status:
        return "completed" if state.attempt_completion_status else "incomplete"
    return "incomplete" if state.attempt_count else "not attempted"


def _controls(run: SequencingRun, state: NavigationState) -> dict[str, str]:
    active = state.current is not None and run.sequencer.current.state.is_active
    enabled = {"previous": state.previous_enabled, "continue": state.continue_enabled,
               "exit": active, "suspendAll": state.session_active, "exitAll": state.session_active}
    return {name: "hidden" if token in state.hidden_controls
            else "enabled" if enabled[name] else "disabled" for name, token in CONTROLS}


def _toc(run: SequencingRun, state: NavigationState) -> list[TocEntry]:
    entries = []
    for activity in run.sequencer.tree.preorder():
        if activity.is_root and not activity.is_leaf or activity.identifier not in state.visible:
            continue
        depth = len(activity.path_to_root()) - 1
        entries.append(TocEntry(
            activity.identifier, activity.title or activity.identifier, depth,
            _status(run, activity), activity.identifier == state.current,
            activity.identifier in state.choosable and activity.identifier != state.current))
    return entries


def view_of(run: SequencingRun) -> PlayerView:
    """The player's view of a sequencer as it is now."""
    state = run.sequencer.navigation_state()
    current = run.sequencer.current
    shown = current.identifier if current is not None and current.state.is_active else None
    return PlayerView(shown, _toc(run, state), _controls(run, state), dict(state.request_valid))


def player_view(attempt: Attempt) -> PlayerView:
    """The attempt's player view (read only: nothing is stored)."""
    return view_of(open_run(attempt))


def changes_progress(changes: Mapping[str, str]) -> bool:
    """Whether a commit's changes may change what navigation is allowed."""
    return any(key.startswith(_PROGRESS) for key in changes)


def runtime_view(attempt: Attempt, identifier: str) -> PlayerView | None:
    """The view as it would be if the running SCO ``identifier`` terminated now with what it
    stored (tried on a throwaway sequencer); None when the attempt is not sequenced or the
    SCO is not its current delivery."""
    run = run_at_sco(attempt, identifier)
    return view_of(run) if run is not None else None


def last_move(attempt: Attempt) -> Move:
    """What the last navigation of the attempt's sequencing session did."""
    return Move.from_json(open_run(attempt).row.last_move)
