"""Local objectives read through and written to global objectives (``mapInfo``, 4th-ed
``adlseq:mapInfo``), and the global objective store interface.

The store is any ``MutableMapping[str, GlobalObjective]`` keyed by target objective id: a dict
per learner in tests, a persisted mapping in the server.

Reads (SN book 4th ed., objective progress information through a map) are applied whenever a
process looks at an objective: with ``readSatisfiedStatus`` the global decides the satisfied
status, unknown included (a learner's globals exist from the start, unknown, as in ADL's
LMS), likewise ``readNormalizedMeasure`` the measure; a satisfied-by-measure objective then
judges its status from that measure. Each objective reads only through its own maps: a
non-primary objective's read never changes the primary objective.

Writes carry only the value just set (status, measure, or one 4th-edition field), from the
activity's own tracking: the SCO's reported data at Terminate, the End Attempt defaults
(UP.4) and rollup (RB.1.1-RB.1.3). Another value of the same local objective, possibly older
than what another activity wrote to the global since, is never written along with it. A new
attempt resets the local objectives (tracking.ActivityState.reset_attempt) and writes
nothing: the globals keep their values.
"""
from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass

from scorm.manifest.sequencing import Objective
from scorm.sequencing.tracking import GlobalObjective, ObjectiveState
from scorm.sequencing.tree import Activity

GlobalStore = MutableMapping[str, GlobalObjective]


@dataclass(frozen=True)
class ObjectiveView:
    """The effective objective progress information a rule or rollup sees."""

    progress_status: bool
    satisfied_status: bool
    measure_status: bool
    normalized_measure: float


def _definition(activity: Activity, objective: ObjectiveState) -> Objective | None:
    for definition in activity.objective_definitions():
        if definition.objective_id == objective.objective_id and (
                objective is not activity.primary_objective or definition.is_primary):
            return definition
    return None


def read_objective(activity: Activity, objective: ObjectiveState, store: GlobalStore, *,
                   current_only: bool = False) -> ObjectiveView:
    """The objective's status and measure with every read map applied (``current_only``:
    local values recorded before the parent's current attempt count as unknown)."""
    progress, satisfied = objective.progress_status, objective.satisfied_status
    measure_known, measure = objective.measure_status, objective.normalized_measure
    if current_only and activity.state.objectives_from_earlier_attempt:
        progress = measure_known = False
    definition = _definition(activity, objective)
    for info in definition.map_info if definition is not None else ():
        # a read map makes the global decide, unknown included (as in ADL's LMS, whose
        # learner's globals all exist from registration on): the local value is not used
        shared = store.get(info.target_objective_id) or GlobalObjective()
        if info.read_satisfied_status:
            progress, satisfied = shared.satisfied_known, shared.satisfied
        if info.read_normalized_measure:
            measure_known, measure = shared.measure_known, shared.measure
    if definition is not None and definition.satisfied_by_measure:
        # status comes from the measure alone (RB.1.2 a), also when read through a global;
        # an active activity only judges it when measureSatisfactionIfActive allows
        considerations = activity.definition.rollup_considerations
        judged = not activity.state.is_active or considerations.measure_satisfaction_if_active
        progress = measure_known and judged
        satisfied = progress and measure >= definition.min_normalized_measure
    return ObjectiveView(progress, satisfied, measure_known, measure)


def read_primary(activity: Activity, store: GlobalStore, *,
                 current_only: bool = False) -> ObjectiveView:
    return read_objective(activity, activity.primary_objective, store, current_only=current_only)


def _shared(store: GlobalStore, target: str) -> GlobalObjective:
    shared = store.get(target)
    if shared is None:
        shared = GlobalObjective()
    return shared


SATISFACTION = "satisfied_status"
MEASURE = "normalized_measure"


def write_objective(activity: Activity, objective: ObjectiveState, store: GlobalStore,
                    fields: Iterable[str]) -> None:
    """Copy the named fields of the local objective to every global objective whose map
    writes them (``SATISFACTION``, ``MEASURE`` or a 4th-edition extended field name).

    Only what was just set is written: a value another activity wrote to the global since
    is not overwritten by an unrelated, older local value (SN book 4th ed., objective maps:
    the write happens when the local objective's value is set).
    """
    fields = frozenset(fields)
    definition = _definition(activity, objective)
    if definition is None or not fields:
        return
    for info in definition.map_info:
        satisfied = SATISFACTION in fields and info.write_satisfied_status
        measure = MEASURE in fields and info.write_normalized_measure
        if not (satisfied or measure):
            continue
        shared = _shared(store, info.target_objective_id)
        if satisfied:
            shared.satisfied_known = objective.progress_status
            shared.satisfied = objective.satisfied_status
        if measure:
            shared.measure_known = objective.measure_status
            shared.measure = objective.normalized_measure
        store[info.target_objective_id] = shared
    for ext in definition.extended_map_info:
        names = [name for name in _EXTENDED if name in fields and getattr(ext, f"write_{name}")
                 and getattr(objective, name) is not None]
        if names:
            shared = _shared(store, ext.target_objective_id)
            for name in names:
                setattr(shared, name, getattr(objective, name))
            store[ext.target_objective_id] = shared


_EXTENDED = ("raw_score", "min_score", "max_score", "completion_status", "progress_measure")


def read_extended(activity: Activity, objective: ObjectiveState, store: GlobalStore, *,
                  current_only: bool = False) -> dict:
    """The 4th-edition fields (raw/min/max score, completion, progress) read from globals."""
    stale = current_only and activity.state.progress_from_earlier_attempt
    values = {name: None if stale else getattr(objective, name) for name in _EXTENDED}
    definition = _definition(activity, objective)
    for ext in definition.extended_map_info if definition is not None else ():
        shared = store.get(ext.target_objective_id)
        if shared is None:
            continue
        for name in values:
            if getattr(ext, f"read_{name}") and getattr(shared, name) is not None:
                values[name] = getattr(shared, name)
    return values


def set_primary_satisfaction(activity: Activity, store: GlobalStore, *,
                             progress: bool, satisfied: bool = False) -> None:
    """Set the primary objective's status and write it (only it) through the maps."""
    objective = activity.primary_objective
    objective.progress_status, objective.satisfied_status = progress, satisfied
    write_objective(activity, objective, store, (SATISFACTION,))


def set_primary_measure(activity: Activity, store: GlobalStore, *,
                        known: bool, measure: float = 0.0) -> None:
    """Set the primary objective's measure and write it (only it) through the maps; an
    unknown measure is written too (a rollup that finds no measure clears the global)."""
    objective = activity.primary_objective
    objective.measure_status, objective.normalized_measure = known, measure
    write_objective(activity, objective, store, (MEASURE,))


def _completion_from_text(status: str | None) -> tuple[bool, bool] | None:
    if status in ("completed", "incomplete", "not attempted"):
        return True, status == "completed"
    if status == "unknown":
        return False, False
    return None


def read_objective_completion(activity: Activity, objective: ObjectiveState,
                              store: GlobalStore, *,
                              current_only: bool = False) -> tuple[bool, bool]:
    """(progress known, completed) of an objective, read maps applied (``current_only``: as
    for :func:`read_objective`).

    The primary objective's completion is the activity's attempt completion (4th edition);
    another objective only has the completion status its maps or the SCO gave it.
    """
    extended = read_extended(activity, objective, store, current_only=current_only)
    stale = current_only and activity.state.progress_from_earlier_attempt
    own = None if stale else objective.completion_status
    if objective is activity.primary_objective:
        threshold = activity.completion_threshold
        if threshold is not None and threshold.completed_by_measure:
            # completed by measure: judged from the (possibly read) progress measure
            amount = extended["progress_measure"]
            if amount is None:
                return False, False
            return True, amount >= threshold.min_progress_measure
        local = (activity.state.attempt_progress_status, activity.state.attempt_completion_status)
        local = (False, False) if stale else local
    else:
        local = _completion_from_text(own) or (False, False)
    status = extended["completion_status"]
    if status is not None and status != own:
        return _completion_from_text(status) or local
    return local


def read_completion(activity: Activity, store: GlobalStore, *,
                    current_only: bool = False) -> tuple[bool, bool]:
    """(attempt progress status, attempt completion status), read maps applied."""
    return read_objective_completion(activity, activity.primary_objective, store,
                                     current_only=current_only)


def set_completion(activity: Activity, store: GlobalStore, *,
                   progress: bool, completed: bool = False, from_measure: bool = False) -> None:
    """Set the attempt's completion and write it through the primary objective's maps.

    An activity completed by measure only takes a completion derived from its progress
    measure (``from_measure``); other settings (defaults, rollup rules) leave it alone.
    """
    threshold = activity.completion_threshold
    if threshold is not None and threshold.completed_by_measure and not from_measure:
        return
    state = activity.state
    state.attempt_progress_status, state.attempt_completion_status = progress, completed
    objective = activity.primary_objective
    objective.completion_status = (
        ("completed" if completed else "incomplete") if progress else "unknown")
    write_objective(activity, objective, store, ("completion_status",))


def set_completion_amount(activity: Activity, store: GlobalStore, *,
                          known: bool, amount: float = 0.0) -> None:
    state = activity.state
    state.attempt_completion_amount_status, state.attempt_completion_amount = known, amount
    activity.primary_objective.progress_measure = amount if known else None
    write_objective(activity, activity.primary_objective, store, ("progress_measure",))
