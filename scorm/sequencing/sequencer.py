"""The public face: :class:`Sequencer`, the Overall Sequencing Process (OP.1) for one learner
on one organization, with the hooks a player needs."""
from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from scorm.manifest.launch import select_organization
from scorm.manifest.model import Manifest, Organization
from scorm.sequencing.context import SequencingContext
from scorm.sequencing.delivery import content_delivery_environment_process, delivery_request_process
from scorm.errors import ScormError
from scorm.sequencing.errors import (
    SequencerStateError,
    SequencingError,
    SequencingException,
    SuspendedStateError,
)
from scorm.sequencing.lookahead import LookAhead
from scorm.sequencing.navigation import NavigationRequest, navigation_request_process
from scorm.sequencing.objectives import GlobalStore
from scorm.sequencing.requests import sequencing_request_process
from scorm.sequencing.runtime_bridge import LaunchValues, launch_values, record_runtime_data
from scorm.sequencing.selection import apply_selection_and_randomization
from scorm.sequencing.termination import end_sequencing_session, termination_request_process
from scorm.sequencing.tree import Activity, build_activity_tree

_TARGETED = re.compile(r"^\{target=(?P<target>[^}]*)\}(?P<kind>choice|jump)$")


@dataclass(frozen=True)
class SequencingOutcome:
    """The result of one navigation request.

    ``delivered``: the identifier of the activity now to launch; ``resumed``: it continues a
    suspended attempt; ``session_ended``: the sequencing session is over; ``exception``: the
    SN book's code when the request was refused (nothing changed then, unless the book says so).
    """

    delivered: str | None = None
    resumed: bool = False
    session_ended: bool = False
    exception: str | None = None

    @property
    def is_valid(self) -> bool:
        return self.exception is None


@dataclass(frozen=True)
class NavigationState:
    """What the player shows: the current activity, the enabled controls, the TOC."""

    current: str | None
    session_active: bool
    continue_enabled: bool
    previous_enabled: bool
    hidden_controls: frozenset[str]
    choosable: frozenset[str]
    visible: frozenset[str]
    request_valid: dict[str, str]


def parse_navigation_request(text: str) -> tuple[NavigationRequest | None, str | None]:
    """``adl.nav.request`` text to (request, target); (None, None) for ``_none_``."""
    match = _TARGETED.match(text)
    if match:
        return NavigationRequest(match["kind"]), match["target"]
    if text in ("", "_none_"):
        return None, None
    return NavigationRequest(text), None


@contextmanager
def _sequencer_errors(doing: str, current: Activity | None) -> Iterator[None]:
    """Any failure but the package's own becomes a SequencerStateError naming the request."""
    try:
        yield
    except ScormError:
        raise
    except Exception as error:  # a player must never see a bare ValueError from a look-ahead
        where = current.identifier if current is not None else "no current activity"
        raise SequencerStateError(f"{doing} failed at {where}: {error!r}") from error


class Sequencer:
    """SCORM 2004 sequencing for one learner on one organization of a manifest.

    ``global_store`` holds the learner's global objectives (a dict by default); ``rng`` drives
    selection and randomization. Raises SequencingError if the manifest has no organization.
    """

    def __init__(self, manifest: Manifest, organization: Organization | None = None, *,
                 global_store: GlobalStore | None = None, rng: random.Random | None = None) -> None:
        organization = organization or select_organization(manifest)
        if organization is None:
            raise SequencingError("the manifest has no organization to sequence")
        self.organization = organization
        self.tree = build_activity_tree(manifest, organization)
        self.context = SequencingContext(self.tree, global_store if global_store is not None
                                         else {}, rng or random.Random())
        for activity in self.tree:
            apply_selection_and_randomization(activity, self.context.rng, new_attempt=False)
        self._resumed = False

    # -- state ---------------------------------------------------------------------------------

    @property
    def current(self) -> Activity | None:
        return self.context.current

    @property
    def suspended(self) -> Activity | None:
        return self.context.suspended

    @property
    def session_active(self) -> bool:
        return self.context.current is not None

    def activity(self, identifier: str) -> Activity | None:
        return self.tree.find(identifier)

    # -- the overall sequencing process --------------------------------------------------------

    def navigate(self, request: NavigationRequest | str, target: str | None = None) -> SequencingOutcome:
        """OP.1 for one navigation request (``request`` may be ``adl.nav.request`` text).

        A refusal comes back as ``exception``; raises SequencerStateError if a process fails
        unexpectedly (and ValueError for request text that names no request)."""
        if isinstance(request, str):
            parsed, parsed_target = parse_navigation_request(request)
            if parsed is None:
                return SequencingOutcome()
            request, target = parsed, parsed_target or target
        doing = f"navigation request {request.value}" + (f" to {target}" if target else "")
        with _sequencer_errors(doing, self.context.current):
            try:
                return self._overall_sequencing_process(request, target)
            except SequencingException as error:
                return SequencingOutcome(exception=error.code)

    def _overall_sequencing_process(self, request: NavigationRequest,
                                    target: str | None) -> SequencingOutcome:
        ctx = self.context
        target_activity = self.tree.find(target) if target is not None else None
        requests = navigation_request_process(ctx, request, target_activity)
        sequencing = requests.sequencing
        if requests.termination is not None:
            follow = termination_request_process(ctx, requests.termination)
            if follow is not None:
                sequencing = follow
        if sequencing is None:
            return SequencingOutcome()
        result = sequencing_request_process(ctx, sequencing, requests.target)
        if result.end_session:
            end_sequencing_session(ctx)
            return SequencingOutcome(session_ended=True)
        if result.deliver is None:
            return SequencingOutcome()
        delivery_request_process(ctx, result.deliver)
        resumed = result.deliver.state.is_suspended and result.deliver.is_leaf
        content_delivery_environment_process(ctx, result.deliver)
        self._resumed = resumed
        return SequencingOutcome(delivered=result.deliver.identifier, resumed=resumed)

    # -- the runtime hooks ---------------------------------------------------------------------

    def launch_values(self) -> LaunchValues:
        """The run-time data and launch fields for the activity just delivered."""
        if self.context.current is None:
            raise SequencingError("no activity is delivered")
        return launch_values(self.context.current, self.context.store, resumed=self._resumed)

    def record_runtime_data(self, data: Mapping[str, str], *, exit_value: str = "",
                            nav_request: str = "_none_") -> None:
        """At the SCO's Terminate: map its data (``RuntimeSession.state``) into tracking."""
        if self.context.current is None:
            raise SequencingError("no activity is delivered")
        record_runtime_data(self.context.current, self.context.store, data,
                            exit_value=exit_value, nav_request=nav_request)

    # -- look-ahead ----------------------------------------------------------------------------

    def is_request_valid(self, request: NavigationRequest | str, target: str | None = None) -> bool:
        """Would the request succeed now? (tried on a copy; nothing changes)."""
        with LookAhead(self):
            outcome = self.navigate(request, target)
        return outcome.is_valid and (outcome.delivered is not None or outcome.session_ended)

    def request_valid(self, *, with_targets: bool = True) -> dict[str, str]:
        """``adl.nav.request_valid`` answers: continue, previous, choice/jump per activity."""
        answers = {name: "true" if self.is_request_valid(name) else "false"
                   for name in ("continue", "previous")}
        if with_targets:
            for activity in self.tree:
                choice = self.is_request_valid(NavigationRequest.CHOICE, activity.identifier)
                answers[f"choice.{{target={activity.identifier}}}"] = "true" if choice else "false"
                jump = self.is_request_valid(NavigationRequest.JUMP, activity.identifier)
                answers[f"jump.{{target={activity.identifier}}}"] = "true" if jump else "false"
        return answers

    def navigation_state(self) -> NavigationState:
        """The controls and TOC a player shows now. Raises SequencerStateError as navigate."""
        from scorm.sequencing.navstate import navigation_state
        with _sequencer_errors("the navigation state", self.context.current):
            return navigation_state(self)

    # -- suspend all / resume all --------------------------------------------------------------

    def export_state(self) -> dict:
        """The whole tracking state as a JSON-able dict (store it after suspend all)."""
        return {
            "activities": self.tree.export_state(),
            "current": self.context.current.identifier if self.context.current else None,
            "suspended": self.context.suspended.identifier if self.context.suspended else None,
        }

    def import_state(self, data: dict) -> None:
        """Restore :meth:`export_state`'s dict. Raises SuspendedStateError if it does not fit."""
        unknown = set(data.get("activities", {})) - set(self.tree.by_id)
        for key in ("current", "suspended"):
            if data.get(key) is not None and data[key] not in self.tree.by_id:
                unknown.add(data[key])
        if unknown:
            raise SuspendedStateError(f"the saved state names unknown activities: {sorted(unknown)}")
        self.tree.import_state(data.get("activities", {}))
        self.context.current = self.tree.find(data.get("current"))
        self.context.suspended = self.tree.find(data.get("suspended"))
