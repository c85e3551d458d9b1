"""Choice: the Choice Sequencing Request Process (SB.2.9) with the Choice Activity Traversal
Subprocess (SB.2.4), the Choice Flow Subprocess (SB.2.9.1) and the Choice Flow Tree Traversal
Subprocess (SB.2.9.2)."""
from __future__ import annotations

from scorm.manifest.sequencing import RuleAction
from scorm.sequencing.context import SequencingContext
from scorm.sequencing.errors import SequencingException
from scorm.sequencing.flow import Direction, EndOfSession, flow_subprocess
from scorm.sequencing.rules import sequencing_rules_check_process
from scorm.sequencing.termination import end_attempt_process, terminate_descendent_attempts_process
from scorm.sequencing.tree import Activity, common_ancestor


def choice_activity_traversal_subprocess(ctx: SequencingContext, activity: Activity,
                                         direction: Direction) -> None:
    """SB.2.4: may a choice pass ``activity`` in that direction?"""
    if direction is Direction.FORWARD:
        if sequencing_rules_check_process(activity, RuleAction.STOP_FORWARD_TRAVERSAL,
                                          ctx.store) is not None:
            raise SequencingException("SB.2.4-1", f"{activity.identifier} stops forward traversal")
        return
    if activity.parent is None:
        raise SequencingException("SB.2.4-3", "backward from the root")
    if activity.parent.definition.control_mode.forward_only:
        raise SequencingException("SB.2.4-2", f"{activity.parent.identifier} is forward only")


def choice_flow_tree_traversal_subprocess(ctx: SequencingContext, activity: Activity,
                                          direction: Direction) -> Activity | None:
    """SB.2.9.2: the next sibling (or an ancestor's) in the direction, ignoring children."""
    if activity.is_root:
        return None
    siblings = activity.parent.available_children
    if direction is Direction.FORWARD:
        if ctx.tree.preorder()[-1] is activity:
            return None
        if siblings[-1] is activity:
            return choice_flow_tree_traversal_subprocess(ctx, activity.parent, direction)
        return siblings[siblings.index(activity) + 1]
    if siblings[0] is activity:
        return choice_flow_tree_traversal_subprocess(ctx, activity.parent, direction)
    return siblings[siblings.index(activity) - 1]


def choice_flow_subprocess(ctx: SequencingContext, activity: Activity,
                           direction: Direction) -> Activity:
    """SB.2.9.1: the activity a constrained choice may reach next from ``activity``."""
    found = choice_flow_tree_traversal_subprocess(ctx, activity, direction)
    return activity if found is None else found


def _is_forward(ctx: SequencingContext, origin: Activity, target: Activity) -> bool:
    order = ctx.tree.preorder()
    return order.index(target) > order.index(origin)


def _check_path_to_target(ctx: SequencingContext, target: Activity) -> None:
    for activity in reversed(target.path_to_root()):
        if not activity.is_root and activity not in activity.parent.available_children:
            raise SequencingException("SB.2.9-2", f"{activity.identifier} is not available")
        if sequencing_rules_check_process(activity, RuleAction.HIDDEN_FROM_CHOICE,
                                          ctx.store) is not None:
            raise SequencingException("SB.2.9-3", f"{activity.identifier} is hidden from choice")
    if not target.is_root and not target.parent.definition.control_mode.choice:
        raise SequencingException("SB.2.9-4", f"choice is off for {target.parent.identifier}")


def _check_activation(activity: Activity, ancestor: Activity) -> None:
    if (not activity.state.is_active and activity is not ancestor
            and activity.definition.constrained_choice_considerations.prevent_activation):
        raise SequencingException("SB.2.9-6", f"{activity.identifier} prevents activation")


def _between(ancestor: Activity, target: Activity) -> list[Activity]:
    """From ``ancestor`` down to ``target``'s parent (the activities a choice enters)."""
    path = target.path_to_root()
    return list(reversed(path[1:path.index(ancestor) + 1]))


def _sibling_case(ctx: SequencingContext, current: Activity, target: Activity) -> None:
    siblings = current.parent.available_children
    start, end = siblings.index(current), siblings.index(target)
    if end > start:
        for activity in siblings[start:end]:
            choice_activity_traversal_subprocess(ctx, activity, Direction.FORWARD)
    else:
        for activity in reversed(siblings[end + 1:start + 1]):
            choice_activity_traversal_subprocess(ctx, activity, Direction.BACKWARD)


def _descendant_case(ctx: SequencingContext, origin: Activity, target: Activity) -> None:
    for activity in _between(origin, target):
        choice_activity_traversal_subprocess(ctx, activity, Direction.FORWARD)
        _check_activation(activity, origin)


def _ancestor_case(current: Activity, target: Activity) -> None:
    path = current.path_to_root()
    for activity in path[:path.index(target)]:
        if not activity.definition.control_mode.choice_exit:
            raise SequencingException("SB.2.9-7", f"{activity.identifier} forbids choice exit")


def _elsewhere_case(ctx: SequencingContext, current: Activity, target: Activity,
                    ancestor: Activity) -> None:
    path = current.path_to_root()
    constrained = None
    for activity in path[:path.index(ancestor)]:
        if activity.state.is_active and not activity.definition.control_mode.choice_exit:
            raise SequencingException("SB.2.9-7", f"{activity.identifier} forbids choice exit")
        if (constrained is None and activity is not current
                and activity.definition.constrained_choice_considerations.constrain_choice):
            constrained = activity
    if constrained is not None:
        direction = (Direction.FORWARD if _is_forward(ctx, constrained, target)
                     else Direction.BACKWARD)
        considered = choice_flow_subprocess(ctx, constrained, direction)
        if (target is not considered and not considered.is_ancestor_of(target)
                and target is not constrained):
            raise SequencingException("SB.2.9-8", f"{constrained.identifier} constrains choice")
    entered = _between(ancestor, target)
    if _is_forward(ctx, current, target):
        for activity in entered:
            choice_activity_traversal_subprocess(ctx, activity, Direction.FORWARD)
            _check_activation(activity, ancestor)
    else:
        for activity in entered:
            _check_activation(activity, ancestor)


def choice_sequencing_request_process(ctx: SequencingContext, target: Activity | None) -> Activity:
    """SB.2.9: the activity to deliver for a choice of ``target``."""
    if target is None:
        raise SequencingException("SB.2.9-1", "the target is not in the activity tree")
    _check_path_to_target(ctx, target)
    current = ctx.current
    ancestor = common_ancestor(current, target) if current is not None else ctx.tree.root
    if current is None or current is ancestor:
        _descendant_case(ctx, ancestor, target)
    elif current is target:
        pass
    elif current.parent is target.parent:
        _sibling_case(ctx, current, target)
    elif target is ancestor:
        _ancestor_case(current, target)
    else:
        _elsewhere_case(ctx, current, target, ancestor)
    if target.is_leaf:
        return target
    try:
        return flow_subprocess(ctx, target, Direction.FORWARD, True)
    except SequencingException as error:
        if isinstance(error, EndOfSession) or error.code.startswith("SB.2"):
            terminate_descendent_attempts_process(ctx, ancestor)
            end_attempt_process(ctx, ancestor)
            ctx.current = target
            raise SequencingException("SB.2.9-9", "nothing to deliver in the target") from error
        raise
