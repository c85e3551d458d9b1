"""The Overall Rollup Process (RB.1.5) and its parts, as the SN book (4th edition) writes them.

This package holds RB.1.5 and RB.1.2's dispatch; :mod:`.measure` RB.1.1, RB.1.1 b and RB.1.2 a;
:mod:`.rules` RB.1.2 b/c, RB.1.3 and RB.1.4 with its subprocesses.

- RB.1.5 Overall Rollup Process: from the activity up to the root, each cluster gets its
  measure (RB.1.1), completion measure (RB.1.1 b), objective (RB.1.2) and progress (RB.1.3)
  rolled up from its children; a leaf only gets RB.1.2 (a leaf satisfied by measure).
- RB.1.1 Measure Rollup: the weighted average of the tracked children's primary measures;
  every tracked child's weight counts, measured or not; unknown when no child has a measure
  or the weights sum to zero.
- RB.1.1 b Completion Measure Rollup: the same over the children's progress measures and
  progress weights.
- RB.1.2 a Objective Rollup Using Measure (satisfied by measure): unknown without a measure
  (or while active when measureSatisfactionIfActive is false), else measure >= minimum.
- RB.1.2 b Objective Rollup Using Rules: "not satisfied" rules first, then "satisfied" rules,
  so satisfied wins; a rule that does not fire changes nothing. RB.1.2 c: when the activity
  defines no satisfied/not satisfied rule, the defaults "satisfied if all children satisfied"
  and "not satisfied if all children have a known status".
- RB.1.3 Activity Progress Rollup: by measure when completed by measure, else "incomplete"
  then "completed" rules (defaults: completed if all completed, incomplete if all have
  known progress).
- RB.1.4 Rollup Rule Check: per rule, a bag of True / False / unknown, one per child that is
  tracked and included by RB.1.4.2; children left out are not in the bag at all (not counted
  by atLeastCount, not in atLeastPercent's denominator). All: no False and no unknown in the
  bag; Any: a True; None: no True and no unknown; atLeastCount: #True >= count; atLeastPercent:
  #True / #bag >= percent. An empty bag has no False, True or unknown, so All and None hold on
  it (the book's text, and ADL's sample implementation); atLeastPercent has no percentage of
  an empty bag and does not hold.
- RB.1.4.1 Evaluate Rollup Conditions: each condition True / False / unknown, ``not`` negates
  a known value and keeps unknown unknown; the rule's combination is Kleene and/or; no
  condition at all evaluates to unknown.
- RB.1.4.2 Check Child for Rollup: rollupObjectiveSatisfied / rollupProgressCompletion false
  leaves the child out of that kind of rollup; requiredFor...: ``always``; ``ifAttempted``
  (Activity Progress Status and an attempt); ``ifNotSkipped`` (no skip pre-condition rule
  fires); ``ifNotSuspended`` (Activity Progress Status and not (attempted and suspended)).

The children rolled up are the *available* children (SR.1/SR.2): a child selection left out
of this attempt is not part of the tree for it.
"""
from __future__ import annotations

from scorm.sequencing.objectives import GlobalStore
from scorm.sequencing.rollup.measure import (
    completion_measure_rollup_process,
    measure_rollup_process,
    objective_rollup_using_measure,
)
from scorm.sequencing.rollup.rules import (
    DEFAULT_RULES,
    activity_progress_rollup_process,
    check_child_for_rollup_subprocess,
    child_set_applies,
    evaluate_rollup_conditions_subprocess,
    objective_rollup_using_rules,
    rollup_rule_check_subprocess,
)
from scorm.sequencing.tree import Activity, primary_definition

__all__ = [
    "DEFAULT_RULES", "activity_progress_rollup_process", "check_child_for_rollup_subprocess",
    "child_set_applies", "completion_measure_rollup_process",
    "evaluate_rollup_conditions_subprocess", "measure_rollup_process", "objective_rollup_process",
    "objective_rollup_using_measure", "objective_rollup_using_rules", "overall_rollup_process",
    "rollup_rule_check_subprocess", "rollup_set",
]

_EXTENDED_FIELDS = ("raw_score", "min_score", "max_score", "completion_status",
                    "progress_measure")


def _shared_ids(activity: Activity, direction: str) -> set[str]:
    """The global objectives the primary objective reads (``direction`` "read") or writes."""
    primary = primary_definition(activity)
    if primary is None:
        return set()
    ids = {info.target_objective_id for info in primary.map_info
           if getattr(info, f"{direction}_satisfied_status")
           or getattr(info, f"{direction}_normalized_measure")}
    ids.update(ext.target_objective_id for ext in primary.extended_map_info
               if any(getattr(ext, f"{direction}_{name}") for name in _EXTENDED_FIELDS))
    return ids


def rollup_set(activity: Activity) -> list[Activity]:
    """The activities RB.1.5 rolls up, deepest first: the path to the root, plus the
    ancestors of every activity whose primary objective reads a global objective that the
    path writes, since their children's status changed with it (ADL's deterministic rollup).
    """
    path = activity.path_to_root()
    chosen = {id(node): node for node in path}
    written = set().union(*(_shared_ids(node, "write") for node in path))
    if written:
        for other in path[-1].walk():
            if _shared_ids(other, "read") & written:
                chosen.update((id(node), node) for node in other.path_to_root()[1:])
    return sorted(chosen.values(), key=lambda node: -len(node.path_to_root()))


def overall_rollup_process(activity: Activity, store: GlobalStore) -> None:
    """RB.1.5: roll up from the activity to the root (and the clusters sharing its globals)."""
    for node in rollup_set(activity):
        if not node.is_leaf:
            measure_rollup_process(node, store)
            completion_measure_rollup_process(node, store)
        objective_rollup_process(node, store)
        if not node.is_leaf:
            activity_progress_rollup_process(node, store)

def objective_rollup_process(activity: Activity, store: GlobalStore) -> None:
    """RB.1.2: by measure when the primary objective is satisfied by measure, else by rules."""
    primary = activity.definition.objectives.primary
    if primary is not None and primary.satisfied_by_measure:
        objective_rollup_using_measure(activity, store)
    elif not activity.is_leaf:
        objective_rollup_using_rules(activity, store)

