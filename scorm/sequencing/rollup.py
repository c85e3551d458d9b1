"""The Overall Rollup Process (RB.1.5) and its parts, as the SN book (4th edition) writes them.

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

from scorm.manifest.sequencing import (
    ChildActivitySet,
    ConditionCombination,
    RollupAction,
    RollupCondition,
    RollupConditionType,
    RollupConsideration,
    RollupRule,
    RuleAction,
)
from scorm.sequencing.objectives import (
    GlobalStore,
    read_completion,
    read_primary,
    set_completion,
    set_completion_amount,
    set_primary_measure,
    set_primary_satisfaction,
)
from scorm.sequencing.rules import (
    Tristate,
    attempt_limit_exceeded,
    combine,
    negate,
    sequencing_rules_check_process,
)
from scorm.sequencing.tree import Activity, primary_definition

_ALL = ChildActivitySet.ALL
DEFAULT_RULES = {
    RollupAction.SATISFIED: RollupRule(
        RollupAction.SATISFIED, (RollupCondition(RollupConditionType.SATISFIED),)),
    RollupAction.NOT_SATISFIED: RollupRule(
        RollupAction.NOT_SATISFIED, (RollupCondition(RollupConditionType.OBJECTIVE_STATUS_KNOWN),)),
    RollupAction.COMPLETED: RollupRule(
        RollupAction.COMPLETED, (RollupCondition(RollupConditionType.COMPLETED),)),
    RollupAction.INCOMPLETE: RollupRule(
        RollupAction.INCOMPLETE, (RollupCondition(RollupConditionType.ACTIVITY_PROGRESS_KNOWN),)),
}


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


def objective_rollup_process(activity: Activity, store: GlobalStore) -> None:
    """RB.1.2: by measure when the primary objective is satisfied by measure, else by rules."""
    primary = activity.definition.objectives.primary
    if primary is not None and primary.satisfied_by_measure:
        objective_rollup_using_measure(activity, store)
    elif not activity.is_leaf:
        objective_rollup_using_rules(activity, store)


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


def _rules(activity: Activity, action: RollupAction) -> tuple[RollupRule, ...]:
    return tuple(r for r in activity.definition.rollup_rules.rules if r.action is action)


def _rules_or_default(activity: Activity, pair: tuple[RollupAction, RollupAction],
                      action: RollupAction) -> tuple[RollupRule, ...]:
    defined = [r for r in activity.definition.rollup_rules.rules if r.action in pair]
    if defined:
        return _rules(activity, action)
    return (DEFAULT_RULES[action],)


def objective_rollup_using_rules(activity: Activity, store: GlobalStore) -> None:
    """RB.1.2 b (with RB.1.2 c's defaults when no satisfaction rule is defined)."""
    pair = (RollupAction.SATISFIED, RollupAction.NOT_SATISFIED)
    if rollup_rule_check_subprocess(activity, _rules_or_default(
            activity, pair, RollupAction.NOT_SATISFIED), store):
        set_primary_satisfaction(activity, store, progress=True, satisfied=False)
    if rollup_rule_check_subprocess(activity, _rules_or_default(
            activity, pair, RollupAction.SATISFIED), store):
        set_primary_satisfaction(activity, store, progress=True, satisfied=True)


def activity_progress_rollup_process(activity: Activity, store: GlobalStore) -> None:
    """RB.1.3: by measure when completed by measure (4th edition), else by rules."""
    threshold = activity.completion_threshold
    if threshold is not None and threshold.completed_by_measure:
        state = activity.state
        if not state.attempt_completion_amount_status:
            set_completion(activity, store, progress=False, from_measure=True)
        else:
            set_completion(activity, store, progress=True, from_measure=True, completed=(
                state.attempt_completion_amount >= threshold.min_progress_measure))
        return
    pair = (RollupAction.COMPLETED, RollupAction.INCOMPLETE)
    if rollup_rule_check_subprocess(activity, _rules_or_default(
            activity, pair, RollupAction.INCOMPLETE), store):
        set_completion(activity, store, progress=True, completed=False)
    if rollup_rule_check_subprocess(activity, _rules_or_default(
            activity, pair, RollupAction.COMPLETED), store):
        set_completion(activity, store, progress=True, completed=True)


def rollup_rule_check_subprocess(activity: Activity, rules: tuple[RollupRule, ...],
                                 store: GlobalStore) -> bool:
    """RB.1.4: True when any of the rules applies to the children."""
    for rule in rules:
        bag = [evaluate_rollup_conditions_subprocess(child, rule, store)
               for child in activity.available_children
               if child.is_tracked and check_child_for_rollup_subprocess(child, rule.action, store)]
        if child_set_applies(rule, bag):
            return True
    return False


def child_set_applies(rule: RollupRule, bag: list[Tristate]) -> bool:
    """RB.1.4 steps 1.2.3-1.2.8: does the contributing children bag meet the child activity
    set? (on an empty bag: All and None hold, atLeastPercent does not)"""
    trues = sum(1 for value in bag if value is True)
    unknowns = sum(1 for value in bag if value is None)
    kind = rule.child_activity_set
    if kind is _ALL:
        return trues == len(bag)
    if kind is ChildActivitySet.ANY:
        return trues > 0
    if kind is ChildActivitySet.NONE:
        return trues == 0 and unknowns == 0
    if kind is ChildActivitySet.AT_LEAST_COUNT:
        return trues >= rule.minimum_count
    return bool(bag) and trues / len(bag) >= rule.minimum_percent - 1e-9


def evaluate_rollup_conditions_subprocess(child: Activity, rule: RollupRule,
                                          store: GlobalStore) -> Tristate:
    """RB.1.4.1: the rule's combined conditions for one child (unknown without conditions)."""
    values = [negate(_rollup_condition(child, condition.condition, store), condition.operator)
              for condition in rule.conditions]
    if not values:
        return None
    return combine(values, rule.condition_combination or ConditionCombination.ANY)


def _rollup_condition(child: Activity, kind: RollupConditionType, store: GlobalStore) -> Tristate:
    # rollup rules only count what the child recorded in its parent's current attempt
    view = read_primary(child, store, current_only=True)
    if kind is RollupConditionType.SATISFIED:
        return view.satisfied_status if view.progress_status else None
    if kind is RollupConditionType.OBJECTIVE_STATUS_KNOWN:
        return view.progress_status
    if kind is RollupConditionType.OBJECTIVE_MEASURE_KNOWN:
        return view.measure_status
    progress, completed = read_completion(child, store, current_only=True)
    if kind is RollupConditionType.COMPLETED:
        return completed if progress else None
    if kind is RollupConditionType.ACTIVITY_PROGRESS_KNOWN:
        return child.state.activity_progress_status and progress
    if kind is RollupConditionType.ATTEMPTED:
        return child.state.activity_progress_status and child.state.attempt_count > 0
    if kind is RollupConditionType.ATTEMPT_LIMIT_EXCEEDED:
        return attempt_limit_exceeded(child)
    return False


def _considered(child: Activity, consideration: RollupConsideration, store: GlobalStore) -> bool:
    state = child.state
    if consideration is RollupConsideration.IF_NOT_SUSPENDED:
        return state.activity_progress_status and not (
            state.attempt_count > 0 and state.is_suspended)
    if consideration is RollupConsideration.IF_ATTEMPTED:
        return state.activity_progress_status and state.attempt_count > 0
    if consideration is RollupConsideration.IF_NOT_SKIPPED:
        return sequencing_rules_check_process(child, RuleAction.SKIP, store) is None
    return True


def check_child_for_rollup_subprocess(child: Activity, action: RollupAction,
                                      store: GlobalStore) -> bool:
    """RB.1.4.2: does the child contribute to this kind of rollup?"""
    considerations = child.definition.rollup_considerations
    rollup = child.definition.rollup_rules
    if action in (RollupAction.SATISFIED, RollupAction.NOT_SATISFIED):
        if not rollup.rollup_objective_satisfied:
            return False
        required = (considerations.required_for_satisfied if action is RollupAction.SATISFIED
                    else considerations.required_for_not_satisfied)
    else:
        if not rollup.rollup_progress_completion:
            return False
        required = (considerations.required_for_completed if action is RollupAction.COMPLETED
                    else considerations.required_for_incomplete)
    return _considered(child, required, store)
