"""The sequencer on tiny manifests: flow, choice, rules, rollup, global objectives, suspend."""
from __future__ import annotations

import pytest

from scorm.manifest import parse_manifest
from scorm.sequencing import GlobalObjective, NavigationRequest, Sequencer, parse_navigation_request

NS = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
      'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
      'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"')


def manifest(org_sequencing: str, items: str):
    xml = f"""<manifest identifier="m" {NS}><metadata><schema>ADL SCORM</schema>
      <schemaversion>2004 4th Edition</schemaversion></metadata>
      <organizations default="org"><organization identifier="org"><title>Org</title>
      {items}{org_sequencing}</organization></organizations>
      <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="a.htm"/>
      </resources></manifest>"""
    return parse_manifest(xml.encode())


def leaf(identifier: str, sequencing: str = "") -> str:
    return (f'<item identifier="{identifier}" identifierref="r"><title>{identifier}</title>'
            f'{sequencing}</item>')


FLOW = '<imsss:sequencing><imsss:controlMode flow="true"/></imsss:sequencing>'
SKIP_SATISFIED = """<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule>
  <imsss:ruleConditions><imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions>
  <imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules>
  <imsss:objectives><imsss:primaryObjective objectiveID="p">
  <imsss:mapInfo targetObjectiveID="g"/></imsss:primaryObjective></imsss:objectives>
  </imsss:sequencing>"""
WRITES_G = """<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p">
  <imsss:mapInfo targetObjectiveID="g" writeSatisfiedStatus="true"/></imsss:primaryObjective>
  </imsss:objectives></imsss:sequencing>"""


def finish(sequencer: Sequencer, **data: str) -> None:
    sequencer.record_runtime_data({f"cmi.{k}": v for k, v in data.items()})


def test_flow_start_continue_previous_and_end_of_session():
    seq = Sequencer(manifest(FLOW, leaf("a") + leaf("b")))
    assert seq.navigate("start").delivered == "a"
    assert seq.navigate("previous").exception == "SB.2.1-3"
    assert seq.navigate("continue").delivered == "b"
    assert seq.navigate("previous").delivered == "a"
    assert seq.navigate("continue").delivered == "b"
    outcome = seq.navigate("continue")
    assert outcome.session_ended and not seq.session_active


@pytest.mark.parametrize(("request_text", "code"), [
    ("continue", "NB.2.1-2"), ("previous", "NB.2.1-2"), ("exitAll", "NB.2.1-2"),
    ("resumeAll", "NB.2.1-3"), ("{target=nowhere}choice", "NB.2.1-11"),
])
def test_navigation_exceptions_before_start(request_text, code):
    seq = Sequencer(manifest(FLOW, leaf("a") + leaf("b")))
    assert seq.navigate(request_text).exception == code


def test_choice_needs_choice_control_and_flow_needs_flow():
    no_choice = '<imsss:sequencing><imsss:controlMode choice="false" flow="true"/></imsss:sequencing>'
    seq = Sequencer(manifest(no_choice, leaf("a") + leaf("b")))
    seq.navigate("start")
    assert seq.navigate(NavigationRequest.CHOICE, "b").exception == "NB.2.1-10"
    seq = Sequencer(manifest("", leaf("a") + leaf("b")))
    assert seq.navigate("start").exception == "SB.2.2-1"
    assert seq.navigate("{target=b}choice").delivered == "b"
    assert seq.navigate("continue").exception == "NB.2.1-4"


def test_leaf_defaults_to_completed_and_satisfied_and_rolls_up():
    seq = Sequencer(manifest(FLOW, leaf("a")))
    seq.navigate("start")
    finish(seq, exit="normal")
    seq.navigate("exitAll")
    root = seq.tree.root
    assert root.state.attempt_completion_status and root.primary_objective.satisfied_status


RETRY_WHEN_PROGRESS_KNOWN = """<imsss:sequencing><imsss:sequencingRules><imsss:postConditionRule>
  <imsss:ruleConditions><imsss:ruleCondition condition="activityProgressKnown"/>
  </imsss:ruleConditions><imsss:ruleAction action="retry"/></imsss:postConditionRule>
  </imsss:sequencingRules></imsss:sequencing>"""


@pytest.mark.parametrize(("data", "completion", "satisfaction"), [
    ({}, (True, True), (True, True)),  # nothing reported: the end-of-attempt defaults
    ({"completion_status": "unknown"}, (False, False), (True, True)),
    ({"success_status": "unknown"}, (True, True), (False, False)),
    ({"completion_status": "incomplete", "success_status": "failed"}, (True, False), (True, False)),
])
def test_a_status_reported_as_unknown_escapes_the_defaults(data, completion, satisfaction):
    seq = Sequencer(manifest(FLOW, leaf("a") + leaf("b")))
    seq.navigate("start")
    finish(seq, **data)
    assert seq.navigate("continue").delivered == "b"
    activity = seq.tree.find("a")
    state, primary = activity.state, activity.primary_objective
    assert (state.attempt_progress_status, state.attempt_completion_status) == completion
    assert (primary.progress_status, primary.satisfied_status) == satisfaction


@pytest.mark.parametrize(("completion", "delivered"), [(None, "a"), ("unknown", "b")])
def test_progress_known_post_condition_sees_an_explicit_unknown(completion, delivered):
    seq = Sequencer(manifest(FLOW, leaf("a", RETRY_WHEN_PROGRESS_KNOWN) + leaf("b")))
    seq.navigate("start")
    finish(seq, **({"completion_status": completion} if completion else {}))
    assert seq.navigate("continue").delivered == delivered


def test_failed_leaf_rolls_up_not_satisfied():
    seq = Sequencer(manifest(FLOW, leaf("a") + leaf("b")))
    seq.navigate("start")
    finish(seq, success_status="failed", completion_status="completed")
    seq.navigate("continue")
    finish(seq, success_status="passed", completion_status="completed")
    seq.navigate("exitAll")
    view = seq.tree.root.primary_objective
    assert view.progress_status and not view.satisfied_status


def test_global_objective_written_by_one_activity_skips_another():
    store: dict[str, GlobalObjective] = {}
    seq = Sequencer(manifest(FLOW, leaf("a", WRITES_G) + leaf("b", SKIP_SATISFIED) + leaf("c")),
                    global_store=store)
    seq.navigate("start")
    finish(seq, success_status="passed")
    assert seq.navigate("continue").delivered == "c"
    assert store["g"].satisfied_known and store["g"].satisfied


def test_abandoned_data_is_not_recorded():
    store: dict[str, GlobalObjective] = {}
    seq = Sequencer(manifest(FLOW, leaf("a", WRITES_G)), global_store=store)
    seq.navigate("start")
    seq.record_runtime_data({"cmi.success_status": "passed"}, nav_request="abandonAll")
    assert seq.navigate("abandonAll").session_ended
    assert "g" not in store


def test_mapped_objective_values_reach_the_runtime():
    store = {"g": GlobalObjective(satisfied_known=True, satisfied=True)}
    seq = Sequencer(manifest(FLOW, leaf("b", SKIP_SATISFIED) + leaf("c")), global_store=store)
    assert seq.navigate("{target=b}choice").delivered == "b"
    values = seq.launch_values()
    assert values.initial_state["cmi.objectives.0.id"] == "p"
    assert values.initial_state["cmi.objectives.0.success_status"] == "passed"


def test_suspend_all_then_resume_all_through_a_saved_state():
    seq = Sequencer(manifest(FLOW, leaf("a") + leaf("b")))
    seq.navigate("start")
    seq.navigate("continue")
    seq.record_runtime_data({"cmi.location": "p3"}, exit_value="suspend")
    assert seq.navigate("suspendAll").session_ended
    saved = seq.export_state()
    again = Sequencer(manifest(FLOW, leaf("a") + leaf("b")))
    again.import_state(saved)
    outcome = again.navigate("resumeAll")
    assert outcome.delivered == "b" and outcome.resumed
    assert again.launch_values().initial_state["cmi.location"] == "p3"


def test_navigation_state_and_request_valid():
    seq = Sequencer(manifest(FLOW, leaf("a") + leaf("b")))
    seq.navigate("start")
    state = seq.navigation_state()
    assert state.current == "a" and state.continue_enabled and not state.previous_enabled
    assert "b" in state.choosable and state.request_valid["continue"] == "true"
    assert seq.current.identifier == "a" and seq.current.state.is_active  # look-ahead undone


@pytest.mark.parametrize(("text", "expected"), [
    ("continue", (NavigationRequest.CONTINUE, None)),
    ("{target=x}choice", (NavigationRequest.CHOICE, "x")),
    ("{target=y}jump", (NavigationRequest.JUMP, "y")),
    ("_none_", (None, None)),
])
def test_parse_navigation_request(text, expected):
    assert parse_navigation_request(text) == expected


READS_G = """<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p">
  <imsss:mapInfo targetObjectiveID="g"/></imsss:primaryObjective></imsss:objectives>
  </imsss:sequencing>"""
SKIP_IF_SATISFIED_FLOW = """<imsss:sequencing><imsss:controlMode flow="true"/>
  <imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions>
  <imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions>
  <imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules>
  </imsss:sequencing>"""


@pytest.mark.parametrize(("success", "delivered"), [("passed", "d"), ("failed", "b")])
def test_a_global_write_rolls_up_the_clusters_of_its_readers(success, delivered):
    cluster = (f'<item identifier="c"><title>c</title>{leaf("b", READS_G)}'
               f'{SKIP_IF_SATISFIED_FLOW}</item>')
    seq = Sequencer(manifest(FLOW, leaf("a", WRITES_G) + cluster + leaf("d")))
    seq.navigate("start")
    finish(seq, success_status=success)
    assert seq.navigate("continue").delivered == delivered


def test_data_from_the_parents_earlier_attempt_feeds_rules_but_not_rollup():
    skip_satisfied = """<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule>
      <imsss:ruleConditions><imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions>
      <imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules>
      </imsss:sequencing>"""
    cluster = (f'<item identifier="c"><title>c</title>{leaf("b", skip_satisfied)}{leaf("d")}'
               f'{FLOW}</item>')
    seq = Sequencer(manifest(FLOW, leaf("a") + cluster + leaf("e")))
    for expected in ("a", "b", "d", "e"):
        assert seq.navigate("start" if expected == "a" else "continue").delivered == expected
        finish(seq, success_status="passed")
    assert seq.tree.find("c").primary_objective.satisfied_status
    assert seq.navigate("previous").delivered == "d"  # a new attempt on c
    finish(seq, success_status="passed")
    assert seq.navigate("previous").delivered == "a"  # b's earlier pass still skips it
    assert not seq.tree.find("c").primary_objective.progress_status  # but does not roll up


def test_a_resumed_sco_sees_its_objectives_as_tracking_holds_them_now():
    seq = Sequencer(manifest(FLOW, leaf("a", READS_G) + leaf("b", WRITES_G)))
    seq.navigate("start")
    seq.record_runtime_data({"cmi.location": "x", "cmi.objectives.0.id": "p",
                             "cmi.objectives.0.success_status": "failed"}, exit_value="suspend")
    seq.navigate("continue")
    finish(seq, success_status="passed")  # b writes g, which a reads
    outcome = seq.navigate("previous")
    assert outcome.delivered == "a" and outcome.resumed
    state = seq.launch_values().initial_state
    assert state["cmi.location"] == "x"
    assert state["cmi.objectives.0.success_status"] == "passed"


@pytest.mark.parametrize(("shared", "delivered"), [
    (None, "a"), (GlobalObjective(), "a"), (GlobalObjective(True, True), "b"),
])
def test_a_read_map_lets_the_global_decide_even_when_unknown(shared, delivered):
    store = {} if shared is None else {"g": shared}
    seq = Sequencer(manifest(FLOW, leaf("a", SKIP_SATISFIED) + leaf("b")), global_store=store)
    assert seq.navigate("{target=a}choice").delivered == "a"
    finish(seq, success_status="passed")  # a's own status, which g does not record
    seq.navigate("exitAll")
    assert seq.navigate("start").delivered == delivered


def test_previous_cannot_step_back_inside_a_forward_only_cluster():
    forward_only = ('<imsss:sequencing><imsss:controlMode flow="true" forwardOnly="true"/>'
                    '</imsss:sequencing>')
    inner = f'<item identifier="q"><title>q</title>{leaf("m1")}{leaf("m2")}{FLOW}</item>'
    outer = f'<item identifier="p"><title>p</title>{leaf("l")}{inner}{forward_only}</item>'
    seq = Sequencer(manifest(FLOW, leaf("a") + outer))
    assert seq.navigate("{target=m1}choice").delivered == "m1"
    assert seq.navigate("previous").exception == "SB.2.1-4"
    assert seq.navigate("continue").delivered == "m2"
    assert seq.navigate("previous").delivered == "m1"  # inside q, which is not forward only


def test_an_active_leaf_without_choice_exit_forbids_choosing_even_a_sibling():
    no_exit = '<imsss:sequencing><imsss:controlMode choiceExit="false"/></imsss:sequencing>'
    seq = Sequencer(manifest(FLOW, leaf("a", no_exit) + leaf("b")))
    assert seq.navigate("start").delivered == "a"
    assert not seq.is_request_valid("choice", "b")
    assert seq.navigate("choice", "b").exception == "NB.2.1-8"
    assert seq.navigate("continue").delivered == "b"
    assert seq.navigate("choice", "a").delivered == "a"
