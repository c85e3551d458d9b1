"""The Navigation Request Process (NB.2.1): which termination and sequencing requests a
navigation request becomes, or the exception that refuses it."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from scorm.sequencing.context import SequencingContext
from scorm.sequencing.errors import SequencingException
from scorm.sequencing.termination import SequencingRequest, TerminationRequest
from scorm.sequencing.tree import Activity, common_ancestor


class NavigationRequest(Enum):
    START = "start"
    RESUME_ALL = "resumeAll"
    CONTINUE = "continue"
    PREVIOUS = "previous"
    FORWARD = "forward"
    BACKWARD = "backward"
    CHOICE = "choice"
    JUMP = "jump"
    EXIT = "exit"
    EXIT_ALL = "exitAll"
    ABANDON = "abandon"
    ABANDON_ALL = "abandonAll"
    SUSPEND_ALL = "suspendAll"


@dataclass(frozen=True)
class Requests:
    termination: TerminationRequest | None
    sequencing: SequencingRequest | None
    target: Activity | None = None


def _need_current(ctx: SequencingContext) -> Activity:
    if ctx.current is None:
        raise SequencingException("NB.2.1-2", "no current activity")
    return ctx.current


def _exit_first(current: Activity, request: SequencingRequest,
                target: Activity | None = None) -> Requests:
    termination = TerminationRequest.EXIT if current.state.is_active else None
    return Requests(termination, request, target)


def _choice(ctx: SequencingContext, target: Activity | None) -> Requests:
    if target is None:
        raise SequencingException("NB.2.1-11", "the choice target is not in the activity tree")
    if not target.is_root and not target.parent.definition.control_mode.choice:
        raise SequencingException("NB.2.1-10", f"choice is off for {target.parent.identifier}")
    current = ctx.current
    if current is None:
        return Requests(None, SequencingRequest.CHOICE, target)
    if current is not target:
        ancestor = common_ancestor(current, target)
        path = current.path_to_root()
        activities = path[:path.index(ancestor)]
        for activity in activities:
            if activity.state.is_active and not activity.definition.control_mode.choice_exit:
                raise SequencingException("NB.2.1-8", f"{activity.identifier} forbids choice exit")
    return _exit_first(current, SequencingRequest.CHOICE, target)


def navigation_request_process(ctx: SequencingContext, request: NavigationRequest,
                               target: Activity | None = None) -> Requests:
    """NB.2.1: translate the request (raises SequencingException when it is not valid)."""
    current = ctx.current
    if request is NavigationRequest.START:
        if current is not None:
            raise SequencingException("NB.2.1-1", "the session has already begun")
        return Requests(None, SequencingRequest.START)
    if request is NavigationRequest.RESUME_ALL:
        if current is not None:
            raise SequencingException("NB.2.1-1", "the session has already begun")
        if ctx.suspended is None:
            raise SequencingException("NB.2.1-3", "nothing is suspended")
        return Requests(None, SequencingRequest.RESUME_ALL)
    if request is NavigationRequest.CONTINUE:
        current = _need_current(ctx)
        if current.is_root or not current.parent.definition.control_mode.flow:
            raise SequencingException("NB.2.1-4", "flow is not allowed here")
        return _exit_first(current, SequencingRequest.CONTINUE)
    if request is NavigationRequest.PREVIOUS:
        current = _need_current(ctx)
        if current.is_root:
            raise SequencingException("NB.2.1-6", "previous from the root")
        control = current.parent.definition.control_mode
        if not control.flow or control.forward_only:
            raise SequencingException("NB.2.1-5", "backward flow is not allowed here")
        return _exit_first(current, SequencingRequest.PREVIOUS)
    if request in (NavigationRequest.FORWARD, NavigationRequest.BACKWARD):
        raise SequencingException("NB.2.1-7", "forward and backward are not supported")
    if request is NavigationRequest.CHOICE:
        return _choice(ctx, target)
    if request is NavigationRequest.JUMP:
        current = _need_current(ctx)
        if target is None:
            raise SequencingException("NB.2.1-11", "the jump target is not in the activity tree")
        return _exit_first(current, SequencingRequest.JUMP, target)
    return _ending(ctx, request)


def _ending(ctx: SequencingContext, request: NavigationRequest) -> Requests:
    current = _need_current(ctx)
    if request in (NavigationRequest.EXIT, NavigationRequest.ABANDON):
        if not current.state.is_active:
            raise SequencingException("NB.2.1-12", f"{current.identifier} is not active")
        termination = (TerminationRequest.EXIT if request is NavigationRequest.EXIT
                       else TerminationRequest.ABANDON)
        return Requests(termination, SequencingRequest.EXIT)
    if request is NavigationRequest.EXIT_ALL:
        return Requests(TerminationRequest.EXIT_ALL, SequencingRequest.EXIT)
    if request is NavigationRequest.ABANDON_ALL:
        return Requests(TerminationRequest.ABANDON_ALL, SequencingRequest.EXIT)
    if request is NavigationRequest.SUSPEND_ALL:
        return Requests(TerminationRequest.SUSPEND_ALL, SequencingRequest.EXIT)
    raise SequencingException("NB.2.1-13", f"unknown navigation request {request!r}")
