"""Read ``imsss:sequencing`` elements (and the ADL extensions) into the sequencing model.

A definition is read as *parts*: one entry per child element present. An activity's effective
definition is the spec defaults, overlaid by the parts of the ``sequencingCollection`` entry it
references (IDRef), overlaid by its own parts, as the CAM book describes.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from lxml import etree

from scorm.manifest import sequencing as sq
from scorm.manifest.notes import NoteKind
from scorm.manifest.read_objectives import (
    normalize_objective_id,
    read_extended_map_info,
    read_objectives,
    with_extended_map_info,
)
from scorm.manifest.reading import ReadContext
from scorm.manifest.xmltree import Family, attribute, children, first_child, local_name

Parts = dict[str, Any]
# The adlseq:objectives part: not a definition field, attached to the objectives once every
# layer is merged, since the maps may name an objective another layer defines (ADL OB-06).
_EXTENDED_MAPS = "adlseq_objectives"
_BAD = NoteKind.SEQUENCING_VALUE_INVALID
_RULE_KINDS = {
    "preConditionRule": ("pre_condition", sq.PRE_CONDITION_ACTIONS),
    "exitConditionRule": ("exit_condition", sq.EXIT_CONDITION_ACTIONS),
    "postConditionRule": ("post_condition", sq.POST_CONDITION_ACTIONS),
}


def read_sequencing_parts(ctx: ReadContext, element: etree._Element) -> Parts:
    """The parts one ``imsss:sequencing`` element defines explicitly."""
    ctx = dataclasses.replace(ctx, invalid_kind=_BAD)
    readers = {
        (Family.IMSSS, "controlmode"): ("control_mode", _control_mode),
        (Family.IMSSS, "sequencingrules"): ("sequencing_rules", _sequencing_rules),
        (Family.IMSSS, "limitconditions"): ("limit_conditions", _limit_conditions),
        (Family.IMSSS, "auxiliaryresources"): ("auxiliary_resources", _auxiliary_resources),
        (Family.IMSSS, "rolluprules"): ("rollup_rules", _rollup_rules),
        (Family.IMSSS, "objectives"): ("objectives", read_objectives),
        (Family.IMSSS, "randomizationcontrols"): ("randomization_controls", _randomization),
        (Family.IMSSS, "deliverycontrols"): ("delivery_controls", _delivery_controls),
        (Family.ADLSEQ, "constrainedchoiceconsiderations"):
            ("constrained_choice_considerations", _constrained_choice),
        (Family.ADLSEQ, "rollupconsiderations"): ("rollup_considerations", _rollup_considerations),
    }
    parts: Parts = {}
    for family, name in readers:
        found = first_child(element, family, name)
        if found is not None:
            field_name, reader = readers[(family, name)]
            parts[field_name] = reader(ctx, found)
    extended = first_child(element, Family.ADLSEQ, "objectives")
    if extended is not None:
        parts[_EXTENDED_MAPS] = read_extended_map_info(ctx, extended)
    return parts


def build_definition(*layers: Parts) -> sq.SequencingDefinition:
    """The spec defaults overlaid by each layer of parts in turn."""
    merged: Parts = {}
    for layer in layers:
        merged.update(layer)
    extended = merged.pop(_EXTENDED_MAPS, None)
    if extended:
        merged["objectives"] = with_extended_map_info(
            merged.get("objectives", sq.Objectives()), extended)
    return sq.SequencingDefinition(**merged)


def _control_mode(ctx: ReadContext, el: etree._Element) -> sq.ControlMode:
    default = sq.ControlMode()
    return sq.ControlMode(
        choice=ctx.boolean(el, "choice", default.choice),
        choice_exit=ctx.boolean(el, "choiceExit", default.choice_exit),
        flow=ctx.boolean(el, "flow", default.flow),
        forward_only=ctx.boolean(el, "forwardOnly", default.forward_only),
        use_current_attempt_objective_info=ctx.boolean(
            el, "useCurrentAttemptObjectiveInfo", default.use_current_attempt_objective_info),
        use_current_attempt_progress_info=ctx.boolean(
            el, "useCurrentAttemptProgressInfo", default.use_current_attempt_progress_info),
    )


def _sequencing_rules(ctx: ReadContext, el: etree._Element) -> sq.SequencingRules:
    found: dict[str, list[sq.SequencingRule]] = {kind: [] for kind, _ in _RULE_KINDS.values()}
    for rule_el in children(el, Family.IMSSS, *_RULE_KINDS):
        kind, allowed = _RULE_KINDS[_canonical_rule_name(rule_el)]
        rule = _sequencing_rule(ctx, rule_el, allowed)
        if rule is not None:
            found[kind].append(rule)
    return sq.SequencingRules(**{kind: tuple(rules) for kind, rules in found.items()})


def _canonical_rule_name(el: etree._Element) -> str:
    return next(name for name in _RULE_KINDS if name.lower() == local_name(el).lower())


def _sequencing_rule(ctx: ReadContext, el: etree._Element,
                     allowed: frozenset[sq.RuleAction]) -> sq.SequencingRule | None:
    action_el = first_child(el, Family.IMSSS, "ruleAction")
    raw_action = attribute(action_el, "action") if action_el is not None else None
    if action_el is None or raw_action is None:
        ctx.note(_BAD, el, f"<{local_name(el)}> has no ruleAction action; rule ignored")
        return None
    action = ctx.choice_text(action_el, "action", raw_action, sq.RuleAction, None)
    if action is None:
        return None
    if action not in allowed:
        ctx.note(_BAD, action_el,
                 f"action {action.value!r} is not allowed in <{local_name(el)}>; rule ignored")
        return None
    conditions_el = first_child(el, Family.IMSSS, "ruleConditions")
    conditions: list[sq.RuleCondition] = []
    combination = sq.ConditionCombination.ALL
    if conditions_el is not None:
        combination = ctx.choice(conditions_el, "conditionCombination",
                                 sq.ConditionCombination, combination)
        for cond_el in children(conditions_el, Family.IMSSS, "ruleCondition"):
            condition = _rule_condition(ctx, cond_el)
            if condition is not None:
                conditions.append(condition)
    return sq.SequencingRule(action, tuple(conditions), combination)


def _rule_condition(ctx: ReadContext, el: etree._Element) -> sq.RuleCondition | None:
    raw = attribute(el, "condition")
    if raw is None:
        ctx.note(_BAD, el, "<ruleCondition> has no condition; condition ignored")
        return None
    condition = ctx.choice_text(el, "condition", raw, sq.RuleConditionType, None)
    if condition is None:
        return None
    return sq.RuleCondition(
        condition=condition,
        referenced_objective=normalize_objective_id(attribute(el, "referencedObjective")),
        measure_threshold=ctx.number(el, "measureThreshold", 0.0) or 0.0,
        operator=ctx.choice(el, "operator", sq.ConditionOperator, sq.ConditionOperator.NO_OP),
    )


def _limit_conditions(ctx: ReadContext, el: etree._Element) -> sq.LimitConditions:
    def text(name: str) -> str | None:
        raw = attribute(el, name)
        return raw.strip() if raw else None

    attempt_limit = ctx.integer(el, "attemptLimit", None)
    return sq.LimitConditions(
        attempt_limit=attempt_limit or None,
        attempt_absolute_duration_limit=text("attemptAbsoluteDurationLimit"),
        attempt_experienced_duration_limit=text("attemptExperiencedDurationLimit"),
        activity_absolute_duration_limit=text("activityAbsoluteDurationLimit"),
        activity_experienced_duration_limit=text("activityExperiencedDurationLimit"),
        begin_time_limit=text("beginTimeLimit"),
        end_time_limit=text("endTimeLimit"),
    )


def _auxiliary_resources(ctx: ReadContext, el: etree._Element,
                         ) -> tuple[sq.AuxiliaryResource, ...]:
    return tuple(
        sq.AuxiliaryResource((attribute(aux, "auxiliaryResourceID") or "").strip(),
                             (attribute(aux, "purpose") or "").strip())
        for aux in children(el, Family.IMSSS, "auxiliaryResource"))


def _rollup_rules(ctx: ReadContext, el: etree._Element) -> sq.RollupRules:
    rules = [rule for rule_el in children(el, Family.IMSSS, "rollupRule")
             if (rule := _rollup_rule(ctx, rule_el)) is not None]
    weight = ctx.number(el, "objectiveMeasureWeight", 1.0)
    return sq.RollupRules(
        rollup_objective_satisfied=ctx.boolean(el, "rollupObjectiveSatisfied", True),
        rollup_progress_completion=ctx.boolean(el, "rollupProgressCompletion", True),
        objective_measure_weight=1.0 if weight is None else weight,
        rules=tuple(rules),
    )


def _rollup_rule(ctx: ReadContext, el: etree._Element) -> sq.RollupRule | None:
    action_el = first_child(el, Family.IMSSS, "rollupAction")
    raw_action = attribute(action_el, "action") if action_el is not None else None
    if action_el is None or raw_action is None:
        ctx.note(_BAD, el, "<rollupRule> has no rollupAction action; rule ignored")
        return None
    action = ctx.choice_text(action_el, "action", raw_action, sq.RollupAction, None)
    if action is None:
        return None
    conditions_el = first_child(el, Family.IMSSS, "rollupConditions")
    combination = sq.ConditionCombination.ANY
    conditions: list[sq.RollupCondition] = []
    if conditions_el is not None:
        combination = ctx.choice(conditions_el, "conditionCombination",
                                 sq.ConditionCombination, combination)
        for cond_el in children(conditions_el, Family.IMSSS, "rollupCondition"):
            raw = attribute(cond_el, "condition") or ""
            condition = ctx.choice_text(cond_el, "condition", raw, sq.RollupConditionType, None)
            if condition is not None:
                operator = ctx.choice(cond_el, "operator", sq.ConditionOperator,
                                      sq.ConditionOperator.NO_OP)
                conditions.append(sq.RollupCondition(condition, operator))
    return sq.RollupRule(
        action=action, conditions=tuple(conditions), condition_combination=combination,
        child_activity_set=ctx.choice(el, "childActivitySet", sq.ChildActivitySet,
                                      sq.ChildActivitySet.ALL),
        minimum_count=ctx.integer(el, "minimumCount", 0) or 0,
        minimum_percent=ctx.number(el, "minimumPercent", 0.0) or 0.0,
    )


def _randomization(ctx: ReadContext, el: etree._Element) -> sq.RandomizationControls:
    never = sq.RandomizationTiming.NEVER
    return sq.RandomizationControls(
        randomization_timing=ctx.choice(el, "randomizationTiming", sq.RandomizationTiming, never),
        select_count=ctx.integer(el, "selectCount", None),
        reorder_children=ctx.boolean(el, "reorderChildren", False),
        selection_timing=ctx.choice(el, "selectionTiming", sq.RandomizationTiming, never),
    )


def _delivery_controls(ctx: ReadContext, el: etree._Element) -> sq.DeliveryControls:
    return sq.DeliveryControls(
        tracked=ctx.boolean(el, "tracked", True),
        completion_set_by_content=ctx.boolean(el, "completionSetByContent", False),
        objective_set_by_content=ctx.boolean(el, "objectiveSetByContent", False),
    )


def _constrained_choice(ctx: ReadContext, el: etree._Element,
                        ) -> sq.ConstrainedChoiceConsiderations:
    return sq.ConstrainedChoiceConsiderations(
        prevent_activation=ctx.boolean(el, "preventActivation", False),
        constrain_choice=ctx.boolean(el, "constrainChoice", False),
    )


def _rollup_considerations(ctx: ReadContext, el: etree._Element) -> sq.RollupConsiderations:
    always = sq.RollupConsideration.ALWAYS

    def required(name: str) -> sq.RollupConsideration:
        return ctx.choice(el, name, sq.RollupConsideration, always)

    return sq.RollupConsiderations(
        required_for_satisfied=required("requiredForSatisfied"),
        required_for_not_satisfied=required("requiredForNotSatisfied"),
        required_for_completed=required("requiredForCompleted"),
        required_for_incomplete=required("requiredForIncomplete"),
        measure_satisfaction_if_active=ctx.boolean(el, "measureSatisfactionIfActive", True),
    )
