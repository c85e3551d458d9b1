"""Between the run-time data model and the tracking model.

At delivery, :func:`launch_values` gives what the SCO's ``RuntimeSession`` starts with: its
suspended data when it resumes, else its objectives with the values read through global
objectives, and the launch context fields the sequencing definition implies. At Terminate,
:func:`record_runtime_data` maps the SCO's data onto the activity (RTE book 4.2, "mapping to
the tracking model").
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scorm.runtime.launch import Entry, format_number
from scorm.sequencing.objectives import (
    MEASURE,
    SATISFACTION,
    GlobalStore,
    read_extended,
    read_objective,
    set_completion,
    set_completion_amount,
    set_primary_measure,
    set_primary_satisfaction,
    write_objective,
)
from scorm.sequencing.tracking import ObjectiveState
from scorm.sequencing.tree import Activity

_ABANDONING = ("abandon", "abandonAll")


@dataclass(frozen=True)
class LaunchValues:
    """The run-time data a delivered SCO starts with, and the launch context fields."""

    initial_state: dict[str, str] = field(default_factory=dict)
    entry: Entry = Entry.AB_INITIO
    scaled_passing_score: float | None = None
    completion_threshold: float | None = None
    max_time_allowed: str | None = None
    launch_data: str | None = None
    time_limit_action: str | None = None


def _objective_values(activity: Activity, objective: ObjectiveState, store: GlobalStore,
                      prefix: str) -> dict[str, str]:
    values = {f"{prefix}.id": objective.objective_id or ""}
    view = read_objective(activity, objective, store)
    if view.progress_status:
        values[f"{prefix}.success_status"] = "passed" if view.satisfied_status else "failed"
    if view.measure_status:
        values[f"{prefix}.score.scaled"] = format_number(view.normalized_measure)
    extended = read_extended(activity, objective, store)
    for name, element in (("raw_score", "score.raw"), ("min_score", "score.min"),
                          ("max_score", "score.max"), ("completion_status", "completion_status")):
        # an unknown completion is left unset (it reads as unknown): whatever the data holds
        # at Terminate was then reported by the SCO
        if extended[name] not in (None, "unknown"):
            values[f"{prefix}.{element}"] = extended[name]
    if extended["progress_measure"] is not None:
        values[f"{prefix}.progress_measure"] = format_number(extended["progress_measure"])
    return values


def _refreshed_objectives(activity: Activity, state: dict[str, str],
                          store: GlobalStore) -> dict[str, str]:
    """A resumed SCO's objectives take the values tracking holds now (globals may have
    changed since it was suspended), as ADL's LMS does."""
    indices = {value: key.split(".")[2] for key, value in state.items()
               if key.startswith("cmi.objectives.") and key.endswith(".id")}
    for objective in activity.state.objectives:
        index = indices.get(objective.objective_id or "")
        if index is not None:
            state.update(_objective_values(activity, objective, store, f"cmi.objectives.{index}"))
    return state


def launch_values(activity: Activity, store: GlobalStore, *, resumed: bool) -> LaunchValues:
    """What the runtime needs to launch ``activity`` (``resumed``: its attempt was suspended)."""
    if resumed and activity.state.runtime_state is not None:
        state = _refreshed_objectives(activity, dict(activity.state.runtime_state), store)
    else:
        state = {}
        named = [obj for obj in activity.state.objectives if obj.objective_id is not None]
        for index, objective in enumerate(named):
            state.update(_objective_values(activity, objective, store, f"cmi.objectives.{index}"))
    primary = activity.definition.objectives.primary
    threshold = activity.completion_threshold
    item = activity.item
    return LaunchValues(
        initial_state=state,
        entry=Entry.RESUME if resumed else Entry.AB_INITIO,
        scaled_passing_score=(primary.min_normalized_measure
                              if primary is not None and primary.satisfied_by_measure else None),
        completion_threshold=(threshold.min_progress_measure
                              if threshold is not None and threshold.completed_by_measure else None),
        max_time_allowed=activity.definition.limit_conditions.attempt_absolute_duration_limit,
        launch_data=item.data_from_lms if item is not None else None,
        time_limit_action=(item.time_limit_action.value
                           if item is not None and item.time_limit_action is not None else None),
    )


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _objective_definition(activity: Activity, objective: ObjectiveState):
    for definition in activity.objective_definitions():
        if definition.objective_id == objective.objective_id:
            return definition
    return None


def _record_objective(activity: Activity, objective: ObjectiveState, store: GlobalStore,
                      data: Mapping[str, str], prefix: str) -> None:
    is_primary = objective is activity.primary_objective
    definition = _objective_definition(activity, objective)
    by_measure = definition is not None and definition.satisfied_by_measure
    success = data.get(f"{prefix}.success_status")
    written: set[str] = set()  # only what the SCO reported goes through the write maps
    if success in ("passed", "failed") and not by_measure:  # by measure: the measure decides
        objective.progress_status, objective.satisfied_status = True, success == "passed"
        written.add(SATISFACTION)
    scaled = _number(data.get(f"{prefix}.score.scaled"))
    if scaled is not None:
        objective.measure_status, objective.normalized_measure = True, scaled
        written.add(MEASURE)
        if by_measure:
            objective.progress_status = True
            objective.satisfied_status = scaled >= definition.min_normalized_measure
            written.add(SATISFACTION)
    for name, element in (("raw_score", "score.raw"), ("min_score", "score.min"),
                          ("max_score", "score.max")):
        if data.get(f"{prefix}.{element}") not in (None, ""):
            setattr(objective, name, data[f"{prefix}.{element}"])
            written.add(name)
    write_objective(activity, objective, store, written)
    completion = data.get(f"{prefix}.completion_status")
    progress = _number(data.get(f"{prefix}.progress_measure"))
    if is_primary:  # the primary objective's completion is the attempt's (4th edition)
        _record_completion(activity, store, completion, progress)
        return
    if completion is not None:
        # "not attempted" is incomplete; an explicit unknown clears the shared status too
        objective.completion_status = (completion if completion in ("completed", "unknown")
                                       else "incomplete")
    if progress is not None:
        objective.progress_measure = progress
    write_objective(activity, objective, store, ("completion_status", "progress_measure"))


def _record_completion(activity: Activity, store: GlobalStore, completion: str | None,
                       progress: float | None) -> None:
    """The attempt's completion as the SCO reported it (None: not reported at all)."""
    if completion in ("completed", "incomplete", "not attempted"):
        set_completion(activity, store, progress=True, completed=completion == "completed")
    elif completion == "unknown":
        activity.state.completion_reported = True
        set_completion(activity, store, progress=False)
    if progress is None:
        return
    set_completion_amount(activity, store, known=True, amount=progress)
    threshold = activity.completion_threshold
    if threshold is not None and threshold.completed_by_measure:
        set_completion(activity, store, progress=True, from_measure=True,
                       completed=progress >= threshold.min_progress_measure)


def _record_objectives(activity: Activity, store: GlobalStore, data: Mapping[str, str]) -> None:
    from scorm.manifest import normalize_objective_id
    count = 0
    while f"cmi.objectives.{count}.id" in data:
        count += 1
    for index in range(count):
        prefix = f"cmi.objectives.{index}"
        objective = activity.objective(normalize_objective_id(data[f"{prefix}.id"]))
        if objective is not None and objective.objective_id is not None:
            _record_objective(activity, objective, store, data, prefix)


def record_runtime_data(activity: Activity, store: GlobalStore, data: Mapping[str, str], *,
                        exit_value: str = "", nav_request: str = "_none_") -> None:
    """Map a terminated SCO's data onto its activity (nothing when it abandons)."""
    if nav_request in _ABANDONING:
        return
    activity.state.runtime_state = dict(data)
    activity.state.is_suspended = exit_value == "suspend"
    if not activity.is_tracked:  # an untracked activity's data never reaches tracking
        return
    _record_objectives(activity, store, data)
    # an element absent from the data was never reported by the SCO
    completion = data.get("cmi.completion_status")
    _record_completion(activity, store, completion, _number(data.get("cmi.progress_measure")))
    success = data.get("cmi.success_status")
    primary = activity.definition.objectives.primary
    by_measure = primary is not None and primary.satisfied_by_measure
    if success in ("passed", "failed") and not by_measure:
        set_primary_satisfaction(activity, store, progress=True, satisfied=success == "passed")
    elif success == "unknown" and not by_measure:
        activity.state.success_reported = True
        set_primary_satisfaction(activity, store, progress=False)
    scaled = _number(data.get("cmi.score.scaled"))
    if scaled is not None:
        set_primary_measure(activity, store, known=True, measure=scaled)
