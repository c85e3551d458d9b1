"""Objective and completion reads through global objectives (4th edition maps), the run-time
data mapped at Terminate, untracked activities and exit all after a suspending SCO."""
from __future__ import annotations

import pytest

from scorm.manifest import parse_manifest
from scorm.sequencing import Sequencer

NS = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
      'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
      'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" '
      'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"')
FLOW = '<imsss:sequencing><imsss:controlMode choice="false" flow="true"/></imsss:sequencing>'


def build(*items: str) -> Sequencer:
    xml = f"""<manifest identifier="m" {NS}><metadata><schema>ADL SCORM</schema>
      <schemaversion>2004 4th Edition</schemaversion></metadata>
      <organizations default="org"><organization identifier="org"><title>Org</title>
      {''.join(items)}{FLOW}</organization></organizations>
      <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="a.htm"/>
      </resources></manifest>"""
    return Sequencer(parse_manifest(xml.encode()))


def item(identifier: str, sequencing: str = "", extra: str = "") -> str:
    return (f'<item identifier="{identifier}" identifierref="r"><title>{identifier}</title>'
            f'{extra}<imsss:sequencing>{sequencing}</imsss:sequencing></item>')


def skip_if(condition: str, operator: str = "noOp") -> str:
    return (f'<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions>'
            f'<imsss:ruleCondition operator="{operator}" condition="{condition}"/>'
            f'</imsss:ruleConditions><imsss:ruleAction action="skip"/></imsss:preConditionRule>'
            f'</imsss:sequencingRules>')


def primary(attributes: str = "", body: str = "") -> str:
    return (f'<imsss:objectives><imsss:primaryObjective objectiveID="p" {attributes}>{body}'
            f'</imsss:primaryObjective></imsss:objectives>')


def extended(attributes: str) -> str:
    return (f'<adlseq:objectives><adlseq:objective objectiveID="p"><adlseq:mapInfo '
            f'targetObjectiveID="g" {attributes}/></adlseq:objective></adlseq:objectives>')


def first_then_continue(seq: Sequencer, data: dict[str, str]) -> str | None:
    assert seq.navigate("start").delivered == "a"
    seq.record_runtime_data(data)
    return seq.navigate("continue").delivered


def test_satisfied_by_measure_is_judged_from_the_global_measure():
    writer = primary(body='<imsss:mapInfo targetObjectiveID="g" writeSatisfiedStatus="true" '
                          'writeNormalizedMeasure="true"/>')
    reader = skip_if("satisfied") + primary(
        'satisfiedByMeasure="true"', '<imsss:minNormalizedMeasure>0.5</imsss:minNormalizedMeasure>'
        '<imsss:mapInfo targetObjectiveID="g"/>')
    seq = build(item("a", writer), item("b", reader), item("c"))
    data = {"cmi.success_status": "failed", "cmi.score.scaled": "0.8"}
    assert first_then_continue(seq, data) == "c"


@pytest.mark.parametrize(("status", "delivered"), [
    ("not attempted", "c"), ("incomplete", "c"), ("completed", "b"),
])
def test_primary_objective_completion_is_the_attempt_completion(status, delivered):
    writer = primary() + extended('writeCompletionStatus="true"')
    reader = skip_if("completed", "not") + primary() + extended("")
    seq = build(item("a", writer), item("b", reader), item("c"))
    data = {"cmi.objectives.0.id": "p", "cmi.objectives.0.completion_status": status}
    assert first_then_continue(seq, data) == delivered


@pytest.mark.parametrize(("measure", "delivered"), [("0.8", "c"), ("0.2", "b")])
def test_completed_by_measure_reads_the_global_progress_measure(measure, delivered):
    writer = primary() + extended('writeProgressMeasure="true"')
    reader = skip_if("completed") + primary() + extended("")
    threshold = '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.5"/>'
    seq = build(item("a", writer), item("b", reader, threshold), item("c"))
    data = {"cmi.objectives.0.id": "p", "cmi.objectives.0.progress_measure": measure}
    assert first_then_continue(seq, data) == delivered


def test_an_untracked_activity_writes_no_global_objective():
    writer = (primary() + '<imsss:deliveryControls tracked="false"/>'
              + extended('writeCompletionStatus="true"'))
    reader = skip_if("completed") + primary() + extended("")
    seq = build(item("a", writer), item("b", reader), item("c"))
    data = {"cmi.objectives.0.id": "p", "cmi.objectives.0.completion_status": "completed"}
    assert first_then_continue(seq, data) == "b"
    assert "g" not in seq.context.store


def test_exit_all_ends_an_attempt_the_sco_meant_to_suspend():
    seq = build(item("a"), item("b"))
    seq.navigate("start")
    seq.record_runtime_data({"cmi.completion_status": "incomplete"}, exit_value="suspend")
    assert seq.navigate("exitAll").session_ended
    assert seq.suspended is None
    assert not any(activity.state.is_suspended for activity in seq.tree)
    outcome = seq.navigate("start")
    assert outcome.delivered == "a" and not outcome.resumed


def test_a_new_cluster_attempt_reads_a_childs_completion_from_the_global_again():
    reader = skip_if("completed") + primary() + extended("")
    retry_all = ('<imsss:sequencingRules><imsss:postConditionRule><imsss:ruleConditions>'
                 '<imsss:ruleCondition condition="always"/></imsss:ruleConditions>'
                 '<imsss:ruleAction action="retryAll"/></imsss:postConditionRule>'
                 '</imsss:sequencingRules>')
    writer = retry_all + primary() + extended('writeCompletionStatus="true"')
    seq = build(item("a"), item("b", reader), item("c", writer))
    completed = {"cmi.completion_status": "completed"}
    assert first_then_continue(seq, completed) == "b"
    seq.record_runtime_data(completed)
    assert seq.navigate("continue").delivered == "c"
    seq.record_runtime_data(completed)
    assert seq.navigate("continue").delivered == "a"  # c retries the whole tree
    # the new root attempt forgets b's own completion; the global one b reads still counts
    seq.record_runtime_data(completed)
    assert seq.navigate("continue").delivered == "c"


@pytest.mark.parametrize(("reported", "shared", "delivered"), [
    ({}, "completed", "c"),  # not reported: the end-of-attempt default, completed
    ({"cmi.objectives.0.completion_status": "unknown"}, "unknown", "b"),
    ({"cmi.objectives.0.completion_status": "incomplete"}, "incomplete", "b"),
])
def test_an_objective_completion_reported_as_unknown_is_shared_as_unknown(reported, shared,
                                                                          delivered):
    from scorm.sequencing import GlobalObjective
    writer = primary() + extended('writeCompletionStatus="true"')
    reader = skip_if("completed") + primary() + extended("")
    seq = build(item("a", writer), item("b", reader), item("c"))
    seq.context.store["g"] = GlobalObjective(completion_status="completed")
    data = {"cmi.objectives.0.id": "p", **reported}
    assert first_then_continue(seq, data) == delivered
    assert seq.context.store["g"].completion_status == shared


@pytest.mark.parametrize(("constrained", "target", "exception"), [
    ("x1", "y", None),  # the current activity's own constraint does not restrict it
    ("q", "y", None),  # y is next after q
    ("q", "z", "SB.2.9-8"),  # z is not
])
def test_constrain_choice_is_judged_from_the_current_activitys_ancestors(constrained, target,
                                                                        exception):
    def rules(name: str, flow: bool = False) -> str:
        text = '<imsss:controlMode flow="true"/>' if flow else ""
        if name == constrained:
            text += '<adlseq:constrainedChoiceConsiderations constrainChoice="true"/>'
        return text

    q = (f'<item identifier="q"><title>q</title>{item("x1", rules("x1"))}{item("x2")}'
         f'<imsss:sequencing>{rules("q", True)}</imsss:sequencing></item>')
    p = (f'<item identifier="p"><title>p</title>{q}{item("y")}{item("z")}'
         f'<imsss:sequencing>{rules("p", True)}</imsss:sequencing></item>')
    seq = build(p)
    assert seq.navigate("choice", "x1").delivered == "x1"
    outcome = seq.navigate("choice", target)
    assert outcome.exception == exception
    assert outcome.delivered == (None if exception else target)
