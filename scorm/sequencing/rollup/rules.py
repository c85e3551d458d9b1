"""Rollup by rules: RB.1.2 b/c (objective), RB.1.3 (activity progress), the Rollup Rule Check
Subprocess (RB.1.4), Evaluate Rollup Conditions (RB.1.4.1), Check Child for Rollup (RB.1.4.2)."""
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
    set_primary_satisfaction,
)
from scorm.sequencing.rules import (
    Tristate,
    attempt_limit_exceeded,
    combine,
    negate,
    sequencing_rules_check_process,
)
from scorm.sequencing.tree import Activity

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
