"""Rule evaluation: the Sequencing Rules Check Process (UP.2), its Rule Check Subprocess
(UP.2.1), the Limit Conditions Check Process (UP.1) and the Check Activity Process (UP.5).

Conditions evaluate to True, False or None (unknown); ``not`` keeps unknown unknown, and a rule
fires only when its combined value is True.

- UP.2 Sequencing Rules Check Process: the rules of the asked actions in their manifest order;
  the first whose UP.2.1 evaluates True gives its action, else nil.
- UP.2.1 Sequencing Rule Check Subprocess: each condition against the activity's tracking
  (through the referenced objective and its read maps); ``not`` on a known value; the bag is
  combined as Kleene ``and`` (all) or ``or`` (any); an empty bag is unknown, so a rule without
  a condition never fires.
- A condition that needs a status the tracking does not know is unknown: satisfied without a
  known objective status, completed without known progress, a measure comparison without a
  measure. The "known" conditions (objectiveStatusKnown, objectiveMeasureKnown,
  activityProgressKnown) and attempted are always True or False.
- Exit condition rules (TB.2.1) and post-condition rules (TB.2.2) use the same check on the
  activity after its attempt ended and was rolled up, so they see the rolled-up status.
- UP.5 Check Activity: disabled when a "disabled" pre-condition rule fires or UP.1 finds a
  limit violated; UP.1 judges only a tracked activity that is neither active nor suspended,
  and only its attempt limit (durations and time windows are not tracked).
"""
from __future__ import annotations

from collections.abc import Iterable

from scorm.manifest.sequencing import (
    ConditionCombination,
    ConditionOperator,
    RuleAction,
    RuleCondition,
    RuleConditionType,
    SequencingRule,
)
from scorm.sequencing.objectives import (
    GlobalStore,
    ObjectiveView,
    read_objective,
    read_objective_completion,
)
from scorm.sequencing.tree import Activity

Tristate = bool | None


def combine(values: Iterable[Tristate], combination: ConditionCombination) -> Tristate:
    """All: False wins, then unknown; any: True wins, then unknown."""
    values = list(values)
    if combination is ConditionCombination.ALL:
        if any(value is False for value in values):
            return False
        return None if any(value is None for value in values) else True
    if any(value is True for value in values):
        return True
    return None if any(value is None for value in values) else False


def negate(value: Tristate, operator: ConditionOperator) -> Tristate:
    if operator is ConditionOperator.NOT and value is not None:
        return not value
    return value


def attempt_limit_exceeded(activity: Activity) -> bool:
    limit = activity.definition.limit_conditions.attempt_limit
    state = activity.state
    return (limit is not None and limit > 0 and state.activity_progress_status
            and state.attempt_count >= limit)


def _measure_compare(view, threshold: float, greater: bool) -> Tristate:
    if not view.measure_status:
        return None
    return view.normalized_measure > threshold if greater else view.normalized_measure < threshold


def evaluate_condition(activity: Activity, condition: RuleCondition,
                       store: GlobalStore) -> Tristate:
    """One rule condition against the activity's tracking information (before ``not``)."""
    kind = condition.condition
    objective = activity.objective(condition.referenced_objective) or activity.primary_objective
    if activity.is_tracked:
        view = read_objective(activity, objective, store)
        progress, completed = read_objective_completion(activity, objective, store)
    else:  # an untracked activity has no objective or progress information
        view = ObjectiveView(False, False, False, 0.0)
        progress, completed = False, False
    if kind is RuleConditionType.SATISFIED:
        return view.satisfied_status if view.progress_status else None
    if kind is RuleConditionType.OBJECTIVE_STATUS_KNOWN:
        return view.progress_status
    if kind is RuleConditionType.OBJECTIVE_MEASURE_KNOWN:
        return view.measure_status
    if kind is RuleConditionType.OBJECTIVE_MEASURE_GREATER_THAN:
        return _measure_compare(view, condition.measure_threshold, True)
    if kind is RuleConditionType.OBJECTIVE_MEASURE_LESS_THAN:
        return _measure_compare(view, condition.measure_threshold, False)
    # completion is judged on the referenced objective (4th edition completion maps)
    if kind is RuleConditionType.COMPLETED:
        return completed if progress else None
    if kind is RuleConditionType.ACTIVITY_PROGRESS_KNOWN:
        # judged on the referenced objective's completion, which a global objective may
        # give an activity not yet attempted (4th edition maps; ADL's CO-06, CO-13b)
        return progress
    if kind is RuleConditionType.ATTEMPTED:
        return activity.state.activity_progress_status and activity.state.attempt_count > 0
    if kind is RuleConditionType.ATTEMPT_LIMIT_EXCEEDED:
        return attempt_limit_exceeded(activity)
    if kind is RuleConditionType.ALWAYS:
        return True
    return False  # time limits and available time ranges are not tracked


def sequencing_rule_check_subprocess(activity: Activity, rule: SequencingRule,
                                     store: GlobalStore) -> bool:
    """UP.2.1: does the rule's combined condition evaluate to True? (an empty bag is unknown)"""
    values = [negate(evaluate_condition(activity, condition, store), condition.operator)
              for condition in rule.conditions]
    return bool(values) and combine(values, rule.condition_combination) is True


def _rules_for(activity: Activity, actions: frozenset[RuleAction]) -> tuple[SequencingRule, ...]:
    rules = activity.definition.sequencing_rules
    every = rules.pre_condition + rules.exit_condition + rules.post_condition
    return tuple(rule for rule in every if rule.action in actions)


def sequencing_rules_check_process(activity: Activity, actions: frozenset[RuleAction] | RuleAction,
                                   store: GlobalStore) -> RuleAction | None:
    """UP.2: the action of the first rule (of those actions) that fires, else None."""
    if isinstance(actions, RuleAction):
        actions = frozenset({actions})
    for rule in _rules_for(activity, actions):
        if sequencing_rule_check_subprocess(activity, rule, store):
            return rule.action
    return None


def limit_conditions_check_process(activity: Activity) -> bool:
    """UP.1: True when a limit condition is violated (only the attempt limit is tracked)."""
    if not activity.is_tracked:
        return False
    if activity.state.is_active or activity.state.is_suspended:
        return False
    return attempt_limit_exceeded(activity)


def check_activity_process(activity: Activity, store: GlobalStore) -> bool:
    """UP.5: True when the activity is disabled or violates a limit condition."""
    if sequencing_rules_check_process(activity, RuleAction.DISABLED, store) is not None:
        return True
    return limit_conditions_check_process(activity)
