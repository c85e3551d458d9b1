"""The Termination Request Process (TB.2.3) with the Sequencing Exit Action Rules Subprocess
(TB.2.1), the Sequencing Post Condition Rules Subprocess (TB.2.2), the End Attempt Process
(UP.4) and the Terminate Descendent Attempts Process (UP.3).

- UP.4: a tracked leaf not suspended gets "completed" unless completionSetByContent, the SCO
  reported its completion (even as unknown) or the progress read through its maps is known,
  and "satisfied" likewise for its primary objective; a cluster is suspended when a child is;
  the activity stops being active and the Overall Rollup Process (RB.1.5) runs from it. So
  every rule evaluated afterwards sees the rolled-up status.
- TB.2.1: after the current activity's attempt ended, the exit condition rules of its
  ancestors from the root down; the first (outermost) that fires ends the descendants'
  attempts and its own (with rollup) and becomes the current activity.
- TB.2.2: unless the current activity is suspended, its first firing post-condition rule:
  retry / continue / previous become the sequencing request, exitParent / exitAll a
  termination request, retryAll both (exit all, then retry).
- TB.2.3 exit: UP.4, TB.2.1, then TB.2.2 repeatedly while it asks to exit the parent (each
  parent's attempt ending with its rollup); at the root, anything but retry ends the session.
"""
from __future__ import annotations

from enum import Enum

from scorm.manifest.sequencing import EXIT_CONDITION_ACTIONS, POST_CONDITION_ACTIONS, RuleAction
from scorm.sequencing.context import SequencingContext
from scorm.sequencing.errors import SequencingException
from scorm.sequencing.objectives import (
    read_completion,
    read_primary,
    set_completion,
    set_primary_satisfaction,
)
from scorm.sequencing.rollup import overall_rollup_process
from scorm.sequencing.rules import sequencing_rules_check_process
from scorm.sequencing.selection import select_for_next_attempt
from scorm.sequencing.tree import Activity, common_ancestor


class TerminationRequest(Enum):
    EXIT = "exit"
    EXIT_PARENT = "exitParent"
    EXIT_ALL = "exitAll"
    SUSPEND_ALL = "suspendAll"
    ABANDON = "abandon"
    ABANDON_ALL = "abandonAll"


class SequencingRequest(Enum):
    START = "start"
    RESUME_ALL = "resumeAll"
    CONTINUE = "continue"
    PREVIOUS = "previous"
    CHOICE = "choice"
    JUMP = "jump"
    EXIT = "exit"
    RETRY = "retry"


def end_attempt_process(ctx: SequencingContext, activity: Activity) -> None:
    """UP.4: fill in a tracked leaf's defaults, settle a cluster's suspension, roll up; a
    cluster that ended (not suspended) gets its children for the next attempt (SR.1, SR.2)."""
    state = activity.state
    if activity.is_leaf:
        controls = activity.definition.delivery_controls
        if activity.is_tracked and not state.is_suspended:
            # a SCO that explicitly reported "unknown" keeps it (as ADL's LMS does)
            if not (controls.completion_set_by_content or state.completion_reported
                    or read_completion(activity, ctx.store)[0]):
                set_completion(activity, ctx.store, progress=True, completed=True)
            if not (controls.objective_set_by_content or state.success_reported
                    or read_primary(activity, ctx.store).progress_status):
                set_primary_satisfaction(activity, ctx.store, progress=True, satisfied=True)
    else:
        state.is_suspended = any(child.state.is_suspended for child in activity.children)
    state.is_active = False
    overall_rollup_process(activity, ctx.store)
    select_for_next_attempt(activity, ctx.rng)


def end_sequencing_session(ctx: SequencingContext) -> None:
    """OP.1 on a request to end the sequencing session: the session ends with the root's
    attempt (flow past the last activity, SB.2.1, only ended the attempts below the root)."""
    root = ctx.tree.root
    if root.state.is_active:
        terminate_descendent_attempts_process(ctx, root)
        end_attempt_process(ctx, root)
    ctx.current = None


def terminate_descendent_attempts_process(ctx: SequencingContext, activity: Activity) -> None:
    """UP.3: end the attempts between the current activity and ``activity`` (exclusive)."""
    if ctx.current is None:
        return
    ancestor = common_ancestor(ctx.current, activity)
    path = ctx.current.path_to_root()
    for node in path[1:path.index(ancestor)]:
        end_attempt_process(ctx, node)


def sequencing_exit_action_rules_subprocess(ctx: SequencingContext) -> None:
    """TB.2.1: the outermost ancestor whose exit rule fires ends, with its descendants."""
    ancestors = list(reversed(ctx.current.path_to_root()[1:]))
    for activity in ancestors:
        if sequencing_rules_check_process(activity, EXIT_CONDITION_ACTIONS, ctx.store):
            terminate_descendent_attempts_process(ctx, activity)
            end_attempt_process(ctx, activity)
            ctx.current = activity
            return


def sequencing_post_condition_rules_subprocess(
        ctx: SequencingContext) -> tuple[TerminationRequest | None, SequencingRequest | None]:
    """TB.2.2: the current activity's post-condition rule, as termination/sequencing requests."""
    if ctx.current.state.is_suspended:
        return None, None
    action = sequencing_rules_check_process(ctx.current, POST_CONDITION_ACTIONS, ctx.store)
    if action in (RuleAction.RETRY, RuleAction.CONTINUE, RuleAction.PREVIOUS):
        return None, SequencingRequest(action.value)
    if action is RuleAction.EXIT_PARENT:
        return TerminationRequest.EXIT_PARENT, None
    if action is RuleAction.EXIT_ALL:
        return TerminationRequest.EXIT_ALL, None
    if action is RuleAction.RETRY_ALL:
        return TerminationRequest.EXIT_ALL, SequencingRequest.RETRY
    return None, None


def termination_request_process(ctx: SequencingContext,
                                request: TerminationRequest) -> SequencingRequest | None:
    """TB.2.3: end what the request ends; return the sequencing request that follows."""
    current = ctx.current
    if current is None:
        raise SequencingException("TB.2.3-1", "no current activity")
    if request in (TerminationRequest.EXIT, TerminationRequest.ABANDON) and not current.state.is_active:
        raise SequencingException("TB.2.3-2", "the current activity already ended")
    if request is TerminationRequest.EXIT:
        return _exit(ctx)
    if request is TerminationRequest.EXIT_ALL:
        return _exit_all(ctx)
    if request is TerminationRequest.SUSPEND_ALL:
        return _suspend_all(ctx)
    if request is TerminationRequest.ABANDON:
        current.state.is_active = False
        return None
    for activity in current.path_to_root():  # abandon all
        activity.state.is_active = False
        select_for_next_attempt(activity, ctx.rng)
    ctx.current = ctx.tree.root
    return SequencingRequest.EXIT


def _exit(ctx: SequencingContext) -> SequencingRequest | None:
    end_attempt_process(ctx, ctx.current)
    sequencing_exit_action_rules_subprocess(ctx)
    while True:
        termination, sequencing = sequencing_post_condition_rules_subprocess(ctx)
        if termination is TerminationRequest.EXIT_ALL:
            follow = _exit_all(ctx)
            return sequencing or follow
        if termination is TerminationRequest.EXIT_PARENT:
            if ctx.current.is_root:
                raise SequencingException("TB.2.3-4", "exit parent at the root")
            ctx.current = ctx.current.parent
            end_attempt_process(ctx, ctx.current)
            continue
        if ctx.current.is_root and sequencing is not SequencingRequest.RETRY:
            return SequencingRequest.EXIT
        return sequencing


def _exit_all(ctx: SequencingContext) -> SequencingRequest:
    # exit all ends every attempt: a SCO's cmi.exit=suspend only lasts through suspend all
    for activity in ctx.current.path_to_root():
        activity.state.is_suspended = False
    ctx.suspended = None
    if ctx.current.state.is_active:
        end_attempt_process(ctx, ctx.current)
    terminate_descendent_attempts_process(ctx, ctx.tree.root)
    end_attempt_process(ctx, ctx.tree.root)
    ctx.current = ctx.tree.root
    return SequencingRequest.EXIT


def _suspend_all(ctx: SequencingContext) -> SequencingRequest:
    current = ctx.current
    if current.state.is_active or current.state.is_suspended:
        overall_rollup_process(current, ctx.store)
        ctx.suspended = current
    elif not current.is_root:
        ctx.suspended = current.parent
    else:
        raise SequencingException("TB.2.3-3", "nothing to suspend")
    for activity in ctx.suspended.path_to_root():
        activity.state.is_active = False
        activity.state.is_suspended = True
    ctx.current = ctx.tree.root
    return SequencingRequest.EXIT
