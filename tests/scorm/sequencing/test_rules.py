"""Sequencing rules (UP.2, UP.2.1) and the termination rules that read a rollup: exit action
rules (TB.2.1) and post-condition rules (TB.2.2) see the status the attempt just rolled up."""
from __future__ import annotations

import pytest

from tests.scorm.sequencing.trees import (
    FLOW,
    rollup_rule,
    rollup_rules,
    seq_rule,
    tree,
)

# c is satisfied once any child is, not satisfied once any child is not (b, never attempted,
# has an unknown status: under the default "all" rules c would stay unknown)
ANY_DECIDES = rollup_rules(
    rollup_rule("satisfied", "satisfied", child_set="any"),
    rollup_rule("notSatisfied", "satisfied", operator="not", child_set="any"))


def play(seq, success: str) -> None:
    seq.record_runtime_data({"cmi.success_status": success, "cmi.completion_status": "completed"})


def test_a_rule_without_conditions_never_fires():
    """UP.2.1 / RB.1.4.1: an empty condition bag is unknown."""
    empty = ('<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions/>'
             '<imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules>')
    seq = tree(("a", empty), ("b", ""))
    assert seq.navigate("start").delivered == "a"
    none_of_nothing = ('<imsss:rollupRules><imsss:rollupRule childActivitySet="none">'
                       '<imsss:rollupConditions/><imsss:rollupAction action="satisfied"/>'
                       '</imsss:rollupRule></imsss:rollupRules>')
    seq = tree(("c", FLOW + none_of_nothing, [("a", "")]), ("z", ""))
    seq.navigate("start")
    seq.record_runtime_data({"cmi.success_status": "failed"})
    seq.navigate("continue")
    assert not seq.activity("c").primary_objective.progress_status


@pytest.mark.parametrize(("operator", "success", "delivered"), [
    ("noOp", "passed", "z"), ("noOp", "failed", "b"),
    ("not", "passed", "b"), ("not", "failed", "z"),
])
def test_an_exit_rule_reads_the_clusters_rolled_up_status(operator, success, delivered):
    """TB.2.1 after UP.4's rollup: c exits (and flow leaves it) once a's status reached c."""
    exit_rule = seq_rule("exitConditionRule", "exit", "satisfied", operator)
    seq = tree(("c", FLOW + exit_rule + ANY_DECIDES, [("a", ""), ("b", "")]), ("z", ""))
    assert seq.navigate("start").delivered == "a"
    play(seq, success)
    assert seq.navigate("continue").delivered == delivered


@pytest.mark.parametrize(("success", "delivered"), [("failed", "a"), ("passed", "z")])
def test_exit_parent_then_the_clusters_retry_rule_reads_its_rollup(success, delivered):
    """TB.2.2: a's post rule exits its parent; c's post rule sees c's rolled-up status."""
    leaf_rule = seq_rule("postConditionRule", "exitParent", "attempted")
    retry = seq_rule("postConditionRule", "retry", "satisfied", "not")
    seq = tree(("c", FLOW + retry + ANY_DECIDES, [("a", leaf_rule), ("b", "")]), ("z", ""))
    assert seq.navigate("start").delivered == "a"
    play(seq, success)
    assert seq.navigate("continue").delivered == delivered


@pytest.mark.parametrize(("success", "delivered"), [("failed", "a"), ("passed", "z")])
def test_a_previous_post_rule_fed_by_rollup_three_clusters_deep(success, delivered):
    """b's post rule sends the learner back when c1, two clusters up, is not satisfied: the
    status has to roll up a -> c3 -> c2 -> c1 before b's rule reads c1 through a global."""
    writes = ('<imsss:objectives><imsss:primaryObjective objectiveID="p">'
              '<imsss:mapInfo targetObjectiveID="g" readSatisfiedStatus="false" '
              'writeSatisfiedStatus="true"/></imsss:primaryObjective></imsss:objectives>')
    reads = ('<imsss:objectives><imsss:primaryObjective objectiveID="p"/>'
             '<imsss:objective objectiveID="top"><imsss:mapInfo targetObjectiveID="g"/>'
             '</imsss:objective></imsss:objectives>')
    back = ('<imsss:sequencingRules><imsss:postConditionRule><imsss:ruleConditions>'
            '<imsss:ruleCondition operator="not" condition="satisfied" '
            'referencedObjective="top"/></imsss:ruleConditions>'
            '<imsss:ruleAction action="previous"/></imsss:postConditionRule>'
            '</imsss:sequencingRules>')
    seq = tree(("c1", FLOW + writes, [("c2", FLOW, [("c3", FLOW, [("a", "")])])]),
               ("b", back + reads), ("z", ""))
    assert seq.navigate("start").delivered == "a"
    play(seq, success)
    assert seq.navigate("continue").delivered == "b"
    seq.record_runtime_data({"cmi.completion_status": "completed"})
    assert seq.navigate("continue").delivered == delivered
