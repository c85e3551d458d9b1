"""Delivery: the Delivery Request Process (DB.1.1), the Content Delivery Environment Process
(DB.2) and the Clear Suspended Activity Subprocess (DB.2.1)."""
from __future__ import annotations

from scorm.sequencing.context import SequencingContext
from scorm.sequencing.errors import SequencingException
from scorm.sequencing.rules import check_activity_process
from scorm.sequencing.termination import terminate_descendent_attempts_process
from scorm.sequencing.tree import Activity, common_ancestor


def delivery_request_process(ctx: SequencingContext, activity: Activity) -> None:
    """DB.1.1: raise unless the activity is a leaf and nothing on its path is disabled."""
    if not activity.is_leaf:
        raise SequencingException("DB.1.1-1", f"{activity.identifier} is not a leaf")
    for node in reversed(activity.path_to_root()):
        if check_activity_process(node, ctx.store):
            raise SequencingException("DB.1.1-3", f"{node.identifier} may not be delivered")


def clear_suspended_activity_subprocess(ctx: SequencingContext, activity: Activity) -> None:
    """DB.2.1: unsuspend the suspended branch up to where it meets ``activity``."""
    suspended = ctx.suspended
    if suspended is None:
        return
    ancestor = common_ancestor(activity, suspended)
    path = suspended.path_to_root()
    for node in path[:path.index(ancestor) + 1]:
        if node.is_leaf:
            node.state.is_suspended = False
        elif not any(child.state.is_suspended for child in node.children):
            node.state.is_suspended = False
    ctx.suspended = None


def content_delivery_environment_process(ctx: SequencingContext, activity: Activity) -> None:
    """DB.2: begin the attempts on the path to ``activity`` and make it current."""
    if ctx.current is activity and activity.state.is_active:
        raise SequencingException("DB.2-1", f"{activity.identifier} is already being delivered")
    if activity is not ctx.suspended:
        clear_suspended_activity_subprocess(ctx, activity)
    terminate_descendent_attempts_process(ctx, activity)
    for node in reversed(activity.path_to_root()):
        state = node.state
        if state.is_active:
            continue
        if node.is_tracked:
            if state.is_suspended:
                state.is_suspended = False
            else:
                _begin_attempt(ctx, node)
        state.is_active = True
    ctx.current = activity
    ctx.suspended = None


def _begin_attempt(ctx: SequencingContext, activity: Activity) -> None:
    state = activity.state
    state.attempt_count += 1
    if state.attempt_count == 1:
        state.activity_progress_status = True
    state.reset_attempt()
    if not activity.is_leaf:
        # no SR.1/SR.2 here: flow or choice already picked among the children this attempt
        # uses; they were selected when the previous attempt ended (see end_attempt_process)
        _forget_children_attempts(activity)


def _forget_children_attempts(activity: Activity) -> None:
    """A new attempt on a cluster marks its children's data as from an earlier attempt:
    rollup then ignores it (useCurrentAttempt*Info), sequencing rules still see it (as ADL's
    LMS does: SX-07d skips a child satisfied in the cluster's previous attempt)."""
    control = activity.definition.control_mode
    for descendant in list(activity.walk())[1:]:
        state = descendant.state
        if state.is_suspended:
            continue
        state.progress_from_earlier_attempt = control.use_current_attempt_progress_info
        state.objectives_from_earlier_attempt = control.use_current_attempt_objective_info

