"""Rollup (SN book RB.1.1-RB.1.5) as tables written from the book's text: each condition with
and without ``not``, each child activity set over contributing and left-out children, each
rollup consideration, measure weights, selection, and clusters nested three deep."""
from __future__ import annotations

import pytest

from scorm.manifest.sequencing import ChildActivitySet, RollupAction, RollupRule
from scorm.sequencing.rollup import (
    check_child_for_rollup_subprocess,
    child_set_applies,
    measure_rollup_process,
    overall_rollup_process,
)
from tests.scorm.sequencing.trees import (
    FLOW,
    TRACKED_FALSE,
    rollup_rule,
    rollup_rules,
    seq_rule,
    set_status,
    status,
    tree,
)

T, F, U = True, False, None

# (condition, the child's state, what the condition evaluates to on it), from the book's
# tracking model: a status that is not known makes satisfied/completed unknown, while the
# "known" conditions and attempted are always True or False.
CONDITIONS = [
    ("satisfied", {"satisfied": True}, T),
    ("satisfied", {"satisfied": False}, F),
    ("satisfied", {}, U),
    ("objectiveStatusKnown", {"satisfied": False}, T),
    ("objectiveStatusKnown", {}, F),
    ("objectiveMeasureKnown", {"measure": 0.5}, T),
    ("objectiveMeasureKnown", {}, F),
    ("completed", {"completed": True}, T),
    ("completed", {"completed": False}, F),
    ("completed", {}, U),
    ("activityProgressKnown", {"completed": False}, T),
    ("activityProgressKnown", {}, F),
    ("activityProgressKnown", {"completed": True, "attempted": False}, F),
    ("attempted", {}, T),
    ("attempted", {"attempted": False}, F),
]


def negated(value: bool | None, operator: str) -> bool | None:
    return (not value if value is not None else None) if operator == "not" else value


@pytest.mark.parametrize("operator", ["noOp", "not"])
@pytest.mark.parametrize(("condition", "child", "value"), CONDITIONS)
def test_each_rollup_condition_with_and_without_not(condition, child, value, operator):
    seq = tree(("c", FLOW + rollup_rules(rollup_rule("satisfied", condition, operator=operator)),
                [("a", "")]))
    set_status(seq.activity("a"), **child)
    overall_rollup_process(seq.activity("a"), seq.context.store)
    fires = negated(value, operator) is True  # not(unknown) is unknown: never fires
    assert status(seq.activity("c"))[0] == (True if fires else None)


def combined(combination: str, child_set: str) -> str:
    return (f'<imsss:rollupRules><imsss:rollupRule childActivitySet="{child_set}">'
            f'<imsss:rollupConditions conditionCombination="{combination}">'
            '<imsss:rollupCondition condition="satisfied"/>'
            '<imsss:rollupCondition condition="completed"/></imsss:rollupConditions>'
            '<imsss:rollupAction action="satisfied"/></imsss:rollupRule></imsss:rollupRules>')


@pytest.mark.parametrize(("combination", "child", "fires"), [
    # "none" holds for a False child but not for an unknown one: the combination must say which
    ("all", {"satisfied": False}, True),            # False and unknown = False
    ("all", {"satisfied": True}, False),            # True and unknown = unknown
    ("any", {"satisfied": True}, False),            # True or unknown = True
    ("any", {"satisfied": False}, False),           # False or unknown = unknown
    ("any", {"satisfied": False, "completed": False}, True),
])
def test_conditions_combine_as_three_valued_and_or(combination, child, fires):
    seq = tree(("c", FLOW + combined(combination, "none"), [("a", "")]))
    set_status(seq.activity("a"), **child)
    overall_rollup_process(seq.activity("a"), seq.context.store)
    assert status(seq.activity("c"))[0] == (True if fires else None)


def rule(kind: str, count: int = 0, percent: float = 0.0) -> RollupRule:
    return RollupRule(RollupAction.SATISFIED, (), child_activity_set=ChildActivitySet(kind),
                      minimum_count=count, minimum_percent=percent)


@pytest.mark.parametrize(("kind", "bag", "applies"), [
    ("all", [T, T], True), ("all", [T, F], False), ("all", [T, U], False), ("all", [], True),
    ("any", [F, T], True), ("any", [F, U], False), ("any", [], False),
    ("none", [F, F], True), ("none", [F, U], False), ("none", [F, T], False), ("none", [], True),
])
def test_child_activity_sets_over_the_contributing_bag(kind, bag, applies):
    assert child_set_applies(rule(kind), bag) is applies


@pytest.mark.parametrize(("count", "percent", "bag", "applies"), [
    (2, None, [T, T, F], True), (2, None, [T, U, F], False), (0, None, [U], True),
    (None, 0.5, [T, F], True), (None, 0.5, [T, F, U], False), (None, 0.34, [T, F, U], False),
    (None, 0.33, [T, F, U], True), (None, 0.0, [], False),
])
def test_at_least_count_and_percent(count, percent, bag, applies):
    kind = rule("atLeastCount", count=count) if percent is None else rule(
        "atLeastPercent", percent=percent)
    assert child_set_applies(kind, bag) is applies


REQUIRED_IF_ATTEMPTED = ('<adlseq:rollupConsiderations requiredForSatisfied="ifAttempted" '
                         'requiredForNotSatisfied="ifAttempted"/>')


@pytest.mark.parametrize(("child_set", "extra", "b_state", "satisfied"), [
    # b is left out (untracked or not yet attempted with ifAttempted), so only a and d count
    ("atLeastCount", 'minimumCount="2"', TRACKED_FALSE, None),
    ("atLeastCount", 'minimumCount="1"', TRACKED_FALSE, True),
    ("atLeastPercent", 'minimumPercent="0.5"', TRACKED_FALSE, True),
    ("atLeastPercent", 'minimumPercent="0.6"', TRACKED_FALSE, None),
    ("all", "", REQUIRED_IF_ATTEMPTED, None),
    ("any", "", REQUIRED_IF_ATTEMPTED, True),
    ("none", "", REQUIRED_IF_ATTEMPTED, None),
])
def test_left_out_children_are_not_in_the_count(child_set, extra, b_state, satisfied):
    seq = tree(("c", FLOW + rollup_rules(rollup_rule("satisfied", "satisfied",
                                                     child_set=child_set, extra=extra)),
                [("a", ""), ("b", b_state), ("d", "")]))
    set_status(seq.activity("a"), satisfied=True)
    set_status(seq.activity("b"), satisfied=True, attempted=False)
    set_status(seq.activity("d"), satisfied=False)
    overall_rollup_process(seq.activity("a"), seq.context.store)
    assert status(seq.activity("c"))[0] == satisfied


@pytest.mark.parametrize("b_state", [TRACKED_FALSE, REQUIRED_IF_ATTEMPTED])
def test_the_default_rules_judge_only_the_contributing_children(b_state):
    seq = tree(("c", FLOW, [("a", ""), ("b", b_state)]))
    set_status(seq.activity("a"), satisfied=True, completed=True)
    set_status(seq.activity("b"), satisfied=False, completed=False, attempted=False)
    overall_rollup_process(seq.activity("a"), seq.context.store)
    assert status(seq.activity("c"))[0] is True


ALL_IF_ATTEMPTED = ('<adlseq:rollupConsiderations requiredForSatisfied="ifAttempted" '
                    'requiredForNotSatisfied="ifAttempted" requiredForCompleted="ifAttempted" '
                    'requiredForIncomplete="ifAttempted"/>')


@pytest.mark.parametrize("left_out", [TRACKED_FALSE, ALL_IF_ATTEMPTED])
def test_with_every_child_left_out_all_holds_on_the_empty_bag(left_out):
    """RB.1.4: "all" asks for no False and no unknown in the bag, which an empty bag meets;
    so RB.1.2 c's defaults make the cluster satisfied and completed (as ADL's sample does)."""
    seq = tree(("c", FLOW, [("a", left_out), ("b", left_out)]))
    for leaf in ("a", "b"):
        set_status(seq.activity(leaf), satisfied=False, completed=False, attempted=False)
    overall_rollup_process(seq.activity("a"), seq.context.store)
    assert status(seq.activity("c")) == (True, True)


@pytest.mark.parametrize(("child_set", "fires"), [("all", True), ("none", True),
                                                  ("any", False)])
def test_a_rule_over_no_contributing_child(child_set, fires):
    seq = tree(("c", FLOW + rollup_rules(rollup_rule("satisfied", "satisfied",
                                                     child_set=child_set)),
                [("a", TRACKED_FALSE)]))
    overall_rollup_process(seq.activity("a"), seq.context.store)
    assert status(seq.activity("c"))[0] == (True if fires else None)


CONSIDERATIONS = [
    ("always", {"attempted": False}, "", True),
    ("ifAttempted", {}, "", True),
    ("ifAttempted", {"attempted": False}, "", False),
    ("ifNotSuspended", {}, "", True),
    ("ifNotSuspended", {"suspended": True}, "", False),
    ("ifNotSuspended", {"attempted": False}, "", False),   # no Activity Progress Status
    ("ifNotSkipped", {"satisfied": True}, "satisfied", False),
    ("ifNotSkipped", {"satisfied": False}, "satisfied", True),
]
ATTRIBUTES = {RollupAction.SATISFIED: "requiredForSatisfied",
              RollupAction.NOT_SATISFIED: "requiredForNotSatisfied",
              RollupAction.COMPLETED: "requiredForCompleted",
              RollupAction.INCOMPLETE: "requiredForIncomplete"}


@pytest.mark.parametrize("action", list(ATTRIBUTES))
@pytest.mark.parametrize(("value", "state", "skip_if", "included"), CONSIDERATIONS)
def test_rollup_considerations(action, value, state, skip_if, included):
    rules = seq_rule("preConditionRule", "skip", skip_if) if skip_if else ""
    considerations = f'<adlseq:rollupConsiderations {ATTRIBUTES[action]}="{value}"/>'
    seq = tree(("c", FLOW, [("a", rules + considerations)]))
    set_status(seq.activity("a"), **state)
    child = seq.activity("a")
    assert check_child_for_rollup_subprocess(child, action, seq.context.store) is included
    other = next(a for a in ATTRIBUTES if a is not action and (a.value in (
        "satisfied", "notSatisfied")) == (action.value in ("satisfied", "notSatisfied")))
    assert check_child_for_rollup_subprocess(child, other, seq.context.store) is True


@pytest.mark.parametrize(("attribute", "excluded_from"), [
    ("rollupObjectiveSatisfied", {RollupAction.SATISFIED, RollupAction.NOT_SATISFIED}),
    ("rollupProgressCompletion", {RollupAction.COMPLETED, RollupAction.INCOMPLETE}),
])
def test_rollup_objective_and_progress_switches(attribute, excluded_from):
    seq = tree(("c", FLOW, [("a", rollup_rules(attributes=f'{attribute}="false"'))]))
    child = seq.activity("a")
    for action in RollupAction:
        included = check_child_for_rollup_subprocess(child, action, seq.context.store)
        assert included is (action not in excluded_from)


def test_measure_rollup_weights_the_tracked_children():
    """RB.1.1: every tracked child's weight counts, measured or not; untracked ones do not."""
    weight = '<imsss:rollupRules objectiveMeasureWeight="{}"/>'
    seq = tree(("c", FLOW, [("a", weight.format(3)), ("b", weight.format(1)),
                            ("d", TRACKED_FALSE), ("e", weight.format(0))]))
    set_status(seq.activity("a"), measure=0.8)
    set_status(seq.activity("d"), measure=-1.0)
    set_status(seq.activity("e"), measure=-1.0)
    measure_rollup_process(seq.activity("c"), seq.context.store)
    objective = seq.activity("c").primary_objective
    assert objective.measure_status and objective.normalized_measure == pytest.approx(0.6)


def test_only_the_selected_children_roll_up():
    """SR.1 leaves the unselected child out of the attempt, so out of rollup too."""
    select = '<imsss:randomizationControls selectCount="1" selectionTiming="once"/>'
    seq = tree(("c", FLOW + select, [("a", ""), ("b", "")]))
    cluster = seq.activity("c")
    chosen, = cluster.available_children
    left_out = next(child for child in cluster.children if child is not chosen)
    set_status(chosen, satisfied=True, completed=True, measure=1.0)
    set_status(left_out, satisfied=False, completed=False, measure=0.0)
    overall_rollup_process(chosen, seq.context.store)
    assert status(cluster) == (True, True)
    assert cluster.primary_objective.normalized_measure == 1.0


NOT_SATISFIED_IF_ANY_NOT_SATISFIED = rollup_rules(
    rollup_rule("notSatisfied", "satisfied", operator="not", child_set="any"))


@pytest.mark.parametrize(("passed", "top"), [(True, None), (False, False)])
def test_rollup_through_clusters_three_deep(passed, top):
    """c3's default rules, c2's defaults, then c1's own rule with ``not``; b is untracked."""
    seq = tree(("c1", FLOW + NOT_SATISFIED_IF_ANY_NOT_SATISFIED, [
        ("c2", FLOW, [("c3", FLOW, [("a", ""), ("b", TRACKED_FALSE)])])]))
    set_status(seq.activity("a"), satisfied=passed, completed=True)
    overall_rollup_process(seq.activity("a"), seq.context.store)
    assert status(seq.activity("c3")) == (passed, True)
    assert status(seq.activity("c2")) == (passed, True)
    assert status(seq.activity("c1")) == (top, True)  # only a notSatisfied rule is defined
