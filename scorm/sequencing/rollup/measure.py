"""Measure rollups: RB.1.1 (objective measure), RB.1.1 b (completion measure, 4th edition) and
RB.1.2 a (objective status judged from the measure)."""
from __future__ import annotations

from scorm.sequencing.objectives import (
    GlobalStore,
    read_primary,
    set_completion_amount,
    set_primary_measure,
    set_primary_satisfaction,
)
from scorm.sequencing.tree import Activity


def measure_rollup_process(activity: Activity, store: GlobalStore) -> None:
    """RB.1.1: the weighted average of the children's primary measures."""
    total, counted, valid = 0.0, 0.0, False
    for child in activity.available_children:
        if not child.is_tracked:
            continue
        weight = child.definition.rollup_rules.objective_measure_weight
        counted += weight
        view = read_primary(child, store)
        if view.measure_status:
            total += view.normalized_measure * weight
            valid = True
    if valid and counted > 0:
        set_primary_measure(activity, store, known=True, measure=total / counted)
    else:
        set_primary_measure(activity, store, known=False)


def completion_measure_rollup_process(activity: Activity, store: GlobalStore) -> None:
    """RB.1.1 b (4th edition): the weighted average of the children's progress measures."""
    total, counted, valid = 0.0, 0.0, False
    for child in activity.available_children:
        if not child.is_tracked:
            continue
        threshold = child.completion_threshold
        weight = threshold.progress_weight if threshold is not None else 1.0
        counted += weight
        if child.state.attempt_completion_amount_status:
            total += child.state.attempt_completion_amount * weight
            valid = True
    if valid and counted > 0:
        set_completion_amount(activity, store, known=True, amount=total / counted)
    else:
        set_completion_amount(activity, store, known=False)

def objective_rollup_using_measure(activity: Activity, store: GlobalStore) -> None:
    """RB.1.2 a."""
    primary = activity.definition.objectives.primary
    view = read_primary(activity, store)
    if not view.measure_status:
        set_primary_satisfaction(activity, store, progress=False)
        return
    considerations = activity.definition.rollup_considerations
    if activity.state.is_active and not considerations.measure_satisfaction_if_active:
        set_primary_satisfaction(activity, store, progress=False)
        return
    satisfied = view.normalized_measure >= primary.min_normalized_measure
    set_primary_satisfaction(activity, store, progress=True, satisfied=satisfied)
