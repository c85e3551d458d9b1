"""Flow: the Flow Tree Traversal Subprocess (SB.2.1), the Flow Activity Traversal Subprocess
(SB.2.2) and the Flow Subprocess (SB.2.3)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from scorm.manifest.sequencing import RuleAction
from scorm.sequencing.context import SequencingContext
from scorm.sequencing.errors import SequencingException
from scorm.sequencing.rules import check_activity_process, sequencing_rules_check_process
from scorm.sequencing.termination import terminate_descendent_attempts_process
from scorm.sequencing.tree import Activity


class Direction(Enum):
    FORWARD = "forward"
    BACKWARD = "backward"


class EndOfSession(SequencingException):
    """Flow walked off the end of the tree: the sequencing session ends."""

    def __init__(self) -> None:
        super().__init__("SB.2.1-1", "the end of the activity tree")


@dataclass(frozen=True)
class Step:
    activity: Activity
    direction: Direction


def _siblings(activity: Activity) -> list[Activity]:
    return activity.parent.available_children if activity.parent is not None else [activity]


def _last_in_preorder(ctx: SequencingContext, activity: Activity) -> bool:
    return ctx.tree.preorder()[-1] is activity


def flow_tree_traversal_subprocess(ctx: SequencingContext, activity: Activity,
                                   direction: Direction, consider_children: bool,
                                   previous: Direction | None = None) -> Step:
    """SB.2.1: the next activity in the direction; raises when there is none."""
    reversed_direction = False
    siblings = _siblings(activity)
    if previous is Direction.BACKWARD and not activity.is_root and siblings[-1] is activity:
        direction, activity, reversed_direction = Direction.BACKWARD, siblings[0], True
    if direction is Direction.FORWARD:
        if _last_in_preorder(ctx, activity) or (activity.is_root and not consider_children):
            terminate_descendent_attempts_process(ctx, ctx.tree.root)
            raise EndOfSession()
        if activity.is_leaf or not consider_children:
            if siblings[-1] is activity:
                return flow_tree_traversal_subprocess(ctx, activity.parent, direction, False)
            return Step(siblings[siblings.index(activity) + 1], direction)
        children = activity.available_children
        if not children:
            raise SequencingException("SB.2.1-2", f"{activity.identifier} has no children")
        return Step(children[0], direction)
    if activity.is_root:
        raise SequencingException("SB.2.1-3", "backward from the root")
    if activity.is_leaf or not consider_children:
        if reversed_direction:
            return Step(activity, direction)
        if siblings[0] is activity:
            return flow_tree_traversal_subprocess(ctx, activity.parent, direction, False)
        if activity.parent.definition.control_mode.forward_only:
            # no stepping back to an earlier sibling inside a forward-only cluster
            raise SequencingException("SB.2.1-4", f"{activity.parent.identifier} is forward only")
        return Step(siblings[siblings.index(activity) - 1], direction)
    children = activity.available_children
    if not children:
        raise SequencingException("SB.2.1-2", f"{activity.identifier} has no children")
    if activity.definition.control_mode.forward_only:
        return Step(children[0], Direction.FORWARD)
    return Step(children[-1], Direction.BACKWARD)


def flow_activity_traversal_subprocess(ctx: SequencingContext, activity: Activity,
                                       direction: Direction,
                                       previous: Direction | None = None) -> Activity:
    """SB.2.2: from ``activity``, the first deliverable leaf in the direction."""
    parent = activity.parent
    if parent is not None and not parent.definition.control_mode.flow:
        raise SequencingException("SB.2.2-1", f"flow is off for {parent.identifier}")
    if sequencing_rules_check_process(activity, RuleAction.SKIP, ctx.store) is not None:
        step = flow_tree_traversal_subprocess(ctx, activity, direction, False, previous)
        if previous is Direction.BACKWARD and step.direction is Direction.BACKWARD:
            return flow_activity_traversal_subprocess(ctx, step.activity, step.direction, None)
        return flow_activity_traversal_subprocess(ctx, step.activity, step.direction, previous)
    if check_activity_process(activity, ctx.store):
        raise SequencingException("SB.2.2-2", f"{activity.identifier} is disabled or limited")
    if not activity.is_leaf:
        step = flow_tree_traversal_subprocess(ctx, activity, direction, True)
        if direction is Direction.BACKWARD and step.direction is Direction.FORWARD:
            return flow_activity_traversal_subprocess(ctx, step.activity, Direction.FORWARD,
                                                      Direction.BACKWARD)
        return flow_activity_traversal_subprocess(ctx, step.activity, direction, None)
    return activity


def flow_subprocess(ctx: SequencingContext, activity: Activity, direction: Direction,
                    consider_children: bool) -> Activity:
    """SB.2.3: the activity flow identifies for delivery (raises when none)."""
    step = flow_tree_traversal_subprocess(ctx, activity, direction, consider_children)
    return flow_activity_traversal_subprocess(ctx, step.activity, step.direction, None)
