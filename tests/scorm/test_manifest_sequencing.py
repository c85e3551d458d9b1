"""scorm.manifest: the imsss:sequencing model, its defaults, collections and ADL extensions."""
import pytest

from scorm.manifest import parse_manifest
from scorm.manifest import sequencing as sq
from scorm.manifest.notes import NoteKind

NS = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
      'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
      'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" '
      'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"')


def parse(item_sequencing: str, *, org_sequencing: str = "", collection: str = ""):
    xml = (f'<manifest identifier="m" {NS}><metadata><schema>ADL SCORM</schema>'
           '<schemaversion>2004 4th Edition</schemaversion></metadata>'
           '<organizations default="o"><organization identifier="o"><title>O</title>'
           f'<item identifier="i" identifierref="r"><title>I</title>{item_sequencing}</item>'
           f'{org_sequencing}</organization></organizations>'
           '<resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" '
           f'href="a.html"/></resources>{collection}</manifest>')
    return parse_manifest(xml.encode())


def item_definition(item_sequencing: str, **kwargs) -> sq.SequencingDefinition:
    return parse(item_sequencing, **kwargs).organizations[0].items[0].sequencing


def test_an_empty_sequencing_element_has_every_spec_default():
    definition = item_definition("<imsss:sequencing/>")
    assert definition == sq.SequencingDefinition()
    assert definition.control_mode == sq.ControlMode(
        choice=True, choice_exit=True, flow=False, forward_only=False,
        use_current_attempt_objective_info=True, use_current_attempt_progress_info=True)
    assert definition.delivery_controls == sq.DeliveryControls(True, False, False)
    assert definition.rollup_rules.objective_measure_weight == 1.0
    assert definition.limit_conditions.attempt_limit is None
    assert definition.randomization_controls.randomization_timing is sq.RandomizationTiming.NEVER
    assert definition.rollup_considerations.required_for_satisfied is \
        sq.RollupConsideration.ALWAYS


def test_no_sequencing_element_means_none():
    assert item_definition("") is None


FULL = """<imsss:sequencing>
  <imsss:controlMode choice="false" flow="true" forwardOnly="true" choiceExit="false"/>
  <imsss:sequencingRules>
    <imsss:preConditionRule><imsss:ruleConditions conditionCombination="any">
      <imsss:ruleCondition condition="satisfied" referencedObjective="obj1" operator="not"/>
      <imsss:ruleCondition condition="objectiveMeasureGreaterThan" measureThreshold="0.5"/>
    </imsss:ruleConditions><imsss:ruleAction action="skip"/></imsss:preConditionRule>
    <imsss:exitConditionRule><imsss:ruleConditions>
      <imsss:ruleCondition condition="completed"/></imsss:ruleConditions>
      <imsss:ruleAction action="exit"/></imsss:exitConditionRule>
    <imsss:postConditionRule><imsss:ruleConditions>
      <imsss:ruleCondition condition="always"/></imsss:ruleConditions>
      <imsss:ruleAction action="retry"/></imsss:postConditionRule>
  </imsss:sequencingRules>
  <imsss:limitConditions attemptLimit="3" attemptAbsoluteDurationLimit="PT1H"/>
  <imsss:auxiliaryResources>
    <imsss:auxiliaryResource auxiliaryResourceID=" glossary " purpose="help"/>
  </imsss:auxiliaryResources>
  <imsss:rollupRules rollupObjectiveSatisfied="false" objectiveMeasureWeight="0.5">
    <imsss:rollupRule childActivitySet="atLeastPercent" minimumPercent="0.6">
      <imsss:rollupConditions conditionCombination="all">
        <imsss:rollupCondition condition="attempted" operator="not"/>
      </imsss:rollupConditions><imsss:rollupAction action="notSatisfied"/>
    </imsss:rollupRule>
  </imsss:rollupRules>
  <imsss:objectives>
    <imsss:primaryObjective objectiveID="prim" satisfiedByMeasure="true">
      <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
      <imsss:mapInfo targetObjectiveID="g1" writeSatisfiedStatus="true"/>
    </imsss:primaryObjective>
    <imsss:objective objectiveID="obj1"/>
  </imsss:objectives>
  <imsss:randomizationControls randomizationTiming="onEachNewAttempt" selectCount="2"
      reorderChildren="true" selectionTiming="once"/>
  <imsss:deliveryControls tracked="false" completionSetByContent="true"/>
  <adlseq:constrainedChoiceConsiderations preventActivation="true"/>
  <adlseq:rollupConsiderations requiredForSatisfied="ifAttempted"
      measureSatisfactionIfActive="false"/>
  <adlseq:objectives><adlseq:objective objectiveID="prim">
    <adlseq:mapInfo targetObjectiveID="g1" writeRawScore="true" readMaxScore="false"/>
  </adlseq:objective></adlseq:objectives>
</imsss:sequencing>"""


def test_every_part_is_read():
    d = item_definition(FULL)
    assert (d.control_mode.choice, d.control_mode.flow, d.control_mode.forward_only,
            d.control_mode.choice_exit) == (False, True, True, False)
    pre = d.sequencing_rules.pre_condition[0]
    assert pre.action is sq.RuleAction.SKIP
    assert pre.condition_combination is sq.ConditionCombination.ANY
    assert pre.conditions == (
        sq.RuleCondition(sq.RuleConditionType.SATISFIED, "obj1", 0.0, sq.ConditionOperator.NOT),
        sq.RuleCondition(sq.RuleConditionType.OBJECTIVE_MEASURE_GREATER_THAN, None, 0.5))
    assert d.sequencing_rules.exit_condition[0].action is sq.RuleAction.EXIT
    assert d.sequencing_rules.post_condition[0].action is sq.RuleAction.RETRY
    assert d.limit_conditions == sq.LimitConditions(3, "PT1H")
    assert d.auxiliary_resources == (sq.AuxiliaryResource("glossary", "help"),)
    rollup = d.rollup_rules
    assert (rollup.rollup_objective_satisfied, rollup.rollup_progress_completion,
            rollup.objective_measure_weight) == (False, True, 0.5)
    assert rollup.rules == (sq.RollupRule(
        sq.RollupAction.NOT_SATISFIED,
        (sq.RollupCondition(sq.RollupConditionType.ATTEMPTED, sq.ConditionOperator.NOT),),
        sq.ConditionCombination.ALL, sq.ChildActivitySet.AT_LEAST_PERCENT, 0, 0.6),)
    primary = d.objectives.primary
    assert (primary.objective_id, primary.satisfied_by_measure, primary.min_normalized_measure,
            primary.is_primary) == ("prim", True, 0.8, True)
    assert primary.map_info == (sq.MapInfo("g1", write_satisfied_status=True),)
    assert primary.extended_map_info == (
        sq.ExtendedMapInfo("g1", write_raw_score=True, read_max_score=False),)
    assert d.objectives.others[0] == sq.Objective("obj1")
    assert d.randomization_controls == sq.RandomizationControls(
        sq.RandomizationTiming.ON_EACH_NEW_ATTEMPT, 2, True, sq.RandomizationTiming.ONCE)
    assert d.delivery_controls == sq.DeliveryControls(False, True, False)
    assert d.constrained_choice_considerations == sq.ConstrainedChoiceConsiderations(True, False)
    assert d.rollup_considerations.required_for_satisfied is sq.RollupConsideration.IF_ATTEMPTED
    assert d.rollup_considerations.measure_satisfaction_if_active is False


def test_organization_sequencing_is_read_too():
    parsed = parse("", org_sequencing='<imsss:sequencing><imsss:controlMode flow="true"/>'
                                      "</imsss:sequencing>")
    assert parsed.organizations[0].sequencing.control_mode.flow is True


COLLECTION = ('<imsss:sequencingCollection><imsss:sequencing ID="shared">'
              '<imsss:controlMode flow="true"/><imsss:limitConditions attemptLimit="2"/>'
              '</imsss:sequencing></imsss:sequencingCollection>')


def test_collection_entry_is_overlaid_by_local_elements():
    parsed = parse('<imsss:sequencing IDRef=" shared "><imsss:limitConditions attemptLimit="5"/>'
                   '</imsss:sequencing>', collection=COLLECTION)
    item = parsed.organizations[0].items[0]
    assert item.sequencing_idref == "shared"
    assert item.sequencing.control_mode.flow is True
    assert item.sequencing.limit_conditions.attempt_limit == 5
    assert parsed.sequencing_collection["shared"].limit_conditions.attempt_limit == 2


def extended_maps(target: str) -> str:
    return ('<adlseq:objectives><adlseq:objective objectiveID="X">'
            f'<adlseq:mapInfo targetObjectiveID="{target}" writeRawScore="true"/>'
            '</adlseq:objective></adlseq:objectives>')


@pytest.mark.parametrize("collection_maps, item_maps, targets", [
    (extended_maps("gShared"), "", ("gShared",)),  # ADL OB-06: maps shared, objective local
    (extended_maps("gShared"), extended_maps("gLocal"), ("gLocal",)),
    ("", "", ()),
])
def test_extended_maps_attach_after_the_collection_is_merged(collection_maps, item_maps,
                                                             targets):
    collection = ('<imsss:sequencingCollection><imsss:sequencing ID="shared">'
                  '<imsss:objectives><imsss:primaryObjective objectiveID="Y"/>'
                  f'</imsss:objectives>{collection_maps}'
                  '</imsss:sequencing></imsss:sequencingCollection>')
    d = item_definition('<imsss:sequencing IDRef="shared"><imsss:objectives>'
                        '<imsss:primaryObjective objectiveID="X"/></imsss:objectives>'
                        f'{item_maps}</imsss:sequencing>', collection=collection)
    extended = d.objectives.find("X").extended_map_info
    assert tuple(info.target_objective_id for info in extended) == targets
    assert all(info.write_raw_score for info in extended)


def test_objective_ids_are_compared_as_decoded_collapsed_uris():
    d = item_definition(
        '<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule>'
        '<imsss:ruleConditions><imsss:ruleCondition condition="satisfied" '
        'referencedObjective="  %20obj%20%201%20  "/></imsss:ruleConditions>'
        '<imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules>'
        '<imsss:objectives><imsss:primaryObjective/><imsss:objective objectiveID="obj%201">'
        '<imsss:mapInfo targetObjectiveID="  gObj%20-%20b "/></imsss:objective>'
        '</imsss:objectives></imsss:sequencing>')
    referenced = d.sequencing_rules.pre_condition[0].conditions[0].referenced_objective
    assert referenced == "obj 1"
    assert d.objectives.find(referenced).map_info[0].target_objective_id == "gObj - b"


@pytest.mark.parametrize("bad", [
    '<imsss:controlMode flow="maybe"/>',
    '<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions>'
    '<imsss:ruleCondition condition="always"/></imsss:ruleConditions>'
    '<imsss:ruleAction action="retry"/></imsss:preConditionRule></imsss:sequencingRules>',
    '<imsss:sequencingRules><imsss:exitConditionRule><imsss:ruleConditions>'
    '<imsss:ruleCondition condition="sometimes"/></imsss:ruleConditions>'
    '<imsss:ruleAction action="exit"/></imsss:exitConditionRule></imsss:sequencingRules>',
    '<imsss:limitConditions attemptLimit="-1"/>',
    '<imsss:rollupRules><imsss:rollupRule><imsss:rollupConditions/></imsss:rollupRule>'
    '</imsss:rollupRules>',
    '<imsss:randomizationControls randomizationTiming="daily"/>',
])
def test_unreadable_sequencing_values_are_noted(bad):
    parsed = parse(f"<imsss:sequencing>{bad}</imsss:sequencing>")
    assert [n.kind for n in parsed.notes] == [NoteKind.SEQUENCING_VALUE_INVALID]
    assert parsed.notes[0].source.line == 1


def test_sequencing_in_a_12_manifest_is_ignored_and_noted():
    xml = ('<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
           'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" '
           'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"><metadata><schema>ADL SCORM'
           '</schema><schemaversion>1.2</schemaversion></metadata><organizations>'
           '<organization identifier="o"><title>O</title><item identifier="i"><title>I</title>'
           '<imsss:sequencing/></item></organization></organizations><resources/></manifest>')
    parsed = parse_manifest(xml.encode())
    assert parsed.organizations[0].items[0].sequencing is None
    assert [n.kind for n in parsed.notes] == [NoteKind.ELEMENT_VERSION_MISMATCH]
