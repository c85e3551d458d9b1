"""What happens after a delivery (FORMAT.md §9): the SCO's own navigation request at
Terminate, or the tester's instruction (``CUI``), which wins over a pending SCO request."""
from __future__ import annotations

from typing import TYPE_CHECKING

from scorm.sequencing import SequencingOutcome

if TYPE_CHECKING:
    from scorm.conformance.driver import ScriptRun

_STANDARD_TERMINATES = True
_UI_EVENTS = {"Continue": "continue", "Previous": "previous"}
_RELAUNCH = ("Relaunch", "ReLaunch", "DMBx", "autoendrelaunch", "exitlaunch")


def _sco_request_first(run: ScriptRun) -> SequencingOutcome | None:
    """A standard page terminates at once: its request is processed before the tester acts."""
    from scorm.conformance.driver import _STAYS_ACTIVE
    if run.active is None or run.active[1] in _STAYS_ACTIVE:
        return None
    request = run._unload()
    if request in ("", "_none_"):
        return None
    return run._navigate(request)


def _ui_request(run: ScriptRun, request: str, target: str | None = None) -> SequencingOutcome:
    run._unload()  # the learner's event wins: the SCO's pending request is dropped
    return run._navigate(request, target)


def _relaunch_target(run: ScriptRun, cui: str) -> tuple[str, str | None]:
    key, _, parameter = cui.partition("~")
    if key in ("exitlaunch", "autoendrelaunch"):
        return parameter, None
    if key.startswith(("ReLaunchDDM",)):
        return key.removeprefix("ReLaunch"), None
    if key == "RelaunchCM10":
        return run.package_name, "Activity 4"
    if key == "DMBxAct":
        return run.package_name, "Data Model Behavior Test 1"
    return run.package_name, None


def perform_instruction(run: ScriptRun, cui: str) -> SequencingOutcome:
    """Carry out the instruction after a (non-final) entry; return what it delivered."""
    outcome = _sco_request_first(run)
    if outcome is not None and (outcome.delivered is not None or not cui):
        return outcome
    key, _, parameter = cui.partition("~")
    if not cui:
        request = run._unload()
        return run._navigate(request) if request not in ("", "_none_") else SequencingOutcome()
    if key in _UI_EVENTS:
        return _ui_request(run, _UI_EVENTS[key])
    if key == "Choice" or key == "RootSX4b" or key.startswith(("APIt", "DMIt")):
        return _choice(run, key, parameter)
    if key == "ContinueExitCM8":
        ended = _ui_request(run, "continue")
        return ended if ended.delivered else run._launch(run.package_name, None)
    if key == "ExitCM09ba":
        _ui_request(run, "exitAll")
        return run._launch(run.package_name, None)
    if key == "SuspendCM09ca":
        _ui_request(run, "suspendAll")
        return run._launch(run.package_name, None)
    if key.startswith(_RELAUNCH):
        run._unload()
        name, title = _relaunch_target(run, cui)
        return run._launch(name, title)
    return _ui_request(run, "exitAll")


def _choice(run: ScriptRun, key: str, parameter: str) -> SequencingOutcome:
    if key == "RootSX4b":
        run._unload()
        title = "the activity that corresponds to the root"
    elif key.startswith("APIt"):
        title = f"API Implementation Test {key[-1]}"
    elif key.startswith("DMIt"):
        title = f"Data Model Implementation Test {key[-1]}"
    else:
        title = parameter
    return _ui_request(run, "choice", run._target(title))


def perform_final_instruction(run: ScriptRun, cui: str) -> None:
    """The last entry's instruction; afterwards nothing more may be delivered."""
    from scorm.conformance.driver import Divergence
    outcome = _sco_request_first(run)
    key, _, parameter = cui.partition("~")
    if outcome is None or outcome.delivered is None:
        if key == "ChoiceExit":
            outcome = _ui_request(run, "choice", run._target(parameter))
        elif key in ("HasEnded", "AutoTest"):
            request = run._unload()
            outcome = (run._navigate(request) if request not in ("", "_none_")
                       else SequencingOutcome())
        else:
            outcome = _ui_request(run, "exitAll")
    if outcome.delivered is not None:
        act = run.package.items.get(outcome.delivered)
        raise Divergence(f"the LMS launched activity {act.act if act else outcome.delivered} "
                         f"after the last entry ({cui or 'no instruction'})")
    if "uInteractionTT" in run.script.test_type and run.sequencer.session_active:
        raise Divergence("the sequencing session did not end")
