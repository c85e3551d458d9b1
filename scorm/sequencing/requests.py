"""The Sequencing Request Process (SB.2.12) and the request processes it dispatches to: start
(SB.2.5), resume all (SB.2.6), continue (SB.2.7), previous (SB.2.8), choice (SB.2.9, in
:mod:`scorm.sequencing.choice`), retry (SB.2.10), exit (SB.2.11) and jump (SB.2.13)."""
from __future__ import annotations

from dataclasses import dataclass

from scorm.sequencing.choice import choice_sequencing_request_process
from scorm.sequencing.context import SequencingContext
from scorm.sequencing.errors import SequencingException
from scorm.sequencing.flow import Direction, EndOfSession, flow_subprocess
from scorm.sequencing.termination import SequencingRequest
from scorm.sequencing.tree import Activity


@dataclass(frozen=True)
class SequencingResult:
    """What the sequencing request process decided: deliver an activity, end the session, or
    neither (an exit that leaves the learner where they are)."""

    deliver: Activity | None = None
    end_session: bool = False


def start_sequencing_request_process(ctx: SequencingContext) -> SequencingResult:
    """SB.2.5."""
    if ctx.current is not None:
        raise SequencingException("SB.2.5-1", "the session has already begun")
    if ctx.tree.root.is_leaf:
        return SequencingResult(ctx.tree.root)
    return _flow(ctx, ctx.tree.root, Direction.FORWARD, True)


def resume_all_sequencing_request_process(ctx: SequencingContext) -> SequencingResult:
    """SB.2.6."""
    if ctx.current is not None:
        raise SequencingException("SB.2.6-1", "the session has already begun")
    if ctx.suspended is None:
        raise SequencingException("SB.2.6-2", "nothing is suspended")
    return SequencingResult(ctx.suspended)


def _flow(ctx: SequencingContext, activity: Activity, direction: Direction,
          consider_children: bool) -> SequencingResult:
    try:
        return SequencingResult(flow_subprocess(ctx, activity, direction, consider_children))
    except EndOfSession:
        return SequencingResult(end_session=True)


def continue_sequencing_request_process(ctx: SequencingContext) -> SequencingResult:
    """SB.2.7."""
    current = ctx.current
    if current is None:
        raise SequencingException("SB.2.7-1", "no current activity")
    if not current.is_root and not current.parent.definition.control_mode.flow:
        raise SequencingException("SB.2.7-2", f"flow is off for {current.parent.identifier}")
    return _flow(ctx, current, Direction.FORWARD, False)


def previous_sequencing_request_process(ctx: SequencingContext) -> SequencingResult:
    """SB.2.8."""
    current = ctx.current
    if current is None:
        raise SequencingException("SB.2.8-1", "no current activity")
    if not current.is_root and not current.parent.definition.control_mode.flow:
        raise SequencingException("SB.2.8-2", f"flow is off for {current.parent.identifier}")
    try:
        return SequencingResult(flow_subprocess(ctx, current, Direction.BACKWARD, False))
    except EndOfSession as error:
        raise SequencingException("SB.2.1-3", "nothing before the first activity") from error


def retry_sequencing_request_process(ctx: SequencingContext) -> SequencingResult:
    """SB.2.10."""
    current = ctx.current
    if current is None:
        raise SequencingException("SB.2.10-1", "no current activity")
    if current.state.is_active or current.state.is_suspended:
        raise SequencingException("SB.2.10-2", f"{current.identifier} has not ended")
    if current.is_leaf:
        return SequencingResult(current)
    try:
        return SequencingResult(flow_subprocess(ctx, current, Direction.FORWARD, True))
    except SequencingException as error:
        raise SequencingException("SB.2.10-3", "nothing to deliver in the retry") from error


def exit_sequencing_request_process(ctx: SequencingContext) -> SequencingResult:
    """SB.2.11."""
    current = ctx.current
    if current is None:
        raise SequencingException("SB.2.11-1", "no current activity")
    if current.state.is_active:
        raise SequencingException("SB.2.11-2", f"{current.identifier} is still active")
    return SequencingResult(end_session=current.is_root)


def jump_sequencing_request_process(ctx: SequencingContext,
                                    target: Activity | None) -> SequencingResult:
    """SB.2.13 (4th edition)."""
    if ctx.current is None:
        raise SequencingException("SB.2.13-1", "no current activity")
    if target is None:
        raise SequencingException("SB.2.13-2", "the target is not in the activity tree")
    if not target.is_available:
        # a child selection left out is not part of the tree for this attempt (SR.1)
        raise SequencingException("SB.2.13-2", f"{target.identifier} is not available")
    return SequencingResult(target)


def sequencing_request_process(ctx: SequencingContext, request: SequencingRequest,
                               target: Activity | None = None) -> SequencingResult:
    """SB.2.12: dispatch the request to its process."""
    if request is SequencingRequest.START:
        return start_sequencing_request_process(ctx)
    if request is SequencingRequest.RESUME_ALL:
        return resume_all_sequencing_request_process(ctx)
    if request is SequencingRequest.EXIT:
        return exit_sequencing_request_process(ctx)
    if request is SequencingRequest.RETRY:
        return retry_sequencing_request_process(ctx)
    if request is SequencingRequest.CONTINUE:
        return continue_sequencing_request_process(ctx)
    if request is SequencingRequest.PREVIOUS:
        return previous_sequencing_request_process(ctx)
    if request is SequencingRequest.CHOICE:
        return SequencingResult(choice_sequencing_request_process(ctx, target))
    return jump_sequencing_request_process(ctx, target)
