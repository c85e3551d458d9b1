"""Tiny activity trees for the sequencing table tests, written as nested tuples.

``tree(("c", RULES, [("a", ""), ("b", TRACKED_FALSE)]))`` is a root (flow, choice) holding
cluster ``c`` with leaves ``a`` and ``b``; the second element of each tuple is the inner XML of
that activity's ``imsss:sequencing`` (plus ``adlseq:`` extensions).
"""
from __future__ import annotations

import random

from scorm.manifest import parse_manifest
from scorm.sequencing import Sequencer
from scorm.sequencing.tree import Activity

NS = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
      'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
      'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" '
      'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"')
FLOW = '<imsss:controlMode flow="true"/>'
TRACKED_FALSE = '<imsss:deliveryControls tracked="false"/>'

Node = tuple  # (identifier, sequencing xml) or (identifier, sequencing xml, [children])


def _item(node: Node) -> str:
    identifier, sequencing, *rest = node
    children = "".join(_item(child) for child in rest[0]) if rest else ""
    ref = "" if rest else ' identifierref="r"'
    return (f'<item identifier="{identifier}"{ref}><title>{identifier}</title>{children}'
            f'<imsss:sequencing>{sequencing}</imsss:sequencing></item>')


def tree(*nodes: Node, root: str = FLOW, seed: str = "0") -> Sequencer:
    """A sequencer on a root (sequencing ``root``) holding ``nodes``."""
    xml = f"""<manifest identifier="m" {NS}><metadata><schema>ADL SCORM</schema>
      <schemaversion>2004 4th Edition</schemaversion></metadata>
      <organizations default="org"><organization identifier="org"><title>Org</title>
      {''.join(_item(node) for node in nodes)}
      <imsss:sequencing>{root}</imsss:sequencing></organization></organizations>
      <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="a.htm"/>
      </resources></manifest>"""
    return Sequencer(parse_manifest(xml.encode()), rng=random.Random(seed))


def rollup_rule(action: str, condition: str, *, operator: str = "noOp", child_set: str = "all",
                extra: str = "") -> str:
    return (f'<imsss:rollupRule childActivitySet="{child_set}" {extra}><imsss:rollupConditions>'
            f'<imsss:rollupCondition operator="{operator}" condition="{condition}"/>'
            f'</imsss:rollupConditions><imsss:rollupAction action="{action}"/></imsss:rollupRule>')


def rollup_rules(*rules: str, attributes: str = "") -> str:
    return f'<imsss:rollupRules {attributes}>{"".join(rules)}</imsss:rollupRules>'


def seq_rule(kind: str, action: str, condition: str, operator: str = "noOp") -> str:
    """One pre/exit/post condition rule (``kind``: preConditionRule...)."""
    return (f'<imsss:sequencingRules><imsss:{kind}><imsss:ruleConditions>'
            f'<imsss:ruleCondition operator="{operator}" condition="{condition}"/>'
            f'</imsss:ruleConditions><imsss:ruleAction action="{action}"/></imsss:{kind}>'
            f'</imsss:sequencingRules>')


def set_status(activity: Activity, *, satisfied: bool | None = None,
               completed: bool | None = None, measure: float | None = None,
               attempted: bool = True, suspended: bool = False) -> None:
    """Give a leaf tracking state as if an attempt on it had recorded it."""
    state = activity.state
    state.attempt_count = 1 if attempted else 0
    state.activity_progress_status = attempted
    state.is_suspended = suspended
    objective = activity.primary_objective
    objective.progress_status = satisfied is not None
    objective.satisfied_status = bool(satisfied)
    objective.measure_status = measure is not None
    objective.normalized_measure = measure or 0.0
    state.attempt_progress_status = completed is not None
    state.attempt_completion_status = bool(completed)


def status(activity: Activity) -> tuple[bool | None, bool | None]:
    """(satisfied, completed) of an activity, None for unknown."""
    objective = activity.primary_objective
    satisfied = objective.satisfied_status if objective.progress_status else None
    state = activity.state
    completed = state.attempt_completion_status if state.attempt_progress_status else None
    return satisfied, completed
